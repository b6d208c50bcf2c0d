"""The one place paths and environment variables are read."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

SOURCES = ("bureau", "departments", "customs")
PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Paths:
    home: Path

    @property
    def landing(self) -> Path:
        return self.home / "landing"

    def landing_for(self, source: str) -> Path:
        return self.landing / source

    @property
    def reference(self) -> Path:
        return self.home / "reference"

    @property
    def archive(self) -> Path:
        return self.home / "archive"

    @property
    def build_db(self) -> Path:
        # Private to the writer: analysts never open it, so the writer never waits on them.
        return self.home / "warehouse" / "build" / "zhaoshang-build.duckdb"

    @property
    def published_db(self) -> Path:
        return self.home / "warehouse" / "zhaoshang.duckdb"

    @property
    def dagster_home(self) -> Path:
        return self.home / "dagster"


def zhaoshang_home() -> Path:
    return Path(os.environ.get("ZHAOSHANG_HOME") or PROJECT_ROOT / "data").resolve()


def paths(home: str | Path | None = None) -> Paths:
    return Paths(Path(home).resolve() if home else zhaoshang_home())


def prepare_dagster_home(where: Paths) -> None:
    """DAGSTER_HOME under ZHAOSHANG_HOME, with the instance settings of orchestration/dagster.yaml."""
    where.dagster_home.mkdir(parents=True, exist_ok=True)
    config = where.dagster_home / "dagster.yaml"
    if not config.exists():
        shutil.copyfile(PROJECT_ROOT / "orchestration" / "dagster.yaml", config)
