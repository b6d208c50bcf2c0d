"""audit.runs: every run that touched the build file, from its first asset to its publication."""

from __future__ import annotations

import duckdb

from warehouse.database import SQL_DIR

_FINISH = (SQL_DIR / "queries" / "finish_run.sql").read_text(encoding="utf-8")


def note_run(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """The run has started (a no-op after its first asset). An earlier run still `running` never reached its
    publication: killed, or held back by a blocking check."""
    if con.execute("SELECT count(*) FROM audit.runs WHERE run_id = ?", [run_id]).fetchone()[0]:
        return
    con.execute("UPDATE audit.runs SET status = 'not_published' WHERE status = 'running'")
    con.execute("INSERT INTO audit.runs (run_id, started_at, status) VALUES (?, now(), 'running')", [run_id])


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, published: bool) -> None:
    con.execute(_FINISH, {"run_id": run_id, "status": "published" if published else "unchanged"})


def publication_failed(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """The copy failed after finish_run recorded the run as published (it is recorded first, so that the published
    file says which run published it): the build file must not keep saying so."""
    con.execute("UPDATE audit.runs SET status = 'not_published' WHERE run_id = ?", [run_id])
