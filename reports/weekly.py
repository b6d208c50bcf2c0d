"""`make ranking-notice`: the weekly ranking notice (周排序通报) as Word and Excel, written into
<ZHAOSHANG_HOME>/reports/<week>/: the ranking with scores, the red and black lists, what each department sent."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from reports import charts, word
from reports.excel import Book, Column, sheet_with_table
from reports.figures import DEPARTMENT_MEASURES, LIST_ZH, UNRANKED, amount
from reports.periods import IsoWeek
from reports.queries import NothingToReport, Row, one, open_published, rows
from reports.workbook import ranking_sheet

NEW_PROJECT_COLUMNS = [
    Column("项目名称", "project_name"), Column("总投资（亿元）", "total_investment_yi_yuan", "amount"),
    Column("签约日期", "signed_on", "date"), Column("填报部门", "reported_by"),
]


@dataclass(frozen=True)
class RankingNotice:
    docx: Path
    xlsx: Path
    chart: Path | None


def latest_week(con: duckdb.DuckDBPyConnection) -> IsoWeek:
    found = one(con, "latest_week")
    if not found:
        raise NothingToReport("还没有任何一周的部门排序 (no department ranking yet)")
    return IsoWeek(found["year"], found["week"])


# What a department's line of the notice adds after its leads and signed projects, when it has any.
_ALSO_SENT = ("registered_enterprises", "trips", "enterprises_visited", "investor_meetings", "promotions")


def reported_text(r: Row) -> str:
    """What a department sent in the week, in words."""
    if not r["ranked"]:
        return "本周未报送" if r["owed_period"] else "尚未开始报送"  # before its start it owes nothing
    if not r["reported"]:
        return "本周无应报的报告"  # a monthly reporter between its reports: ranked on what it sent before
    parts = [f"线索{r['leads']}条（有价值{r['valuable_leads']}条）"]
    if r["signed_projects"]:
        parts.append(f"签约项目{r['signed_projects']}个、{amount(r['signed_investment_yi_yuan'])}亿元")
    parts += [f"{label}{r[key]}{unit}" for key in _ALSO_SENT if r[key]
              for label, unit in [DEPARTMENT_MEASURES[key]]]
    sent = "，".join(parts)
    # A monthly report's figures are its whole month's, though it counts in the month's last week.
    return f"{r['report_period']}（全月）：{sent}" if r["monthly_report"] else sent


def summary_lines(ranking: list[Row], week: IsoWeek) -> list[str]:
    red = [r["department_name"] for r in ranking if r["list"] == "red"]
    black = [r["department_name"] for r in ranking if r["list"] == "black"]
    # Not ranked: a report owed by this week is missing (a monthly reporter owes nothing most weeks).
    silent = [r["department_name"] for r in ranking if r["owed_period"]]
    lines = [f"根据各部门{week.label}报送的全员招商数据（按月报送的部门为其月报，计入该月最后一周），"
             "按年初至本周各项指标完成率加权计分，排序如下。"]
    lines.append(f"红榜：{'、'.join(red) or '无'}。")
    lines.append(f"黑榜：{'、'.join(black) or '无'}。")
    if silent:
        lines.append(f"本周未报送的部门（{len(silent)}个）：{'、'.join(silent)}，未参与排名，请尽快补报。")
    unstarted = [r["department_name"] for r in ranking if not r["ranked"] and not r["owed_period"]]
    if unstarted:
        lines.append(f"尚未开始报送的部门（{len(unstarted)}个）：{'、'.join(unstarted)}，不参与排名。")
    return lines


def write_ranking_notice(published: Path, reports_root: Path, week: IsoWeek | None = None) -> RankingNotice:
    con = open_published(published)
    try:
        week = week or latest_week(con)
        ranking = rows(con, "ranking_week", iso_year=week.year, iso_week=week.week)
        if not ranking:
            raise NothingToReport(f"{week} 没有部门排序 (no ranking for this week)")
        new_projects = rows(con, "week_new_projects", iso_year=week.year, iso_week=week.week)
    finally:
        con.close()
    folder = reports_root / str(week)
    folder.mkdir(parents=True, exist_ok=True)
    title = f"全员招商周排序通报（{week.year}年第{week.week}周）"
    chart = charts.ranking_chart(ranking, f"{week.year}年第{week.week}周全员招商排序", folder / "部门排序.png")

    doc = word.new_document()
    word.title(doc, title, week.label)
    for line in summary_lines(ranking, week):
        word.body(doc, line)
    word.picture(doc, chart, "各部门得分（红色为红榜，黑色为黑榜）")
    word.heading(doc, "一、排序与得分")
    word.grid(doc, ["名次", "部门", "得分", "红黑榜", "本周报送情况"],
              [[UNRANKED if r["rank"] is None else str(r["rank"]), r["department_name"], f"{r['score']:.4f}",
                LIST_ZH.get(r["list"], ""), reported_text(r)] for r in ranking],
              fills=[r["list"] if r["list"] in LIST_ZH else None for r in ranking],
              widths_cm=[1.6, 3.2, 1.8, 1.6, 7.6])
    word.heading(doc, "二、本周新报签约项目")
    if new_projects:
        word.grid(doc, ["项目名称", "总投资（亿元）", "签约日期", "填报部门"],
                  [[p["project_name"], amount(p["total_investment_yi_yuan"]), str(p["signed_on"] or ""),
                    p["reported_by"] or ""] for p in new_projects],
                  widths_cm=[6.0, 2.6, 2.6, 4.6])
    else:
        word.body(doc, "本周没有新报签约项目。")
    docx = word.save(doc, folder / f"{title}.docx")

    book = Book(folder / f"{title}.xlsx")
    ranking_sheet(book, "周排序", ranking, f"{title}：红榜、黑榜已标色；得分 = Σ 权重 × 完成率（见得分构成）")
    sheet_with_table(book, "本周新报签约项目", NEW_PROJECT_COLUMNS, new_projects)
    xlsx = book.close()
    return RankingNotice(docx, xlsx, chart)

