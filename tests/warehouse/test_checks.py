"""SQL check files: severity and the table each inspects come from the file; failing rows from the query."""

from __future__ import annotations

import codecs
import csv
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from warehouse.checks import parse_check, record_results, sql_checks, write_csv
from warehouse.database import connect, prepare
from warehouse.labels import column_labels

TABLES = frozenset({"marts.kpi_completion", "core.projects"})


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_severity_and_table_come_from_the_file(tmp_path: Path) -> None:
    strict = parse_check(_write(tmp_path, "strict.sql",
                                "-- must hold\nSELECT 1 AS x FROM marts.kpi_completion WHERE false"), TABLES)
    soft = parse_check(_write(tmp_path, "soft.sql", "-- worth a look\n-- severity: warn\n"
                              "SELECT year FROM marts.kpi_completion k JOIN core.projects p ON true\n"
                              "-- checks: core.projects"), TABLES)
    info = parse_check(_write(tmp_path, "info_table.sql", "-- for information\nSELECT * FROM core.projects"), TABLES)

    assert [(c.severity, c.blocking, c.table) for c in (strict, soft, info)] == [
        ("blocking", True, "marts.kpi_completion"), ("warning", False, "core.projects"),
        ("information", False, "core.projects")]
    assert strict.description == "must hold"
    with duckdb.connect() as con:
        con.execute("CREATE SCHEMA marts; CREATE TABLE marts.kpi_completion AS SELECT 2024 AS year")
        assert strict.failing_rows(con).empty


def test_a_check_that_reads_two_tables_must_say_which_it_checks(tmp_path: Path) -> None:
    ambiguous = _write(tmp_path, "two.sql", "-- ?\nSELECT 1 FROM marts.kpi_completion, core.projects")
    with pytest.raises(ValueError, match="-- checks: schema.table"):
        parse_check(ambiguous, TABLES)
    unknown = _write(tmp_path, "gone.sql", "-- ?\n-- checks: marts.nothing\nSELECT 1 FROM core.projects")
    with pytest.raises(ValueError, match="marts.nothing"):
        parse_check(unknown, TABLES)


def test_every_shipped_check_runs_on_the_demo_warehouse(demo_run) -> None:
    """Each check's SQL is valid against the real build and finds what the demo holds: the demo's deliberate
    findings (two cross-reported projects...) and nothing against the invariants."""
    with demo_run.connect() as con:
        failing = {check.name: len(check.failing_rows(con)) for check in sql_checks()}
    # The one warning the demo keeps on purpose: two platform downloads of 漯河 2024 1-5月 that disagree.
    assert {name for name, rows in failing.items() if rows and not name.startswith("info_")} == {
        "trade_platform_downloads_disagree"}
    assert failing["trade_platform_downloads_disagree"] == 1
    assert failing["info_department_cross_reported"] == 3


def test_every_column_a_check_shows_has_a_chinese_label(demo_run) -> None:
    """From the comments of the tables, or the check's own '-- column NAME: 标签' lines for what it computes."""
    with demo_run.connect() as con:
        unlabelled = {}
        for check in sql_checks():
            columns = [d[0] for d in con.execute(check.sql).description]
            labels = column_labels(con, check.table) | dict(check.own_labels)
            unlabelled[check.name] = [c for c in columns if c not in labels]
    assert {name: columns for name, columns in unlabelled.items() if columns} == {}
    assert dict(next(c for c in sql_checks() if c.name == "kpi_sources_disagree").own_labels)["used_value"] == \
        "采用的数值"


def test_failing_rows_written_as_csv_never_start_a_formula(tmp_path: Path) -> None:
    names = ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1", "正腾商贸", "a=b"]
    frame = pd.DataFrame({"enterprise_name": names, "amount_wan_yuan": [1] * len(names)})
    path = write_csv(frame, tmp_path / "rows.csv", {"enterprise_name": "企业名称"})
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["企业名称", "amount_wan_yuan"]
    assert [row[0] for row in rows[1:]] == ["'" + name for name in names[:6]] + ["正腾商贸", "a=b"]


def test_failing_rows_are_kept_with_dates_as_a_clerk_writes_them(tmp_path: Path) -> None:
    prepare(tmp_path / "build.duckdb")
    with connect(tmp_path / "build.duckdb") as con:
        failing = con.execute("SELECT '星河项目' AS project_name, DATE '2024-02-05' AS signed_on,"
                              " TIMESTAMP '2024-06-14 09:30:00' AS loaded_at, NULL::DATE AS started_on").df()
        record_results(con, "run-1", [("info_x", "core.projects", "information", "说明", failing)])
        [(kept,)] = con.execute("SELECT failing FROM audit.check_results").fetchall()

    assert json.loads(kept) == [{"project_name": "星河项目", "signed_on": "2024-02-05",
                                 "loaded_at": "2024-06-14 09:30:00", "started_on": None}]
