"""`make serve`: the centre's services, supervised: the Dagster daemon (the 02:00 schedule, the landing sensor, run
monitoring, housekeeping), the Dagster UI (webserver, on 127.0.0.1 only) and the departments' portal.

A service that dies is started again, after 1 s, then 2, 4 … up to a minute while it keeps dying young; each
restart is logged to <ZHAOSHANG_HOME>/logs/serve.log and to the console. What a dead service leaves behind in its
process group (the daemon's code server and the run it was running) is killed first, as systemd does to a unit's
control group: run monitoring then marks such a run failed instead of letting it hold the one run slot.
SIGTERM or SIGINT stops every service (SIGTERM, then SIGKILL after a grace period) and exits.

Each service writes its own output to logs/<name>.log. One supervisor per home: a second `make serve` on the
same home says so and exits.
"""

from __future__ import annotations

import fcntl
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from orchestration.settings import PROJECT_ROOT, dagster_env, portal_enabled, prepare_dagster_home, ui_port
from warehouse.home import Paths, keep_files_private, paths

FIRST_BACKOFF_S = 1.0
MAX_BACKOFF_S = 60.0
# A service that ran this long before dying was healthy: its next restart waits the first backoff again.
HEALTHY_AFTER_S = 60.0
STOP_GRACE_S = 20.0
log = logging.getLogger("zhaoshang.serve")


@dataclass(frozen=True)
class Service:
    name: str
    command: list[str]


def services() -> list[Service]:
    """What `make serve` runs, in order; the one list of the centre's services (deploy/ runs `make serve`'s
    supervisor, not each of them)."""
    bin_dir = Path(sys.executable).parent
    found = [
        Service("daemon", [str(bin_dir / "dagster-daemon"), "run", "-m", "orchestration.definitions",
                           "--log-level", "warning"]),
        # Never beyond 127.0.0.1: the UI has no sign-in (deploy/nginx-zhaoshang.conf puts one in front of it).
        Service("webserver", [str(bin_dir / "dagster-webserver"), "-m", "orchestration.definitions",
                              "-h", "127.0.0.1", "-p", str(ui_port()), "--log-level", "warning"]),
    ]
    if portal_enabled():
        found.append(Service("portal", [sys.executable, "-m", "portal", "serve"]))
    return found


@dataclass
class _Running:
    service: Service
    process: subprocess.Popen | None = None
    started: float = 0.0
    backoff: float = FIRST_BACKOFF_S
    restart_at: float | None = None
    restarts: int = field(default=0)


class Supervisor:
    def __init__(self, where: Paths, chosen: list[Service]) -> None:
        self.where = where
        self.logs = where.home / "logs"
        self.env = dagster_env(where)
        self.running = [_Running(service) for service in chosen]
        self.stopping = threading.Event()

    def _start(self, entry: _Running) -> None:
        output = open(self.logs / f"{entry.service.name}.log", "ab", buffering=0)  # noqa: SIM115 (the child's)
        with output:
            # A session of its own: the service and whatever it starts form one process group, stopped together,
            # and a Ctrl-C in the terminal reaches the supervisor only.
            entry.process = subprocess.Popen(entry.service.command, cwd=PROJECT_ROOT, env=self.env,
                                             stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                                             start_new_session=True)
        entry.started, entry.restart_at = time.monotonic(), None
        log.info("已启动 %s (started %s, pid %d)", entry.service.name, entry.service.name, entry.process.pid)

    def _reap(self, entry: _Running) -> None:
        """A service that exited: kill what it left in its group, and set the time of its restart."""
        code = entry.process.returncode
        _kill_group(entry.process.pid, signal.SIGKILL)
        lived = time.monotonic() - entry.started
        entry.backoff = FIRST_BACKOFF_S if lived >= HEALTHY_AFTER_S else entry.backoff
        entry.restart_at = time.monotonic() + entry.backoff
        entry.restarts += 1
        log.warning("%s 意外退出（退出码 %s，运行了 %.0f 秒），%.0f 秒后第 %d 次重启，输出见 %s "
                    "(%s exited with %s after %.0f s; restart %d in %.0f s)", entry.service.name, code, lived,
                    entry.backoff, entry.restarts, self.logs / f"{entry.service.name}.log", entry.service.name,
                    code, lived, entry.restarts, entry.backoff)
        entry.process = None
        entry.backoff = min(entry.backoff * 2, MAX_BACKOFF_S)

    def run(self) -> int:
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda number, frame: self.stopping.set())
        for entry in self.running:
            self._start(entry)
        log.info("界面 Dagster UI: http://127.0.0.1:%d ；日志 logs: %s", ui_port(), self.logs)
        while not self.stopping.wait(0.5):
            for entry in self.running:
                if entry.process is not None and entry.process.poll() is not None:
                    self._reap(entry)
                if entry.process is None and entry.restart_at is not None and time.monotonic() >= entry.restart_at:
                    self._start(entry)
        self._stop_all()
        return 0

    def _stop_all(self) -> None:
        live = [entry.process for entry in self.running if entry.process is not None]
        log.info("正在停止所有服务 (stopping %d services)", len(live))
        for process in live:
            _kill_group(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        for process in live:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("pid %d 在 %.0f 秒内没有退出，强制结束 (killed after the grace period)", process.pid,
                            STOP_GRACE_S)
            _kill_group(process.pid, signal.SIGKILL)  # what the service started and left behind
            process.wait()
        log.info("所有服务已停止 (all services stopped)")


def _kill_group(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        pass


def _log_to(folder: Path) -> None:
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(message)s")
    for handler in (logging.FileHandler(folder / "serve.log", encoding="utf-8"), logging.StreamHandler(sys.stdout)):
        handler.setFormatter(formatter)
        log.addHandler(handler)
    log.setLevel(logging.INFO)


def main() -> int:
    # The services inherit it: the logs, the instance's storage and the portal's uploads are private too.
    keep_files_private()
    where = paths()
    (where.home / "logs").mkdir(parents=True, exist_ok=True)
    _log_to(where.home / "logs")
    lock = open(where.home / "logs" / "serve.lock", "w")  # noqa: SIM115 (held for the supervisor's life)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        log.error("%s 已有一个 make serve 在运行，不再启动第二个 (another make serve already runs on this home)",
                  where.home)
        return 1
    prepare_dagster_home(where)
    _create_storage(where)
    return Supervisor(where, services()).run()


def _create_storage(where: Paths) -> None:
    """Open the instance once before the services do: two processes creating a new home's SQLite tables at the same
    moment leave them unusable ("alembic_version has more than one head")."""
    import dagster as dg

    os.environ.update(dagster_env(where))
    with dg.DagsterInstance.get():
        pass


if __name__ == "__main__":
    sys.exit(main())
