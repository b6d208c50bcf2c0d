-- Build files made before 2026-11-29: audit.loads allowed only loaded | rejected | superseded and named the three
-- sources in a CHECK; a file that could not be written is now recorded as failed, and the file's removal from the
-- landing zone is kept. DuckDB cannot drop a CHECK, so the table is rebuilt with its rows.
ALTER TABLE audit.loads RENAME TO loads_before_0001;
CREATE TABLE audit.loads (
    load_id        BIGINT PRIMARY KEY,
    source         VARCHAR NOT NULL,
    file_name      VARCHAR NOT NULL,
    file_path      VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    size_bytes     BIGINT NOT NULL,
    archive_path   VARCHAR NOT NULL,
    status         VARCHAR NOT NULL CHECK (status IN ('loaded', 'rejected', 'failed', 'superseded')),
    rows_read      INTEGER NOT NULL,
    rows_accepted  INTEGER NOT NULL,
    rows_rejected  INTEGER NOT NULL,
    message        VARCHAR,
    logical_key    VARCHAR,
    superseded_by  BIGINT,
    loaded_at      TIMESTAMP NOT NULL,
    run_id         VARCHAR,
    modified_ns    BIGINT,
    removed_at     TIMESTAMP
);
INSERT INTO audit.loads BY NAME SELECT * FROM audit.loads_before_0001;
DROP TABLE audit.loads_before_0001;
