"""What a clerk must act on, one row per thing to fix: files rejected whole, quarantined cells, departments that
owe a report, projects waiting for the bureau's confirmation, enterprises missing from the roster."""

from __future__ import annotations

import duckdb
import pandas as pd

from ingest.sources import SOURCE_LABELS
from reports.periods import Month
from reports.queries import Row, rows
from warehouse.audit import open_quarantine, open_rejections


def _records(frame: pd.DataFrame) -> list[Row]:
    return [{k: (None if pd.isna(v) else v) for k, v in r.items()} for r in frame.to_dict("records")]


def quality_rows(con: duckdb.DuckDBPyConnection, period: Month) -> list[Row]:
    found: list[Row] = []
    for r in _records(open_rejections(con, None)):
        found.append({"kind": "整体退回的文件", "file": r["file_name"],
                      "where": SOURCE_LABELS.get(r["source"], r["source"]), "value": None, "problem": r["message"],
                      "action": f"按原因改正后，以同名文件重新放入 landing/{r['source']}/"})
    for r in _records(open_quarantine(con, None)):
        place = f"{r['sheet']} 第{r['row_number']}行" if r["sheet"] else f"第{r['row_number']}行"
        found.append({"kind": "隔离的单元格", "file": r["file_name"], "where": f"{place}「{r['column_name']}」",
                      "value": None if r["value"] is None else str(r["value"]), "problem": r["message"],
                      "action": "核对原件改正该单元格，重新报送整个文件（同名或同一部门同一报告期）"})
    for r in rows(con, "missing_reports_month", year=period.year, month=period.month):
        found.append({"kind": "未报送", "file": None, "where": r["department_name"], "value": r["period_label"],
                      "problem": f"应于{r['due_on']:%Y-%m-%d}前报送，"
                                 f"截至{r['as_of']:%Y-%m-%d}逾期{r['days_overdue']}天",
                      "action": f"请{r['department_name']}补报{r['period_label']}的报表"})
    for r in rows(con, "projects_unconfirmed", year=period.year, month=period.month):
        found.append({"kind": "未经认定的签约项目", "file": None, "where": r["departments"], "value": r["project_name"],
                      "problem": f"部门报送已于{r['signed_on']}签约，市商务局尚未认定",
                      "action": "与市商务局核对，待认定后计入签约项目"})
    for r in rows(con, "trade_unmatched", year=period.year, month=period.month):
        also = [name for name in r["names_written"] if name != r["enterprise_name"]]
        months = "、".join(map(str, r["months"]))
        found.append({"kind": "名录外企业", "file": r["file_name"],
                      "where": f"{months}月表（最近：{r['month']}月表 第{r['row_number']}行）",
                      "value": r["enterprise_name"] + (f"（又写作{'、'.join(also)}）" if also else ""),
                      "problem": "海关表中的企业不在企业名录内，未计入全区进出口",
                      "action": "属于本区的，加入 reference/enterprises.csv（名称、别名、信用代码、海关编码）"})
    return found
