CREATE TABLE IF NOT EXISTS audit.loads (
    load_id        BIGINT PRIMARY KEY,
    source         VARCHAR NOT NULL,
    file_name      VARCHAR NOT NULL,
    file_path      VARCHAR NOT NULL,   -- relative to the landing folder of its source
    sha256         VARCHAR NOT NULL,
    size_bytes     BIGINT NOT NULL,
    archive_path   VARCHAR NOT NULL,
    -- loaded | rejected (the file as a whole could not be placed) | failed (could not be written: retried next
    -- run) | superseded (a later file for the same thing replaced it)
    status         VARCHAR NOT NULL CHECK (status IN ('loaded', 'rejected', 'failed', 'superseded')),
    rows_read      INTEGER NOT NULL,
    rows_accepted  INTEGER NOT NULL,
    rows_rejected  INTEGER NOT NULL,
    message        VARCHAR,
    logical_key    VARCHAR,            -- what a later file replaces: the file name, or e.g. department + period
    superseded_by  BIGINT,
    loaded_at      TIMESTAMP NOT NULL,
    run_id         VARCHAR,
    modified_ns    BIGINT,             -- the file's modification time when loaded
    removed_at     TIMESTAMP           -- when the file was first found gone from the landing zone
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

-- Files in the landing zone that were not read, as found by the latest load of their source: symlinks and other
-- things that are not regular files (never opened), hidden and lock files, types we do not read, and copies of
-- content already read under another name.
CREATE TABLE IF NOT EXISTS audit.skipped_files (
    source          VARCHAR NOT NULL,
    file_path       VARCHAR NOT NULL,
    file_name       VARCHAR NOT NULL,
    reason          VARCHAR NOT NULL,   -- not_a_regular_file | hidden | unsupported_type | too_large | same_content
    message         VARCHAR NOT NULL,
    same_as_load_id BIGINT,
    size_bytes      BIGINT,
    modified_ns     BIGINT,
    sha256          VARCHAR,
    seen_at         TIMESTAMP NOT NULL
);

-- Which files of warehouse/sql/migrations have changed this build file; a new build file starts with all of them.
CREATE TABLE IF NOT EXISTS audit.migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL);
