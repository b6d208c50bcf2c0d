CREATE TABLE IF NOT EXISTS audit.loads (
    load_id        BIGINT PRIMARY KEY,
    source         VARCHAR NOT NULL CHECK (source IN ('bureau', 'departments', 'customs')),
    file_name      VARCHAR NOT NULL,
    file_path      VARCHAR NOT NULL,   -- relative to the landing folder of its source
    sha256         VARCHAR NOT NULL,
    size_bytes     BIGINT NOT NULL,
    archive_path   VARCHAR NOT NULL,
    status         VARCHAR NOT NULL CHECK (status IN ('loaded', 'rejected', 'superseded')),
    rows_read      INTEGER NOT NULL,
    rows_accepted  INTEGER NOT NULL,
    rows_rejected  INTEGER NOT NULL,
    message        VARCHAR,
    logical_key    VARCHAR,            -- what a later file replaces: the file name, or e.g. department + period
    superseded_by  BIGINT,
    loaded_at      TIMESTAMP NOT NULL,
    run_id         VARCHAR
);

CREATE TABLE IF NOT EXISTS audit.quarantine (
    load_id      BIGINT NOT NULL,
    file_name    VARCHAR NOT NULL,
    sheet        VARCHAR,
    row_number   INTEGER,     -- as the person sees it in Excel (1-based, header rows included)
    column_name  VARCHAR,     -- the header as written in the file
    value        VARCHAR,
    rule         VARCHAR NOT NULL,
    message      VARCHAR NOT NULL
);

-- File-level findings that do not reject the file (e.g. a 合计 row that does not add up).
CREATE TABLE IF NOT EXISTS audit.file_findings (
    load_id    BIGINT NOT NULL,
    file_name  VARCHAR NOT NULL,
    sheet      VARCHAR,
    rule       VARCHAR NOT NULL,
    message    VARCHAR NOT NULL
);
