"""When refreshes happen: nightly at 02:00 Asia/Shanghai, and when the sources change."""


import hashlib
import json

import dagster as dg

from orchestration.resources import PlantrackConfig
from plantrack import runs
from plantrack.ingest import fingerprint

nightly_refresh = dg.define_asset_job(
    "nightly_refresh",
    selection=dg.AssetSelection.all(),
    description="Read new documents, extract, load raw tables, dbt build, quality checks, publish.",
    # one process per run: the refresh lock its first step takes is held until the run ends
    executor_def=dg.in_process_executor,
)

nightly_schedule = dg.ScheduleDefinition(
    name="nightly_refresh_0200_shanghai",
    job=nightly_refresh,
    cron_schedule="0 2 * * *",
    execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)


def sources_digest(plantrack: PlantrackConfig) -> str:
    prints = fingerprint(plantrack.settings().sources_dir)
    return hashlib.sha256(json.dumps(sorted(prints.items())).encode()).hexdigest()


@dg.sensor(job=nightly_refresh, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING)
def sources_changed(context: dg.SensorEvaluationContext, plantrack: PlantrackConfig):
    """A file added, changed (by content hash, not mtime) or removed under the sources directory."""
    digest = sources_digest(plantrack)
    if context.cursor == digest:
        return dg.SkipReason("sources unchanged")
    context.update_cursor(digest)
    return dg.RunRequest(run_key=f"sources-{digest[:16]}")


# Runs launched by the daemon end here (a `plantrack refresh` records its own end): their outcome goes
# where `plantrack status` and the dashboards see it.

@dg.run_failure_sensor(monitored_jobs=[nightly_refresh], default_status=dg.DefaultSensorStatus.RUNNING)
def record_run_failure(context: dg.RunFailureSensorContext, plantrack: PlantrackConfig):
    """A daemon-launched run failed: recorded as failed (or refused, when its first step found the lock taken)."""
    run = context.dagster_run
    runs.finish(runs.RunRecord.of(plantrack.settings(), run.run_id, run.job_name), succeeded=False,
                message=context.failure_event.message or "run failed", published=False)


@dg.run_status_sensor(run_status=dg.DagsterRunStatus.SUCCESS, monitored_jobs=[nightly_refresh],
                      default_status=dg.DefaultSensorStatus.RUNNING)
def record_run_success(context: dg.RunStatusSensorContext, plantrack: PlantrackConfig):
    """A daemon-launched run succeeded: if it published nothing (a step skipped), that is a failure."""
    from orchestration.in_process import published

    run = context.dagster_run
    events = context.instance.all_logs(run.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION)
    runs.finish(runs.RunRecord.of(plantrack.settings(), run.run_id, run.job_name), succeeded=True,
                message=None, published=published(e.dagster_event for e in events if e.dagster_event))
