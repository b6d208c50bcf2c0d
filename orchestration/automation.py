"""The nightly job, its schedule, and the sensor that picks up files dropped during the day."""

from __future__ import annotations

import hashlib
import json

import dagster as dg
import duckdb
from dagster import DagsterRunStatus, RunsFilter

from assets.landing import INGEST_ASSETS
from assets.reference import reference_data
from ingest.sources import SOURCES
from orchestration.settings import nightly_cron
from warehouse.audit import files_read
from warehouse.home import Paths
from warehouse.landing import scan
from warehouse.resource import Warehouse

# In-process: the assets share one build file and run one after another anyway, at a third of the multiprocess
# executor's start-up cost. The console shows warnings and above (a file rejected, rows quarantined); every event is
# in the UI.
nightly_job = dg.define_asset_job(
    "nightly", selection=dg.AssetSelection.all(), executor_def=dg.in_process_executor,
    config={"loggers": {"console": {"config": {"log_level": "WARNING"}}}},
)

# Named for its usual hour; ZHAOSHANG_NIGHTLY_CRON moves it (a test sets a minute that is about to come).
nightly_schedule = dg.ScheduleDefinition(
    name="nightly_0200",
    job=nightly_job,
    cron_schedule=nightly_cron(),
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)

# What the sensor watches: each source's landing folder, and the reference folder, with the asset each feeds.
_WATCHED = {source.name: asset.key for source, asset in zip(SOURCES, INGEST_ASSETS, strict=True)} | {
    "reference": reference_data.key}


def _listing(paths: Paths, name: str) -> list[tuple[str, int, int]]:
    folder = paths.reference if name == "reference" else paths.landing_for(name)
    if name == "reference":
        return sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.glob("*") if p.is_file())
    return sorted((f.relative, f.size, f.modified_ns) for f in scan(folder)[0])


def _summary(listing: list[tuple[str, int, int]]) -> str:
    """'5 files 3fa1c2d4': readable on the sensor page, and changing with any file added, removed or rewritten."""
    return f"{len(listing)} files {hashlib.sha256(repr(listing).encode()).hexdigest()[:8]}"


def _already_loaded(paths: Paths, name: str, listing: list[tuple[str, int, int]]) -> bool:
    """Whether the published warehouse has read exactly these files (as after `make run`): then a first look of the
    sensor has nothing to start."""
    if name == "reference" or not paths.published_db.exists():
        return name == "reference" and paths.published_db.exists()
    with duckdb.connect(str(paths.published_db), read_only=True) as con:
        known = files_read(con, name)
    return all(entry in known for entry in listing)


@dg.sensor(job=nightly_job, minimum_interval_seconds=5, default_status=dg.DefaultSensorStatus.RUNNING)
def landing_zone_sensor(context: dg.SensorEvaluationContext, warehouse: Warehouse):
    """Start a run for the folders whose files are new or changed since the last look: their assets and everything
    downstream of them, nothing else."""
    paths = warehouse.paths
    listings = {name: _listing(paths, name) for name in _WATCHED}
    now = {name: _summary(listing) for name, listing in listings.items()}
    if context.cursor:
        before = json.loads(context.cursor)
    else:
        before = {name: now[name] for name, listing in listings.items() if _already_loaded(paths, name, listing)}
    changed = [name for name in _WATCHED if before.get(name) != now[name]]
    if not changed:
        context.update_cursor(json.dumps(now, ensure_ascii=False))
        return dg.SkipReason("接收目录没有新文件 no new or changed files")
    if context.instance.get_run_records(
            filters=RunsFilter(job_name=nightly_job.name, statuses=[DagsterRunStatus.QUEUED]), limit=1):
        # Files keep arriving while a run works: one run waiting is enough. The cursor stays, so once that run has
        # started (and may have looked at the folders before these files came) the next look asks for another.
        return dg.SkipReason("已有一次排队等待的运行 a run is already queued; asked again once it starts")
    context.update_cursor(json.dumps(now, ensure_ascii=False))
    selection = dg.AssetSelection.assets(*(_WATCHED[name] for name in changed)).downstream()
    if not paths.build_db.exists():
        # A new home: the tables that read no folder (the calendar of weeks, the code lists) were never built either.
        selection = dg.AssetSelection.all()
    # No run_key: Dagster never starts a key twice, and a folder put back as it once was (a file removed again,
    # which closes its rejection) must start a run. The cursor already keeps a look from asking twice.
    return dg.RunRequest(
        asset_selection=list(selection.resolve(context.repository_def.asset_graph)),
        tags={"变化的目录 changed folders": "、".join(changed)},
    )
