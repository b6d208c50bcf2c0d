"""Customs trade exports in landing/customs: enterprise monthly tables and platform CSV downloads."""

from assets.landing import landing_asset
from ingest.forms.customs import read_customs_files

customs_files = landing_asset(
    "customs", read_customs_files,
    "海关：企业进出口情况表、统计平台下载 -> raw.customs_enterprise_monthly, raw.customs_platform",
)
