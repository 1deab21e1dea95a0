-- Rounds (issue 13): the agreement a round continues, as its draft names it, so that a round's successor (the
-- public agreement naming it) and the chain of rounds are found by index. Rows written before: filled by a replay of
-- the "projections" processor (none of them names a predecessor: drafts could not before this column).
ALTER TABLE agreement_status ADD COLUMN predecessor_id VARCHAR(255);
CREATE INDEX agreement_status_predecessor_idx ON agreement_status (predecessor_id);
