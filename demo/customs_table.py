"""The enterprise monthly trade table (企业进出口情况) the district receives, one file per month.

Two-row merged header, a unit line, a 合计 row and a source footer. One month is in 元 and one in 千美元;
the foreign-currency numbers are exact back-conversions, so converting them with fx_rates.csv gives the
万元 figures to the cent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal as D
from pathlib import Path

from demo import figures, trade
from demo.reference import ROSTER, Enterprise
from demo.trade import Flow
from demo.writers import Sheet, write_file

OUTSIDER = Enterprise("漯河瑞丰源食品有限公司", ("瑞丰源食品",), "91411104748526053D", "4111961527")
OUTSIDER_AREA = "召陵区"
# The 2023 tables' 累计同比 (against 2022, which the demo does not model): invented, drifting by month.
GROWTH_2023 = {
    figures.ZHENMAO: D("6.8"),
    figures.YUDUOXIAN: D("12.4"),
    figures.FUYUAN: D("-3.5"),
    figures.LANGE: D("9.1"),
}
FORMATS = {(2023, 9): "xls", (2023, 11): "csv"}
# Months whose clerk wrote the short names (the roster's aliases) and plain 累计 under 出口/进口.
SHORT_NAMES = {(2023, 7), (2023, 8), (2024, 3)}
PERCENT = D("0.01")


@dataclass(frozen=True)
class Line:
    enterprise: Enterprise
    area: str
    month: Flow
    to_date: Flow
    growth: D | None  # 累计同比 %, None when there was no trade a year before


def _growth(now: D, before: D) -> D | None:
    return ((now - before) / before * 100).quantize(PERCENT) if before else None


def lines(year: int, month: int) -> list[Line]:
    """The table's rows, largest year-to-date trade first."""
    result = []
    this_year, last_year = trade.roster_months(year), trade.roster_months(2023)
    for short, flows in this_year.items():
        to_date = trade.cumulative(flows, month)
        if to_date.total == 0 and (short != figures.ZHENMAO or month > 2):
            continue  # not trading yet, or (臻茂实业) dropped from the table after two empty months
        if year == 2023:
            growth = (GROWTH_2023[short] + D(month - 6) * D("0.37")).quantize(PERCENT)
        else:
            growth = _growth(to_date.total, trade.cumulative(last_year.get(short, []), month).total)
        result.append(Line(ROSTER[short], "西城区", flows[month - 1], to_date, growth))
    flow = trade.outsider_month(year, month)
    if flow is not None:
        to_date = trade.NOTHING
        for earlier in range(1, month + 1):
            to_date = to_date + (trade.outsider_month(year, earlier) or trade.NOTHING)
        result.append(Line(OUTSIDER, OUTSIDER_AREA, flow, to_date, None))
    return sorted(result, key=lambda line: -line.to_date.total)


def _unit(year: int, month: int) -> tuple[str, object]:
    """The unit line's unit and the converter from 万元 to it."""
    if (year, month) == figures.YUAN_MONTH:
        return "元", lambda wan: int(wan * 10000)
    if (year, month) == figures.KUSD_MONTH:
        rate = D(figures.USD_CNY[(year, month)])

        def to_kusd(wan: D) -> D:
            kusd = (wan * 10 / rate).quantize(D("0.1"))
            assert kusd * rate / 10 == wan, f"{wan}万元 has no exact 千美元 value at {rate}"
            return kusd

        return "千美元", to_kusd
    return "万元", lambda wan: wan


def title(year: int, month: int) -> str:
    months = "1月" if month == 1 else f"1-{month}月"
    return f"{year}年{months}西城区企业进出口情况"


def table(year: int, month: int) -> Sheet:
    return table_of(year, month, lines(year, month), *_unit(year, month))


def table_of(year: int, month: int, rows: list[Line], unit: str, convert) -> Sheet:
    """The month's table of these rows, amounts written in `unit` by `convert` (from 万元)."""
    to_date = f"1-{month}月累计"
    inner = "累计" if (year, month) in SHORT_NAMES else to_date
    sheet = Sheet(f"{year}年{month}月")
    sheet.merges.append((sheet.add(title(year, month), *[None] * 11), 0, 0, 11))
    sheet.add(f"单位：{unit}")
    top = sheet.add(
        "序号",
        "企业名称",
        "海关编码",
        "统一社会信用代码",
        "所属区域",
        "进出口",
        None,
        "出口",
        None,
        "进口",
        None,
        "累计同比(%)",
    )
    sheet.add(None, None, None, None, None, "本月", to_date, "本月", inner, "本月", inner, None)
    sheet.merges += [(top, c, top + 1, c) for c in (0, 1, 2, 3, 4, 11)]
    sheet.merges += [(top, c, top, c + 1) for c in (5, 7, 9)]
    for number, line in enumerate(rows, start=1):
        name = line.enterprise.aliases[0] if (year, month) in SHORT_NAMES else line.enterprise.name
        sheet.add(
            number,
            name,
            line.enterprise.customs_code,
            line.enterprise.uscc,
            line.area,
            *_amounts(line.month, line.to_date, convert),
            "—" if line.growth is None else line.growth,
        )
    month_sum = sum((line.month for line in rows), trade.NOTHING)
    to_date_sum = sum((line.to_date for line in rows), trade.NOTHING)
    total = sheet.add("合计", None, None, None, None, *_amounts(month_sum, to_date_sum, convert), None)
    sheet.merges.append((total, 0, total, 4))
    sheet.add("资料来源：漯河海关")
    return sheet


def _amounts(month: Flow, to_date: Flow, convert) -> list[object]:
    return [
        convert(month.total),
        convert(to_date.total),
        convert(month.exports),
        convert(to_date.exports),
        convert(month.imports),
        convert(to_date.imports),
    ]


def _months() -> list[tuple[int, int]]:
    return [(2023, m) for m in range(1, 13)] + [(2024, m) for m in range(1, 6)]


def write(home: Path) -> list[Path]:
    folder = home / "landing" / "customs"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for year, month in _months():
        fmt = FORMATS.get((year, month), "xlsx")
        path = folder / f"{title(year, month)}.{fmt}"
        sheet = table(year, month)
        # The table arrives mid-month after the month it covers.
        arrival = dt.datetime(year + month // 12, month % 12 + 1, 12, 10, 0)
        write_file(path, [sheet], arrival)
        written.append(path)
    return written
