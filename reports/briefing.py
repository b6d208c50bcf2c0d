"""The data paragraphs of a 工作总结 for a month, in the summary's phrasing and units, from the marts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

import duckdb

from reports.figures import BASIS_ZH, amount, chinese_number, percent, points
from reports.periods import Month
from reports.queries import Row, one, rows
from warehouse.audit import open_quarantine, open_rejections

# The order a 工作总结 takes the city's targets in; a metric added later comes after these.
METRIC_ORDER = ("signed_projects", "signed_investment", "foreign_capital", "domestic_capital", "trade_total")
# Behind time progress by this many percentage points or more reads 压力较大 (under real pressure).
PRESSURE_GAP_PP = Decimal(10)
# How a roster name is shortened in running text: 漯河臻茂实业有限公司 -> 臻茂实业.
_PLACE_PREFIX = re.compile(r"^(河南省|河南|漯河市|漯河|西城区)")
_COMPANY_FORM = re.compile(r"(股份有限公司|有限责任公司|有限公司|公司)$")


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Briefing:
    period: Month
    title: str
    sections: list[Section]
    kpis: list[Row]
    trade_months: list[Row]
    trade_enterprises: list[Row]

    @property
    def text(self) -> str:
        return "\n".join([self.title] + [line for s in self.sections for line in (s.heading, *s.paragraphs)])


def short_name(enterprise: str) -> str:
    return _COMPANY_FORM.sub("", _PLACE_PREFIX.sub("", enterprise)) or enterprise


def judgement(kpi: Row) -> str:
    """已过半 / 压力较大 and the like, from the row's status and its gap to time progress."""
    status, rate, gap = kpi["status"], kpi["completion_rate"], kpi["gap_pp"]
    if status == "achieved":
        return "已完成全年任务"
    if status == "on_track":
        return "任务已过半" if rate >= Decimal("0.5") else "符合时间进度"
    if status == "behind":
        behind = f"落后时间进度{points(gap)}"
        return f"{behind}，距离全年目标任务压力较大" if -gap >= PRESSURE_GAP_PP else behind
    return "未设全年目标"


def kpi_sentence(kpi: Row) -> str:
    label = Month(0, kpi["month"]).label
    figure = f"{kpi['metric_name']}{amount(kpi['actual'])}{kpi['unit']}"
    if kpi["basis"] == "confirmed":
        said = f"{label}，市商务局已认定我区{figure}"
    elif kpi["basis"] == "estimated":
        said = f"预计{label}可完成{figure}（预计数，尚未认定）"
    else:
        said = f"{label}，{figure}（{BASIS_ZH.get(kpi['basis'], kpi['basis'])}，尚未认定）"
    if kpi["target"] is None:
        return f"{said}，{judgement(kpi)}。"
    return (f"{said}，全年目标{amount(kpi['target'])}{kpi['unit']}，完成目标任务{percent(kpi['completion_rate'])}，"
            f"时间进度{percent(kpi['time_progress'])}，{judgement(kpi)}。")


def _ordered(kpis: list[Row]) -> list[Row]:
    def key(kpi: Row) -> tuple:
        code = kpi["metric_code"]
        return (METRIC_ORDER.index(code) if code in METRIC_ORDER else len(METRIC_ORDER), code, kpi["basis"])
    return sorted(kpis, key=key)


def _names(items: list[str], limit: int = 8) -> str:
    shown = "、".join(items[:limit])
    return shown + (f"等{len(items)}个" if len(items) > limit else "")


def city_targets(kpis: list[Row], period: Month) -> Section:
    section = Section("（一）市定目标任务完成情况")
    if not kpis:
        section.paragraphs.append(f"{period.year}年{period.label}尚无市商务局认定的目标任务数据。")
    else:
        section.paragraphs.append("".join(kpi_sentence(k) for k in kpis))
    return section


def department_work(con: duckdb.DuckDBPyConnection, period: Month) -> Section:
    week = period.iso_week
    section = Section("（二）全员招商")
    totals = one(con, "department_totals_period", iso_year=week.year, iso_week=week.week)
    if totals is None:
        section.paragraphs.append("本期没有部门报送全员招商数据。")
        return section
    projects = rows(con, "signed_projects_period", iso_year=week.year, iso_week=week.week)
    examples = "、".join(p["project_name"] for p in projects[:2])
    # Department reports, apart from the city's confirmed figures in （一）: they are not judged against its targets.
    text = ("据各部门报送（部门报送数，未经市商务局认定，不计入市定目标完成情况），"
            f"截至{week.year}年第{totals['week']}周，全区对接有价值线索{totals['valuable_leads']}条；"
            f"新签约项目{totals['signed_projects']}个，其中亿元项目{totals['yi_projects']}个，"
            f"总投资{amount(totals['signed_investment_yi_yuan'])}亿元")
    text += f"，{examples}等一批项目签约落地" if examples else ""
    text += (f"；全区各部门新招引注册企业{totals['registered_enterprises']}家。"
             f"年内已有{totals['departments_reporting']}个部门报送。")
    section.paragraphs.append(text)
    return section


def six_posts(con: duckdb.DuckDBPyConnection, period: Month) -> Section:
    section = Section("（三）“六职”招商")
    totals = one(con, "six_post_totals", year=period.year)
    if totals is None or totals["planned"] is None:
        section.paragraphs.append(f"{period.year}年尚无“六职”领导干部拟招引项目计划。")
        return section
    section.paragraphs.append(
        f"年初谋划上报“六职”领导干部拟招引项目{totals['planned']}个，已签约项目{totals['signed']}个，"
        f"履约项目{totals['fulfilled']}个，开工项目{totals['started']}个。")
    return section


def activities(con: duckdb.DuckDBPyConnection, period: Month) -> Section:
    week = period.iso_week
    section = Section("（四）招商活动")
    totals = one(con, "department_totals_period", iso_year=week.year, iso_week=week.week)
    if totals is None:
        section.paragraphs.append("本期没有部门报送招商活动。")
        return section
    places = [p["place"] for p in rows(con, "trip_places", iso_year=week.year, iso_week=week.week)]
    where = f"赴{'、'.join(places[:5])}{'等' if len(places) > 5 else ''}{totals['trip_cities']}个城市" if places else ""
    text = (f"外出招商{totals['trips']}次{('，' + where) if where else ''}；举办推介活动{totals['promotions']}场，"
            f"考察对接企业{totals['enterprises_visited']}家，会见重要客商{totals['investor_meetings']}次。")
    if totals["approximate"]:
        text += "（部分部门填报为约数，如“10余”，以上数字按下限计。）"
    section.paragraphs.append(text)
    return section


def batches(con: duckdb.DuckDBPyConnection) -> Section:
    section = Section("（五）“三个一批”")
    found = rows(con, "three_batches")
    shown = [b for b in found if b["open"]] or found[-1:]
    if not shown:
        section.paragraphs.append("尚无“三个一批”项目。")
    for b in shown:
        name = f"第{chinese_number(b['batch'])}期“三个一批”"
        kind = b["batch_type"] or "三个一批"  # as the bureau's list names the batch: 签约一批, 开工一批, 投产一批
        money = f"总投资{amount(b['total_investment_yi_yuan'])}亿元"
        if b["signed"] == 0:
            text = (f"谋划第{chinese_number(b['batch'])}期“{kind}”项目{b['projects']}个，{money}，"
                    f"分别为{b['project_names']}")
        else:
            of = f"（共{b['projects']}个）" if b["signed"] < b["projects"] else ""
            text = f"{name}活动，我区{kind}项目{b['signed']}个{of}，{money}，分别为{b['project_names']}"
            text += f"；已开工{b['started']}个" if b["started"] else ""
        text += f"，{b['waiting_provincial']}个等待省里认定" if b["waiting_provincial"] else ""
        text += f"，{b['confirmed_provincial']}个已获省级认定" if b["confirmed_provincial"] else ""
        section.paragraphs.append(text + "。")
    return section


def trade(months: list[Row], enterprises: list[Row], period: Month) -> Section:
    section = Section("（六）外贸进出口")
    this_year = [m for m in months if m["year"] == period.year]
    if not this_year:
        section.paragraphs.append(f"{period.year}年尚无海关企业进出口数据。")
        return section
    latest = this_year[-1]
    text = f"截至{latest['month']}月，名录内企业货物进出口累计{amount(latest['total_ytd_wan_yuan'])}万元"
    if latest["yoy_change"] is not None:
        change = latest["yoy_change"]
        text += f"，同比{'下降' if change < 0 else '增长'}{percent(abs(change))}"
    if latest["target_wan_yuan"] is not None:
        text += (f"，完成全年目标{amount(latest['target_wan_yuan'])}万元的{percent(latest['completion_rate'])}"
                 f"（时间进度{percent(latest['time_progress'])}）")
    parts = [text]
    stopped = [short_name(e["enterprise_name"]) for e in enterprises if e["stopped"]]
    falling = [e for e in enterprises if e["sharp_fall"]]
    new = [e for e in enterprises if e["new_this_year"]]
    if stopped:
        parts.append(f"去年有进出口额的外贸企业{'、'.join(stopped)}今年至今没有进出口")
    if falling:
        names = "、".join(short_name(e["enterprise_name"]) for e in falling)
        changes = "、".join(percent(abs(e["yoy_change"])) for e in falling)
        parts.append(f"{names}{len(falling)}家外贸企业业务量大幅减少（累计同比分别下降{changes}）")
    if new:
        names = "、".join(short_name(e["enterprise_name"]) for e in new)
        figures = "、".join(f"{amount(e['total_ytd_wan_yuan'])}万元" for e in new)
        parts.append(f"今年新培育的{names}刚起步，进出口额不多（累计分别为{figures}）")
    section.paragraphs.append("；".join(parts) + "。")
    return section


def gaps(con: duckdb.DuckDBPyConnection, period: Month, kpis: list[Row]) -> Section:
    """What is missing or not yet confirmed, each with its names, so no figure above is read as more than it is."""
    section = Section("（七）数据缺失与未认定情况")
    lines = []
    for m in rows(con, "kpi_confirmed_through", year=period.year, month=period.month):
        reach = f"仅认定到{Month(0, m['confirmed_through']).label}" if m["confirmed_through"] else "尚无认定数"
        lines.append(f"{m['metric_name']}：市商务局{reach}。")
    for k in kpis:
        if k["basis"] != "confirmed":
            lines.append(f"{k['metric_name']}{Month(0, k['month']).label}{amount(k['actual'])}{k['unit']}为"
                         f"{BASIS_ZH.get(k['basis'], k['basis'])}数，尚未认定。")
    owing = rows(con, "missing_reports_month", year=period.year, month=period.month)
    if owing:
        by_department: dict[str, list[str]] = {}
        for r in owing:
            by_department.setdefault(r["department_name"], []).append(r["period_label"])
        lines.append(f"{period.year}年{period.month}月应报未报的报告{len(owing)}份（截至{owing[0]['as_of']:%Y年%-m月%-d日}）："
                     + "；".join(f"{name}{'、'.join(labels)}" for name, labels in by_department.items()) + "。")
    unconfirmed = rows(con, "projects_unconfirmed", year=period.year, month=period.month)
    if unconfirmed:
        lines.append(f"部门报送已签约、市商务局尚未认定的项目（{len(unconfirmed)}个）："
                     + _names([p["project_name"] for p in unconfirmed], limit=20) + "。")
    unmatched = rows(con, "trade_unmatched", year=period.year, month=period.month)
    if unmatched:
        names = [u["enterprise_name"] for u in unmatched]  # one an enterprise, however the tables spelt it
        lines.append(f"海关表中不在企业名录内、未计入全区的企业（{len(names)}家）：{_names(names)}。")
    rejected = open_rejections(con, None)
    if not rejected.empty:
        lines.append(f"整体退回、尚未重新报送的文件（{len(rejected)}个）：{_names(list(rejected['file_name']))}。")
    quarantined = open_quarantine(con, None)
    if not quarantined.empty:
        files = list(dict.fromkeys(quarantined["file_name"]))
        lines.append(f"有{len(quarantined)}个单元格未通过校验被隔离，涉及文件：{_names(files)}。")
    section.paragraphs.extend(lines or ["本期数据齐全，均已认定。"])
    return section


def compose(con: duckdb.DuckDBPyConnection, period: Month) -> Briefing:
    kpis = _ordered(rows(con, "kpi_period", year=period.year, month=period.month))
    months = rows(con, "trade_months", year=period.year, month=period.month)
    enterprises = rows(con, "trade_enterprises", year=period.year, month=period.month)
    sections = [
        city_targets(kpis, period),
        department_work(con, period),
        six_posts(con, period),
        activities(con, period),
        batches(con),
        trade(months, enterprises, period),
        gaps(con, period, kpis),
    ]
    title = f"{period.year}年{period.label}招商引资工作总结（数据部分）"
    return Briefing(period, title, sections, kpis, months, enterprises)
