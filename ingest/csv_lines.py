"""A small CSV read line by line, so that one broken line costs that line only and every other keeps its number.

Python's csv reader lets a quote that never closes swallow the rest of the file into one cell, and one byte that is
not the file's encoding, one field over its size limit, stops the whole file. Here each physical line is decoded
and split on its own: row n of the grid is line n of the file, and a line that cannot be read is an empty row plus
a BrokenLine naming it. A quoted cell may still run over a few lines (a line break typed inside an Excel cell): the
lines it takes are joined when together they make one record, and stay empty rows after it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ingest.cells import EXCEL_ERRORS, ExcelError
from ingest.encoding import text_encoding
from schemas.customs_platform import LONGEST_LINE_BYTES

Grid = list[list[object]]
# What a clerk is told of a line that cannot be read, in any CSV (a platform download has its own words for the same
# rules, schemas/customs_platform.PLATFORM_RULES: download it again).
LINE_RULES = {
    "csv_format": "这一行的引号不成对或位置不对，无法分列读取，请核对这一行 "
                  "(a broken quote: the line cannot be split into cells)",
    "encoding": "「{value}」中有无法识别的字节（显示为�），文件可能混用了编码，请核对这一行或另存为「CSV UTF-8」 "
                "(bytes of another encoding on this line)",
    "line_too_long": "这一行超过1MB，不是表格的一行，文件可能已损坏：{value} (a line longer than 1 MB)",
}
# Lines a quoted cell may run over before its opening line is taken for a broken quote.
_CELL_LINES = 20


@dataclass(frozen=True)
class BrokenLine:
    line: int
    rule: str  # csv_format | encoding | line_too_long (a NUL inside a cell is the cell's rule, named with its column)
    text: str  # the line as written, decoded with U+FFFD for bytes the encoding does not have


def read_csv_lines(path: Path, delimiter: str = ",") -> tuple[Grid, list[BrokenLine]]:
    raw = path.read_bytes()
    encoding = text_encoding(raw)
    # Old Mac files end each line with a carriage return alone; a file with any line feed ends its lines there.
    lines = raw.split(b"\n" if b"\n" in raw or b"\r" not in raw else b"\r")
    if lines and lines[-1] == b"":
        lines.pop()  # the line end of the last line
    if lines and encoding == "utf-8-sig":
        lines[0] = lines[0].removeprefix(b"\xef\xbb\xbf")
    grid: Grid = []
    broken: list[BrokenLine] = []
    number = 0
    while number < len(lines):
        line = lines[number].removesuffix(b"\r")
        taken, cells, problem = _record(lines, number, encoding, delimiter)
        if problem:
            broken.append(BrokenLine(number + 1, problem, line[:200].decode(encoding, errors="replace")))
            cells, taken = [], 1
        grid.append([_cell(cell) for cell in cells])
        grid.extend([] for _ in range(taken - 1))
        number += taken
    return _without_empty_columns(grid), broken


def _record(lines: list[bytes], start: int, encoding: str, delimiter: str) -> tuple[int, list[str], str | None]:
    """The cells of the record opening at line `start`, the lines it takes, or the rule its first line breaks."""
    first = lines[start].removesuffix(b"\r")
    if len(first) > LONGEST_LINE_BYTES:
        return 1, [], "line_too_long"
    try:
        text = first.decode(encoding)
    except UnicodeDecodeError:
        return 1, [], "encoding"
    for end in range(start + 1, min(start + _CELL_LINES, len(lines)) + 1):
        try:
            [cells] = list(csv.reader([text], delimiter=delimiter, strict=True)) or [[]]
            return end - start, cells, None
        except (csv.Error, ValueError):
            if end == len(lines) or text.count('"') % 2 == 0:
                break  # the quotes pair up on this line: no cell runs on, the line is broken as it is
            try:
                text += "\n" + lines[end].removesuffix(b"\r").decode(encoding)
            except UnicodeDecodeError:
                break
    return 1, [], "csv_format"


def _cell(cell: str) -> object:
    if not cell.strip():
        return None
    return ExcelError(cell) if cell in EXCEL_ERRORS else cell


def _without_empty_columns(grid: Grid) -> Grid:
    # A trailing comma on every line is a column with nothing in any row.
    width = max((len(row) for row in grid), default=0)
    empty = {col for col in range(width) if all(col >= len(row) or row[col] is None for row in grid)}
    if not empty:
        return grid
    return [[cell for col, cell in enumerate(row) if col not in empty] for row in grid]
