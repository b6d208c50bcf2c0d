"""Readers for loader tests, at module level so that worker processes can run them."""

from __future__ import annotations

import os
import shlex
import sys
import tempfile
from pathlib import Path

from ingest.forms.bureau import read_bureau_files
from ingest.sources import SOURCES

HEAVY = ("pandas", "pandera", "numpy", "pydantic", "duckdb")


def abort_on_crash_files(paths: list[Path], reference: object) -> list[object]:
    """The bureau reader, except that a file whose name holds 'crash' kills the process as a native fault would."""
    if any("crash" in path.name for path in paths):
        os.abort()
    return read_bureau_files(paths, reference)


class RunsCode:
    """What a worker taken over through a native parser's bug could send back: a pickle that, read, runs a command
    in the reading process (here: creates the file `marker`)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return os.system, (f"touch {shlex.quote(str(self.marker))}",)


def answer_with_code_on_evil_files(paths: list[Path], reference: object) -> list[object]:
    """The bureau reader, except that for a file whose name holds 'evil' it answers with a pickle that runs a
    command: <tmp>/<file name>.ran would be created by whoever unpickles it."""
    results = read_bureau_files(paths, reference)
    return [RunsCode(Path(tempfile.gettempdir()) / f"{path.name}.ran") if "evil" in path.name else result
            for path, result in zip(paths, results, strict=True)]


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
