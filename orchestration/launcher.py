"""Dagster's default run launcher, with the health check run monitoring asks of a launcher.

The default launcher cannot say whether a run's process still lives, so a run whose process died with the daemon
(killed, the machine restarted) stayed "Started" for ever and, with one run at a time, every later run waited
behind it. The run's process announces its pid in an engine event ("Started process for run (pid: N)"); the run
is alive while that process is.
"""

from __future__ import annotations

import psutil
from dagster._core.events import DagsterEventType
from dagster._core.launcher import DefaultRunLauncher
from dagster._core.launcher.base import CheckRunHealthResult, WorkerStatus
from dagster._core.storage.dagster_run import DagsterRun

# A process started this long after the event is another one that was given the same pid.
_PID_REUSE_SLACK_S = 5.0


class WatchedRunLauncher(DefaultRunLauncher):
    @property
    def supports_check_run_worker_health(self) -> bool:
        return True

    def check_run_worker_health(self, run: DagsterRun) -> CheckRunHealthResult:
        started = _worker(self._instance, run.run_id)
        if started is None:
            # Not announced yet, or a run of `make run` in its own process: nothing to judge by.
            return CheckRunHealthResult(WorkerStatus.RUNNING, "")
        pid, announced_at = started
        try:
            process = psutil.Process(pid)
            alive = (process.status() != psutil.STATUS_ZOMBIE
                     and process.create_time() <= announced_at + _PID_REUSE_SLACK_S)
        except psutil.NoSuchProcess:
            alive = False
        if alive:
            return CheckRunHealthResult(WorkerStatus.RUNNING, "")
        return CheckRunHealthResult(
            WorkerStatus.FAILED,
            f"运行进程 (pid {pid}) 已不存在，这次运行被中断（守护进程被终止或服务器重启），已标记为失败；"
            f"下一次运行会重新处理 (the run's process {pid} is gone: the run was interrupted)")


def _worker(instance, run_id: str) -> tuple[int, float] | None:
    """The pid of the run's process and when it announced itself."""
    for record in reversed(instance.all_logs(run_id, of_type=DagsterEventType.ENGINE_EVENT)):
        event = record.dagster_event
        if event and event.message and event.message.startswith("Started process for run"):
            pid = event.engine_event_data.metadata.get("pid")
            if pid is not None:
                return int(pid.value), record.timestamp
    return None
