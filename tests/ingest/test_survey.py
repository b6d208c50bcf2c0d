"""Measuring a workbook before reading it (ingest/xlsx.py, ingest/xls.py, ingest/ole.py): the extent found is never
less than what python-calamine allocates, error cells are found where they are, and the fast scan and the
tag-by-tag walk agree."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
import python_calamine

from ingest.bounds import SheetSurvey, column_letters, column_number
from ingest.ole import BadCompoundFile, CompoundFile
from ingest.xls import survey_xls
from ingest.xlsx import survey_xlsx
from tests.hostile.files import Err, Sheet, compound_file, member, sheet_xml, workbook_members, xls, xlsx, zip_bytes

SHEETS = {
    "plain": sheet_xml([["a", 1], [None, 2, Err("#DIV/0!")]]),
    "formatted cells beyond the data": sheet_xml(
        [["a", 1]], cells_after='<row r="500"><c r="Z500" s="1"/></row><row r="501" s="2"/>'),
    "a cell after an empty row": sheet_xml([["a"]], cells_after='<row r="40"><c r="D40"><v>3</v></c></row>'),
    "rows out of order": sheet_xml([], cells_after='<row r="9"><c r="C9"><v>1</v></c></row>'
                                                   '<row r="2"><c r="A2"><v>1</v></c></row>'),
    "cells without their place": sheet_xml([["a", "b"]], cells_after='<row r="7"><c><v>1</v></c><c t="e">'
                                                                      '<f>1/0</f><v>#DIV/0!</v></c></row>'),
    "attributes in another order, single quotes": sheet_xml(
        [], cells_after="<row r='3'><c t='e' r='B3'><v>#REF!</v></c><c s='1' r='E3'><v>2</v></c></row>"),
}


@pytest.mark.parametrize("name", SHEETS)
def test_the_extent_found_covers_what_calamine_reads(tmp_path: Path, name: str) -> None:
    path = xlsx(tmp_path / "s.xlsx", [Sheet("S", SHEETS[name])])
    [survey] = survey_xlsx(path)
    with python_calamine.CalamineWorkbook.from_path(str(path)) as workbook:
        grid = workbook.get_sheet_by_name("S").to_python(skip_empty_area=False)
    assert (survey.rows, survey.columns) == (len(grid), max(map(len, grid), default=0))


def test_error_cells_are_found_where_they_are(tmp_path: Path) -> None:
    errors = {name: survey_xlsx(xlsx(tmp_path / f"{i}.xlsx", [Sheet("S", xml)]))[0].errors
              for i, (name, xml) in enumerate(SHEETS.items())}
    assert errors["plain"] == {(1, 2): "#DIV/0!"}
    assert errors["cells without their place"] == {(6, 1): "#DIV/0!"}
    assert errors["attributes in another order, single quotes"] == {(2, 1): "#REF!"}


def test_a_sheet_of_many_chunks_is_scanned_whole(tmp_path: Path) -> None:
    # About 4 MB of sheet XML: the scan reads it a megabyte at a time, cells cut across every boundary.
    rows = [[f"项目{r}", r, r * 2.5, "2024-05-08"] for r in range(1, 40001)]
    for r in range(0, 40000, 997):
        rows[r][1] = Err("#N/A")
    path = xlsx(tmp_path / "big.xlsx", [Sheet("S", sheet_xml(rows))])
    [survey] = survey_xlsx(path)
    assert (survey.rows, survey.columns) == (40000, 4)
    assert survey.errors == {(r, 1): "#N/A" for r in range(0, 40000, 997)}


def test_a_hidden_sheet_is_listed_but_not_scanned(tmp_path: Path) -> None:
    far = sheet_xml([["x"]], cells_after='<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    surveys = survey_xlsx(xlsx(tmp_path / "h.xlsx", [Sheet("草稿", far, "hidden"), Sheet("数据", SHEETS["plain"])]))
    assert [(s.name, s.visible, s.rows) for s in surveys] == [("草稿", False, 0), ("数据", True, 2)]


def test_declared_extent(tmp_path: Path) -> None:
    declared = [survey_xlsx(xlsx(tmp_path / f"{i}.xlsx", [Sheet("S", sheet_xml([["a"]], dimension=d))]))[0].declared
                for i, d in enumerate(("A1:XFD1048576", "B2", None))]
    assert declared == [(1048576, 16384), (2, 2), None]


def test_over_the_limit_names_the_sheet_and_the_last_cell() -> None:
    survey = SheetSurvey("线索", rows=100000, columns=26)
    with pytest.raises(ValueError, match="工作表「线索」的内容延伸到第100000行第Z列（2,600,000个单元格）"):
        survey.check("x.xlsx")
    SheetSurvey("线索", rows=2000, columns=1000).check("x.xlsx")  # exactly at the limit: read


@pytest.mark.parametrize(("letters", "number"), [(b"A", 1), (b"Z", 26), (b"AA", 27), (b"XFD", 16384),
                                                 (b"xfd", 16384)])
def test_column_letters(letters: bytes, number: int) -> None:
    assert column_number(letters) == number
    assert column_letters(number) == letters.decode().upper()


def test_xls_sheets_errors_and_extent(tmp_path: Path) -> None:
    path = xls(tmp_path / "a.xls", {"草稿": [["x"]], "数据": [["a", 1], [None, None, 2]]}, hidden=("草稿",),
               errors={("数据", 3, 1): "#DIV/0!"})
    drafts, data = survey_xls(path)
    assert (drafts.name, drafts.visible, data.name, data.visible) == ("草稿", False, "数据", True)
    assert (data.rows, data.columns, data.declared) == (4, 3, (4, 3))
    assert data.errors == {(3, 1): "#DIV/0!"}


def test_a_compound_file_reads_small_streams_from_the_mini_stream(tmp_path: Path) -> None:
    streams = {"Small": b"abc" * 30, "Large": bytes(range(256)) * 40, "Empty": b""}
    path = tmp_path / "c.bin"
    path.write_bytes(compound_file(streams))
    ole = CompoundFile(path)
    assert ole.names() == {"Root Entry", *streams}
    assert {name: ole.stream(name) for name in streams} == streams


def test_a_broken_compound_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.bin"
    content = bytearray(compound_file({"Workbook": b"x" * 5000}))
    struct.pack_into("<I", content, 48, 999)  # the directory starts in a sector the file does not have
    path.write_bytes(bytes(content))
    with pytest.raises(BadCompoundFile):
        CompoundFile(path)


def test_a_member_is_inflated_by_the_survey_not_trusted(tmp_path: Path) -> None:
    # The styles part claims 10 bytes and holds 5,000: python-calamine would inflate all of it.
    lying = member("xl/styles.xml", b"<styleSheet>" + b" " * 5000 + b"</styleSheet>")
    lying = type(lying)(lying.name, lying.data, lying.deflated, lying.crc, 10)
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
    parts = [member(m.name, rels.encode()) if m.name.endswith("workbook.xml.rels") else m
             for m in workbook_members([Sheet("S", SHEETS["plain"])])]
    path = tmp_path / "l.xlsx"
    path.write_bytes(zip_bytes([*parts, lying]))
    with pytest.raises(ValueError, match="实际内容比声明的大"):
        survey_xlsx(path)
