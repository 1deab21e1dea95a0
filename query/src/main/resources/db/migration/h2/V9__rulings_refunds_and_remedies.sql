-- Rulings that cannot make anyone pay twice (query module), rebuilt by replaying the "projections" processor.

-- A refund or top-up names the transfer it corrects; a transfer paid before a ruling changed it keeps its amount
-- (what was paid) and records what the ruling set as owed (zero when it cancelled it).
ALTER TABLE compensation_transfer ADD COLUMN corrects_transfer_id VARCHAR(255);
ALTER TABLE compensation_transfer ADD COLUMN ruled_amount DECIMAL(19, 2);
CREATE INDEX compensation_transfer_corrects_idx ON compensation_transfer (corrects_transfer_id);

-- What a claim asked for if upheld, and what the ruling applied (null: none named, or rows of older releases).
ALTER TABLE dispute ADD COLUMN remedy_type VARCHAR(16);
ALTER TABLE dispute ADD COLUMN remedy_amount DECIMAL(19, 2);
ALTER TABLE dispute ADD COLUMN remedy_currency VARCHAR(3);
ALTER TABLE dispute ADD COLUMN ruling_remedy_type VARCHAR(16);
ALTER TABLE dispute ADD COLUMN ruling_remedy_amount DECIMAL(19, 2);
ALTER TABLE dispute ADD COLUMN ruling_remedy_currency VARCHAR(3);
