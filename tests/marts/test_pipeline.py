"""The pipeline as of a date: days in the current stage, the date each stage was first reported, every stage
change with the row that reported it, and the 三个一批 batch type; real workbooks through the loader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.bureau.scenario import JULY_ROUND, MAY_ROUND, write_scenario
from tests.bureau.workbooks import PROJECT_HEADER, build_warehouse
from tests.workbooks import write_workbook

MAY_FILE = "关于西城区2024年1-4月招商引资指标及项目认定结果的反馈.xlsx"
JULY_FILE = "西城区2024年上半年招商引资指标认定表.xlsx"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    home = write_scenario(tmp_path_factory.mktemp("district"))
    (home / "reference" / "calendar.yaml").write_text("as_of: 2024-07-15\n", encoding="utf-8")
    connection = build_warehouse(home)
    yield connection
    connection.close()


def test_days_in_stage_and_when_each_stage_was_first_reported(con) -> None:
    assert con.execute(
        "SELECT project_name, stage, stage_since, days_in_stage, lead_reported_on, signed_reported_on, "
        "fulfilled_reported_on, started_reported_on, as_of FROM marts.project_pipeline "
        "WHERE project_name IN ('智慧物流总部项目', '山外科技孵化项目', '中食数联项目') ORDER BY 1").fetchall() == [
        # Listed by the bureau in July without a stage, reported 在谈 by 招商中心 for June.
        ("中食数联项目", "在谈", dt.date(2024, 6, 30), 15, dt.date(2024, 6, 30), None, None, None,
         dt.date(2024, 7, 15)),
        # 社事局's April workbook reported it signed before the bureau's May round confirmed it.
        ("山外科技孵化项目", "开工", JULY_ROUND, 3, dt.date(2024, 4, 30), dt.date(2024, 4, 30), JULY_ROUND, JULY_ROUND,
         dt.date(2024, 7, 15)),
        ("智慧物流总部项目", "开工", JULY_ROUND, 3, MAY_ROUND, MAY_ROUND, JULY_ROUND, JULY_ROUND, dt.date(2024, 7, 15)),
    ]


def test_every_stage_change_with_its_source(con) -> None:
    assert con.execute(
        "SELECT change_number, stage, previous_stage, reported_on, days_in_previous_stage, source, file_name "
        "FROM marts.project_stage_history WHERE project_name = '山外科技孵化项目' ORDER BY change_number").fetchall() \
        == [(1, "签约", None, dt.date(2024, 4, 30), None, "department_signed", "社事局-2024年4月.xlsx"),
            (2, "开工", "签约", JULY_ROUND, 73, "bureau", JULY_FILE)]
    assert con.execute(
        "SELECT stage, source, file_name FROM marts.project_stage_history WHERE project_name = '智慧物流总部项目' "
        "ORDER BY change_number").fetchall() == [("签约", "bureau", MAY_FILE), ("开工", "bureau", JULY_FILE)]
    # The latest stage in the history is the pipeline's, for every project that only moved forward.
    assert con.execute(
        "SELECT count(*) FROM marts.project_pipeline p JOIN (SELECT project_id, arg_max(stage, change_number) AS last "
        "FROM marts.project_stage_history GROUP BY ALL) h USING (project_id) WHERE h.last <> p.stage"
    ).fetchone() == (0,)


def test_the_batch_type_as_the_bureau_writes_it(tmp_path: Path) -> None:
    write_scenario(tmp_path)
    header = (*PROJECT_HEADER[:8], "三个一批类型", *PROJECT_HEADER[8:])
    write_workbook(tmp_path / "landing" / "bureau" / "三个一批.xlsx", {"项目认定": [
        header,
        (1, "智慧物流总部项目", "中原智慧物流集团有限公司", 3, "2024/4/10", "开工", JULY_ROUND, "第12期", "签约",
         "待认定", "招商中心", None, None),
        (2, "豫中冷链物流园项目", "豫中冷链供应链管理有限公司", 3.2, "2023/2/16", "投产", JULY_ROUND, "第9期",
         "投产一批", "已认定", "招商中心", None, None),
        (3, "冷链二期项目", "豫中冷链供应链管理有限公司", 1, None, None, JULY_ROUND, "第13期", "开工二批", None, None,
         None, None)]})
    con = build_warehouse(tmp_path)
    try:
        assert con.execute("SELECT batch, batch_type, projects, project_names FROM marts.three_batches").fetchall() == [
            (9, "投产一批", 1, ["豫中冷链物流园项目"]),
            (12, "签约一批", 1, ["智慧物流总部项目"]),
            (12, None, 1, ["山外科技孵化项目"]),
            (13, None, 1, ["中食数联项目"])]
        assert con.execute("SELECT row_number, column_name, value, rule FROM audit.quarantine").fetchall() == [
            (4, "三个一批类型", "开工二批", "batch_type")]
    finally:
        con.close()
