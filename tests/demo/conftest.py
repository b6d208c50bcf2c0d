"""The tests of the generator read the session's one generated demo (tests/conftest.py demo_inputs)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def demo_home(demo_inputs: Path) -> Path:
    return demo_inputs
