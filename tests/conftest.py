"""Shared fixtures: the sample corpus, and one real refresh of it reused by read-only tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_SOURCES = ROOT / "sources"
PLANTRACK = Path(sys.executable).parent / "plantrack"


def run_plantrack(*args: str, data_dir: Path, sources: Path = SAMPLE_SOURCES, env: dict | None = None,
                  timeout: float = 600) -> subprocess.CompletedProcess:
    """The real command, in a child process, as a person would run it."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([str(PLANTRACK), *args, "--sources", str(sources), "--data-dir", str(data_dir)],
                          capture_output=True, text=True, env=full_env, timeout=timeout, cwd=ROOT)


def refresh_texts(tmp_path_factory, label: str, texts: dict[str, str]):
    """Texts written to files, one real `plantrack refresh` of them (the whole path: file on disk ->
    warehouse row), and its warehouse opened read-only."""
    import duckdb

    root = tmp_path_factory.mktemp(label)
    sources, data_dir = root / "sources", root / "data"
    sources.mkdir()
    for name, text in texts.items():
        (sources / name).write_text(text, encoding="utf-8")
    result = run_plantrack("refresh", data_dir=data_dir, sources=sources, timeout=1800)
    assert result.returncode == 0, result.stdout + result.stderr
    return duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)


def published_values(con, file: str) -> set[float]:
    """Every value the marts publish from one source file, targets and actuals."""
    rows = con.execute("SELECT value FROM marts.fct_indicator_actuals WHERE source_file = ? "
                       "UNION ALL SELECT value FROM marts.fct_plan_targets WHERE source_file = ?", [file, file]).fetchall()
    return {v for (v,) in rows}


# Whole directories whose tests start real processes (refreshes, dbt builds, Superset, Chromium).
_SLOW_DIRS = ("tests/integration/", "tests/browser/", "tests/resilience/", "tests/dbt/", "tests/quality/",
              "tests/orchestration/", "tests/bench/test_run.py", "tests/national/")
_SLOW_FIXTURES = {"sample_data_dir", "superset"}


def pytest_collection_modifyitems(items):
    """`pytest -m "not slow"` is the fast loop; `make test` runs everything."""
    for item in items:
        path = str(item.fspath).replace("\\", "/")
        if any(d in path for d in _SLOW_DIRS) or _SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) \
                or item.get_closest_marker("integration"):
            item.add_marker(pytest.mark.slow)


def pytest_xdist_make_scheduler(config, log):
    """`make test` runs on two workers (pytest-xdist). A test file runs on one worker, so its module
    fixtures (often a refresh) are built once; every test under tests/browser runs on one worker, so one
    Superset serves them all. (xdist's own `--dist loadgroup` names groups in node ids, which pytest 9
    no longer lets a plugin change: its groups are silently ignored.)"""
    from xdist.scheduler import LoadScopeScheduling

    class ByFileOneSuperset(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return "tests/browser" if path.startswith("tests/browser/") else path

    return ByFileOneSuperset(config, log)


def pytest_configure(config):
    """Before two workers start refreshes at once, parse the dbt project once (a fresh clone has no
    manifest, and two processes writing it together could leave it torn)."""
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        from orchestration.dbt import _prepared_project

        _prepared_project()


@pytest.fixture(scope="session")
def sample_data_dir(tmp_path_factory) -> Path:
    """A data directory after one successful refresh of the bundled sample corpus."""
    data_dir = tmp_path_factory.mktemp("sample-data")
    result = run_plantrack("refresh", data_dir=data_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return data_dir


@pytest.fixture
def sources_copy(tmp_path) -> Path:
    dest = tmp_path / "sources"
    shutil.copytree(SAMPLE_SOURCES, dest)
    return dest
