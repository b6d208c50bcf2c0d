"""`make serve` as a centre's server runs it: the supervisor (orchestration/serve.py) over a new home with the demo's
files, no `dagster dev` anywhere. One server for the module, in the order a first day would go: the sensor's run on
the new files is cut short by killing the daemon (SIGKILL), the supervisor restarts it and run monitoring marks
the interrupted run failed; the schedule, set by ZHAOSHANG_NIGHTLY_CRON to a minute about to come, runs the night
to the end; a file dropped later is loaded by a sensor run; `make status` shows all of it; SIGTERM stops it all."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import openpyxl
import psutil
import pytest
from dagster import DagsterRunStatus
from dagster._core.events import DagsterEventType

from tests.conftest import copy_demo
from tests.orchestration.services import (
    ROOT,
    answers,
    free_port,
    instance,
    service_env,
    start_serve,
    stop_serve,
    tree,
    until,
)

SCHEDULE_TAG, SENSOR_TAG = "dagster/schedule_name", "dagster/sensor_name"


def _cron_in(seconds: int) -> tuple[str, dt.datetime]:
    """A daily cron (Asia/Shanghai) for the first whole minute at least `seconds` from now."""
    due = (dt.datetime.now(ZoneInfo("Asia/Shanghai")) + dt.timedelta(seconds=seconds + 60)).replace(second=0,
                                                                                                    microsecond=0)
    return f"{due.minute} {due.hour} * * *", due


@pytest.fixture(scope="module")
def served(demo_inputs: Path, tmp_path_factory: pytest.TempPathFactory):
    home = copy_demo(demo_inputs, tmp_path_factory.mktemp("served") / "home")
    port = free_port()
    # Soon: should the daemon be down at that minute, it launches the missed tick when it is back.
    cron, due = _cron_in(40)
    env = service_env(home, ZHAOSHANG_UI_PORT=str(port), ZHAOSHANG_NIGHTLY_CRON=cron)
    serve = start_serve(env)
    try:
        until(lambda: answers(port), 180, "the UI answers")
        yield home, port, env, serve, due
    finally:
        if serve.poll() is None:
            stop_serve(serve)


def _runs(home: Path, tag: str):
    with instance(home) as dagster:
        return [r for r in dagster.get_runs() if tag in r.tags]


def test_nothing_listens_beyond_loopback_and_there_is_no_dagster_dev(served) -> None:
    home, port, env, serve, due = served
    processes = tree(serve.pid)
    commands = [" ".join(p.cmdline()) for p in processes]
    assert any("dagster-daemon run" in c for c in commands) and any("dagster-webserver" in c for c in commands)
    assert not any("dagster dev" in c or c.endswith("/dagster dev") for c in commands)
    assert not any("-m portal" in c for c in commands)  # ZHAOSHANG_PORTAL=off
    listening = [(p.pid, c.laddr) for p in processes for c in p.net_connections(kind="inet")
                 if c.status == psutil.CONN_LISTEN]
    assert ("127.0.0.1", port) in [(a.ip, a.port) for _, a in listening]
    assert all(ipaddress.ip_address(address.ip).is_loopback for _, address in listening), listening


def test_a_run_cut_short_by_a_killed_daemon_is_marked_failed_and_the_schedule_runs_the_night(served) -> None:
    home, port, env, serve, due = served
    # The sensor sees the demo's files (a new home) and starts a run; the daemon is killed while it runs.
    running = until(lambda: [r for r in _runs(home, SENSOR_TAG) if r.status == DagsterRunStatus.STARTED], 240,
                    "the sensor's run starts")[0]
    time.sleep(2)
    [daemon] = [p for p in tree(serve.pid) if "dagster-daemon" in " ".join(p.cmdline())]
    os.kill(daemon.pid, signal.SIGKILL)

    def ended():
        with instance(home) as dagster:
            run = dagster.get_run_by_id(running.run_id)
            return run if run.status != DagsterRunStatus.STARTED else None

    interrupted = until(ended, 120, "run monitoring ends the interrupted run")
    assert interrupted.status == DagsterRunStatus.FAILURE
    with instance(home) as dagster:
        failure = dagster.all_logs(running.run_id, of_type=DagsterEventType.RUN_FAILURE)[-1].dagster_event.message
    assert "已不存在，这次运行被中断" in failure and "Marking run" in failure
    serve_log = (home / "logs" / "serve.log").read_text(encoding="utf-8")
    assert "daemon 意外退出（退出码 -9" in serve_log and serve_log.count("已启动 daemon") == 2

    # The schedule's minute comes; its run reads every file the interrupted one did not finish.
    wait = (due - dt.datetime.now(ZoneInfo("Asia/Shanghai"))).total_seconds() + 240
    scheduled = until(lambda: [r for r in _runs(home, SCHEDULE_TAG) if r.status in
                               (DagsterRunStatus.SUCCESS, DagsterRunStatus.FAILURE)], wait, "the scheduled run ends")
    assert [r.status for r in scheduled] == [DagsterRunStatus.SUCCESS]
    assert scheduled[0].tags[SCHEDULE_TAG] == "nightly_0200"
    with duckdb.connect(str(home / "warehouse" / "zhaoshang.duckdb"), read_only=True) as con:
        statuses = dict(con.execute("SELECT status, count(*) FROM audit.loads GROUP BY 1").fetchall())
    assert statuses.get("loaded", 0) > 50 and "failed" not in statuses


def test_a_dropped_file_is_loaded_by_a_sensor_run_and_make_status_shows_the_runs(served) -> None:
    home, port, env, serve, due = served
    until(lambda: [r for r in _runs(home, SCHEDULE_TAG) if r.status == DagsterRunStatus.SUCCESS], 600,
          "the scheduled run (previous test)")
    before = {r.run_id for r in _runs(home, SENSOR_TAG)}
    # A department's workbook sent again with one more enterprise: new content under a new name.
    template = sorted((home / "landing" / "departments").glob("*.xlsx"))[0]
    book = openpyxl.load_workbook(template)
    book.worksheets[-1].append([99, "漯河守夜测试有限公司", None, None, None, None])
    name = f"{template.stem}-补报.xlsx"
    book.save(home / "landing" / "departments" / name)
    new = until(lambda: [r for r in _runs(home, SENSOR_TAG) if r.run_id not in before
                         and r.status in (DagsterRunStatus.SUCCESS, DagsterRunStatus.FAILURE)], 240,
                "a sensor run for the dropped file ends")
    assert [r.status for r in new] == [DagsterRunStatus.SUCCESS]
    with duckdb.connect(str(home / "warehouse" / "zhaoshang.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM audit.loads WHERE file_name = ?", [name]).fetchone()[0] == 1

    status = subprocess.run([sys.executable, "-m", "orchestration.status"], cwd=ROOT, env=env, capture_output=True,
                            text=True, check=True).stdout
    assert "正常）" in status.split("\n\n")[1]  # the heartbeat
    runs = status.split("\n\n")[2]
    assert "计划 nightly_0200" in runs and "传感器 landing_zone_sensor" in runs
    assert runs.count("成功") >= 2 and "失败" in runs
    assert f"下一次计划运行：{(due + dt.timedelta(days=1)).strftime('%Y-%m-%d %H:%M')} nightly_0200" in status
    assert "接收目录中等待处理的文件：没有" in status


def test_sigterm_stops_every_service(served) -> None:
    home, port, env, serve, due = served
    processes = tree(serve.pid)
    assert len(processes) >= 3
    assert stop_serve(serve) == 0
    time.sleep(1)
    assert [p.pid for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE] == []
    assert "所有服务已停止" in (home / "logs" / "serve.log").read_text(encoding="utf-8")
