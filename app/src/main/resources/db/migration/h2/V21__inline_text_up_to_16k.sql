-- H2 keeps a CLOB or BLOB value of up to MAX_LENGTH_INPLACE_LOB bytes in its row and a larger one in its separate LOB
-- store (default 256: nearly every history payload, status view and report went there, the largest single cost of
-- a read-model write and of a rebuild, docs/benchmarks.md). The setting is the database's, persistent, and applies
-- to values written from now on; larger values (an assessment with a year of samples) still go to the LOB store.
SET MAX_LENGTH_INPLACE_LOB 16384;
