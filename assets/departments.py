"""Department weekly workbooks (全员招商) in landing/departments."""

from assets.landing import landing_asset
from ingest.forms.departments import read_department_files

# A night brings hundreds of small workbooks: pandera runs once per form over a whole batch of them.
department_files = landing_asset(
    "departments", read_department_files,
    "部门周报：线索、签约项目、注册企业、招商活动 -> raw.dept_*",
)
