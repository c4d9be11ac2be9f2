"""`plantrack add`: a document lands in the sources directory with its metadata sidecar."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from plantrack.cli import app
from plantrack.documents import load_sidecar


@pytest.fixture(autouse=True)
def _restore_environment(monkeypatch):
    # the command exports its settings for child processes; put them back after each test
    for name in ("PLANTRACK_SOURCES", "PLANTRACK_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)


def _add(*args):
    return CliRunner().invoke(app, ["add", *args])


def test_add_copies_the_document_and_writes_a_sidecar_the_reader_accepts(tmp_path):
    doc = tmp_path / "review.txt"
    doc.write_text("2025年，全区规模工业产值增长6%。", encoding="utf-8")
    sources = tmp_path / "sources"
    result = _add(str(doc), "--region", "荣昌区", "--type", "work_review", "--issued", "2026-01-15",
                  "--sources", str(sources))
    assert result.exit_code == 0, result.output
    assert (sources / "review.txt").read_bytes() == doc.read_bytes()
    meta = json.loads((sources / "review.txt.meta.json").read_text(encoding="utf-8"))
    assert meta == {"region_name": "荣昌区", "doc_type": "work_review", "issued_on": "2026-01-15"}
    assert load_sidecar(sources / "review.txt")["region_name"] == "荣昌区"


def test_add_refuses_to_overwrite_another_document_of_the_same_name(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "plan.txt").write_text("到2027年，产值达到100亿元。", encoding="utf-8")
    other = tmp_path / "plan.txt"
    other.write_text("到2027年，产值达到200亿元。", encoding="utf-8")
    result = _add(str(other), "--sources", str(sources))
    assert result.exit_code == 2
    assert "--name" in result.output
    assert "100亿元" in (sources / "plan.txt").read_text(encoding="utf-8")


def test_add_rejects_a_date_that_is_not_a_date(tmp_path):
    doc = tmp_path / "x.txt"
    doc.write_text("2025年产值5亿元。", encoding="utf-8")
    result = _add(str(doc), "--issued", "last spring", "--sources", str(tmp_path / "s"))
    assert result.exit_code == 2 and "2024-12-27" in result.output
