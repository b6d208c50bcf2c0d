"""Files are what their content says, whatever their extension."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.filetype import CSV, XLS, XLSX, identify, wrong_extension
from ingest.unreadable import UnreadableFile
from tests.hostile.files import Sheet, encrypted_workbook, sheet_xml, xls, xlsx


@pytest.mark.parametrize("name", ["a.xlsx", "a.xls", "a.csv"])
def test_a_workbook_is_a_workbook_under_any_name(tmp_path: Path, name: str) -> None:
    path = xlsx(tmp_path / name, [Sheet("S", sheet_xml([["a"]]))])
    assert identify(path) == XLSX
    assert (wrong_extension(path, XLSX) is None) == (name == "a.xlsx")


def test_legacy_and_text(tmp_path: Path) -> None:
    assert identify(xls(tmp_path / "a.xls", {"S": [["a"]]})) == XLS
    (tmp_path / "t.xls").write_text("指标名称\t认定值\n签约项目\t7\n", encoding="gbk")
    assert identify(tmp_path / "t.xls") == CSV
    assert "CSV文本" in wrong_extension(tmp_path / "t.xls", CSV)


@pytest.mark.parametrize(("content", "message"), [
    (b"", "是空的（0字节）"),
    (b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook/>', "Excel 2003 XML表格"),
    (b"\xef\xbb\xbf  <!DOCTYPE html><html><body><table></table></body></html>", "网页文件"),
    (b'<?xml version="1.0"?><data/>', "XML文件"),
    ("企业名称\n".encode("utf-16"), "UTF-16"),
])
def test_what_cannot_be_read_says_what_it_is(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.xls"
    path.write_bytes(content)
    with pytest.raises(UnreadableFile, match=message) as caught:
        identify(path)
    assert "x.xls" in str(caught.value)


def test_a_password_protected_workbook(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="设置了密码"):
        identify(encrypted_workbook(tmp_path / "locked.xlsx"))


def test_text_named_xlsx_is_refused_as_excel_refuses_it(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="扩展名改为.csv"):
        wrong_extension(tmp_path / "a.xlsx", CSV)
