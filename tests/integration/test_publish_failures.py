"""Publishing anywhere, and failing cleanly: a data directory with an apostrophe in its path publishes;
a full disk at publish is a clear failure that leaves the last serving file and nothing else."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SAMPLE_SOURCES, run_plantrack

PLAN = "qijiang_2021-2025_industrial_development_plan.txt"
REVIEW = "2024年工作回眸\n2024年，全区规模工业产值2100亿元，同比增长7.5%。新增市级数字化车间12个，累计82个。\n"


def _current_files(data_dir: Path) -> set[str]:
    with duckdb.connect(str(data_dir / "serving" / "plantrack.duckdb"), read_only=True) as con:
        return {r[0] for r in con.execute("SELECT source_file FROM marts.dim_document WHERE is_current").fetchall()}


@pytest.fixture(scope="module")
def published_in_odd_path(tmp_path_factory) -> tuple[Path, Path]:
    """One plan refreshed into a data directory whose path holds apostrophes (and a space)."""
    root = tmp_path_factory.mktemp("publish")
    sources = root / "sources"
    sources.mkdir()
    shutil.copy(SAMPLE_SOURCES / PLAN, sources / PLAN)
    data_dir = root / "o'neil's data"
    result = run_plantrack("refresh", data_dir=data_dir, sources=sources, timeout=1500)
    assert result.returncode == 0, result.stdout + result.stderr
    return data_dir, sources


def test_a_data_directory_whose_path_holds_an_apostrophe_publishes(published_in_odd_path):
    data_dir, _ = published_in_odd_path
    assert PLAN in _current_files(data_dir)


def _mount_tmpfs(path: Path, size_bytes: int) -> bool:
    """A small file system of its own at `path` (root only: the test is skipped elsewhere)."""
    path.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_bytes}", "tmpfs", str(path)],
                          capture_output=True).returncode == 0


def test_a_full_disk_at_publish_fails_clearly_keeps_the_last_serving_file_and_leaves_nothing_behind(
        published_in_odd_path, tmp_path):
    data_dir, sources = tmp_path / "data", tmp_path / "sources"
    shutil.copytree(published_in_odd_path[0], data_dir)
    shutil.copytree(published_in_odd_path[1], sources)
    (sources / "review.txt").write_text(REVIEW, encoding="utf-8")
    serving_dir = data_dir / "serving"
    served = (serving_dir / "plantrack.duckdb").read_bytes()
    shutil.rmtree(serving_dir)
    # room for the serving file and a little more: the new copy beside it cannot be written
    if os.geteuid() != 0 or not _mount_tmpfs(serving_dir, len(served) + 256 * 1024):
        pytest.skip("needs root to mount a small tmpfs")
    try:
        (serving_dir / "plantrack.duckdb").write_bytes(served)
        result = run_plantrack("refresh", data_dir=data_dir, sources=sources, timeout=1500)
        out = result.stdout + result.stderr
        assert result.returncode != 0
        assert "disk is full" in out and "Traceback" not in out, out[-3000:]
        assert sorted(p.name for p in serving_dir.iterdir()) == ["plantrack.duckdb"]  # no temp file left
        assert (serving_dir / "plantrack.duckdb").read_bytes() == served
        with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as con:
            status, message = con.execute(
                "SELECT status, message FROM ops.runs ORDER BY started_at DESC LIMIT 1").fetchone()
        assert status == "failure" and "disk is full" in message
    finally:
        subprocess.run(["umount", str(serving_dir)], check=False)
