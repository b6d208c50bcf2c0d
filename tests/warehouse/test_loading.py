"""Loading the landing zone: good rows load, bad rows are quarantined with reasons, files load once."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

import dagster as dg
import duckdb

from orchestration.definitions import ASSETS
from tests.build import build_warehouse, database
from tests.checks import evaluations, table_rows
from tests.workbooks import KPI_HEADER, write_workbook
from warehouse.audit import unbalanced_loads
from warehouse.resource import Warehouse


def _bureau_file(home: Path, name: str, rows: list[list[object]]) -> Path:
    return write_workbook(
        home / "landing" / "bureau" / name,
        {"指标认定": [["2024年1-5月招商引资指标认定表"], KPI_HEADER, *rows]},
    )


def _materialize(home: Path, instance: dg.DagsterInstance | None = None) -> dg.ExecuteInProcessResult:
    return dg.materialize(ASSETS, resources={"warehouse": Warehouse(home=str(home))}, raise_on_error=False,
                          instance=instance)


def _bureau_checks(result: dg.ExecuteInProcessResult) -> dict[str, dg.AssetCheckEvaluation]:
    return evaluations(result, "bureau_files")


def _published(home: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(home / "warehouse" / "zhaoshang.duckdb"), read_only=True)


GOOD_ROWS = [
    ["签约项目", "1-5月", 7, "个", "认定", dt.date(2024, 6, 14)],
    ["省外资金", "2024年1-4月", 21800, "万元", "认定", "2024年6月14日"],
]
BAD_ROWS = [
    ["外星指标", "1-5月", 3, "个", "认定", dt.date(2024, 6, 14)],           # row 5: unknown metric
    ["进出口额", "1-5月", "待核实", "万元", "认定", dt.date(2024, 6, 14)],     # row 6: not a number
    ["进出口额", "3-5月", 100, "万元", "认定", dt.date(2024, 6, 14)],         # row 7: not cumulative
]


def test_bad_rows_are_quarantined_and_good_rows_load(home: Path) -> None:
    _bureau_file(home, "认定-2024年1-5月.xlsx", [*GOOD_ROWS, *BAD_ROWS])

    result = _materialize(home)

    assert result.success
    with _published(home) as con:
        loaded = con.execute(
            "SELECT metric_code, month, actual FROM marts.kpi_completion ORDER BY metric_code").fetchall()
        quarantine = con.execute(
            "SELECT sheet, row_number, column_name, value, rule FROM audit.quarantine ORDER BY row_number").fetchall()
        load = con.execute("SELECT status, rows_read, rows_accepted, rows_rejected FROM audit.loads").fetchall()
    assert [(m, mo, float(a)) for m, mo, a in loaded] == [("domestic_capital", 4, 2.18), ("signed_projects", 5, 7.0)]
    assert quarantine == [
        ("指标认定", 5, "指标名称", "外星指标", "known_metric"),
        ("指标认定", 6, "认定值", "待核实", "number"),
        ("指标认定", 7, "统计期", "3-5月", "cumulative_from_january"),
    ]
    assert load == [("loaded", 5, 2, 3)]
    # The operator sees the failing rows on the load's check, not a stack trace.
    checks = _bureau_checks(result)
    rows_valid = checks["rows_valid"]
    assert not rows_valid.passed
    cells = table_rows(rows_valid, "隔离的单元格 quarantined cells")
    assert [(row["文件"], row["行"], row["值"], row["规则"]) for row in cells] == [
        ("认定-2024年1-5月.xlsx", 5, "外星指标", "known_metric"), ("认定-2024年1-5月.xlsx", 6, "待核实", "number"),
        ("认定-2024年1-5月.xlsx", 7, "3-5月", "cumulative_from_january")]


def test_the_same_file_dropped_twice_loads_once(home: Path) -> None:
    first = _bureau_file(home, "认定-2024年1-5月.xlsx", GOOD_ROWS)
    assert _materialize(home).success
    copy = first.with_name("认定-2024年1-5月 (复制).xlsx")
    copy.write_bytes(first.read_bytes())
    os.utime(first)  # touched but unchanged: its content decides, not its date

    assert _materialize(home).success

    with _published(home) as con:
        loads = con.execute("SELECT file_name, status FROM audit.loads").fetchall()
        facts = con.execute("SELECT count(*) FROM raw.bureau_kpi").fetchone()[0]
    assert loads == [("认定-2024年1-5月.xlsx", "loaded")]
    assert facts == 2
    assert len(list((home / "archive").rglob("*.xlsx"))) == 1


def test_an_unreadable_file_is_rejected_by_name_and_the_rest_still_loads(home: Path) -> None:
    (home / "landing" / "bureau" / "坏文件.xlsx").write_bytes(b"this is not a workbook")
    _bureau_file(home, "认定-2024年1-5月.xlsx", GOOD_ROWS)
    instance = dg.DagsterInstance.ephemeral()

    result = _materialize(home, instance)

    assert result.success
    with _published(home) as con:
        loads = dict(con.execute("SELECT file_name, status FROM audit.loads").fetchall())
        message = con.execute("SELECT message FROM audit.loads WHERE status = 'rejected'").fetchone()[0]
    assert loads == {"坏文件.xlsx": "rejected", "认定-2024年1-5月.xlsx": "loaded"}
    assert "坏文件.xlsx" in message
    checks = _bureau_checks(result)
    assert not checks["files_readable"].passed
    [rejected] = table_rows(checks["files_readable"], "退回的文件 rejected files")
    assert rejected["文件"] == "坏文件.xlsx" and "坏文件.xlsx" in rejected["原因"]
    # every file read is kept, the broken one too
    assert len(list((home / "archive").rglob("*.xlsx"))) == 2
    # The run's log: a warning naming the rejected file, and one line for the files read without a problem.
    logged = [(record.level, record.user_message) for record in instance.all_logs(result.run_id)
              if record.step_key == "bureau_files" and not record.is_dagster_event]
    assert [level for level, _ in logged] == [logging.WARNING, logging.INFO]
    assert logged[0][1].startswith("坏文件.xlsx: rejected")
    assert logged[1][1] == "1个文件读取无误 files read without a problem: 认定-2024年1-5月.xlsx"


def test_a_corrected_file_replaces_the_rejected_one(home: Path) -> None:
    broken = _bureau_file(home, "认定-2024年1-5月.xlsx", [["签约项目", "1-5月", 7]])  # no 认定日期 column
    assert _materialize(home).success
    _bureau_file(home, broken.name, GOOD_ROWS)
    os.utime(broken, (broken.stat().st_atime + 10, broken.stat().st_mtime + 10))

    result = _materialize(home)

    with _published(home) as con:
        loads = con.execute("SELECT status, superseded_by IS NOT NULL FROM audit.loads ORDER BY load_id").fetchall()
    assert loads == [("superseded", True), ("loaded", False)]
    checks = _bureau_checks(result)
    assert checks["files_readable"].passed


def test_a_file_whose_rows_cannot_be_written_is_retried_next_run_and_the_others_load(home: Path) -> None:
    import pandas as pd

    from ingest.forms.common import ParsedFile
    from ingest.forms.reference import load_reference
    from warehouse.database import connect, prepare
    from warehouse.home import Paths
    from warehouse.loads import load_source

    landing = home / "landing" / "bureau"
    for name in ("a.xlsx", "b.xlsx"):
        write_workbook(landing / name, {"指标认定": [[name], KPI_HEADER]})

    def reader(paths: list[Path], _reference: object) -> list[ParsedFile]:
        results = []
        for path in paths:
            parsed = ParsedFile(rows_read=1, logical_key=path.name)
            # b.xlsx carries a row the raw table refuses (metric_code is NOT NULL)
            parsed.add("raw.bureau_kpi", pd.DataFrame([{
                "sheet": "指标认定", "row_number": 2, "metric_as_written": "签约项目",
                "metric_code": None if path.name == "b.xlsx" else "signed_projects", "year": 2024, "month_from": 1,
                "month_to": 5, "value": "7", "unit": "个", "basis": "confirmed", "confirmed_on": "2024-06-14"}],
                dtype=object))
            results.append(parsed)
        return results

    prepare(home / "build.duckdb")
    reference = load_reference(home / "reference")

    with connect(home / "build.duckdb") as con:
        outcomes = load_source(con, "bureau", Paths(home), reader, reference)
        recorded = con.execute("SELECT file_name, status, message FROM audit.loads ORDER BY load_id").fetchall()
        rows = con.execute("SELECT file_name FROM raw.bureau_kpi").fetchall()
        # The next run tries the failed file again (and only it); the new attempt replaces the old one.
        retried = load_source(con, "bureau", Paths(home), reader, reference)
        after = con.execute("SELECT file_name, status FROM audit.loads ORDER BY load_id").fetchall()

    assert {(o.file_name, o.status) for o in outcomes} == {("a.xlsx", "loaded"), ("b.xlsx", "failed")}
    # Recorded with the database's own reason, not the "transaction is aborted" that followed it.
    assert [(name, status) for name, status, _ in recorded] == [("a.xlsx", "loaded"), ("b.xlsx", "failed")]
    failed_message = recorded[1][2]
    assert "下次运行将重试" in failed_message and "NOT NULL constraint failed: bureau_kpi.metric_code" in failed_message
    assert "aborted" not in failed_message
    assert rows == [("a.xlsx",)]
    assert len(list((home / "archive").rglob("*.xlsx"))) == 2
    assert [(o.file_name, o.status) for o in retried] == [("b.xlsx", "failed")]
    assert after == [("a.xlsx", "loaded"), ("b.xlsx", "superseded"), ("b.xlsx", "failed")]


def test_a_column_the_form_does_not_know_is_kept_with_its_row(home: Path) -> None:
    write_workbook(home / "landing" / "bureau" / "认定-2024年1-5月.xlsx", {"指标认定": [
        [*KPI_HEADER, "经办人"],
        ["签约项目", "2024年1-5月", 7, "个", "认定", dt.date(2024, 6, 14), "王五"],
        ["进出口额", "2024年1-5月", "1,116.12", "万元", "认定", dt.date(2024, 6, 14), 13800000000],
    ]})

    assert _materialize(home).success

    with _published(home) as con:
        kept = con.execute("SELECT metric_code, extra_columns->>'经办人' FROM raw.bureau_kpi ORDER BY row_number"
                           ).fetchall()
    assert kept == [("signed_projects", "王五"), ("trade_total", "13800000000")]


def test_a_file_untouched_since_its_load_is_not_read_again(home: Path) -> None:
    from ingest.forms.bureau import read_bureau_files
    from ingest.forms.reference import load_reference
    from warehouse.database import connect, prepare
    from warehouse.home import Paths
    from warehouse.loads import load_source

    path = _bureau_file(home, "认定-2024年1-5月.xlsx", GOOD_ROWS)
    reference = load_reference(home / "reference")
    prepare(home / "build.duckdb")
    with connect(home / "build.duckdb") as con:
        [first] = load_source(con, "bureau", Paths(home), read_bureau_files, reference)
        # Same path, size and time: trusted as the same file without reading it (here its bytes are not even
        # a workbook any more, which hashing and reading would have found).
        stat = path.stat()
        path.write_bytes(b"x" * stat.st_size)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        untouched = load_source(con, "bureau", Paths(home), read_bureau_files, reference)
        # Touched: read, hashed, and loaded as the new file it is.
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        [touched] = load_source(con, "bureau", Paths(home), read_bureau_files, reference)
    assert first.status == "loaded"
    assert untouched == []
    assert touched.status == "rejected"


def test_an_unbalanced_load_blocks_until_a_later_file_replaces_it(home: Path) -> None:
    _bureau_file(home, "认定.xlsx", GOOD_ROWS)
    build_warehouse(home, ("bureau",))
    with duckdb.connect(str(database(home))) as con:
        assert unbalanced_loads(con, "bureau").empty
        # What a loader bug would leave: a row read that is neither accepted nor quarantined.
        con.execute("UPDATE audit.loads SET rows_read = rows_read + 1 WHERE file_name = '认定.xlsx'")
        assert unbalanced_loads(con, None)["file_name"].tolist() == ["认定.xlsx"]
        con.execute("UPDATE audit.loads SET status = 'superseded' WHERE file_name = '认定.xlsx'")
        assert unbalanced_loads(con, "bureau").empty


def test_a_runs_tags_say_what_it_found_and_that_its_checks_still_fail(home: Path) -> None:
    instance = dg.DagsterInstance.ephemeral()
    resources = {"warehouse": Warehouse(home=str(home))}
    (home / "landing" / "bureau" / "坏文件.xlsx").write_bytes(b"not a workbook")
    _bureau_file(home, "认定.xlsx", [*GOOD_ROWS, ["签约项目", "1-5月", "七个半", "个", "认定", "2024-06-14"]])
    first = dg.materialize(ASSETS, resources=resources, instance=instance, raise_on_error=False)
    _bureau_file(home, "认定-6月.xlsx", GOOD_ROWS)
    second = dg.materialize(ASSETS, resources=resources, instance=instance, raise_on_error=False)

    tags = [instance.get_run_by_id(result.run_id).tags for result in (first, second)]
    assert (tags[0]["退回的文件 rejected files"], tags[0]["隔离的行 quarantined rows"]) == ("1", "1")
    # The second run read one good file: nothing new is wrong, but the first run's file is still rejected and its
    # row still quarantined, so files_readable and rows_valid still fail.
    assert "退回的文件 rejected files" not in tags[1] and "隔离的行 quarantined rows" not in tags[1]
    assert int(tags[1]["未通过的检查 failed checks"]) >= 2
