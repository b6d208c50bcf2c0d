"""Shared fixtures: a fresh ZHAOSHANG_HOME with the small reference data of tests/fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty landing zone over the fixture reference data."""
    shutil.copytree(FIXTURES / "reference", tmp_path / "reference")
    for source in ("bureau", "departments", "customs"):
        (tmp_path / "landing" / source).mkdir(parents=True)
    return tmp_path
