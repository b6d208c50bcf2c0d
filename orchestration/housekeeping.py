"""Housekeeping: Dagster's run history (runs and their event logs) and the check-result CSVs older than
ZHAOSHANG_KEEP_RUNS_DAYS are deleted every day; the archive, which holds every file ever read, never.

Dagster's own retention setting covers sensor and schedule ticks only (orchestration/settings.py sets it to the same
number of days); runs are deleted here, through the instance, so SQLite and PostgreSQL alike lose the run and its
events together.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass

import dagster as dg
from dagster._core.storage.dagster_run import FINISHED_STATUSES, RunsFilter

from orchestration.settings import keep_runs_days
from warehouse.home import Paths
from warehouse.resource import Warehouse


@dataclass(frozen=True)
class Pruned:
    runs: int
    check_folders: int


def prune(instance: dg.DagsterInstance, where: Paths, days: int, now: dt.datetime | None = None) -> Pruned:
    """Delete the finished runs created more than `days` ago and the check-result folders last written before then.
    A run still queued or in progress is left alone, however old."""
    cutoff = (now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=days)
    old = instance.get_run_records(filters=RunsFilter(created_before=cutoff, statuses=list(FINISHED_STATUSES)))
    for record in old:
        instance.delete_run(record.dagster_run.run_id)
    folders = 0
    checks = where.reports / "checks"
    for folder in sorted(checks.iterdir()) if checks.is_dir() else []:
        if folder.is_dir() and not folder.is_symlink() and folder.stat().st_mtime < cutoff.timestamp():
            shutil.rmtree(folder)
            folders += 1
    return Pruned(len(old), folders)


@dg.op
def prune_history(context, warehouse: Warehouse) -> None:  # Dagster reads `context` unannotated only, here
    days = keep_runs_days()
    pruned = prune(context.instance, warehouse.paths, days)
    context.log.info(f"删除了 {days} 天前的 {pruned.runs} 次运行记录和 {pruned.check_folders} 个检查结果目录 "
                     f"(deleted {pruned.runs} runs and {pruned.check_folders} check-result folders older than "
                     f"{days} days); 归档文件不删除 (the archive is kept)")


@dg.job(name="housekeeping", executor_def=dg.in_process_executor,
        description="删除过期的运行记录和检查结果 (prune old run history and check-result CSVs; never the archive)")
def housekeeping_job() -> None:
    prune_history()


# After the night (02:00) has finished, before anyone is at work.
housekeeping_schedule = dg.ScheduleDefinition(
    name="housekeeping_0430", job=housekeeping_job, cron_schedule="30 4 * * *", execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING)
