"""What `make run` prints: the completion table in Chinese and lined up, the files read, and every problem with
the names behind its count, apart from information."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from orchestration.definitions import build_definitions
from orchestration.report import CheckRecord, check_records, check_section, describe_row, run_report, text_table
from reports.width import display_width
from tests.workbooks import KPI_HEADER, write_workbook
from warehouse.home import Paths


def test_the_report_names_every_problem_with_its_reason(home: Path) -> None:
    write_workbook(home / "landing" / "bureau" / "认定-2024年1-5月.xlsx", {"指标认定": [
        KPI_HEADER,
        ["进出口额", "2024年1-5月", "1,116.12", "万元", "认定", dt.date(2024, 6, 14)],
        ["外星指标", "2024年1-5月", 3, "个", "认定", dt.date(2024, 6, 14)],
    ]})
    (home / "landing" / "customs" / "坏文件.xlsx").write_bytes(b"not a workbook")

    result = build_definitions(str(home)).resolve_job_def("nightly").execute_in_process(raise_on_error=False)
    report = run_report(home / "warehouse" / "zhaoshang.duckdb")
    checks = check_section(check_records(Paths(home).build_db, result.run_id))

    assert result.success
    trade = next(line for line in report.splitlines() if "货物进出口额" in line)
    assert "1116.12" in trade and "5300" in trade and "21.06%" in trade and "41.67%" in trade
    assert "-20.61" in trade and trade.rstrip().endswith("落后") and "behind" not in report
    assert "整体退回的文件 rejected files (1)" in report and "坏文件.xlsx" in report
    assert "隔离的行 quarantined rows (1)" in report and "外星指标" in report and "known_metric" in report
    problems, information = checks.split("提示信息 information")
    assert "customs_files / files_readable" in problems and "坏文件.xlsx" in problems
    assert "bureau_files / rows_valid" in problems and "外星指标" in problems
    # Each value by the Chinese label the UI gives its column (audit.quarantine's comments).
    assert "行号=3" in problems and "row_number" not in problems


def test_chinese_columns_line_up_by_display_width() -> None:
    table = text_table(["部门", "得分", "状态"], [["经济发展局", "0.8096", "达成"], ["新城办", "0.5", "落后"],
                                               ["D01", "12.25", "正常"]], right={1})
    lines = table.splitlines()
    # Every row ends its second column at the same display column, however many Chinese characters precede it.
    ends = {display_width(line[: line.index(value) + len(value)]) for line, value in
            zip(lines[2:], ["0.8096", "0.5", "12.25"], strict=True)}
    assert len(ends) == 1
    starts = {display_width(line[: line.rindex(status)]) for line, status in zip(lines[2:], ["达成", "落后", "正常"],
                                                                                 strict=True)}
    assert len(starts) == 1


def _record(name: str, severity: str, passed: bool, failing: list[dict], count: int | None = None) -> CheckRecord:
    return CheckRecord(run_id="r1", checked_at=dt.datetime(2024, 7, 12, 2, 0), check_name=name,
                       table_name="marts.department_weekly", severity=severity, passed=passed,
                       failing_rows=len(failing) if count is None else count, description=f"{name} 说明",
                       failing=failing)


def test_the_check_section_puts_problems_apart_from_information_and_names_the_rows() -> None:
    records = [
        _record("info_department_missing_reports", "information", False,
                [{"department_code": "D03", "department_name": "财政金融局", "week": 26},
                 {"department_code": "D05", "department_name": "社会事业局", "week": 26}]),
        _record("kpi_target_set", "warning", False, [{"metric_code": "trade_total", "year": 2025}]),
        _record("info_reconcil_department_projects_unconfirmed", "information", False,
                [{"project_id": "P41b133b098", "project_name": "星河直播电商产业园项目",
                  "signed_on": "2024-02-05 00:00:00"}]),
        _record("department_weekly_unique", "blocking", False,
                [{"department_name": f"部门{i}", "week": i} for i in range(12)], count=40),
        _record("trade_cumulative_not_falling", "warning", True, []),
    ]
    text = check_section(records)
    problems, information = text.split("提示信息 information")
    assert "问题 problems (2)" in problems and "information (2)" in text
    assert problems.index("department_weekly_unique") < problems.index("kpi_target_set")  # blocking first
    assert "[阻止发布 blocking]" in problems and "（40 行 rows）" in problems and "另有 30 行" in problems
    assert "trade_total（year=2025）" in problems
    assert "财政金融局（department_code=D03，week=26）" in information and "社会事业局" in information
    assert "星河直播电商产业园项目（signed_on=2024-02-05）" in information  # named, its surrogate key left out
    assert "trade_cumulative_not_falling" not in text  # passed


def test_a_failing_row_names_its_values_by_their_labels() -> None:
    row = {"project_id": "P41", "project_name": "星河直播电商产业园项目", "investor": "杭州星河", "kind": "签约项目"}
    labels = {"investor": "投资方", "kind": "类别", "project_name": "项目名称"}

    assert describe_row(row, labels) == "星河直播电商产业园项目（投资方=杭州星河，类别=签约项目）"
    assert describe_row(row) == "星河直播电商产业园项目（investor=杭州星河，kind=签约项目）"


def test_what_departments_report_is_printed_apart_and_never_judged(demo_run) -> None:
    report = run_report(demo_run.published)
    judged, rest = report.split("== 部门报送（未经认定，不与市定目标比较）")
    reported = rest.split("== 已读取的文件")[0]
    # The city's table holds the confirmed and estimated figures only: the bureau's 8 projects, 66.67%, 正常.
    projects = [line.split() for line in judged.splitlines() if "签约项目" in line]
    assert projects == [["2023", "12月", "签约项目", "市商务局认定", "11", "个", "10", "110%", "100%", "10", "达成"],
                        ["2024", "6月", "签约项目", "市商务局认定", "8", "个", "12", "66.67%", "50%", "16.67", "正常"]]
    # The departments' 16 projects (8 of them unconfirmed) apart, with no rate and no status: it read "133%, 达成".
    assert [line.split() for line in reported.splitlines() if "签约" in line] == [
        ["2023", "12月", "签约投资额", "1.6", "亿元", "2023-12-31"],
        ["2023", "12月", "签约项目", "1", "个", "2023-12-31"],
        ["2024", "6月", "签约投资额", "13.45", "亿元", "2024-06-30"],
        ["2024", "6月", "签约项目", "16", "个", "2024-06-30"]]
    assert not any(word in reported for word in ("达成", "正常", "落后", "%"))
