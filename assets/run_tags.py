"""Marking a run on the Runs page with what went wrong in it: a run whose check failed still shows "Success"
(dagster issue 22964), so the counts an operator scanning runs needs are run tags."""

from __future__ import annotations

import dagster as dg

LABELS = {
    "rejected_files": "退回的文件 rejected files",
    "quarantined_rows": "隔离的行 quarantined rows",
    "failed_checks": "未通过的检查 failed checks",
}


def count_in_run(context: dg.AssetExecutionContext, **counts: int) -> None:
    """Add these counts to the run's tags (summed over the run's assets); a zero adds nothing."""
    tags = context.instance.get_run_by_id(context.run_id).tags
    update = {}
    for name, count in counts.items():
        if count:
            key = LABELS[name]
            update[key] = str(int(tags.get(key, 0)) + count)
    if update:
        context.instance.add_run_tags(context.run_id, update)
