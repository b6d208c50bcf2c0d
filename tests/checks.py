"""Reading what a run's asset checks said, as the operator sees it in the UI."""

from __future__ import annotations

import dagster as dg


def evaluations(result: dg.ExecuteInProcessResult, asset: str | None = None) -> dict[str, dg.AssetCheckEvaluation]:
    """Check name -> its evaluation in this run, for one asset ('bureau_files', 'marts/kpi_completion') or all."""
    return {e.check_name: e for e in result.get_asset_check_evaluations()
            if asset is None or e.asset_key.to_user_string() == asset}


def table_rows(evaluation: dg.AssetCheckEvaluation, key: str) -> list[dict]:
    """The rows of a table shown on the check, by their (Chinese) headers."""
    return [record.data for record in evaluation.metadata[key].records]
