"""Department workbooks (全员招商 reports): one per department and report period, in landing/departments/."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path

from demo.department_layouts import CLEAN, MESSY, Layout
from demo.department_plan import REPORTERS, Content, Report, plan
from demo.reference import DEPARTMENT_ALIAS, DEPARTMENT_NAME
from demo.writers import Sheet, write_file

TITLES = {
    "线索": "招商线索台账",
    "签约项目": "新签约项目统计表",
    "注册企业": "新招引注册企业统计表",
    "招商活动": "招商活动开展情况",
}
CITY_WORDS = ("郑州", "北京", "上海", "深圳", "杭州", "广州", "武汉", "漯河")
INDUSTRY_WORDS = (
    ("物流", "现代物流"),
    ("食品", "食品加工"),
    ("酒店", "住宿餐饮"),
    ("律师", "商务服务"),
    ("会计", "商务服务"),
    ("人力", "商务服务"),
    ("建筑", "建筑设计"),
    ("农产品", "农业"),
    ("氟硅", "新材料"),
    ("", "数字经济"),
)


def period_label(report: Report, layout: Layout) -> str:
    if report.month:
        return f"{report.year}年{report.month}月"
    if layout.period == "iso":
        return f"{report.year}-W{report.week:02d}"
    if layout.period == "range":
        monday = dt.date.fromisocalendar(report.year, report.week, 1)
        return f"{monday:%Y-%m-%d}至{monday + dt.timedelta(days=6):%Y-%m-%d}"
    return f"{report.year}年第{report.week}周"


def _department(report: Report, layout: Layout) -> str:
    return (DEPARTMENT_ALIAS if layout.alias else DEPARTMENT_NAME)[report.department]


def file_name(report: Report, layout: Layout) -> str:
    department, period = _department(report, layout), period_label(report, layout)
    kind = "月报" if report.month else "周报"
    if layout.info == "filename":
        stem = f"{department}-{period}"
    elif layout.info in ("lines", "same_line"):
        # The period is only inside the workbook; the name says when it was sent.
        stem = f"{department}招商{kind}（{report.filed.month}月{report.filed.day}日报送）"
    else:
        stem = f"{department}{period}招商工作{kind}"
    return f"{stem}{report.revision}.{layout.fmt}"


def _table(
    report: Report, layout: Layout, name: str, header: list[str], rows: list[list[object]], unit: str | None
) -> Sheet:
    sheet = Sheet(name)
    department, period = _department(report, layout), period_label(report, layout)
    if layout.info == "lines":
        sheet.add(f"填报单位：{department}")
        sheet.add(f"报告期：{period}")
    elif layout.info == "same_line":
        sheet.add(f"填报单位：{department}", None, None, f"报告期：{period}")
    if layout.titles:
        row = sheet.add(TITLES[name], *[None] * (len(header) - 1))
        sheet.merges.append((row, 0, row, len(header) - 1))
        if unit:
            sheet.add(*[None] * (len(header) - 1), f"单位：{unit}")
    sheet.add(*header)
    for row in rows:
        sheet.add(*row)
    return sheet


def _total_row(layout: Layout, width: int, column: int, total: object) -> list[list[object]]:
    if not layout.totals:
        return []
    row: list[object] = [None] * width
    row[0], row[column] = "合计", total
    return [row]


def _origin(investor: str) -> str:
    return next((city for city in CITY_WORDS if city in investor), "河南")


def _industry(name: str) -> str:
    return next(industry for word, industry in INDUSTRY_WORDS if word in name)


def _leads(report: Report, layout: Layout, content: Content) -> Sheet:
    header = [
        "序号",
        "项目名称" if layout.headers in (1, 3) else "线索名称",
        "投资方",
        "产业类别",
        layout.unit_header("预计投资额", "亿元"),
        "来源地",
        "获取日期",
        "状态",
        "备注",
    ]
    if layout.extra:
        header.insert(8, "对接人")
    rows = []
    for number, (lead, status) in enumerate(content.leads, start=1):
        signed = lead.industry == "签约项目"
        row = [
            number,
            lead.name,
            lead.investor,
            _industry(lead.name) if signed else lead.industry,
            layout.yi(lead.amount, number),
            lead.origin or _origin(lead.investor),
            layout.date(lead.obtained),
            status,
            layout.blank("已签约，转入签约项目" if status == "已签约" else None),
        ]
        if layout.extra:
            row.insert(8, REPORTERS[report.department])
        rows.append(row)
    return _table(report, layout, "线索", header, rows, "亿元")


def _projects(report: Report, layout: Layout, content: Content) -> Sheet:
    amount_header = "总投资" if layout.project_wan else layout.unit_header("总投资", "亿元")
    header = ["序号", "项目名称", "投资方", amount_header, "签约日期", "签约活动", "六职领导", "备注"]

    def amount(value: D, number: int) -> object:
        return layout.count(int(value * 10000)) if layout.project_wan else layout.yi(value, number)

    rows: list[list[object]] = [
        [
            number,
            p.name,
            p.investor,
            amount(p.amount, number),
            layout.date(p.signed),
            layout.blank(p.event),
            layout.blank(p.six_post),
            layout.blank(None),
        ]
        for number, p in enumerate(content.projects, start=1)
    ]
    if rows:
        rows += _total_row(layout, len(header), 3, amount(sum(p.amount for p in content.projects), 0))
    return _table(report, layout, "签约项目", header, rows, "万元" if layout.project_wan else "亿元")


def _enterprises(report: Report, layout: Layout, content: Content) -> Sheet:
    header = [
        "序号",
        "企业名称",
        "统一社会信用代码",
        "注册日期",
        layout.unit_header("注册资本", "万元"),
        "行业",
    ]
    rows: list[list[object]] = [
        [number, e.name, e.uscc, layout.date(e.registered), layout.wan(e.capital, number), e.industry]
        for number, e in enumerate(content.enterprises, start=1)
    ]
    if rows:
        rows += _total_row(layout, len(header), 4, layout.wan(sum(e.capital for e in content.enterprises), 0))
    return _table(report, layout, "注册企业", header, rows, "万元")


def _activities(report: Report, layout: Layout, content: Content) -> Sheet:
    header = ["序号", "日期", "活动类型", "地点", "对接企业数", "带队领导", "内容摘要"]
    if layout.extra:
        header.append("参与人员")
    rows = []
    for number, a in enumerate(content.activities, start=1):
        row = [
            number,
            layout.date(a.day),
            a.kind,
            a.place,
            layout.count(a.companies),
            layout.blank(a.leader),
            a.summary,
        ]
        if layout.extra:
            row.append(REPORTERS[report.department])
        rows.append(row)
    exact = [a.companies for a in content.activities if isinstance(a.companies, int)]
    if rows:
        rows += _total_row(layout, len(header), 4, layout.count(sum(exact)))
    return _table(report, layout, "招商活动", header, rows, None)


def _info(report: Report, layout: Layout) -> Sheet:
    sheet = Sheet("基本信息")
    sheet.add("填报单位", _department(report, layout))
    sheet.add("报告期", period_label(report, layout))
    sheet.add("填报人", REPORTERS[report.department])
    sheet.add("填报日期", layout.date(report.filed))
    return sheet


def sheets(report: Report, layout: Layout, content: Content) -> list[Sheet]:
    builders = {"线索": _leads, "签约项目": _projects, "注册企业": _enterprises, "招商活动": _activities}
    built = {name: build(report, layout, content) for name, build in builders.items()}
    if layout.info == "sheet":
        built["基本信息"] = _info(report, layout)
    return [built[name] for name in layout.order if name in built]


def layouts(reports: list[Report]) -> dict[Report, Layout]:
    """Every other 2024 report takes the next messy habit; December 2023 and the resubmitted reports (whose
    filing dates must be readable) follow the template."""
    chosen, turn = {}, 0
    resubmitted = {(r.department, r.week) for r in reports if r.revision}
    for index, report in enumerate(sorted(reports, key=lambda r: (r.filed, r.department, r.revision))):
        if report.year == 2024 and (report.department, report.week) not in resubmitted and index % 2:
            chosen[report] = MESSY[turn % len(MESSY)]
            turn += 1
        else:
            chosen[report] = CLEAN
    return chosen


def write(home: Path) -> list[Path]:
    folder = home / "landing" / "departments"
    folder.mkdir(parents=True, exist_ok=True)
    contents = plan()
    written = []
    for report, layout in layouts(list(contents)).items():
        path = folder / file_name(report, layout)
        hour = 15 if report.revision else 9
        arrival = dt.datetime.combine(report.filed, dt.time(hour, int(report.department[1:]) * 3))
        book = sheets(report, layout, contents[report])
        write_file(path, book, arrival)
        written.append(path)
    return written
