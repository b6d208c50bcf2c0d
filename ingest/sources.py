"""The three kinds of file the centre receives: the one list every other part (assets, sensor, loader, demo)
derives its sources from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest.forms.bureau import read_bureau_files
from ingest.forms.customs import read_customs_files
from ingest.forms.departments import read_department_files


@dataclass(frozen=True)
class Source:
    name: str  # the landing folder landing/<name>, and audit.loads.source
    label: str  # what the centre calls it
    reader: Callable[[list[Path], object], list]  # module-level, so worker processes can run it
    raw_tables: tuple[str, ...]  # the raw tables its files are loaded into

    @property
    def asset_name(self) -> str:
        return f"{self.name}_files"


SOURCES = (
    Source("bureau", "市商务局认定：指标认定、项目认定", read_bureau_files, ("raw.bureau_kpi", "raw.bureau_projects")),
    Source("departments", "部门周报：线索、签约项目、注册企业、招商活动", read_department_files,
           ("raw.dept_reports", "raw.dept_leads", "raw.dept_signed_projects", "raw.dept_enterprises",
            "raw.dept_activities")),
    Source("customs", "海关：企业进出口情况表、统计平台下载", read_customs_files,
           ("raw.customs_enterprise_monthly", "raw.customs_platform")),
)
SOURCE_NAMES = tuple(source.name for source in SOURCES)
