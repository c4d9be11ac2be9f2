"""Run the nightly job in-process (what `plantrack refresh` does) and summarize it."""

from __future__ import annotations

import os
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from plantrack.config import Settings
from plantrack.console_progress import say


@dataclass
class RefreshResult:
    success: bool
    run_id: str
    message: str
    serving_path: Path
    seconds: float
    summary: dict = field(default_factory=dict)

    def render(self) -> str:
        s = self.summary
        lines = [
            f"refresh {'succeeded' if self.success else 'FAILED'} in {self.seconds:.1f} s (run {self.run_id[:8]})",
        ]
        if s.get("refused"):
            return "\n".join([f"refresh REFUSED (run {self.run_id[:16]}): {self.message}",
                              f"  the serving file is untouched: {self.serving_path}"])
        if not self.success:
            lines.append(f"  why: {self.message}")
            lines += [f"  blocking check: {m}" for m in self.summary.get("blocking_failures", [])]
            lines.append(f"  the serving file still holds the last good data: {self.serving_path}")
        if s.get("nothing_changed"):
            lines.append("  nothing changed since the last successful run: the serving file is current")
        if s:
            lines += [
                f"  documents read: {s.get('documents_read', 0)}, quarantined: {s.get('documents_quarantined', 0)}"
                f", unchanged: {s.get('documents_unchanged', 0)}"
                + (f" ({s['documents_extracted']} documents extracted again: the extraction code changed)"
                   if s.get("documents_extracted", 0) > s.get("documents_read", 0) else ""),
                f"  targets: {s.get('targets', 0)}, actual values: {s.get('actuals', 0)}",
            ]
            if s.get("status_counts"):
                lines.append("  target status: " + ", ".join(f"{k} {v}" for k, v in s["status_counts"].items()))
            for q in s.get("quarantine", []):
                lines.append(f"  quarantined {q[0]}: {q[1]}")
        if self.success:
            lines.append(f"  serving file: {self.serving_path}")
        return "\n".join(lines)


def refresh(settings: Settings, workers: int = 0, force: bool = False) -> RefreshResult:
    """Run `nightly_refresh` in this process against the given sources and data directory.

    When no source file, no dbt code and not the date changed since the last successful run, the
    serving file is already what a run would publish: say so and stop (unless `force`).
    """
    from plantrack.runs import RefreshBusy, record_refused, refresh_lock

    os.environ["PLANTRACK_WAREHOUSE"] = str(settings.warehouse_path)
    started = time.monotonic()
    say(f"refresh: sources {settings.sources_dir}, data {settings.data_dir}")
    try:
        with refresh_lock(settings.data_dir):
            return _refresh_locked(settings, workers, force, started)
    except RefreshBusy as busy:
        # Refused before reading anything; recorded as such, not as a failure of the run that holds the lock.
        run_id = f"refused-{uuid.uuid4()}"
        record_refused(settings.warehouse_path, run_id, "nightly_refresh", str(busy))
        return RefreshResult(False, run_id, str(busy), settings.serving_path, time.monotonic() - started,
                             {"refused": True})


def _refresh_locked(settings: Settings, workers: int, force: bool, started: float) -> RefreshResult:
    if not force and (noop := _nothing_changed(settings)):
        return noop
    # Only now the heavy imports (Dagster, dagster-dbt, the manifest): a no-op never pays for them.
    import dagster as dg

    from orchestration.definitions import defs
    from orchestration.resources import PlantrackConfig
    from plantrack.runs import record_failure

    job = defs.resolve_job_def("nightly_refresh")
    resources = {"plantrack": PlantrackConfig(sources_dir=str(settings.sources_dir),
                                              data_dir=str(settings.data_dir), workers=workers)}
    with dg.DagsterInstance.ephemeral() as instance:
        result = job.execute_in_process(
            instance=instance, resources=resources, raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}})
    run_id = result.run_id
    published = any(e.asset_key == dg.AssetKey("serving_database")
                    for e in result.get_asset_materialization_events())
    if result.success and published:
        message = "published"
    else:
        # A step Dagster skipped (an upstream asset not materialized) also ends a "successful" run:
        # without a new serving file it is a failure all the same.
        message = _failure_message(result) if not result.success else (
            "the run ended without publishing: a step was skipped (see the Dagster event log)")
        record_failure(settings.warehouse_path, settings.serving_path, run_id, "nightly_refresh", message)
    return RefreshResult(result.success and published, run_id, message, settings.serving_path,
                         time.monotonic() - started, summarize(settings, run_id))


def _nothing_changed(settings: Settings) -> RefreshResult | None:
    from plantrack.ingest import fingerprint
    from plantrack.runs import build_fingerprint, finish_run, last_published_fingerprint, start_run
    from plantrack.warehouse import connect

    if not settings.serving_path.exists() or not settings.warehouse_path.exists():
        return None
    started = time.monotonic()
    current = build_fingerprint(fingerprint(settings.sources_dir))
    try:
        with connect(settings.warehouse_path) as con:
            if last_published_fingerprint(con) != current:
                return None
            run_id = f"noop-{uuid.uuid4()}"
            start_run(con, run_id, "nightly_refresh")
            finish_run(con, run_id, "success", "nothing changed: the serving file is already current",
                       {"documents_read": 0, "documents_quarantined": 0}, current)
    except duckdb.IOException:
        return None  # another writer holds the warehouse: let the job wait its turn
    say("nothing changed since the last successful run: skipped reading, dbt, checks and publish")
    return RefreshResult(True, run_id, "nothing changed", settings.serving_path, time.monotonic() - started,
                         {**summarize(settings, run_id), "nothing_changed": True})


def _failure_message(result) -> str:
    for event in result.all_events:
        if event.event_type_value == "ASSET_CHECK_EVALUATION":
            ev = event.event_specific_data
            if not ev.passed and ev.severity.value == "ERROR":
                return f"blocking quality check failed ({ev.check_name}): {ev.description}"[:2000]
    for event in result.all_events:
        if event.is_step_failure:
            data = event.step_failure_data
            err = data.error
            text = err.message.strip() if err else "step failed"
            if err and err.cause and "Failure" not in (err.cls_name or ""):
                text = err.cause.message.strip() or text
            return f"step {event.step_key} failed: {text}"[:2000]
    return "run failed"


def summarize(settings: Settings, run_id: str) -> dict:
    """What the run did (from the warehouse) and what the serving file now holds."""
    out: dict = {}
    try:
        con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    except duckdb.Error:
        return out
    try:
        row = con.execute(
            "SELECT count(*) FILTER (WHERE event IN ('added','changed')), "
            "count(*) FILTER (WHERE event = 'quarantined'), count(*) FILTER (WHERE event = 'unchanged') "
            "FROM raw.ingestion_log WHERE run_id = ?", [run_id]).fetchall()[0]
        out.update(zip(("documents_read", "documents_quarantined", "documents_unchanged"), row, strict=True))
        # Unchanged files are read again when the extraction code changed: say how many were.
        out["documents_extracted"] = con.execute(
            "SELECT count(*) FROM raw.documents WHERE ingested_at >= "
            "(SELECT started_at FROM ops.runs WHERE run_id = ?)", [run_id]).fetchall()[0][0]
        out["blocking_failures"] = [r[0] for r in con.execute(
            "SELECT message FROM ops.quality_check_results WHERE run_id = ? AND severity = 'blocking' "
            "AND NOT passed ORDER BY check_name", [run_id]).fetchall()]
        out["quarantine"] = con.execute(
            "SELECT source_file, reason FROM raw.quarantine WHERE run_id = ? ORDER BY source_file",
            [run_id]).fetchall()
    except duckdb.Error:
        pass
    finally:
        con.close()
    if settings.serving_path.exists():
        con = duckdb.connect(str(settings.serving_path), read_only=True)
        try:
            out["targets"] = con.execute("SELECT count(*) FROM marts.fct_plan_targets").fetchall()[0][0]
            out["actuals"] = con.execute("SELECT count(*) FROM marts.fct_indicator_actuals").fetchall()[0][0]
            out["status_counts"] = dict(con.execute(
                "SELECT status, count(*) FROM marts.mart_target_progress GROUP BY 1 ORDER BY 2 DESC").fetchall())
        except duckdb.Error:
            pass
        finally:
            con.close()
    return out
