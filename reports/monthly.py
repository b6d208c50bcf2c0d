"""`make report`: the month's briefing (Word and Markdown, with its charts) and the leadership workbook, written
into <ZHAOSHANG_HOME>/reports/<period>/."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from reports import charts, word
from reports.briefing import Briefing, compose
from reports.periods import Month
from reports.queries import NothingToReport, one, open_published, rows
from reports.workbook import write_workbook

CHART_FILES = {"completion": "图1-市定目标完成率.png", "trade": "图2-进出口逐月对比.png", "ranking": "图3-部门排序.png"}


@dataclass(frozen=True)
class MonthReports:
    docx: Path
    markdown: Path
    xlsx: Path
    charts: dict[str, Path]


def latest_complete_month(con: duckdb.DuckDBPyConnection) -> Month:
    found = one(con, "latest_period")
    if not found or found["year"] is None:
        raise NothingToReport("数据仓库里还没有任何已结束月份的数据 (no figures for any ended month yet)")
    return Month(found["year"], found["month"])


def _charts(con: duckdb.DuckDBPyConnection, briefing: Briefing, folder: Path) -> dict[str, Path]:
    week = briefing.period.iso_week
    made = {}
    if briefing.kpis:
        made["completion"] = charts.completion_chart(briefing.kpis, folder / CHART_FILES["completion"])
    if briefing.trade_months:
        made["trade"] = charts.trade_chart(briefing.trade_months, briefing.period.year, folder / CHART_FILES["trade"])
    ranking = rows(con, "ranking_week", iso_year=week.year, iso_week=week.week)
    if ranking:
        made["ranking"] = charts.ranking_chart(ranking, f"{week.year}年第{week.week}周全员招商排序",
                                               folder / CHART_FILES["ranking"])
    return made


# Which chart follows which section of the briefing, with its caption.
CHART_AFTER = {"（一）": ("completion", "市定目标完成率与时间进度"),
               "（二）": ("ranking", "全员招商排序（红榜、黑榜）"),
               "（六）": ("trade", "全区货物进出口逐月对比")}


def _placed(briefing: Briefing, made: dict[str, Path]):
    for section in briefing.sections:
        chart = CHART_AFTER.get(section.heading[:3])
        yield section, (made[chart[0]], chart[1]) if chart and chart[0] in made else None


def write_docx(briefing: Briefing, made: dict[str, Path], path: Path) -> Path:
    doc = word.new_document()
    word.title(doc, briefing.title, f"数据截至{briefing.period.year}年{briefing.period.month}月，由数据仓库自动生成")
    for section, chart in _placed(briefing, made):
        word.heading(doc, section.heading)
        for paragraph in section.paragraphs:
            word.body(doc, paragraph)
        if chart:
            word.picture(doc, *chart)
    return word.save(doc, path)


# Every line break Markdown or a browser honours, with the spaces around it: a name from a landing file is one line.
_BREAKS = re.compile(r"\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")
# What makes Markdown of text anywhere in a line: emphasis, code, links and images, HTML and entities, tables,
# strike-through, and the colon of an address a renderer would make a link of.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&:])")
# What makes a block of a line's start: a heading, a list, a quote, a rule, a numbered list.
_BLOCK_START = re.compile(r"^([#+\-=>]|\d+[.)])")


def markdown_text(text: str) -> str:
    """Text as it reads, never as Markdown: one line, every character that would format it escaped. Names in the
    briefing come from landing files (a project called '恶意项目\\n## 伪造的结论' must not become a heading)."""
    flat = _INLINE.sub(r"\\\1", _BREAKS.sub(" ", text).strip())
    return _BLOCK_START.sub(lambda start: start[0][:-1] + "\\" + start[0][-1], flat)


def write_markdown(briefing: Briefing, made: dict[str, Path], path: Path) -> Path:
    lines = [f"# {markdown_text(briefing.title)}", ""]
    for section, chart in _placed(briefing, made):
        lines += [f"## {markdown_text(section.heading)}", ""]
        for paragraph in section.paragraphs:
            lines += [markdown_text(paragraph), ""]
        if chart:
            lines += [f"![{markdown_text(chart[1])}]({chart[0].name})", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_month_reports(published: Path, reports_root: Path, period: Month | None = None) -> MonthReports:
    con = open_published(published)
    try:
        period = period or latest_complete_month(con)
        folder = reports_root / str(period)
        folder.mkdir(parents=True, exist_ok=True)
        briefing = compose(con, period)
        made = _charts(con, briefing, folder)
        stem = f"{period.year}年{period.label}工作总结（数据部分）"
        return MonthReports(
            docx=write_docx(briefing, made, folder / f"{stem}.docx"),
            markdown=write_markdown(briefing, made, folder / f"{stem}.md"),
            xlsx=write_workbook(con, briefing, folder / f"{period.year}年{period.label}招商数据.xlsx"),
            charts=made,
        )
    finally:
        con.close()
