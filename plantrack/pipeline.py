"""One refresh under the refresh lock (what `plantrack refresh` does), and its summary.

Orchestrator-free: the job itself is run by the callable it is given (orchestration/in_process.py drives
Dagster in this process); the run's record is plantrack.runs'. This module imports neither Dagster nor
the orchestration package (a test checks)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from plantrack import runs
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


@dataclass(frozen=True)
class JobRun:
    """How the orchestrator says the nightly job went (orchestration/in_process.py runs it)."""

    run_id: str
    succeeded: bool
    published: bool  # the serving file was replaced by this run
    message: str = ""  # why it failed, when it did


RunJob = Callable[[Settings, int], JobRun]


def refresh(settings: Settings, run_job: RunJob, workers: int = 0, force: bool = False) -> RefreshResult:
    """One refresh of the given sources and data directory, holding the refresh lock: `run_job` runs the
    nightly job (in this process, for `plantrack refresh`); its record is kept by plantrack.runs.

    When no source file, no dbt code and not the date changed since the last successful run, the
    serving file is already what a run would publish: say so and stop (unless `force`).
    """
    started = time.monotonic()
    say(f"refresh: sources {settings.sources_dir}, data {settings.data_dir}")
    try:
        with runs.refresh_lock(settings.data_dir):
            return _refresh_locked(settings, run_job, workers, force, started)
    except runs.RefreshBusy as busy:
        # Refused before reading anything; recorded as such, not as a failure of the run that holds the lock.
        run = runs.RunRecord.of(settings, f"refused-{uuid.uuid4()}")
        outcome = runs.refuse(run, busy)
        return RefreshResult(False, run.run_id, outcome.message, settings.serving_path,
                             time.monotonic() - started, {"refused": True})


def _refresh_locked(settings: Settings, run_job: RunJob, workers: int, force: bool,
                    started: float) -> RefreshResult:
    if not force and (noop := _nothing_changed(settings)):
        return noop
    job = run_job(settings, workers)
    outcome = runs.finish(runs.RunRecord.of(settings, job.run_id), job.succeeded, job.message, job.published)
    return RefreshResult(outcome.success, job.run_id, outcome.message, settings.serving_path,
                         time.monotonic() - started, summarize(settings, job.run_id))


def _nothing_changed(settings: Settings) -> RefreshResult | None:
    from plantrack.corrections import fingerprint as corrections_fingerprint
    from plantrack.ingest import fingerprint

    if not settings.serving_path.exists() or not settings.warehouse_path.exists():
        return None
    started = time.monotonic()
    run = runs.RunRecord.of(settings, f"noop-{uuid.uuid4()}")
    try:
        if not runs.record_nothing_changed(run, runs.build_fingerprint(fingerprint(settings.sources_dir),
                                                                   settings.as_of(),
                                                                   corrections_fingerprint(settings.data_dir))):
            return None
    except duckdb.IOException:
        return None  # another writer holds the warehouse: let the job wait its turn
    say("nothing changed since the last successful run: skipped reading, dbt, checks and publish")
    return RefreshResult(True, run.run_id, "nothing changed", settings.serving_path, time.monotonic() - started,
                         {**summarize(settings, run.run_id), "nothing_changed": True})


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
