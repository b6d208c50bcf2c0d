"""The nightly job, its schedule, and the sensor that picks up files dropped during the day."""

from __future__ import annotations

import hashlib
import json

import dagster as dg

from orchestration.settings import SOURCES
from warehouse.landing import scan
from warehouse.resource import Warehouse

# In-process: the assets share one build file and run one after another anyway, at a third of the
# multiprocess executor's start-up cost.
nightly_job = dg.define_asset_job("nightly", selection=dg.AssetSelection.all(), executor_def=dg.in_process_executor)

nightly_schedule = dg.ScheduleDefinition(
    name="nightly_0200",
    job=nightly_job,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)

WAREHOUSE_ASSETS = ["core_tables", "mart_tables", "published_warehouse"]


def landing_fingerprint(warehouse: Warehouse) -> dict[str, str]:
    """source/relative path -> size and modification time, for every file the loaders would read."""
    prints = {}
    for source in SOURCES:
        folder = warehouse.paths.landing_for(source)
        for file in scan(folder)[0]:
            prints[f"{source}/{file.relative}"] = f"{file.size}:{file.modified_ns}"
    return prints


@dg.sensor(job=nightly_job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING)
def landing_zone_sensor(context: dg.SensorEvaluationContext, warehouse: Warehouse):
    """Start a run for the sources whose files are new or changed since the last look."""
    current = landing_fingerprint(warehouse)
    before = json.loads(context.cursor) if context.cursor else {}
    changed = sorted(key for key, value in current.items() if before.get(key) != value)
    if not changed:
        return dg.SkipReason("no new or changed files in the landing zone")
    sources = sorted({key.split("/", 1)[0] for key in changed})
    run_key = hashlib.sha256(json.dumps({k: current[k] for k in changed}).encode()).hexdigest()[:16]
    context.update_cursor(json.dumps(current))
    return dg.RunRequest(
        run_key=run_key,
        asset_selection=[dg.AssetKey("reference_data"), *(dg.AssetKey(f"{s}_files") for s in sources),
                         *(dg.AssetKey(name) for name in WAREHOUSE_ASSETS)],
        tags={"zhaoshang/changed_files": ", ".join(changed)[:1000]},
    )
