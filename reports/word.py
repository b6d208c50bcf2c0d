"""Word documents (python-docx) in the house style of a government work report: 黑体 headings, 仿宋 body."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
FILLS = {"red": "F8CBAD", "black": "404040"}
# What XML 1.0 cannot hold (lxml refuses the whole document): a file name with \x01 in it failed every night's reports.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    """The text with each character Word's XML cannot hold shown as its code (\\x01)."""
    return _NOT_XML.sub(lambda match: match.group().encode("unicode_escape", "backslashreplace").decode("ascii"),
                        text)


def _east_asian(run_or_style, font: str) -> None:
    """python-docx sets only the Latin font; Chinese text takes the East-Asian one."""
    run_or_style.font.name = font
    fonts = run_or_style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)


def new_document() -> DocumentType:
    doc = Document()
    normal = doc.styles["Normal"]
    _east_asian(normal, BODY_FONT)
    normal.font.size = Pt(14)
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2.6)
    return doc


def title(doc: DocumentType, text: str, subtitle: str | None = None) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(_xml(text))
    _east_asian(run, TITLE_FONT)
    run.font.size = Pt(20)
    if subtitle:
        line = doc.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = line.add_run(_xml(subtitle))
        run.font.size = Pt(12)


def heading(doc: DocumentType, text: str) -> None:
    paragraph = doc.add_paragraph()
    # A heading never ends a page apart from what it heads (the notice's table began on the next page).
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.space_before = Pt(12)
    run = paragraph.add_run(_xml(text))
    _east_asian(run, HEADING_FONT)
    run.font.size = Pt(15)


def body(doc: DocumentType, text: str) -> None:
    paragraph = doc.add_paragraph(_xml(text))
    paragraph.paragraph_format.first_line_indent = Pt(28)  # two characters
    paragraph.paragraph_format.line_spacing = 1.4


def picture(doc: DocumentType, path: Path, caption: str) -> None:
    doc.add_picture(str(path), width=Cm(15.5))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    note = doc.add_paragraph(_xml(caption))
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note.runs[0].font.size = Pt(10.5)


def _shade(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = properties.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})
    properties.append(shading)


def grid(doc: DocumentType, headers: Sequence[str], rows: Sequence[Sequence[str]],
         fills: Sequence[str | None] | None = None, widths_cm: Sequence[float] | None = None) -> None:
    """A table of text, its header repeated on every page; `fills` names a row colour (red, black) per row."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    header_row = table.rows[0]._tr.get_or_add_trPr()
    header_row.append(header_row.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = _xml(text)
        cell.paragraphs[0].runs[0].font.bold = True
    for index, values in enumerate(rows):
        cells = table.add_row().cells
        fill = fills[index] if fills else None
        for cell, text in zip(cells, values, strict=True):
            cell.text = _xml(text)
            if fill:
                _shade(cell, FILLS[fill])
                if fill == "black":
                    cell.paragraphs[0].runs[0].font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    if widths_cm:
        table.autofit = False
        for column, width in zip(table.columns, widths_cm, strict=True):
            column.width = Cm(width)  # the grid LibreOffice and WPS lay out by; Word reads the cells' widths
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if widths_cm:
                cell.width = Cm(widths_cm[index])
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(10.5)


def save(doc: DocumentType, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
