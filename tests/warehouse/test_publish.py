"""Analysts read the published file while the next build runs, and never block it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dagster as dg
import duckdb

from orchestration.definitions import ASSETS
from tests.workbooks import KPI_HEADER, write_workbook
from warehouse.resource import Warehouse


def _drop(home: Path, name: str, projects: int) -> None:
    row = ["签约项目", "2024年1-5月", projects, "个", "认定", dt.date(2024, 6, projects)]
    write_workbook(home / "landing" / "bureau" / name, {"指标认定": [KPI_HEADER, row]})


def test_a_reader_holding_the_published_file_does_not_block_the_next_publish(home: Path) -> None:
    resources = {"warehouse": Warehouse(home=str(home))}
    _drop(home, "第一轮.xlsx", 6)
    assert dg.materialize(ASSETS, resources=resources).success
    published = home / "warehouse" / "zhaoshang.duckdb"

    analyst = duckdb.connect(str(published), read_only=True)
    try:
        _drop(home, "第二轮.xlsx", 7)
        assert dg.materialize(ASSETS, resources=resources).success
        # The open session keeps the build it opened, whole.
        assert analyst.execute("SELECT actual FROM marts.kpi_latest").fetchone()[0] == 6
    finally:
        analyst.close()

    with duckdb.connect(str(published), read_only=True) as fresh:
        assert fresh.execute("SELECT actual FROM marts.kpi_latest").fetchone()[0] == 7
        assert fresh.execute("SELECT count(*) FROM audit.loads").fetchone()[0] == 2
    assert not list(published.parent.glob(".*.tmp")), "no half-written copy is left beside the published file"


def test_analysts_cannot_write_to_the_published_file(home: Path) -> None:
    _drop(home, "第一轮.xlsx", 6)
    assert dg.materialize(ASSETS, resources={"warehouse": Warehouse(home=str(home))}).success
    with duckdb.connect(str(home / "warehouse" / "zhaoshang.duckdb"), read_only=True) as con:
        try:
            con.execute("DELETE FROM marts.kpi_latest")
        except duckdb.Error as err:
            assert "read-only" in str(err).lower()
        else:
            raise AssertionError("a read-only connection wrote to the published file")


def test_a_publication_that_fails_leaves_no_copy_and_is_not_recorded_as_published(home: Path) -> None:
    resources = {"warehouse": Warehouse(home=str(home))}
    _drop(home, "第一轮.xlsx", 6)
    published = home / "warehouse" / "zhaoshang.duckdb"
    published.mkdir(parents=True)  # something no file can be renamed over: a folder someone made
    (published / "备注.txt").write_text("x", encoding="utf-8")

    result = dg.materialize(ASSETS, resources=resources, raise_on_error=False)

    assert not result.success
    assert not list(published.parent.glob(".*.tmp")), "the failed copy is removed"
    with duckdb.connect(str(home / "warehouse" / "build" / "zhaoshang-build.duckdb"), read_only=True) as con:
        assert con.execute("SELECT status FROM audit.runs WHERE run_id = ?", [result.run_id]).fetchone() == \
            ("not_published",)


def test_a_warning_still_publishes_and_a_blocking_check_holds_publication_back(home: Path) -> None:
    resources = {"warehouse": Warehouse(home=str(home))}
    # 2019 has no target in the reference data: kpi_target_set (a warning) fails, and the file is still published.
    row = ["签约项目", "2019年1-5月", 3, "个", "认定", dt.date(2019, 6, 14)]
    write_workbook(home / "landing" / "bureau" / "2019年认定.xlsx", {"指标认定": [KPI_HEADER, row]})
    first = dg.materialize(ASSETS, resources=resources, raise_on_error=False)
    [target_set] = [e for e in first.get_asset_check_evaluations() if e.check_name == "kpi_target_set"]
    assert not target_set.passed
    published = home / "warehouse" / "zhaoshang.duckdb"
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM audit.loads").fetchone()[0] == 1

    # What a loader bug would leave: rows_balance (blocking) fails, and nothing after it is published.
    with duckdb.connect(str(home / "warehouse" / "build" / "zhaoshang-build.duckdb")) as con:
        con.execute("UPDATE audit.loads SET rows_read = rows_read + 1")
    _drop(home, "第二轮.xlsx", 7)
    second = dg.materialize(ASSETS, resources=resources, raise_on_error=False)
    [balance] = [e for e in second.get_asset_check_evaluations()
                 if e.check_name == "rows_balance" and e.asset_key == dg.AssetKey("bureau_files")]
    assert not balance.passed
    assert dg.AssetKey("published_warehouse") not in {m.asset_key for m in second.get_asset_materialization_events()}
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM audit.loads").fetchone()[0] == 1
