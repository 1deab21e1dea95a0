-- Where the live read models are (docs/operations.md, "Rebuilding the read models"). No row: in the default schema,
-- where Flyway keeps them. After a rebuild: in live_schema, which connections put first on their search path.
-- The default schema's read-model tables then stay as they were when the first rebuild swapped, consistent with
-- base_token (the "projections" processor's token at that moment); a migration applied after migration_rank
-- changes those tables, so at start the ledger goes back to them and catches them up from base_token.
CREATE TABLE read_model_schema (
    id              INTEGER                  NOT NULL PRIMARY KEY,
    live_schema     VARCHAR(128)             NOT NULL,
    migration_rank  INTEGER                  NOT NULL,
    base_token      VARBINARY,
    base_token_type VARCHAR(255),
    events          BIGINT                   NOT NULL,
    swapped_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
