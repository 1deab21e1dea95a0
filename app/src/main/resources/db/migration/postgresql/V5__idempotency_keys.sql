-- Idempotency-Key: the first answer to a (caller, key), replayed for the same request, refused for another.
create table idempotency_key (
    scope          varchar(400) not null primary key,
    fingerprint    varchar(64)  not null,
    state          varchar(10)  not null,
    response_status integer,
    content_type   varchar(200),
    location       varchar(1000),
    etag           varchar(100),
    response_body  bytea,
    created_at     timestamp(6) with time zone not null,
    completed_at   timestamp(6) with time zone
);
