"""The one way a test builds a warehouse without Dagster: the reference data, every source through the real loader,
then every core and mart object, as the nightly job's assets do, into <home>/warehouse/build.duckdb."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest.forms.reference import load_reference
from ingest.sources import SOURCES
from warehouse.build import build
from warehouse.database import connect, prepare
from warehouse.home import Paths
from warehouse.loads import LoadOutcome, load_source
from warehouse.objects import sql_objects
from warehouse.reference import write_reference


def database(home: Path) -> Path:
    return home / "warehouse" / "build.duckdb"


def build_warehouse(home: Path, sources: tuple[str, ...] | None = None) -> list[LoadOutcome]:
    """Load `sources` (all by default) and build everything; returns the loads of this build."""
    reference = load_reference(home / "reference")
    path = database(home)
    prepare(path)
    outcomes = []
    with connect(path) as con:
        write_reference(con, reference)
        for source in SOURCES:
            if sources is None or source.name in sources:
                outcomes += load_source(con, source.name, Paths(home), source.reader, reference)
        list(build(con, [obj.key for obj in sql_objects() if obj.kind in ("table", "view")]))
    return outcomes


def open_warehouse(home: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(database(home)), read_only=True)
