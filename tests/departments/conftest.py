"""The department suites' home: the tests' reference data (tests/reference.py) and an empty landing zone."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.forms.reference import Reference, load_reference
from tests.reference import BASE as REFERENCE  # noqa: F401 - the name the department tests use
from tests.reference import write_reference


@pytest.fixture
def dept_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    write_reference(home / "reference")
    for source in ("bureau", "departments", "customs"):
        (home / "landing" / source).mkdir(parents=True)
    return home


@pytest.fixture
def reference(tmp_path: Path) -> Reference:
    return load_reference(write_reference(tmp_path / "reference"))
