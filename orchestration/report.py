"""What `make run` prints: the latest completion table and everything that did not load, from the
published file opened read-only (as an analyst would)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

KPI_LATEST = """
    SELECT year AS 年份, month AS 截至月, metric_name AS 指标, basis AS 口径, actual AS 完成, target AS 目标,
           unit AS 单位, completion_rate AS 完成率, time_progress AS 时间进度, gap_pp AS 差距_百分点, status AS 状态
    FROM marts.kpi_latest ORDER BY year, metric_code, basis
"""
LOADS = """
    SELECT source AS 来源, status AS 状态, count(*) AS 文件数, sum(rows_read)::BIGINT AS 读取行,
           sum(rows_accepted)::BIGINT AS 接受行, sum(rows_rejected)::BIGINT AS 隔离行
    FROM audit.loads GROUP BY ALL ORDER BY 1, 2
"""
REJECTED = """
    SELECT source AS 来源, file_name AS 文件, message AS 原因 FROM audit.loads
    WHERE status = 'rejected' ORDER BY source, file_name
"""
QUARANTINED = """
    SELECT q.file_name AS 文件, q.sheet AS 工作表, q.row_number AS 行, q.column_name AS 列, q.value AS 值,
           q.rule AS 规则, q.message AS 说明
    FROM audit.quarantine q JOIN audit.loads l USING (load_id)
    WHERE l.status = 'loaded' ORDER BY q.file_name, q.sheet, q.row_number
"""


def _frame_text(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "  (none / 无)"
    with pd.option_context("display.max_rows", 500, "display.max_columns", 20, "display.width", 200,
                           "display.max_colwidth", 80):
        return frame.to_string(index=False)


def run_report(published: Path) -> str:
    con = duckdb.connect(str(published), read_only=True)
    try:
        kpi = con.execute(KPI_LATEST).df()
        loads = con.execute(LOADS).df()
        rejected = con.execute(REJECTED).df()
        quarantined = con.execute(QUARANTINED).df()
    finally:
        con.close()
    return "\n".join([
        f"Published warehouse: {published}",
        "",
        "== 最新完成情况 marts.kpi_latest ==",
        _frame_text(kpi),
        "",
        "== 已读取的文件 files read (audit.loads) ==",
        _frame_text(loads),
        "",
        f"== 整体退回的文件 rejected files ({len(rejected)}) ==",
        _frame_text(rejected),
        "",
        f"== 隔离的行 quarantined rows ({len(quarantined)}) ==",
        _frame_text(quarantined),
    ])


def checks_report(evaluations: list) -> str:
    """The checks of this run that did not pass, with what they found (the rows are in the UI)."""
    failed = [e for e in evaluations if not e.passed]
    lines = [f"== 未通过的检查 checks that did not pass ({len(failed)}) =="]
    for e in failed:
        counts = ", ".join(f"{key} {value.value}" for key, value in e.metadata.items()
                           if isinstance(value.value, int | float))
        lines.append(f"  [{e.severity.value}] {e.asset_key.to_user_string()} / {e.check_name}: "
                     f"{e.description or ''} ({counts})")
    if not failed:
        lines.append("  (none / 无)")
    return "\n".join(lines)
