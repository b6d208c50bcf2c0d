CREATE TABLE IF NOT EXISTS audit.loads (
    load_id        BIGINT PRIMARY KEY,
    source         VARCHAR NOT NULL,
    file_name      VARCHAR NOT NULL,
    file_path      VARCHAR NOT NULL,   -- relative to the landing folder of its source
    sha256         VARCHAR NOT NULL,
    size_bytes     BIGINT NOT NULL,
    archive_path   VARCHAR NOT NULL,
    -- loaded | rejected (the file as a whole could not be placed) | failed (could not be written: retried next
    -- run) | superseded (a later file for the same thing replaced it); kept as audit.load_standing works it out
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
    removed_at     TIMESTAMP,          -- when the file was first found gone from the landing zone
    outcome        VARCHAR CHECK (outcome IN ('loaded', 'rejected', 'failed'))  -- what reading it gave, for good
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

-- What each core and mart object was last built from (warehouse/build.py): unchanged inputs, no rebuild.
CREATE TABLE IF NOT EXISTS audit.table_fingerprints (
    table_name  VARCHAR PRIMARY KEY,
    fingerprint VARCHAR NOT NULL,
    built_at    TIMESTAMP NOT NULL,
    run_id      VARCHAR
);

-- Every check of every run, with the rows that broke it (up to 100 of them), so an analyst sees in the warehouse
-- which figures a failing check touches.
CREATE TABLE IF NOT EXISTS audit.check_results (
    run_id       VARCHAR,
    checked_at   TIMESTAMP NOT NULL,
    check_name   VARCHAR NOT NULL,
    table_name   VARCHAR NOT NULL,
    severity     VARCHAR NOT NULL,   -- blocking | warning | information
    passed       BOOLEAN NOT NULL,
    failing_rows BIGINT NOT NULL,
    description  VARCHAR,
    failing      JSON
);

COMMENT ON TABLE audit.loads IS '文件读取记录（每个读过的文件一行，含被替代、被退回的）every file read, one row each: loaded, rejected, failed or superseded';
COMMENT ON COLUMN audit.loads.load_id IS '读取编号 load id: raw rows and quarantine rows carry it';
COMMENT ON COLUMN audit.loads.source IS '来源 source: bureau, departments or customs';
COMMENT ON COLUMN audit.loads.file_name IS '文件 file name as dropped';
COMMENT ON COLUMN audit.loads.file_path IS '文件路径（相对于来源的接收目录）path within the source''s landing folder';
COMMENT ON COLUMN audit.loads.sha256 IS '内容哈希 SHA-256 of the content: the same content is read once';
COMMENT ON COLUMN audit.loads.size_bytes IS '文件大小（字节）size in bytes';
COMMENT ON COLUMN audit.loads.archive_path IS '存档副本 the copy kept for ever in the archive';
COMMENT ON COLUMN audit.loads.status IS '状态：loaded 已读入，rejected 整体退回，failed 写入失败（下次重试），superseded 已被后来的文件替代 status';
COMMENT ON COLUMN audit.loads.rows_read IS '读取行 data rows read';
COMMENT ON COLUMN audit.loads.rows_accepted IS '接受行 rows accepted';
COMMENT ON COLUMN audit.loads.rows_rejected IS '隔离行 rows quarantined (rows_read = rows_accepted + rows_rejected)';
COMMENT ON COLUMN audit.loads.message IS '原因 why the file was rejected, or a summary of its problems';
COMMENT ON COLUMN audit.loads.logical_key IS '替代键（同一部门同一报告期、同一月份等）what a later file replaces';
COMMENT ON COLUMN audit.loads.superseded_by IS '被哪次读取替代 the load that replaced it';
COMMENT ON COLUMN audit.loads.loaded_at IS '读取时间 when it was read';
COMMENT ON COLUMN audit.loads.run_id IS '运行编号 the Dagster run that read it';
COMMENT ON COLUMN audit.loads.modified_ns IS '文件修改时间（纳秒）the file''s modification time when read';
COMMENT ON COLUMN audit.loads.removed_at IS '移出接收目录的时间 when the file was found gone from the landing zone';
COMMENT ON COLUMN audit.loads.outcome IS '读取结果：loaded 已读入，rejected 整体退回，failed 写入失败；不随替代而变 what reading the file gave, kept when it is superseded (status says whether it is in force)';

COMMENT ON TABLE audit.quarantine IS '隔离的单元格（每个不合规的单元格一行）every cell that broke a rule, with the rule and a message for the clerk';
COMMENT ON COLUMN audit.quarantine.load_id IS '读取编号 load id';
COMMENT ON COLUMN audit.quarantine.file_name IS '文件 file name';
COMMENT ON COLUMN audit.quarantine.sheet IS '工作表 sheet';
COMMENT ON COLUMN audit.quarantine.row_number IS '行（Excel中看到的行号）row as Excel shows it';
COMMENT ON COLUMN audit.quarantine.column_name IS '列（表头原文）column header as written';
COMMENT ON COLUMN audit.quarantine.value IS '值（原文）the cell as written';
COMMENT ON COLUMN audit.quarantine.rule IS '规则 the rule it broke';
COMMENT ON COLUMN audit.quarantine.message IS '说明 what is wrong, in words a clerk understands';

COMMENT ON TABLE audit.file_findings IS '文件层面的发现（不影响读入，如合计不符、隐藏工作表）findings about a file that do not reject it';
COMMENT ON COLUMN audit.file_findings.load_id IS '读取编号 load id';
COMMENT ON COLUMN audit.file_findings.file_name IS '文件 file name';
COMMENT ON COLUMN audit.file_findings.sheet IS '工作表 sheet';
COMMENT ON COLUMN audit.file_findings.rule IS '规则 the rule';
COMMENT ON COLUMN audit.file_findings.message IS '说明 what was found';

COMMENT ON TABLE audit.skipped_files IS '接收目录中未读取的文件（符号链接、隐藏文件、不支持的类型、内容重复）entries of the landing zone not read, and why';
COMMENT ON COLUMN audit.skipped_files.source IS '来源 source';
COMMENT ON COLUMN audit.skipped_files.file_path IS '文件路径 path within the landing folder';
COMMENT ON COLUMN audit.skipped_files.file_name IS '文件 file name';
COMMENT ON COLUMN audit.skipped_files.reason IS '原因代码 not_a_regular_file, hidden, unsupported_type, too_large, same_content';
COMMENT ON COLUMN audit.skipped_files.message IS '说明 why it was not read';
COMMENT ON COLUMN audit.skipped_files.same_as_load_id IS '内容相同的读取编号 the load of the same content';

COMMENT ON TABLE audit.check_results IS '检查结果（每次运行每项检查一行）every check of every run, with up to 100 of the rows that broke it';
COMMENT ON COLUMN audit.check_results.run_id IS '运行编号 run id';
COMMENT ON COLUMN audit.check_results.checked_at IS '检查时间 when it ran';
COMMENT ON COLUMN audit.check_results.check_name IS '检查 check name';
COMMENT ON COLUMN audit.check_results.table_name IS '所查的表 the table it inspects';
COMMENT ON COLUMN audit.check_results.severity IS '级别：blocking 阻止发布，warning 警告，information 提示 severity';
COMMENT ON COLUMN audit.check_results.passed IS '是否通过 passed';
COMMENT ON COLUMN audit.check_results.failing_rows IS '不符合的行数 rows that broke it';
COMMENT ON COLUMN audit.check_results.description IS '说明 what the check looks for';
COMMENT ON COLUMN audit.check_results.failing IS '不符合的行（最多100行，JSON）the rows that broke it, up to 100, as JSON';
COMMENT ON COLUMN audit.skipped_files.size_bytes IS '文件大小（字节）size in bytes';
COMMENT ON COLUMN audit.skipped_files.modified_ns IS '文件修改时间（纳秒）modification time';
COMMENT ON COLUMN audit.skipped_files.sha256 IS '内容哈希 sha256, for copies of content already read';
COMMENT ON COLUMN audit.skipped_files.seen_at IS '发现时间 when the load saw it';

COMMENT ON TABLE audit.table_fingerprints IS '各表的构建指纹（输入不变则不重建）what each core and mart object was last built from';
COMMENT ON COLUMN audit.table_fingerprints.table_name IS '表 schema.table';
COMMENT ON COLUMN audit.table_fingerprints.fingerprint IS '指纹 hash of its SQL and of everything it reads';
COMMENT ON COLUMN audit.table_fingerprints.built_at IS '内容最后变化时间 when it was last rebuilt';
COMMENT ON COLUMN audit.table_fingerprints.run_id IS '运行编号 the run that rebuilt it';

COMMENT ON TABLE audit.migrations IS '已应用的迁移 changes of warehouse/sql/migrations applied to this build file';
COMMENT ON COLUMN audit.migrations.name IS '迁移文件 migration file';
COMMENT ON COLUMN audit.migrations.applied_at IS '应用时间 when it was applied';

-- Every run that touched the build file: when it started and finished, whether it published, what it read.
CREATE TABLE IF NOT EXISTS audit.runs (
    run_id           VARCHAR PRIMARY KEY,
    started_at       TIMESTAMP NOT NULL,
    finished_at      TIMESTAMP,
    status           VARCHAR NOT NULL,   -- running | published | unchanged | not_published
    files_read       INTEGER,
    files_rejected   INTEGER,
    rows_quarantined INTEGER,
    checks_failed    INTEGER
);
COMMENT ON TABLE audit.runs IS '运行记录（每次运行一行）every run: when, whether it published, what it read';
COMMENT ON COLUMN audit.runs.run_id IS '运行编号 Dagster run id (audit.loads.run_id, audit.check_results.run_id)';
COMMENT ON COLUMN audit.runs.started_at IS '开始时间 when it started';
COMMENT ON COLUMN audit.runs.finished_at IS '结束时间 when it published or found nothing to publish';
COMMENT ON COLUMN audit.runs.status IS '状态：running 进行中，published 已发布，unchanged 无变化未重新发布，not_published 未发布（中断或阻断性检查未通过）status';
COMMENT ON COLUMN audit.runs.files_read IS '读取的文件数 files read in the run';
COMMENT ON COLUMN audit.runs.files_rejected IS '退回的文件数 of which rejected or failed';
COMMENT ON COLUMN audit.runs.rows_quarantined IS '隔离的行数 rows quarantined in the run';
COMMENT ON COLUMN audit.runs.checks_failed IS '未通过的检查数（提示信息除外）checks that did not pass, information left out';
