"""One real PostgreSQL server for the session's tests of the instance on PostgreSQL (test_postgres, test_backup);
each test that needs a database of its own makes one on it (tests/postgres.py's new_database)."""

from __future__ import annotations

import pytest

from tests.postgres import postgres_server


@pytest.fixture(scope="session")
def postgres_url():
    with postgres_server() as url:
        yield url
