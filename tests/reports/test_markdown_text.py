"""A name from a landing file reads as written in the Markdown briefing, on one line, and makes no heading, link or
HTML of it (issue 18, finding 4): through the real loader, warehouse and briefing."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from orchestration.definitions import ASSETS
from reports.monthly import write_month_reports
from reports.periods import Month
from tests.departments.books import workbook, write_xlsx
from tests.departments.conftest import write_reference
from warehouse.resource import Warehouse

HOSTILE = "恶意项目\n## 伪造的结论\n[点此下载](http://evil.example/x)<img src=x onerror=alert(1)>"


def test_a_project_name_with_markdown_and_html_is_text_in_the_briefing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    write_reference(home / "reference")
    write_xlsx(home / "landing" / "departments" / "经发局-2024年第26周.xlsx", workbook(
        period="2024年第26周", signed=[[1, HOSTILE, "某投资公司", 1.5, "2024-06-25", "集中签约", None, None]]))
    assert dg.materialize(ASSETS, resources={"warehouse": Warehouse(home=str(home))}).success

    made = write_month_reports(home / "warehouse" / "zhaoshang.duckdb", home / "reports", Month(2024, 6))

    lines = made.markdown.read_text(encoding="utf-8").splitlines()
    quoted = [line for line in lines if "恶意项目" in line]
    # In the department paragraph and among the projects the bureau has not confirmed, each time on its line.
    assert [line[:4] for line in quoted] == ["据各部门", "部门报送"]
    for line in quoted:
        assert "恶意项目 ## 伪造的结论 \\[点此下载\\](http\\://evil.example/x)\\<img src=x onerror=alert(1)\\>" in line
    assert [line for line in lines if line.startswith("#")] == [
        line for line in lines if line.startswith(("# ", "## （"))]  # the briefing's own headings only
    assert "<img" not in "".join(lines).replace("\\<img", "")
