"""Hundreds of edited copies of the sample documents added to a published warehouse (issue 15, item 6).

Their values supersede the originals' in fct_indicator_actuals (a later release of the same region,
indicator and period is the newer vintage); the originals keep every row in the history. The
cross-run check must not read that as "an unchanged document lost all its rows": the night publishes,
and so does the next one.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SAMPLE_SOURCES, run_plantrack

pytestmark = [pytest.mark.slow, pytest.mark.integration]

COPIES_PER_DOCUMENT = 40  # x 5 sample documents = 200 near-duplicates


def _edited(text: str, i: int) -> str:
    """A repost: a portal's header line, a changed closing, everything else as published."""
    head = f"（本文转载自区政府门户网站，第{i}次转载，仅供参考）\n"
    return head + text.replace("。", "；", 1) + f"\n转载编号：{1000 + i}\n"


def _warehouse(data_dir: Path):
    return duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)


@pytest.fixture(scope="module")
def crowded(sample_data_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("near-duplicates")
    data_dir, sources = root / "data", root / "sources"
    shutil.copytree(sample_data_dir, data_dir)
    shutil.copytree(SAMPLE_SOURCES, sources)
    originals = {hashlib.sha256(p.read_bytes()).hexdigest(): p.name for p in SAMPLE_SOURCES.iterdir() if p.is_file()}
    for path in sorted(SAMPLE_SOURCES.iterdir()):
        text = path.read_text(encoding="utf-8")
        for i in range(COPIES_PER_DOCUMENT):
            dest = sources / "reposts" / f"{i:03d}" / path.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(_edited(text, i), encoding="utf-8")
    first = run_plantrack("refresh", data_dir=data_dir, sources=sources, timeout=1800)
    # one more copy the next night: the check must not refuse that night either
    extra = sources / "reposts" / "late" / "late_copy.txt"
    extra.parent.mkdir()
    extra.write_text(_edited(next(SAMPLE_SOURCES.glob("*review*")).read_text(encoding="utf-8"), 999), encoding="utf-8")
    second = run_plantrack("refresh", data_dir=data_dir, sources=sources, timeout=1800)
    return data_dir, originals, first, second


def test_adding_hundreds_of_edited_copies_to_a_published_warehouse_publishes(crowded):
    _, _, first, _ = crowded
    assert first.returncode == 0, first.stdout[-4000:] + first.stderr[-3000:]
    assert "refresh succeeded" in first.stdout


def test_the_night_after_the_copies_publishes_too(crowded):
    _, _, _, second = crowded
    assert second.returncode == 0, second.stdout[-4000:] + second.stderr[-3000:]


def test_unchanged_originals_keep_every_row_in_the_actuals_history(crowded, sample_data_dir):
    data_dir, originals, _, _ = crowded
    query = ("SELECT document_id, count(*) FROM marts.fct_indicator_actuals_history "
             "WHERE document_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1")
    with _warehouse(sample_data_dir) as before, _warehouse(data_dir) as after:
        was = dict(before.execute(query, [list(originals)]).fetchall())
        now = dict(after.execute(query, [list(originals)]).fetchall())
    assert was and now == was


def test_no_cross_run_check_failed_on_the_copies(crowded):
    data_dir, _, _, _ = crowded
    with _warehouse(data_dir) as con:
        failed = con.execute("SELECT check_name, message FROM ops.quality_check_results "
                             "WHERE suite = 'cross_run' AND NOT passed").fetchall()
    assert failed == []
