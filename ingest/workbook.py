"""The visible sheets of an .xlsx, .xlsm, .xls or .csv file as grids of plain Python values.

A file is identified by its content (ingest/filetype.py) and measured against the limits of ingest/bounds.py
before python-calamine touches it. Hidden sheets are not data: they are named in the findings. Excel error cells,
which python-calamine reads as blanks, come back as ExcelError values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from ingest.bounds import SheetSurvey, check_file_size
from ingest.cells import ExcelError
from ingest.csv_lines import BrokenLine, read_csv_lines
from ingest.filetype import CSV, SUFFIX_KIND, XLSX, identify, wrong_extension
from ingest.unreadable import UnreadableFile
from ingest.xls import PASSWORD, survey_xls
from ingest.xlsx import survey_xlsx

__all__ = ["Grid", "UnreadableFile", "Workbook", "read_workbook"]

Grid = list[list[object]]
Finding = tuple[str | None, str, str]  # (sheet, rule, message), as ParsedFile.findings holds them

_VISIBLE = python_calamine.SheetVisibleEnum.Visible
_WORKSHEET = python_calamine.SheetTypeEnum.WorkSheet


@dataclass
class Workbook:
    sheets: dict[str, Grid]  # the visible worksheets, in workbook order; a CSV is one sheet named for its file
    findings: list[Finding] = field(default_factory=list)  # hidden sheets, a wrong extension
    broken: list[BrokenLine] = field(default_factory=list)  # a CSV's lines that could not be read, each an empty row


def read_workbook(path: Path) -> Workbook:
    """The visible sheets and what the clerk should know about the rest; raises UnreadableFile naming the file
    and the reason (what it really is, or the limit it broke)."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFile(f"找不到文件「{path.name}」 (file not found)")
    if path.suffix.lower() not in SUFFIX_KIND:
        raise UnreadableFile(f"文件「{path.name}」不是可接收的表格类型，只接收 {'、'.join(SUFFIX_KIND)} "
                             "(unsupported file type)")
    kind = identify(path)
    findings: list[Finding] = []
    if note := wrong_extension(path, kind):
        findings.append((None, "wrong_extension", note))
    check_file_size(path.name, path.stat().st_size)
    if kind == CSV:
        grid, broken = _read_csv(path)
        return Workbook({path.stem: grid}, findings, broken)
    if kind == XLSX:
        surveys = survey_xlsx(path)
    else:
        surveys = survey_xls(path)
        for survey in surveys:
            survey.check(path.name)  # python-calamine builds every sheet of an .xls on opening, hidden ones too
    return Workbook(_read_excel(path, kind, surveys, findings), findings)


def _read_excel(path: Path, kind: str, surveys: list[SheetSurvey], findings: list[Finding]) -> dict[str, Grid]:
    by_name = {survey.name: survey for survey in surveys}
    sheets: dict[str, Grid] = {}
    try:
        with _open(path, kind) as workbook:
            for meta in workbook.sheets_metadata:
                if meta.typ != _WORKSHEET:
                    continue  # a chart or macro sheet holds no rows
                if meta.visible != _VISIBLE:
                    findings.append((meta.name, "hidden_sheet", _hidden(meta.name, meta.visible)))
                    continue
                survey = by_name.get(meta.name)
                if survey is None or not survey.visible:
                    raise UnreadableFile(
                        f"文件「{path.name}」的工作表「{meta.name}」无法在读取前检查大小，为安全起见未读取；"
                        "请用Excel另存为.xlsx后重新上传 (sheet could not be measured before reading)")
                survey.check(path.name)
                sheets[meta.name] = _grid(workbook.get_sheet_by_name(meta.name), survey)
    except python_calamine.PasswordError as exc:
        raise UnreadableFile(f"文件「{path.name}」{PASSWORD}") from exc
    except python_calamine.CalamineError as exc:
        raise UnreadableFile(
            f"文件「{path.name}」已损坏或不是Excel文件，请用Excel打开后另存为.xlsx ({exc})") from exc
    return sheets


def _open(path: Path, kind: str) -> python_calamine.CalamineWorkbook:
    if SUFFIX_KIND[path.suffix.lower()] == kind:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    # python-calamine picks its reader by extension from a path; from a file object it looks at the content.
    with open(path, "rb") as handle:
        return python_calamine.CalamineWorkbook.from_filelike(handle)


def _grid(sheet: python_calamine.CalamineSheet, survey: SheetSurvey) -> Grid:
    # skip_empty_area=False keeps leading empty rows, so row numbers match what Excel shows.
    grid = [[None if cell == "" else cell for cell in row] for row in sheet.to_python(skip_empty_area=False)]
    for (row, column), error in survey.errors.items():
        if row < len(grid) and column < len(grid[row]):
            grid[row][column] = ExcelError(error)
    return grid


def _hidden(sheet: str, state: object) -> str:
    how = "深度隐藏（very hidden）" if state == python_calamine.SheetVisibleEnum.VeryHidden else "隐藏"
    return (f"工作表「{sheet}」是{how}的，不作为数据读取；如其中是要报送的数据，请取消隐藏后重新上传 "
            "(hidden sheet: not read as data)")


def _read_csv(path: Path) -> tuple[Grid, list[BrokenLine]]:
    """Line by line (ingest/csv_lines.py): a broken quote or a byte of another encoding costs its line only."""
    with open(path, "rb") as raw:
        head = raw.read(4096).decode("latin-1")
    try:
        return read_csv_lines(path, _delimiter(head))
    except UnreadableFile as exc:
        raise UnreadableFile(f"文件「{path.name}」：{exc}") from None


def _delimiter(head: str) -> str:
    """Tab for the tab-separated text some systems save under an Excel name, else comma."""
    first = next((line for line in head.splitlines() if line.strip()), "")
    return "\t" if first.count("\t") > first.count(",") else ","
