"""Analysts' SQL (`plantrack sql`) reads the marts and nothing else: no writes, no files, no attaching."""

from __future__ import annotations

import hashlib

import pytest

from tests.conftest import run_plantrack
from tests.resilience.serving import rows, serving_path


def _sql(data_dir, query: str):
    return run_plantrack("sql", query, data_dir=data_dir, timeout=120)


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_plain_query_on_the_marts_works(sample_data_dir):
    result = _sql(sample_data_dir, "SELECT count(*) AS n FROM fct_plan_targets")
    assert result.returncode == 0, result.stderr
    assert "n" in result.stdout


FORBIDDEN = {
    "insert": "INSERT INTO fct_plan_targets SELECT * FROM fct_plan_targets LIMIT 1",
    "delete": "DELETE FROM fct_indicator_actuals",
    "create": "CREATE TABLE marts.scratch AS SELECT 1 AS x",
    "create_schema": "CREATE SCHEMA sneaky",
    "drop": "DROP TABLE dim_document",
    "set_back_access": "SET enable_external_access = true",
    "unlock_then_read": "SET lock_configuration = false; SELECT * FROM read_csv('/etc/passwd')",
    "install": "INSTALL httpfs",
}


@pytest.mark.parametrize("query", FORBIDDEN.values(), ids=FORBIDDEN.keys())
def test_sql_cannot_change_anything(sample_data_dir, query):
    before = _digest(serving_path(sample_data_dir))
    result = _sql(sample_data_dir, query)
    assert result.returncode != 0 and "error" in result.stderr, result.stdout + result.stderr
    assert _digest(serving_path(sample_data_dir)) == before


@pytest.mark.parametrize("reader", ["read_csv('/etc/passwd')", "read_text('/etc/hostname')",
                                    "read_parquet('/etc/passwd')", "read_csv('http://127.0.0.1:9/x.csv')"])
def test_sql_cannot_read_files_or_urls(sample_data_dir, reader):
    result = _sql(sample_data_dir, f"SELECT * FROM {reader}")
    assert result.returncode != 0 and "error" in result.stderr, result.stdout + result.stderr
    assert "root:" not in result.stdout


def test_sql_cannot_copy_the_marts_out_to_a_file(sample_data_dir, tmp_path):
    target = tmp_path / "leak.csv"
    result = _sql(sample_data_dir, f"COPY fct_plan_targets TO '{target}' (HEADER)")
    assert result.returncode != 0 and "error" in result.stderr
    assert not target.exists()


def test_sql_cannot_attach_another_database(sample_data_dir, tmp_path):
    other = tmp_path / "other.duckdb"
    result = _sql(sample_data_dir, f"ATTACH '{other}' AS other")
    assert result.returncode != 0 and "error" in result.stderr
    assert not other.exists()


def test_sql_cannot_attach_the_writers_warehouse(sample_data_dir):
    result = _sql(sample_data_dir, f"ATTACH '{sample_data_dir / 'warehouse.duckdb'}' AS wh (READ_ONLY)")
    assert result.returncode != 0 and "error" in result.stderr


def test_the_serving_file_holds_only_the_marts_schema(sample_data_dir):
    schemas = {r[0] for r in rows(sample_data_dir, "SELECT schema_name FROM duckdb_tables() UNION "
                                                   "SELECT schema_name FROM duckdb_views() WHERE NOT internal")}
    assert schemas == {"marts"}
    assert rows(sample_data_dir, "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'marts'")[0][0] > 0
