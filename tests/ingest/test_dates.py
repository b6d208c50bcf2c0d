from datetime import date, datetime

import pytest

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
