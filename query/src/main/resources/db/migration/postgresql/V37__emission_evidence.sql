-- The evidence of each holder's verified emissions of a year (issue 15), as JSON text: [{sha256, uri, description}].
ALTER TABLE emission_compliance ADD COLUMN evidence VARCHAR;
