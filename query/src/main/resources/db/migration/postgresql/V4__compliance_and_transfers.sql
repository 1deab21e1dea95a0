-- Compliance (monitoring reports, assessments) and compensation transfers (query module), rebuilt by replaying
-- the "projections" processor. JSON columns hold what the ObjectMapper wrote (decimals as strings), read back
-- exactly. Flows are NUMERIC without precision or scale: kept exactly as given.

CREATE TABLE compliance_report (
    report_id          VARCHAR(255)             NOT NULL PRIMARY KEY,
    agreement_id       VARCHAR(255)             NOT NULL,
    section_id         VARCHAR(255)             NOT NULL,
    period             VARCHAR(16)              NOT NULL,
    submitted_by       VARCHAR(255),
    submitted_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    aggregate_sequence BIGINT,
    samples_json       TEXT                     NOT NULL,
    flow               NUMERIC
);
CREATE INDEX compliance_report_agreement_idx ON compliance_report (agreement_id, submitted_at, aggregate_sequence);

CREATE TABLE compliance_assessment (
    assessment_id      VARCHAR(255)             NOT NULL PRIMARY KEY,
    agreement_id       VARCHAR(255)             NOT NULL,
    section_id         VARCHAR(255)             NOT NULL,
    rule               VARCHAR(32)              NOT NULL,
    period             VARCHAR(16)              NOT NULL,
    met                BOOLEAN                  NOT NULL,
    inputs_json        TEXT                     NOT NULL,
    result_json        TEXT                     NOT NULL,
    transfer_id        VARCHAR(255),
    assessed_by        VARCHAR(255),
    assessed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    aggregate_sequence BIGINT
);
CREATE INDEX compliance_assessment_agreement_idx
    ON compliance_assessment (agreement_id, assessed_at, aggregate_sequence);

CREATE TABLE compensation_transfer (
    transfer_id       VARCHAR(255)             NOT NULL PRIMARY KEY,
    agreement_id      VARCHAR(255)             NOT NULL,
    payer             VARCHAR(255)             NOT NULL,
    payee             VARCHAR(255)             NOT NULL,
    amount            DECIMAL(19, 2)           NOT NULL,
    currency          VARCHAR(3)               NOT NULL,
    reason            VARCHAR,
    source            VARCHAR(32),
    source_id         VARCHAR(255),
    status            VARCHAR(32)              NOT NULL,
    version           BIGINT                   NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at   TIMESTAMP WITH TIME ZONE,
    paid_at           TIMESTAMP WITH TIME ZONE,
    payment_reference VARCHAR,
    settled_at        TIMESTAMP WITH TIME ZONE,
    cancelled_at      TIMESTAMP WITH TIME ZONE,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX compensation_transfer_agreement_idx ON compensation_transfer (agreement_id, created_at);
CREATE INDEX compensation_transfer_payer_idx ON compensation_transfer (payer, created_at);
CREATE INDEX compensation_transfer_payee_idx ON compensation_transfer (payee, created_at);
CREATE INDEX compensation_transfer_created_idx ON compensation_transfer (created_at DESC, transfer_id);

-- When the agreement entered into force (the status view's inForceAt), for the balance of agreements in force.
ALTER TABLE agreement_status ADD COLUMN in_force_at TIMESTAMP WITH TIME ZONE;
-- Rows written before this column existed: taken from the stored view, where Jackson wrote it as an ISO instant.
UPDATE agreement_status
   SET in_force_at = CAST(SUBSTRING(view_json FROM POSITION('"inForceAt":"' IN view_json) + 13
                         FOR POSITION('"' IN SUBSTRING(view_json FROM POSITION('"inForceAt":"' IN view_json) + 13)) - 1)
                     AS TIMESTAMP WITH TIME ZONE)
 WHERE view_json LIKE '%"inForceAt":"%';
