"""Find a table in a sheet by what its headers mean, wherever the clerk put it and however it is spelt."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl.utils.cell import get_column_letter

from ingest.text import is_nothing, normalise, split_header
from ingest.units import normalise_unit

Grid = Sequence[Sequence[object]]

_FOOTER = re.compile(r"^(?:资料来源|来源:|注:|说明:|填表人|制表)")
_TOTAL = re.compile(r"合计|小计|总计")
_UNIT_LABELS = ("单位", "金额单位", "计量单位")


@dataclass(frozen=True)
class Field:
    name: str  # our column name, e.g. 'total_investment'
    patterns: tuple[str, ...]  # full-matched against the header text with its unit removed
    required: bool = True


@dataclass
class FoundColumn:
    index: int
    header: str  # as written, without line breaks; a two-row header is 'parent/child'
    unit: str | None  # written in the header: '总投资（亿元）' -> '亿元'


@dataclass
class DataRow:
    row_number: int  # 1-based, as Excel shows it
    cells: dict[str, object]  # field name -> raw cell, for each field the table has a column for
    extra: dict[str, object]  # the other columns, by header


@dataclass
class FoundTable:
    sheet: str
    header_row_numbers: tuple[int, ...]
    columns: dict[str, FoundColumn]
    rows: list[DataRow]
    total_rows: list[DataRow]  # 合计/小计/总计: kept to reconcile against, never summed with rows
    preamble: list[str]  # text lines above the header: title, '单位：万元', '填报单位：…'
    footer: list[str]  # '资料来源：…', '注：…'
    unit: str | None  # from a '单位：万元' line above or below the table


class TableNotFound(Exception):
    """No header has every required column; str() names the sheet, what is missing and what was seen."""

    def __init__(self, sheet: str, missing: list[str], seen: list[str]) -> None:
        self.sheet, self.missing, self.seen = sheet, missing, seen
        super().__init__(
            f"工作表「{sheet}」找不到必需的列：{'、'.join(missing)}；"
            f"看到的表头是：{'、'.join(seen) or '（无）'} (table not found: missing required columns)"
        )


@dataclass
class _Header:
    """A candidate header: one row, or a row with the row below it."""

    rows: tuple[int, ...]  # 0-based grid indexes
    written: list[str | None]  # per column, as written: 'parent/child'
    units: list[str | None]
    columns: dict[str, int]  # field name -> column index
    merged: bool = False  # an upper cell was carried over a merged span


def find_table(grid: Grid, fields: Sequence[Field], sheet: str, max_scan: int = 25) -> FoundTable:
    """The table under the first row, or pair of rows, whose headers match every required field."""
    required = [field for field in fields if field.required]
    closest: tuple[list[str], list[str]] | None = None
    for top in range(min(max_scan, len(grid))):
        candidates = [_single(grid[top], top, fields)]
        if top + 1 < len(grid) and (pair := _pair(grid[top], grid[top + 1], top, fields)):
            candidates.append(pair)
        complete = []
        for candidate in candidates:
            missing = [field.patterns[0] for field in required if field.name not in candidate.columns]
            if not missing:
                complete.append(candidate)
            elif closest is None or len(missing) < len(closest[0]):
                closest = (missing, [text for text in candidate.written if text])
        if complete:
            return _table(grid, sheet, _preferred(complete))
    missing, seen = closest or ([field.patterns[0] for field in required], [])
    raise TableNotFound(sheet, missing, seen)


def _single(row: Sequence[object], top: int, fields: Sequence[Field]) -> _Header:
    parts = [_header_cell(cell) for cell in row]
    return _Header(
        rows=(top,),
        written=[written for _, written, _ in parts],
        units=[unit for _, _, unit in parts],
        columns=_match([label for label, _, _ in parts], fields),
    )


def _pair(
    upper: Sequence[object], lower: Sequence[object], top: int, fields: Sequence[Field]
) -> _Header | None:
    """Upper row over lower row; a merged upper cell is carried right only while the lower row has text.

    None when some lower text has no upper cell over it: then the upper row is a title or unit line, not
    the top half of a header.
    """
    labels: list[str | None] = []
    written: list[str | None] = []
    units: list[str | None] = []
    parent: tuple[str | None, str | None, str | None] = (None, None, None)
    merged = False
    for col in range(max(len(upper), len(lower))):
        up = _header_cell(upper[col] if col < len(upper) else None)
        down = _header_cell(lower[col] if col < len(lower) else None)
        if up[0]:
            parent = up
        elif down[0] and parent[0]:
            merged = True
        else:
            parent = (None, None, None)
        if down[0] and not parent[0]:
            return None
        labels.append(f"{parent[0]}|{down[0]}" if down[0] else parent[0])
        written.append(f"{parent[1]}/{down[1]}" if down[0] else parent[1])
        units.append(down[2] or parent[2])
    return _Header((top, top + 1), written, units, _match(labels, fields), merged)


def _header_cell(cell: object) -> tuple[str | None, str | None, str | None]:
    """(text to match, text as written, unit) of one header cell."""
    label, unit = split_header(cell)
    if not label:
        return None, None, None
    return label, re.sub(r"\s+", "", str(cell)), normalise_unit(unit) if unit else None


def _match(labels: Sequence[str | None], fields: Sequence[Field]) -> dict[str, int]:
    # Fields claim columns in order, so an earlier field wins a column two fields could match.
    taken: dict[str, int] = {}
    for field in fields:
        for pattern in field.patterns:
            index = next(
                (i for i, label in enumerate(labels)
                 if label and i not in taken.values() and re.fullmatch(pattern, label)),
                None,
            )
            if index is not None:
                taken[field.name] = index
                break
    return taken


def _preferred(complete: list[_Header]) -> _Header:
    # A two-row header beats its own top row when it explains more columns, or as many through a merge.
    if len(complete) == 1:
        return complete[0]
    single, pair = complete
    if len(pair.columns) > len(single.columns) or (len(pair.columns) == len(single.columns) and pair.merged):
        return pair
    return single


def _table(grid: Grid, sheet: str, header: _Header) -> FoundTable:
    columns = {
        name: FoundColumn(index, header.written[index] or _letter_label(index), header.units[index])
        for name, index in header.columns.items()
    }
    extra_names = _extra_names(header, width=max(len(row) for row in grid))
    header_rows = [grid[index] for index in header.rows]
    rows: list[DataRow] = []
    totals: list[DataRow] = []
    footer: list[str] = []
    for index in range(header.rows[-1] + 1, len(grid)):
        row = grid[index]
        if footer or _is_footer(row):
            if line := _line(row):
                footer.append(line)
            continue
        if all(is_nothing(cell) for cell in row) or any(_repeats(row, head) for head in header_rows):
            continue
        data = DataRow(
            row_number=index + 1,
            cells={name: _at(row, column) for name, column in header.columns.items()},
            extra={
                name: _at(row, column)
                for column, name in extra_names.items()
                if _at(header.written, column) or not is_nothing(_at(row, column))
            },
        )
        (totals if any(_TOTAL.search(normalise(cell)) for cell in row[:3]) else rows).append(data)
    preamble = [line for line in map(_line, grid[: header.rows[0]]) if line]
    unit_text = labelled_value(preamble + footer, _UNIT_LABELS)
    return FoundTable(
        sheet=sheet,
        header_row_numbers=tuple(index + 1 for index in header.rows),
        columns=columns,
        rows=rows,
        total_rows=totals,
        preamble=preamble,
        footer=footer,
        unit=normalise_unit(unit_text) if unit_text else None,
    )


def _extra_names(header: _Header, width: int) -> dict[int, str]:
    """Column index -> key in DataRow.extra for the columns no field claimed; a repeated header gets its
    column letter, a column without a header is named by its letter alone ('K列')."""
    matched = set(header.columns.values())
    names: dict[int, str] = {}
    for column in range(width):
        if column in matched:
            continue
        written = header.written[column] if column < len(header.written) else None
        name = written or _letter_label(column)
        names[column] = f"{name}({get_column_letter(column + 1)}列)" if name in names.values() else name
    return names


def _letter_label(column: int) -> str:
    return f"{get_column_letter(column + 1)}列"


def _at(row: Sequence[object], column: int) -> object:
    # Rows may be ragged: a CSV line can stop short, and so can a hand-built grid.
    return row[column] if column < len(row) else None


def _is_footer(row: Sequence[object]) -> bool:
    first = next((cell for cell in row if not is_nothing(cell)), None)
    return first is not None and bool(_FOOTER.match(normalise(first)))


def _repeats(row: Sequence[object], header_row: Sequence[object]) -> bool:
    # A header repeated on every printed page, pasted in with the data.
    pairs = [(normalise(cell), normalise(_at(row, i))) for i, cell in enumerate(header_row)]
    pairs = [(head, value) for head, value in pairs if head]
    return bool(pairs) and all(head == value for head, value in pairs)


def _line(row: Sequence[object]) -> str:
    return " ".join(str(cell).strip() for cell in row if not is_nothing(cell))


def labelled_value(lines: Iterable[str], labels: Iterable[str]) -> str | None:
    """The value after 'label:' in the first line that has one: '填报单位：经发局' -> '经发局'.

    A label must not be the tail of a longer word ('单位' does not match '填报单位：'), and the value ends
    where the next 'label:' on the same line begins.
    """
    patterns = [
        re.compile(rf"(?<!\w){re.escape(unicodedata.normalize('NFKC', label))}\s*:\s*(\S.*?)(?=\s+\S+?:|$)")
        for label in labels
    ]
    for line in lines:
        flat = unicodedata.normalize("NFKC", line).strip()
        for pattern in patterns:
            match = pattern.search(flat)
            if match and not is_nothing(match[1]):
                return match[1].strip()
    return None
