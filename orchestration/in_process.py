"""`plantrack refresh`: the nightly job materialised in this process, on an ephemeral Dagster instance.

plantrack.pipeline holds the refresh (lock, no-op check, summary) and plantrack.runs the run's record;
this module only drives Dagster and reports how the job went. Dagster is imported when the job runs,
not at import: a refresh with nothing to do never pays for it.
"""

from collections.abc import Iterable
from typing import Any

from plantrack.config import Settings
from plantrack.pipeline import JobRun, RefreshResult
from plantrack.pipeline import refresh as _refresh
from plantrack.runs import JOB_NAME

SERVING_ASSET = "serving_database"


def refresh(settings: Settings, workers: int = 0, force: bool = False) -> RefreshResult:
    """What `plantrack refresh` runs: one refresh whose job is executed in this process."""
    return _refresh(settings, run_nightly_job, workers=workers, force=force)


def run_nightly_job(settings: Settings, workers: int) -> JobRun:
    from orchestration.check_children import ahead_of_turn

    # the raw checks' child imports GX while Dagster starts and documents are read
    with ahead_of_turn():
        return _execute(settings, workers)


def _execute(settings: Settings, workers: int) -> JobRun:
    import dagster as dg

    from orchestration.definitions import defs
    from orchestration.resources import PlantrackConfig

    job = defs().resolve_job_def(JOB_NAME)
    # Step outputs stay in memory (Dagster's default here pickles them to disk and loads a second
    # copy): the one copy is what raw_tables lets go of once loaded (~500 MB at 5,000 documents).
    resources = {"plantrack": PlantrackConfig.from_settings(settings, workers=workers),
                 "io_manager": dg.mem_io_manager}
    with dg.DagsterInstance.ephemeral() as instance:
        result = job.execute_in_process(
            instance=instance, resources=resources, raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}})
    return JobRun(result.run_id, result.success, published(result.get_asset_materialization_events()),
                  "" if result.success else failure_message(result.all_events))


def published(materializations: Iterable[Any]) -> bool:
    """Whether these materialization events (DagsterEvent) include the serving file's."""
    return any(e.asset_key is not None and e.asset_key.to_user_string() == SERVING_ASSET
               for e in materializations)


def failure_message(events: Iterable[Any]) -> str:
    """The reason a person needs: the blocking check that failed, else the failed step's own error."""
    events = list(events)
    for event in events:
        if event.event_type_value == "ASSET_CHECK_EVALUATION":
            ev = event.event_specific_data
            if not ev.passed and ev.severity.value == "ERROR":
                return f"blocking quality check failed ({ev.check_name}): {ev.description}"[:2000]
    for event in events:
        if event.is_step_failure:
            err = event.step_failure_data.error
            text = err.message.strip() if err else "step failed"
            if err and err.cause and "Failure" not in (err.cls_name or ""):
                text = err.cause.message.strip() or text
            return f"step {event.step_key} failed: {text}"[:2000]
    return "run failed"
