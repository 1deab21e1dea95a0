-- Public reports and river chiefs (issue 16). A report's row never holds its contact (kept by the app in
-- public_report_contact); contact_hash is the salted hash its event carries, so "a contact was given" stays
-- answerable after the contact is erased. Photos and answer evidence are JSON lists.
CREATE TABLE public_report (
    report_id          VARCHAR(255)             NOT NULL PRIMARY KEY,
    tracking_code_hash VARCHAR(64)              NOT NULL,
    basin              VARCHAR(255)             NOT NULL,
    agreement_id       VARCHAR(255),
    section_id         VARCHAR(255),
    water_body         VARCHAR(255),
    place_description  VARCHAR(1000)            NOT NULL,
    latitude           DECIMAL(12, 8),
    longitude          DECIMAL(12, 8),
    category           VARCHAR(32)              NOT NULL,
    description        VARCHAR(8000)            NOT NULL,
    observed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    photos_json        TEXT                    NOT NULL,
    contact_hash       VARCHAR(64),
    status             VARCHAR(32)              NOT NULL,
    version            BIGINT                   NOT NULL,
    filed_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    jurisdiction_id    VARCHAR(255),
    answer_by          DATE,
    assigned_at        TIMESTAMP WITH TIME ZONE,
    overdue_since      TIMESTAMP WITH TIME ZONE,
    rejection_reason   VARCHAR(2000),
    rejected_at        TIMESTAMP WITH TIME ZONE,
    answer_text        VARCHAR(8000),
    action_taken       VARCHAR(32),
    answer_evidence    TEXT,
    answered_at        TIMESTAMP WITH TIME ZONE,
    answered_in_time   BOOLEAN
);
CREATE UNIQUE INDEX public_report_tracking_idx ON public_report (tracking_code_hash);
CREATE INDEX public_report_basin_idx ON public_report (basin, filed_at);
CREATE INDEX public_report_jurisdiction_idx ON public_report (jurisdiction_id, filed_at);
CREATE INDEX public_report_water_idx ON public_report (water_body, filed_at);

-- Who answers for which water (the River Chief System), as each jurisdiction publishes it.
CREATE TABLE river_chief (
    chief_id         VARCHAR(255)             NOT NULL PRIMARY KEY,
    jurisdiction_id  VARCHAR(255)             NOT NULL,
    name             VARCHAR(255)             NOT NULL,
    office           VARCHAR(255)             NOT NULL,
    water_body       VARCHAR(255)             NOT NULL,
    section_ids_json TEXT                    NOT NULL,
    from_date        DATE                     NOT NULL,
    to_date          DATE,
    version          BIGINT                   NOT NULL,
    appointed_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX river_chief_water_idx ON river_chief (water_body, from_date);
CREATE INDEX river_chief_jurisdiction_idx ON river_chief (jurisdiction_id, from_date);
