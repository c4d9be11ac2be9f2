"""plantrack.runs owns a run's record: start, outcome, message, what was published. No Dagster here:
the record's rules hold whoever runs the job (the daemon's sensors or `plantrack refresh`)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import duckdb
import pytest

from plantrack import runs
from plantrack.config import load_settings
from plantrack.pipeline import JobRun, refresh
from tests.conftest import ROOT


@pytest.fixture
def settings(tmp_path):
    (tmp_path / "sources").mkdir()
    return load_settings(tmp_path / "sources", tmp_path / "data")


def _run(settings, run_id: str = "run-1") -> runs.RunRecord:
    return runs.RunRecord.of(settings, run_id)


def _record(settings, run_id: str) -> tuple[str, str | None]:
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        return con.execute("SELECT status, message FROM ops.runs WHERE run_id = ?", [run_id]).fetchall()[0]
    finally:
        con.close()


def _marts(settings, targets: int = 3, actuals: int = 2) -> None:
    """The two marts whose sizes a published run records, as dbt would leave them."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(settings.warehouse_path))
    try:
        con.execute("CREATE SCHEMA IF NOT EXISTS marts")
        con.execute(f"CREATE TABLE marts.fct_plan_targets AS SELECT range AS id FROM range({targets})")
        con.execute(f"CREATE TABLE marts.fct_indicator_actuals AS SELECT range AS id FROM range({actuals})")
    finally:
        con.close()


def _serving_with_runs_table(settings) -> None:
    settings.serving_path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(settings.serving_path))
    try:
        con.execute("CREATE SCHEMA marts")
        con.execute("CREATE TABLE marts.runs AS SELECT * FROM (SELECT NULL::VARCHAR AS run_id, "
                    "NULL::VARCHAR AS job_name, NULL::TIMESTAMP AS started_at, NULL::TIMESTAMP AS finished_at, "
                    "NULL::VARCHAR AS status, NULL::VARCHAR AS message) WHERE false")
    finally:
        con.close()


def _an_hour_earlier(settings, run_id: str) -> None:
    con = duckdb.connect(str(settings.warehouse_path))
    try:
        con.execute("UPDATE ops.runs SET started_at = started_at - INTERVAL 1 HOUR WHERE run_id = ?", [run_id])
    finally:
        con.close()


def test_a_started_run_is_running(settings):
    runs.start_run(_run(settings), "fp")
    assert _record(settings, "run-1") == ("running", None)


def test_a_run_left_running_by_a_killed_process_is_abandoned_by_the_next_start(settings):
    runs.start_run(_run(settings, "killed"))
    runs.start_run(_run(settings, "next"))
    assert _record(settings, "killed")[0] == "abandoned"
    assert _record(settings, "next")[0] == "running"


def test_a_run_is_a_success_once_the_serving_file_is_replaced(settings):
    _marts(settings, targets=3, actuals=2)
    run = _run(settings)
    runs.start_run(run)
    with runs.publishing(run) as counts:
        assert _record(settings, run.run_id) == ("running", None)  # not before the replace
    assert counts == {"documents_read": 0, "documents_quarantined": 0, "targets": 3, "actuals": 2}
    assert _record(settings, run.run_id) == ("success", runs.PUBLISHED)


def test_a_publish_that_raises_leaves_the_run_running(settings):
    _marts(settings)
    run = _run(settings)
    runs.start_run(run)
    with pytest.raises(OSError), runs.publishing(run):
        raise OSError("disk full")
    assert _record(settings, run.run_id)[0] == "running"


def test_a_published_run_finishes_as_a_success(settings):
    _marts(settings)
    run = _run(settings)
    runs.start_run(run)
    with runs.publishing(run):
        pass
    outcome = runs.finish(run, succeeded=True, message=None, published=True)
    assert outcome == runs.RunOutcome("success", runs.PUBLISHED)
    assert _record(settings, run.run_id)[0] == "success"


def test_a_success_without_a_publish_is_a_failure(settings):
    run = _run(settings)
    runs.start_run(run)
    outcome = runs.finish(run, succeeded=True, message=None, published=False)
    assert not outcome.success and outcome.message == runs.NOT_PUBLISHED
    assert _record(settings, run.run_id) == ("failure", runs.NOT_PUBLISHED)


def test_a_failed_run_keeps_its_message(settings):
    run = _run(settings)
    runs.start_run(run)
    outcome = runs.finish(run, succeeded=False, message="step dbt_models failed: boom", published=False)
    assert outcome == runs.RunOutcome("failure", "step dbt_models failed: boom")
    assert _record(settings, run.run_id) == ("failure", "step dbt_models failed: boom")


def test_a_failure_never_started_in_the_warehouse_is_recorded_all_the_same(settings):
    # a daemon run that failed before its first step opened a record
    runs.finish(_run(settings, "early"), succeeded=False, message=None, published=False)
    assert _record(settings, "early") == ("failure", "run failed")


def test_a_failure_is_shown_beside_the_last_good_marts(settings):
    _serving_with_runs_table(settings)
    runs.finish(_run(settings), succeeded=False, message="blocking quality check failed", published=False)
    con = duckdb.connect(str(settings.serving_path), read_only=True)
    try:
        assert con.execute("SELECT status, message FROM marts.runs").fetchall() == [
            ("failure", "blocking quality check failed")]
    finally:
        con.close()


def test_a_run_whose_first_step_found_the_lock_taken_is_refused_not_failed(settings):
    message = f"{runs.BUSY_PREFIX} (pid 12345, since 2026-01-01 02:00:00); this one was refused"
    outcome = runs.finish(_run(settings, "daemon-run"), succeeded=False, message=message, published=False)
    assert outcome.status == "refused"
    assert _record(settings, "daemon-run")[0] == "refused"


def test_a_refused_run_waits_in_the_journal_until_the_lock_holder_starts(settings):
    settings.data_dir.mkdir(parents=True)
    runs.refuse(_run(settings, "refused-1"), runs.RefreshBusy(4242, "2026-01-01 02:00:00"))
    assert (settings.data_dir / runs.REFUSED_JOURNAL).exists()
    runs.start_run(_run(settings, "holder"))
    status, message = _record(settings, "refused-1")
    assert status == "refused" and "pid 4242" in message
    assert not (settings.data_dir / runs.REFUSED_JOURNAL).exists()


def test_nothing_changed_is_recorded_only_after_a_success_with_the_same_fingerprint(settings):
    _marts(settings)
    assert not runs.record_nothing_changed(_run(settings, "noop-0"), "fp")  # nothing published yet
    first = _run(settings, "first")
    runs.start_run(first, "fp")
    with runs.publishing(first):
        pass
    assert not runs.record_nothing_changed(_run(settings, "noop-1"), "other-fp")
    assert runs.record_nothing_changed(_run(settings, "noop-2"), "fp")
    assert _record(settings, "noop-2") == ("success", runs.NOTHING_CHANGED)


def test_nothing_changed_is_not_claimed_after_a_failure(settings):
    _marts(settings)
    first = _run(settings, "first")
    runs.start_run(first, "fp")
    with runs.publishing(first):
        pass
    _an_hour_earlier(settings, "first")  # records are to the second: keep the two runs in order
    failed = _run(settings, "failed")
    runs.start_run(failed, "fp")
    runs.finish(failed, succeeded=False, message="boom", published=False)
    assert not runs.record_nothing_changed(_run(settings, "noop"), "fp")


# ------------------------------------------------------------------ the refresh, with a stand-in job


def _job(succeeded: bool, published: bool, message: str = ""):
    def run_job(settings, workers):  # noqa: ARG001 - the orchestrator's signature
        run = runs.RunRecord.of(settings, "job-1")
        runs.start_run(run)
        return JobRun(run.run_id, succeeded, published, message)

    return run_job


def test_refresh_reports_a_job_success_that_published_nothing_as_a_failure(settings):
    result = refresh(settings, _job(succeeded=True, published=False), force=True)
    assert not result.success and result.message == runs.NOT_PUBLISHED
    assert _record(settings, "job-1")[0] == "failure"


def test_refresh_reports_the_jobs_failure_message(settings):
    result = refresh(settings, _job(succeeded=False, published=False, message="step x failed: y"), force=True)
    assert (result.success, result.message) == (False, "step x failed: y")


_HOLD_LOCK = """
import sys, time
from pathlib import Path
from plantrack.runs import acquire_refresh_lock
acquire_refresh_lock(Path(sys.argv[1]))
print("held", flush=True)
time.sleep(60)
"""


def test_refresh_is_refused_while_another_process_holds_the_lock(settings):
    settings.data_dir.mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(settings.data_dir)], stdout=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "held"
        called = []
        result = refresh(settings, lambda s, w: called.append(1))
    finally:
        holder.kill()
        holder.wait()
    assert result.summary == {"refused": True} and not called
    assert f"pid {holder.pid}" in result.message
    journalled = [json.loads(line) for line in
                  (settings.data_dir / runs.REFUSED_JOURNAL).read_text(encoding="utf-8").splitlines()]
    assert [r["run_id"] for r in journalled] == [result.run_id]


def test_the_refresh_module_does_not_depend_on_the_orchestration_package():
    probe = ("import sys, plantrack.pipeline, plantrack.runs; "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dagster', 'dagster_dbt', 'orchestration')))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120).stdout
    assert out.strip() == "[]"


def test_the_record_module_is_the_only_writer_of_ops_runs():
    writes = re.compile(r"(INSERT (OR IGNORE )?INTO|UPDATE) ops\.runs\b")
    writers = sorted(str(p.relative_to(ROOT)) for d in ("plantrack", "orchestration") for p in (ROOT / d).rglob("*.py")
                     if writes.search(p.read_text(encoding="utf-8")))
    assert writers == ["plantrack/runs.py"]
