"""`make status` as an operator's terminal shows it."""

from __future__ import annotations

from pathlib import Path

from orchestration.status import waiting_lines
from warehouse.home import paths


def test_a_waiting_files_name_cannot_drive_the_terminal(home: Path) -> None:
    # A name a clerk chose: an escape sequence that would retitle the window and clear the screen.
    (home / "landing" / "departments" / "经发局\x1b]0;PWNED\x07\x1b[2J.xlsx").write_bytes(b"PK")
    lines = waiting_lines(paths(home))
    assert lines == ["接收目录中等待处理的文件：1 个（下一次运行读取）",
                     "  departments/经发局\\x1b]0;PWNED\\x07\\x1b[2J.xlsx"]
