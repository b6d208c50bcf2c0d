"""The enterprise monthly table: units, 合计 reconciliation, roster matching, 当月 from 累计, reloads, flags."""

from __future__ import annotations

import csv
import os
from decimal import Decimal as D
from pathlib import Path

import pytest

from ingest import bounds
from ingest.forms.customs import read_customs_file
from ingest.forms.reference import load_reference
from ingest.unreadable import UnreadableFile
from tests.customs.conftest import FUYUAN, OUTSIDER, ZHENGTENG, ZHENMAO, cumulative_table, monthly_table
from tests.workbooks import write_workbook
from warehouse.checks import sql_checks

MAY_ROWS = [
    (*FUYUAN[:1], FUYUAN[3], FUYUAN[2], 60.68, 296.58, 42.48, 207.61, 18.20, 88.97),
    ("正腾商贸", None, None, "31.21", "93.64", "12.48", "37.46", "18.73", "56.18"),  # alias, numbers as text
    (OUTSIDER[0], OUTSIDER[3], OUTSIDER[2], 55.14, 203.20, 33.08, 121.92, 22.06, 81.28),
]
MAY_TOTAL = (147.03, 593.42, 88.04, 366.99, 58.99, 226.43)


def _table(home: Path, name: str, grid: list[list[object]]) -> Path:
    return write_workbook(home / "landing" / "customs" / name, {"Sheet1": grid})


def _check(con, name: str) -> list[tuple]:
    [check] = [c for c in sql_checks() if c.name == name]
    return [tuple(row) for row in check.failing_rows(con).itertuples(index=False)]


def test_a_table_that_adds_up_loads_in_wan_yuan_and_keeps_outsiders_apart(trade_home: Path, build) -> None:
    _table(trade_home, "2024年1-5月西城区企业进出口情况.xlsx", monthly_table(2024, 5, "万元", MAY_ROWS, MAY_TOTAL))

    [outcome], con = build(trade_home)

    assert (outcome.status, outcome.rows_read, outcome.rows_accepted, outcome.message) == ("loaded", 3, 3, None)
    assert con.execute("SELECT year, month, total_wan_yuan, total_ytd_wan_yuan FROM marts.trade_monthly").fetchall() \
        == [(2024, 5, D("91.8900"), D("390.2200"))]
    assert con.execute(
        "SELECT enterprise_name, total_wan_yuan, total_ytd_wan_yuan, new_this_year FROM marts.trade_by_enterprise"
    ).fetchall() == [("漯河富元食品有限公司", D("60.6800"), D("296.5800"), False),
                     ("漯河正腾商贸有限公司", D("31.2100"), D("93.6400"), False)]
    assert con.execute(
        "SELECT file_name, row_number, enterprise_name, customs_code, uscc, total_wan_yuan FROM marts.trade_unmatched"
    ).fetchall() == [("2024年1-5月西城区企业进出口情况.xlsx", 7, OUTSIDER[0], OUTSIDER[3], OUTSIDER[2], D("55.1400"))]
    assert _check(con, "info_trade_total_mismatch") == []


def test_rows_that_do_not_add_up_to_the_total_row_are_flagged(trade_home: Path, build) -> None:
    wrong_total = (147.03, 600.00, 88.04, 366.99, 58.99, 226.43)
    path = _table(trade_home, "2024年1-5月西城区企业进出口情况.xlsx",
                  monthly_table(2024, 5, "万元", MAY_ROWS, wrong_total))

    parsed = read_customs_file(path, load_reference(trade_home / "reference"))
    [outcome], con = build(trade_home)

    [(sheet, rule, message)] = parsed.findings
    assert (sheet, rule) == ("Sheet1", "total_mismatch")
    assert "进出口/1-5月累计" in message and "600" in message and "593.42" in message
    assert outcome.rows_accepted == 3 and "合计" in outcome.message
    [(file_name, _sheet, _message)] = _check(con, "info_trade_total_mismatch")
    assert file_name == "2024年1-5月西城区企业进出口情况.xlsx"


def test_yuan_and_thousand_dollar_tables_convert_to_wan_yuan_with_the_months_rate(trade_home: Path) -> None:
    reference = load_reference(trade_home / "reference")
    in_yuan = _table(trade_home, "2024年1-5月西城区企业进出口情况.xlsx", monthly_table(
        2024, 5, "元", [(*FUYUAN[:1], FUYUAN[3], FUYUAN[2], 606800, 2965800, 424800, 2076100, 182000, 889700)], None))
    in_kusd = _table(trade_home, "2024年1月西城区企业进出口情况.xlsx", monthly_table(
        2024, 1, "千美元", [(*FUYUAN[:1], FUYUAN[3], FUYUAN[2], 100, 100, 80, 80, 20, 20)], None))

    [yuan] = read_customs_file(in_yuan, reference).tables["raw.customs_enterprise_monthly"]
    [kusd] = read_customs_file(in_kusd, reference).tables["raw.customs_enterprise_monthly"]

    assert yuan.loc[0, ["total_ytd_wan_yuan", "export_ytd_wan_yuan", "unit_as_written"]].tolist() == \
        [D("296.58"), D("207.61"), "元"]
    # 100千美元 at 7.1250 = 712,500元 = 71.25万元
    assert kusd.loc[0, ["total_month_wan_yuan", "import_ytd_wan_yuan", "unit_as_written"]].tolist() == \
        [D("71.25"), D("14.25"), "千美元"]


def test_monthly_flow_is_the_difference_of_cumulative_figures(trade_home: Path, build) -> None:
    _table(trade_home, "2024年1月西城区企业进出口情况.xlsx",
           cumulative_table(2024, 1, [(FUYUAN[0], FUYUAN[3], FUYUAN[2], 100.00, 70.00, 30.00)]))
    _table(trade_home, "2024年1-2月西城区企业进出口情况.xlsx",
           cumulative_table(2024, 2, [(FUYUAN[0], FUYUAN[3], FUYUAN[2], 180.50, 120.50, 60.00)]))

    _outcomes, con = build(trade_home)

    assert con.execute(
        "SELECT month, export_wan_yuan, import_wan_yuan, total_wan_yuan, total_ytd_wan_yuan FROM marts.trade_monthly"
    ).fetchall() == [(1, D("70.0000"), D("30.0000"), D("100.0000"), D("100.0000")),
                     (2, D("50.5000"), D("30.0000"), D("80.5000"), D("180.5000"))]
    assert _check(con, "trade_cumulative_not_falling") == []
    assert _check(con, "info_trade_missing_month") == []


def test_a_falling_cumulative_figure_is_an_error_on_its_row(trade_home: Path, build) -> None:
    _table(trade_home, "2024年1月西城区企业进出口情况.xlsx",
           cumulative_table(2024, 1, [(FUYUAN[0], FUYUAN[3], FUYUAN[2], 100.00, 70.00, 30.00)]))
    _table(trade_home, "2024年1-2月西城区企业进出口情况.xlsx",
           cumulative_table(2024, 2, [(ZHENGTENG[0], None, None, 5.00, 5.00, 0),
                                      (FUYUAN[0], FUYUAN[3], FUYUAN[2], 90.00, 60.00, 30.00)]))

    _outcomes, con = build(trade_home)

    assert _check(con, "trade_cumulative_not_falling") == [
        (2024, 2, "2024年1-2月西城区企业进出口情况.xlsx", 6, FUYUAN[0], D("90.0000"), D("100.0000"))]
    # Named with its file and row on a warning check; the rest of the warehouse is still published.
    assert not [c for c in sql_checks() if c.name == "trade_cumulative_not_falling"][0].blocking
    # Nothing is made up for the month: its flow is unknown, the 累计 stands as reported.
    assert con.execute("SELECT total_wan_yuan, total_ytd_wan_yuan FROM marts.trade_monthly WHERE month = 2"
                       ).fetchall() == [(None, D("95.0000"))]


def test_a_missing_month_is_reported_not_guessed(trade_home: Path, build) -> None:
    _table(trade_home, "2024年1月西城区企业进出口情况.xlsx",
           cumulative_table(2024, 1, [(FUYUAN[0], FUYUAN[3], FUYUAN[2], 100.00, 70.00, 30.00)]))
    _table(trade_home, "2024年1-3月西城区企业进出口情况.xlsx",
           cumulative_table(2024, 3, [(FUYUAN[0], FUYUAN[3], FUYUAN[2], 250.00, 170.00, 80.00)]))

    _outcomes, con = build(trade_home)

    assert _check(con, "info_trade_missing_month") == [(2024, 2)]
    assert con.execute("SELECT month, total_wan_yuan, total_ytd_wan_yuan FROM marts.trade_monthly").fetchall() == [
        (1, D("100.0000"), D("100.0000")), (3, None, D("250.0000"))]


def test_reloading_a_month_replaces_that_month_only(trade_home: Path, build) -> None:
    _table(trade_home, "2024年1月西城区企业进出口情况.xlsx",
           cumulative_table(2024, 1, [(FUYUAN[0], FUYUAN[3], FUYUAN[2], 100.00, 70.00, 30.00)]))
    first_feb = _table(trade_home, "2024年1-2月西城区企业进出口情况.xlsx",
                       cumulative_table(2024, 2, [(FUYUAN[0], FUYUAN[3], FUYUAN[2], 180.50, 120.50, 60.00)]))
    build(trade_home)
    corrected = _table(trade_home, "2024年1-2月西城区企业进出口情况（更正）.xlsx",
                       cumulative_table(2024, 2, [(FUYUAN[0], FUYUAN[3], FUYUAN[2], 190.00, 125.00, 65.00)]))
    os.utime(corrected, ns=(first_feb.stat().st_mtime_ns + 10**9,) * 2)

    [outcome], con = build(trade_home)

    assert outcome.file_name == corrected.name
    assert con.execute("SELECT file_name, status FROM audit.loads ORDER BY load_id").fetchall() == [
        ("2024年1月西城区企业进出口情况.xlsx", "loaded"),
        ("2024年1-2月西城区企业进出口情况.xlsx", "superseded"),
        ("2024年1-2月西城区企业进出口情况（更正）.xlsx", "loaded")]
    assert con.execute("SELECT month, total_wan_yuan, total_ytd_wan_yuan FROM marts.trade_monthly").fetchall() == [
        (1, D("100.0000"), D("100.0000")), (2, D("90.0000"), D("190.0000"))]


def test_stopped_sharp_fall_and_new_enterprises_are_flagged(trade_home: Path, build) -> None:
    _table(trade_home, "2023年1-5月西城区企业进出口情况.xlsx", cumulative_table(2023, 5, [
        (ZHENMAO[0], ZHENMAO[3], ZHENMAO[2], 500.00, 400.00, 100.00),
        (FUYUAN[0], FUYUAN[3], FUYUAN[2], 400.00, 300.00, 100.00)]))
    _table(trade_home, "2024年1-5月西城区企业进出口情况.xlsx", cumulative_table(2024, 5, [
        (FUYUAN[0], FUYUAN[3], FUYUAN[2], 200.00, 150.00, 50.00),
        (ZHENGTENG[0], ZHENGTENG[3], ZHENGTENG[2], 50.00, 20.00, 30.00)]))

    _outcomes, con = build(trade_home)

    assert con.execute(
        "SELECT enterprise_name, total_ytd_wan_yuan, yoy_change, stopped, sharp_fall, new_this_year "
        "FROM marts.trade_by_enterprise WHERE year = 2024 ORDER BY enterprise_name"
    ).fetchall() == [
        ("漯河富元食品有限公司", D("200.0000"), D("-0.5000"), False, True, False),
        ("漯河正腾商贸有限公司", D("50.0000"), None, False, False, True),
        ("漯河臻茂实业有限公司", D("0.0000"), D("-1.0000"), True, False, False),
    ]
    assert con.execute("SELECT total_ytd_wan_yuan, total_ytd_last_year_wan_yuan, yoy_change FROM marts.trade_monthly "
                       "WHERE year = 2024").fetchall() == [(D("250.0000"), D("900.0000"), D("-0.7222"))]


def test_a_january_table_headed_1yue_leiji_loads(trade_home: Path) -> None:
    """January's table often reads 「1月累计」 rather than 「1-1月累计」."""
    grid = cumulative_table(2024, 1, [(FUYUAN[0], FUYUAN[3], FUYUAN[2], 100.00, 70.00, 30.00)])
    grid[3] = [None if cell is None else str(cell).replace("1-1月累计", "1月累计") for cell in grid[3]]
    path = _table(trade_home, "2024年1月西城区企业进出口情况.xlsx", grid)

    parsed = read_customs_file(path, load_reference(trade_home / "reference"))

    [frame] = parsed.tables["raw.customs_enterprise_monthly"]
    assert (parsed.rows_read, parsed.issues) == (1, [])
    assert frame["total_ytd_wan_yuan"].tolist() == [D("100")]


def test_a_roster_name_written_with_spaces_brackets_and_full_width_forms_is_the_roster_enterprise(
        trade_home: Path, build) -> None:
    rows = [("漯河 富元食品（有限公司）", None, None, 60.68, 296.58, 42.48, 207.61, 18.20, 88.97),
            ("正腾商贸", None, None, 31.21, 93.64, 12.48, 37.46, 18.73, 56.18)]
    _table(trade_home, "2024年1-5月西城区企业进出口情况.xlsx", monthly_table(2024, 5, "万元", rows, None))

    _, con = build(trade_home)
    assert con.execute("SELECT enterprise_name FROM marts.trade_by_enterprise ORDER BY 1").fetchall() == [
        ("漯河富元食品有限公司",), ("漯河正腾商贸有限公司",)]
    assert con.execute("SELECT count(*) FROM marts.trade_unmatched").fetchone() == (0,)


def test_rows_naming_the_same_enterprise_twice_are_a_finding_naming_the_rows(trade_home: Path, build) -> None:
    again = (FUYUAN[0], FUYUAN[3], FUYUAN[2], 60.68, 296.58, 42.48, 207.61, 18.20, 88.97)
    by_alias = ("富元食品", None, None, 1.00, 2.00, 1.00, 2.00, 0, 0)  # the same enterprise by name only
    path = _table(trade_home, "2024年1-5月西城区企业进出口情况.xlsx",
                  monthly_table(2024, 5, "万元", [*MAY_ROWS, again], None))
    other = _table(trade_home, "2024年1-4月西城区企业进出口情况.xlsx",
                   monthly_table(2024, 4, "万元", [MAY_ROWS[1], by_alias, MAY_ROWS[1]], None))

    parsed = read_customs_file(path, load_reference(trade_home / "reference"))
    outcomes, con = build(trade_home)

    [(sheet, rule, message)] = parsed.findings
    assert (sheet, rule) == ("Sheet1", "duplicate_rows")
    assert "第5、8行是同一家企业（漯河富元食品有限公司）" in message and "重复计算" in message
    # a finding, not a rejection: both rows stay as written, for the clerk to say which is right
    assert {(o.file_name, o.rows_accepted) for o in outcomes} == {(path.name, 4), (other.name, 3)}
    assert "第5、7行" in {o.file_name: o.message for o in outcomes}[other.name]
    assert con.execute("SELECT rule, count(*) FROM audit.file_findings GROUP BY rule").fetchall() == [
        ("duplicate_rows", 2)]


def test_a_csv_table_quarantines_each_line_it_cannot_read_and_keeps_every_other_line_numbered(
        trade_home: Path, build) -> None:
    grid = monthly_table(2024, 5, "万元", [*MAY_ROWS[:2], (ZHENMAO[0], ZHENMAO[3], ZHENMAO[2], 1, 1, 1, 1, 0, 0)],
                         None)
    lines = [",".join("" if cell is None else f'"{cell}"' for cell in row).encode("gbk") for row in grid]
    # lines 1-4: title, unit, two header rows; 5-7: the three enterprises; 8: the footer
    lines[5] = lines[5].replace("正腾商贸".encode("gbk"), b'"\xff') + b"\x00"  # a stray quote, a NUL, no GBK
    lines.insert(6, b"")  # a blank line: 正腾 was line 6, 臻茂 is now line 8
    lines.insert(7, '"6","漯河富元食品有限公司",,,"西城区","未完'.encode("gbk"))  # a quote that never closes
    path = trade_home / "landing" / "customs" / "2024年1-5月西城区企业进出口情况.csv"
    path.write_bytes(b"\r\n".join(lines) + b"\r\n")

    [outcome], con = build(trade_home)

    assert (outcome.status, outcome.rows_read, outcome.rows_accepted, outcome.rows_rejected) == ("loaded", 4, 2, 2)
    assert con.execute("SELECT row_number, enterprise_name FROM raw.customs_enterprise_monthly ORDER BY 1"
                       ).fetchall() == [(5, FUYUAN[0]), (9, ZHENMAO[0])]
    assert con.execute("SELECT row_number, rule FROM audit.quarantine ORDER BY 1").fetchall() == [
        (6, "encoding"), (8, "csv_format")]
    assert con.execute("SELECT value FROM audit.quarantine WHERE row_number = 8").fetchone() == (
        '"6","漯河富元食品有限公司",,,"西城区","未完',)


def test_a_line_break_typed_inside_a_csv_cell_is_one_record(trade_home: Path, build) -> None:
    grid = monthly_table(2024, 5, "万元", MAY_ROWS[:1], None)
    text = "".join(",".join("" if cell is None else f'"{cell}"' for cell in row) + "\r\n" for row in grid)
    path = trade_home / "landing" / "customs" / "2024年1-5月西城区企业进出口情况.csv"
    path.write_bytes(text.replace('"1-5月累计"', '"1-5月\r\n累计"', 1).encode("gbk"))

    [outcome], con = build(trade_home)

    assert (outcome.rows_read, outcome.rows_accepted, outcome.rows_rejected) == (1, 1, 0)
    # the header's cell runs over lines 4 and 5: the enterprise is line 6, as an editor shows it
    assert con.execute("SELECT row_number, total_ytd_wan_yuan FROM raw.customs_enterprise_monthly").fetchall() == [
        (6, D("296.5800"))]


def test_an_enterprise_table_saved_as_csv_is_bounded_like_any_workbook(trade_home: Path, monkeypatch) -> None:
    grid = cumulative_table(2024, 1, [(FUYUAN[0], FUYUAN[3], FUYUAN[2], 100.00, 70.00, 30.00)])
    path = trade_home / "landing" / "customs" / "2024年1月西城区企业进出口情况.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out).writerows(["" if cell is None else cell for cell in row] for row in grid)
    reference = load_reference(trade_home / "reference")
    assert read_customs_file(path, reference).rows_read == 1
    monkeypatch.setattr(bounds, "MAX_FILE_BYTES", path.stat().st_size - 1)  # a limit this file just breaks

    with pytest.raises(UnreadableFile, match="file too large"):
        read_customs_file(path, reference)
