"""The nightly job on the generated demo data: the summary's confirmation history and project figures, by SQL."""

import datetime as dt
from decimal import Decimal

import pytest

IN_TALKS = ["万有引力直播基地项目", "中原证券基金公司项目", "中国动漫集团项目", "河南交投集团运营中心项目",
            "电力产业园项目", "联东U谷项目"]


@pytest.fixture(scope="module")
def con(demo_run):
    with demo_run.connect() as connection:
        yield connection


def test_the_domestic_capital_revision_is_the_only_one(con):
    revisions = con.execute("""SELECT month, old_value, new_value, old_confirmed_on, new_confirmed_on
                               FROM marts.kpi_revisions WHERE year = 2024""").fetchall()
    assert revisions == [(4, Decimal("2.0500"), Decimal("2.1800"), dt.date(2024, 5, 16), dt.date(2024, 7, 12))]


def test_three_batches_12_and_13(con):
    assert con.execute("""SELECT batch, projects, total_investment_yi_yuan, waiting_provincial, signed, project_names
                          FROM marts.three_batches WHERE batch >= 12""").fetchall() == [
        (12, 2, Decimal("5.0000"), 2, 2, ["山外科技孵化项目", "智慧物流总部项目"]),
        (13, 2, Decimal("6.0000"), 2, 0, ["中食数联项目", "旅游出行综合服务平台项目"]),
    ]


def test_eight_confirmed_projects_worth_ten_yi_among_sixteen_signed(con):
    assert con.execute("""SELECT count(*) FILTER (WHERE bureau_confirmed),
                                 sum(total_investment_yi_yuan) FILTER (WHERE bureau_confirmed),
                                 count(*), count(*) FILTER (WHERE is_yi_project)
                          FROM marts.project_pipeline
                          WHERE signed_on BETWEEN DATE '2024-01-01' AND DATE '2024-06-30'""").fetchall() == [
        (8, Decimal("10.0000"), 16, 4),
    ]


def test_the_in_talks_projects(con):
    assert con.execute("""SELECT project_name, stage FROM marts.project_pipeline
                          WHERE list_contains(?, project_name) ORDER BY project_name""", [IN_TALKS]).fetchall() == [
        (name, "在谈") for name in sorted(IN_TALKS)
    ]


def test_june_funnel(con):
    assert con.execute("""SELECT leads, negotiating, signed, signed_confirmed, fulfilled, started, in_production,
                                 fulfilment_rate, start_rate
                          FROM marts.pipeline_funnel WHERE year = 2024 AND month = 6""").fetchall() == [
        (15, 105, 16, 8, 7, 7, 1, Decimal("0.4375"), Decimal("0.4375")),
    ]


def test_a_stage_change_cites_the_round_that_first_reported_it(con):
    # 艺龙酒店 开工 was confirmed on 05-16 by the 1-4月 round; the 1至5月 round (06-14) repeats that date.
    assert con.execute("""SELECT stage, reported_on, file_name FROM marts.project_stage_history
                          WHERE project_name = '艺龙酒店项目' AND stage = '开工'""").fetchall() == [
        ("开工", dt.date(2024, 5, 16), "关于西城区2024年1-4月招商引资指标及项目认定结果的反馈.xlsx")]
