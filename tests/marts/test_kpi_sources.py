"""Every KPI from its best source, labelled: a month the bureau left out still has its trade figure from customs,
a project list without figure lines gives the signed-project figures, department reports stay a basis of their
own, and two sources that disagree are named with both values and files. Real workbooks, the real loader."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from tests.bureau.workbooks import KPI_HEADER, PROJECT_HEADER, SIGNED_HEADER
from tests.conftest import FIXTURES
from tests.customs.conftest import ZHENGTENG, monthly_table
from tests.departments.books import info
from tests.marts.conftest import build, drop
from warehouse.checks import sql_checks

LIST_FILE = "西城区2024年上半年项目认定表.xlsx"
FIGURES_FILE = "西城区2024年1-4月指标认定表.xlsx"
MAY_TABLE = "2024年1-5月西城区企业进出口情况.xlsx"
JULY_12 = dt.date(2024, 7, 12)


def _row(name: str, ytd: object) -> tuple:
    return (name, ZHENGTENG[3], ZHENGTENG[2], 10, ytd, 10, ytd, 0, 0)


def _district(home: Path, bureau_trade_april: str) -> Path:
    """The bureau confirms January-April in May (foreign capital and trade, no signed-project lines) and sends
    its project list in July with no figure lines at all; the customs tables run to May; 经发局 reports June."""
    drop(home, "bureau", FIGURES_FILE, {"指标认定": [
        KPI_HEADER, ("实际利用外资", "2024年1-4月", "10", "万美元", "认定", dt.date(2024, 5, 16)),
        ("货物进出口额", "2024年1-4月", bureau_trade_april, "万元", "认定", dt.date(2024, 5, 16))]},
        dt.datetime(2024, 5, 16, 16))
    drop(home, "bureau", LIST_FILE, {"项目认定": [
        PROJECT_HEADER,
        (1, "智慧物流总部项目", "中原智慧物流集团有限公司", "三亿", dt.date(2024, 4, 10), "签约", JULY_12, None, None,
         "招商中心", None, None),
        (2, "金大地氟硅研究院项目", "金大地氟硅新材料研究院有限公司", 2.5, dt.date(2024, 5, 20), "开工", JULY_12, None,
         None, "经发局", None, None)]}, dt.datetime(2024, 7, 12, 16))
    for month, ytd in ((4, 80), (5, 93.64)):
        drop(home, "customs", f"2024年1-{month}月西城区企业进出口情况.xlsx",
             {"Sheet1": monthly_table(2024, month, "万元", [_row(ZHENGTENG[0], ytd)], None)},
             dt.datetime(2024, month + 1, 12, 10))
    drop(home, "departments", "经发局-2024年6月.xlsx", {
        "基本信息": info("经发局", "2024年6月"),
        "签约项目": [SIGNED_HEADER,
                     (1, "恒达供应链管理总部项目", "河南恒达供应链管理有限公司", 0.8, dt.date(2024, 6, 3))]},
        dt.datetime(2024, 7, 1, 9))
    return home


@pytest.fixture(scope="module")
def agreeing(tmp_path_factory: pytest.TempPathFactory):
    home = tmp_path_factory.mktemp("agreeing")
    shutil.copytree(FIXTURES / "reference", home / "reference")
    con = build(_district(home, "80"))
    yield con
    con.close()


def test_a_month_without_a_bureau_trade_row_has_its_figure_from_customs(agreeing) -> None:
    assert agreeing.execute(
        "SELECT month, source, actual, completion_rate, as_of, source_file FROM marts.kpi_completion "
        "WHERE metric_code = 'trade_total' ORDER BY month").fetchall() == [
        (4, "bureau", D("80.0000"), D("0.0151"), dt.date(2024, 4, 30), FIGURES_FILE),
        (5, "customs", D("93.6400"), D("0.0177"), dt.date(2024, 5, 31), MAY_TABLE)]
    assert agreeing.execute("SELECT month, source FROM marts.kpi_latest WHERE metric_code = 'trade_total'"
                            ).fetchall() == [(5, "customs")]


def test_a_project_list_without_figure_lines_gives_the_signed_figures(agreeing) -> None:
    # The July list speaks for January-June (the bureau confirms a month in the next).
    assert agreeing.execute(
        "SELECT metric_code, month, source, actual, confirmed_on, source_file FROM marts.kpi_completion "
        "WHERE basis = 'confirmed' AND metric_code LIKE 'signed%' AND month IN (3, 4, 6) ORDER BY 1, 2").fetchall() \
        == [("signed_investment", 3, "bureau_projects", D("0.0000"), JULY_12, LIST_FILE),
            ("signed_investment", 4, "bureau_projects", D("3.0000"), JULY_12, LIST_FILE),
            ("signed_investment", 6, "bureau_projects", D("5.5000"), JULY_12, LIST_FILE),
            ("signed_projects", 3, "bureau_projects", D("0.0000"), JULY_12, LIST_FILE),
            ("signed_projects", 4, "bureau_projects", D("1.0000"), JULY_12, LIST_FILE),
            ("signed_projects", 6, "bureau_projects", D("2.0000"), JULY_12, LIST_FILE)]


def test_department_reports_are_a_basis_of_their_own(agreeing) -> None:
    assert agreeing.execute(
        "SELECT metric_code, month, basis, source, actual, as_of, source_file FROM marts.kpi_latest "
        "WHERE basis = 'reported' ORDER BY 1").fetchall() == [
        ("signed_investment", 6, "reported", "departments", D("0.8000"), dt.date(2024, 6, 30), None),
        ("signed_projects", 6, "reported", "departments", D("1.0000"), dt.date(2024, 6, 30), None)]
    # Never mixed into the confirmed figure: 恒达 is not on the bureau's list.
    assert agreeing.execute("SELECT actual FROM marts.kpi_latest WHERE metric_code = 'signed_projects' "
                            "AND basis = 'confirmed'").fetchall() == [(D("2.0000"),)]


def test_where_the_figure_is_heading(agreeing) -> None:
    # 2 of 12 projects by June: 10 to go over 6 months; at the pace so far, 4 by December.
    assert agreeing.execute(
        "SELECT pace_needed_per_month, projected_year_end, status FROM marts.kpi_latest "
        "WHERE metric_code = 'signed_projects' AND basis = 'confirmed'").fetchall() == [
        (D("1.6667"), D("4.0000"), "behind")]


def test_the_precedence_is_one_table(agreeing) -> None:
    assert agreeing.execute("SELECT source, basis, metric_code FROM core.kpi_sources "
                            "ORDER BY basis, metric_code NULLS FIRST, precedence").fetchall() == [
        ("bureau", "confirmed", None), ("bureau_projects", "confirmed", "signed_investment"),
        ("bureau_projects", "confirmed", "signed_projects"), ("customs", "confirmed", "trade_total"),
        ("bureau", "estimated", None), ("departments", "reported", "signed_investment"),
        ("departments", "reported", "signed_projects")]


def test_two_sources_that_disagree_are_named_with_both_files(home: Path) -> None:
    con = build(_district(home, "85"))
    try:
        [check] = [c for c in sql_checks() if c.name == "kpi_sources_disagree"]
        assert not check.blocking
        assert con.execute(check.sql).fetchall() == [
            (2024, 4, "trade_total", "confirmed", "bureau", D("85.0000"), FIGURES_FILE, "customs", D("80.0000"),
             "2024年1-4月西城区企业进出口情况.xlsx")]
    finally:
        con.close()
