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
