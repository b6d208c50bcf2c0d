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
