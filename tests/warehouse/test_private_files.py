"""Issue 18, finding 8: what the service writes (the archive of every submitted file, the build, the published
file, the reports) is readable by the service's user and group only, whatever umask it was started with."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from orchestration.definitions import build_definitions
from tests.conftest import copy_demo


def test_the_night_writes_nothing_other_users_can_read(demo_inputs: Path, tmp_path: Path) -> None:
    home = copy_demo(demo_inputs, tmp_path / "home")
    before = os.umask(0o022)  # a login shell's: every file world-readable unless the service says otherwise
    try:
        result = build_definitions(str(home)).resolve_job_def("nightly").execute_in_process(raise_on_error=False)
    finally:
        os.umask(before)
    assert result.success

    written = [path for folder in ("archive", "warehouse", "reports") for path in (home / folder).rglob("*")]
    kinds = {path.relative_to(home).parts[0] + ("/" if path.is_dir() else "") for path in written}
    assert kinds == {"archive", "archive/", "warehouse", "warehouse/", "reports", "reports/"}
    assert any(path.suffix == ".docx" for path in written) and (home / "warehouse" / "zhaoshang.duckdb") in written
    readable_by_others = [f"{path.relative_to(home)} {stat.filemode(path.stat().st_mode)}" for path in written
                          if path.stat().st_mode & 0o007]
    assert readable_by_others == []
    # Analysts in the service's group still open the published file; nobody writes to it.
    assert stat.S_IMODE((home / "warehouse" / "zhaoshang.duckdb").stat().st_mode) == 0o440
