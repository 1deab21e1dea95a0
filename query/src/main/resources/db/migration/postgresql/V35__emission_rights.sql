-- Emission rights (issue 15). Transfers of emission schemes (ALLOCATION, TRADE, PENALTY) name their scheme and no
-- agreement.
ALTER TABLE compensation_transfer ALTER COLUMN agreement_id DROP NOT NULL;
ALTER TABLE compensation_transfer ADD COLUMN scheme_id VARCHAR(255);
CREATE INDEX compensation_transfer_scheme_idx ON compensation_transfer (scheme_id, created_at);
