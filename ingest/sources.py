"""The three kinds of file the centre receives: the one list the assets, the sensor and the loader derive their
sources from (the demo generator imports nothing of ours; a test holds its folder names to this list)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Source:
    name: str  # the landing folder landing/<name>, and audit.loads.source
    label: str  # what the centre calls it, in every report and message
    contents: str  # what its files hold
    reader_name: str  # 'module:function', a module-level reader(paths, reference), so worker processes can run it
    raw_tables: tuple[str, ...]  # the raw tables its files are loaded into

    @property
    def asset_name(self) -> str:
        return f"{self.name}_files"

    @property
    def reader(self) -> Callable[[list[Path], object], list]:
        # Imported when first used: knowing the sources (a night with nothing new) needs no pandas.
        module, function = self.reader_name.split(":")
        return getattr(importlib.import_module(module), function)


SOURCES = (
    Source("bureau", "市商务局认定", "指标认定、项目认定", "ingest.forms.bureau:read_bureau_files",
           ("raw.bureau_kpi", "raw.bureau_projects")),
    Source("departments", "部门报表", "线索、签约项目、注册企业、招商活动",
           "ingest.forms.departments:read_department_files",
           ("raw.dept_reports", "raw.dept_leads", "raw.dept_signed_projects", "raw.dept_enterprises",
            "raw.dept_activities")),
    Source("customs", "海关数据", "企业进出口情况表、统计平台下载", "ingest.forms.customs:read_customs_files",
           ("raw.customs_enterprise_monthly", "raw.customs_platform")),
)
SOURCE_NAMES = tuple(source.name for source in SOURCES)
SOURCE_BY_NAME = {source.name: source for source in SOURCES}
SOURCE_LABELS = {source.name: source.label for source in SOURCES}
