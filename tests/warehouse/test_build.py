"""What a build leaves alone and what it redoes: each object's fingerprint is its SQL and its inputs, and an object
that reads the clock has the day among them."""

from __future__ import annotations

import datetime as dt
import shutil

import duckdb

from tests.build import build_warehouse, database
from tests.conftest import copy_demo
from warehouse.build import fingerprints
from warehouse.objects import sql_objects


def test_the_day_is_an_input_of_what_reads_the_clock_and_of_nothing_else(demo_run) -> None:
    with duckdb.connect(str(demo_run.home / "warehouse" / "build" / "zhaoshang-build.duckdb"), read_only=True) as con:
        monday, tuesday = (fingerprints(con, dt.date(2024, 7, day)) for day in (15, 16))
        again = fingerprints(con, dt.date(2024, 7, 15))
    moved = {key for key in monday if monday[key] != tuesday[key]}
    assert again == monday
    # core.as_of takes the day when calendar.yaml sets none; what is overdue and how stale a source is follow it.
    assert {"core.as_of", "core.department_obligations", "marts.missing_reports", "marts.source_freshness"} <= moved
    # Trade and the project list do not depend on the day.
    assert not moved & {"core.trade_enterprise_monthly", "marts.trade_monthly", "core.projects", "core.targets"}
    clock = {obj.key for obj in sql_objects() if obj.reads_clock}
    assert clock == {"core.as_of"}


def test_a_customs_table_rebuilds_what_it_feeds_and_leaves_the_platform_lines_alone(demo_inputs, tmp_path) -> None:
    home = copy_demo(demo_inputs, tmp_path / "home")
    table = home / "landing" / "customs" / "2024年1-5月西城区企业进出口情况.xlsx"
    aside = shutil.move(table, tmp_path / table.name)
    build_warehouse(home)
    with duckdb.connect(str(database(home)), read_only=True) as con:
        before = fingerprints(con)
    shutil.move(aside, table)
    [outcome] = build_warehouse(home)
    assert (outcome.file_name, outcome.status) == (table.name, "loaded")
    with duckdb.connect(str(database(home)), read_only=True) as con:
        after = fingerprints(con)
    moved = {key for key in after if before[key] != after[key]}
    assert {"core.trade_enterprise_monthly", "marts.trade_by_enterprise", "marts.kpi_completion"} <= moved
    assert not moved & {"core.trade_platform_lines", "core.trade_platform_coverage", "marts.trade_by_product_partner"}
    # Nor anything of the departments or the bureau.
    assert not {key for key in moved if "department" in key or "bureau" in key}
