"""Data checks over the warehouse, kept as SQL files that select the rows breaking a rule."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.database import insert_frame, sql_files
from warehouse.labels import own_labels
from warehouse.objects import parse_reads, sql_objects

_SEVERITY = re.compile(r"^--\s*severity:\s*(error|warn)\s*$", re.MULTILINE | re.IGNORECASE)
_TARGET = re.compile(r"^--\s*checks:\s*(\w+\.\w+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class SqlCheck:
    """A file `checks/NAME.sql` selects the rows that break a rule; its first comment line describes it.

    A line `-- severity: warn` makes it a warning that blocks nothing: a finding for whoever sends the file to
    follow up, while the build is still published. Files named `info_*` are information tables, blocking nothing
    either. Any other check guards an invariant of the warehouse: it blocks publication, so analysts keep the last
    good build. The check hangs on the table it inspects: the one core or mart table it reads, or the one named
    in a line `-- checks: marts.some_table` when it reads several.
    """

    name: str
    description: str
    sql: str
    severity: str  # blocking | warning | information
    table: str  # 'schema.name' of the table it inspects
    own_labels: tuple[tuple[str, str], ...] = ()  # (column, Chinese label) of the columns it makes itself

    @property
    def blocking(self) -> bool:
        return self.severity == "blocking"

    def failing_rows(self, con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
        return con.execute(self.sql).df()


def parse_check(file: Path, tables: frozenset[str]) -> SqlCheck:
    text = file.read_text(encoding="utf-8")
    first = text.splitlines()[0] if text else ""
    declared = _SEVERITY.search(text)
    if file.stem.startswith("info_"):
        severity = "information"
    else:
        severity = "warning" if declared and declared.group(1).lower() == "warn" else "blocking"
    if named := _TARGET.search(text):
        table = named.group(1)
    else:
        read = sorted(parse_reads(text) & tables)
        if len(read) != 1:
            raise ValueError(f"{file}: reads {read or 'no core or mart table'}; name the one it checks in a line "
                             "'-- checks: schema.table'")
        table = read[0]
    if table not in tables:
        raise ValueError(f"{file}: checks {table}, which no file of warehouse/sql/core or marts creates")
    return SqlCheck(file.stem, first.removeprefix("--").strip(), text, severity, table, own_labels(text))


@functools.cache
def sql_checks() -> tuple[SqlCheck, ...]:
    tables = frozenset(o.key for o in sql_objects() if o.kind in ("table", "view"))
    return tuple(parse_check(file, tables) for file in sql_files("checks"))


@dataclass(frozen=True)
class CheckOutcome:
    check: SqlCheck
    failing: pd.DataFrame

    @property
    def passed(self) -> bool:
        return self.failing.empty


RECORDED_ROWS = 100  # failing rows kept per check result in audit.check_results; the CSV beside the run has all


def _json_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as a clerk writes them: a DATE column comes back from DuckDB as midnight timestamps, which JSON would
    spell 2024-02-05T00:00:00.000."""
    frame = frame.copy()
    for column in frame.columns[[pd.api.types.is_datetime64_any_dtype(t) for t in frame.dtypes]]:
        values = frame[column]
        dates_only = (values.dropna() == values.dropna().dt.normalize()).all()
        frame[column] = values.dt.strftime("%Y-%m-%d" if dates_only else "%Y-%m-%d %H:%M:%S").astype(object)
        frame.loc[values.isna(), column] = None
    return frame


def record_results(con: duckdb.DuckDBPyConnection, run_id: str | None,
                   results: list[tuple[str, str, str, str, pd.DataFrame]]) -> None:
    """Keep a run's check results in audit.check_results: (check, table, severity, description, failing rows),
    with the first failing rows as JSON."""
    now = dt.datetime.now()
    rows = [{"run_id": run_id, "checked_at": now, "check_name": name, "table_name": table, "severity": severity,
             "passed": failing.empty, "failing_rows": len(failing), "description": description,
             "failing": _json_ready(failing.head(RECORDED_ROWS)).to_json(orient="records", force_ascii=False,
                                                                         default_handler=str)}
            for name, table, severity, description, failing in results]
    insert_frame(con, "audit.check_results", pd.DataFrame(rows, dtype=object))


def run_checks(con: duckdb.DuckDBPyConnection, checks: list[SqlCheck], run_id: str | None) -> list[CheckOutcome]:
    """Run each check and record its result in audit.check_results."""
    outcomes = [CheckOutcome(check, check.failing_rows(con)) for check in checks]
    record_results(con, run_id, [(o.check.name, o.check.table, o.check.severity, o.check.description, o.failing)
                                 for o in outcomes])
    return outcomes


# What Excel may take for the start of a formula in a CSV cell (OWASP's list: a tab or carriage return first too).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_csv(frame: pd.DataFrame, path: Path, labels: dict[str, str]) -> Path:
    """Failing rows for a person: UTF-8 with a BOM so Chinese Excel reads it, Chinese headers, and no text that
    Excel would take for a formula (a name starting with '=' gets a leading apostrophe)."""
    def safe(value: object) -> object:
        return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value

    path.parent.mkdir(parents=True, exist_ok=True)
    # CRLF, as Excel writes: a cell holding a bare carriage return is then quoted, not taken for a line end.
    frame.map(safe).rename(columns=labels).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")
    return path
