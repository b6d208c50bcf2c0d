"""What a CSV file's bytes say about its lines before anything reads it, at memory speed.

DuckDB reads a customs platform download line by line (warehouse/customs_platform.py) but does not say which line
of the file a row came from, drops blank lines, and ends a line at a carriage return alone; and its latin-1 reader
refuses bytes 0x80-0x9F, which GBK uses for the characters outside GB2312. `survey` finds what must be known
before the read (a bare carriage return, those bytes, a NUL); `line_ends` counts the lines and lists the blank
ones, which the loader needs only after the read, so that it numbers every line as the file does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_CHUNK_BYTES = 1 << 24
# A carriage return not followed by a line feed: DuckDB would end the line there and drop the byte after it.
_BARE_CR = re.compile(rb"\r(?!\n)")
# A line end followed by an empty line (a lookahead, so that blank lines in a row are each found).
_BEFORE_BLANK = re.compile(rb"\n(?=\r?\n)")
# Every byte but 0x80-0x9F, for bytes.translate to delete: what is left are the bytes latin-1 reading refuses.
_NOT_C1 = bytes(b for b in range(256) if not 0x80 <= b <= 0x9F)


@dataclass(frozen=True)
class Survey:
    bare_cr_line: int | None  # the first line with a carriage return not followed by a line feed
    has_c1: bool  # a byte 0x80-0x9F somewhere
    has_nul: bool
    has_line_feed: bool  # anywhere: without one, carriage returns are the line ends (old Mac files)

    @property
    def cr_line_ends(self) -> bool:
        return self.bare_cr_line is not None and not self.has_line_feed


@dataclass(frozen=True)
class LineEnds:
    lines: int  # physical lines, the last one counted even without its line end
    blank_lines: tuple[int, ...]  # 1-based numbers of the empty lines


def survey(path: Path) -> Survey:
    bare_cr, has_c1, has_nul, has_line_feed = None, False, False, False
    for offset, chunk, _at_line_start in _chunks(path):
        if bare_cr is None and (found := _BARE_CR.search(chunk)):
            bare_cr = _line_at(path, offset + found.start())
        has_c1 = has_c1 or bool(chunk.translate(None, _NOT_C1))
        has_nul = has_nul or b"\0" in chunk
        has_line_feed = has_line_feed or b"\n" in chunk
    return Survey(bare_cr, has_c1, has_nul, has_line_feed)


def line_ends(path: Path) -> LineEnds:
    lines, blank, at_line_start = 0, [], True
    for _offset, chunk, at_line_start in _chunks(path):
        if at_line_start and chunk.startswith((b"\n", b"\r\n")):
            blank.append(lines + 1)
        counted, before = lines, 0
        for match in _BEFORE_BLANK.finditer(chunk):
            counted += chunk.count(b"\n", before, match.start() + 1)
            before = match.start() + 1
            blank.append(counted + 1)
        lines += chunk.count(b"\n")
        at_line_start = chunk.endswith(b"\n")
    return LineEnds(lines + (0 if at_line_start else 1), tuple(blank))


def _chunks(path: Path) -> Iterator[tuple[int, bytes, bool]]:
    """(its offset in the file, chunk, whether it opens a line): whole lines, so that no pattern spans two chunks;
    a line longer than a chunk goes on without its last byte (a carriage return whose line feed comes next)."""
    offset, at_line_start, carry = 0, True, b""
    with path.open("rb") as raw:
        while True:
            block = raw.read(_CHUNK_BYTES)
            data = carry + block
            end = (data.rfind(b"\n") + 1 or max(len(data) - 1, 0)) if block else len(data)
            chunk, carry = data[:end], data[end:]
            if chunk:
                yield offset, chunk, at_line_start
                offset += len(chunk)
                at_line_start = chunk.endswith(b"\n")
            if not block:
                return


def _line_at(path: Path, offset: int) -> int:
    """The line holding the byte at `offset` (a rare question: the file is read again to answer it)."""
    before = 0
    with path.open("rb") as raw:
        while offset > 0 and (block := raw.read(min(_CHUNK_BYTES, offset))):
            before += block.count(b"\n")
            offset -= len(block)
    return before + 1
