"""Markdown tables for check metadata: the Dagster UI shows the failing rows, not a stack trace."""


import pandas as pd


def markdown_table(frame: pd.DataFrame, limit: int = 100) -> str:
    if frame.empty:
        return "_none_"
    shown = frame.head(limit)

    def cell(value: object) -> str:
        return "" if value is None or (isinstance(value, float) and pd.isna(value)) else \
            str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(map(str, shown.columns)) + " |", "|" + "---|" * len(shown.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in shown.itertuples(index=False)]
    if len(frame) > limit:
        lines.append(f"\n… and {len(frame) - limit} more rows (query audit.quarantine for all)")
    return "\n".join(lines)
