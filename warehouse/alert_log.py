"""audit.alerts: the alert ledger's log (alerts/ledger.py) brought into the build file, so the published warehouse
shows analysts every alert beside the loads it told of. The ledger only grows: the rows past the last copied."""

from __future__ import annotations

import duckdb


def copy_alert_log(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> int:
    """Append the log's rows (in audit.alerts' column order) the build file does not have yet; how many."""
    (last,) = con.execute("SELECT coalesce(max(alert_id), 0) FROM audit.alerts").fetchone()
    new = [row for row in rows if row[0] > last]
    if new:
        con.executemany("INSERT INTO audit.alerts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new)
    return len(new)
