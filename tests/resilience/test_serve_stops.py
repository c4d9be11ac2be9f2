"""Ctrl-C on `plantrack serve` stops everything it started (issue 15, item 7), run workers included."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.request

import psutil
import pytest

from tests.browser.superset_harness import free_port
from tests.conftest import PLANTRACK, ROOT, SAMPLE_SOURCES

pytestmark = pytest.mark.slow

STOP_WITHIN_S = 45  # 15 s of grace for dagster dev, then SIGKILL; the rest is slack on a busy machine


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except OSError:
        return False


def test_ctrl_c_on_serve_leaves_no_process_behind(tmp_path):
    sources, data_dir = tmp_path / "sources", tmp_path / "data"
    shutil.copytree(SAMPLE_SOURCES, sources)
    port, docs_port = free_port(), free_port()
    log_path = tmp_path / "serve.log"  # what serve said, for a failure's message
    log = log_path.open("wb")
    env = {**os.environ, "DAGSTER_HOME": str(data_dir / "dagster")}
    serve = subprocess.Popen([str(PLANTRACK), "serve", "--no-superset", "--dagster-port", str(port),
                              "--docs-port", str(docs_port), "--sources", str(sources), "--data-dir", str(data_dir)],
                             cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    tree: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 900  # dbt docs generate first, on a busy machine
        while not _answers(f"http://127.0.0.1:{port}/server_info"):
            assert serve.poll() is None, "plantrack serve exited during start-up"
            assert time.monotonic() < deadline, "Dagster never answered"
            time.sleep(2)
        time.sleep(20)  # the sources sensor sees a new corpus and launches a run
        tree = psutil.Process(serve.pid).children(recursive=True)
        assert tree
        started = time.monotonic()
        serve.send_signal(signal.SIGINT)  # what Ctrl-C sends to the foreground process
        try:
            serve.wait(timeout=STOP_WITHIN_S + 30)
        except subprocess.TimeoutExpired:
            left = [p.pid for p in tree if p.is_running()]
            pytest.fail(f"serve still running {STOP_WITHIN_S + 30} s after Ctrl-C; its tree: {left}; "
                        f"it said: {log_path.read_text(errors='replace')[-3000:]}")
        # everything the serve process started, and what they started since, is gone
        gone, alive = psutil.wait_procs(tree, timeout=max(1, STOP_WITHIN_S - (time.monotonic() - started)))
        alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        assert not alive, [(p.pid, " ".join(p.cmdline())[:200]) for p in alive]
        assert time.monotonic() - started < STOP_WITHIN_S
        serving = data_dir / "serving" / "plantrack.duckdb"
        before = serving.stat().st_mtime_ns if serving.exists() else None
        time.sleep(10)
        assert (serving.stat().st_mtime_ns if serving.exists() else None) == before, "something still publishes"
    finally:
        log.close()
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
        for p in tree:  # a failed stop leaves nothing behind for the next test
            try:
                p.kill()
            except psutil.Error:
                pass
