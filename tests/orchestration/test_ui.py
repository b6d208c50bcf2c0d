"""The Dagster UI as an operator sees it, in headless Chromium (Debian's `chromium`, which `make test` installs)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from orchestration.ui_check import check_ui
from tests.conftest import copy_demo

ROOT = Path(__file__).resolve().parents[2]


def test_a_failing_checks_rows_and_a_rejecting_run_show_on_their_pages(demo_inputs: Path, tmp_path: Path) -> None:
    home = copy_demo(demo_inputs, tmp_path / "home")
    (home / "landing" / "customs" / "坏文件.xlsx").write_bytes(b"not a workbook")
    env = dict(os.environ, ZHAOSHANG_HOME=str(home), DAGSTER_HOME=str(home / "dagster"))
    subprocess.run([sys.executable, "-m", "orchestration.run"], cwd=ROOT, env=env, check=True, capture_output=True)

    problems = check_ui(home, tmp_path / "screens")

    assert problems == []
    assert (tmp_path / "screens" / "check-page.png").stat().st_size > 10_000
