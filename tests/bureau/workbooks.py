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
from tests.reference import write_reference
from tests.workbooks import KPI_HEADER, PROJECT_HEADER, write_workbook

# The bureau suites plan the six-post projects their files confirm.
_SIX_POST_PLAN = ("year,leader,project_name,investor\n"
                  "2024,管委会主任,智慧物流总部项目,中原智慧物流集团有限公司\n"
                  "2024,党工委副书记,山外科技孵化项目,山外山科技创业投资有限公司\n")


def write_reference_folder(home: Path, pipeline_yaml: str | None = None) -> Path:
    replaced = {"six_post_plan.csv": _SIX_POST_PLAN} | ({"pipeline.yaml": pipeline_yaml} if pipeline_yaml else {})
    return write_reference(home / "reference", **replaced)


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
