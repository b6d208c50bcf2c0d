"""Bringing a copy of the last published file up to the build by what changed, instead of rewriting every row.

A full publication (`COPY FROM DATABASE` into the readable storage version) rewrites every row of the warehouse,
ten million platform lines included, on any night that changes anything: 6.7 s at five years of a district
(bench/README.md). A night that adds a department workbook changes a few small tables. So the published file is
copied byte for byte (it keeps its storage version: DuckDB writes into a file in the version the file has) and,
inside the copy:
- a core or mart table is rewritten when its fingerprint (audit.table_fingerprints) differs from the build's;
- a raw table whose rows are the build's first rows gets the build's newer loads appended (raw tables only grow,
  a load at a time, with rising load ids); otherwise it is rewritten;
- every other table (audit, reference, the data dictionary) is rewritten: they are small;
- any table whose definition or comments differ is rewritten.
When the two differ in anything else (schemas, views, macros, the set of tables, the migrations applied: a build
file made anew, or a migration that rewrote rows) or the copy is more than half free space, nothing is updated and
the caller writes a full copy. Every table's row count is compared at the end.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import duckdb

from warehouse.database import sql_identifier, sql_literal

log = logging.getLogger(__name__)

COPY = "published_copy"


def update_copy(con: duckdb.DuckDBPyConnection, published_db: Path, staging: Path, storage_version: str
                ) -> list[str] | None:
    """Write into `staging` the published file brought up to the build `con` holds; the tables rewritten or
    appended to, or None when it cannot be done this way (staging is then left for the caller to clear). A
    published file in another storage version than `storage_version` (written by an older release) is not kept."""
    build = con.execute("SELECT current_database()").fetchone()[0]
    shutil.copyfile(published_db, staging)
    staging.chmod(0o640)  # writable while it is brought up to date; publish() makes it read-only
    # ATTACH takes no parameters: the path is quoted as a literal; it is ours, never from a file.
    con.execute(f"ATTACH {sql_literal(str(staging))} AS {COPY}")
    try:
        [(tags,)] = con.execute("SELECT tags FROM duckdb_databases() WHERE database_name = ?", [COPY]).fetchall()
        if tags.get("storage_version", "").rstrip("+") != storage_version:
            return None
        return _update(con, build)
    finally:
        con.execute(f"USE {sql_identifier(build)}")
        con.execute(f"DETACH {COPY}")  # checkpoints the copy: it carries no WAL


def _update(con: duckdb.DuckDBPyConnection, build: str) -> list[str] | None:
    if _mostly_free(con) or any(read(con, build) != read(con, COPY) for read in (_shape, _migrations)):
        return None
    built = _definitions(con, build)
    copied = _definitions(con, COPY)
    if built.keys() != copied.keys():
        return None
    fingerprints = {catalog: dict(con.execute(
        f"SELECT table_name, fingerprint FROM {sql_identifier(catalog)}.audit.table_fingerprints").fetchall())
        for catalog in (build, COPY)}
    changed = []
    for (schema, name), definition in built.items():
        key = f"{schema}.{name}"
        same_definition = definition == copied[schema, name]
        if same_definition and key in fingerprints[build] and fingerprints[build][key] == fingerprints[COPY].get(key):
            continue
        if same_definition and schema == "raw" and any(column == "load_id" for column, _ in definition[2]):
            appended = _append_new_loads(con, build, schema, name)
            if appended is not None:
                if appended:
                    changed.append(key)
                continue
        _rewrite(con, build, schema, name, definition)
        changed.append(key)
    for schema, name in built:
        table = f"{sql_identifier(schema)}.{sql_identifier(name)}"
        counts = [con.execute(f"SELECT count(*) FROM {sql_identifier(catalog)}.{table}").fetchone()[0]
                  for catalog in (build, COPY)]
        if counts[0] != counts[1]:
            raise RuntimeError(f"{schema}.{name}: {counts[1]} rows in the updated copy, {counts[0]} in the build")
    return changed


def _mostly_free(con: duckdb.DuckDBPyConnection) -> bool:
    """Rewritten tables leave free blocks that later writes reuse; a copy more than half free is written anew."""
    [(free, total)] = con.execute("SELECT free_blocks, total_blocks FROM pragma_database_size()"
                                  " WHERE database_name = ?", [COPY]).fetchall()
    return total > 0 and free * 2 > total


def _migrations(con: duckdb.DuckDBPyConnection, catalog: str) -> list[tuple]:
    """The build's history: a migration may rewrite raw rows in place, and a build file made anew (its migrations
    recorded at its making) numbers its loads afresh; either way the copy's raw rows are not the build's."""
    return con.execute(f"SELECT * FROM {sql_identifier(catalog)}.audit.migrations ORDER BY ALL").fetchall()


def _shape(con: duckdb.DuckDBPyConnection, catalog: str) -> tuple:
    """What a full copy carries besides the tables: schemas, views (their columns' comments too), macros, types
    and indexes, by their definitions."""
    schemas = con.execute("SELECT schema_name, comment FROM duckdb_schemas() WHERE database_name = ?"
                          " AND NOT internal ORDER BY ALL", [catalog]).fetchall()
    views = con.execute("SELECT schema_name, view_name, sql, comment FROM duckdb_views() WHERE database_name = ?"
                        " AND NOT internal ORDER BY schema_name, view_name", [catalog]).fetchall()
    view_columns = con.execute(
        "SELECT c.schema_name, c.table_name, c.column_name, c.comment FROM duckdb_columns() c"
        " JOIN duckdb_views() v ON v.database_name = c.database_name AND v.schema_name = c.schema_name"
        " AND v.view_name = c.table_name WHERE c.database_name = ? AND NOT v.internal ORDER BY ALL",
        [catalog]).fetchall()
    types = con.execute("SELECT schema_name, type_name, logical_type, comment FROM duckdb_types()"
                        " WHERE database_name = ? AND NOT internal ORDER BY ALL", [catalog]).fetchall()
    indexes = con.execute("SELECT schema_name, index_name, sql FROM duckdb_indexes() WHERE database_name = ?"
                          " ORDER BY ALL", [catalog]).fetchall()
    macros = con.execute("SELECT schema_name, function_name, function_type, parameters::VARCHAR, macro_definition,"
                         " comment FROM duckdb_functions() WHERE database_name = ? AND NOT internal"
                         " ORDER BY ALL", [catalog]).fetchall()
    return schemas, views, view_columns, macros, types, indexes


def _definitions(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[tuple[str, str], tuple]:
    """Each table, (schema, name), with what makes it: its DDL, its comment and its columns' comments."""
    tables = con.execute("SELECT schema_name, table_name, sql, comment FROM duckdb_tables()"
                         " WHERE database_name = ? AND NOT internal", [catalog]).fetchall()
    columns: dict[tuple[str, str], list[tuple]] = {}
    for schema, name, column, comment in con.execute(
            "SELECT schema_name, table_name, column_name, comment FROM duckdb_columns()"
            " WHERE database_name = ? AND NOT internal ORDER BY schema_name, table_name, column_index",
            [catalog]).fetchall():
        columns.setdefault((schema, name), []).append((column, comment))
    return {(schema, name): (sql, comment, tuple(columns.get((schema, name), ())))
            for schema, name, sql, comment in tables}


def _append_new_loads(con: duckdb.DuckDBPyConnection, build: str, schema: str, name: str) -> int | None:
    """The build's rows of loads newer than any in the copy, appended; None when the copy's rows are not exactly
    the build's rows of the loads it has (then the table is rewritten)."""
    table = f"{sql_identifier(schema)}.{sql_identifier(name)}"
    copied, newest = con.execute(f"SELECT count(*), coalesce(max(load_id), -1) FROM {COPY}.{table}").fetchone()
    older, newer = con.execute(
        f"SELECT count(*) FILTER (load_id <= $newest), count(*) FILTER (load_id > $newest)"
        f" FROM {sql_identifier(build)}.{table}", {"newest": newest}).fetchone()
    if older != copied:
        return None
    if newer:
        con.execute(f"INSERT INTO {COPY}.{table} SELECT * FROM {sql_identifier(build)}.{table} WHERE load_id > $newest",
                    {"newest": newest})
    return newer


def _rewrite(con: duckdb.DuckDBPyConnection, build: str, schema: str, name: str, definition: tuple) -> None:
    """The table dropped and made again from the build's own DDL, rows and comments (a view naming it is bound when
    it is queried, so it keeps working)."""
    sql, comment, columns = definition
    table = f"{sql_identifier(schema)}.{sql_identifier(name)}"
    con.execute(f"USE {COPY}")
    try:
        con.execute(f"DROP TABLE IF EXISTS {table}")
        con.execute(sql)  # the build's DDL of its own table, as DuckDB wrote it in its catalog
        con.execute(f"INSERT INTO {table} SELECT * FROM {sql_identifier(build)}.{table}")
        if comment is not None:
            con.execute(f"COMMENT ON TABLE {table} IS {sql_literal(comment)}")
        for column, column_comment in columns:
            if column_comment is not None:
                con.execute(f"COMMENT ON COLUMN {table}.{sql_identifier(column)} IS {sql_literal(column_comment)}")
    finally:
        con.execute(f"USE {sql_identifier(build)}")
