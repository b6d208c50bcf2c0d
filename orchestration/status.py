"""`make status`: how the services stand, in Chinese: the daemon's heartbeat, the latest runs and how they ended,
the next scheduled runs, the files waiting in the landing zone, the overdue sources (from the published file, opened
read-only) and the free disk under the archive. It reads; it starts and changes nothing."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import time
from zoneinfo import ZoneInfo

import dagster as dg
import duckdb
from dagster._core.scheduler.instigation import InstigatorStatus, InstigatorType
from dagster._utils.schedules import cron_string_iterator

from ingest.sources import SOURCE_NAMES
from ingest.text import visible
from orchestration.automation import nightly_schedule
from orchestration.housekeeping import housekeeping_schedule
from orchestration.report import text_table
from orchestration.settings import dagster_env, prepare_dagster_home
from warehouse.audit import files_read
from warehouse.database import records
from warehouse.home import Paths, paths
from warehouse.landing import scan

CENTRE_TZ = ZoneInfo("Asia/Shanghai")
# The daemon beats every 20 s or so; three missed beats and it is not running.
HEARTBEAT_STALE_S = 60
RUNS_SHOWN = 5
RUN_STATUS_ZH = {"SUCCESS": "成功", "FAILURE": "失败", "CANCELED": "已取消", "STARTED": "运行中", "STARTING": "启动中",
                 "QUEUED": "排队中", "NOT_STARTED": "未开始", "CANCELING": "取消中", "MANAGED": "外部管理"}
SCHEDULES = (nightly_schedule, housekeeping_schedule)


def _when(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp, CENTRE_TZ).strftime("%Y-%m-%d %H:%M:%S")


def _ago(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} 秒前"
    if seconds < 7200:
        return f"{seconds / 60:.0f} 分钟前"
    return f"{seconds / 3600:.1f} 小时前"


def heartbeat_lines(instance: dg.DagsterInstance, now: float) -> list[str]:
    beats = instance.get_daemon_heartbeats()
    if not beats:
        return ["守护进程心跳：从未收到，守护进程没有运行过（启动：make serve 或 systemctl start zhaoshang）"]
    latest = max(beat.timestamp for beat in beats.values())
    age = now - latest
    state = "正常" if age <= HEARTBEAT_STALE_S else "已停止？超过一分钟没有心跳，计划和传感器都不会运行"
    return [f"守护进程心跳：{_when(latest)}（{_ago(age)}，{state}）"]


def _trigger(tags: dict[str, str]) -> str:
    if "dagster/schedule_name" in tags:
        return f"计划 {tags['dagster/schedule_name']}"
    if "dagster/sensor_name" in tags:
        return f"传感器 {tags['dagster/sensor_name']}"
    return "手动（make run 或界面）"


def run_lines(instance: dg.DagsterInstance) -> list[str]:
    rows = []
    for record in instance.get_run_records(limit=RUNS_SHOWN):
        run = record.dagster_run
        started = record.start_time or record.create_timestamp.timestamp()
        took = f"{record.end_time - record.start_time:.0f} 秒" if record.end_time and record.start_time else ""
        rows.append([_when(started), run.job_name, _trigger(dict(run.tags)),
                     RUN_STATUS_ZH.get(run.status.value, run.status.value), took, run.run_id[:8]])
    if not rows:
        return ["最近的运行：还没有运行过"]
    return ["最近的运行（最新的在前）：", text_table(["开始时间", "作业", "触发", "结果", "用时", "运行编号"], rows)]


def schedule_lines(instance: dg.DagsterInstance, now: float) -> list[str]:
    stopped = {state.instigator_name for state in instance.all_instigator_state(instigator_type=InstigatorType.SCHEDULE)
               if state.status == InstigatorStatus.STOPPED}
    lines = []
    for schedule in SCHEDULES:
        upcoming = next(cron_string_iterator(now, schedule.cron_schedule, schedule.execution_timezone))
        note = "（已在界面停用，不会运行）" if schedule.name in stopped else ""
        lines.append(f"下一次计划运行：{upcoming.strftime('%Y-%m-%d %H:%M')} {schedule.name} "
                     f"({schedule.job_name}){note}")
    return lines


def waiting_files(where: Paths) -> list[str]:
    """The landing entries no night has read yet (all of them while nothing is published)."""
    waiting = []
    con = duckdb.connect(str(where.published_db), read_only=True) if where.published_db.exists() else None
    try:
        for source in SOURCE_NAMES:
            read = files_read(con, source) if con else set()
            waiting += [f"{source}/{f.relative}" for f in scan(where.landing_for(source))[0]
                        if (f.relative, f.size, f.modified_ns) not in read]
    finally:
        if con:
            con.close()
    return waiting


def waiting_lines(where: Paths) -> list[str]:
    waiting = waiting_files(where)
    if not waiting:
        return ["接收目录中等待处理的文件：没有"]
    # A file name is anybody's: its control characters (an escape sequence) are shown, never sent to the terminal.
    shown = [f"  {visible(name)}" for name in waiting[:20]]
    more = [f"  ……另有 {len(waiting) - 20} 个"] if len(waiting) > 20 else []
    return [f"接收目录中等待处理的文件：{len(waiting)} 个（下一次运行读取）", *shown, *more]


def overdue_lines(where: Paths) -> list[str]:
    if not where.published_db.exists():
        return ["逾期的来源：还没有发布的数据仓库（先运行一次）"]
    with duckdb.connect(str(where.published_db), read_only=True) as con:
        overdue = records(con, "overdue_sources")
    if not overdue:
        return ["逾期的来源：没有"]
    rows = [[row["source_name"], row["department_name"] or "（全部部门）", row["latest_period"] or "从未收到",
             str(row["next_due_on"] or ""), row["days_overdue"]] for row in overdue]
    return [f"逾期的来源：{len(rows)} 个",
            text_table(["来源", "部门", "最新一期", "应到日期", "逾期天数"], rows, right=[4])]


def disk_lines(where: Paths) -> list[str]:
    folder = where.archive if where.archive.exists() else where.home
    usage = shutil.disk_usage(folder)
    gb = 1024**3
    low = "（不足 10%，请清理磁盘或扩容：运行会因磁盘写满而失败）" if usage.free < usage.total / 10 else ""
    return [f"归档目录所在磁盘剩余空间：{usage.free / gb:.1f} GB / 共 {usage.total / gb:.1f} GB"
            f"（{usage.free / usage.total:.0%}）{low}  {folder}"]


def status_text(where: Paths, now: float | None = None) -> str:
    now = time.time() if now is None else now
    prepare_dagster_home(where)
    os.environ.update(dagster_env(where))
    with dg.DagsterInstance.get() as instance:
        sections = [heartbeat_lines(instance, now), run_lines(instance), schedule_lines(instance, now)]
    sections += [waiting_lines(where), overdue_lines(where), disk_lines(where)]
    head = [f"招商数据仓库运行状态 {_when(now)}（北京时间）  数据目录 {where.home}"]
    return "\n\n".join("\n".join(lines) for lines in [head, *sections])


def main() -> int:
    print(status_text(paths()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
