"""Publish: after the blocking checks pass, replace the serving file atomically with the new marts."""


import time

import dagster as dg

from orchestration.resources import PlantrackConfig
from orchestration.retry import retry_if_transient
from plantrack import runs
from plantrack.console_progress import say
from plantrack.warehouse import connect, publish


def serving_asset(dbt_models: dg.AssetsDefinition) -> dg.AssetsDefinition:
    """The serving file's asset, downstream of every dbt model (known once the manifest is)."""

    @dg.asset(group_name="serving", deps=list(dbt_models.keys), pool="warehouse")
    def serving_database(context: dg.AssetExecutionContext, plantrack: PlantrackConfig) -> dg.MaterializeResult:
        """<data-dir>/serving/plantrack.duckdb: the marts, read-only for Superset and analysts."""
        started = time.monotonic()
        settings = plantrack.settings()
        run = runs.RunRecord.of(settings, context.run.run_id, context.job_def.name)
        with connect(settings.warehouse_path) as con:
            failed = con.execute(
                "SELECT check_name, message FROM ops.quality_check_results "
                "WHERE run_id = ? AND severity = 'blocking' AND NOT passed", [run.run_id]).fetchall()
        if failed:  # belt and braces: blocking asset checks already keep this step from running
            raise dg.Failure(f"Not published: {len(failed)} blocking check(s) failed, first: {failed[0][1]}")
        with retry_if_transient("publishing"), runs.publishing(run) as counts:
            publish(settings.warehouse_path, settings.serving_path, run_id=run.run_id)
        say(f"published {settings.serving_path} ({time.monotonic() - started:.1f} s)")
        return dg.MaterializeResult(metadata={**counts, "path": str(settings.serving_path)})

    return serving_database
