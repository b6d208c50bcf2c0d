"""The Dagster resource that hands assets the build database and the workers that read landing files."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from ingest.forms.reference import Reference, load_reference
from warehouse.database import connect, prepare
from warehouse.home import Paths
from warehouse.isolation import ParsePool, shared_pool
from warehouse.landing import folder_digest

# Build files brought up to date by this process (a run: the daemon starts one process per run): the DDL is
# applied once, not on every connection.
_PREPARED: set[tuple[Path, int]] = set()
# The reference data parsed once per version of its files, for every asset of the run.
_REFERENCE: dict[tuple[Path, str], Reference] = {}


class Warehouse(dg.ConfigurableResource):
    """ZHAOSHANG_HOME as configured; every asset of a run writes the same build file, one at a time."""

    home: str
    # Worker processes that read landing files (warehouse/isolation.py); 0 reads them in the run's own process,
    # without the protection against a reader's crash (for debugging).
    parse_workers: int = 2

    @property
    def paths(self) -> Paths:
        return Paths(Path(self.home).resolve())

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        build = self.paths.build_db
        stamp = (build, build.stat().st_ino) if build.exists() else None
        if stamp not in _PREPARED:
            prepare(build)
            _PREPARED.add((build, build.stat().st_ino))
        with connect(build) as con:
            yield con

    def reference(self) -> tuple[Reference, str]:
        """The reference data and its version (a hash of the files); ReferenceError names what is wrong."""
        folder = self.paths.reference
        version = folder_digest(folder)
        if (folder, version) not in _REFERENCE:
            _REFERENCE[(folder, version)] = load_reference(folder)
        return _REFERENCE[(folder, version)], version

    def pool(self) -> ParsePool | None:
        return shared_pool(self.parse_workers) if self.parse_workers else None
