-- Idempotency keys now take effect in the command's own transaction: the row is written, state APPLIED, by the
-- command that applies the request (attempt names that request), and completed (DONE, with the answer) after it.
-- A row PENDING from the old scheme was claimed outside any command: whether its command committed is unknown,
-- and kept it would answer "in progress" for good. It is dropped, so a retry with its key is applied (see
-- docs/operations.md, "Idempotency keys": check the transfers of keys left PENDING before this upgrade).
delete from idempotency_key where state = 'PENDING';
alter table idempotency_key add column attempt varchar(64);
-- the scheduled purge deletes by age
create index idempotency_key_created_at on idempotency_key (created_at);
