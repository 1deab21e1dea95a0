-- Payment terms (issue 13): a transfer's last day to pay (basin time), when the ledger recorded it overdue, and the
-- late-interest transfer a late payment created. Null for transfers without payment terms, as every transfer
-- recorded before them.
ALTER TABLE compensation_transfer ADD COLUMN due_date DATE;
ALTER TABLE compensation_transfer ADD COLUMN overdue_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE compensation_transfer ADD COLUMN late_interest_transfer_id VARCHAR(255);
