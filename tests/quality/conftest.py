"""Fixtures: a fresh warehouse path and reports directory per test."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "warehouse.duckdb"


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    return tmp_path / "reports"
