"""One generated demo home for the whole session: generating takes seconds, the tests only read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from demo import generate


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("demo_home")
    generate(home)
    return home
