-- Read-side projections (query module), rebuilt by replaying the "projections" processor.
-- Free text columns are VARCHAR without a length (unbounded here): a too-long title must never stall the projection.

CREATE TABLE agreement_status (
    agreement_id  VARCHAR(255)             NOT NULL PRIMARY KEY,
    status        VARCHAR(32)              NOT NULL,
    basin         VARCHAR(255),
    title         VARCHAR,
    drafted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    public_since  TIMESTAMP WITH TIME ZONE,
    version       BIGINT                   NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    view_json     TEXT                     NOT NULL
);
CREATE INDEX agreement_status_drafted_idx ON agreement_status (drafted_at DESC, agreement_id);
CREATE INDEX agreement_status_status_idx ON agreement_status (status, drafted_at DESC);
CREATE INDEX agreement_status_basin_idx ON agreement_status (basin, drafted_at DESC);
CREATE INDEX agreement_status_public_idx ON agreement_status (public_since);

CREATE TABLE agreement_party (
    agreement_id    VARCHAR(255) NOT NULL,
    jurisdiction_id VARCHAR(255) NOT NULL,
    PRIMARY KEY (agreement_id, jurisdiction_id)
);
CREATE INDEX agreement_party_jurisdiction_idx ON agreement_party (jurisdiction_id, agreement_id);

CREATE TABLE agreement_terms (
    agreement_id       VARCHAR(255) NOT NULL PRIMARY KEY,
    canonical_document TEXT         NOT NULL,
    terms_hash         VARCHAR(64)  NOT NULL,
    is_current         BOOLEAN      NOT NULL,
    version            BIGINT       NOT NULL
);

CREATE TABLE agreement_history (
    agreement_id       VARCHAR(255)             NOT NULL,
    sequence           BIGINT                   NOT NULL,
    event_id           VARCHAR(255)             NOT NULL,
    type               VARCHAR(255)             NOT NULL,
    aggregate_type     VARCHAR(255),
    aggregate_id       VARCHAR(255),
    aggregate_sequence BIGINT,
    occurred_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    actor              VARCHAR(255),
    actor_jurisdiction VARCHAR(255),
    request_id         VARCHAR(255),
    correlation_id     VARCHAR(255),
    payload            TEXT                     NOT NULL,
    leaf_index         BIGINT,
    PRIMARY KEY (agreement_id, sequence),
    CONSTRAINT agreement_history_event_uk UNIQUE (event_id)
);

CREATE TABLE registry_jurisdiction (
    jurisdiction_id VARCHAR(255)             NOT NULL PRIMARY KEY,
    name            VARCHAR                  NOT NULL,
    level           VARCHAR(32)              NOT NULL,
    parent_id       VARCHAR(255),
    registered_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT                   NOT NULL
);

CREATE TABLE registry_jurisdiction_key (
    jurisdiction_id VARCHAR(255)             NOT NULL,
    key_id          VARCHAR(64)              NOT NULL,
    public_key      VARCHAR                  NOT NULL,
    added_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (jurisdiction_id, key_id)
);

CREATE TABLE registry_mediator (
    mediator_id   VARCHAR(255)             NOT NULL PRIMARY KEY,
    name          VARCHAR                  NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);
