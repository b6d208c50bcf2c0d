"""Names as stored: invisible characters never survive, and a name of nothing else is not a name."""

from __future__ import annotations

import pytest

from ingest.cells import RuleBroken
from ingest.text import clean_text, normalise, visible


@pytest.mark.parametrize(("cell", "stored"), [
    ("智慧\x00物流总部项目 ", "智慧物流总部项目"),
    ("\ufeff经发局\u200b", "经发局"),
    ("中原\x07物流\x1f有限公司", "中原物流有限公司"),
    ("第一行\n第二行", "第一行\n第二行"),  # a line break typed in the cell is the clerk's
    ("-", None),
    (None, None),
    (12.0, "12.0"),
])
def test_clean_text(cell, stored):
    assert clean_text(cell) == stored


@pytest.mark.parametrize("cell", ["\x00", "\x00\x01 \x02", "\u200b\ufeff"])
def test_a_name_of_control_characters_only_is_not_a_name(cell):
    with pytest.raises(RuleBroken, match="只有不可见的控制字符") as caught:
        clean_text(cell)
    assert caught.value.rule == "control_characters"


def test_matching_ignores_invisible_characters():
    assert normalise("经发\x00局\u200b") == normalise("经发局") == "经发局"


def test_visible_shows_the_codes():
    assert visible("a\x00b\u200bc") == "a\\x00b\\u200bc"
