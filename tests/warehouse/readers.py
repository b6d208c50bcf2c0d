"""Readers for loader tests, at module level so that worker processes can run them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ingest.forms.bureau import read_bureau_files
from ingest.sources import SOURCES

HEAVY = ("pandas", "pandera", "numpy", "pydantic", "duckdb")


def abort_on_crash_files(paths: list[Path], reference: object) -> list[object]:
    """The bureau reader, except that a file whose name holds 'crash' kills the process as a native fault would."""
    if any("crash" in path.name for path in paths):
        os.abort()
    return read_bureau_files(paths, reference)


def hog_memory_on_bomb_files(paths: list[Path], reference: object) -> list[object]:
    """The bureau reader, except that a file whose name holds 'bomb' asks for more memory than a worker may have."""
    if any("bomb" in path.name for path in paths):
        bytearray(8 * 1024**3)
    return read_bureau_files(paths, reference)


def heavy_modules_after_reading(paths: list[Path], reference: object) -> list[object]:
    """Each source's reader over its files (landing/<source>/...), then, for each file, the heavy modules the process
    has imported by now."""
    for source in SOURCES:
        source.reader([path for path in paths if path.parent.name == source.name], reference)
    imported = sorted(name for name in HEAVY if name in sys.modules)
    return [imported] * len(paths)
