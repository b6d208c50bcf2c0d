"""Every SQL query the README's "For analysts" section shows answers its question on the demo warehouse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def analyst_queries() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## For analysts"):text.index("## For operators")]
    return re.findall(r"```sql\n(.*?)```", section, re.DOTALL)


def test_the_section_has_a_query_for_each_question() -> None:
    assert len(analyst_queries()) >= 12


@pytest.mark.parametrize("sql", analyst_queries(), ids=lambda sql: sql.splitlines()[0].removeprefix("-- "))
def test_each_query_answers_on_the_demo(demo_run, sql: str) -> None:
    with demo_run.connect() as con:
        assert con.execute(sql).fetchall()
