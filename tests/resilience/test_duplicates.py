"""The same bytes under two names are one document, whichever name goes away."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from plantrack.documents import read_document
from plantrack.extract import extract_statements
from tests.conftest import SAMPLE_SOURCES, run_plantrack
from tests.resilience.serving import counts_per_document, rows


@dataclass
class Twins:
    data_dir: Path
    doc_id: str
    outputs: list[tuple[int, str]]
    with_both: dict[str, tuple[int, int]]
    documents_with_both: list[tuple]
    with_copy_only: dict[str, tuple[int, int]]
    files_with_copy_only: list[tuple]
    copy_name: str


@pytest.fixture(scope="module")
def twins(tmp_path_factory, sample_data_dir) -> Twins:
    root = tmp_path_factory.mktemp("duplicates")
    sources, data_dir = root / "sources", root / "data"
    shutil.copytree(SAMPLE_SOURCES, sources)
    # the document with the most statements, so a doubled count could not hide
    per_file = {p: extract_statements(read_document(p, p.name)) for p in sorted(sources.iterdir()) if p.is_file()}
    original, _ = max(per_file.items(), key=lambda kv: len(kv[1].targets) + len(kv[1].actuals))
    copy = sources / "archive" / ("reposted_" + original.name)
    copy.parent.mkdir()
    shutil.copyfile(original, copy)
    doc_id = hashlib.sha256(original.read_bytes()).hexdigest()
    outputs = []

    first = run_plantrack("refresh", data_dir=data_dir, sources=sources)
    outputs.append((first.returncode, first.stdout + first.stderr))
    with_both = counts_per_document(data_dir) if first.returncode == 0 else {}
    documents = rows(data_dir, "SELECT document_id, source_file, is_current FROM marts.dim_document "
                               "WHERE document_id = ?", [doc_id]) if first.returncode == 0 else []
    original.unlink()  # the first name goes; the copy still holds the same bytes
    second = run_plantrack("refresh", data_dir=data_dir, sources=sources)
    outputs.append((second.returncode, second.stdout + second.stderr))
    ok = second.returncode == 0
    return Twins(data_dir, doc_id, outputs, with_both, documents,
                 counts_per_document(data_dir) if ok else {},
                 rows(data_dir, "SELECT source_file FROM marts.dim_document WHERE document_id = ?", [doc_id]) if ok
                 else [], copy.relative_to(sources).as_posix())


def test_a_corpus_holding_the_same_file_twice_refreshes(twins):
    code, out = twins.outputs[0]
    assert code == 0, out[-3000:]


def test_the_same_bytes_under_two_names_are_one_current_document(twins):
    assert len(twins.documents_with_both) == 1 and twins.documents_with_both[0][2] is True


def test_the_same_bytes_under_two_names_yield_their_statements_once(twins, sample_data_dir):
    # as many targets and actual values as the document alone yields in a clean run
    assert twins.with_both.get(twins.doc_id) == counts_per_document(sample_data_dir)[twins.doc_id]


def test_removing_one_of_two_names_keeps_the_document_current(twins, sample_data_dir):
    code, out = twins.outputs[1]
    assert code == 0, out[-3000:]
    assert twins.with_copy_only.get(twins.doc_id) == counts_per_document(sample_data_dir)[twins.doc_id]
    assert twins.files_with_copy_only == [(twins.copy_name,)]
