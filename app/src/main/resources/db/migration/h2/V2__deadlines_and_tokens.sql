-- db-scheduler's table: Axon's DbSchedulerDeadlineManager keeps pending deadlines here (they survive restarts).
create table scheduled_tasks (
    task_name            varchar(100) not null,
    task_instance        varchar(100) not null,
    task_data            blob,
    execution_time       timestamp(6) with time zone not null,
    picked               boolean      not null,
    picked_by            varchar(50),
    last_success         timestamp(6) with time zone,
    last_failure         timestamp(6) with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp(6) with time zone,
    version              bigint       not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index idx_scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index idx_scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index idx_scheduled_tasks_priority_time on scheduled_tasks (priority desc, execution_time asc);

-- Bearer tokens: only the SHA-256 of a token is stored.
create table access_token (
    token_id       varchar(64)  not null primary key,
    token_hash     varchar(64)  not null,
    principal_type varchar(20)  not null,
    principal_id   varchar(64)  not null,
    issued_at      timestamp(6) with time zone not null,
    revoked_at     timestamp(6) with time zone,
    constraint uk_access_token_hash unique (token_hash)
);
