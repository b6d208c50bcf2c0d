"""What the centre's people read, generated from the published warehouse: the 工作总结 briefing (Word and
Markdown), the leadership workbook (Excel with native charts), the weekly ranking notice (周排序通报).

Plain functions, no Dagster: they open the published DuckDB file read-only and write files. Every figure comes
from a query in reports/sql (one query a file); nothing is typed in.
"""
