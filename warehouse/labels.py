"""The Chinese label of a column, as the UI, the check CSVs and the run report show it: a table's column from its
comment, a column a check computes itself from its file's line `-- column used_value: 采用的数值`. Without pandas
or sqlglot: the run report of a night with nothing new uses them."""

from __future__ import annotations

import re

from warehouse.database import SQL_DIR

_COLUMN = re.compile(r"^--\s*column\s+(\w+):\s*(.+?)\s*$", re.MULTILINE)


def own_labels(text: str) -> tuple[tuple[str, str], ...]:
    """(column, label) of each `-- column` line of a check's SQL."""
    return tuple(_COLUMN.findall(text))


def check_labels(name: str) -> dict[str, str]:
    """The labels of warehouse/sql/checks/<name>.sql; none for a check without a file (the landing checks)."""
    path = SQL_DIR / "checks" / f"{name}.sql"
    return dict(own_labels(path.read_text(encoding="utf-8"))) if path.is_file() else {}


def column_labels(con, table: str) -> dict[str, str]:
    """Column name -> its Chinese label, from the comments in the database: the table's own first, then any core
    or mart table's (a check's columns come from the tables it reads). The audit tables' own words (their `name`
    is a migration file) label only the audit tables."""
    rows = con.execute(
        "SELECT column_name, core.chinese_name(comment) AS label FROM duckdb_columns()"
        " WHERE comment IS NOT NULL AND label IS NOT NULL"
        " AND (schema_name IN ('core', 'marts') OR schema_name || '.' || table_name = ?)"
        " ORDER BY schema_name || '.' || table_name <> ?, schema_name, table_name, column_index",
        [table, table]).fetchall()
    labels: dict[str, str] = {}
    for column, label in rows:
        labels.setdefault(column, label)
    return labels
