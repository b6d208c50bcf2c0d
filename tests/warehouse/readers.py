"""Readers for loader tests, at module level so that worker processes can run them."""

from __future__ import annotations

import os
from pathlib import Path

from ingest.forms.bureau import read_bureau_files


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
