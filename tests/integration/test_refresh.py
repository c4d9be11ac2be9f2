"""The whole job, for real: sample corpus -> DuckDB -> dbt -> GX -> serving file."""

from __future__ import annotations

import duckdb

from tests.conftest import run_plantrack

CONTRACT_TABLES = {"dim_document", "dim_region", "dim_indicator", "fct_plan_targets", "fct_indicator_actuals",
                   "mart_target_progress", "mart_target_conflicts", "mart_data_gaps"}


def _serving(data_dir):
    return duckdb.connect(str(data_dir / "serving" / "plantrack.duckdb"), read_only=True)


def test_refresh_publishes_a_serving_file_with_the_contract_marts(sample_data_dir):
    con = _serving(sample_data_dir)
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts'").fetchall()}
    assert CONTRACT_TABLES <= tables


def test_serving_file_holds_only_the_marts(sample_data_dir):
    con = _serving(sample_data_dir)
    schemas = {r[0] for r in con.execute("SELECT DISTINCT schema_name FROM duckdb_tables()").fetchall()}
    assert schemas == {"marts"}


def test_every_sample_document_is_read_and_yields_targets_or_actuals(sample_data_dir):
    con = _serving(sample_data_dir)
    per_doc = dict(con.execute(
        "SELECT d.source_file, (SELECT count(*) FROM marts.fct_plan_targets t WHERE t.document_id = d.document_id)"
        " + (SELECT count(*) FROM marts.fct_indicator_actuals a WHERE a.document_id = d.document_id) "
        "FROM marts.dim_document d").fetchall())
    assert len(per_doc) == 6
    assert all(n > 0 for n in per_doc.values()), per_doc


def test_the_run_is_recorded_as_a_success(sample_data_dir):
    con = _serving(sample_data_dir)
    status, read = con.execute("SELECT status, documents_read FROM marts.runs ORDER BY started_at DESC LIMIT 1").fetchall()[0]
    assert (status, read) == ("success", 6)


def test_the_served_nearest_actuals_are_stored_in_the_detail_charts_order(sample_data_dir):
    """Target, then nearest first, as the detail chart reads them: DuckDB then skips the row groups whose
    min/max target_label cannot hold the chosen target (at national scale the chart read all 5.7 M rows)."""
    con = _serving(sample_data_dir)
    stored = con.execute("SELECT target_label, candidate_rank FROM marts.mart_nearest_actuals ORDER BY rowid").fetchall()
    assert len({label for label, _ in stored}) > 1
    assert stored == sorted(stored)


def test_a_second_refresh_with_nothing_changed_changes_nothing(sample_data_dir, tmp_path):
    data_dir = tmp_path / "d"
    assert run_plantrack("refresh", data_dir=data_dir).returncode == 0
    before = _snapshot(data_dir)
    second = run_plantrack("refresh", data_dir=data_dir)
    assert second.returncode == 0, second.stderr
    assert "documents read: 0" in second.stdout
    assert _snapshot(data_dir) == before


def _snapshot(data_dir) -> dict:
    con = _serving(data_dir)
    out = {}
    for table in ("fct_plan_targets", "fct_indicator_actuals", "mart_target_progress", "mart_target_conflicts"):
        out[table] = con.execute(f"SELECT * FROM marts.{table} ORDER BY ALL").fetchall()
    con.close()
    return out


def test_refresh_prints_progress_and_a_summary(sample_data_dir, tmp_path):
    result = run_plantrack("refresh", data_dir=tmp_path / "d")
    assert "[plantrack] reading" in result.stderr
    for words in ("documents read: 6", "targets:", "actual values:", "serving file:"):
        assert words in result.stdout
