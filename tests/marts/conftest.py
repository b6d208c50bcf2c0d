"""A home over the ten demo departments, built by the real loaders and SQL of the nightly job."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import duckdb
import pytest

from tests.build import build_warehouse, open_warehouse
from tests.departments.conftest import write_reference
from tests.workbooks import write_workbook

CADENCE = "source,department,cadence,due_days\nbureau,,monthly,20\ncustoms,,monthly,20\n" \
          "departments,,weekly,3\ndepartments,党群工作部,monthly,5\n"


def build(home: Path) -> duckdb.DuckDBPyConnection:
    """One nightly build without Dagster (reference, the three sources, core, marts); a read-only connection."""
    build_warehouse(home)
    return open_warehouse(home)


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
