"""Where everything lives under ZHAOSHANG_HOME: the landing zone, reference data, archive, build and published files."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent
# What the service writes (every submitted file's archive copy, the build, the published file, the reports, the
# instance's history) is its user's and its group's only: an analyst who opens the published file joins the group.
PRIVATE_UMASK = 0o027
PRIVATE_FILE_MODE = 0o640
PRIVATE_FOLDER_MODE = 0o750


def keep_files_private() -> None:
    """Files and folders this process makes from now on: no access for other local users (issue 18, finding 8)."""
    os.umask(PRIVATE_UMASK)


def zhaoshang_home() -> Path:
    """The one place the data folder is chosen: $ZHAOSHANG_HOME, else ./data of the checkout."""
    return Path(os.environ.get("ZHAOSHANG_HOME") or _CHECKOUT / "data").resolve()


def paths(home: str | Path | None = None) -> Paths:
    """The folders of `home` (a --home option), else of zhaoshang_home()."""
    return Paths(Path(home).resolve() if home else zhaoshang_home())


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
        # Owned by the loader: the scratch files of the run in progress (a platform download's byte-per-character
        # copy), emptied at every start.
        return self.home / "scratch"

    @property
    def build_db(self) -> Path:
        # Private to the writer: analysts never open it, so the writer never waits on them.
        return self.home / "warehouse" / "build" / "zhaoshang-build.duckdb"

    @property
    def published_db(self) -> Path:
        return self.home / "warehouse" / "zhaoshang.duckdb"

    @property
    def published_state(self) -> Path:
        # Which build the published file holds (warehouse.publish.build_state): unchanged, it is not copied again.
        return self.published_db.with_name(f".{self.published_db.name}.state")

    @property
    def reports(self) -> Path:
        return self.home / "reports"

    @property
    def alerts_db(self) -> Path:
        # The alert ledger (alerts/ledger.py): written by the daemon's sensors while a run may hold the build file.
        return self.home / "alerts" / "alerts.sqlite"

    @property
    def dagster_home(self) -> Path:
        return self.home / "dagster"
