-- With several segments of the "projections" processor (ledger.projection-segments), the default schema's read-model
-- tables left by a first rebuild are at each segment's own token: here the token of every segment but 0 at that swap
-- (segment 0's is read_model_schema.base_token, V20), so that going back to those tables sets each segment where it
-- was. Empty with one segment.
CREATE TABLE read_model_base_segment (
    segment    INTEGER      NOT NULL PRIMARY KEY,
    token      VARBINARY,
    token_type VARCHAR(255)
);
