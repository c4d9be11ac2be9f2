"""The code location loads, and its job covers every stage."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from orchestration.definitions import defs
from tests.conftest import ROOT


def test_dagster_definitions_validate_passes(tmp_path):
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path)}
    result = subprocess.run([str(Path(sys.executable).parent / "dagster"), "definitions", "validate",
                             "-m", "orchestration.definitions"], capture_output=True, text=True, env=env, cwd=ROOT,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_nightly_job_covers_every_stage_from_documents_to_publish():
    job = defs().resolve_job_def("nightly_refresh")
    keys = {k.to_user_string() for k in job.asset_layer.executable_asset_keys}
    for stage in ("source_documents", "extracted_statements", "raw/targets", "marts/fct_plan_targets",
                  "marts/mart_target_progress", "serving_database"):
        assert stage in keys


def test_quality_checks_block_publication():
    checks = defs().asset_checks
    assert all(spec.blocking for check in checks for spec in check.check_specs)
    job = defs().resolve_job_def("nightly_refresh")
    check_names = {k.name for k in job.asset_layer.asset_graph.asset_check_keys}
    assert {"raw_statements_quality", "marts_quality"} <= check_names


def test_warehouse_writers_share_one_pool_and_carry_no_blanket_retry_policy():
    # a failing data test or compile error would fail again: steps retry only what can pass (retry.py)
    job = defs().resolve_job_def("nightly_refresh")
    writers = {n.name: n for n in job.graph.node_defs if getattr(n, "pool", None) == "warehouse"}
    assert {"source_documents", "raw_tables", "serving_database"} <= set(writers)
    assert any(n.startswith("dbt") for n in writers)
    for node in writers.values():
        assert node.retry_policy is None, node.name


def test_the_instance_config_serve_writes_is_valid_and_runs_one_at_a_time(tmp_path):
    import dagster as dg

    from plantrack.cli import _write_dagster_yaml

    _write_dagster_yaml(tmp_path)
    instance = dg.DagsterInstance.from_config(str(tmp_path))
    try:
        assert instance.get_concurrency_config().run_queue_config.max_concurrent_runs == 1
    finally:
        instance.dispose()


def test_the_plantrack_resource_is_configured_from_the_environment_when_the_definitions_load(tmp_path, monkeypatch):
    from orchestration.resources import PlantrackConfig

    for name, value in {"PLANTRACK_SOURCES": str(tmp_path / "s"), "PLANTRACK_DATA_DIR": str(tmp_path / "d"),
                        "PLANTRACK_MAX_DOCUMENT_MB": "7", "PLANTRACK_DOCUMENT_TIMEOUT_S": "9"}.items():
        monkeypatch.setenv(name, value)
    settings = PlantrackConfig.from_env().settings()
    assert settings.warehouse_path == tmp_path / "d" / "warehouse.duckdb"
    assert (settings.sources_dir, settings.max_document_bytes, settings.document_timeout_s) == (
        tmp_path / "s", 7 * 1024 * 1024, 9.0)


def test_the_resources_settings_do_not_read_the_environment(tmp_path, monkeypatch):
    from orchestration.resources import PlantrackConfig
    from plantrack.config import load_settings

    plantrack = PlantrackConfig.from_settings(load_settings(tmp_path / "s", tmp_path / "d"))
    monkeypatch.setenv("PLANTRACK_DATA_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("PLANTRACK_MAX_DOCUMENT_MB", "1")
    settings = plantrack.settings()
    assert settings.warehouse_path == tmp_path / "d" / "warehouse.duckdb"
    assert settings.max_document_bytes == 50 * 1024 * 1024


def test_the_code_location_records_the_end_of_every_daemon_run():
    sensors = {s.name for s in defs().sensors}
    assert {"record_run_failure", "record_run_success"} <= sensors
