"""Opening the build database and applying the SQL kept in warehouse/sql."""

from __future__ import annotations

import contextlib
import datetime as dt
import graphlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    import pandas as pd

SQL_DIR = Path(__file__).resolve().parent / "sql"
# DuckDB would cache up to 80% of RAM; the nightly job shares a small machine, and a customs download of years
# holds millions of uncommitted rows until its load commits. Bounded, DuckDB spills to disk instead
# (bench/README.md has the measured peak).
MEMORY_LIMIT = "1GB"


LOCK_WAIT_SECONDS = 600.0


def sql_identifier(name: str) -> str:
    """A name quoted for SQL where DuckDB takes no parameter (ATTACH, COMMENT ON, DDL): ours, never a file's."""
    return '"' + name.replace('"', '""') + '"'


def sql_literal(text: str | None) -> str:
    """A string literal where DuckDB takes no parameter (ATTACH's path, COMMENT ON's text)."""
    return "NULL" if text is None else "'" + text.replace("'", "''") + "'"


def open_writer(path: Path, wait_seconds: float = LOCK_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """Open read-write, waiting while another process holds the file.

    The instance queues runs one at a time, but `make run` executes in its own process beside the daemon's
    runs: the later writer waits for the earlier one's asset to finish instead of failing the night.
    """
    deadline = time.monotonic() + wait_seconds
    pause = 0.2
    while True:
        try:
            return duckdb.connect(str(path), config={"memory_limit": MEMORY_LIMIT})
        except duckdb.IOException as err:
            if "lock" not in str(err).lower() or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 5.0)


@contextmanager
def connect(path: Path, wait_seconds: float = LOCK_WAIT_SECONDS) -> Iterator[duckdb.DuckDBPyConnection]:
    """Read-write connection to the build database (see `prepare` for its tables)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = open_writer(path, wait_seconds)
    try:
        yield con
    finally:
        con.close()


def prepare(path: Path) -> None:
    """Bring the build database's raw and audit tables and its functions up to date; once per run.

    The DDL declares the tables as they are now (CREATE ... IF NOT EXISTS, ADD COLUMN IF NOT EXISTS); a change it
    cannot make in place is a file of warehouse/sql/migrations, applied once to a build file made before it. A new
    build file is made current by the DDL alone, so it records every migration as applied.
    """
    with connect(path) as con:
        new = not con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'audit' AND table_name = 'loads'").fetchone()[0]
        # The schemas and the record of migrations first; the migrations; then the tables as they are now.
        con.execute((SQL_DIR / "ddl" / "00_schemas.sql").read_text(encoding="utf-8"))
        applied = {name for (name,) in con.execute("SELECT name FROM audit.migrations").fetchall()}
        for file in sql_files("migrations"):
            if file.name in applied:
                continue
            con.begin()
            if not new:
                con.execute(file.read_text(encoding="utf-8"))
            con.execute("INSERT INTO audit.migrations VALUES (?, now())", [file.name])
            con.commit()
        # One transaction: the comments alone are a few hundred catalog changes, four times slower committed singly.
        con.begin()
        apply_sql_dir(con, "ddl")
        _comment_shared_columns(con)
        con.commit()
        functions = _functions()
        # A macro no file defines any more (a retired core.stage_rank) would otherwise stay, and be published.
        for (name,) in con.execute("SELECT DISTINCT function_name FROM duckdb_functions() WHERE schema_name = 'core'"
                                   " AND function_type IN ('macro', 'table_macro')").fetchall():
            if name not in {file.stem for file in functions}:
                con.execute(f"DROP MACRO IF EXISTS core.{sql_identifier(name)}")  # a name from our own catalog
        for file in functions:
            con.execute(file.read_text(encoding="utf-8"))


def _comment_shared_columns(con: duckdb.DuckDBPyConnection) -> None:
    """The provenance columns every raw table has are explained once, in dictionary/shared_columns.sql."""
    query = (SQL_DIR / "dictionary" / "shared_columns.sql").read_text(encoding="utf-8")
    for schema, table, column, comment in con.execute(query).fetchall():
        # Names from DuckDB's own catalog of our raw tables, quoted; COMMENT ON takes no parameters.
        con.execute(f"COMMENT ON COLUMN {sql_identifier(schema)}.{sql_identifier(table)}.{sql_identifier(column)}"
                    f" IS {sql_literal(comment)}")


def _functions() -> list[Path]:
    """The macros of warehouse/sql/functions (core.name_key...), each after the macros it calls."""
    files = {file.stem: file for file in sql_files("functions")}
    calls = {name: {other for other in files if other != name and f"core.{other}(" in file.read_text(encoding="utf-8")}
             for name, file in files.items()}
    return [files[name] for name in graphlib.TopologicalSorter(calls).static_order()]


def sql_files(layer: str) -> list[Path]:
    return sorted((SQL_DIR / layer).glob("*.sql"))


def apply_sql_dir(con: duckdb.DuckDBPyConnection, layer: str) -> list[str]:
    """Run every .sql file of a layer in name order; returns the file names applied."""
    applied = []
    for file in sql_files(layer):
        con.execute(file.read_text(encoding="utf-8"))
        applied.append(file.name)
    return applied


# Values DuckDB reads as they are: a column holding only these is handed over whole.
_AS_IS = frozenset({str, int, bool, type(None)})


def _sql_ready(column: pd.Series) -> pd.Series:
    """A column as DuckDB should read it. Decimals and dates go in as text and are cast by the target column's type,
    so nothing passes through float; NaN, NaT and NA (a column missing from some of the frames concatenated) go in
    as NULL. Judged by the kinds of value the column holds, so a column of text and integers is not copied."""
    column = column.astype(object)
    values = column.tolist()
    if set(map(type, values)) <= _AS_IS:
        return column
    missing = column.isna().tolist()
    return column.__class__([None if gone else _value(value) for value, gone in zip(values, missing, strict=True)],
                            index=column.index, dtype=object)


def _value(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> int:
    """Append a frame to a table by column name. The table name is ours, never from a file."""
    if frame.empty:
        return 0
    # The frame's own class: this module is imported without pandas (a night with nothing new does not need it).
    ready = frame.__class__({name: _sql_ready(column) for name, column in frame.items()}, index=frame.index)
    con.register("_incoming", ready)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _incoming")
    except duckdb.Error:
        # In the aborted transaction unregistering fails too; the insert's own error is the one to report.
        with contextlib.suppress(duckdb.Error):
            con.unregister("_incoming")
        raise
    con.unregister("_incoming")
    return len(frame)


def query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run warehouse/sql/queries/<name>.sql with named parameters ($name in the file)."""
    return con.execute((SQL_DIR / "queries" / f"{name}.sql").read_text(encoding="utf-8"), params).df()


def records(con: duckdb.DuckDBPyConnection, name: str, folder: Path = SQL_DIR / "queries", **params: object
            ) -> list[dict]:
    """query() as plain rows, the DECIMALs exact, without pandas (the run report of a night with nothing new);
    `folder` holds <name>.sql (the reports keep theirs in reports/sql)."""
    cursor = con.execute((folder / f"{name}.sql").read_text(encoding="utf-8"), params)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
