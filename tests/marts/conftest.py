"""A home over the ten demo departments, built by the real loaders and SQL of the nightly job."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import duckdb
import pytest

from ingest.forms.bureau import read_bureau_file
from ingest.forms.customs import read_customs_file
from ingest.forms.departments import read_department_files
from ingest.forms.reference import load_reference
from tests.departments.conftest import write_reference
from tests.workbooks import write_workbook
from warehouse.database import connect
from warehouse.home import Paths
from warehouse.loads import load_source, read_each
from warehouse.objects import build_layer
from warehouse.reference import write_reference as write_reference_tables

CADENCE = "source,department,cadence,due_days\nbureau,,monthly,20\ncustoms,,monthly,20\n" \
          "departments,,weekly,3\ndepartments,党群工作部,monthly,5\n"


def build(home: Path) -> duckdb.DuckDBPyConnection:
    """One nightly build without Dagster (reference, the three sources, core, marts); a read-only connection."""
    reference = load_reference(home / "reference")
    database = home / "warehouse" / "build.duckdb"
    with connect(database) as con:
        write_reference_tables(con, reference)
        load_source(con, "bureau", Paths(home), read_each(read_bureau_file), reference)
        load_source(con, "departments", Paths(home), read_department_files, reference)
        load_source(con, "customs", Paths(home), read_each(read_customs_file), reference)
        build_layer(con, "core")
        build_layer(con, "marts")
    return duckdb.connect(str(database), read_only=True)


def drop(home: Path, source: str, name: str, sheets: dict, arrived: dt.datetime) -> Path:
    """A workbook landing in landing/<source> at `arrived` (files load oldest first)."""
    path = write_workbook(home / "landing" / source / name, sheets)
    os.utime(path, (arrived.timestamp(), arrived.timestamp()))
    return path


def new_marts_home(home: Path) -> Path:
    """Ten departments (党群工作部 reporting monthly), judged as of 2024-06-14."""
    write_reference(home / "reference", **{"cadence.csv": CADENCE, "calendar.yaml": "as_of: 2024-06-14\n"})
    for source in ("bureau", "departments", "customs"):
        (home / "landing" / source).mkdir(parents=True)
    return home


@pytest.fixture
def marts_home(tmp_path: Path) -> Path:
    return new_marts_home(tmp_path / "home")
