"""The leadership workbook of a month: one sheet per table a leader asks for, with native Excel charts."""

from __future__ import annotations

from pathlib import Path

import duckdb

from reports.briefing import Briefing
from reports.excel import Book, Column, sheet_with_table
from reports.figures import BASIS_ZH, DEPARTMENT_MEASURES, LIST_ZH, STATUS_ZH, UNRANKED
from reports.periods import Month
from reports.quality import quality_rows
from reports.queries import Row, one, rows

KPI_COLUMNS = [
    Column("指标（统计期）", lambda r: f"{r['metric_name']} {Month(0, r['month']).label}"
                                    + ("（预计）" if r["basis"] == "estimated" else "")),
    Column("指标", "metric_name"), Column("口径", lambda r: BASIS_ZH.get(r["basis"], r["basis"])),
    # One column holds 个, 亿元, 万美元 and 万元: each figure as written (8, 2.18, 1116.12), not 8.00 projects.
    Column("统计期", lambda r: Month(0, r["month"]).label), Column("完成值", "actual", "number"),
    Column("单位", "unit"), Column("全年目标", "target", "number"), Column("完成率", "completion_rate", "percent"),
    Column("时间进度", "time_progress", "percent"), Column("差距（百分点）", "gap_pp", "points"),
    Column("状态", lambda r: STATUS_ZH.get(r["status"], r["status"])), Column("认定日期", "confirmed_on", "date"),
]
def _sent(r: Row) -> str:
    """Which report a department's figures of the week come from, or why there are none."""
    if not r["ranked"]:
        return f"未报送（欠报{r['owed_period']}）" if r["owed_period"] else "未报送"
    return r["report_period"] or "本周无应报的报告"


_RANK = [Column("名次", lambda r: UNRANKED if r["rank"] is None else r["rank"], "int"),
         Column("部门", "department_name")]
# The ranking prints on one landscape page at a readable size: the ranking itself, then one sheet each for the
# period's figures, the year-to-date figures and the score's make-up (24 columns on one page printed tiny).
# Headers break before their unit so a column is as wide as its figures.
RANKING_COLUMNS = [
    *_RANK, Column("得分", "score", "score"), Column("红黑榜", lambda r: LIST_ZH.get(r["list"], "")),
    Column("本期报送", _sent), Column("报表文件", "source_files"),
]
PERIOD_MEASURES = ("leads", "valuable_leads", "signed_projects", "signed_investment_yi_yuan", "registered_enterprises",
                   "trips", "enterprises_visited", "investor_meetings", "promotions")
_MEASURE_LABELS = DEPARTMENT_MEASURES | {"leads": ("线索", "条")}
RANKING_PERIOD_COLUMNS = [*_RANK, Column("本期报送", _sent)] + [
    Column(f"{_MEASURE_LABELS[key][0]}\n（{_MEASURE_LABELS[key][1]}）", key,
           "amount" if key.endswith("_yi_yuan") else "int") for key in PERIOD_MEASURES]
YTD_MEASURES = ("valuable_leads", "signed_projects", "yi_projects", "signed_investment_yi_yuan",
                "registered_enterprises", "trips", "enterprises_visited", "investor_meetings")
RANKING_YTD_COLUMNS = [*_RANK] + [
    Column(f"累计{DEPARTMENT_MEASURES[key][0]}\n（{DEPARTMENT_MEASURES[key][1]}）", f"{key}_ytd",
           "amount" if key.endswith("_yi_yuan") else "int") for key in YTD_MEASURES]


def score_parts(detail: str | None) -> dict[str, str]:
    """The mart's score_detail ('valuable_leads 0.6333×0.2500; …') as measure -> 'capped rate × weight'."""
    return dict(part.strip().split(" ", 1) for part in (detail or "").split(";") if part.strip())


def _score_columns(ranking: list[Row]) -> list[Column]:
    measures = sorted({m for r in ranking for m in score_parts(r["score_detail"])})
    return [*_RANK, Column("得分", "score", "score")] + [
        Column(f"{DEPARTMENT_MEASURES.get(m, (m,))[0]}\n比值×权重",
               lambda r, m=m: score_parts(r["score_detail"]).get(m)) for m in measures]


SIGNED_COLUMNS = [
    Column("项目名称", "project_name"), Column("总投资（亿元）", "total_investment_yi_yuan", "amount"),
    Column("亿元项目", "yi_project", "bool"), Column("签约日期", "signed_on", "date"),
    Column("填报部门", lambda r: "、".join(r["reported_by"] or [])),
]
SIX_POST_COLUMNS = [
    Column("六职领导", "leader"), Column("项目名称", "project_name"), Column("投资方", "investor"),
    Column("已签约", "signed", "bool"),
    Column("已履约", "fulfilled", "bool"),
    Column("已开工", "started", "bool"),
    Column("市商务局最新认定阶段", "bureau_stage"),
    Column("签约日期", "signed_on", "date"),
    Column("报送部门", "reported_by"),
]
BATCH_COLUMNS = [
    Column("期次", "batch", "int"), Column("项目个数", "projects", "int"),
    Column("总投资（亿元）", "total_investment_yi_yuan", "amount"), Column("已签约（个）", "signed", "int"),
    Column("已开工（个）", "started", "int"), Column("待省级认定（个）", "waiting_provincial", "int"),
    Column("已省级认定（个）", "confirmed_provincial", "int"), Column("项目名称", "project_names"),
    Column("类型", "batch_type"),
]
TRADE_ENTERPRISE_COLUMNS = [
    Column("企业名称", "enterprise_name"), Column("统一社会信用代码", "uscc"), Column("海关编码", "customs_code"),
    Column("当月进出口（万元）", "total_wan_yuan", "amount"),
    Column("累计进出口（万元）", "total_ytd_wan_yuan", "amount"),
    Column("上年同期累计（万元）", "total_ytd_last_year_wan_yuan", "amount"),
    Column("累计同比", "yoy_change", "percent"),
    Column("停产停止进出口", "stopped", "bool"), Column("大幅下降（同比低于-30%）", "sharp_fall", "bool"),
    Column("今年新增", "new_this_year", "bool"),
    Column("上年全年（万元）", "last_year_total_wan_yuan", "amount"),
]
TRADE_MONTH_COLUMNS = [
    Column("月份", lambda r: f"{r['month']}月"), Column("今年当月（万元）", "this_year", "amount"),
    Column("去年当月（万元）", "last_year", "amount"), Column("今年累计（万元）", "this_year_ytd", "amount"),
    Column("去年同期累计（万元）", "last_year_ytd", "amount"), Column("累计同比", "yoy_change", "percent"),
]
TOTAL_COLUMNS = [Column("指标", "label"), Column("数值", "value", "number"), Column("单位", "unit")]
# The district's department figures as a 工作总结 quotes them: (label, column of department_totals, unit).
_SUMMARY_WORDING = {"signed_projects": "新签约项目", "yi_projects": "其中亿元项目",
                    "registered_enterprises": "新注册企业"}
DEPARTMENT_TOTALS = tuple((_SUMMARY_WORDING.get(key, label), key, unit)
                          for key, (label, unit) in DEPARTMENT_MEASURES.items())
SIX_POST_TOTALS = (("“六职”拟招引项目", "planned"), ("“六职”已签约项目", "signed"), ("“六职”履约项目", "fulfilled"),
                   ("“六职”开工项目", "started"))
QUALITY_COLUMNS = [
    Column("类别", "kind"), Column("文件", "file"), Column("位置", "where"), Column("内容", "value"),
    Column("问题", "problem"), Column("怎么处理", "action"),
]


def _list_fill(row: Row) -> str | None:
    return row["list"] if row["list"] in LIST_ZH else None


def ranking_sheet(book: Book, name: str, ranking: list[Row], note: str) -> None:
    """The ranking on sheet `name`, its details on `name`-本期报送, -年初累计 and -得分构成."""
    sheet_with_table(book, name, RANKING_COLUMNS, ranking, highlight=_list_fill, note=note)
    sheet_with_table(book, f"{name}-本期报送", RANKING_PERIOD_COLUMNS, ranking, highlight=_list_fill,
                     note="本期：周报为本周；按月报送的部门为其月报，是该月全月的数（计入该月最后一周）")
    sheet_with_table(book, f"{name}-年初累计", RANKING_YTD_COLUMNS, ranking, highlight=_list_fill,
                     note="年初至本周累计（月报计入其所属月份的最后一周）")
    sheet_with_table(book, f"{name}-得分构成", _score_columns(ranking), ranking, highlight=_list_fill,
                     note="得分 = Σ 比值 × 权重；比值为完成率，按 ranking.yaml 封顶")


def _kpi_sheet(book: Book, briefing: Briefing) -> None:
    sheet = sheet_with_table(book, "市定目标", KPI_COLUMNS, briefing.kpis)
    if not briefing.kpis:
        return
    last = len(briefing.kpis)
    chart = book.workbook.add_chart({"type": "bar"})
    for column, colour in ((7, "#2E7D32"), (8, "#9E9E9E")):
        chart.add_series({
            "name": ["市定目标", 0, column],
            "categories": ["市定目标", 1, 0, last, 0],
            "values": ["市定目标", 1, column, last, column],
            "fill": {"color": colour},
            "data_labels": {"value": True, "num_format": "0.00%"},
        })
    chart.set_title({"name": "市定目标完成率与时间进度"})
    chart.set_x_axis({"num_format": "0%", "min": 0})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 720, "height": 60 * last + 140})
    sheet.insert_chart(last + 3, 0, chart)


def _trade_month_rows(months: list[Row], year: int) -> list[Row]:
    by = {(m["year"], m["month"]): m for m in months}
    shown = []
    for month in range(1, 13):
        this, last = by.get((year, month)), by.get((year - 1, month))
        if this is None and last is None:
            continue
        shown.append({"month": month,
                      "this_year": this and this["total_wan_yuan"], "last_year": last and last["total_wan_yuan"],
                      "this_year_ytd": this and this["total_ytd_wan_yuan"],
                      "last_year_ytd": last and last["total_ytd_wan_yuan"],
                      "yoy_change": this and this["yoy_change"]})
    return shown


def _trade_month_sheet(book: Book, months: list[Row], year: int) -> None:
    shown = _trade_month_rows(months, year)
    sheet = sheet_with_table(book, "进出口月度", TRADE_MONTH_COLUMNS, shown)
    if not shown:
        return
    last = len(shown)
    chart = book.workbook.add_chart({"type": "column"})
    for column, colour, label in ((2, "#90A4AE", f"{year - 1}年"), (1, "#1565C0", f"{year}年")):
        chart.add_series({"name": label, "categories": ["进出口月度", 1, 0, last, 0],
                          "values": ["进出口月度", 1, column, last, column], "fill": {"color": colour}})
    chart.set_title({"name": f"全区货物进出口：{year}年与{year - 1}年逐月对比（万元）"})
    chart.set_y_axis({"name": "当月进出口（万元）", "num_format": "#,##0"})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 760, "height": 360})
    sheet.insert_chart(last + 3, 0, chart)


def _totals_sheet(book: Book, con: duckdb.DuckDBPyConnection, period: Month) -> None:
    week = period.iso_week
    totals = one(con, "department_totals_period", iso_year=week.year, iso_week=week.week) or {}
    six = one(con, "six_post_totals", year=period.year) or {}
    shown = [{"label": label, "value": totals.get(key), "unit": unit} for label, key, unit in DEPARTMENT_TOTALS]
    shown += [{"label": label, "value": six.get(key), "unit": "个"} for label, key in SIX_POST_TOTALS]
    note = (f"全员招商全区合计（截至{week.year}年第{totals['week']}周，多部门重复填报只计一次）" if totals
            else "本期没有部门报送全员招商数据")
    if totals.get("approximate"):
        note += "；部分数字含约数（如“10余”），按下限计"
    sheet_with_table(book, "全员招商", TOTAL_COLUMNS, shown, note=note)


def write_workbook(con: duckdb.DuckDBPyConnection, briefing: Briefing, path: Path) -> Path:
    period = briefing.period
    week = period.iso_week
    book = Book(path)
    _kpi_sheet(book, briefing)
    _totals_sheet(book, con, period)
    ranking = rows(con, "ranking_week", iso_year=week.year, iso_week=week.week)
    ranking_sheet(book, "部门排序", ranking, f"{week.label}全员招商排序（红榜、黑榜已标色）")
    sheet_with_table(book, "签约项目", SIGNED_COLUMNS,
                     rows(con, "signed_projects_period", iso_year=week.year, iso_week=week.week),
                     note=f"各部门报送的签约项目（截至{week.year}年第{week.week}周，去重）")
    sheet_with_table(book, "六职招商", SIX_POST_COLUMNS, rows(con, "six_post_status", year=period.year))
    sheet_with_table(book, "三个一批", BATCH_COLUMNS, rows(con, "three_batches"))
    latest = briefing.trade_enterprises[0]["month"] if briefing.trade_enterprises else None
    sheet_with_table(book, "进出口企业", TRADE_ENTERPRISE_COLUMNS, briefing.trade_enterprises,
                     note=f"{period.year}年1-{latest}月名录企业进出口" if latest else "本年尚无海关企业进出口数据")
    _trade_month_sheet(book, briefing.trade_months, period.year)
    sheet_with_table(book, "数据质量", QUALITY_COLUMNS, quality_rows(con, period),
                     note="需要处理的问题：改正后重新报送，下次运行自动更新")
    return book.close()
