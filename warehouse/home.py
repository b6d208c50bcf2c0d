"""Where everything lives under ZHAOSHANG_HOME: the landing zone, reference data, archive, build and published files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
    def scratch(self) -> Path:
        # Owned by the loader: transcoded copies and staging files of the run in progress, emptied at every start.
        return self.home / "scratch"

    @property
    def build_db(self) -> Path:
        # Private to the writer: analysts never open it, so the writer never waits on them.
        return self.home / "warehouse" / "build" / "zhaoshang-build.duckdb"

    @property
    def published_db(self) -> Path:
        return self.home / "warehouse" / "zhaoshang.duckdb"

    @property
    def reports(self) -> Path:
        return self.home / "reports"

    @property
    def dagster_home(self) -> Path:
        return self.home / "dagster"
