"""The customs platform download's rules: their codes, the clerk's messages and the limits they apply.

The download is checked inside DuckDB (warehouse/sql/loads/customs_platform_*.sql): millions of lines do not fit a
pandas frame, and pandera's DuckDB (ibis) backend is not installed. Plain Python, so a worker process reading CSV
lines (ingest/csv_lines.py) imports neither pandas nor pandera.
"""

from __future__ import annotations

from decimal import Decimal

PLATFORM_RULES = {
    "period": "「{value}」不是数据年月，应为如「202405」 (not a year and month)",
    "period_missing": "数据年月为空，文件名中也没有统计期（如「2024年1-5月」）(no period in the row or the file name)",
    "hs_code_format": "商品编码「{value}」应为2、4、6、8或10位数字；位数为单数时多半是开头的0丢了，请按文本重新导出 "
                      "(an HS code has an even number of digits: a leading zero may have been lost)",
    "number": "「{value}」不是数字 (not a number)",
    "value_too_large": "「{value}」达到或超过100万亿，不可能是一行海关数据，请核对数值和单位 "
                       "(10^14 or more: not a figure one customs line can hold)",
    "not_negative": "「{value}」不能为负数 (must not be negative)",
    "required": "金额为空 (the amount is missing)",
    "encoding": "「{value}」中有无法识别的字节（显示为�），文件可能已损坏或混用了编码，请重新下载 "
                "(bytes that are neither GBK nor UTF-8)",
    "nul_character": "「{value}」中有空字符（显示为\\x00），文件可能已损坏，请重新下载 (a NUL character in the cell)",
    "csv_format": "这一行的引号不成对或位置不对，无法分列读取，请核对这一行 "
                  "(a broken quote: the line cannot be split into cells)",
    "line_too_long": "这一行超过1MB，不是海关统计数据的一行，文件可能已损坏：{value} (a line longer than 1 MB)",
}
# The range rule's bound (value_too_large above): more than a year of China's whole trade on one line, and far inside
# what raw.customs_platform's DECIMAL(20, 2) and every mart computed from it hold.
LARGEST_FIGURE = Decimal(10) ** 14
# The longest line read (line_too_long above): a platform line is under 1 KB; a longer one is quarantined by its start.
LONGEST_LINE_BYTES = 1 << 20
# The most columns a download may have: the platform offers under twenty fields; a line of ten thousand makes DuckDB
# read ten thousand columns of every line, far past its memory limit.
WIDEST_DOWNLOAD_COLUMNS = 200
