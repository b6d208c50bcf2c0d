"""The Dagster side's settings: the UI's port and the instance's DAGSTER_HOME (the home's folders are chosen by
warehouse/home.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from warehouse.home import Paths

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def ui_port() -> int:
    """The UI's port on 127.0.0.1: 3000 unless ZHAOSHANG_UI_PORT says otherwise."""
    return int(os.environ.get("ZHAOSHANG_UI_PORT") or 3000)


def prepare_dagster_home(where: Paths) -> None:
    """DAGSTER_HOME under ZHAOSHANG_HOME, with the instance settings of orchestration/dagster.yaml."""
    where.dagster_home.mkdir(parents=True, exist_ok=True)
    config, ours = where.dagster_home / "dagster.yaml", PROJECT_ROOT / "orchestration" / "dagster.yaml"
    if not config.exists() or config.read_bytes() != ours.read_bytes():
        shutil.copyfile(ours, config)
