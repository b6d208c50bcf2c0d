"""Shared fixtures: a fresh ZHAOSHANG_HOME over the tests' reference data (tests/reference.py), and the demo."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from demo import generate
from orchestration.definitions import build_definitions
from tests.reference import write_reference


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty landing zone over the fixture reference data."""
    write_reference(tmp_path / "reference")
    for source in ("bureau", "departments", "customs"):
        (tmp_path / "landing" / source).mkdir(parents=True)
    return tmp_path


@dataclass(frozen=True)
class DemoRun:
    home: Path
    result: dg.ExecuteInProcessResult

    @property
    def published(self) -> Path:
        return self.home / "warehouse" / "zhaoshang.duckdb"

    def connect(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.published), read_only=True)


@pytest.fixture(scope="session")
def demo_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's reference and landing files, generated once per pytest run. Read them, or copy them with
    `copy_demo`; never write into them."""
    home = tmp_path_factory.mktemp("demo_inputs")
    generate(home)
    return home


def copy_demo(demo_inputs: Path, home: Path) -> Path:
    """A home holding the demo's inputs, arrival times kept (files load oldest first)."""
    shutil.copytree(demo_inputs, home, copy_function=shutil.copy2, dirs_exist_ok=True)
    return home


@pytest.fixture(scope="session")
def demo_run(demo_inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """The demo through the whole nightly job, once for every test that reads its figures."""
    home = copy_demo(demo_inputs, tmp_path_factory.mktemp("demo_home"))
    result = build_definitions(str(home)).resolve_job_def("nightly").execute_in_process(raise_on_error=False)
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    return DemoRun(home, result)
