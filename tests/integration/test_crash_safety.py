"""Killing a refresh at any stage leaves the serving file complete; the next refresh recovers."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from plantrack.faults import STAGES
from tests.conftest import PLANTRACK, ROOT, SAMPLE_SOURCES, run_plantrack


def _marts(data_dir: Path) -> dict:
    con = duckdb.connect(str(data_dir / "serving" / "plantrack.duckdb"), read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM marts.{t} ORDER BY ALL").fetchall()
                for t in ("fct_plan_targets", "fct_indicator_actuals", "mart_target_progress")}
    finally:
        con.close()


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    """One good run of the sample corpus, published; each test works on a copy of it."""
    root = tmp_path_factory.mktemp("first-run")
    shutil.copytree(SAMPLE_SOURCES, root / "sources")
    first = run_plantrack("refresh", data_dir=root / "data", sources=root / "sources")
    assert first.returncode == 0, first.stderr
    return root


@pytest.fixture
def published(first_run, tmp_path):
    """A data dir with one good run published, and a new document waiting for the next run."""
    shutil.copytree(first_run / "data", tmp_path / "data")
    shutil.copytree(first_run / "sources", tmp_path / "sources")
    (tmp_path / "sources" / "extra_review.txt").write_text(
        "2024年工作回眸\n2024年，全区规模工业产值2100亿元，同比增长7.5%。新增市级数字化车间12个，累计82个。\n",
        encoding="utf-8")
    return tmp_path / "data", tmp_path / "sources"


@pytest.mark.parametrize("stage", STAGES)
def test_sigkill_at_each_stage_keeps_the_previous_serving_file_and_the_next_run_recovers(published, stage, tmp_path):
    data_dir, sources = published
    before = _marts(data_dir)
    marker = tmp_path / "reached"
    env = {**os.environ, "PLANTRACK_FAULT_PAUSE": stage, "PLANTRACK_FAULT_MARKER": str(marker)}
    proc = subprocess.Popen([str(PLANTRACK), "refresh", "--sources", str(sources), "--data-dir", str(data_dir)],
                            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 300
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert marker.exists(), f"the refresh never reached stage {stage}"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()

    assert _marts(data_dir) == before  # complete, readable, exactly the previous run's
    again = run_plantrack("refresh", data_dir=data_dir, sources=sources)
    assert again.returncode == 0, again.stdout + again.stderr
    con = duckdb.connect(str(data_dir / "serving" / "plantrack.duckdb"), read_only=True)
    files = {r[0] for r in con.execute("SELECT source_file FROM marts.dim_document WHERE is_current").fetchall()}
    assert "extra_review.txt" in files
    statuses = [r[0] for r in con.execute("SELECT status FROM marts.runs ORDER BY started_at").fetchall()]
    assert statuses[-1] == "success" and "abandoned" in statuses

