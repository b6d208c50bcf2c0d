"""The Dagster resource that hands assets the build database and the workers that read landing files."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from warehouse.database import connect, prepare
from warehouse.home import Paths
from warehouse.isolation import ParsePool, shared_pool

# Build files brought up to date by this process (a run: the daemon starts one process per run): the DDL is
# applied once, not on every connection.
_PREPARED: set[tuple[Path, int]] = set()


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

    def pool(self) -> ParsePool | None:
        return shared_pool(self.parse_workers) if self.parse_workers else None
