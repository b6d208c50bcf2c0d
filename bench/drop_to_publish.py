"""How long a file dropped into the landing zone takes to reach the published warehouse while `make ui` runs, and
how long `make ui` takes to answer.

    .venv/bin/python bench/drop_to_publish.py [--drops 3] [--work /tmp/zhaoshang-bench-drop]

It fills a home with the demo and builds it (`python -m orchestration.run`), starts `python -m orchestration.ui`
(dagster dev: webserver and daemon, sensor and run queue as configured) on its own port, times until the UI
answers, lets the sensor take its first look, then drops department workbooks one at a time (a demo workbook
with one more enterprise row) and times each until its load is in the published file's audit.loads.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _until(condition, timeout: float, step: float = 0.1) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(step)
    raise TimeoutError(f"not within {timeout} s")


def _answers(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2).read()
        return True
    except OSError:
        return False


def _published_has(published: Path, name: str) -> bool:
    try:
        with duckdb.connect(str(published), read_only=True) as con:
            return bool(con.execute("SELECT count(*) FROM audit.loads WHERE file_name = ?", [name]).fetchone()[0])
    except duckdb.Error:
        return False  # being replaced at this very moment


def _new_workbook(template: Path, target: Path, number: int) -> None:
    book = openpyxl.load_workbook(template)
    sheet = book["注册企业"] if "注册企业" in book.sheetnames else book.worksheets[-1]
    sheet.append([99, f"漯河测速企业{number}有限公司", None, None, None, None])
    book.save(target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drops", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/zhaoshang-bench-drop"))
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    home = args.work / "home"
    env = dict(os.environ, ZHAOSHANG_HOME=str(home), DAGSTER_HOME=str(home / "dagster"))
    subprocess.run([sys.executable, "-m", "orchestration.run"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    port = _free_port()
    ui_env = dict(env, ZHAOSHANG_UI_PORT=str(port))
    started = time.monotonic()
    ui = subprocess.Popen([sys.executable, "-m", "orchestration.ui"], cwd=ROOT, env=ui_env, start_new_session=True,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    figures: dict[str, object] = {}
    try:
        _until(lambda: _answers(port), timeout=300, step=0.25)
        figures["ui_answers_s"] = round(time.monotonic() - started, 1)
        time.sleep(15)  # the sensor's first look, which must start nothing
        published = home / "warehouse" / "zhaoshang.duckdb"
        template = next((home / "landing" / "departments").glob("*.xlsx"))
        drops = []
        for number in range(args.drops):
            name = f"经济发展局-测速{number}.xlsx"
            staged = args.work / name
            _new_workbook(template, staged, number)
            dropped = time.monotonic()
            os.replace(staged, home / "landing" / "departments" / name)
            _until(lambda name=name: _published_has(published, name), timeout=300, step=0.2)
            drops.append(round(time.monotonic() - dropped, 1))
        figures["drop_to_published_s"] = drops
    finally:
        os.killpg(ui.pid, signal.SIGINT)
        try:
            ui.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(ui.pid, signal.SIGKILL)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
