"""Customs: enterprise monthly table rows after unit conversion to 万元, and the platform download's rules."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from schemas.identifiers import WithCustomsCode, WithUscc
from schemas.storage import stored_as  # noqa: F401 - registers the stored_as rule used below


class EnterpriseMonthlyRow(WithUscc, WithCustomsCode):
    enterprise_name: Series[object] = pa.Field(nullable=False)
    total_month_wan_yuan: Series[object] = pa.Field(nullable=True, stored_as="DECIMAL(18,4)")
    total_ytd_wan_yuan: Series[object] = pa.Field(nullable=False, ge=0, stored_as="DECIMAL(18,4)")
    export_month_wan_yuan: Series[object] = pa.Field(nullable=True, stored_as="DECIMAL(18,4)")
    export_ytd_wan_yuan: Series[object] = pa.Field(nullable=True, ge=0, stored_as="DECIMAL(18,4)")
    import_month_wan_yuan: Series[object] = pa.Field(nullable=True, stored_as="DECIMAL(18,4)")
    import_ytd_wan_yuan: Series[object] = pa.Field(nullable=True, ge=0, stored_as="DECIMAL(18,4)")
    ytd_yoy_pct: Series[object] = pa.Field(nullable=True, stored_as="DECIMAL(18,4)")


# The customs platform download is checked inside DuckDB (warehouse/sql/loads/customs_platform_2_check.sql):
# millions of lines do not fit a pandas frame, and pandera's DuckDB (ibis) backend is not installed. These are
# the clerk's messages for the rules that SQL applies; {value} is the cell as written.
PLATFORM_RULES = {
    "period": "「{value}」不是数据年月，应为如「202405」 (not a year and month)",
    "period_missing": "数据年月为空，文件名中也没有统计期（如「2024年1-5月」）(no period in the row or the file name)",
    "hs_code_format": "商品编码「{value}」应为2、4、6、8或10位数字；位数为单数时多半是开头的0丢了，请按文本重新导出 "
                      "(an HS code has an even number of digits: a leading zero may have been lost)",
    "number": "「{value}」不是数字 (not a number)",
    "not_negative": "「{value}」不能为负数 (must not be negative)",
    "required": "金额为空 (the amount is missing)",
    "csv_format": "这一行的引号或列数不对，无法读取：{value} (a malformed CSV line)",
}
