"""The definitions: one asset per table with its lineage from the SQL, checks on the tables they check, the
nightly schedule and the landing-zone sensor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
import duckdb

from orchestration.automation import landing_zone_sensor, nightly_schedule
from orchestration.definitions import build_definitions
from tests.workbooks import KPI_HEADER, write_workbook
from warehouse.checks import sql_checks
from warehouse.database import _functions
from warehouse.home import Paths
from warehouse.objects import sql_objects
from warehouse.resource import Warehouse

INGEST = {"bureau_files", "departments_files", "customs_files"}


def _graph(home: Path):
    return build_definitions(str(home)).resolve_asset_graph()


def test_every_core_and_mart_table_is_an_asset_with_its_columns_and_description(home: Path) -> None:
    graph = _graph(home)
    tables = {o.key for o in sql_objects() if o.kind in ("table", "view")}
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    others = {"reference_data", "published_warehouse", "people_reports"}
    assert {t.replace(".", "/") for t in tables} | INGEST | others == keys
    spec = graph.get(dg.AssetKey(["marts", "kpi_completion"]))
    assert spec.group_name == "marts" and "duckdb" in spec.kinds
    assert spec.description.startswith("市定目标完成情况") and "KPI completion" in spec.description
    columns = {c.name: c.description for c in spec.metadata["dagster/column_schema"].columns}
    assert columns["completion_rate"].startswith("完成率")
    assert graph.get(dg.AssetKey(["core", "kpi_confirmations"])).description.startswith("市商务局指标认定")


def test_every_check_hangs_on_the_table_it_checks(home: Path) -> None:
    graph = _graph(home)
    attached = {(key.asset_key.to_user_string(), key.name) for key in graph.asset_check_keys}
    for check in sql_checks():
        assert (check.table.replace(".", "/"), check.name) in attached
    assert ("marts/kpi_completion", "kpi_target_set") in attached
    assert ("marts/department_weekly", "department_weekly_unique") in attached
    for source in INGEST:
        assert {(source, n) for n in ("files_readable", "rows_valid", "rows_balance")} <= attached


def test_lineage_runs_from_the_three_sources_to_every_mart_and_the_published_file(home: Path) -> None:
    graph = _graph(home)
    published = dg.AssetKey("published_warehouse")
    for obj in sql_objects():
        if obj.schema != "marts":
            continue
        key = dg.AssetKey(["marts", obj.name])
        assert published in graph.get(key).child_keys
        ancestors = {k.to_user_string() for k in dg.AssetSelection.assets(key).upstream().resolve(graph)}
        # Every mart sees through a raw table or the audit trail to at least one landing source.
        assert ancestors & INGEST, obj.key
    kpi = {k.to_user_string() for k in dg.AssetSelection.assets(dg.AssetKey(["marts", "kpi_completion"]))
           .upstream().resolve(graph)}
    assert {"bureau_files", "reference_data", "core/kpi_confirmations"} <= kpi
    trade = {k.to_user_string() for k in dg.AssetSelection.assets(dg.AssetKey(["marts", "trade_monthly"]))
             .upstream().resolve(graph)}
    # The loads in force it joins are the customs loads: no other source's file can change it.
    assert "customs_files" in trade and not trade & {"departments_files", "bureau_files"}


def test_each_object_builds_from_exactly_the_tables_its_lineage_names(demo_run) -> None:
    """The lineage is parsed from the SQL; here each file is run against a database holding only those tables (as
    empty copies), so a table the parser missed fails the build."""
    for obj in sql_objects():
        with duckdb.connect() as alone:
            alone.execute("ATTACH ? AS built (READ_ONLY)", [str(demo_run.published)])
            for schema in ("raw", "audit", "core", "marts"):
                alone.execute(f"CREATE SCHEMA {schema}")
            for read in sorted(obj.reads):
                alone.execute(f"CREATE TABLE {read} AS SELECT * FROM built.{read} LIMIT 0")
            for path in _functions():
                alone.execute(path.read_text(encoding="utf-8"))
            alone.execute(obj.sql)


def test_nightly_schedule_runs_at_two_in_the_morning_shanghai_time() -> None:
    assert nightly_schedule.cron_schedule == "0 2 * * *"
    assert nightly_schedule.execution_timezone == "Asia/Shanghai"
    when = dt.datetime(2024, 7, 1, 2, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    with dg.build_schedule_context(scheduled_execution_time=when) as context:
        requests = list(nightly_schedule.evaluate_tick(context).run_requests)
    assert len(requests) == 1
    assert requests[0].job_name in (None, "nightly")


def _evaluate(home: Path, cursor: str | None, instance: dg.DagsterInstance | None = None
              ) -> tuple[dg.SensorResult, str | None]:
    defs = build_definitions(str(home))
    with dg.build_sensor_context(cursor=cursor, definitions=defs, instance=instance or dg.DagsterInstance.ephemeral(),
                                 resources={"warehouse": Warehouse(home=str(home))}) as context:
        return landing_zone_sensor.evaluate_tick(context), context.cursor


def test_the_sensor_starts_a_run_of_what_a_new_file_feeds_then_waits_for_the_next(home: Path) -> None:
    data, cursor = _evaluate(home, None)
    [first] = data.run_requests  # nothing published yet: a first run, of everything (nothing was ever built)
    assert len(first.asset_selection) == len(build_definitions(str(home)).resolve_asset_graph().get_all_asset_keys())
    Paths(home).build_db.parent.mkdir(parents=True)
    Paths(home).build_db.touch()  # as that run leaves it

    write_workbook(home / "landing" / "bureau" / "认定-2024年1-5月.xlsx",
                   {"指标认定": [KPI_HEADER, ["签约项目", "2024年1-5月", 7, "个", "认定", "2024-06-14"]]})
    data, cursor = _evaluate(home, cursor)
    [request] = data.run_requests
    selected = {key.to_user_string() for key in request.asset_selection}
    assert {"bureau_files", "core/kpi_confirmations", "marts/kpi_completion", "published_warehouse"} <= selected
    # What a bureau file cannot change is not rebuilt: the trade and department tables.
    assert not selected & {"reference_data", "departments_files", "customs_files", "marts/trade_by_product_partner",
                           "marts/department_weekly", "core/trade_months"}
    assert "bureau" in cursor and "files" in cursor and "\\u" not in cursor

    data, cursor = _evaluate(home, cursor)
    assert data.run_requests == [] and data.skip_message

    # The file taken away again: the folder is as it was before, and that is a change to load too.
    (home / "landing" / "bureau" / "认定-2024年1-5月.xlsx").unlink()
    data, _ = _evaluate(home, cursor)
    [request] = data.run_requests
    assert request.run_key is None


def test_after_make_run_the_sensor_starts_nothing_on_its_first_look(demo_run) -> None:
    data, cursor = _evaluate(demo_run.home, None)
    assert data.run_requests == [], data.run_requests
    assert cursor

