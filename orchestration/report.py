"""What `make run` prints, in Chinese and lined up: the latest completion table and the files read, from the
published file opened read-only (as an analyst would); then the problems, each with the names behind its count,
apart from what is only information.

Columns line up by display width (a Chinese character takes two terminal columns, unicodedata's East-Asian
width), statuses read 达成 / 正常 / 落后, rates read as percentages.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb

from ingest.sources import SOURCE_LABELS, SOURCES
from reports.figures import BASIS_ZH, STATUS_ZH, amount, percent
from reports.width import display_width, pad
from warehouse.audit import LANDING_CHECK_TABLES
from warehouse.database import records
from warehouse.labels import check_labels, column_labels

LOAD_STATUS_ZH = {"loaded": "已入库", "superseded": "已被替代", "rejected": "整体退回", "failed": "写入失败"}
SEVERITY_ZH = {"blocking": "阻止发布 blocking", "warning": "警告 warning", "information": "提示 information"}
# Which value of a failing row names it, in order of preference; the other values follow it.
NAME_COLUMNS = ("department_name", "project_name", "enterprise_name", "lead_name", "name", "file_name",
                "metric_name", "metric_code", "key")
SHOWN_PER_CHECK = 10
LINE_WIDTH = 110


@dataclass(frozen=True)
class CheckRecord:
    """One check's result in one run, as audit.check_results will hold it."""

    run_id: str
    checked_at: dt.datetime
    check_name: str
    table_name: str  # e.g. 'marts.kpi_completion'
    severity: str  # 'blocking' | 'warning' | 'information'
    passed: bool
    failing_rows: int
    description: str
    failing: list[dict] = field(default_factory=list)  # up to 100 failing rows, {column: value}
    labels: dict[str, str] = field(default_factory=dict)  # column -> its Chinese label


def text_table(headers: Sequence[str], rows: Sequence[Sequence[object]], right: Sequence[int] = ()) -> str:
    """A plain-text table whose columns line up with Chinese text in them; `right` aligns those columns right."""
    if not rows:
        return "  （无 none）"
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max(display_width(x) for x in column) for column in zip(headers, *cells, strict=True)]

    def line(values: Sequence[str]) -> str:
        return "  " + "  ".join(pad(v, w, right=i in right) for i, (v, w) in enumerate(zip(values, widths,
                                                                                           strict=True))).rstrip()
    return "\n".join([line(headers), "  " + "  ".join("-" * w for w in widths)] + [line(r) for r in cells])


def _kpi_section(con: duckdb.DuckDBPyConnection) -> str:
    """The city's figures judged against its targets; then, apart, what departments report, never judged."""
    kpis = records(con, "kpi_latest_report")
    judged = [[k["year"], f"{k['month']}月", k["metric_name"], BASIS_ZH.get(k["basis"], k["basis"]),
               amount(k["actual"]), k["unit"], amount(k["target"]), percent(k["completion_rate"]),
               percent(k["time_progress"]), amount(k["gap_pp"]) if k["gap_pp"] is not None else "—",
               STATUS_ZH.get(k["status"], k["status"])] for k in kpis if k["judged"]]
    reported = [[k["year"], f"{k['month']}月", k["metric_name"], amount(k["actual"]), k["unit"], str(k["as_of"])]
                for k in kpis if not k["judged"]]
    return "\n".join([
        text_table(["年份", "截至", "指标", "口径", "完成值", "单位", "全年目标", "完成率", "时间进度",
                    "差距(百分点)", "状态"], judged, right={4, 6, 7, 8, 9}),
        "",
        "== 部门报送（未经认定，不与市定目标比较）what departments report: unconfirmed, not judged against the "
        "city target ==",
        text_table(["年份", "截至", "指标", "部门报送数", "单位", "截至日期"], reported, right={3}),
    ])


def run_report(published: Path) -> str:
    con = duckdb.connect(str(published), read_only=True)
    try:
        kpis = _kpi_section(con)
        loads = records(con, "loads_summary")
        rejected = records(con, "open_rejections", source=None)
        quarantined = records(con, "open_quarantine", source=None)
    finally:
        con.close()
    load_rows = [[SOURCE_LABELS.get(r["source"], r["source"]), LOAD_STATUS_ZH.get(r["status"], r["status"]),
                  r["files"], r["rows_read"], r["rows_accepted"], r["rows_rejected"]] for r in loads]
    lines = [
        f"已发布的数据仓库 published warehouse: {published}",
        "",
        "== 市定目标完成情况（最新，认定与预计）latest completion, confirmed and estimated, marts.kpi_latest ==",
        kpis,
        "",
        "== 已读取的文件 files read, audit.loads ==",
        text_table(["来源", "状态", "文件数", "读取行", "接受行", "隔离行"], load_rows, right={2, 3, 4, 5}),
        "",
        "问题 PROBLEMS",
        f"== 整体退回的文件 rejected files ({len(rejected)}) ==",
        text_table(["来源", "文件", "原因"],
                   [[SOURCE_LABELS.get(r["source"], r["source"]), r["file_name"], r["message"]] for r in rejected]),
        "",
        f"== 隔离的行 quarantined rows ({len(quarantined)}) ==",
        text_table(["文件", "工作表", "行", "列", "值", "规则", "说明"],
                   [[r["file_name"], r["sheet"], r["row_number"], r["column_name"], r["value"], r["rule"],
                     r["message"]] for r in quarantined], right={2}),
    ]
    return "\n".join(lines)


def _shown(value: object) -> str:
    if isinstance(value, list | tuple):
        return "、".join(map(_shown, value))
    if isinstance(value, Decimal):
        return amount(value)
    return str(value).removesuffix(" 00:00:00")  # a date that went through a DataFrame


def describe_row(row: dict, labels: dict[str, str] | None = None) -> str:
    """A failing row in one line: what names it first, then its other values, each by its Chinese label."""
    labels = labels or {}
    present = {k: v for k, v in row.items() if v not in (None, "")}
    name_key = next((k for k in NAME_COLUMNS if k in present), None)
    # Surrogate keys (project_id, lead_key) tell a reader nothing once the row is named.
    rest = "，".join(f"{labels.get(k, k)}={_shown(v)}" for k, v in present.items()
                    if k != name_key and not (name_key and k.endswith(("_id", "_key"))))
    text = (_shown(present[name_key]) + (f"（{rest}）" if rest else "")) if name_key else rest
    if display_width(text) > LINE_WIDTH:
        while display_width(text + "…") > LINE_WIDTH:
            text = text[:-1]
        text += "…"
    return text


def _check_lines(record: CheckRecord) -> list[str]:
    lines = [f"  [{SEVERITY_ZH.get(record.severity, record.severity)}] {record.table_name} / {record.check_name}："
             f"{record.description}（{record.failing_rows} 行 rows）"]
    lines += [f"      · {describe_row(row, record.labels)}" for row in record.failing[:SHOWN_PER_CHECK]]
    if record.failing_rows > min(len(record.failing), SHOWN_PER_CHECK):
        lines.append(f"      … 另有 {record.failing_rows - min(len(record.failing), SHOWN_PER_CHECK)} 行 more rows")
    return lines


def check_section(records: Sequence[CheckRecord]) -> str:
    """The checks of a run that did not pass: problems (blocking, warning) first, then information, each with
    the rows behind its count."""
    failed = [r for r in records if not r.passed]
    problems = sorted((r for r in failed if r.severity != "information"),
                      key=lambda r: (r.severity != "blocking", r.table_name, r.check_name))
    information = sorted((r for r in failed if r.severity == "information"), key=lambda r: (r.table_name, r.check_name))
    lines = [f"== 未通过的检查 checks that did not pass: 问题 problems ({len(problems)}) =="]
    lines += [line for r in problems for line in _check_lines(r)] or ["  （无 none）"]
    lines += ["", f"== 提示信息 information ({len(information)}) =="]
    lines += [line for r in information for line in _check_lines(r)] or ["  （无 none）"]
    return "\n".join(lines)


def latest_run(database: Path) -> str | None:
    """The run whose check results the published file carries."""
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute("SELECT arg_max(run_id, checked_at) FROM audit.check_results").fetchone()[0]


def check_records(database: Path, run_id: str | None) -> list[CheckRecord]:
    """The run's check results as audit.check_results keeps them (the build file: a blocked build is not published)."""
    with duckdb.connect(str(database), read_only=True) as con:
        found = records(con, "check_results", run_id=run_id)
        return [CheckRecord(**{k: v for k, v in row.items() if k != "failing"},
                            failing=json.loads(row["failing"]) if row["failing"] else [],
                            labels={} if row["passed"] else _labels(con, row["table_name"], row["check_name"]))
                for row in found]


def _labels(con: duckdb.DuckDBPyConnection, table: str, check: str) -> dict[str, str]:
    """The labels the UI gives a check's columns: a SQL check's from the table it inspects and its own file's, a
    landing check's (on an ingest asset, not a table) from the audit tables its rows come from."""
    if table not in {source.asset_name for source in SOURCES}:
        return column_labels(con, table) | check_labels(check)
    labels: dict[str, str] = {}
    for audit_table in LANDING_CHECK_TABLES:
        labels = column_labels(con, audit_table) | labels
    return labels
