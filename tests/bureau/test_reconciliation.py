"""Each bureau/project check of warehouse/sql/checks, failing on a district that breaks it and passing otherwise."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.bureau.scenario import write_scenario
from tests.bureau.workbooks import build_warehouse
from warehouse.checks import sql_checks

CHECKS = {check.name: check for check in sql_checks()}


def failing(home, name):
    con = build_warehouse(home)
    try:
        return rows_of(con, name)
    finally:
        con.close()


def rows_of(con, name):
    return con.execute(CHECKS[name].sql).fetchall()


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """A district where the bureau and the departments agree."""
    con = build_warehouse(write_scenario(tmp_path_factory.mktemp("clean"), unconfirmed_project=False))
    yield con
    con.close()


@pytest.mark.parametrize("name", ["info_reconcil_bureau_projects_unreported",
                                  "info_reconcil_department_projects_unconfirmed", "info_project_ambiguous_matches",
                                  "kpi_sources_disagree"])
def test_a_consistent_district_passes(clean, name):
    assert rows_of(clean, name) == []


def test_a_bureau_project_no_department_reported(tmp_path):
    home = write_scenario(tmp_path, incubator_reported=False, unconfirmed_project=False)
    [row] = failing(home, "info_reconcil_bureau_projects_unreported")
    assert row[1:] == ("山外科技孵化项目", "山外山科技创业投资有限公司", "开工", dt.date(2024, 4, 10),
                       Decimal("2.0000"), "社会事业局")


def test_a_department_project_the_bureau_has_not_confirmed(tmp_path):
    [row] = failing(write_scenario(tmp_path), "info_reconcil_department_projects_unconfirmed")
    assert row[1:] == ("恒达供应链管理总部项目", "河南恒达供应链管理有限公司", dt.date(2024, 3, 20), Decimal("0.8000"),
                       "经济发展局", False)


def test_a_kpi_figure_that_disagrees_with_the_project_list(tmp_path):
    home = write_scenario(tmp_path, signed_figure="3", unconfirmed_project=False)
    july = "西城区2024年上半年招商引资指标认定表.xlsx"
    assert failing(home, "kpi_sources_disagree") == [
        (2024, 6, "signed_projects", "confirmed", "bureau", Decimal("3.0000"), july, "bureau_projects",
         Decimal("2.0000"), july),
    ]


def test_ambiguous_matches_are_shown(tmp_path):
    home = write_scenario(tmp_path, ambiguous_leads=True, unconfirmed_project=False)
    assert sorted((r[0], r[3] or "") for r in failing(home, "info_project_ambiguous_matches")) == [
        ("no_investor_several_candidates", ""),
        ("same_name_different_investors", "乙云计算有限公司"),
        ("same_name_different_investors", "甲数据科技有限公司"),
        ("similar_name_same_investor", "中原智慧物流集团有限公司"),
        ("similar_name_same_investor", "中原智慧物流集团有限公司"),
    ]


