"""Data checks over the warehouse, kept as SQL files that select the rows breaking a rule."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.database import sql_files

_SEVERITY = re.compile(r"^--\s*severity:\s*(error|warn)\s*$", re.MULTILINE | re.IGNORECASE)


@dataclass(frozen=True)
class SqlCheck:
    """A file `checks/NAME.sql` selects the rows that break a rule; its first comment line describes it.

    A line `-- severity: warn` makes it a WARN that blocks nothing: a finding for a person to follow up,
    while the build is still published. Files named `info_*` are WARN too (information tables). Any other
    check is an ERROR that stops publication, so analysts keep the last good build.
    """

    name: str
    description: str
    sql: str
    blocking: bool

    def failing_rows(self, con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
        return con.execute(self.sql).df()


def _check(file: Path) -> SqlCheck:
    text = file.read_text(encoding="utf-8")
    first = text.splitlines()[0] if text else ""
    declared = _SEVERITY.search(text)
    severity = declared.group(1).lower() if declared else ("warn" if file.stem.startswith("info_") else "error")
    return SqlCheck(file.stem, first.removeprefix("--").strip(), text, blocking=severity == "error")


def mart_checks() -> list[SqlCheck]:
    return [_check(file) for file in sql_files("checks")]
