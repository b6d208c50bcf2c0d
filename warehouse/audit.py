"""Reading the audit trail: what is wrong now, for the asset checks and the run report.

`source` is one of bureau, departments, customs, or None for all of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    import pandas as pd

from warehouse.database import query, records

# The tables a landing check's failing rows come from (rejected and refused files, quarantined cells, loads).
LANDING_CHECK_TABLES = ("audit.loads", "audit.quarantine", "audit.skipped_files")


def open_rejections(con: duckdb.DuckDBPyConnection, source: str | None) -> pd.DataFrame:
    return query(con, "open_rejections", source=source)


def open_quarantine(con: duckdb.DuckDBPyConnection, source: str | None) -> pd.DataFrame:
    return query(con, "open_quarantine", source=source)


def open_findings(con: duckdb.DuckDBPyConnection, source: str | None) -> pd.DataFrame:
    return query(con, "open_findings", source=source)


def skipped_files(con: duckdb.DuckDBPyConnection, source: str | None) -> pd.DataFrame:
    return query(con, "skipped_files", source=source)


def unbalanced_loads(con: duckdb.DuckDBPyConnection, source: str | None) -> pd.DataFrame:
    return query(con, "unbalanced_loads", source=source)


def loads_summary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return query(con, "loads_summary")


def files_read(con: duckdb.DuckDBPyConnection, source: str) -> set[tuple[str, int, int]]:
    """The landing entries (relative path, size, modification time in ns) of `source` a night has read or refused."""
    return {(row["file_path"], row["size_bytes"], row["modified_ns"])
            for row in records(con, "files_read", source=source)}
