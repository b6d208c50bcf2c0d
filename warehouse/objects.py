"""The core and mart objects: one .sql file each, what it creates, what it reads (parsed from the SQL itself by
sqlglot) and what its comments say. The build order and the Dagster lineage both derive from here."""

from __future__ import annotations

import functools
import graphlib
from dataclasses import dataclass
from pathlib import Path

import sqlglot
from sqlglot import exp

from warehouse.database import SQL_DIR

LAYERS = ("core", "marts")
# Schemas whose tables a core or mart object may read; anything else named in a query is a CTE or an alias.
SCHEMAS = ("raw", "audit", "core", "marts")


@dataclass(frozen=True)
class SqlObject:
    """A table, view or macro created by one file warehouse/sql/<layer>/<name>.sql."""

    schema: str
    name: str
    kind: str  # 'table' | 'view' | 'macro'
    path: Path
    reads: frozenset[str]  # 'schema.name' of every table or view its SQL reads
    description: str | None  # COMMENT ON TABLE, Chinese then English; else the comment lines above its CREATE
    column_comments: dict[str, str]
    reads_clock: bool  # its SQL asks for today's date or time: the day is one of its inputs

    @property
    def key(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


def _tables(statement: exp.Expression) -> set[str]:
    # Only names qualified by a layer's schema: a CTE's name never is, even when it repeats a table's (departments).
    return {f"{t.db}.{t.name}" for t in statement.find_all(exp.Table) if t.db in SCHEMAS}


def parse_reads(sql: str) -> frozenset[str]:
    """'schema.name' of every table of the layers that a query reads."""
    return frozenset(read for statement in sqlglot.parse(sql, read="duckdb") if statement is not None
                     for read in _tables(statement))


_CLOCK_FUNCTIONS = {"now", "get_current_timestamp", "get_current_time", "transaction_timestamp"}


def _reads_clock(statement: exp.Expression) -> bool:
    return any(isinstance(node, exp.CurrentDate | exp.CurrentTimestamp | exp.CurrentTime)
               or (isinstance(node, exp.Anonymous) and node.name.lower() in _CLOCK_FUNCTIONS)
               for node in statement.walk())


def _literal(node: exp.Expression | None) -> str | None:
    return node.this if isinstance(node, exp.Literal) else None


def parse_object(path: Path) -> SqlObject:
    statements = [s for s in sqlglot.parse(path.read_text(encoding="utf-8"), read="duckdb") if s is not None]
    creates = [s for s in statements if isinstance(s, exp.Create)]
    if len(creates) != 1:
        raise ValueError(f"{path}: one CREATE per file, found {len(creates)}")
    create = creates[0]
    target = create.this.this if isinstance(create.this, exp.Schema) else create.this
    if isinstance(target, exp.UserDefinedFunction):
        schema, name = target.this.db if isinstance(target.this, exp.Table) else "", target.name
    else:
        schema, name = target.db, target.name
    if path.stem != name or path.parent.name not in (schema, "functions"):
        raise ValueError(f"{path}: creates {schema}.{name}; the file must be named for the object it creates")
    kind = str(create.args.get("kind", "")).lower()
    reads = frozenset(_tables(create) - {f"{schema}.{name}"})
    text = path.read_text(encoding="utf-8")
    above = text[:text.find("CREATE")].splitlines()
    description = " ".join(line.removeprefix("--").strip() for line in above if line.startswith("--")) or None
    columns = {}
    for statement in statements:
        if isinstance(statement, exp.Comment):
            text = _literal(statement.expression)
            if str(statement.args.get("kind")).upper() == "TABLE":
                description = text
            else:
                columns[statement.this.name] = text
    return SqlObject(schema, name, kind, path, reads, description, columns, _reads_clock(create))


@functools.cache
def sql_objects() -> tuple[SqlObject, ...]:
    """Every core and mart object, in an order that builds each after what it reads."""
    objects = {o.key: o for layer in LAYERS for o in map(parse_object, sorted((SQL_DIR / layer).glob("*.sql")))}
    graph = {key: {read for read in o.reads if read in objects} for key, o in objects.items()}
    # A static order: among objects free to go, name order, so every build runs the same sequence.
    sorter = graphlib.TopologicalSorter(graph)
    sorter.prepare()
    ordered: list[str] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready())
        ordered.extend(ready)
        sorter.done(*ready)
    return tuple(objects[key] for key in ordered)
