"""The definitions load, the nightly schedule and the landing-zone sensor evaluate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg

from orchestration.automation import landing_zone_sensor, nightly_schedule
from orchestration.definitions import build_definitions
from tests.workbooks import KPI_HEADER, write_workbook
from warehouse.resource import Warehouse


def test_definitions_load_with_every_asset_in_the_nightly_job(home: Path) -> None:
    defs = build_definitions(str(home))
    job = defs.resolve_job_def("nightly")
    keys = {key.to_user_string() for key in defs.resolve_asset_graph().get_all_asset_keys()}
    assert {"reference_data", "bureau_files", "departments_files", "customs_files", "core_tables",
            "mart_tables", "published_warehouse"} <= keys
    assert set(job.asset_layer.executable_asset_keys) == set(defs.resolve_asset_graph().get_all_asset_keys())


def test_nightly_schedule_runs_at_two_in_the_morning_shanghai_time() -> None:
    assert nightly_schedule.cron_schedule == "0 2 * * *"
    assert nightly_schedule.execution_timezone == "Asia/Shanghai"
    when = dt.datetime(2024, 7, 1, 2, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    with dg.build_schedule_context(scheduled_execution_time=when) as context:
        requests = list(nightly_schedule.evaluate_tick(context).run_requests)
    assert len(requests) == 1
    assert requests[0].job_name in (None, "nightly")


def _evaluate(home: Path, cursor: str | None) -> tuple[dg.SensorResult, str | None]:
    with dg.build_sensor_context(cursor=cursor, resources={"warehouse": Warehouse(home=str(home))}) as context:
        return landing_zone_sensor.evaluate_tick(context), context.cursor


def test_the_sensor_starts_a_run_for_a_new_file_then_waits_for_the_next(home: Path) -> None:
    data, cursor = _evaluate(home, None)
    assert data.run_requests == [] and data.skip_message

    write_workbook(home / "landing" / "bureau" / "认定-2024年1-5月.xlsx",
                   {"指标认定": [KPI_HEADER, ["签约项目", "2024年1-5月", 7, "个", "认定", "2024-06-14"]]})
    data, cursor = _evaluate(home, cursor)
    assert len(data.run_requests) == 1
    selected = {key.to_user_string() for key in data.run_requests[0].asset_selection}
    assert selected == {"reference_data", "bureau_files", "core_tables", "mart_tables", "published_warehouse"}
    assert "bureau/认定-2024年1-5月.xlsx" in data.run_requests[0].tags["zhaoshang/changed_files"]

    data, _ = _evaluate(home, cursor)
    assert data.run_requests == [] and data.skip_message
