"""Loading a customs platform download inside DuckDB: one parallel pass over the file as dropped, every rule in SQL.

Years of downloads run to millions of lines, too many for a pandas frame. DuckDB reads the file line by line with
no quote character, so that a broken quote costs its own line, and a GBK file as latin-1, one character per byte,
so that it is never transcoded: GBK and UTF-8 agree on every byte below 0x80 (quotes, commas, digits, codes).
Only the distinct names and units are decoded, in Python, by the file's encoding: those of the first lines before
the pass (it looks each one up in an ENUM as it reads), the few others afterwards on the rows that hold them.

Every physical line ends in one place: raw.customs_platform with its line number (accepted, or with its
`problems`), audit.quarantine whole (a broken quote, a line too long to read), or nowhere as a line that is not
data (the lines above the data, blank lines; 合计 and footer lines are kept in raw with no problems). The file's
lines are counted as DuckDB reads it (ingest/csv_survey.py), so a line missing from raw is looked for, never lost.
Broken lines stay in raw with their `problems` and core leaves them out: deleting them would make DuckDB rewrite
the whole load at commit (bench/README.md).

The loader runs `load_platform_csv` in a child process with a memory and a time bound, into a database of its own
(warehouse/platform_child.py): the texts decoded here are the file's, and never reach the loader's process.
"""

from __future__ import annotations

import bisect
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.csv_survey import line_ends, survey
from ingest.encoding import detect_encoding
from ingest.forms.common import FileRejected
from ingest.forms.customs import PLATFORM_FIELDS, PlatformDownload, PlatformLayout
from ingest.tables import FOOTER_WORDS, TOTAL_WORDS
from ingest.unreadable import UnreadableFile
from schemas.customs_platform import LARGEST_FIGURE, LONGEST_LINE_BYTES, PLATFORM_RULES, WIDEST_DOWNLOAD_COLUMNS
from schemas.years import PLAUSIBLE_YEARS
from warehouse.database import SQL_DIR

__all__ = ["PlatformCounts", "PlatformLayout", "PreparedCsv", "load_platform_csv", "prepare"]

_LOADS = SQL_DIR / "loads"
_HEAD_BYTES = 1 << 16
_COPY_BYTES = 1 << 24
# Lines whose texts are decoded before the pass: a month of a download repeats its names many times over.
SAMPLE_LINES = 100_000
# The words a line that is not data (a 合计 line, a footer) starts with: the workbook readers' words, the colons
# also full-width since the platform's lines are not normalised.
_NOT_DATA_WORDS = (*TOTAL_WORDS, *FOOTER_WORDS, *(word.replace(":", "：") for word in FOOTER_WORDS if ":" in word))
_REJECT_RULES = {"LINE SIZE OVER MAXIMUM": "line_too_long", "INVALID ENCODING": "encoding"}


def _sql(step: str) -> str:
    return (_LOADS / f"customs_platform_{step}.sql").read_text(encoding="utf-8")


@dataclass(frozen=True)
class PlatformCounts:
    read: int
    accepted: int
    rejected: int


@dataclass(frozen=True)
class PreparedCsv:
    """A platform download ready to load.

    `read_as` is how DuckDB reads the file: 'latin-1' for GBK (its texts are then decoded by `decode`, 'gb18030'),
    'utf-8' for a file in UTF-8 (`decode` None), or for a copy where each byte of a GBK file is one character.
    """

    path: Path
    read_as: str
    decode: str | None
    has_nul: bool


def prepare(download: PlatformDownload, scratch: Path) -> PreparedCsv:
    """The download as DuckDB will read it: the dropped file itself, never transcoded, or a copy in `scratch` for a
    download saved as a workbook (its rows, one line each) or a GBK file with bytes DuckDB's latin-1 refuses.

    Raises FileRejected for a file that is no text (UTF-16, binary: the reader refused it already), or for a line
    ending in a carriage return alone among lines that end in a line feed, naming the line. A file whose every
    line ends in a carriage return alone (old Mac line ends) is read from a copy ending them in CRLF.
    """
    width = len(download.layout.fields)
    if width > WIDEST_DOWNLOAD_COLUMNS:
        raise FileRejected(f"表头有{width:,}列，海关统计下载最多有{WIDEST_DOWNLOAD_COLUMNS}列，文件多半已损坏，"
                           f"请重新下载 ({width:,} columns: a download has at most {WIDEST_DOWNLOAD_COLUMNS})")
    if download.rows is not None:
        target = scratch / "sheet.csv"
        with target.open("w", encoding="utf-8", newline="") as out:
            lines = [_platform_line(row) for row in download.rows]
            out.writelines(lines)
        return PreparedCsv(target, "utf-8", None, any("\0" in line for line in lines))
    with download.path.open("rb") as raw:
        head = raw.read(_HEAD_BYTES)
    try:
        # The header (商品编码, 第一数量...) is Chinese, so the first bytes tell GBK from UTF-8.
        encoding = detect_encoding(head)
    except UnreadableFile as err:
        raise FileRejected(str(err)) from err
    found = survey(download.path)
    if found.bare_cr_line is not None and not found.cr_line_ends:
        raise FileRejected(f"第{found.bare_cr_line}行有单独的回车符（CR），无法分行，请用记事本打开后另存为再上传 "
                           f"(line {found.bare_cr_line} has a carriage return without a line feed)")
    path, read_as, decode = download.path, "utf-8", None
    if encoding == "gb18030":
        read_as, decode = "latin-1", "gb18030"
    # DuckDB's latin-1 refuses bytes 0x80-0x9F (GBK's characters outside GB2312): each byte becomes one character
    # of a UTF-8 copy, which reads exactly as latin-1 would have.
    as_characters = encoding == "gb18030" and found.has_c1
    if as_characters or found.cr_line_ends:
        path, read_as = scratch / "copy.csv", "utf-8" if as_characters else read_as
        _copy(download.path, path, as_characters, found.cr_line_ends)
    return PreparedCsv(path, read_as, decode, found.has_nul)


def _platform_line(row: list[object]) -> str:
    # The platform's own shape, every cell quoted; a line break inside a cell would start a new file line.
    cells = ('"' + re.sub(r"[\r\n]+", " ", str(cell)).replace('"', '""') + '"' for cell in row)
    return ",".join(cells) + "\r\n"


def _copy(source: Path, target: Path, as_characters: bool, cr_line_ends: bool) -> None:
    """Copy a download, each byte as one character and/or each carriage return as CRLF (a CR is never part of a
    GBK or UTF-8 character, and a file with CR line ends has no line feed to double)."""
    with source.open("rb") as raw, target.open("wb") as out:
        while chunk := raw.read(_COPY_BYTES):
            if cr_line_ends:
                chunk = chunk.replace(b"\r", b"\r\n")
            out.write(chunk.decode("latin-1").encode("utf-8") if as_characters else chunk)


def load_platform_csv(con: duckdb.DuckDBPyConnection, prepared: PreparedCsv, layout: PlatformLayout, load_id: int,
                      file_name: str) -> PlatformCounts:
    """Append the lines of a platform download to raw.customs_platform, the broken ones also to audit.quarantine."""
    first_line, width = layout.first_line, len(layout.fields)
    year, month_from, month_to = layout.period or (None, None, None)
    con.execute(_sql("0_params"), {
        "first_line": first_line, "year": year, "month_from": month_from, "month_to": month_to,
        "value_field": "value_yuan" if "value_yuan" in layout.headers else "value_usd",
        "decode": prepared.decode is not None, "has_nul": prepared.has_nul, "largest": LARGEST_FIGURE,
        "first_year": PLAUSIBLE_YEARS[0], "last_year": PLAUSIBLE_YEARS[1],
    })
    con.execute(_sql("1_cells"))
    scan = {
        "path": str(prepared.path), "parts": {f"p{i}": "VARCHAR" for i in range(1, width + 3)},
        "skip": first_line - 1, "read_as": prepared.read_as, "line_bytes": LONGEST_LINE_BYTES, "width": width,
        "columns": {field.name: (layout.fields.index(field.name) + 1 if field.name in layout.fields else None)
                    for field in PLATFORM_FIELDS},
    }
    with ThreadPoolExecutor(max_workers=1) as counting:
        # The file's lines are counted while DuckDB reads it (it lets go of Python meanwhile).
        ends = counting.submit(line_ends, prepared.path)
        appended, texts = _append(con, prepared, scan, load_id, file_name)
        lines, blank_lines = ends.result().lines, ends.result().blank_lines
    # Rows step 4 marked (row_number -1) are found before step 7 numbers them.
    leftovers = _leftovers(con, load_id, {*texts, *(text.strip(" ") for text in texts)}) if prepared.decode else []
    not_read = {line: (_REJECT_RULES.get(error, "line_too_long"), written) for line, error, written in con.execute(
        "SELECT line, any_value(error_type), any_value(csv_line) FROM customs_platform_rejects WHERE line >= ?"
        " GROUP BY line", [first_line]).fetchall()}
    blank = [line for line in blank_lines if line >= first_line]
    missing = lines - (first_line - 1) - len(blank) - len(not_read) - appended
    broken = _broken_lines(con, scan, appended, missing, sorted([*blank, *not_read]), first_line)
    skipped = sorted([*blank, *not_read, *broken])
    first_rowid = con.execute("SELECT min(rowid) FROM raw.customs_platform WHERE load_id = ?", [load_id]).fetchone()[0]
    con.execute(_sql("7_number"), {"load_id": load_id, "first_line": first_line, "first_rowid": first_rowid or 0,
                                   "shift_from": [line - first_line - k for k, line in enumerate(skipped)]})
    read, decoded = [], []
    if prepared.decode:
        # After the numbering: updating `problems` moves a row to the end of the table.
        _decode(con, load_id, leftovers, prepared.decode)
        # A cell a problem quotes is kept as read in raw's problems; quarantine shows its text.
        quoted = [value for (value,) in con.execute(
            "SELECT DISTINCT problem.value FROM (SELECT unnest(problems) AS problem FROM raw.customs_platform"
            " WHERE load_id = ? AND len(problems) > 0)", [load_id]).fetchall() if _read_as_latin1(value)]
        read, decoded = quoted, [_decoded(value, prepared.decode)[0] for value in quoted]
    whole_lines = [
        {"line": line, "rule": "csv_format", "value": _shown(written, prepared.decode), "csv_column": column}
        for line, (written, column) in broken.items()
    ] + [
        {"line": line, "rule": rule, "value": _shown(written.lstrip("\r\n"), prepared.decode)[:100] + "…",
         "csv_column": None}
        for line, (rule, written) in not_read.items()
    ]
    con.execute(_sql("9_quarantine"), {
        "load_id": load_id, "file_name": file_name, "sheet": layout.sheet,
        "fields": list(layout.headers), "headers": list(layout.headers.values()),
        "rules": list(PLATFORM_RULES), "messages": list(PLATFORM_RULES.values()),
        "column_fields": [field or "" for field in layout.fields], "lines": whole_lines,
        "read": read, "decoded": decoded,
    })
    accepted, broken_rows = con.execute(
        "SELECT count(*) FILTER (WHERE problems IS NULL), count(*) FILTER (WHERE len(problems) > 0)"
        " FROM raw.customs_platform WHERE load_id = ?", [load_id]).fetchone()
    _drop_rejects(con, "customs_platform_rejects")
    # Our own temporary objects, by their fixed names.
    con.execute("DROP TYPE customs_platform_text")
    con.execute("DROP TABLE customs_platform_texts")
    con.execute("DROP TABLE customs_platform_params")
    con.execute("DROP MACRO TABLE customs_platform_cells")
    rejected = broken_rows + len(whole_lines)
    return PlatformCounts(read=accepted + rejected, accepted=accepted, rejected=rejected)


def _append(con: duckdb.DuckDBPyConnection, prepared: PreparedCsv, scan: dict, load_id: int, file_name: str
            ) -> tuple[int, list[str]]:
    """Steps 2 to 4: the lines appended to raw, and the texts decoded as they were read."""
    sample = []
    if prepared.decode:
        sample = [value for (value,) in con.execute(_sql("2_sample"), scan | {"lines": SAMPLE_LINES}).fetchall()
                  if "\0" not in value]  # a NUL is named by step 4 on the value as read
        _drop_rejects(con, "customs_platform_sample_rejects")
    texts, readable = _texts(con, sample, prepared.decode)
    [appended] = con.execute(_sql("4_load"), scan | {
        "load_id": load_id, "file_name": file_name, "not_data": _not_data_pattern(prepared.decode), "texts": texts,
        "readable": readable,
    }).fetchone()
    return appended, texts


def _broken_lines(con: duckdb.DuckDBPyConnection, scan: dict, appended: int, missing: int, skipped: list[int],
                  first_line: int) -> dict[int, tuple[str, int | None]]:
    """The lines that did not split (line -> as written, position of the first broken field), when the count of the
    file's lines says some are missing from raw: read again by position, which costs a second pass."""
    if missing == 0:
        return {}
    found = {}
    for position, written, column in con.execute(_sql("6_broken"), scan | {"rows": appended + missing}).fetchall():
        # The position counts the rows DuckDB gave: lines from the first data line on, less blank and unread ones.
        line = first_line + position
        while line != first_line + position + bisect.bisect_right(skipped, line):
            line = first_line + position + bisect.bisect_right(skipped, line)
        found[line] = (written, column)
    _drop_rejects(con, "customs_platform_broken_rejects")
    if len(found) != missing:
        raise RuntimeError(f"{missing} lines missing from the load but {len(found)} broken lines found")
    return found


def _texts(con: duckdb.DuckDBPyConnection, values: list[str], encoding: str | None) -> tuple[list[str], int]:
    """Make `values` the ENUM customs_platform_text, the ones whose bytes are `encoding` first; returns their texts in
    its order and the position of the first whose bytes are not."""
    decoded = sorted(((_decoded(value, encoding), value) for value in values), key=lambda item: not item[0][1])
    con.execute(_sql("3_texts"), {"raw": [value for _, value in decoded], "text": [text for (text, _), _ in decoded]})
    con.execute("DROP TYPE IF EXISTS customs_platform_text")
    con.execute(_sql("3_type"))
    return [text for (text, _), _ in decoded], sum(readable for (_, readable), _ in decoded)


def _leftovers(con: duckdb.DuckDBPyConnection, load_id: int, texts: set[str]) -> list[str]:
    """The texts and codes step 4 left as read (the first lines did not have them)."""
    return [value for (value,) in con.execute(_sql("5_marked"), {"load_id": load_id}).fetchall()
            if value not in texts and _read_as_latin1(value)]


def _decode(con: duckdb.DuckDBPyConnection, load_id: int, leftovers: list[str], encoding: str) -> None:
    """Decode `leftovers` on the rows that hold them; the ones whose bytes are not `encoding` become an `encoding`
    problem."""
    if not leftovers:
        return
    _, readable = _texts(con, leftovers, encoding)
    if readable < len(leftovers):
        unreadable = [value for value in leftovers if not _decoded(value, encoding)[1]]
        con.execute(_sql("8_unreadable"), {"load_id": load_id, "raw": unreadable,
                                           "text": [_decoded(value, encoding)[0] for value in unreadable]})
    con.execute(_sql("8_decode"), {"load_id": load_id})


def _read_as_latin1(value: str) -> bool:
    """Whether a value is a reading of bytes above 0x7F as latin-1 (a decoded text has characters beyond it)."""
    return not value.isascii() and all(ord(character) < 256 for character in value)


def _decoded(value: str, encoding: str | None) -> tuple[str, bool]:
    """The text of a value DuckDB read as latin-1, and whether its bytes are all in `encoding`."""
    if encoding is None:
        return value, True
    written = value.encode("latin-1")
    try:
        return written.decode(encoding), True
    except UnicodeDecodeError:
        return written.decode(encoding, errors="replace"), False


def _shown(written: str, encoding: str | None) -> str:
    if not encoding:
        return written
    # A line cut short ends in the load's own '…', which is no reading of the file's bytes.
    cut = "…" if written.endswith("…") else ""
    return _decoded(written.removesuffix(cut), encoding)[0] + cut


def _not_data_pattern(encoding: str | None) -> str:
    """The start of a line that is not data, decoded and, for a file read as latin-1, as its bytes read so."""
    words = list(_NOT_DATA_WORDS)
    if encoding:
        words += [word.encode(encoding).decode("latin-1") for word in _NOT_DATA_WORDS]
    return r"^\s*(" + "|".join(re.escape(word) for word in words) + ")"


def _drop_rejects(con: duckdb.DuckDBPyConnection, name: str) -> None:
    for table in (name, f"{name}_scans"):
        con.execute(f"DROP TABLE IF EXISTS {table}")  # our own temp tables, by their fixed names
