-- The global index takes its value from domain_event_entry_seq also when an insert names no global_index: Axon's
-- JDBC storage engine (the default since issue 11; ledger.event-storage) inserts events without it, where the JPA
-- engine asked Hibernate for the sequence's next value first. The same sequence, increment 1: the table, its
-- data and the tracking tokens stay as they were, and either engine can write to it.
alter table domain_event_entry alter column global_index set default nextval('domain_event_entry_seq');
