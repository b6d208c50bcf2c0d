"""What the portal reads from the published warehouse, read-only; the portal never opens the build database.

One read-only connection per published file, kept while that file is the one published: opening it loads its whole
catalog, which cost more than a verdict's own work. A publication renames a new file over the old one, so a
changed inode or modification time opens the new file at the next question; each question runs on a cursor of its
own (a cursor is one thread's). The file is attached to an in-memory database rather than opened by its path:
DuckDB hands a second connect() to the same path the database already open, the replaced file."""

from __future__ import annotations

import datetime as dt
import os
import threading
from functools import cache
from pathlib import Path

import duckdb
from django.conf import settings

from warehouse.database import sql_literal

SQL = Path(__file__).resolve().parent / "sql"

_open: dict[Path, tuple[tuple[int, int], duckdb.DuckDBPyConnection]] = {}
_lock = threading.Lock()


@cache
def _query(name: str) -> str:
    return (SQL / f"{name}.sql").read_text(encoding="utf-8")


def _aware(value: object) -> object:
    """The warehouse writes its times in the machine's local time without a zone; the pages show the centre's."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=settings.MACHINE_TIME_ZONE)
    return value


class Published:
    def __init__(self, path: Path) -> None:
        self.path = path

    def published_at(self) -> dt.datetime | None:
        """When the file now published was written (a publication renames a new file over it)."""
        try:
            return dt.datetime.fromtimestamp(self.path.stat().st_mtime).astimezone()
        except FileNotFoundError:
            return None

    def _cursor(self) -> duckdb.DuckDBPyConnection | None:
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return None
        version = (info.st_ino, info.st_mtime_ns)
        with _lock:
            known = _open.get(self.path)
            if known is None or known[0] != version:
                # The file it had open was replaced: cursors still reading it keep it alive until they finish.
                con = duckdb.connect()
                con.execute(f"ATTACH {sql_literal(str(self.path))} AS published (READ_ONLY)")
                known = _open[self.path] = (version, con)
            cursor = known[1].cursor()
        cursor.execute("USE published")
        return cursor

    def rows(self, query: str, **parameters: object) -> list[dict]:
        """The rows of portal/sql/<query>.sql as dicts; none while nothing is published yet."""
        cursor = self._cursor()
        if cursor is None:
            return []
        try:
            result = cursor.execute(_query(query), parameters)
            names = [column[0] for column in result.description]
            return [{name: _aware(value) for name, value in zip(names, row, strict=True)}
                    for row in result.fetchall()]
        finally:
            cursor.close()

    def row(self, query: str, **parameters: object) -> dict | None:
        rows = self.rows(query, **parameters)
        return rows[0] if rows else None
