"""A build file made before a change the DDL cannot make in place is brought up to date once, keeping its rows."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.database import prepare

# audit.loads and raw.dept_reports as build files made before 2026-11-29 hold them.
BEFORE = """
CREATE SCHEMA audit; CREATE SCHEMA raw; CREATE SEQUENCE audit.load_ids START 1;
CREATE TABLE audit.loads (
    load_id BIGINT PRIMARY KEY, source VARCHAR NOT NULL CHECK (source IN ('bureau', 'departments', 'customs')),
    file_name VARCHAR NOT NULL, file_path VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, size_bytes BIGINT NOT NULL,
    archive_path VARCHAR NOT NULL, status VARCHAR NOT NULL CHECK (status IN ('loaded', 'rejected', 'superseded')),
    rows_read INTEGER NOT NULL, rows_accepted INTEGER NOT NULL, rows_rejected INTEGER NOT NULL, message VARCHAR,
    logical_key VARCHAR, superseded_by BIGINT, loaded_at TIMESTAMP NOT NULL, run_id VARCHAR, modified_ns BIGINT);
INSERT INTO audit.loads VALUES (1, 'departments', '党群部-2024年7月.xlsx', '党群部-2024年7月.xlsx', 'ab', 10, 'a/ab',
    'loaded', 3, 3, 0, NULL, 'departments|D08|2024-07', NULL, TIMESTAMP '2024-08-05 09:00', 'r1', 1),
    -- superseded: one read empty, one rejected, one with every row quarantined
    (2, 'bureau', 'a.xlsx', 'a.xlsx', 'cd', 10, 'c/cd', 'superseded', 0, 0, 0, NULL, 'bureau|a.xlsx', 5,
     TIMESTAMP '2024-08-05 09:00', 'r1', 1),
    (3, 'bureau', 'b.xlsx', 'b.xlsx', 'ef', 10, 'e/ef', 'superseded', 0, 0, 0, '不是Excel文件', 'bureau|b.xlsx', 5,
     TIMESTAMP '2024-08-05 09:00', 'r1', 1),
    (4, 'bureau', 'c.xlsx', 'c.xlsx', 'gh', 10, 'g/gh', 'superseded', 1, 0, 1, '1 行未通过校验', 'bureau|c.xlsx', 5,
     TIMESTAMP '2024-08-05 09:00', 'r1', 1);
CREATE TABLE audit.quarantine (load_id BIGINT NOT NULL, file_name VARCHAR NOT NULL, sheet VARCHAR,
    row_number INTEGER, column_name VARCHAR, value VARCHAR, rule VARCHAR NOT NULL, message VARCHAR NOT NULL);
CREATE TABLE audit.file_findings (load_id BIGINT NOT NULL, file_name VARCHAR NOT NULL, sheet VARCHAR,
    rule VARCHAR NOT NULL, message VARCHAR NOT NULL);
CREATE TABLE raw.dept_reports (
    load_id BIGINT NOT NULL, file_name VARCHAR NOT NULL, department_code VARCHAR NOT NULL,
    department_as_written VARCHAR NOT NULL, period_kind VARCHAR NOT NULL, period_label VARCHAR NOT NULL,
    year INTEGER NOT NULL, week INTEGER NOT NULL, period_start DATE NOT NULL, period_end DATE NOT NULL,
    reporter VARCHAR, reported_on DATE);
INSERT INTO raw.dept_reports VALUES (1, '党群部-2024年7月.xlsx', 'D08', '党群部', 'month', '2024-07', 2024, 31,
    DATE '2024-07-01', DATE '2024-07-31', NULL, NULL);
"""


def test_an_old_build_file_is_migrated_once_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "build.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(BEFORE)

    prepare(path)
    prepare(path)  # a second run applies nothing twice

    with duckdb.connect(str(path)) as con:
        assert con.execute("SELECT load_id, status, removed_at, outcome FROM audit.loads ORDER BY load_id"
                           ).fetchall() == [(1, "loaded", None, "loaded"), (2, "superseded", None, "loaded"),
                                            (3, "superseded", None, "rejected"), (4, "superseded", None, "loaded")]
        # The statuses of today are allowed, the rows of then kept.
        con.execute("UPDATE audit.loads SET status = 'failed' WHERE load_id = 1")
        # July 2024 ends on a Wednesday: its report counts in week 30, the last week whose Thursday is in July.
        assert con.execute("SELECT year, week FROM raw.dept_reports").fetchall() == [(2024, 30)]
        assert [name for (name,) in con.execute("SELECT name FROM audit.migrations ORDER BY name").fetchall()] == [
            "0001_loads_statuses.sql", "0002_monthly_report_week.sql", "0030_loads_outcome.sql"]


def test_a_new_build_file_is_current_without_migrating(tmp_path: Path) -> None:
    path = tmp_path / "build.duckdb"
    prepare(path)
    with duckdb.connect(str(path)) as con:
        assert con.execute("SELECT count(*) FROM audit.migrations").fetchone()[0] == 3
        con.execute("INSERT INTO audit.loads (load_id, source, file_name, file_path, sha256, size_bytes, archive_path,"
                    " status, rows_read, rows_accepted, rows_rejected, loaded_at) VALUES"
                    " (1, 'bureau', 'a', 'a', 'x', 1, 'p', 'failed', 0, 0, 0, now())")
