-- Amendments (issue 13): every amendment of an agreement in force, its state as JSON (view_json) and its canonical
-- document exactly as signed. Filled by the "projections" processor (no agreement could be amended before).
CREATE TABLE agreement_amendment (
    agreement_id       VARCHAR(255) NOT NULL,
    number             INTEGER      NOT NULL,
    status             VARCHAR(32)  NOT NULL,
    terms_hash         VARCHAR(64)  NOT NULL,
    canonical_document TEXT         NOT NULL,
    view_json          TEXT         NOT NULL,
    PRIMARY KEY (agreement_id, number)
);
