-- Emergency incidents (issue 14), rebuilt by replaying the "projections" processor: one row per incident, one per
-- notice (its deadline, acknowledgement, miss or withdrawal) and one per update. version: the incident's aggregate
-- sequence of the last event applied (an event not newer is a redelivery and changes nothing).

CREATE TABLE incident (
    incident_id   VARCHAR(255)             NOT NULL PRIMARY KEY,
    agreement_id  VARCHAR(255)             NOT NULL,
    section_id    VARCHAR(255)             NOT NULL,
    status        VARCHAR(16)              NOT NULL,
    level         VARCHAR(16)              NOT NULL,
    pollutant     VARCHAR(255),
    description   VARCHAR                  NOT NULL,
    detected_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    evidence_json TEXT                     NOT NULL,
    raised_by     VARCHAR(255)             NOT NULL,
    raised_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_by     VARCHAR(255),
    closed_at     TIMESTAMP WITH TIME ZONE,
    summary       VARCHAR,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    version       BIGINT                   NOT NULL
);
CREATE INDEX incident_agreement_idx ON incident (agreement_id, raised_at);
CREATE INDEX incident_raised_idx ON incident (raised_at DESC, incident_id);
CREATE INDEX incident_status_idx ON incident (status, raised_at);

CREATE TABLE incident_notice (
    incident_id         VARCHAR(255)             NOT NULL,
    number              INTEGER                  NOT NULL,
    jurisdiction_id     VARCHAR(255)             NOT NULL,
    level               VARCHAR(16)              NOT NULL,
    sent_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledge_by      TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at     TIMESTAMP WITH TIME ZONE,
    late                BOOLEAN                  DEFAULT FALSE NOT NULL,
    note                VARCHAR,
    missed              BOOLEAN                  DEFAULT FALSE NOT NULL,
    penalty_transfer_id VARCHAR(255),
    withdrawn           BOOLEAN                  DEFAULT FALSE NOT NULL,
    PRIMARY KEY (incident_id, number)
);
CREATE INDEX incident_notice_jurisdiction_idx ON incident_notice (jurisdiction_id);

CREATE TABLE incident_update (
    incident_id   VARCHAR(255)             NOT NULL,
    number        INTEGER                  NOT NULL,
    author        VARCHAR(255)             NOT NULL,
    text          VARCHAR                  NOT NULL,
    evidence_json TEXT                     NOT NULL,
    level         VARCHAR(16),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (incident_id, number)
);
