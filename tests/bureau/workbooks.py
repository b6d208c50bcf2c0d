"""Small real inputs for the bureau tests: a reference folder, bureau and department workbooks, and a warehouse
built from them with the same loaders and SQL the nightly job runs."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

import duckdb

from ingest.forms.bureau import read_bureau_files
from ingest.forms.common import read_each_file
from ingest.forms.departments import read_department_file
from ingest.forms.reference import Reference, load_reference
from tests.workbooks import write_workbook
from warehouse.database import connect, prepare
from warehouse.home import Paths
from warehouse.loads import load_source
from warehouse.objects import build_layer
from warehouse.reference import write_reference

KPI_HEADER = ("指标名称", "统计期", "认定值", "单位", "口径", "认定日期")
PROJECT_HEADER = ("序号", "项目名称", "投资方", "总投资（亿元）", "签约日期", "认定阶段", "认定日期", "三个一批期次",
                  "省级认定状态", "责任单位", "六职领导", "备注")
LEAD_HEADER = ("序号", "线索名称", "投资方", "产业类别", "预计投资额（亿元）", "来源地", "获取日期", "状态", "备注")
SIGNED_HEADER = ("序号", "项目名称", "投资方", "总投资（亿元）", "签约日期", "签约活动", "六职领导", "备注")

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
    """Load the landing zone as the nightly job does, build core and marts; the open connection is returned."""
    ref = load_reference(home / "reference")
    prepare(home / "build.duckdb")
    with connect(home / "build.duckdb") as con:
        write_reference(con, ref)
        load_source(con, "bureau", Paths(home), read_bureau_files, ref)
        load_source(con, "departments", Paths(home), partial(read_each_file, read_department_file), ref)
        build_layer(con, "core")
        build_layer(con, "marts")
    return duckdb.connect(str(home / "build.duckdb"), read_only=True)


def rows(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()
