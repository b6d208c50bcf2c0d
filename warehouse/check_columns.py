"""The Chinese labels a check file gives the columns it computes itself: a line `-- column used_value: 采用的数值`
(a column read from a table takes its label from that table's comment). Read without pandas or sqlglot: the run
report of a night with nothing new uses them."""

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
