"""What the product publishes from real texts: tests/gold/national/dev through `plantrack refresh`, scored
on the serving file's rows (fct_plan_targets, fct_indicator_actuals, dim_document) with `plantrack eval`'s
matching. The bounds are regression guards set a little below what the product measured when they were
written (see tests/gold/national/README.md); the issue's goals are stated beside them."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import duckdb
import polars as pl
import pytest

from plantrack.evaluate import CorpusReport, evaluate_published
from tests.conftest import ROOT, run_plantrack

DEV = ROOT / "tests" / "gold" / "national" / "dev"
SEED = ROOT / "dbt_project" / "seeds" / "regions.csv"


@pytest.fixture(scope="session")
def national_dev(tmp_path_factory) -> tuple[Path, Path, float, float]:
    """(sources, data directory, seconds, wall-clock start) after one refresh of a copy of the dev texts."""
    base = tmp_path_factory.mktemp("national-dev")
    sources = base / "sources"
    shutil.copytree(DEV / "texts", sources)
    data_dir = base / "data"
    wall = time.time()
    started = time.monotonic()
    result = run_plantrack("refresh", data_dir=data_dir, sources=sources, timeout=1800)
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return sources, data_dir, seconds, wall


@pytest.fixture(scope="session")
def published(national_dev) -> CorpusReport:
    _, data_dir, seconds, _ = national_dev
    report = evaluate_published(DEV, data_dir / "serving" / "plantrack.duckdb", name="national/dev")
    print(f"\nrefresh of {len(list((DEV / 'texts').iterdir()))} texts: {seconds:.0f} s\n"
          + report.render(details=False))
    return report


def _serving(data_dir: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(data_dir / "serving" / "plantrack.duckdb"), read_only=True)


def _labelled_documents() -> pl.DataFrame:
    return pl.concat([pl.read_csv(p, infer_schema=False) for p in sorted(DEV.glob("documents_*.csv"))],
                     how="diagonal")


def test_the_night_publishes_every_real_text(national_dev):
    sources, data_dir, _, started = national_dev
    assert (data_dir / "serving" / "plantrack.duckdb").stat().st_mtime >= started
    con = _serving(data_dir)
    status, read = con.execute("SELECT status, documents_read FROM marts.runs "
                               "ORDER BY started_at DESC LIMIT 1").fetchone()
    published = {r[0] for r in con.execute("SELECT source_file FROM marts.dim_document WHERE is_current").fetchall()}
    assert status == "success"
    assert published == {p.name for p in sources.iterdir()}


def test_places_without_a_code_and_names_shared_by_several_places_are_published(national_dev):
    """Development zones and 新区 have no GB/T 2260 code; 蠡县, 南海区 … are names several places carry:
    neither stops the night, and their documents are in the serving file."""
    _, data_dir, _, _ = national_dev
    labelled = _labelled_documents()
    seed = pl.read_csv(SEED, infer_schema=False)
    names = pl.concat([seed.select(pl.col("name_zh").alias("n")), seed.select(pl.col("short_name").alias("n"))])
    shared = names.drop_nulls().group_by("n").len().filter(pl.col("len") > 1)["n"].to_list()
    uncodable = labelled.filter(pl.col("region_code").is_null() & pl.col("region_name").is_not_null())["file"]
    duplicated = labelled.filter(pl.col("region_name").is_in(shared))["file"]
    assert len(uncodable) > 0 and len(duplicated) > 0
    published = {r[0] for r in _serving(data_dir).execute("SELECT source_file FROM marts.dim_document").fetchall()}
    assert set(uncodable) <= published and set(duplicated) <= published


# Regression guards: each bound sits a little below (above, for the wrong-year share) the figure measured
# through the warehouse when it was set (2026-12-06: 203 of 1,912 values found carry a wrong year, 10.6 %;
# 966 of 1,533 core values published with the right year, 63.0 %; 544 of 648 negatives left alone, 84.0 %;
# 1,611 of 1,912 found as the labelled kind, 84.3 %). Raise them as the reading improves.
WRONG_YEAR_SHARE_CEILING = 0.02  # issue 19's goal: <= 0.02 of the values found (0.004 at session 13)
CORE_RIGHT_YEAR_FLOOR = 0.86  # issue 19's goal: >= 0.90 of core values found with the right year (0.898)
NEGATIVES_LEFT_ALONE_FLOOR = 0.89  # issue 19's goal: >= 0.90 (0.916)
SAME_KIND_FLOOR = 0.96  # target vs actual right, of the values found; issue 19's goal: >= 0.95 (0.987)


def test_few_published_values_carry_a_wrong_year(published):
    t = published.tally()
    assert t.found > 0
    assert t.wrong_year / t.found <= WRONG_YEAR_SHARE_CEILING


def test_core_values_are_published_with_their_right_year(published):
    t = published.tally("core")
    assert t.right_year / t.gold >= CORE_RIGHT_YEAR_FLOOR


def test_numbers_that_are_not_values_are_left_alone(published):
    assert published.negatives_left_alone / len(published.negatives) >= NEGATIVES_LEFT_ALONE_FLOOR


def test_published_values_are_targets_or_actuals_as_labelled(published):
    t = published.tally()
    assert (t.found - t.other_kind) / t.found >= SAME_KIND_FLOOR
