-- Disputes (query module) and their effects on transfers, monitoring reports and assessments, rebuilt by
-- replaying the "projections" processor. JSON columns hold what the ObjectMapper wrote, read back exactly.

CREATE TABLE dispute (
    dispute_id         VARCHAR(255)             NOT NULL PRIMARY KEY,
    agreement_id       VARCHAR(255)             NOT NULL,
    subject_type       VARCHAR(32)              NOT NULL,
    subject_id         VARCHAR(255)             NOT NULL,
    claimant           VARCHAR(255)             NOT NULL,
    respondents_json   CLOB                     NOT NULL,
    claim              VARCHAR,
    mediator_id        VARCHAR(255),
    status             VARCHAR(32)              NOT NULL,
    ruling_mediator_id VARCHAR(255),
    ruling_outcome     VARCHAR(32),
    ruling_reasoning   VARCHAR,
    adjusted_amount    DECIMAL(19, 2),
    adjusted_currency  VARCHAR(3),
    ruled_at           TIMESTAMP WITH TIME ZONE,
    withdrawn_at       TIMESTAMP WITH TIME ZONE,
    raised_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version            BIGINT                   NOT NULL
);
CREATE INDEX dispute_agreement_idx ON dispute (agreement_id, raised_at);
CREATE INDEX dispute_raised_idx ON dispute (raised_at DESC, dispute_id);
CREATE INDEX dispute_mediator_idx ON dispute (mediator_id, raised_at);

CREATE TABLE dispute_statement (
    dispute_id    VARCHAR(255)             NOT NULL,
    number        INTEGER                  NOT NULL,
    author_role   VARCHAR(64),
    author_id     VARCHAR(255),
    text          VARCHAR,
    evidence_json CLOB                     NOT NULL,
    added_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (dispute_id, number)
);

-- Every amount a ruling set on a transfer, with the amount before: the amount at an earlier instant (asOf) is
-- the previous amount of the first adjustment after that instant, else the current one.
CREATE TABLE compensation_transfer_adjustment (
    transfer_id       VARCHAR(255)             NOT NULL,
    version           BIGINT                   NOT NULL,
    dispute_id        VARCHAR(255),
    previous_amount   DECIMAL(19, 2)           NOT NULL,
    previous_currency VARCHAR(3)               NOT NULL,
    amount            DECIMAL(19, 2)           NOT NULL,
    currency          VARCHAR(3)               NOT NULL,
    adjusted_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (transfer_id, version)
);

-- A report under dispute is left out of assessments until the ruling; a rejected one for good.
-- status_version: the agreement's aggregate sequence of the last event that set the status.
ALTER TABLE compliance_report ADD COLUMN status VARCHAR(16) DEFAULT 'ACCEPTED' NOT NULL;
ALTER TABLE compliance_report ADD COLUMN status_version BIGINT;

-- An assessment annulled by a ruling stays on record but no longer counts; the period may be assessed again.
ALTER TABLE compliance_assessment ADD COLUMN annulled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE compliance_assessment ADD COLUMN annulled_at TIMESTAMP WITH TIME ZONE;
