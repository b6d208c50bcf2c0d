"""Department weekly workbooks (全员招商) in landing/departments."""

from assets.landing import landing_asset
from ingest.forms.departments import read_department_files
from warehouse.batch_loads import load_source_batched

# A night brings hundreds of small workbooks: they are read, validated and written a batch at a time.
department_files = landing_asset(
    "departments", read_department_files,
    "部门周报：线索、签约项目、注册企业、招商活动 -> raw.dept_*",
    load=load_source_batched,
)
