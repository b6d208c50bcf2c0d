"""市商务局认定 workbooks in landing/bureau."""

from assets.landing import landing_asset
from ingest.forms.bureau import read_bureau_files

bureau_files = landing_asset(
    "bureau", read_bureau_files,
    "市商务局认定：指标认定、项目认定 -> raw.bureau_kpi, raw.bureau_projects",
)
