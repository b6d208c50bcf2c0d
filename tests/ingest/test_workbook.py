from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
import xlwt

from ingest.forms.common import broken_line_issues
from ingest.numbers import parse_number
from ingest.workbook import UnreadableFile, read_workbook


def test_xlsx_keeps_row_numbers_types_and_merges(tmp_path):
    path = tmp_path / "签约项目.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "签约项目"
    sheet["A2"] = "2024年上半年签约项目"
    sheet.merge_cells("A2:C2")
    sheet.append(["项目名称", "总投资（亿元）", "签约日期"])
    sheet.append(["智慧物流总部", 5.5, datetime(2024, 5, 8), datetime(2024, 5, 8, 14, 30)])
    sheet.append(["山外科技孵化", "", date(2024, 6, 3)])
    book.create_sheet("备注")["A1"] = "无"
    book.save(path)

    sheets = read_workbook(path).sheets

    assert list(sheets) == ["签约项目", "备注"]
    grid = sheets["签约项目"]
    assert grid[0] == [None] * 4  # row 1 is empty and still there
    assert grid[1] == ["2024年上半年签约项目", None, None, None]  # merged value only in the top-left cell
    assert grid[2] == ["项目名称", "总投资（亿元）", "签约日期", None]
    assert grid[3][0] == "智慧物流总部"
    assert grid[3][1] == 5.5
    assert grid[3][2] == date(2024, 5, 8)
    assert grid[3][3] == datetime(2024, 5, 8, 14, 30)
    assert grid[4][1] is None
    assert sheets["备注"] == [["无"]]


def test_legacy_xls(tmp_path):
    path = tmp_path / "old.xls"
    book = xlwt.Workbook()
    sheet = book.add_sheet("进出口")
    sheet.write(0, 0, "单位：万元")
    sheet.write(1, 0, "企业名称")
    sheet.write(1, 1, "海关编码")
    sheet.write(1, 2, "日期")
    sheet.write(2, 0, "漯河富元食品有限公司")
    sheet.write(2, 1, "0111924628")
    sheet.write(2, 2, date(2024, 5, 8), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    sheet.write(3, 0, 1116.12)
    book.save(str(path))

    grid = read_workbook(path).sheets["进出口"]

    assert grid[0][0] == "单位：万元"
    assert grid[2][:2] == ["漯河富元食品有限公司", "0111924628"]
    assert grid[2][2] in (date(2024, 5, 8), datetime(2024, 5, 8))
    assert grid[3][0] == 1116.12


def test_gbk_customs_csv_with_trailing_commas(tmp_path):
    path = tmp_path / "202401-202405.csv"
    lines = [
        '"数据年月","商品编码","商品名称","第一计量单位","人民币",',
        '"202405","01012100","改良种用马","-","1,116,120",',
        '"202405","02011000","整头及半头鲜或冷的牛肉","千克","35",',
    ]
    path.write_bytes("\r\n".join(lines).encode("gbk") + b"\r\n")

    grid = read_workbook(path).sheets

    assert list(grid) == ["202401-202405"]
    rows = grid["202401-202405"]
    assert rows[0] == ["数据年月", "商品编码", "商品名称", "第一计量单位", "人民币"]
    assert rows[1] == ["202405", "01012100", "改良种用马", "-", "1,116,120"]
    assert len(rows) == 3
    assert parse_number(rows[1][3]) is None  # '-' is an empty unit
    assert parse_number(rows[1][4]).value == Decimal(1116120)


def test_csv_keeps_a_column_that_has_a_header(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeff企业名称,备注\n漯河正腾商贸有限公司,\n".encode())
    assert read_workbook(path).sheets == {"bom": [["企业名称", "备注"], ["漯河正腾商贸有限公司", None]]}


def test_a_broken_csv_line_costs_that_line_only(tmp_path):
    path = tmp_path / "新城办-2024年第23周.csv"
    # UTF-8 by its BOM, an unclosed quote on line 2 and a byte no UTF-8 has on line 4.
    path.write_bytes("\ufeff线索名称,行业\n\"智慧物流,物流\n冷链仓储,物流\n食品加工,".encode() + b"\xff\n"
                     + "预制菜,食品\n".encode())

    book = read_workbook(path)

    assert book.sheets["新城办-2024年第23周"] == [
        ["线索名称", "行业"], [], ["冷链仓储", "物流"], [], ["预制菜", "食品"],
    ]
    assert [(line.line, line.rule) for line in book.broken] == [(2, "csv_format"), (4, "encoding")]
    # A department's CSV is told of its lines in words for any table, not a customs download's.
    issues = broken_line_issues("新城办-2024年第23周", book.broken)
    assert [(issue.row_number, issue.rule) for issue in issues] == [(2, "csv_format"), (4, "encoding")]
    assert not any("海关" in issue.message or "重新下载" in issue.message for issue in issues)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("report.pdf", b"%PDF-1.4", "不是可接收的表格类型"),
        ("text.xlsx", b"not a zip at all", "内容是文本"),
        ("broken.xlsx", b"PK\x03\x04 and then nothing a zip needs", "已损坏"),
        ("broken.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "已损坏"),
        ("web.xls", b"<html><table><tr><td>1</td></tr></table></html>", "网页文件"),
    ],
)
def test_unreadable_files_say_which_and_why(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFile, match=reason) as caught:
        read_workbook(path)
    assert name in str(caught.value)


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableFile, match="找不到文件"):
        read_workbook(tmp_path / "gone.xlsx")
