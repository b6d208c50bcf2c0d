"""Workbooks read in one batch, sharing the layouts and values learnt on the way, read exactly as each alone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ingest.forms.common import ParsedFile
from ingest.forms.departments import read_department_file, read_department_files
from ingest.forms.judging import judge_files
from ingest.forms.reference import Reference
from tests.departments.books import (
    BAD_USCC,
    ENTERPRISE_HEADER,
    GOOD_USCC,
    LEAD_HEADER,
    SIGNED_HEADER,
    workbook,
    write_xlsx,
)

JUNE_5 = dt.date(2024, 6, 5)


def _messy(department: str, week: int, *projects: list[object]) -> dict[str, list[list[object]]]:
    """No 基本信息 sheet: who and when in a line above the table, amounts in 万元 by a unit line."""
    who = [f"填报单位：{department}", None, None, f"报告期：2024年第{week}周"]
    return {"签约项目": [who, [None] * 5 + ["单位：万元"], ["序号", "项目名称", "投资方", "总投资", "签约日期", "备注"],
                     *projects]}


def _books(folder: Path) -> list[Path]:
    lead = [1, "冷链物流中心项目", "郑州华瑞供应链有限公司", "现代物流", 1.5, "郑州", JUNE_5, "在谈", None]
    project = [1, "智慧物流总部项目", "中原智慧物流集团有限公司", 3, JUNE_5, "集中签约", "管委会主任", None]
    firm = [1, "漯河正腾商贸有限公司", GOOD_USCC, JUNE_5, 500, "批发和零售业"]
    grouped = [["序号", "项目基本情况", None, "签约情况", None, "六职领导"],
               [None, "项目名称", "投资方", "总投资（亿元）", "签约日期", None]]
    bad_lead = [2, "坏线索", None, None, "三三亿", None, "2024-13-45", "未知", None]
    lower = [None, "项目名称", "投资方", "总投资（亿元）", "签约日期", None, None, None]
    books = {
        "经发局-2024年第23周.xlsx": workbook(leads=[lead], signed=[project], enterprises=[firm]),
        "新城办-2024年第23周.xlsx": workbook("新城办", leads=[lead, bad_lead], enterprises=[firm]),
        # The same header rows as the first two, other values: the same layouts, the bad amount again.
        "财金局-2024年第24周.xlsx": workbook("财金局", "2024年第24周", signed=[
            project, [2, "飞图科技项目", None, "三三亿", "2024年6月12日", None, None, None]],
            enterprises=[[1, "漯河豫泽商贸有限公司", BAD_USCC, JUNE_5, "1,500", None]]),
        "周报-经发局.xlsx": _messy("经发局", 25, [1, "甲项目", None, 3500, JUNE_5, None]),
        "周报-建管局.xlsx": _messy("建管局", 25, [1, "乙项目", None, "1.2亿", JUNE_5, None]),
        "周报-社事局.xlsx": _messy("社事局", 26, [1, "甲项目", None, 3500, "-", None]),
        # The template's header row over a second header row that names its groups: a two-row header now.
        "资源分局-2024年第23周.xlsx": {"签约项目": [*grouped, [1, "智慧物流总部项目", "中原智慧物流集团有限公司", 3,
                                                           JUNE_5, "管委会主任"]]},
        "市监分局-2024年第23周.xlsx": {"签约项目": [SIGNED_HEADER, lower, project]},
        "党群部-2024年第23周.xlsx": {"线索表": [LEAD_HEADER + ["对接人"], lead + ["李四"]],
                                  "企业": [["联系人", *ENTERPRISE_HEADER], ["张三", *firm]]},
        "不明部门-2024年第23周.xlsx": workbook("经济发展处", signed=[project]),
    }
    return [write_xlsx(folder / name, sheets) for name, sheets in books.items()]


def _as_read(result: ParsedFile | Exception) -> object:
    if isinstance(result, Exception):
        return type(result).__name__, str(result)
    tables = {table: pd.concat(frames).astype(object).to_dict("records") for table, frames in result.tables.items()}
    return tables, result.issues, result.findings, result.rows_read, result.rejected_rows, result.logical_key


def _alone(path: Path, reference: Reference) -> object:
    try:
        return _as_read(read_department_file(path, reference))
    except Exception as err:  # noqa: BLE001 - compared with what the batch returns for the file
        return _as_read(err)


def test_a_batch_reads_every_workbook_as_it_reads_alone(tmp_path: Path, reference: Reference) -> None:
    paths = _books(tmp_path)
    batch = [_as_read(result) for result in judge_files(read_department_files(paths + paths[::-1], reference))]
    alone = [_alone(path, reference) for path in paths + paths[::-1]]
    assert batch == alone
    by_name = dict(zip([path.name for path in paths], alone[:len(paths)], strict=True))
    # What the batch had to get right: remembered bad values, learnt layouts that a later sheet does not fit.
    assert [(i.sheet, i.row_number, i.value, i.rule) for i in by_name["财金局-2024年第24周.xlsx"][1]] == [
        ("签约项目", 3, "三三亿", "number"), ("注册企业", 2, BAD_USCC, "uscc_check_character")]
    assert ("线索", 3, "三三亿", "number") in [(i.sheet, i.row_number, i.value, i.rule)
                                             for i in by_name["新城办-2024年第23周.xlsx"][1]]
    assert by_name["周报-经发局.xlsx"][0]["raw.dept_signed_projects"][0]["total_investment_yi_yuan"] == Decimal("0.35")
    assert by_name["市监分局-2024年第23周.xlsx"][0]["raw.dept_signed_projects"][0]["project_name"] == "智慧物流总部项目"
    assert by_name["不明部门-2024年第23周.xlsx"][0] == "FileRejected"
