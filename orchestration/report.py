"""What `make run` prints: the latest completion table and everything that did not load, from the
published file opened read-only (as an analyst would)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from warehouse.audit import loads_summary, open_quarantine, open_rejections
from warehouse.database import query

LABELS = {"source": "来源", "status": "状态", "files": "文件数", "rows_read": "读取行", "rows_accepted": "接受行",
          "rows_rejected": "隔离行", "file_name": "文件", "message": "原因", "sheet": "工作表", "row_number": "行",
          "column_name": "列", "value": "值", "rule": "规则"}


def _frame_text(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "  (none / 无)"
    with pd.option_context("display.max_rows", 500, "display.max_columns", 20, "display.width", 200,
                           "display.max_colwidth", 80):
        return frame.to_string(index=False)


def run_report(published: Path) -> str:
    con = duckdb.connect(str(published), read_only=True)
    try:
        kpi = query(con, "kpi_latest_report")
        loads = loads_summary(con).rename(columns=LABELS)
        rejected = open_rejections(con, None)[["source", "file_name", "message"]].rename(columns=LABELS)
        quarantined = open_quarantine(con, None).rename(columns=LABELS | {"message": "说明"})
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
