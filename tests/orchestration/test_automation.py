"""The schedule and the sources sensor, with Dagster's own test contexts."""

from __future__ import annotations

import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

import dagster as dg

from orchestration.automation import nightly_schedule, sources_changed, sources_digest
from orchestration.resources import PlantrackConfig
from plantrack.config import load_settings
from tests.conftest import SAMPLE_SOURCES


def _config(sources) -> PlantrackConfig:
    return PlantrackConfig.from_settings(load_settings(sources, sources.parent / "data"))


def _evaluate(sources, cursor):
    ctx = dg.build_sensor_context(cursor=cursor, resources={"plantrack": _config(sources)})
    return sources_changed(ctx), ctx.cursor


def test_schedule_runs_at_two_in_the_morning_shanghai_time():
    assert nightly_schedule.cron_schedule == "0 2 * * *"
    assert nightly_schedule.execution_timezone == "Asia/Shanghai"
    assert nightly_schedule.job_name == "nightly_refresh"


def test_schedule_requests_a_run_when_it_ticks():
    ctx = dg.build_schedule_context(scheduled_execution_time=datetime(2026, 3, 1, 2, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert isinstance(nightly_schedule.evaluate_tick(ctx).run_requests[0], dg.RunRequest)


def test_sensor_requests_a_run_for_a_new_file(tmp_path):
    shutil.copytree(SAMPLE_SOURCES, tmp_path / "s")
    cursor = sources_digest(_config(tmp_path / "s"))
    (tmp_path / "s" / "new_release.txt").write_text("2025年，全区规模工业产值增长5%。", encoding="utf-8")
    result, _ = _evaluate(tmp_path / "s", cursor)
    assert isinstance(result, dg.RunRequest)


def test_sensor_skips_an_unchanged_tree(tmp_path):
    shutil.copytree(SAMPLE_SOURCES, tmp_path / "s")
    cursor = sources_digest(_config(tmp_path / "s"))
    result, _ = _evaluate(tmp_path / "s", cursor)
    assert isinstance(result, dg.SkipReason)


def test_sensor_ignores_a_touched_file_whose_content_is_the_same(tmp_path):
    shutil.copytree(SAMPLE_SOURCES, tmp_path / "s")
    cursor = sources_digest(_config(tmp_path / "s"))
    some_file = next((tmp_path / "s").iterdir())
    some_file.write_bytes(some_file.read_bytes())  # new mtime, same bytes
    result, _ = _evaluate(tmp_path / "s", cursor)
    assert isinstance(result, dg.SkipReason)


def test_sensor_requests_a_run_for_a_changed_or_removed_file(tmp_path):
    shutil.copytree(SAMPLE_SOURCES, tmp_path / "s")
    cursor = sources_digest(_config(tmp_path / "s"))
    files = sorted((tmp_path / "s").iterdir())
    files[0].write_bytes(files[0].read_bytes() + b"\n")
    changed, cursor2 = _evaluate(tmp_path / "s", cursor)
    files[1].unlink()
    removed, _ = _evaluate(tmp_path / "s", cursor2)
    assert isinstance(changed, dg.RunRequest) and isinstance(removed, dg.RunRequest)


def test_sensor_treats_a_sidecar_edit_as_a_change(tmp_path):
    shutil.copytree(SAMPLE_SOURCES, tmp_path / "s")
    cursor = sources_digest(_config(tmp_path / "s"))
    doc = next((tmp_path / "s").iterdir())
    doc.with_name(doc.name + ".meta.json").write_text('{"region_name": "江津区"}', encoding="utf-8")
    result, _ = _evaluate(tmp_path / "s", cursor)
    assert isinstance(result, dg.RunRequest)


def _ended_run(instance, assets, resources=None):
    """A run of `assets` in `instance`, and the event Dagster logged when it ended."""
    result = dg.materialize(assets, instance=instance, resources=resources, raise_on_error=False)
    end = next(r.event_log_entry.dagster_event for r in instance.get_records_for_run(result.run_id).records
               if r.event_log_entry.dagster_event and r.event_log_entry.dagster_event.event_type == dg.DagsterEventType.RUN_SUCCESS)
    return instance.get_run_by_id(result.run_id), end


def test_a_daemon_run_that_succeeded_without_publishing_is_recorded_as_a_failure(tmp_path):
    import duckdb

    from orchestration.assets import source_documents
    from orchestration.automation import record_run_success
    from plantrack.runs import NOT_PUBLISHED

    (tmp_path / "s").mkdir()
    plantrack = PlantrackConfig.from_settings(load_settings(tmp_path / "s", tmp_path / "d"), workers=1)
    with dg.DagsterInstance.ephemeral() as instance:
        run, end = _ended_run(instance, [source_documents], {"plantrack": plantrack})  # stops before publish
        record_run_success(dg.build_run_status_sensor_context(
            sensor_name="record_run_success", dagster_event=end, dagster_instance=instance, dagster_run=run,
            resources={"plantrack": plantrack}))
    con = duckdb.connect(str(tmp_path / "d" / "warehouse.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT status, message FROM ops.runs WHERE run_id = ?", [run.run_id]).fetchall() == [
            ("failure", NOT_PUBLISHED)]
    finally:
        con.close()


def test_a_run_that_materialized_the_serving_file_published():
    from orchestration.in_process import SERVING_ASSET, published

    @dg.asset(name=SERVING_ASSET)
    def stand_in():
        return 1

    @dg.asset(name="something_else")
    def other():
        return 1

    assert published(dg.materialize([stand_in]).get_asset_materialization_events())
    assert not published(dg.materialize([other]).get_asset_materialization_events())
