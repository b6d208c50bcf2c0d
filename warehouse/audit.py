"""Reading the audit trail: what is wrong now, for the asset checks and the run report."""

from __future__ import annotations

import duckdb
import pandas as pd

_OPEN_REJECTIONS = """
    SELECT file_name, file_path, message, loaded_at
    FROM audit.loads WHERE status = 'rejected' AND source = ?
    ORDER BY loaded_at, file_name
"""
_OPEN_QUARANTINE = """
    SELECT q.file_name, q.sheet, q.row_number, q.column_name, q.value, q.rule, q.message
    FROM audit.quarantine q JOIN audit.loads l USING (load_id)
    WHERE l.status = 'loaded' AND l.source = ?
    ORDER BY q.file_name, q.sheet, q.row_number, q.column_name
"""
_OPEN_FINDINGS = """
    SELECT f.file_name, f.sheet, f.rule, f.message
    FROM audit.file_findings f JOIN audit.loads l USING (load_id)
    WHERE l.status = 'loaded' AND l.source = ?
    ORDER BY f.file_name, f.sheet
"""


def open_rejections(con: duckdb.DuckDBPyConnection, source: str) -> pd.DataFrame:
    """Files rejected whole and not yet replaced by a corrected file."""
    return con.execute(_OPEN_REJECTIONS, [source]).df()


def open_quarantine(con: duckdb.DuckDBPyConnection, source: str) -> pd.DataFrame:
    """Quarantined rows of the files in force (a corrected resubmission closes them)."""
    return con.execute(_OPEN_QUARANTINE, [source]).df()


def open_findings(con: duckdb.DuckDBPyConnection, source: str) -> pd.DataFrame:
    return con.execute(_OPEN_FINDINGS, [source]).df()
