"""The hostile corpus: every broken or malicious file of issue 8 that belongs to reading, each with the outcome it
must have. One table, so that the same files can be dropped beside the demo (`write_corpus(home)`) and the real
nightly job run over them.

An outcome is either the whole file rejected (`rejected`: a fragment of the clerk's message), or the file loaded
with `accepted` rows, the quarantined cells (sheet, Excel row, column as written, rule) and the file findings
(sheet, rule). Everything is built in code (tests/hostile/files.py); nothing is a binary fixture.

What the corpus accepts is dated 2019, names projects and leads no demo file names, closes its leads (已放弃) and
uses batches the demo does not, so that dropped beside the demo it leaves the demo's 2024 figures as they are.
"""

from __future__ import annotations

import codecs
import os
import random
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from tests.departments.books import ACTIVITY_HEADER, ENTERPRISE_HEADER, LEAD_HEADER, SIGNED_HEADER
from tests.hostile.files import (
    MB,
    Err,
    Sheet,
    encrypted_workbook,
    member,
    patch_record,
    repeated_member,
    sheet_xml,
    workbook_members,
    xls,
    xlsx,
    zip_bytes,
)
from tests.workbooks import KPI_HEADER, write_workbook
from tests.workbooks import PROJECT_HEADER as BUREAU_PROJECT_HEADER
from warehouse.landing import readable_name

Quarantined = tuple[str, int, str, str]  # (sheet, Excel row, column as written, rule)


@dataclass(frozen=True)
class Case:
    name: str
    source: str  # the landing folder: bureau | departments | customs
    file_name: str
    build: Callable[[Path], object]  # writes the file at the path it is given
    rejected: str | None = None  # a fragment of the message rejecting the whole file
    accepted: int = 0
    quarantined: frozenset[Quarantined] = field(default_factory=frozenset)
    findings: frozenset[tuple[str | None, str]] = field(default_factory=frozenset)  # (sheet, rule)

    @property
    def rows_rejected(self) -> int:
        return len({(sheet, row) for sheet, row, _, _ in self.quarantined})


def write_corpus(home: Path) -> list[Case]:
    """Every case's file, in landing/<source>/ of the home."""
    for case in CASES:
        case.build(home / "landing" / case.source / case.file_name)
    return CASES


def outcomes_unlike_their_cases(con: duckdb.DuckDBPyConnection) -> list[str]:
    """What the warehouse recorded for each corpus file (audit.loads, quarantine, findings) that is not what its
    case says; also every load, corpus or not, whose rows do not add up."""
    loads = {(source, name): (load_id, status, read, accepted, rejected, message)
             for load_id, source, name, status, read, accepted, rejected, message in con.execute(
                 "SELECT load_id, source, file_name, status, rows_read, rows_accepted, rows_rejected, message"
                 " FROM audit.loads").fetchall()}
    quarantine = con.execute("SELECT load_id, sheet, row_number, column_name, rule FROM audit.quarantine").fetchall()
    findings = con.execute("SELECT load_id, sheet, rule FROM audit.file_findings").fetchall()
    wrong = [f"{name}: {read} rows read, {accepted} + {rejected} accounted for"
             for name, read, accepted, rejected in con.execute(
                 "SELECT file_name, rows_read, rows_accepted, rows_rejected FROM audit.loads"
                 " WHERE rows_read <> rows_accepted + rows_rejected").fetchall()]
    for case in CASES:
        recorded = (case.source, readable_name(case.file_name))
        if recorded not in loads:
            wrong.append(f"{case.name}: not recorded")
            continue
        load_id, status, read, accepted, rejected, message = loads[recorded]
        if case.rejected:
            if (status, read) != ("rejected", 0) or case.rejected not in message:
                wrong.append(f"{case.name}: {status}, {message!r}")
            continue
        got = (status, accepted, rejected, {row[1:] for row in quarantine if row[0] == load_id},
               {row[1:] for row in findings if row[0] == load_id})
        if got != ("loaded", case.accepted, case.rows_rejected, case.quarantined, case.findings):
            wrong.append(f"{case.name}: {got}")
    return wrong


# --- the forms, well made, as the hostile files bend them ------------------------------------------------------

KPI_TITLE = ["2019年1-5月招商引资指标认定表"]
KPI_ROW = ["签约项目", "1-5月", 7, "个", "认定", "2019-06-14"]
PROJECT_HEADER = BUREAU_PROJECT_HEADER[:8]  # a short list: the bureau's first eight columns
LEAD = [1, "语料线索项目", "语料食品有限公司", "食品", 1.5, "郑州", "2019-06-04", "已放弃", None]
ACTIVITY = [1, "2019-06-05", "外出招商", "郑州", 3, "王局长", "对接食品企业"]


def kpi_sheet(*rows: list[object]) -> list[list[object]]:
    return [KPI_TITLE, KPI_HEADER, *rows]


def department(name: str = "经发局", period: str = "2019年第23周", leads: list[list[object]] = (),
               activities: list[list[object]] = (), signed: list[list[object]] = (),
               enterprises: list[list[object]] = ()) -> dict[str, list[list[object]]]:
    """A department workbook in the template's layout: 基本信息 and the four forms, header in row 1."""
    return {"基本信息": [["填报单位", name], ["报告期", period], ["填报人", "王磊"]],
            "线索": [LEAD_HEADER, *leads], "签约项目": [SIGNED_HEADER, *signed],
            "注册企业": [ENTERPRISE_HEADER, *enterprises], "招商活动": [ACTIVITY_HEADER, *activities]}


def customs_table(month: int, *rows: list[object]) -> list[list[object]]:
    """The enterprise monthly table: title with the period, unit line, two-row header, rows (name, customs code,
    USCC, then 本月 and 1-N月累计 of 进出口, 出口, 进口) from row 5."""
    ytd = f"1-{month}月累计"
    return [[f"2019年1-{month}月西城区企业进出口情况"], ["单位：万元"],
            ["序号", "企业名称", "海关编码", "统一社会信用代码", "进出口", None, "出口", None, "进口", None],
            [None, None, None, None, "本月", ytd, "本月", ytd, "本月", ytd],
            *([n, *row] for n, row in enumerate(rows, start=1))]


ZHENGTENG = ["漯河正腾商贸有限公司", "4111379754", "91411102909378654A"]
ZHENMAO = ["漯河臻茂实业有限公司", "4111990830", "9141110052601815XC"]


def _unit_in_footer(month: int, *rows: list[object]) -> list[list[object]]:
    """The customs table with its unit under the table instead of above it, after a footer row of 1,500 cells each
    saying 单位 over and over and no unit (one cell breaks its line): a header search that rescanned the rest of a
    line for each 单位 took minutes over that row (issue 18, finding 3)."""
    title, _unit, *table = customs_table(month, *rows)
    trap = ["单位 :- " * 23] * 1499 + ["注\n完"]
    return [title, *table, ["资料来源：海关"], trap, ["单位：万元"]]


def book(sheets: dict[str, list[list[object]]], states: dict[str, str] | None = None) -> Callable[[Path], Path]:
    """An .xlsx by openpyxl (as Excel writes one); `states` hides sheets ('hidden' or 'veryHidden'). Text equal to
    an Excel error ('#DIV/0!') becomes an error cell."""
    return lambda path: write_workbook(path, sheets, states=states)


def raw(sheets: list[Sheet], extra: list = ()) -> Callable[[Path], Path]:
    return lambda path: xlsx(path, sheets, list(extra))


def data(content: bytes) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return path
    return build


def text(content: str, encoding: str) -> Callable[[Path], Path]:
    return data(content.encode(encoding))


def cut(builder: Callable[[Path], Path], keep: float) -> Callable[[Path], Path]:
    """The file as a copy interrupted after `keep` of its bytes."""
    def build(path: Path) -> Path:
        builder(path)
        content = path.read_bytes()
        path.write_bytes(content[:int(len(content) * keep)])
        return path
    return build


def flipped(builder: Callable[[Path], Path], marker: bytes) -> Callable[[Path], Path]:
    """The file with one byte of the member after `marker` (its name in the local header) changed."""
    def build(path: Path) -> Path:
        builder(path)
        content = bytearray(path.read_bytes())
        at = content.index(marker) + len(marker) + 20
        content[at] ^= 0x55
        path.write_bytes(bytes(content))
        return path
    return build


def _bureau(*rows: list[object]) -> list[Sheet]:
    return [Sheet("指标认定", sheet_xml(kpi_sheet(*rows)))]


def _spaces(megabytes: int) -> bytes:
    return b" " * MB if megabytes else b""


def _noise(seed: int, share: float) -> bytes:
    """A megabyte that deflates about as well as a real sheet: `share` of it random."""
    rng = random.Random(seed)
    chunk = bytearray(b"0" * MB)
    for i in rng.sample(range(MB), int(MB * share)):
        chunk[i] = rng.randrange(256)
    return bytes(chunk)


_HEAD = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/' \
        b'2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
_TAIL = b"</t></is></c></row></sheetData></worksheet>"
_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;'
           b'&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'
           b'&lol2;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>')
_HTML = ('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head><body>'
         '<table><tr><td>指标名称</td><td>认定值</td></tr><tr><td>签约项目</td><td>7</td></tr></table></body></html>')
_SPREADSHEET_ML = ('<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
                   '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="指标认定">'
                   '<Table><Row><Cell><Data ss:Type="String">指标名称</Data></Cell></Row></Table></Worksheet>'
                   '</Workbook>')
_KPI_CSV = "指标名称,统计期,认定值,单位,口径,认定日期\r\n签约项目,2019年1-5月,7,个,认定,2019-06-14\r\n"
_PLATFORM_CSV = '"数据年月","商品编码","商品名称","第一数量","第一计量单位","人民币",\r\n' \
                '"201905","01012100","改良种用马","3","千克","1,116,120",\r\n'


# Issue 17, point 6: a platform download DuckDB cannot hold, or reads once its line ends are understood.
_PLATFORM_WIDE = ",".join(f'"{h}"' for h in ["数据年月", "商品编码", "商品名称", "第一数量", "第一计量单位", "人民币",
                                                *(f"备注{n}" for n in range(10_000))]) + ",\r\n" + \
                 '"201905","01012100","改良种用马","3","千克","1,116,120",\r\n'
_PLATFORM_LONG_FIELD = _PLATFORM_CSV + '"201905","01012200","' + "马" * 1_500_000 + '","3","千克","7",\r\n' + \
                       '"201905","01019000","其他马","3","千克","2,000",\r\n'
# A name as an archive unpacked on Chinese Windows leaves it: GBK bytes, not UTF-8 (issue 17, point 6).
GBK_NAME = os.fsdecode("经发局-2019年第31周.xlsx".encode("gbk"))

_PREFIXED_FAR_CELL = ('<row r="300"><x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                      'r="XFD300"><x:v>1</x:v></x:c></row>')


def _project(number: int, name: str, signed: str = "2019-05-08", confirmed: str = "2019-06-14",
             batch: str | None = None) -> list[object]:
    return [number, name, None, 5, signed, "签约", confirmed, batch]


def _laughing_workbook(path: Path, encoding: str = "utf-8") -> Path:
    laughs = member("xl/workbook.xml", _LAUGHS.replace(b"worksheet", b"workbook").decode().encode(encoding))
    parts = workbook_members([Sheet("进出口", sheet_xml(customs_table(5)))])
    return data(zip_bytes([laughs if m.name == laughs.name else m for m in parts]))(path)


def _pdf(path: Path) -> Path:
    rng = random.Random(3)
    return data(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Length 400>>stream\n"
                + bytes(rng.randrange(256) for _ in range(400)) + b"\nendstream endobj\n%%EOF\n")(path)


def _word(path: Path) -> Path:
    return data(zip_bytes([member("[Content_Types].xml", b"<Types/>"), member("word/document.xml", b"<w:document/>")
                           ]))(path)


def _too_many_members(path: Path) -> Path:
    parts = workbook_members(_bureau(KPI_ROW)) + [member(f"xl/media/image{i}.png", b"x") for i in range(1500)]
    return data(zip_bytes(parts))(path)


def _too_large_file(path: Path) -> Path:
    filler = member("xl/media/video.bin", b"\0" * (51 * MB), deflated=False)
    return data(zip_bytes(workbook_members(_bureau(KPI_ROW)) + [filler]))(path)


def _unzipped_total(path: Path) -> Path:
    # Three 100 MB members that deflate only 50-fold, like real content: each is within every per-member limit.
    parts = [repeated_member(f"xl/media/image{i}.bin", b"", _noise(i, 0.02), 100, b"") for i in range(3)]
    return data(zip_bytes(workbook_members(_bureau(KPI_ROW)) + parts))(path)


def _password_xls(path: Path) -> Path:
    xls(path, {"指标认定": kpi_sheet(KPI_ROW)})
    # WINDOWPROTECT (0x0019) becomes FILEPASS (0x002F): what Excel writes when a password encrypts the file.
    return patch_record(path, 0x0019, 2, bytes.fromhex("2f0002000000"))


def _dimensions(rows: int, columns: int) -> bytes:
    """A BIFF8 DIMENSIONS record: first row, last row + 1 (4 bytes each), first column, last column + 1."""
    return struct.pack("<HHIIHHH", 0x0200, 14, 0, rows, 0, columns, 0)


def _xls_declared_lie(path: Path) -> Path:
    xls(path, {"指标认定": kpi_sheet(KPI_ROW)})
    return patch_record(path, 0x0200, 14, _dimensions(65536, 256))


def _xls_far_cell(path: Path) -> Path:
    xls(path, {"线索": [LEAD_HEADER, LEAD]}, far=("线索", 65535, 255))
    return patch_record(path, 0x0200, 14, _dimensions(2, 9))


def _two_bureau_sheets(state: str) -> Callable[[Path], Path]:
    draft = kpi_sheet(["签约项目", "1-5月", 99, "个", "认定", "2019-06-01"])
    return book({"草稿": draft, "指标认定": kpi_sheet(KPI_ROW)}, {"草稿": state})


CASES: list[Case] = [
    # --- bombs and limits: refused before python-calamine sees them ---------------------------------------------
    Case("zip bomb: a sheet inflating a thousandfold", "bureau", "压缩炸弹.xlsx",
         raw([Sheet("指标认定", repeated_member("s", _HEAD, b"A" * MB, 60, _TAIL))]),
         rejected="疑似压缩炸弹"),
    Case("zip bomb: a sheet of 200 MB", "bureau", "超大部件.xlsx",
         raw([Sheet("指标认定", repeated_member("s", _HEAD, _noise(1, 0.02), 200, _TAIL))]),
         rejected="解压后超过200 MB（允许128 MB）"),
    Case("whitespace bomb: 100 MB of spaces between two tags", "departments", "空白炸弹.xlsx",
         raw([Sheet("线索", repeated_member("s", _HEAD, _spaces(1), 100, _TAIL))]),
         rejected="疑似压缩炸弹"),
    Case("zip bomb that declares 40 KB and inflates 60 MB", "bureau", "谎报大小.xlsx",
         raw([Sheet("指标认定", repeated_member("s", _HEAD, b" " * MB, 60, _TAIL, declared_size=40_000))]),
         rejected="实际内容比声明的大"),
    Case("three 100 MB members: too much once unzipped", "customs", "解压总量.xlsx", _unzipped_total,
         rejected="解压后共300 MB，超过允许的256 MB"),
    Case("1,500 members", "bureau", "部件过多.xlsx", _too_many_members, rejected="包含1,505个内部部件"),
    Case("a 51 MB workbook", "customs", "文件过大.xlsx", _too_large_file, rejected="有51 MB，超过允许的50 MB"),
    Case("one cell at XFD1048576 in a 2 KB file", "bureau", "远端单元格.xlsx",
         raw([Sheet("指标认定", sheet_xml(
             kpi_sheet(KPI_ROW), cells_after='<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))]),
         rejected="工作表「指标认定」的内容延伸到第1048576行第XFD列"),
    Case("declared extent A1:XFD1048576 over three rows", "departments", "声明范围过大.xlsx",
         raw([Sheet("线索", sheet_xml([LEAD_HEADER, LEAD], dimension="A1:XFD1048576"))]),
         rejected="工作表「线索」声明的范围延伸到第1048576行第XFD列"),
    Case("declared extent A1:C3, a cell at Z100000", "customs", "声明范围过小.xlsx",
         raw([Sheet("进出口", sheet_xml(customs_table(5, [*ZHENGTENG, 1, 2, 3, 4, 5, 6]), dimension="A1:C3",
                                        cells_after='<row r="100000"><c r="Z100000"><v>1</v></c></row>'))]),
         rejected="工作表「进出口」的内容延伸到第100000行第Z列"),
    Case("cells without their place, in row 1048576", "bureau", "隐式位置.xlsx",
         raw([Sheet("指标认定", sheet_xml(kpi_sheet(KPI_ROW),
                                          cells_after='<row r="1048576"><c><v>1</v></c><c><v>2</v></c></row>'))]),
         rejected="的内容延伸到第1048576行第F列"),
    Case("a far cell under a namespace prefix", "departments", "前缀单元格.xlsx",
         raw([Sheet("线索", sheet_xml([LEAD_HEADER, LEAD], cells_after=_PREFIXED_FAR_CELL))]),
         rejected="的内容延伸到第300行第XFD列"),
    Case("billion laughs in a sheet", "bureau", "实体炸弹.xlsx", raw([Sheet("指标认定", _LAUGHS)]),
         rejected="疑似XML炸弹"),
    Case("billion laughs in the workbook part", "customs", "实体炸弹-工作簿.xlsx",
         _laughing_workbook,
         rejected="疑似XML炸弹"),
    Case("billion laughs in the workbook part, UTF-16BE without a byte-order mark", "bureau", "实体炸弹-UTF16.xlsx",
         lambda path: _laughing_workbook(path, "utf-16-be"), rejected="xl/workbook.xml 不是UTF-8编码"),
    Case("a copy interrupted halfway", "bureau", "复制中断.xlsx", cut(book({"指标认定": kpi_sheet(KPI_ROW)}), 0.6),
         rejected="已损坏或不完整"),
    Case("one byte of the sheet changed", "departments", "字节损坏.xlsx",
         flipped(raw([Sheet("线索", sheet_xml([LEAD_HEADER, LEAD] * 20))]), b"xl/worksheets/sheet1.xml"),
         rejected="已损坏或不完整"),
    Case("the workbook names a sheet part that is missing", "bureau", "缺少工作表.xlsx",
         data(zip_bytes([m for m in workbook_members(_bureau(KPI_ROW)) if "worksheets" not in m.name])),
         rejected="缺少工作表「指标认定」的部件 xl/worksheets/sheet1.xml"),
    Case("sheets without the workbook part", "customs", "缺少工作簿.xlsx",
         data(zip_bytes([m for m in workbook_members([Sheet("进出口", sheet_xml(customs_table(5)))])
                         if m.name != "xl/workbook.xml"])),
         rejected="缺少工作簿必需的部件 xl/workbook.xml"),
    Case("legacy .xls declaring A1:I2, a cell at IV65536", "departments", "远端单元格.xls", _xls_far_cell,
         rejected="工作表「线索」的内容延伸到第65536行第IV列"),
    Case("legacy .xls declaring 65536 x 256", "bureau", "声明范围过大.xls", _xls_declared_lie,
         rejected="工作表「指标认定」声明的范围延伸到第65536行第IV列"),
    # --- what the file really is -----------------------------------------------------------------------------------
    Case("password-protected .xlsx (an encrypted package in an OLE file)", "bureau", "加密.xlsx",
         encrypted_workbook, rejected="设置了密码"),
    Case("password-protected .xls (FILEPASS)", "departments", "加密.xls", _password_xls,
         rejected="设置了密码"),
    Case("an Excel web page saved as .xls", "bureau", "网页.xls", text(_HTML, "utf-8"), rejected="网页文件（HTML）"),
    Case("SpreadsheetML 2003 saved as .xls", "customs", "XML表格.xls", text(_SPREADSHEET_ML, "utf-8"),
         rejected="Excel 2003 XML表格"),
    Case("an .xlsx named .xls", "bureau", "认定-2019年1-5月.xls", book({"指标认定": kpi_sheet(KPI_ROW)}),
         accepted=1, findings=frozenset({(None, "wrong_extension")})),
    Case("an .xlsx named .csv", "departments", "经发局-2019年第23周.csv", book(department(leads=[LEAD])),
         accepted=1, findings=frozenset({(None, "wrong_extension")})),
    Case("a CSV named .xls", "bureau", "文本.xls", text(_KPI_CSV, "gbk"), accepted=1,
         findings=frozenset({(None, "wrong_extension")})),
    Case("a customs table saved as .xlsx but named .csv", "customs", "2019年1-7月企业进出口.csv",
         book({"进出口": customs_table(7, [*ZHENGTENG, 1, 2, 1, 1, 0, 1])}),
         accepted=1, findings=frozenset({(None, "wrong_extension")})),
    Case("a hidden draft table before the customs table", "customs", "2019年1-8月企业进出口.xlsx",
         book({"草稿": customs_table(8, [*ZHENMAO, 9, 9, 9, 9, 0, 0]),
               "进出口": customs_table(8, [*ZHENGTENG, 1, 3, 1, 2, 0, 1])}, states={"草稿": "hidden"}),
         accepted=1, findings=frozenset({("草稿", "hidden_sheet")})),
    Case("a text file named .xlsx", "departments", "文本.xlsx", text("填报单位,经发局\n", "utf-8"),
         rejected="内容是文本，不是Excel工作簿"),
    Case("UTF-16 CSV with a BOM", "bureau", "utf16.csv", text("\ufeff" + _KPI_CSV, "utf-16-le"), rejected="UTF-16"),
    Case("UTF-16 big-endian CSV with a BOM", "departments", "utf16be.csv", text("\ufeff" + _KPI_CSV, "utf-16-be"),
         rejected="UTF-16"),
    Case("UTF-16 platform download without a BOM", "customs", "2019年1-5月-utf16.csv",
         text(_PLATFORM_CSV, "utf-16-le"), rejected="UTF-16"),
    Case("an empty CSV", "customs", "空文件.csv", data(b""), rejected="是空的（0字节）"),
    Case("an empty .xlsx", "bureau", "空文件.xlsx", data(b""), rejected="是空的（0字节）"),
    Case("a CSV holding only a BOM", "departments", "只有BOM.csv", data(codecs.BOM_UTF8), rejected="文件是空的"),
    Case("binary noise named .csv", "customs", "乱码.csv",
         data(random.Random(5).randbytes(4000)), rejected="二进制内容"),
    Case("a PDF named .xlsx", "bureau", "报告.xlsx", _pdf, rejected="PDF文件"),
    Case("a Word document named .xlsx", "departments", "说明.xlsx", _word, rejected="Word文档"),
    # --- visible sheets only ---------------------------------------------------------------------------------------
    Case("a hidden draft sheet before the real one", "bureau", "隐藏草稿.xlsx", _two_bureau_sheets("hidden"),
         accepted=1, findings=frozenset({("草稿", "hidden_sheet")})),
    Case("a very hidden sheet before the real one", "bureau", "深度隐藏.xlsx", _two_bureau_sheets("veryHidden"),
         accepted=1, findings=frozenset({("草稿", "hidden_sheet")})),
    Case("a hidden leads sheet before the visible one", "departments", "经发局-2019年第24周.xlsx",
         book({"旧线索": [LEAD_HEADER, LEAD, [2, "语料旧项目", None, None, 1, None, None, "线索", None]],
               **department(period="2019年第24周", leads=[LEAD])}, {"旧线索": "hidden"}),
         accepted=1, findings=frozenset({("旧线索", "hidden_sheet")})),
    Case("a hidden sheet in a legacy .xls", "departments", "经发局-2019年第25周.xls",
         lambda path: xls(path, {"草稿": [LEAD_HEADER, LEAD], **department(period="2019年第25周", leads=[LEAD])},
                          hidden=("草稿",)),
         accepted=1, findings=frozenset({("草稿", "hidden_sheet")})),
    # --- cells ---------------------------------------------------------------------------------------------------
    Case("Excel error cells in a KPI sheet", "bureau", "错误值.xlsx",
         book({"指标认定": kpi_sheet(KPI_ROW, ["签约投资额", "1-5月", "#DIV/0!", "亿元", "认定", "2019-06-14"],
                                     ["#REF!", "1-5月", 3, "个", "认定", "2019-06-14"])}),
         accepted=1, quarantined=frozenset({("指标认定", 4, "认定值", "excel_error"),
                                            ("指标认定", 5, "指标名称", "excel_error")})),
    Case("an error cell written by hand (t=\"e\")", "customs", "错误值.xlsx",
         raw([Sheet("进出口", sheet_xml(customs_table(4, [*ZHENGTENG, 1, 10, 1, 6, 0, 4],
                                                      [*ZHENMAO, Err("#N/A"), 20, 1, 12, 1, 8])))]),
         accepted=1, quarantined=frozenset({("进出口", 6, "进出口/本月", "excel_error")})),
    Case("an error cell in a legacy .xls", "departments", "经发局-2019年第26周.xls",
         lambda path: xls(path, department(period="2019年第26周", activities=[ACTIVITY, [2, *ACTIVITY[1:4], None,
                                                                                *ACTIVITY[5:]]]),
                          errors={("招商活动", 2, 4): "#DIV/0!"}),
         accepted=1, quarantined=frozenset({("招商活动", 3, "对接企业数", "excel_error")})),
    Case("an error value in a CSV", "bureau", "错误值.csv",
         text(_KPI_CSV + "签约投资额,2019年1-5月,#VALUE!,亿元,认定,2019-06-14\r\n", "utf-8-sig"),
         accepted=1, quarantined=frozenset({("错误值", 3, "认定值", "excel_error")})),
    Case("NUL characters in names", "departments", "新城办-2019年第23周.csv",
         text("线索名称,投资方,状态\n语料\x00物流项目,语料物流\x00,已放弃\n\x00\x00,某公司,已放弃\n", "utf-8"),
         accepted=1, quarantined=frozenset({("新城办-2019年第23周", 3, "线索名称", "control_characters")})),
    Case("dates outside 2000-2100", "bureau", "日期越界.xlsx",
         book({"项目认定": [PROJECT_HEADER, _project(1, "语料甲项目", signed="1900-01-01"),
                            _project(2, "语料乙项目", confirmed="2204-06-14"), _project(3, "语料丙项目")]}),
         accepted=1, quarantined=frozenset({("项目认定", 2, "签约日期", "date_window"),
                                            ("项目认定", 3, "认定日期", "date_window")})),
    Case("two bad cells in one row: a date and a negative amount", "departments", "经发局-2019年第27周.xlsx",
         book(department(period="2019年第27周",
                         leads=[LEAD, [2, "语料坏线索项目", None, None, -5, None, "2019-13-45", "在谈", None]])),
         accepted=1, quarantined=frozenset({("线索", 3, "预计投资额（亿元）", "not_negative"),
                                            ("线索", 3, "获取日期", "date")})),
    Case("1e16 in an amount", "departments", "经发局-2019年第28周.xlsx",
         book(department(period="2019年第28周", leads=[LEAD, [2, "语料巨额项目", None, None, 1e16, None, None, "在谈",
                                                               None]])),
         accepted=1, quarantined=frozenset({("线索", 3, "预计投资额（亿元）", "value_too_large")})),
    Case("3e9 in a count", "departments", "经发局-2019年第29周.xlsx",
         book(department(period="2019年第29周", activities=[ACTIVITY, [2, *ACTIVITY[1:4], 3_000_000_000,
                                                                       *ACTIVITY[5:]]])),
         accepted=1, quarantined=frozenset({("招商活动", 3, "对接企业数", "value_too_large")})),
    Case("1e16 in a customs amount", "customs", "2019年1-5月进出口.xlsx",
         book({"进出口": customs_table(5, [*ZHENGTENG, 1, 10, 1, 6, 0, 4], [*ZHENMAO, 1, 1e16, 1, 6, 0, 4])}),
         accepted=1, quarantined=frozenset({("进出口", 6, "进出口/1-5月累计", "value_too_large")})),
    Case("1,500 footer cells of 单位 ahead of the unit line (a line of 170,000 characters)", "customs",
         "2019年1-10月企业进出口.xlsx", book({"进出口": _unit_in_footer(10, [*ZHENGTENG, 1, 10, 1, 6, 0, 4])}),
         accepted=1),
    Case("填报单位 and file name name different departments", "departments", "新城办-2019年第30周.xlsx",
         book(department(name="经发局", period="2019年第30周", leads=[LEAD])),
         rejected="填报单位「经发局」与文件名中的「新城办」不是同一个部门"),
    # --- what DuckDB cannot hold, and line ends of another age (issue 17, point 6) -----------------------------
    Case("a platform download of ten thousand columns", "customs", "2019年1-5月-宽.csv", text(_PLATFORM_WIDE, "gbk"),
         rejected="列，海关统计下载最多有200列"),
    Case("a platform download with 3 MB in one field", "customs", "2019年1-5月-长字段.csv",
         text(_PLATFORM_LONG_FIELD, "gbk"), accepted=2,
         quarantined=frozenset({("2019年1-5月-长字段", 3, None, "line_too_long")})),
    Case("a KPI CSV with old Mac line ends (CR only)", "bureau", "回车换行.csv",
         text(_KPI_CSV.replace("\r\n", "\r"), "gbk"), accepted=1),
    Case("a platform download with old Mac line ends (CR only)", "customs", "2019年1-5月-回车.csv",
         text(_PLATFORM_CSV.replace("\r\n", "\r"), "gbk"), accepted=1),
    Case("a file name in GBK bytes, not UTF-8", "departments", GBK_NAME,
         book(department(period="2019年第31周", leads=[LEAD])), accepted=1),
    Case("batch numbers that are not batches", "bureau", "期次.xlsx",
         book({"项目认定": [PROJECT_HEADER, _project(1, "语料甲项目", batch="第二十一期"),
                            _project(2, "语料乙项目", batch="三三"),
                            _project(3, "语料丙项目", batch="第一百期"),
                            _project(4, "语料丁项目", batch="第5期")]}),
         accepted=2, quarantined=frozenset({("项目认定", 3, "三个一批期次", "batch"),
                                            ("项目认定", 4, "三个一批期次", "batch")})),
]
