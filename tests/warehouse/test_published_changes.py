"""Publishing by what changed: the published file brought up to the build table by table is what a full copy of the
build would be, and opens in DuckDB 1.x; anything it cannot bring up is written in full."""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
from pathlib import Path

import duckdb
import pytest

from orchestration.definitions import build_definitions
from tests.conftest import copy_demo
from tests.warehouse.test_published_format import cli
from tests.workbooks import KPI_HEADER, write_workbook
from warehouse.database import open_writer
from warehouse.publish import PUBLISHED_STORAGE_VERSION, _write_readable_copy, build_state
from warehouse.published_changes import _definitions, _shape, update_copy


def _night(home: Path) -> None:
    result = build_definitions(str(home)).resolve_job_def("nightly").execute_in_process(raise_on_error=False)
    assert result.success, [e.message for e in result.all_events if e.is_failure]


def _same_contents(first: Path, second: Path) -> None:
    """Every table holds the same rows (as multisets), every table, view and macro the same definition."""
    con = duckdb.connect()
    con.execute(f"ATTACH '{first}' AS a (READ_ONLY)")
    con.execute(f"ATTACH '{second}' AS b (READ_ONLY)")
    assert _definitions(con, "a") == _definitions(con, "b")
    assert _shape(con, "a") == _shape(con, "b")
    for schema, name in _definitions(con, "a"):
        for one, other in (("a", "b"), ("b", "a")):
            differing = con.execute(f'SELECT count(*) FROM (FROM {one}."{schema}"."{name}"'
                                    f' EXCEPT ALL FROM {other}."{schema}"."{name}")').fetchone()[0]
            assert differing == 0, f"{schema}.{name}: {differing} rows of {one} not in {other}"
    con.close()


@pytest.fixture(scope="module")
def second_night(demo_inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The demo built and published, then a corrected bureau round the next night; what that night published."""
    home = copy_demo(demo_inputs, tmp_path_factory.mktemp("published_changes"))
    _night(home)
    write_workbook(home / "landing" / "bureau" / "认定更正-2024年1-6月.xlsx", {"指标认定": [
        KPI_HEADER, ["签约项目", "2024年1-6月", 9, "个", "认定", dt.date(2024, 7, 14)]]})
    logger = logging.getLogger("warehouse.publish")
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        _night(home)
    finally:
        logger.removeHandler(handler)
    return home, records


def test_a_night_publishes_the_tables_that_changed_and_the_result_is_a_full_copy(second_night, tmp_path) -> None:
    home, logged = second_night
    [message] = [m for m in logged if m.startswith("published by the tables that changed")]
    changed = message.split(": ", 1)[1].split(", ")
    assert "raw.bureau_kpi" in changed and "marts.kpi_completion" in changed
    assert "raw.customs_platform" not in changed and "marts.trade_by_product_partner" not in changed

    full = tmp_path / "full.duckdb"
    con = open_writer(home / "warehouse" / "build" / "zhaoshang-build.duckdb")
    try:
        _write_readable_copy(con, full)
    finally:
        con.close()
    _same_contents(home / "warehouse" / "zhaoshang.duckdb", full)


def test_the_updated_file_opens_in_duckdb_1x(second_night) -> None:
    home, _ = second_night
    done = cli(home / "warehouse" / "zhaoshang.duckdb",
               "SELECT actual::VARCHAR AS actual FROM marts.kpi_latest WHERE year = 2024 AND month = 6"
               " AND metric_code = 'signed_projects' AND basis = 'confirmed'")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [{"actual": "9.0000"}]


def _copies(home: Path, tmp_path: Path) -> tuple[Path, Path]:
    build = shutil.copyfile(home / "warehouse" / "build" / "zhaoshang-build.duckdb", tmp_path / "build.duckdb")
    published = shutil.copyfile(home / "warehouse" / "zhaoshang.duckdb", tmp_path / "published.duckdb")
    published.chmod(0o644)
    return build, published


def test_raw_rows_the_copy_does_not_share_with_the_build_are_rewritten(second_night, tmp_path) -> None:
    build, published = _copies(second_night[0], tmp_path)
    with duckdb.connect(str(published)) as con:
        con.execute("DELETE FROM raw.dept_leads WHERE rowid IN (SELECT min(rowid) FROM raw.dept_leads)")
    con = open_writer(build)
    try:
        changed = update_copy(con, published, tmp_path / "staging.duckdb", PUBLISHED_STORAGE_VERSION)
    finally:
        con.close()
    assert "raw.dept_leads" in changed and "raw.dept_enterprises" not in changed
    _same_contents(tmp_path / "staging.duckdb", build)


@pytest.mark.parametrize("change", [
    "CREATE VIEW marts.new_view AS SELECT 1 AS x",
    # A mart column's comment changed: the mart is rewritten by its fingerprint, its zh view only carries the comment.
    """COMMENT ON COLUMN zh."市定目标完成情况"."年份" IS '年份 calendar year of the figures'""",
])
def test_a_build_of_another_shape_is_left_to_a_full_copy(second_night, tmp_path, change: str) -> None:
    build, published = _copies(second_night[0], tmp_path)
    con = open_writer(build)
    try:
        con.execute(change)
        assert update_copy(con, published, tmp_path / "staging.duckdb", PUBLISHED_STORAGE_VERSION) is None
    finally:
        con.close()


def test_a_build_file_made_anew_is_published_again(second_night, tmp_path) -> None:
    build, _ = _copies(second_night[0], tmp_path)
    before = build_state(build)
    con = open_writer(build)
    try:
        # A build file made anew records its migrations at its making; its load ids may name other rows.
        con.execute("UPDATE audit.migrations SET applied_at = applied_at + INTERVAL 1 DAY")
    finally:
        con.close()
    assert build_state(build) != before


def test_a_published_file_of_another_storage_version_is_written_anew(second_night, tmp_path) -> None:
    build, published = _copies(second_night[0], tmp_path)
    con = open_writer(build)
    try:
        assert update_copy(con, published, tmp_path / "staging.duckdb", "v2.0.0") is None
    finally:
        con.close()


def test_a_build_made_anew_or_migrated_since_is_left_to_a_full_copy(second_night, tmp_path) -> None:
    build, published = _copies(second_night[0], tmp_path)
    con = open_writer(build)
    try:
        # What a build file made anew records: its migrations, applied at its making.
        con.execute("UPDATE audit.migrations SET applied_at = applied_at + INTERVAL 1 DAY")
        assert update_copy(con, published, tmp_path / "staging.duckdb", PUBLISHED_STORAGE_VERSION) is None
    finally:
        con.close()
