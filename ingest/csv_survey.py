"""What a CSV file's bytes say about its lines before anything reads it, in one pass at memory speed.

DuckDB reads a customs platform download line by line (warehouse/customs_platform.py) but does not say which line
of the file a row came from, drops blank lines, and ends a line at a carriage return alone; and its latin-1 reader
refuses bytes 0x80-0x9F, which GBK uses for the characters outside GB2312. The survey counts the lines, lists the
blank ones and finds what DuckDB would get wrong, so the loader can number every line as the file does.
"""

from __future__ import annotations

import re
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
    lines: int  # physical lines, the last one counted even without its line end
    blank_lines: tuple[int, ...]  # 1-based numbers of the empty lines
    bare_cr_line: int | None  # the first line with a carriage return not followed by a line feed
    has_c1: bool  # a byte 0x80-0x9F somewhere
    has_nul: bool


def survey(path: Path) -> Survey:
    lines, blank, bare_cr, has_c1, has_nul = 0, [], None, False, False
    at_line_start, carry = True, b""
    with path.open("rb") as raw:
        while True:
            block = raw.read(_CHUNK_BYTES)
            data = carry + block
            # Whole lines only, so that no pattern spans two chunks; a line longer than a chunk goes on without its
            # last byte (it may be a carriage return whose line feed comes next).
            end = (data.rfind(b"\n") + 1 or max(len(data) - 1, 0)) if block else len(data)
            chunk, carry = data[:end], data[end:]
            if chunk:
                if at_line_start and chunk.startswith((b"\n", b"\r\n")):
                    blank.append(lines + 1)
                if bare_cr is None and (found := _BARE_CR.search(chunk)):
                    bare_cr = lines + chunk.count(b"\n", 0, found.start()) + 1
                counted, before = lines, 0
                for match in _BEFORE_BLANK.finditer(chunk):
                    counted += chunk.count(b"\n", before, match.start() + 1)
                    before = match.start() + 1
                    blank.append(counted + 1)
                has_c1 = has_c1 or bool(chunk.translate(None, _NOT_C1))
                has_nul = has_nul or b"\0" in chunk
                lines += chunk.count(b"\n")
                at_line_start = chunk.endswith(b"\n")
            if not block:
                break
    return Survey(lines + (0 if at_line_start else 1), tuple(blank), bare_cr, has_c1, has_nul)
