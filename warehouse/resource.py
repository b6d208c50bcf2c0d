"""The Dagster resource that hands assets a connection to the private build database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from warehouse.database import connect
from warehouse.home import Paths


class Warehouse(dg.ConfigurableResource):
    """ZHAOSHANG_HOME as configured; every asset of a run writes the same build file, one at a time."""

    home: str

    @property
    def paths(self) -> Paths:
        return Paths(Path(self.home).resolve())

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with connect(self.paths.build_db) as con:
            yield con
