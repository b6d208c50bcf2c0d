"""The ways departments fill in the workbook: the template exactly, or one of the messy habits clerks have.

A Layout decides where the department and period are written, which header spellings are used and how
dates, counts and amounts look in the cells; the values themselves never change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal as D

SHEETS = ("基本信息", "线索", "签约项目", "注册企业", "招商活动")
_FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass(frozen=True)
class Layout:
    info: str = "sheet"  # where 填报单位/报告期 are: sheet | lines | same_line (above each table) | filename
    alias: bool = False  # department written by its alias (经发局, 新城办)
    period: str = "week_cn"  # 2024年第12周 | iso (2024-W12) | range (2024-03-18至2024-03-24)
    titles: bool = False  # a title line and a 单位 line above each table
    project_wan: bool = False  # 签约项目 amounts in 万元 under a '单位：万元' line, header '总投资'
    headers: int = 0  # 0 = template; 1-3 = other spellings of the unit in headers (and 项目名称 for 线索名称)
    full_width: bool = False  # numbers and dates as full-width text (１２, ２０２４年３月５日)
    amount_text: bool = False  # amounts as text with their unit: 1.2亿, 3500万, 1,200万元
    dates: str = "date"  # date cells | serial (Excel day numbers) | slash (2024/5/8) | cn (2024年5月8日)
    nothing: str | None = None  # how an empty optional cell is written: blank, — or /
    totals: bool = False  # 合计 rows under the tables
    order: tuple[str, ...] = SHEETS
    extra: bool = False  # a column the template does not have
    fmt: str = "xlsx"

    def unit_header(self, name: str, unit: str) -> str:
        return (f"{name}（{unit}）", f"{name}({unit})", f"{name}/{unit}", f"{name}\n（{unit}）")[self.headers]

    def text(self, value: str) -> str:
        return value.translate(_FULL_WIDTH) if self.full_width else value

    def date(self, day: dt.date) -> object:
        if self.dates == "serial":
            return (day - _EXCEL_EPOCH).days
        if self.dates == "slash":
            return self.text(f"{day.year}/{day.month}/{day.day}")
        if self.dates == "cn" or self.full_width:
            return self.text(f"{day.year}年{day.month}月{day.day}日")
        return day

    def count(self, value: int | str | None) -> object:
        if value is None:
            return self.nothing
        return self.text(str(value)) if self.full_width else value

    def yi(self, amount: D, row: int) -> object:
        """An amount in 亿元 (or in 万元 when the sheet says so)."""
        if self.amount_text:
            wan = amount * 10000
            forms = (
                f"{plain(amount)}亿",
                f"{plain(wan)}万",
                f"{wan:,.0f}万元" if wan == int(wan) else f"{plain(wan)}万元",
            )
            return self.text(forms[row % 3])
        return self.text(plain(amount)) if self.full_width else amount

    def wan(self, amount: D, row: int) -> object:
        if self.amount_text:
            return self.text((f"{plain(amount)}万", f"{amount:,.0f}万元")[row % 2])
        return self.text(plain(amount)) if self.full_width else amount

    def blank(self, value: str | None) -> str | None:
        return value or self.nothing


def plain(amount: D) -> str:
    """'0.50' -> '0.5', '30000' stays '30000' (no exponent)."""
    text = f"{amount:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


CLEAN = Layout()

# Used in turn for every other workbook, so that more than a third of them are messy.
MESSY = (
    Layout(info="lines", alias=True, titles=True, headers=1, dates="slash", nothing="—", totals=True),
    Layout(
        info="filename",
        alias=True,
        amount_text=True,
        dates="cn",
        extra=True,
        order=("招商活动", "签约项目", "线索", "注册企业"),
    ),
    Layout(period="iso", headers=2, dates="serial", nothing="/", fmt="xls"),
    Layout(info="same_line", titles=True, project_wan=True, full_width=True),
    Layout(
        alias=True,
        period="range",
        titles=True,
        headers=3,
        totals=True,
        extra=True,
        order=("基本信息", "签约项目", "线索", "招商活动", "注册企业"),
    ),
    Layout(info="filename", dates="slash", totals=True, nothing="—"),
)
