from datetime import date, datetime

import pytest

from ingest.cells import RuleBroken
from ingest.dates import parse_date

MAY_8 = date(2024, 5, 8)


@pytest.mark.parametrize(
    "cell",
    [
        MAY_8,
        datetime(2024, 5, 8, 14, 30),
        45420,
        45420.0,
        45420.75,
        "45420",
        "2024/5/8",
        "2024-05-08",
        "2024.5.8",
        "2024年5月8日",
        "2024年05月08日",
        " 2024 年 5 月 8 日 ",
        "20240508",
        20240508,
        "２０２４年５月８日",
        "2024-05-08 00:00:00",
    ],
)
def test_accepts_every_way_of_writing_a_date(cell):
    assert parse_date(cell) == MAY_8


@pytest.mark.parametrize("cell", [None, "", "-", "—", "/"])
def test_nothing_is_none(cell):
    assert parse_date(cell) is None


def test_impossible_date_is_named():
    with pytest.raises(ValueError, match="2024年没有2月30日"):
        parse_date("2024-02-30")


@pytest.mark.parametrize("cell", ["下周一", 123, "5月8日", "2024-5", True])
def test_rejects_non_dates(cell):
    with pytest.raises(ValueError, match="不是日期"):
        parse_date(cell)


@pytest.mark.parametrize("cell", ["1900-01-01", "2204-06-14", datetime(1999, 12, 31), "1999年12月31日"])
def test_a_date_outside_the_plausible_years_is_its_own_rule(cell):
    with pytest.raises(RuleBroken, match="不在2000年至2100年之间") as caught:
        parse_date(cell)
    assert caught.value.rule == "date_window"


def test_the_window_is_inclusive():
    assert parse_date("2000-01-01") == date(2000, 1, 1)
    assert parse_date("2100-12-31") == date(2100, 12, 31)
