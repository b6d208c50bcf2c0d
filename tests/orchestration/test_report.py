"""What `make run` prints: the completion table, the files read, and every problem with its reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from orchestration.definitions import build_definitions
from orchestration.report import checks_report, run_report
from tests.workbooks import KPI_HEADER, write_workbook


def test_the_report_names_every_problem_with_its_reason(home: Path) -> None:
    write_workbook(home / "landing" / "bureau" / "认定-2024年1-5月.xlsx", {"指标认定": [
        KPI_HEADER,
        ["进出口额", "2024年1-5月", "1,116.12", "万元", "认定", dt.date(2024, 6, 14)],
        ["外星指标", "2024年1-5月", 3, "个", "认定", dt.date(2024, 6, 14)],
    ]})
    (home / "landing" / "customs" / "坏文件.xlsx").write_bytes(b"not a workbook")

    result = build_definitions(str(home)).resolve_job_def("nightly").execute_in_process(raise_on_error=False)
    report = run_report(home / "warehouse" / "zhaoshang.duckdb")
    checks = checks_report(result.get_asset_check_evaluations())

    assert result.success
    assert "货物进出口额" in report and "1116.12" in report and "-20.61" in report
    assert "整体退回的文件 rejected files (1)" in report and "坏文件.xlsx" in report
    assert "隔离的行 quarantined rows (1)" in report and "外星指标" in report and "known_metric" in report
    assert "[ERROR] customs_files / files_readable" in checks
    assert "[WARN] bureau_files / rows_valid" in checks
