"""Running the report queries of reports/sql against the published warehouse, values kept exact."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.database import records

SQL_DIR = Path(__file__).resolve().parent / "sql"

Row = dict[str, object]


class NothingToReport(Exception):
    """The warehouse holds no figures for what was asked (a period before the first load, an unranked week)."""


def open_published(path: Path) -> duckdb.DuckDBPyConnection:
    if not path.exists():
        raise NothingToReport(f"没有已发布的数据仓库 (no published warehouse) at {path}: run `make run` first")
    return duckdb.connect(str(path), read_only=True)


def rows(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> list[Row]:
    """reports/sql/<name>.sql with named parameters ($name in the file), as dicts: DECIMAL stays Decimal."""
    return records(con, name, SQL_DIR, **params)


def one(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> Row | None:
    found = rows(con, name, **params)
    return found[0] if found else None
