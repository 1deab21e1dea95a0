-- Amendments (issue 13): the version of the agreement's terms an assessment was made under (those in effect on its
-- period's first day). Every assessment recorded before agreements could be amended was under version 0.
ALTER TABLE compliance_assessment ADD COLUMN terms_version INTEGER;
UPDATE compliance_assessment SET terms_version = 0;
