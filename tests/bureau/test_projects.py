"""Confirmation history and the project pipeline, on a warehouse built from real files with the nightly SQL."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.bureau.scenario import JULY_ROUND, MAY_ROUND, write_scenario
from tests.bureau.workbooks import build_warehouse, rows


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    home = write_scenario(tmp_path_factory.mktemp("district"), ambiguous_leads=True)
    connection = build_warehouse(home)
    yield connection
    connection.close()


def test_every_confirmation_is_kept_with_its_vintage(con):
    assert rows(con, """SELECT value, confirmed_on, file_name, confirmation_number, is_latest
                        FROM core.kpi_confirmations
                        WHERE metric_code = 'domestic_capital' AND month = 4 ORDER BY confirmed_on""") == [
        (Decimal("2.0500"), MAY_ROUND, "关于西城区2024年1-4月招商引资指标及项目认定结果的反馈.xlsx", 1, False),
        (Decimal("2.1800"), JULY_ROUND, "西城区2024年上半年招商引资指标认定表.xlsx", 2, True),
    ]


def test_a_revision_is_listed_and_the_latest_value_is_used(con):
    assert rows(con, "SELECT * EXCLUDE (metric_name) FROM marts.kpi_revisions") == [
        (2024, "domestic_capital", "confirmed", 4, "亿元", Decimal("2.0500"), Decimal("2.1800"), Decimal("0.1300"),
         MAY_ROUND, JULY_ROUND, "关于西城区2024年1-4月招商引资指标及项目认定结果的反馈.xlsx",
         "西城区2024年上半年招商引资指标认定表.xlsx"),
    ]
    assert rows(con, """SELECT actual, confirmed_on FROM marts.kpi_completion
                        WHERE metric_code = 'domestic_capital' AND month = 4""") == [(Decimal("2.1800"), JULY_ROUND)]


def test_confirmed_and_estimated_stay_apart(con):
    assert rows(con, """SELECT basis, month, actual, completion_rate FROM marts.kpi_latest
                        WHERE metric_code = 'domestic_capital' ORDER BY basis""") == [
        ("confirmed", 4, Decimal("2.1800"), Decimal("0.3114")),
        ("estimated", 6, Decimal("3.5000"), Decimal("0.5000")),
    ]


def test_a_project_is_one_entity_across_bureau_sheets_and_department_workbooks(con):
    # The bureau writes 智慧物流总部项目 / 中原智慧物流集团有限公司 in two rounds; 招商中心 writes 智慧物流总部 /
    # 中原智慧物流集团 and 经发局 the bureau's spelling: one project, reported by both departments.
    assert rows(con, """SELECT project_name, investor, departments, responsible_department, six_post_leader,
                               total_investment_yi_yuan, is_yi_project, stage, signed_on, fulfilled_on, started_on,
                               in_production_on, bureau_confirmed, batch, provincial_status, mentions
                        FROM marts.project_pipeline WHERE project_name = '智慧物流总部项目'""") == [
        ("智慧物流总部项目", "中原智慧物流集团有限公司", ["招商服务中心", "经济发展局"], "招商服务中心", "管委会主任",
         Decimal("3.0000"), True, "开工", dt.date(2024, 4, 10), JULY_ROUND, JULY_ROUND, None, True, 12, "待认定", 4),
    ]
    assert rows(con, "SELECT count(DISTINCT project_id) FROM core.project_mention_keys WHERE name_key = '智慧物流总部'"
                ) == [(1,)]


def test_stages_from_lead_to_start(con):
    assert rows(con, "SELECT project_name, stage, bureau_confirmed FROM marts.project_pipeline "
                     "WHERE investor IS NOT NULL AND project_name <> '数据中心项目' ORDER BY project_name") == [
        ("中食数联项目", "在谈", False),
        ("山外科技孵化项目", "开工", True),
        ("恒达供应链管理总部项目", "签约", False),
        ("智慧物流总部二期项目", "线索", False),
        ("智慧物流总部项目", "开工", True),
        ("联东U谷项目", "在谈", False),
        ("预制菜生产项目", "线索", False),
    ]


def test_an_ambiguous_match_is_reported_not_guessed(con):
    # 数据中心项目 by two different investors stays two projects; the row without an investor joins neither.
    assert rows(con, """SELECT reason, investor, candidates, file_name FROM core.project_ambiguous_matches
                        ORDER BY reason, investor, file_name""") == [
        ("no_investor_several_candidates", None, ["乙云计算有限公司", "甲数据科技有限公司"], "经发局-2024年6月.xlsx"),
        ("same_name_different_investors", "乙云计算有限公司", ["乙云计算有限公司", "甲数据科技有限公司"],
         "经发局-2024年6月.xlsx"),
        ("same_name_different_investors", "甲数据科技有限公司", ["乙云计算有限公司", "甲数据科技有限公司"],
         "招商中心-2024年6月.xlsx"),
        # One investor, 智慧物流总部 and 智慧物流总部二期: a second phase, or the same project written longer?
        ("similar_name_same_investor", "中原智慧物流集团有限公司", ["智慧物流总部二期项目"],
         "关于西城区2024年1-4月招商引资指标及项目认定结果的反馈.xlsx"),
        ("similar_name_same_investor", "中原智慧物流集团有限公司", ["智慧物流总部", "智慧物流总部项目"],
         "招商中心-2024年6月.xlsx"),
    ]
    assert rows(con, "SELECT count(*) FROM marts.project_pipeline WHERE project_name = '数据中心项目'") == [(3,)]


def test_three_batches(con):
    assert rows(con, """SELECT batch, projects, total_investment_yi_yuan, waiting_provincial, signed, started,
                               project_names FROM marts.three_batches""") == [
        (12, 2, Decimal("5.0000"), 2, 2, 2, ["山外科技孵化项目", "智慧物流总部项目"]),
        (13, 1, Decimal("3.5000"), 1, 0, 0, ["中食数联项目"]),
    ]


def test_funnel_counts_at_each_month_end(con):
    # 恒达 signed in March though first reported in the June workbook: signings count by signing date, as the
    # completion table counts the bureau's list. Both bureau projects started per the 1-6月 round.
    assert rows(con, "SELECT * FROM marts.pipeline_funnel") == [
        (2024, 4, 0, 0, 3, 2, 0, 0, 0, Decimal("0.0000"), Decimal("0.0000"), "signed", "signed"),
        (2024, 5, 0, 0, 3, 2, 0, 0, 0, Decimal("0.0000"), Decimal("0.0000"), "signed", "signed"),
        (2024, 6, 2, 5, 3, 2, 2, 2, 0, Decimal("0.6667"), Decimal("0.6667"), "signed", "signed"),
    ]


def test_the_rate_denominators_come_from_pipeline_yaml(tmp_path):
    home = write_scenario(tmp_path, pipeline_yaml="fulfilment_rate_denominator: signed_confirmed\n"
                                                  "start_rate_denominator: fulfilled\n")
    con = build_warehouse(home)
    assert rows(con, "SELECT fulfilment_rate, start_rate, fulfilment_rate_denominator, start_rate_denominator "
                     "FROM marts.pipeline_funnel WHERE month = 6") == [
        (Decimal("1.0000"), Decimal("1.0000"), "signed_confirmed", "fulfilled"),
    ]
    con.close()


def test_every_mart_table_and_column_is_commented(con):
    missing = rows(con, """SELECT table_name, column_name FROM duckdb_columns()
                           WHERE schema_name = 'marts' AND comment IS NULL
                             AND table_name IN ('project_pipeline', 'pipeline_funnel', 'three_batches',
                                                'kpi_revisions')""")
    assert missing == []
    assert rows(con, """SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'marts' AND comment IS NOT NULL
                          AND table_name IN ('project_pipeline', 'pipeline_funnel', 'three_batches',
                                             'kpi_revisions')""") == [(4,)]


def test_a_six_post_leader_missing_from_the_sheets_comes_from_the_plan(con):
    assert rows(con, "SELECT six_post_leader FROM marts.project_pipeline WHERE project_name = '山外科技孵化项目'") == [
        ("党工委副书记",)]
