"""Two refreshes on one data directory (issue 15, items 4 and 7), as real processes.

The second is refused before it reads anything, says who holds the lock, and is recorded as
`refused`; a killed refresh's lock is taken over by the next one, which also removes the temp files a
killed publish left beside the serving file.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import PLANTRACK, ROOT, SAMPLE_SOURCES, run_plantrack

pytestmark = pytest.mark.slow

NEW_RELEASE = "2025年经济运行情况\n2025年，全区规模以上工业增加值同比增长6.8%，新增规上工业企业21家。\n"


def _start_paused(data_dir: Path, sources: Path, stage: str, marker: Path) -> subprocess.Popen:
    env = {**os.environ, "PLANTRACK_FAULT_PAUSE": stage, "PLANTRACK_FAULT_MARKER": str(marker)}
    # Output goes to a file, not a pipe: nobody reads a pipe while the refresh runs, and a full pipe
    # (64 KiB of dbt progress) would block the refresh before it reaches its pause.
    log = marker.with_suffix(".log")
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen([str(PLANTRACK), "refresh", "--sources", str(sources), "--data-dir", str(data_dir)],
                                env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, text=True,
                                start_new_session=True)
    deadline = time.monotonic() + 600
    while not marker.exists():
        assert proc.poll() is None, log.read_text(encoding="utf-8")[-3000:]
        assert time.monotonic() < deadline, "the first refresh never reached its pause"
        time.sleep(0.5)
    return proc


def _kill(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)


def _runs(data_dir: Path) -> dict[str, tuple[str, str]]:
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        return {r: (s, m) for r, s, m in con.execute("SELECT run_id, status, message FROM ops.runs").fetchall()}
    finally:
        con.close()


@pytest.fixture(scope="module")
def contended(sample_data_dir, tmp_path_factory):
    root = tmp_path_factory.mktemp("contended")
    data_dir, sources = root / "data", root / "sources"
    shutil.copytree(sample_data_dir, data_dir)
    shutil.copytree(SAMPLE_SOURCES, sources)
    (sources / "new_release.txt").write_text(NEW_RELEASE, encoding="utf-8")
    first = _start_paused(data_dir, sources, "read", root / "first.marker")
    started = time.monotonic()
    second = run_plantrack("refresh", data_dir=data_dir, sources=sources, timeout=300)
    second_seconds = time.monotonic() - started
    _kill(first)
    third = run_plantrack("refresh", data_dir=data_dir, sources=sources)
    return data_dir, first.pid, second, second_seconds, third


def test_a_second_refresh_is_refused_naming_the_one_running(contended):
    _, first_pid, second, _, _ = contended
    assert second.returncode != 0
    assert f"another refresh is running (pid {first_pid}, since " in second.stdout


def test_a_refused_refresh_does_no_reading(contended):
    _, _, second, seconds, _ = contended
    out = second.stdout + second.stderr
    # neither the scan's line nor the reading pool's progress: it stopped before either
    assert "[plantrack] sources: " not in out and "[plantrack] reading: " not in out, out[-2000:]
    assert seconds < 60, seconds  # the process start-up on a loaded machine, nothing more


def test_a_refused_refresh_is_recorded_as_refused(contended):
    data_dir, first_pid, _, _, third = contended
    assert third.returncode == 0, third.stdout[-3000:]
    refused = [m for s, m in _runs(data_dir).values() if s == "refused"]
    assert len(refused) == 1 and f"pid {first_pid}" in refused[0]


def test_the_killed_refresh_is_abandoned_and_no_run_is_left_running(contended):
    data_dir, _, _, _, _ = contended
    statuses = [s for s, _ in _runs(data_dir).values()]
    assert "running" not in statuses and statuses.count("abandoned") == 1


def test_the_lock_of_a_killed_refresh_is_taken_over(contended):
    _, _, _, _, third = contended
    assert third.returncode == 0 and "refresh succeeded" in third.stdout, third.stdout[-3000:]


def test_a_killed_publish_leaves_temp_files_the_next_run_removes(sample_data_dir, tmp_path):
    data_dir, sources = tmp_path / "data", tmp_path / "sources"
    shutil.copytree(sample_data_dir, data_dir)
    shutil.copytree(SAMPLE_SOURCES, sources)
    (sources / "new_release.txt").write_text(NEW_RELEASE, encoding="utf-8")
    serving_dir = data_dir / "serving"
    killed = _start_paused(data_dir, sources, "publish", tmp_path / "publish.marker")
    _kill(killed)
    left = sorted(p.name for p in serving_dir.iterdir() if p.name.endswith((".tmp", ".wal")))
    assert left, "the killed publish left no temp file: the test no longer probes anything"
    after = run_plantrack("refresh", data_dir=data_dir, sources=sources)
    assert after.returncode == 0, after.stdout[-3000:]
    assert sorted(p.name for p in serving_dir.iterdir()) == ["plantrack.duckdb"]
