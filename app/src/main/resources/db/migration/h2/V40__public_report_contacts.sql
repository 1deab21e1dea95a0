-- Public reports (issue 16): the contact a reporter may leave is personal data and never enters an event. It is kept
-- here, outside the event store and outside the read models (a rebuild never touches it), with the random salt of
-- the hash the report's event carries. Erasing a contact deletes its row: the hash then names nobody.
CREATE TABLE public_report_contact (
    report_id VARCHAR(255)             NOT NULL PRIMARY KEY,
    salt      VARCHAR(64)              NOT NULL,
    name      VARCHAR(200),
    phone     VARCHAR(40),
    email     VARCHAR(254),
    kept_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
