"""Confirmation workbooks from the municipal commerce bureau (市商务局): sheets 指标认定 and 项目认定.

One file for the 2023 year end and one per 2024 confirmation round. The rounds differ the way real ones do:
metric names, period labels, title lines and date cells vary, and the July round re-confirms January-April
domestic capital (2.05 -> 2.18亿), stated in 万元.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal as D
from pathlib import Path

from demo import figures, trade
from demo.writers import Sheet, write_file

KPI_HEADER = ("指标名称", "统计期", "认定值", "单位", "口径", "认定日期")
PROJECT_HEADER = (
    "序号",
    "项目名称",
    "投资方",
    "总投资（亿元）",
    "签约日期",
    "认定阶段",
    "认定日期",
    "三个一批期次",
    "三个一批类型",
    "省级认定状态",
    "责任单位",
    "六职领导",
    "备注",
)
STAGE_ORDER = ("签约", "履约", "开工", "投产")


@dataclass(frozen=True)
class Style:
    """How one round's file is written."""

    file_name: str
    title: str  # title line above the tables, "" for none
    period: str  # format of 统计期: "full" (2024年1-4月), "short" (1-4月), "zhi" (1至5月)
    names: dict[str, str]  # metric code -> 指标名称 as written
    text_dates: bool  # '2024年5月16日' instead of real date cells


STANDARD = {
    "signed_projects": "签约项目",
    "signed_investment": "签约投资额",
    "foreign_capital": "实际利用境外资金",
    "domestic_capital": "实际利用省外境内资金",
    "trade_total": "货物进出口额",
}
UNITS = {
    "signed_projects": "个",
    "signed_investment": "亿元",
    "foreign_capital": "万美元",
    "domestic_capital": "亿元",
    "trade_total": "万元",
}

STYLES = {
    3: Style(
        "西城区2024年1-3月招商引资指标认定表.xlsx", "2024年1-3月招商引资指标认定表", "short", STANDARD, False
    ),
    4: Style(
        "关于西城区2024年1-4月招商引资指标及项目认定结果的反馈.xlsx",
        "",
        "full",
        {**STANDARD, "foreign_capital": "实际利用外资", "domestic_capital": "省外资金"},
        True,
    ),
    5: Style(
        "2024年1至5月招商引资认定表（西城区）.xlsx",
        "2024年1至5月西城区招商引资指标认定表",
        "zhi",
        {**STANDARD, "trade_total": "进出口额"},
        False,
    ),
    6: Style(
        "西城区2024年上半年招商引资指标认定表.xlsx",
        "2024年上半年西城区招商引资指标认定表",
        "full",
        {
            "signed_projects": "签约项目数",
            "signed_investment": "签约项目总投资",
            "foreign_capital": "实际到位外资",
            "domestic_capital": "实际利用省外境内资金",
            "trade_total": "外贸进出口额",
        },
        True,
    ),
}


def _period(style: Style, months: int) -> str:
    label = f"1至{months}月" if style.period == "zhi" else f"1-{months}月"
    return f"{figures.YEAR}年{label}" if style.period == "full" else label


def _date(style: Style, day: dt.date) -> object:
    return f"{day.year}年{day.month}月{day.day}日" if style.text_dates else day


def _kpi_rows(months: int) -> list[tuple[str, int, D, str, str]]:
    """(metric, months, value, unit, basis) the round confirms: signed figures to the round's month, domestic
    capital and trade a month or two behind (the lag the summary shows)."""
    signed = [p for p in figures.BUREAU_PROJECTS_2024 if p.signed and p.signed.month <= months]
    rows = [
        ("signed_projects", months, D(len(signed)), "个", "认定"),
        ("signed_investment", months, sum((p.amount for p in signed), D("0")), "亿元", "认定"),
        ("foreign_capital", months, figures.FOREIGN_CAPITAL_YTD[months], "万美元", "认定"),
    ]
    if months == 3:
        rows.append(("domestic_capital", 3, figures.DOMESTIC_CAPITAL_1_3, "亿元", "认定"))
    elif months == 4:
        rows.append(("domestic_capital", 4, figures.DOMESTIC_CAPITAL_1_4_FIRST, "亿元", "认定"))
    elif months == 6:
        # The revision arrives in 万元: 21800万元 = 2.18亿元.
        rows.append(("domestic_capital", 4, figures.DOMESTIC_CAPITAL_1_4_REVISED * 10000, "万元", "认定"))
        rows.append(("domestic_capital", 6, figures.DOMESTIC_CAPITAL_1_6_EXPECTED, "亿元", "预计"))
    trade_months = months - 1 if months < 6 else 5
    rows.append(("trade_total", trade_months, trade.roster_total(figures.YEAR, trade_months), "万元", "认定"))
    return rows


def _confirmed_on(months: int) -> dt.date:
    return next(r.confirmed_on for r in figures.ROUNDS if r.months == months)


def _stage_since(project: figures.BureauProject, months: int) -> int:
    """The round (months) in which the project's stage as of this round was first confirmed."""
    stage = project.stages[months]
    return min(m for m, s in project.stages.items() if s == stage and m <= months)


def _title_rows(sheet: Sheet, title: str, width: int) -> None:
    if title:
        row = sheet.add(title, *[None] * (width - 1))
        sheet.merges.append((row, 0, row, width - 1))


def _round_workbook(months: int) -> list[Sheet]:
    style, confirmed = STYLES[months], _confirmed_on(months)
    kpis = Sheet("指标认定")
    _title_rows(kpis, style.title, len(KPI_HEADER))
    kpis.add(*KPI_HEADER)
    for code, period_months, value, unit, basis in _kpi_rows(months):
        kpis.add(
            style.names[code], _period(style, period_months), value, unit, basis, _date(style, confirmed)
        )

    projects = Sheet("项目认定")
    _title_rows(projects, style.title.replace("指标", "项目") if style.title else "", len(PROJECT_HEADER))
    projects.add(*PROJECT_HEADER)
    listed = [p for p in figures.BUREAU_PROJECTS_2024 if months in p.stages]
    if months == 6:
        listed += list(figures.BATCH_13)
    for number, p in enumerate(listed, start=1):
        stage = p.stages[months]
        started = stage in STAGE_ORDER[2:]
        signed_on = None if p.signed is None else _signed_cell(months, p.signed)
        projects.add(
            number,
            p.name,
            p.investor,
            p.amount,
            signed_on,
            stage or None,
            _date(style, _confirmed_on(_stage_since(p, months))),
            p.batch or None,
            p.batch_type or None,
            _province(p, started),
            p.department,
            p.six_post,
            _remark(p, started),
        )
    return [kpis, projects]


def _province(project: figures.BureauProject, started: bool) -> str | None:
    # Provincial start confirmation (and its remark) only concern projects at 开工 or still planned.
    return project.province if started or project.signed is None else None


def _remark(project: figures.BureauProject, started: bool) -> str | None:
    return project.remark if project.remark and (started or project.signed is None) else None


def _signed_cell(months: int, day: dt.date) -> object:
    # Each round writes signing dates its own way: date cells, '2024年4月10日' text or '2024/4/10' text.
    if months == 4:
        return f"{day.year}年{day.month}月{day.day}日"
    if months == 6:
        return f"{day.year}/{day.month}/{day.day}"
    return day


_2023_DEPARTMENTS = (
    "招商服务中心",
    "经济发展局",
    "招商中心",
    "建管局",
    "社会事业局",
    "财政金融局",
    "经发局",
    "自然资源分局",
    "新城办事处",
    "阴阳赵镇",
    "市场监管分局",
)


def _year_end_2023() -> list[Sheet]:
    title = "2023年1-12月西城区招商引资指标认定表"
    kpis = Sheet("指标认定")
    _title_rows(kpis, title, len(KPI_HEADER))
    kpis.add(*KPI_HEADER)
    for code, value in figures.KPI_2023.items():
        kpis.add(STANDARD[code], "2023年1-12月", value, UNITS[code], "认定", figures.CONFIRMED_2023_ON)

    projects = Sheet("项目认定")
    _title_rows(projects, "2023年度西城区签约项目认定表", len(PROJECT_HEADER))
    projects.add(*PROJECT_HEADER)
    for number, (name, investor, amount, signed, stage, batch) in enumerate(figures.PROJECTS_2023, start=1):
        province = "已认定" if batch and stage in STAGE_ORDER[2:] else None
        projects.add(
            number,
            name,
            investor,
            amount,
            signed,
            stage,
            figures.CONFIRMED_2023_ON,
            batch or None,
            figures.BATCH_TYPES_2023.get(name),
            province,
            _2023_DEPARTMENTS[number - 1],
            None,
            None,
        )
    return [kpis, projects]


def write(home: Path) -> list[Path]:
    folder = home / "landing" / "bureau"
    folder.mkdir(parents=True, exist_ok=True)
    books = [
        ("市商务局关于西城区2023年度招商引资指标认定情况.xlsx", _year_end_2023(), figures.CONFIRMED_2023_ON)
    ]
    books += [(STYLES[r.months].file_name, _round_workbook(r.months), r.confirmed_on) for r in figures.ROUNDS]
    written = []
    for name, sheets, confirmed in books:
        path = folder / name
        arrival = dt.datetime.combine(confirmed, dt.time(16, 30))
        write_file(path, sheets, arrival)
        written.append(path)
    return written
