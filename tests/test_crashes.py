"""The nightly process killed (SIGKILL, as a power cut would) at each step that writes something: the published file
is always the old or the new warehouse, and the next run finishes the work, leaves nothing behind and gives what a
run never interrupted gives."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import psutil
import pytest

from warehouse.home import Paths

ROOT = Path(__file__).resolve().parent.parent
# Files that arrived before this are the warehouse as it stood; the later ones are the night's new files.
CUTOFF = dt.datetime(2024, 6, 1).timestamp()
POINTS = [
    "archive.copy",  # a new file half copied into the archive
    "loads.parsed",  # files read by the workers, nothing written
    "loads.write",  # rows inserted, the load's transaction not committed
    "loads.committed",  # one source committed, the others not read yet
    "platform.load",  # a customs platform download inside its transaction
    "build.marts.kpi_completion",  # half the marts rebuilt
    "publish.copy",  # the published copy half written beside the old one
    "publish.replaced",  # the new file published, the run not finished
    "reports.write",  # the briefing written, the ranking notice not yet
]


def _run(home: Path, crash_at: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, ZHAOSHANG_HOME=str(home), DAGSTER_HOME=str(home / "dagster"))
    env.pop("ZHAOSHANG_CRASH_AT", None)
    if crash_at:
        env["ZHAOSHANG_CRASH_AT"] = crash_at
    return subprocess.run([sys.executable, "-m", "orchestration.run"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600)


def _marts(database: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(database), read_only=True) as con:
        tables = [name for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts' ORDER BY 1").fetchall()]
        return {table: sorted(con.execute(f"SELECT * FROM marts.{table}").fetchall(), key=repr) for table in tables}


def _archive(home: Path) -> set[str]:
    return {str(p.relative_to(home / "archive")) for p in (home / "archive").rglob("*") if p.is_file()}


def _leftovers(home: Path) -> list[str]:
    paths = Paths(home)
    found = [str(p) for p in paths.scratch.rglob("*") if p.is_file()]
    found += [str(p) for p in paths.archive.glob(".incoming-*")]
    found += [str(p) for p in paths.published_db.parent.glob(".zhaoshang.duckdb.*.tmp*")]
    return found


def _orphan_workers() -> list[int]:
    return [p.pid for p in psutil.process_iter(["cmdline", "ppid"])
            if "warehouse.isolation" in " ".join(p.info["cmdline"] or []) and p.info["ppid"] == 1]


@pytest.fixture(scope="module")
def homes(demo_inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """`before`: the warehouse as it stood (files before June, built and published); `after`: the same home after an
    uninterrupted run over the night's new files, the figures every interrupted run must end with."""
    demo = demo_inputs
    before = tmp_path_factory.mktemp("before")
    shutil.copytree(demo / "reference", before / "reference")
    for path in (demo / "landing").rglob("*"):
        if path.is_file() and path.stat().st_mtime < CUTOFF:
            target = before / path.relative_to(demo)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    assert _run(before).returncode == 0
    after = tmp_path_factory.mktemp("after") / "home"
    shutil.copytree(before, after, symlinks=True)
    shutil.copytree(demo / "landing", after / "landing", dirs_exist_ok=True)
    assert _run(after).returncode == 0
    return {"demo": demo, "before": before, "after": after}


@pytest.mark.parametrize("point", POINTS)
def test_a_kill_at_any_step_leaves_the_old_or_the_new_warehouse_and_the_next_run_finishes(homes, point, tmp_path):
    home = tmp_path / "home"
    shutil.copytree(homes["before"], home, symlinks=True)
    shutil.copytree(homes["demo"] / "landing", home / "landing", dirs_exist_ok=True)
    old, new = _marts(Paths(homes["before"]).published_db), _marts(Paths(homes["after"]).published_db)

    killed = _run(home, crash_at=point)

    assert killed.returncode == -signal.SIGKILL, (point, killed.returncode, killed.stderr[-2000:])
    assert _marts(Paths(home).published_db) in (old, new)

    finished = _run(home)

    assert finished.returncode == 0, finished.stderr[-2000:]
    assert _marts(Paths(home).published_db) == new
    assert _archive(home) == _archive(homes["after"])
    assert _leftovers(home) == []
    deadline = time.monotonic() + 10
    while _orphan_workers() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _orphan_workers() == []
