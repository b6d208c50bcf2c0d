"""Data checks over the warehouse, kept as SQL files that select the rows breaking a rule."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.database import sql_files


@dataclass(frozen=True)
class SqlCheck:
    """A file `checks/NAME.sql` selects the rows that break a rule; its first comment line describes it.

    A name starting with `info_` is information for a person (a WARN that blocks nothing); any other
    check is an ERROR that blocks publishing.
    """

    name: str
    description: str
    sql: str

    @property
    def blocking(self) -> bool:
        return not self.name.startswith("info_")

    def failing_rows(self, con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
        return con.execute(self.sql).df()


def _check(file: Path) -> SqlCheck:
    text = file.read_text(encoding="utf-8")
    first = text.splitlines()[0] if text else ""
    return SqlCheck(file.stem, first.removeprefix("--").strip(), text)


def mart_checks() -> list[SqlCheck]:
    return [_check(file) for file in sql_files("checks")]
