"""Publish: after the blocking checks pass, replace the serving file atomically with the new marts."""


import dagster as dg

from orchestration.dbt import dbt_models
from orchestration.resources import PlantrackConfig
from plantrack.console_progress import say
from plantrack.runs import finish_run
from plantrack.warehouse import connect, publish


@dg.asset(group_name="serving", deps=list(dbt_models.keys), pool="warehouse",
          retry_policy=dg.RetryPolicy(max_retries=2, delay=1))
def serving_database(context: dg.AssetExecutionContext, plantrack: PlantrackConfig) -> dg.MaterializeResult:
    """<data-dir>/serving/plantrack.duckdb: the marts, read-only for Superset and analysts."""
    settings = plantrack.settings()
    with connect(settings.warehouse_path) as con:
        failed = con.execute(
            "SELECT check_name, message FROM ops.quality_check_results "
            "WHERE run_id = ? AND severity = 'blocking' AND NOT passed", [context.run.run_id]).fetchall()
        if failed:  # belt and braces: blocking asset checks already keep this step from running
            raise dg.Failure(f"Not published: {len(failed)} blocking check(s) failed, first: {failed[0][1]}")
        read, quarantined = con.execute(
            "SELECT count(*) FILTER (WHERE event IN ('added', 'changed')), "
            "count(*) FILTER (WHERE event = 'quarantined') FROM raw.ingestion_log WHERE run_id = ?",
            [context.run.run_id]).fetchall()[0]
        counts = {
            "documents_read": read,
            "documents_quarantined": quarantined,
            "targets": con.execute("SELECT count(*) FROM marts.fct_plan_targets").fetchall()[0][0],
            "actuals": con.execute("SELECT count(*) FROM marts.fct_indicator_actuals").fetchall()[0][0],
        }
        finish_run(con, context.run.run_id, "running", None, counts)
    publish(settings.warehouse_path, settings.serving_path, run_id=context.run.run_id)
    with connect(settings.warehouse_path) as con:
        finish_run(con, context.run.run_id, "success", "published", counts)
    say(f"published {settings.serving_path}")
    return dg.MaterializeResult(metadata={**counts, "path": str(settings.serving_path)})
