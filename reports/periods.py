"""The report periods: a month (PERIOD=2024-06) and an ISO week (WEEK=2024-W26), and how they meet.

Department work is reported by ISO week; a month's department figures are those of its last week, the week of its
last Thursday, in which a monthly department report counts too (ingest/periods.py holds the rule).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ingest.periods import month_last_week


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        match = re.fullmatch(r"\s*(\d{4})-?(\d{1,2})\s*", text)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValueError(f"报告期应写作 2024-06 (period must look like 2024-06), got {text!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def iso_week(self) -> IsoWeek:
        return IsoWeek(*month_last_week(self.year, self.month))

    @property
    def label(self) -> str:
        """1-6月: what a 工作总结 calls the year to date."""
        return f"1-{self.month}月" if self.month > 1 else "1月"

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"


@dataclass(frozen=True)
class IsoWeek:
    year: int
    week: int

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        match = re.fullmatch(r"\s*(\d{4})-?W(\d{1,2})\s*", text, re.IGNORECASE)
        if not match:
            raise ValueError(f"周次应写作 2024-W26 (week must look like 2024-W26), got {text!r}")
        year, week = int(match.group(1)), int(match.group(2))
        try:
            dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise ValueError(f"{year}年没有第{week}周 (no week {week} in ISO year {year}), got {text!r}") from None
        return cls(year, week)

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, 7)

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.week}周（{self.monday:%-m月%-d日}至{self.sunday:%-m月%-d日}）"

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"
