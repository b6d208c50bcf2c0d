"""Small real inputs for the bureau tests: a reference folder, bureau and department workbooks, and a warehouse
built from them with the same loaders and SQL the nightly job runs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from ingest.forms.reference import Reference, load_reference
from tests.build import build_warehouse as build
from tests.build import open_warehouse
from tests.departments.books import LEAD_HEADER, SIGNED_HEADER
from tests.workbooks import KPI_HEADER, PROJECT_HEADER, write_workbook

_REFERENCE = {
    "departments.csv": "code,name,aliases\nD01,招商服务中心,招商中心\nD02,经济发展局,经发局|区经发局\n"
                       "D05,社会事业局,社事局\n",
    "enterprises.csv": "name,aliases,uscc,customs_code\n",
    "metrics.csv": "code,name,unit,aliases\n"
                   "signed_projects,签约项目,个,签约项目数\n"
                   "signed_investment,签约投资额,亿元,签约项目总投资\n"
                   "foreign_capital,实际利用境外资金,万美元,实际利用外资|利用外资\n"
                   "domestic_capital,实际利用省外境内资金,亿元,省外资金\n"
                   "trade_total,货物进出口额,万元,进出口额\n",
    "targets.csv": "year,metric_code,target\n2024,signed_projects,12\n2024,signed_investment,20\n"
                   "2024,foreign_capital,30\n2024,domestic_capital,7\n2024,trade_total,5300\n",
    "fx_rates.csv": "year,month,usd_cny\n2024,4,7.1\n",
    "six_post_plan.csv": "year,leader,project_name,investor\n"
                         "2024,管委会主任,智慧物流总部项目,中原智慧物流集团有限公司\n"
                         "2024,党工委副书记,山外科技孵化项目,山外山科技创业投资有限公司\n",
}


def write_reference_folder(home: Path, pipeline_yaml: str | None = None) -> Path:
    folder = home / "reference"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in _REFERENCE.items():
        (folder / name).write_text(text, encoding="utf-8")
    if pipeline_yaml is not None:
        (folder / "pipeline.yaml").write_text(pipeline_yaml, encoding="utf-8")
    return folder


def reference(home: Path) -> Reference:
    return load_reference(write_reference_folder(home))


def _write(path: Path, sheets: dict[str, list[tuple]], arrived: dt.datetime) -> Path:
    # Landing files load oldest first: the arrival time decides which confirmation is the later one.
    return write_workbook(path, sheets, mtime=arrived.timestamp())


def bureau_workbook(path: Path, kpis: list[tuple], projects: list[tuple] = (), title: str | None = None,
                    arrived: dt.datetime = dt.datetime(2024, 7, 1)) -> Path:
    """kpis: (指标名称, 统计期, 认定值, 单位, 口径, 认定日期); projects: PROJECT_HEADER without 序号."""
    sheets = {"指标认定": ([(title,)] if title else []) + [KPI_HEADER, *kpis]}
    if projects:
        sheets["项目认定"] = [PROJECT_HEADER, *[(n, *p) for n, p in enumerate(projects, start=1)]]
    return _write(path, sheets, arrived)


def department_workbook(path: Path, department: str, period: str, leads: list[tuple] = (),
                        signed: list[tuple] = (), arrived: dt.datetime = dt.datetime(2024, 7, 1)) -> Path:
    """leads: LEAD_HEADER without 序号; signed: SIGNED_HEADER without 序号."""
    sheets = {"基本信息": [("填报单位", department), ("报告期", period), ("填报人", "测试")]}
    if leads:
        sheets["线索"] = [LEAD_HEADER, *[(n, *row) for n, row in enumerate(leads, start=1)]]
    if signed:
        sheets["签约项目"] = [SIGNED_HEADER, *[(n, *row) for n, row in enumerate(signed, start=1)]]
    return _write(path, sheets, arrived)


def build_warehouse(home: Path) -> duckdb.DuckDBPyConnection:
    """Load the landing zone as the nightly job does (tests/build.py), build core and marts; a read-only connection."""
    build(home)
    return open_warehouse(home)


def rows(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()
