"""Starting `make serve`'s supervisor over a test home and watching what it does, for the service tests."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import dagster as dg
import psutil

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def until(condition: Callable[[], object], timeout: float, what: str, step: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(step)
    raise TimeoutError(f"not within {timeout:.0f} s: {what}")


def service_env(home: Path, **settings: str) -> dict[str, str]:
    env = dict(os.environ, ZHAOSHANG_HOME=str(home), DAGSTER_HOME=str(home / "dagster"), ZHAOSHANG_PORTAL="off")
    for name in ("ZHAOSHANG_DAGSTER_POSTGRES_URL", "ZHAOSHANG_NIGHTLY_CRON", "ZHAOSHANG_UI_PORT"):
        env.pop(name, None)
    return env | settings


def start_serve(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "orchestration.serve"], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def stop_serve(serve: subprocess.Popen) -> int:
    """SIGTERM, as systemd stops it; the whole session killed if it does not stop within a minute."""
    if serve.poll() is None:
        serve.send_signal(signal.SIGTERM)
    try:
        return serve.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(serve.pid, signal.SIGKILL)
        serve.wait()
        raise


def tree(pid: int) -> list[psutil.Process]:
    try:
        parent = psutil.Process(pid)
        return [parent, *parent.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def graphql(port: int, query: str) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"query": query}).encode())
    return json.loads(urllib.request.urlopen(request, timeout=30).read())


def answers(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=5).read()
        return True
    except OSError:
        return False


def instance(home: Path) -> dg.DagsterInstance:
    """The home's instance as the services see it (its dagster.yaml: SQLite or PostgreSQL)."""
    return dg.DagsterInstance.from_config(str(home / "dagster"))
