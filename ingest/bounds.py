"""The limits a file must keep before a reader is let near it, in one place, and what breaking each one says.

python-calamine builds a sheet as a dense grid of its used range, and `to_python(skip_empty_area=False)` (which
keeps Excel's row numbers) as a dense grid from A1 to its last cell: one value at XFD1048576 in a 2 KB file asks
for 17 billion cells and aborts the process. A zip member may inflate a thousandfold. So a workbook is measured
first, from its zip directory and by streaming its XML (ingest/xlsx.py) or walking its BIFF records
(ingest/xls.py), in bounded memory, and rejected by name with the limit it broke.

The limits sit far above any real file of this project: a department workbook is ~10 KB and a few hundred cells,
a customs platform download saved as a workbook at most 10,000 rows x 16 columns (160,000 cells).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ingest.unreadable import UnreadableFile

MB = 1 << 20

# A workbook (.xlsx/.xls) as dropped. A CSV read whole into a grid (bureau, department, customs enterprise table)
# has the same limit; a customs platform download is streamed by the warehouse and is not read here.
MAX_FILE_BYTES = 50 * MB
# Zip members of an .xlsx: how many, how large each and all together once inflated, and how much a member may
# inflate (a real sheet XML inflates 5-20x; deflate's ceiling, reached by bombs, is ~1000x). Members under
# RATIO_FLOOR_BYTES inflated are too small to matter whatever their ratio.
MAX_MEMBERS = 1000
MAX_MEMBER_BYTES = 128 * MB
MAX_UNZIPPED_BYTES = 256 * MB
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1 * MB
# Rows x columns from A1 to a sheet's last cell: what the reader allocates. 2 million cells is ten times the
# largest real file and stays within a few hundred MB once read into Python.
MAX_CELLS_PER_SHEET = 2_000_000

_HOW_TO_FIX = "请在Excel中删除多余的行和列（或把数据复制到新工作簿）后重新上传"


@dataclass
class SheetSurvey:
    """What a sheet holds, learnt without building it: its declared and real extent, and its error cells."""

    name: str
    visible: bool = True
    declared: tuple[int, int] | None = None  # (rows, columns) from A1 to the last cell the file declares
    rows: int = 0  # from row 1 to the last row holding a value
    columns: int = 0  # from column A to the last column holding a value
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column), 0-based -> '#DIV/0!'

    def check(self, file_name: str) -> None:
        """Raise UnreadableFile when reading this sheet would allocate past the limit."""
        if self.declared and self.declared[0] * self.declared[1] > MAX_CELLS_PER_SHEET:
            rows, columns = self.declared
            raise UnreadableFile(
                f"文件「{file_name}」的工作表「{self.name}」声明的范围延伸到第{rows}行第{column_letters(columns)}列"
                f"（{rows * columns:,}个单元格），超过允许的{MAX_CELLS_PER_SHEET:,}个；{_HOW_TO_FIX} "
                f"(sheet too big: its declared range exceeds the limit)")
        if self.rows * self.columns > MAX_CELLS_PER_SHEET:
            raise UnreadableFile(
                f"文件「{file_name}」的工作表「{self.name}」的内容延伸到第{self.rows}行第{column_letters(self.columns)}列"
                f"（{self.rows * self.columns:,}个单元格），超过允许的{MAX_CELLS_PER_SHEET:,}个；{_HOW_TO_FIX} "
                f"(sheet too big: a cell lies too far out)")

    def over(self) -> bool:
        return self.rows * self.columns > MAX_CELLS_PER_SHEET


def check_file_size(file_name: str, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"文件「{file_name}」有{size / MB:.0f} MB，超过允许的{MAX_FILE_BYTES // MB} MB；请拆分后重新上传 "
            "(file too large)")


def column_letters(columns: int) -> str:
    """The letters of the column numbered `columns` (1 -> A, 16384 -> XFD), for any size a file may claim."""
    letters = ""
    while columns > 0:
        columns, rest = divmod(columns - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters or "A"


@lru_cache(maxsize=1 << 15)
def column_number(letters: bytes) -> int:
    """b'XFD' -> 16384."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number
