"""Find a table in a sheet by what its headers mean, wherever the clerk put it and however it is spelt."""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ingest.bounds import column_letters
from ingest.text import is_nothing, normalise, split_header
from ingest.units import normalise_unit

Grid = Sequence[Sequence[object]]

# The words that make a row a total or a footer rather than data, as normalise() writes them (a half-width colon);
# the customs platform load looks for the same words (warehouse/customs_platform.py).
TOTAL_WORDS = ("合计", "小计", "总计")
FOOTER_WORDS = ("资料来源", "来源:", "注:", "说明:", "填表人", "制表")
_FOOTER = re.compile("^(?:" + "|".join(map(re.escape, FOOTER_WORDS)) + ")")
_TOTAL = re.compile("|".join(TOTAL_WORDS))
_UNIT_LABELS = ("单位", "金额单位", "计量单位")
# Cells whose text is digits, a date or True/False: never a total or a footer's first words, never nothing but NaN.
_NUMBERS_AND_DATES = frozenset({int, float, bool, dt.date, dt.datetime, dt.time, dt.timedelta})


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


class Layouts:
    """Header searches remembered by the rows they read, for a batch of sheets that repeat a layout.

    The search for a header reads the sheet from the top down to the header's row and the row below it. Every
    row above the header, and the header row itself, decides the outcome on its own text, so a sheet whose rows
    down to the header are the same text as a learnt sheet's has its header at the same place, with the same
    one-row candidate. The row below is a data row, different in every sheet, and could still complete a
    two-row header: that pair is built anew from each sheet, and where neither candidate is complete the sheet
    is searched the slow way. So a remembered layout gives exactly what the search would give, and one that does
    not fit is never used.
    """

    def __init__(self, per_form: int = 64) -> None:
        self._per_form = per_form  # a hostile batch of ever-different layouts keeps only the latest ones
        self._known: dict[tuple[tuple[Field, ...], int], dict[tuple, _Layout]] = {}

    def recall(self, grid: Grid, fields: tuple[Field, ...], max_scan: int) -> _Header | None:
        known = self._known.get((fields, max_scan))
        if not known:
            return None
        texts: list[tuple[str | None, ...]] = []
        for depth in sorted({len(rows) for rows in known}):
            if depth > len(grid):
                break
            texts.extend(_texts(grid[row]) for row in range(len(texts), depth))
            layout = known.get(tuple(texts))
            if layout is None:
                continue
            top = layout.top
            pair = None
            if top + 1 < len(grid):
                pair = _pair(layout.parts, _cells(grid[top + 1]), top, fields, complete_only=True)
            complete = [candidate for candidate in (layout.single, pair) if candidate is not None]
            return _preferred(complete) if complete else None
        return None

    def learn(self, grid: Grid, fields: tuple[Field, ...], max_scan: int, layout: _Layout) -> None:
        known = self._known.setdefault((fields, max_scan), {})
        known[tuple(_texts(row) for row in grid[:layout.top + 1])] = layout
        if len(known) > self._per_form:
            del known[next(iter(known))]


@dataclass(frozen=True)
class _Layout:
    top: int  # 0-based row of the header (its upper row, for a two-row header)
    parts: list[_Cell]  # the header cells of that row
    single: _Header | None  # the one-row candidate at `top`; None when it lacks a required field


def _texts(row: Sequence[object]) -> tuple[str | None, ...]:
    # What the search reads of a row: each header cell is matched by its text alone.
    return tuple(None if cell is None else str(cell) for cell in row)


def find_table(grid: Grid, fields: Sequence[Field], sheet: str, max_scan: int = 25,
               layouts: Layouts | None = None) -> FoundTable:
    """The table under the first row, or pair of rows, whose headers match every required field.

    `layouts` remembers each header found, so that later sheets with the same rows above their data are not
    searched again (see Layouts); the table found is the same either way.
    """
    return _table(grid, sheet, _header(grid, tuple(fields), sheet, max_scan, layouts))


def find_columns(grid: Grid, fields: Sequence[Field], sheet: str, max_scan: int = 25,
                 layouts: Layouts | None = None) -> dict[str, int]:
    """The columns find_table would find (field name -> column index), without reading the rows under them."""
    return dict(_header(grid, tuple(fields), sheet, max_scan, layouts).columns)


def _header(grid: Grid, fields: tuple[Field, ...], sheet: str, max_scan: int, layouts: Layouts | None) -> _Header:
    header = layouts.recall(grid, fields, max_scan) if layouts is not None else None
    if header is None:
        header, layout = _search(grid, fields, sheet, max_scan)
        if layouts is not None:
            layouts.learn(grid, fields, max_scan, layout)
    return header


def _search(grid: Grid, fields: tuple[Field, ...], sheet: str, max_scan: int) -> tuple[_Header, _Layout]:
    """The header, and what Layouts keeps of its top row. A candidate is matched only until it lacks a required
    field; which one came closest is worked out only when there is no header, for the message."""
    below: list[_Cell] | None = None
    for top in range(min(max_scan, len(grid))):
        parts = below if below is not None else _cells(grid[top])
        below = _cells(grid[top + 1]) if top + 1 < len(grid) else None
        single = _single(parts, top, fields, complete_only=True)
        pair = _pair(parts, below, top, fields, complete_only=True) if below is not None else None
        complete = [candidate for candidate in (single, pair) if candidate is not None]
        if complete:
            return _preferred(complete), _Layout(top, parts, single)
    raise _not_found(grid, fields, sheet, max_scan)


def _not_found(grid: Grid, fields: tuple[Field, ...], sheet: str, max_scan: int) -> TableNotFound:
    """What the candidate with the fewest required fields missing lacks, and what it reads."""
    required = [field for field in fields if field.required]
    closest: tuple[list[str], list[str]] | None = None
    for top in range(min(max_scan, len(grid))):
        parts = _cells(grid[top])
        candidates = [_single(parts, top, fields)]
        if top + 1 < len(grid) and (pair := _pair(parts, _cells(grid[top + 1]), top, fields)):
            candidates.append(pair)
        for candidate in candidates:
            missing = [field.patterns[0] for field in required if field.name not in candidate.columns]
            if closest is None or len(missing) < len(closest[0]):
                closest = (missing, [text for text in candidate.written if text])
    missing, seen = closest or ([field.patterns[0] for field in required], [])
    return TableNotFound(sheet, missing, seen)


_Cell = tuple[str | None, str | None, str | None]  # (text to match, text as written, unit) of a header cell
_NO_CELL: _Cell = (None, None, None)


def _cells(row: Sequence[object]) -> list[_Cell]:
    return [_header_cell(cell) for cell in row]


def _single(parts: list[_Cell], top: int, fields: Sequence[Field], complete_only: bool = False) -> _Header | None:
    """One row as the header; with `complete_only`, None when it lacks a required field."""
    columns = _match([label for label, _, _ in parts], fields, complete_only)
    if columns is None:
        return None
    return _Header(
        rows=(top,),
        written=[written for _, written, _ in parts],
        units=[unit for _, _, unit in parts],
        columns=columns,
    )


def _pair(
    upper: list[_Cell], lower: list[_Cell], top: int, fields: Sequence[Field], complete_only: bool = False
) -> _Header | None:
    """Upper row over lower row; a merged upper cell is carried right only while the lower row has text.

    None when some lower text has no upper cell over it: then the upper row is a title or unit line, not
    the top half of a header. With `complete_only`, None too when the pair lacks a required field.
    """
    labels: list[str | None] = []
    written: list[str | None] = []
    units: list[str | None] = []
    parent = _NO_CELL
    merged = False
    for col in range(max(len(upper), len(lower))):
        up = upper[col] if col < len(upper) else _NO_CELL
        down = lower[col] if col < len(lower) else _NO_CELL
        if up[0]:
            parent = up
        elif down[0] and parent[0]:
            merged = True
        else:
            parent = _NO_CELL
        if down[0] and not parent[0]:
            return None
        labels.append(f"{parent[0]}|{down[0]}" if down[0] else parent[0])
        written.append(f"{parent[1]}/{down[1]}" if down[0] else parent[1])
        units.append(down[2] or parent[2])
    columns = _match(labels, fields, complete_only)
    return None if columns is None else _Header((top, top + 1), written, units, columns, merged)


def _header_cell(cell: object) -> _Cell:
    """(text to match, text as written, unit) of one header cell."""
    label, unit = split_header(cell)
    if not label:
        return _NO_CELL
    return label, re.sub(r"\s+", "", str(cell)), normalise_unit(unit) if unit else None


def _match(labels: Sequence[str | None], fields: Sequence[Field], complete_only: bool = False
           ) -> dict[str, int] | None:
    """Field name -> column; with `complete_only`, None as soon as a required field has no column."""
    # Fields claim columns in order, so an earlier field wins a column two fields could match.
    taken: dict[str, int] = {}
    claimed: set[int] = set()
    for field in fields:
        for pattern in field.patterns:
            matches = _compiled(pattern).fullmatch
            index = next((i for i, label in enumerate(labels) if label and i not in claimed and matches(label)),
                         None)
            if index is not None:
                taken[field.name] = index
                claimed.add(index)
                break
        else:
            if complete_only and field.required:
                return None
    return taken


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern[str]:
    # The patterns are the forms' own few dozen; re's cache looks each up at several times the cost.
    return re.compile(pattern)


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
    claimed = list(header.columns.items())
    extra_names = _extra_names(header, width=max(len(row) for row in grid))
    # A column with a header is always kept among the extras; one without only where the row has a value there.
    extras = [(column, name, bool(_at(header.written, column))) for column, name in extra_names.items()]
    header_texts = [[(i, text) for i, cell in enumerate(grid[index]) if (text := normalise(cell))]
                    for index in header.rows]
    rows: list[DataRow] = []
    totals: list[DataRow] = []
    footer: list[str] = []
    for index in range(header.rows[-1] + 1, len(grid)):
        row = grid[index]
        if footer or _is_footer(row):
            if line := _line(row):
                footer.append(line)
            continue
        if all(map(_blank, row)) or any(_repeats(row, texts) for texts in header_texts):
            continue
        data = DataRow(
            row_number=index + 1,
            cells={name: _at(row, column) for name, column in claimed},
            extra={name: _at(row, column) for column, name, headed in extras
                   if headed or not _blank(_at(row, column))},
        )
        (totals if any(map(_says_total, row[:3])) else rows).append(data)
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
        names[column] = f"{name}({column_letters(column + 1)}列)" if name in names.values() else name
    return names


def _letter_label(column: int) -> str:
    return f"{column_letters(column + 1)}列"


def _at(row: Sequence[object], column: int) -> object:
    # Rows may be ragged: a CSV line can stop short, and so can a hand-built grid.
    return row[column] if column < len(row) else None


def _blank(cell: object) -> bool:
    """is_nothing, without its text work for a number or a date (never nothing, but a NaN)."""
    if cell.__class__ in _NUMBERS_AND_DATES:
        return cell != cell
    return is_nothing(cell)


def _says_total(cell: object) -> bool:
    # Every word of _TOTAL ends in 计, which no other character folds to: a cell without it says none of them.
    return cell.__class__ not in _NUMBERS_AND_DATES and "计" in str(cell) and bool(_TOTAL.search(normalise(cell)))


def _is_footer(row: Sequence[object]) -> bool:
    first = next((cell for cell in row if not _blank(cell)), None)
    return first is not None and first.__class__ not in _NUMBERS_AND_DATES and bool(_FOOTER.match(normalise(first)))


def _repeats(row: Sequence[object], header_texts: list[tuple[int, str]]) -> bool:
    # A header repeated on every printed page, pasted in with the data.
    return bool(header_texts) and all(normalise(_at(row, i)) == text for i, text in header_texts)


def _line(row: Sequence[object]) -> str:
    return " ".join(str(cell).strip() for cell in row if not is_nothing(cell))


# The place a value ends: a run of spaces followed by a word holding a colon after its first character (the next
# 'label:'). Each run is looked at once, so a line costs its length whatever it holds (issue 18: a regular
# expression that looked ahead from every label rescanned the rest of the line for each one).
_NEXT_LABEL = re.compile(r"(?<=\S)\s+\S[^\s:]*:")


def labelled_value(lines: Iterable[str], labels: Iterable[str]) -> str | None:
    """The value after 'label:' in the first line that has one: '填报单位：经发局' -> '经发局'.

    A label must not be the tail of a longer word ('单位' does not match '填报单位：'), and the value ends
    where the next 'label:' on the same line begins; it does not run over a line break within the line.
    """
    patterns = [re.compile(rf"(?<!\w){re.escape(unicodedata.normalize('NFKC', label))}\s*:\s*(?=\S)")
                for label in labels]
    for line in lines:
        flat = unicodedata.normalize("NFKC", line).strip()
        ends: list[int] | None = None
        breaks = [index for index, char in enumerate(flat) if char == "\n"] if "\n" in flat else []
        for pattern in patterns:
            for label in pattern.finditer(flat):
                if ends is None:
                    ends = [match.start() for match in _NEXT_LABEL.finditer(flat)]
                start = label.end()
                following = bisect.bisect_right(ends, start)
                end = ends[following] if following < len(ends) else len(flat)
                line_break = bisect.bisect_right(breaks, start)
                if line_break < len(breaks) and breaks[line_break] < end:
                    continue  # the value would run over a line break: the next label may be the one
                value = flat[start:end]
                if not is_nothing(value):
                    return value.strip()
                break
    return None
