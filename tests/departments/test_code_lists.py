"""A value added to its code list, in schemas/codes.py and nowhere else, is offered by the template, accepted by the
form's rules and counted by the marts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl

from ingest.forms.template import main
from schemas import codes
from tests.build import build_warehouse, open_warehouse
from tests.departments.books import workbook, write_xlsx


def _offered(path: Path, sheet: str) -> list[str]:
    [validation] = openpyxl.load_workbook(path)[sheet].data_validations.dataValidation
    return validation.formula1.strip('"').split(",")


def test_a_lead_status_added_to_its_list_is_offered_accepted_and_counted(dept_home: Path, monkeypatch) -> None:
    lead_status = codes.LISTS["lead_status"]
    visited = codes.Code("已考察", ("考察过",), valuable=True, stage="在谈")
    monkeypatch.setitem(codes.LISTS, "lead_status",
                        dataclasses.replace(lead_status, codes=(*lead_status.codes, visited)))

    template = dept_home / "template.xlsx"
    main(["--department", "经发局", "--period", "2024-W23", "--out", str(template)])
    assert "已考察" in _offered(template, "线索")

    june_4 = dt.date(2024, 6, 4)
    write_xlsx(dept_home / "landing" / "departments" / "经发局-2024年第23周.xlsx", workbook(leads=[
        [1, "冷链物流中心项目", "郑州华瑞供应链有限公司", "现代物流", 1.5, "郑州", june_4, "考察过"],
        [2, "文旅综合体项目", "嘉禾文旅发展有限公司", "文化旅游", None, "许昌", june_4, "线索"],
    ]))
    [load] = build_warehouse(dept_home, sources=("departments",))

    assert (load.status, load.rows_accepted, load.rows_rejected) == ("loaded", 2, 0)
    with open_warehouse(dept_home) as con:
        assert con.execute("SELECT lead_name, latest_status, valuable FROM marts.department_leads ORDER BY 1"
                           ).fetchall() == [("冷链物流中心项目", "已考察", True), ("文旅综合体项目", "线索", False)]
        assert con.execute("SELECT valuable_leads_ytd FROM marts.department_weekly WHERE department_code = 'D02'"
                           ).fetchall() == [(1,)]
        assert con.execute("SELECT stage FROM marts.project_pipeline WHERE project_name = '冷链物流中心项目'"
                           ).fetchall() == [("在谈",)]


def test_a_value_outside_the_list_is_quarantined_naming_the_allowed_ones(dept_home: Path) -> None:
    write_xlsx(dept_home / "landing" / "departments" / "经发局-2024年第23周.xlsx", workbook(leads=[
        [1, "冷链物流中心项目", "郑州华瑞供应链有限公司", "现代物流", 1.5, "郑州", dt.date(2024, 6, 4), "已考察"]]))
    build_warehouse(dept_home, sources=("departments",))
    with open_warehouse(dept_home) as con:
        [(rule, message)] = con.execute("SELECT rule, message FROM audit.quarantine").fetchall()
    assert rule == "allowed_values" and "线索、在谈、已签约、已放弃" in message
