-- The code lists of schemas/codes.py, written with the reference data on every run: core.codes is what the SQL joins
-- for what a coded value means.
CREATE TABLE IF NOT EXISTS raw.ref_codes (
    list VARCHAR NOT NULL, value VARCHAR NOT NULL, label VARCHAR NOT NULL, synonyms VARCHAR[], written BOOLEAN NOT NULL,
    rank INTEGER, valuable BOOLEAN NOT NULL, stage VARCHAR, measure VARCHAR
);
