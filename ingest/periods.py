"""Statistical periods ('2024年1-4月', '202405', '截至5月') and report periods ('2024年第23周', '2024-06')."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from ingest.text import normalise
from schemas.years import PLAUSIBLE_YEARS

_DASH = r"[-~至到—–]"


@dataclass(frozen=True)
class Period:
    """A span of months within one year; a cumulative (累计, 截至) period starts at month 1."""

    year: int
    month_from: int
    month_to: int

    def __post_init__(self) -> None:
        for month in (self.month_from, self.month_to):
            if not 1 <= month <= 12:
                raise ValueError(f"没有{month}月，月份必须在1到12之间 (month out of range)")
        if self.month_from > self.month_to:
            raise ValueError(
                f"起始月份{self.month_from}晚于结束月份{self.month_to} (start month after end month)"
            )


# Each form: a regex over the normalised text, and which groups hold (year, month_from, month_to).
_PERIOD_FORMS = (
    (re.compile(rf"^(\d{{4}})(\d{{2}}){_DASH}(\d{{4}})(\d{{2}})$"), "year_range"),  # 202401-202405
    (re.compile(rf"^(?:(\d{{4}})年)?(\d{{1,2}})月?{_DASH}(\d{{1,2}})月$"), "range"),  # 2024年1-4月, 1至4月
    (re.compile(r"^(?:(\d{4})年)?(\d{1,2})月份?$"), "month"),  # 2024年5月, 5月
    (re.compile(r"^(\d{4})[-./]?(\d{1,2})$"), "month"),  # 202405, 2024.5, 2024-05
    (re.compile(r"^(\d{4})年(?:全年|度)?$"), "year"),  # 2024年, 2024年度
)
_CUMULATIVE_PREFIX = re.compile(r"^(?:截至|截止)")
_DECORATION = re.compile(r"(?:累计|底|末)$")


def parse_period(cell: object, default_year: int | None = None) -> Period:
    """Read a 统计期 cell; default_year supplies the year for '1-4月' (from the title or file name)."""
    text = _cell_text(cell)
    cumulative = bool(_CUMULATIVE_PREFIX.match(text))
    text = _DECORATION.sub("", _CUMULATIVE_PREFIX.sub("", text))
    for pattern, form in _PERIOD_FORMS:
        match = pattern.match(text)
        if match is None:
            continue
        if form == "year_range":
            year, month_from, year_to, month_to = (int(part) for part in match.groups())
            if year != year_to:
                raise ValueError(f"统计期「{cell}」跨了年度，只能在同一年内 (period spans two years)")
        else:
            year = int(match[1]) if match[1] else _required_year(cell, default_year)
            if form == "year":
                month_from, month_to = 1, 12
            else:
                month_from = int(match[2])
                month_to = int(match[3]) if form == "range" else month_from
        if cumulative:
            month_from = 1
        return Period(_plausible(cell, year), month_from, month_to)
    raise ValueError(f"看不懂统计期「{cell}」，请写成2024年1-4月或202405 (not a period)")


def _cell_text(cell: object) -> str:
    if isinstance(cell, float):
        # Excel stores a typed 2024.10 as the number 2024.1: October and January look the same.
        if not cell.is_integer():
            raise ValueError(
                f"「{cell}」是数字格式，分不清是几月（2024.10会变成2024.1），请把单元格设为文本 "
                "(ambiguous numeric period)"
            )
        return str(int(cell))
    return normalise(cell)


def _required_year(cell: object, default_year: int | None) -> int:
    if default_year is None:
        raise ValueError(f"统计期「{cell}」没有写年份，表头或文件名里也找不到年份 (year missing)")
    return default_year


def _plausible(cell: object, year: int) -> int:
    if not PLAUSIBLE_YEARS[0] <= year <= PLAUSIBLE_YEARS[1]:
        raise ValueError(f"「{cell}」的年份{year}不合理 (implausible year)")
    return year


# A year standing alone, or followed by a month ('202405') or month and day ('20240508'), never inside a
# longer number such as a customs code.
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?=\D|$|(?:0[1-9]|1[0-2])(?:\d{2})?(?:\D|$))")


def year_hint(text: object) -> int | None:
    """The first plausible year in a title or file name: '2024年1-4月西城区…' -> 2024."""
    match = _YEAR.search(normalise(text))
    return int(match[1]) if match else None


# The week rules, in one place for Python (core.iso_weeks states the same calendar for SQL). An ISO week belongs to
# the month of its Thursday, as it belongs to the year of its Thursday; so a month's last week is the week of its
# last Thursday, and a week's month, quarter and half are in its own ISO year.


def month_last_week(year: int, month: int) -> tuple[int, int]:
    """(ISO year, ISO week) of the last week that belongs to the month: the week of its last Thursday."""
    last = date(year, month, calendar.monthrange(year, month)[1])
    iso = date.fromordinal(last.toordinal() - (last.isoweekday() - 4) % 7).isocalendar()
    return iso.year, iso.week


@dataclass(frozen=True)
class ReportPeriod:
    kind: str  # 'week' | 'month' | 'range'
    year: int  # ISO year of `week`
    week: int  # the ISO week the report counts in: the week itself, a month's last week, a range's first day's
    start: date
    end: date
    label: str  # '2024-W23', '2024-06' or '2024-06-03~2024-06-09'

    @property
    def key(self) -> str:
        """What a later report for the same period replaces: a date range that is exactly one ISO week is that week
        ('2024.6.3-2024.6.9' resubmitted as '2024年第23周' replaces it)."""
        start = self.start.isocalendar()
        if self.kind == "range" and start.weekday == 1 and (self.end - self.start).days == 6:
            return f"{start.year}-W{start.week:02d}"
        return self.label


_WEEK = (re.compile(r"^(\d{4})年?第(\d{1,2})周$"), re.compile(r"^(\d{4})-?W(\d{1,2})$"))
_MONTH = re.compile(r"^(\d{4})(?:年(\d{1,2})月份?|[-./]?(\d{1,2}))$")
_DAY = r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
_RANGE = re.compile(
    rf"^{_DAY}{_DASH}(?:(?:(\d{{4}})[-/.年])?(\d{{1,2}})[-/.月])?(\d{{1,2}})日?$"
)  # 2024.6.3-2024.6.9, 2024年6月3日-6月9日, 2024-06-03~09


def parse_report_period(cell: object) -> ReportPeriod:
    """Read a department workbook's 报告期: a week, a month or a date range."""
    text = normalise(cell).upper()
    for pattern in _WEEK:
        if match := pattern.match(text):
            year, week = _plausible(cell, int(match[1])), int(match[2])
            try:
                start = date.fromisocalendar(year, week, 1)
            except ValueError:
                raise ValueError(f"{year}年没有第{week}周 (no such ISO week)") from None
            return ReportPeriod("week", year, week, start, date.fromisocalendar(year, week, 7),
                                f"{year}-W{week:02d}")
    if match := _MONTH.match(text):
        year, month = _plausible(cell, int(match[1])), int(match[2] or match[3])
        if not 1 <= month <= 12:
            raise ValueError(f"「{cell}」的月份{month}不存在 (no such month)")
        end = date(year, month, calendar.monthrange(year, month)[1])
        return ReportPeriod("month", *month_last_week(year, month), date(year, month, 1), end, f"{year}-{month:02d}")
    if match := _RANGE.match(text):
        year, month, day, year_to, month_to, day_to = match.groups()
        start = _day(cell, _plausible(cell, int(year)), int(month), int(day))
        end = _day(cell, int(year_to or year), int(month_to or month), int(day_to))
        if end < start:
            raise ValueError(f"报告期「{cell}」的结束日期早于开始日期 (range ends before it starts)")
        iso = start.isocalendar()
        return ReportPeriod("range", iso.year, iso.week, start, end, f"{start.isoformat()}~{end.isoformat()}")
    raise ValueError(
        f"看不懂报告期「{cell}」，请写成2024年第23周、2024年6月或2024.6.3-2024.6.9 (not a report period)"
    )


def _day(cell: object, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"报告期「{cell}」里的日期{year}年{month}月{day}日不存在 (no such date)") from None
