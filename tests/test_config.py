"""Settings: the as-of date is part of a run's configuration, read from the environment in one place;
DuckDB's memory limit for dbt follows the warehouse's size (its raw rows or its file)."""

from __future__ import annotations

import os
from datetime import date

import pytest

from plantrack.config import dbt_environment, duckdb_memory_limit, load_settings


def test_the_as_of_date_is_read_from_the_environment_into_the_settings(monkeypatch):
    monkeypatch.setenv("PLANTRACK_AS_OF_DATE", "2025-06-30")
    assert load_settings().as_of() == date(2025, 6, 30)


def test_without_an_as_of_date_progress_is_judged_as_of_today(monkeypatch):
    monkeypatch.delenv("PLANTRACK_AS_OF_DATE", raising=False)
    settings = load_settings()
    assert settings.as_of_date is None and settings.as_of() == date.today()


def test_a_malformed_as_of_date_is_an_error_naming_the_variable(monkeypatch):
    monkeypatch.setenv("PLANTRACK_AS_OF_DATE", "30/06/2025")
    with pytest.raises(ValueError, match="PLANTRACK_AS_OF_DATE"):
        load_settings()


def test_the_dagster_resource_carries_the_as_of_date_to_every_step(monkeypatch):
    from orchestration.dbt import _vars_args
    from orchestration.resources import PlantrackConfig

    monkeypatch.setenv("PLANTRACK_AS_OF_DATE", "2024-12-31")
    settings = PlantrackConfig.from_env().settings()
    assert settings.as_of() == date(2024, 12, 31)
    assert _vars_args(settings) == ["--vars", '{"as_of_date": "2024-12-31"}']


def test_the_run_fingerprint_changes_with_the_as_of_date():
    from plantrack.runs import build_fingerprint

    sources = {"a.txt": "0" * 64}
    assert build_fingerprint(sources, date(2025, 1, 1)) != build_fingerprint(sources, date(2025, 1, 2))


def test_the_benchmark_truth_judges_in_the_settings_year(monkeypatch):
    from plantrack.bench.truth import as_of_year

    monkeypatch.setenv("PLANTRACK_AS_OF_DATE", "2023-03-01")
    assert as_of_year() == 2023


def test_duckdb_memory_limit_is_1gb_for_a_small_warehouse(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANTRACK_DUCKDB_MEMORY_LIMIT", raising=False)
    warehouse = tmp_path / "warehouse.duckdb"
    warehouse.write_bytes(b"x" * 1000)
    assert duckdb_memory_limit(warehouse) == "1GB"
    assert duckdb_memory_limit(tmp_path / "not yet built.duckdb") == "1GB"


def test_duckdb_memory_limit_grows_with_the_warehouse_in_powers_of_two(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANTRACK_DUCKDB_MEMORY_LIMIT", raising=False)
    monkeypatch.setattr(os, "sysconf", lambda name: {"SC_PAGE_SIZE": 4096, "SC_PHYS_PAGES": 6 * 1024**2}[name])
    warehouse = tmp_path / "warehouse.duckdb"
    with open(warehouse, "wb") as f:  # sparse: a 3 GB file that takes no disk
        f.truncate(3 * 1024**3)
    assert duckdb_memory_limit(warehouse) == "4GB"
    with open(warehouse, "wb") as f:
        f.truncate(30 * 1024**3)
    assert duckdb_memory_limit(warehouse) == "12GB"  # half of this machine's 24 GB at most


def test_duckdb_memory_limit_from_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANTRACK_DUCKDB_MEMORY_LIMIT", "1500MB")
    assert duckdb_memory_limit(tmp_path / "warehouse.duckdb") == "1500MB"
    assert dbt_environment(tmp_path / "w.duckdb")["PLANTRACK_DUCKDB_MEMORY_LIMIT"] == "1500MB"


def test_duckdb_memory_limit_grows_with_the_raw_rows_of_a_warehouse_not_built_yet(tmp_path, monkeypatch):
    import duckdb

    monkeypatch.delenv("PLANTRACK_DUCKDB_MEMORY_LIMIT", raising=False)
    monkeypatch.setattr(os, "sysconf", lambda name: {"SC_PAGE_SIZE": 4096, "SC_PHYS_PAGES": 6 * 1024**2}[name])
    monkeypatch.setattr("plantrack.config.RAW_ROWS_PER_GIB", 1000)  # 1 GB per 1,000 rows, for a small file
    warehouse = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(warehouse))
    con.execute("CREATE SCHEMA raw; CREATE TABLE raw.actuals AS SELECT range AS i FROM range(3500)")
    con.close()
    assert duckdb_memory_limit(warehouse) == "4GB"  # 3.5 "GB" of raw rows, rounded up to a power of two
