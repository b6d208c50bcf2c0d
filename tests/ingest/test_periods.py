from datetime import date

import pytest

from ingest.periods import Period, parse_period, parse_report_period, year_hint


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2024年1-4月", (2024, 1, 4)),
        ("2024年1至4月", (2024, 1, 4)),
        ("2024年1~4月", (2024, 1, 4)),
        ("2024年1—4月", (2024, 1, 4)),
        ("2024年1月-4月", (2024, 1, 4)),
        ("２０２４年１－４月", (2024, 1, 4)),
        ("2024年5月", (2024, 5, 5)),
        ("202405", (2024, 5, 5)),
        (202405, (2024, 5, 5)),
        ("2024.5", (2024, 5, 5)),
        ("2024-05", (2024, 5, 5)),
        ("202401-202405", (2024, 1, 5)),
        ("2024年1-5月累计", (2024, 1, 5)),
        ("截至2024年5月", (2024, 1, 5)),
        ("截至2024年5月底", (2024, 1, 5)),
        ("2024年", (2024, 1, 12)),
    ],
)
def test_parse_period(cell, expected):
    assert parse_period(cell) == Period(*expected)


@pytest.mark.parametrize(("cell", "months"), [("1-4月", (1, 4)), ("1至4月", (1, 4)), ("截止5月", (1, 5))])
def test_year_comes_from_default(cell, months):
    assert parse_period(cell, default_year=2024) == Period(2024, *months)


def test_missing_year_is_reported():
    with pytest.raises(ValueError, match="没有写年份"):
        parse_period("1-4月")


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("2024年13月", "没有13月"),
        ("2024年5-4月", "晚于"),
        ("202312-202402", "跨了年度"),
        ("上半年", "看不懂统计期"),
        (2024.1, "分不清是几月"),
    ],
)
def test_rejects_bad_periods(cell, message):
    with pytest.raises(ValueError, match=message):
        parse_period(cell, default_year=2024)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2024年1-4月西城区企业进出口情况", 2024),
        ("市商务局认定-2024年1-4月.xlsx", 2024),
        ("202401-202405.csv", 2024),
        ("经发局-2024年第23周.xlsx", 2024),
        ("海关编码4111990830", None),
        ("1999年", None),
        (None, None),
    ],
)
def test_year_hint(text, year):
    assert year_hint(text) == year


@pytest.mark.parametrize("cell", ["2024年第23周", "2024-W23", "2024W23", "2024w23", "２０２４年第２３周"])
def test_report_week(cell):
    period = parse_report_period(cell)
    assert (period.kind, period.year, period.week, period.label) == ("week", 2024, 23, "2024-W23")
    assert (period.start, period.end) == (date(2024, 6, 3), date(2024, 6, 9))


@pytest.mark.parametrize("cell", ["2024年6月", "2024-06", "202406"])
def test_report_month(cell):
    period = parse_report_period(cell)
    assert (period.kind, period.year, period.week, period.label) == ("month", 2024, 26, "2024-06")
    assert (period.start, period.end) == (date(2024, 6, 1), date(2024, 6, 30))


@pytest.mark.parametrize(("cell", "year", "week"), [
    ("2024年12月", 2024, 52),  # 31 December 2024 is in ISO week 2025-W01, whose Thursday is in January
    ("2024年7月", 2024, 30),  # July ends on a Wednesday: its last week is the one before, Thursday 25 July
    ("2026年1月", 2026, 5),  # 29 January 2026 is a Thursday
])
def test_a_monthly_report_counts_in_the_last_week_of_its_own_month(cell, year, week):
    period = parse_report_period(cell)
    assert (period.year, period.week) == (year, week)


@pytest.mark.parametrize(
    "cell", ["2024.6.3-2024.6.9", "2024/6/3至2024/6/9", "2024年6月3日-6月9日", "2024-06-03~2024-06-09"]
)
def test_report_range(cell):
    period = parse_report_period(cell)
    assert (period.kind, period.year, period.week) == ("range", 2024, 23)
    assert period.label == "2024-06-03~2024-06-09"
    assert (period.start, period.end) == (date(2024, 6, 3), date(2024, 6, 9))


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("2024年第53周", "没有第53周"),
        ("2024.6.9-2024.6.3", "早于"),
        ("2024年6月31日-7月2日", "不存在"),
        ("上周", "看不懂报告期"),
    ],
)
def test_rejects_bad_report_periods(cell, message):
    with pytest.raises(ValueError, match=message):
        parse_report_period(cell)
