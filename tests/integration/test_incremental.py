"""A refresh after a small change does the small amount of work, and no stale rows survive."""

from __future__ import annotations

import json
import shutil
import subprocess

import duckdb
import pytest

from orchestration.dbt import DBT_DIR, UNIT_TESTS_PASSED_DIR
from plantrack.runs import dbt_code_hash
from tests.conftest import SAMPLE_SOURCES, run_plantrack

NEW_REVIEW = "2025年工作回眸\n2025年，全区新认定市级绿色供应链示范企业9家，同比增长12.5%。\n"


@pytest.fixture
def grown(sample_data_dir, tmp_path):
    """A copy of a published data dir, and its sources plus one new release."""
    shutil.copytree(sample_data_dir, tmp_path / "data")
    shutil.copytree(SAMPLE_SOURCES, tmp_path / "sources")
    (tmp_path / "sources" / "new_review.txt").write_text(NEW_REVIEW, encoding="utf-8")
    return tmp_path / "data", tmp_path / "sources"


def _dbt_nodes(data_dir) -> tuple[dict, set[str]]:
    results = json.loads((data_dir / "dbt_target" / "run_results.json").read_text(encoding="utf-8"))
    return results["args"], {r["unique_id"].split(".")[0] for r in results["results"]}


def _warehouse(data_dir):
    return duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)


def test_a_new_document_maps_its_new_texts_and_skips_the_unit_tests(grown):
    data_dir, sources = grown
    result = run_plantrack("refresh", data_dir=data_dir, sources=sources)
    assert result.returncode == 0, result.stdout + result.stderr
    args, kinds = _dbt_nodes(data_dir)
    assert "unit_test" not in kinds and "model" in kinds and not args.get("full_refresh")
    con = _warehouse(data_dir)
    mapped = {r[0] for r in con.execute("SELECT indicator_text FROM intermediate.int_indicator_mapping").fetchall()}
    texts = {r[0] for r in con.execute("SELECT indicator_text FROM staging.stg_raw__targets UNION "
                                       "SELECT indicator_text FROM staging.stg_raw__actuals").fetchall()}
    assert mapped == texts
    assert any("绿色供应链" in t for t in mapped)
    builds = con.execute("SELECT DISTINCT code_hash FROM ops.dbt_builds").fetchall()
    assert len(builds) == 1


def test_changed_dbt_code_rebuilds_from_scratch(grown):
    data_dir, sources = grown
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"))
    con.execute("UPDATE ops.dbt_builds SET code_hash = 'built-by-older-code'")
    con.execute("UPDATE intermediate.int_indicator_mapping SET mapping_fingerprint = 'stale', indicator_id = NULL")
    con.close()
    result = run_plantrack("refresh", data_dir=data_dir, sources=sources)
    assert result.returncode == 0, result.stdout + result.stderr
    args, _ = _dbt_nodes(data_dir)
    assert args.get("full_refresh") is True
    con = _warehouse(data_dir)
    assert con.execute("SELECT count(*) FROM intermediate.int_indicator_mapping "
                       "WHERE mapping_fingerprint = 'stale'").fetchall() == [(0,)]
    assert con.execute("SELECT count(indicator_id) FROM intermediate.int_indicator_mapping").fetchall()[0][0] > 0


def test_unit_tests_run_once_per_dbt_code_version_on_an_installation(grown):
    data_dir, sources = grown
    passed = UNIT_TESTS_PASSED_DIR / dbt_code_hash(DBT_DIR)
    passed.unlink(missing_ok=True)  # as on a fresh installation of this code
    result = run_plantrack("refresh", data_dir=data_dir, sources=sources)
    assert result.returncode == 0, result.stdout + result.stderr
    _, kinds = _dbt_nodes(data_dir)
    assert "unit_test" in kinds and passed.exists()



def _marts(warehouse) -> dict[str, set[tuple]]:
    """Every mart's rows."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts'").fetchall()]
        return {t: set(con.execute(f"SELECT * FROM marts.{t}").fetchall()) for t in tables}
    finally:
        con.close()


def test_marts_after_adding_and_removing_documents_equal_a_full_rebuild(tmp_path):
    """Incremental models (pairs by region, progress and nearest actuals by target) keep nothing a
    --full-refresh of the same warehouse would not."""
    from plantrack.bench import generate
    from plantrack.bench.run import dbt_command
    from plantrack.config import load_settings

    corpus = tmp_path / "corpus"
    generate.generate_corpus(corpus, 24, seed=7)
    sources = corpus / generate.SOURCES_DIR
    data_dir = tmp_path / "data"
    first = run_plantrack("refresh", data_dir=data_dir, sources=sources, timeout=1800)
    assert first.returncode == 0, first.stdout + first.stderr
    generate.add_document(corpus, 7, index=24)
    documents = [p for p in sources.iterdir() if not p.name.endswith(".meta.json")]
    max(documents, key=lambda p: p.stat().st_size).unlink()  # the one with most to leave behind
    grown = run_plantrack("refresh", data_dir=data_dir, sources=sources, timeout=1800)
    assert grown.returncode == 0, grown.stdout + grown.stderr
    assert not _dbt_nodes(data_dir)[0].get("full_refresh")

    rebuilt = tmp_path / "rebuilt.duckdb"
    shutil.copyfile(data_dir / "warehouse.duckdb", rebuilt)
    as_of = json.dumps({"as_of_date": load_settings().as_of().isoformat()})
    cmd, env = dbt_command(["build", "--full-refresh", "--exclude-resource-type", "unit_test", "--vars", as_of],
                           rebuilt, tmp_path / "dbt_target")
    assert subprocess.run(cmd, env=env, capture_output=True, timeout=1800).returncode == 0

    incremental, full = _marts(data_dir / "warehouse.duckdb"), _marts(rebuilt)
    assert incremental.keys() == full.keys()
    for table in full:
        assert incremental[table] == full[table], table
