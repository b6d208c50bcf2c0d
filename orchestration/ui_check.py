"""`make ui-check`: look at the Dagster UI as an operator would, in headless Chromium, and keep the screenshots.

It serves the UI (the webserver alone, on a free port of 127.0.0.1) over a home that has been run at least once,
opens the page of an information check that found rows, of a warning check that failed and the Runs page, saves
them as PNG under <home>/reports/ui/, and fails unless the rows are on the check's page itself (no modal, no
"[Show Markdown]") with their Chinese headers, the information reads as passed (not "Failed"), the warning as
failed, and the Runs page marks a run that rejected a file. Needs Debian's `chromium`; nothing is downloaded.
"""

from __future__ import annotations

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

from orchestration.settings import PROJECT_ROOT, dagster_env, prepare_dagster_home
from warehouse.home import paths

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--window-size=1500,1100", "--virtual-time-budget=20000"]
# What a demo home shows: an information check that finds rows (two departments reported the same project),
# passed with its rows and their Chinese headers; a warning check that fails (a quarantined cell), as failed.
CHECK_PAGE = "/assets/marts/department_totals?view=checks&checkDetail=info_department_cross_reported"
CHECK_TEXTS = ("填报部门", "智慧物流总部", "提示的行 rows for information", "Passed")
WARNING_PAGE = "/assets/departments_files?view=checks&checkDetail=rows_valid"
WARNING_TEXTS = ("统一社会信用代码", "Failed")
RUNS_TEXTS = ("退回的文件 rejected files",)


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _post(base: str, query: str) -> None:
    request = urllib.request.Request(f"{base}/graphql", data=json.dumps({"query": query}).encode(),
                                     headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=30).read()


def _wait(base: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/server_info", timeout=5).read()
            return
        except OSError:
            time.sleep(1)
    raise TimeoutError(f"the UI did not answer on {base} within {seconds:.0f} s")


def _page(browser: str, profile: Path, url: str, screenshot: Path) -> str:
    """The page's text once rendered, and a screenshot of it."""
    flags = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
    subprocess.run([*flags, f"--screenshot={screenshot}", url], capture_output=True, timeout=120, check=False)
    dom = subprocess.run([*flags, "--dump-dom", url], capture_output=True, text=True, timeout=120, check=False)
    return dom.stdout


def check_ui(home: Path, out: Path, rejected: bool = True) -> list[str]:
    """Serve the UI over `home`, look at it, save screenshots into `out`; returns what is wrong ([] when nothing).
    `rejected`: a run of this home rejected a file, so the Runs page must say so."""
    browser = chromium()
    if browser is None:
        return ["没有找到 chromium（apt-get install chromium）(chromium is not installed)"]
    where = paths(home)
    prepare_dagster_home(where)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("dagster-webserver")), "-m", "orchestration.definitions",
         "-h", "127.0.0.1", "-p", str(port)], env=dagster_env(where), cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    problems = []
    profile = out / ".chromium-profile"
    try:
        _wait(base)
        _post(base, "mutation { setNuxSeen }")  # the first-visit dialog would cover the page
        out.mkdir(parents=True, exist_ok=True)
        checks = _page(browser, profile, base + CHECK_PAGE, out / "check-page.png")
        warning = _page(browser, profile, base + WARNING_PAGE, out / "warning-check-page.png")
        runs = _page(browser, profile, base + "/runs", out / "runs-page.png")
        problems += [f"检查页上没有「{text}」(the check page does not show {text!r})"
                     for text in CHECK_TEXTS if text not in checks]
        if "Failed" in checks:
            problems.append("提示信息显示为「Failed」(an information check shows as failed)")
        problems += [f"警告检查页上没有「{text}」(the warning check's page does not show {text!r})"
                     for text in WARNING_TEXTS if text not in warning]
        if "Show Markdown" in checks:
            problems.append("检查页的行藏在「Show Markdown」后面 (the check's rows are behind a modal)")
        problems += [f"运行列表上没有「{text}」(the Runs page does not show {text!r})"
                     for text in RUNS_TEXTS if rejected and text not in runs]
    finally:
        os.killpg(server.pid, signal.SIGKILL)  # the webserver and its code server
        server.wait()
        shutil.rmtree(profile, ignore_errors=True)
    return problems


def main() -> int:
    where = paths()
    out = where.reports / "ui"
    rejected = False
    if where.published_db.exists():
        with duckdb.connect(str(where.published_db), read_only=True) as con:
            rejected = bool(con.execute("SELECT count(*) FROM audit.loads WHERE status = 'rejected'").fetchone()[0])
    problems = check_ui(where.home, out, rejected)
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"界面检查通过，截图见 UI looks right; screenshots in {out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
