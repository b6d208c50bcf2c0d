"""What the portal reads from the published warehouse: opened read-only for each question and closed again, so a
publication (a rename over the file) is seen at the next request. The portal never opens the build database."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import duckdb

SQL = Path(__file__).resolve().parent / "sql"


@cache
def _query(name: str) -> str:
    return (SQL / f"{name}.sql").read_text(encoding="utf-8")


def _aware(value: object) -> object:
    """The warehouse writes its times in the machine's local time without a zone; the pages show the centre's."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.astimezone()
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

    def rows(self, query: str, **parameters: object) -> list[dict]:
        """The rows of portal/sql/<query>.sql as dicts; none while nothing is published yet."""
        if not self.path.exists():
            return []
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            cursor = con.execute(_query(query), parameters)
            names = [column[0] for column in cursor.description]
            return [{name: _aware(value) for name, value in zip(names, row, strict=True)} for row in cursor.fetchall()]
        finally:
            con.close()

    def row(self, query: str, **parameters: object) -> dict | None:
        rows = self.rows(query, **parameters)
        return rows[0] if rows else None
