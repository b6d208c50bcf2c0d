"""Building the core and mart objects, and only those whose inputs changed.

Each object's fingerprint is its SQL text with the fingerprints of everything it reads; a raw table's is the set of
loads in force of the source that fills it, a reference table's its content. An object whose fingerprint is the one
it was last built with is left as it is, so a night with nothing new rebuilds nothing, and a new customs file
rebuilds the trade tables only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import duckdb

from ingest.sources import SOURCES
from warehouse.clock import centre_today
from warehouse.crashpoints import crash_point
from warehouse.database import sql_identifier, sql_literal
from warehouse.objects import SqlObject, sql_objects

RAW_OWNER = {table: source.name for source in SOURCES for table in source.raw_tables}
# Tables keyed by load: what matters of them is which loads are in force.
BY_LOADS = ("audit.loads", "audit.quarantine", "audit.file_findings")


def drawn_raw_tables(key: str) -> frozenset[str]:
    """The raw tables an object's rows come from: those it reads, itself or through the objects it reads."""
    by_key = {obj.key: obj for obj in sql_objects()}
    found: set[str] = set()
    stack, seen = [key], set()
    while stack:
        for read in by_key[stack.pop()].reads:
            if read in RAW_OWNER:
                found.add(read)
            elif read in by_key and read not in seen:
                seen.add(read)
                stack.append(read)
    return frozenset(found)


def drawn_sources(key: str) -> tuple[str, ...]:
    """The sources whose files an object's rows come from. An audit table keyed by load, read beside their raw
    tables, can only join their loads, so that is all it depends on; an object drawing on no raw table
    (core.active_loads) depends on every source's loads."""
    found = {RAW_OWNER[table] for table in drawn_raw_tables(key)}
    return tuple(s.name for s in SOURCES if s.name in found) or tuple(s.name for s in SOURCES)


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    comment: str | None


@dataclass(frozen=True)
class Built:
    obj: SqlObject
    fingerprint: str
    changed: bool  # False: left as the last build made it
    row_count: int
    columns: list[Column]


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def _loads_in_force(con: duckdb.DuckDBPyConnection, sources: list[str]) -> list[int]:
    return [load_id for (load_id,) in con.execute(
        "SELECT load_id FROM audit.loads WHERE status = 'loaded' AND list_contains(?, source) ORDER BY load_id",
        [sources]).fetchall()]


def source_fingerprint(con: duckdb.DuckDBPyConnection, source: str) -> str:
    """What a source contributes: the loads in force (a rejected file changes nothing downstream)."""
    return _digest(*_loads_in_force(con, [source]))


class _Inputs:
    """The fingerprints of the tables the objects read, each worked out once per build.

    A raw table is its loads in force that put rows into it: a customs enterprise table leaves the platform lines
    as they were, and what is built on them only. An audit table keyed by load, read beside raw tables, is the loads
    in force of their sources, less those whose rows all went into other raw tables (a load with no rows anywhere,
    every row quarantined, still counts: the audit trail shows it)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._with_rows: dict[str, set[int]] = {}
        self._prints: dict[tuple[str, frozenset[str]], str] = {}
        self._comments: dict[str, str] = {}

    def with_rows(self, table: str) -> set[int]:
        if table not in self._with_rows:
            # The name is ours (a raw table of ingest/sources.py), never a file's.
            self._with_rows[table] = {load_id for (load_id,) in self.con.execute(
                f"SELECT DISTINCT load_id FROM {table}").fetchall()}
        return self._with_rows[table]

    def fingerprint(self, table: str, reader: str) -> str:
        drawn = drawn_raw_tables(reader) if table in BY_LOADS else frozenset()
        if (table, drawn) not in self._prints:
            self._prints[(table, drawn)] = self._work_out(table, drawn)
        return self._prints[(table, drawn)]

    def comments(self, table: str) -> str:
        """A raw or audit table's column comments: what the objects reading it inherit (_inherit_comments)."""
        if table not in self._comments:
            schema, name = table.split(".")
            [(text,)] = self.con.execute(
                "SELECT string_agg(column_name || '=' || coalesce(comment, ''), '|' ORDER BY column_index)"
                " FROM duckdb_columns() WHERE schema_name = ? AND table_name = ?", [schema, name]).fetchall()
            self._comments[table] = _digest(text)
        return self._comments[table]

    def _work_out(self, table: str, drawn: frozenset[str]) -> str:
        if table in RAW_OWNER:
            rows = self.with_rows(table)
            return _digest(table, *(i for i in _loads_in_force(self.con, [RAW_OWNER[table]]) if i in rows))
        if table in BY_LOADS:
            if not drawn:
                return _digest(table, *_loads_in_force(self.con, [s.name for s in SOURCES]))
            sources = sorted({RAW_OWNER[t] for t in drawn})
            kept = set().union(*(self.with_rows(t) for t in drawn))
            elsewhere = set().union(*(self.with_rows(t) for t, owner in RAW_OWNER.items()
                                      if owner in sources and t not in drawn))
            return _digest(table, *(i for i in _loads_in_force(self.con, sources)
                                    if i in kept or i not in elsewhere))
        # Small tables written whole (reference data): their content. The name is ours, never a file's.
        [(content,)] = self.con.execute(
            f"SELECT md5(string_agg(t::VARCHAR, '|' ORDER BY t::VARCHAR)) FROM {table} t").fetchall()
        return _digest(table, content)


def fingerprints(con: duckdb.DuckDBPyConnection, today: dt.date | None = None) -> dict[str, str]:
    """Every object's fingerprint as its inputs stand now; an object that reads the clock (core.as_of without a
    date in calendar.yaml) has `today` (the day in Asia/Shanghai) among its inputs, so what is overdue moves on
    with the calendar even on a night with no new file."""
    today = today or centre_today()
    inputs = _Inputs(con)
    prints: dict[str, str] = {}
    for obj in sql_objects():
        parts = [f"{read}={prints[read]}" if read in prints else
                 f"{read}={inputs.fingerprint(read, obj.key)}/{inputs.comments(read)}" for read in sorted(obj.reads)]
        if obj.reads_clock:
            parts.append(f"today={today.isoformat()}")
        prints[obj.key] = _digest(obj.sql, *parts)
    return prints


def _inherit_comments(con: duckdb.DuckDBPyConnection, obj: SqlObject) -> None:
    """A column an object carries under the same name from a table it reads (`x.*`, `SELECT *`, `load_id`) keeps that
    column's comment, so the comment has one home: where the value comes from. The object's own COMMENT ON wins;
    among the tables it reads, the one its SQL names first."""
    if obj.kind not in ("table", "view"):
        return
    order = sorted(obj.reads, key=lambda read: (obj.sql.find(read), read))
    found: dict[str, tuple[str, str]] = {}
    for table, column, comment in con.execute(
            "SELECT schema_name || '.' || table_name, column_name, comment FROM duckdb_columns()"
            " WHERE comment IS NOT NULL AND list_contains(?, schema_name || '.' || table_name)", [order]).fetchall():
        if column not in found or order.index(table) < order.index(found[column][0]):
            found[column] = (table, comment)
    for column in _columns(con, obj):
        if column.comment is None and column.name in found:
            # Names from DuckDB's catalog of our own objects; COMMENT ON takes no parameters.
            comment = sql_literal(found[column.name][1])
            con.execute(f"COMMENT ON COLUMN {obj.key}.{sql_identifier(column.name)} IS {comment}")


def _columns(con: duckdb.DuckDBPyConnection, obj: SqlObject) -> list[Column]:
    return [Column(*row) for row in con.execute(
        "SELECT column_name, data_type, comment FROM duckdb_columns() WHERE schema_name = ? AND table_name = ?"
        " ORDER BY column_index", [obj.schema, obj.name]).fetchall()]


def _exists(con: duckdb.DuckDBPyConnection, obj: SqlObject) -> bool:
    return con.execute(
        "SELECT (SELECT count(*) FROM duckdb_tables() WHERE schema_name = $s AND table_name = $n)"
        " + (SELECT count(*) FROM duckdb_views() WHERE schema_name = $s AND view_name = $n)",
        {"s": obj.schema, "n": obj.name}).fetchone()[0] > 0


def build(con: duckdb.DuckDBPyConnection, keys: Iterable[str], run_id: str | None = None) -> Iterator[Built]:
    """Build the objects named by `keys` ('marts.kpi_completion'), in build order, each only if its inputs or SQL
    changed since it was last built; yields each as it is done."""
    wanted = set(keys)
    by_key = {obj.key: obj for obj in sql_objects()}
    missing = {read for key in wanted for read in by_key[key].reads
               if read in by_key and read not in wanted and not _exists(con, by_key[read])}
    if missing:
        raise RuntimeError(f"先物化上游的表 {', '.join(sorted(set(missing)))}（选择时加上上游：+表名） "
                           "(materialize what these tables read first: select them with their upstream)")
    prints = fingerprints(con)
    last = dict(con.execute("SELECT table_name, fingerprint FROM audit.table_fingerprints").fetchall())
    for obj in sql_objects():
        if obj.key not in wanted:
            continue
        changed = last.get(obj.key) != prints[obj.key] or not _exists(con, obj)
        if changed:
            con.begin()
            con.execute(obj.sql)
            _inherit_comments(con, obj)
            con.execute("INSERT OR REPLACE INTO audit.table_fingerprints VALUES (?, ?, now(), ?)",
                        [obj.key, prints[obj.key], run_id])
            crash_point(f"build.{obj.key}")
            con.commit()
        [(rows,)] = con.execute(f"SELECT count(*) FROM {obj.key}").fetchall()  # our own object's name
        yield Built(obj, prints[obj.key], changed, rows, _columns(con, obj))


def drop_strays(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Drop core and mart objects no SQL file creates any more (a renamed or retired table would otherwise be
    published for ever); returns what was dropped."""
    known = {obj.key for obj in sql_objects()}
    found = con.execute(
        "SELECT schema_name, table_name, 'TABLE' FROM duckdb_tables() WHERE schema_name IN ('core', 'marts')"
        " UNION ALL SELECT schema_name, view_name, 'VIEW' FROM duckdb_views()"
        " WHERE schema_name IN ('core', 'marts') AND NOT internal").fetchall()
    dropped = []
    for schema, name, kind in found:
        if f"{schema}.{name}" not in known:
            con.execute(f"DROP {kind} IF EXISTS {sql_identifier(schema)}.{sql_identifier(name)} CASCADE")
            con.execute("DELETE FROM audit.table_fingerprints WHERE table_name = ?", [f"{schema}.{name}"])
            dropped.append(f"{schema}.{name}")
    return dropped
