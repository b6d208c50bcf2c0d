"""The portal's parts on their own: the operator's account commands, the marked workbook, the names it writes,
the warnings beside the verdict, and the loader reading who sent a file."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import duckdb
from openpyxl import load_workbook

from portal.delivery import deliver, landing_name
from portal.marking import mark
from portal.published import Published
from portal.verdict import figure_warnings, period_warnings
from tests.build import build_warehouse, database
from tests.portal.server import portal_command
from tests.portal.workbooks import workbook


def test_the_operator_manages_accounts_from_the_shell(home: Path) -> None:
    add = portal_command(home, "user", "add", "jingfa", "--role", "clerk", "--department", "经发局",
                         stdin="a-long-password-1\n")
    assert add.returncode == 0 and "D02" in add.stdout
    unknown = portal_command(home, "user", "add", "x", "--role", "clerk", "--department", "宣传部",
                             stdin="a-long-password-1\n")
    assert unknown.returncode == 1 and "部门「宣传部」不在部门名单中" in unknown.stderr
    weak = portal_command(home, "user", "add", "y", "--role", "operator", stdin="123\n")
    assert weak.returncode == 1 and "密码不合格" in weak.stderr
    assert portal_command(home, "user", "password", "jingfa", stdin="another-password-2\n").returncode == 0
    assert portal_command(home, "user", "disable", "jingfa").returncode == 0
    listing = portal_command(home, "user", "list").stdout.splitlines()
    assert listing == ["jingfa\tclerk\tD02\t停用\t-"]
    with sqlite3.connect(home / "portal" / "portal.sqlite3") as con:  # stored with Argon2id, never as typed
        [(stored,)] = con.execute("SELECT password FROM auth_user").fetchall()
    assert stored.startswith("argon2$argon2id$") and "another-password-2" not in stored
    assert (home / "portal" / "secret_key").stat().st_mode & 0o777 == 0o600


def test_the_marked_workbook_fills_and_explains_each_bad_cell_and_writes_no_formula(tmp_path: Path) -> None:
    original = workbook(tmp_path / "wb.xlsx", status="差不多谈妥了")
    book = load_workbook(original)
    book["线索"]["B2"] = "=HYPERLINK(\"http://example.com\",\"x\")"
    book["线索"]["B2"].data_type = "s"  # text that looks like a formula, as a clerk may type it
    book["线索"]["C2"] = "=1+1"  # a formula of the clerk's own
    book.save(original)
    cells = [{"sheet": "线索", "row_number": 2, "column_name": "状态", "value": "差不多谈妥了",
              "message": "「差不多谈妥了」不是可选的线索状态"},
             {"sheet": "线索", "row_number": 2, "column_name": "投资方", "value": "=1+1", "message": "=SUM(A1)"}]
    marked = load_workbook(mark(original, cells, tmp_path / "marked.xlsx"))
    status = marked["线索"]["H2"]
    assert status.fill.fgColor.rgb == "00FFC7CE" and status.comment.text == "状态：「差不多谈妥了」不是可选的线索状态"
    assert marked["线索"]["B2"].value.startswith("=HYPERLINK") and marked["线索"]["B2"].data_type == "s"
    assert marked["线索"]["C2"].data_type != "f"
    assert marked.sheetnames == ["基本信息", "线索"]  # nothing added: it can be fixed and sent back as it is
    listed = load_workbook(mark(tmp_path / "wb.csv", cells, tmp_path / "list.xlsx"))["问题清单"]
    assert [c.value for c in listed[3]] == ["线索", 2, "投资方", "=1+1", "=SUM(A1)"]
    assert all(c.data_type == "s" for c in listed[3] if isinstance(c.value, str))


def test_the_landing_name_is_the_portals_own() -> None:
    assert landing_name(12, "D02", "2024-W27", ".xlsx") == "portal-000012-D02-2024-W27.xlsx"
    assert landing_name(3, "", "../../etc/年月", ".csv") == "portal-000003-etc.csv"


def test_warnings_a_person_should_see_before_sending() -> None:
    as_of = dt.date(2024, 7, 15)
    assert "还没有到" in period_warnings(dt.date(2024, 7, 22), dt.date(2024, 7, 28), as_of)[0]
    assert "距今超过12周" in period_warnings(dt.date(2024, 1, 1), dt.date(2024, 1, 7), as_of)[0]
    assert period_warnings(dt.date(2024, 7, 8), dt.date(2024, 7, 14), as_of) == []
    previous = {"period": "2024-W26", "leads": 3, "signed_projects": 1, "registered_enterprises": 2}
    replaced = {"period": "2024-W27", "leads": 30, "signed_projects": 2, "registered_enterprises": 0}
    warnings = figure_warnings({"leads": 30, "signed_projects": 1, "registered_enterprises": 2}, previous, replaced)
    assert warnings == [
        "本期线索30条，是上次报告（2024-W26，3条）的10倍以上，请核对是否把累计数当成了本期数 "
        "(ten times the previous report)",
        "本期签约项目1条，少于已报送的同期报表（2条）：报送后年初至今累计签约项目将减少，请确认是有意更正 "
        "(a year-to-date figure would go down)"]
    assert figure_warnings({"leads": 5}, previous, None) == []


def test_the_loader_names_who_sent_each_file(home: Path, tmp_path: Path) -> None:
    folder = home / "landing" / "departments"
    sent = workbook(tmp_path / "wb.xlsx")
    deliver(sent, folder, "portal-000001-D02-2024-W27.xlsx", {"login": "jingfa", "original_name": "../x.xlsx"})
    workbook(folder / "财金局-2024年第27周.xlsx", department="财政金融局")
    assert json.loads((folder / ".portal" / "portal-000001-D02-2024-W27.xlsx.json").read_text())["login"] == "jingfa"
    assert not [p for p in (folder / ".portal").iterdir() if p.name.endswith(".tmp")]
    build_warehouse(home, ("departments",))
    con = duckdb.connect(str(database(home)), read_only=True)
    assert con.execute("SELECT file_name, status, submitted_by FROM audit.loads ORDER BY file_name").fetchall() == [
        ("portal-000001-D02-2024-W27.xlsx", "loaded", "jingfa"), ("财金局-2024年第27周.xlsx", "loaded", None)]
    assert con.execute("SELECT count(*) FROM audit.skipped_files").fetchone() == (0,)  # the manifests are not listed


def test_the_portal_reads_each_new_publication(tmp_path: Path) -> None:
    published = tmp_path / "zhaoshang.duckdb"

    def publish(leads: int) -> None:
        staging = tmp_path / "staging.duckdb"
        con = duckdb.connect(str(staging))
        con.execute("CREATE SCHEMA marts; CREATE TABLE marts.department_weekly AS SELECT 'D02' AS department_code,"
                    " 2024 AS iso_year, 27 AS week, true AS reported, ? AS leads, 0 AS signed_projects,"
                    " 0 AS registered_enterprises", [leads])
        con.close()
        os.replace(staging, published)  # as warehouse/publish.py does: a new file renamed over the old one

    publish(3)
    where = {"department": "D02", "year": 2024, "week": 27}
    assert Published(published).row("same_week_report", **where)["leads"] == 3
    publish(8)
    assert Published(published).row("same_week_report", **where)["leads"] == 8
    assert Published(tmp_path / "none.duckdb").rows("same_week_report", **where) == []
