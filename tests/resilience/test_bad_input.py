"""One refresh over the sample corpus plus every kind of bad file: each bad file is quarantined with
its reason (in the marts and in `plantrack status`), and every good document is still fully read."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from plantrack.documents.read import read_bytes
from plantrack.extract import extract_statements
from tests.conftest import SAMPLE_SOURCES, run_plantrack
from tests.resilience.documents import BAD_FILES, BadFile, write_bad_corpus, write_tricky_but_good
from tests.resilience.serving import counts_per_document, rows

SIZE_LIMIT_MB = 1
# Far above what any good document needs (well under a second each; SLOW_ITEMS values listed in one
# run-on sentence take ~2 s), far below what the slow one needs: reading SLOW_PAGES ruled PDF pages
# (~0.05 s a page through pdfium: ~16 s measured). If it gets fast, its case stops timing out:
# make it bigger (the size limit allows ~1 MB).
TIMEOUT_S = 10
SLOW_ITEMS = 4000  # thousands of values in one sentence; 12,000 took 7-10 s to extract on a quiet machine, over the 10 s limit under load
SLOW_PAGES = 350


@dataclass(frozen=True)
class BadRun:
    data_dir: Path
    sources: Path
    refresh_out: str
    refresh_code: int
    status_out: str
    good_pages: dict[str, str]  # name -> text it must read as


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory) -> BadRun:
    root = tmp_path_factory.mktemp("bad-input")
    sources = root / "sources"
    shutil.copytree(SAMPLE_SOURCES, sources)
    write_bad_corpus(sources, size_limit_mb=SIZE_LIMIT_MB, slow_items=SLOW_ITEMS, slow_pages=SLOW_PAGES)
    good_pages = write_tricky_but_good(sources)
    env = {"PLANTRACK_MAX_DOCUMENT_MB": str(SIZE_LIMIT_MB), "PLANTRACK_DOCUMENT_TIMEOUT_S": str(TIMEOUT_S)}
    refresh = run_plantrack("refresh", data_dir=root / "data", sources=sources, env=env)
    status = run_plantrack("status", data_dir=root / "data", sources=sources, env=env)
    return BadRun(root / "data", sources, refresh.stdout + refresh.stderr, refresh.returncode,
                  status.stdout + status.stderr, good_pages)


def test_a_run_on_sentence_of_thousands_of_values_is_read_whole_and_quoted_per_clause(bad_run):
    [(n, longest)] = rows(bad_run.data_dir, "SELECT count(*), max(length(quote)) FROM marts.fct_plan_targets "
                                            "WHERE source_file = 'endless_list_plan.txt'")
    assert n == SLOW_ITEMS
    assert longest <= 500


def _quarantined(run: BadRun) -> dict[str, tuple[str, str]]:
    return {f: (code, reason) for f, code, reason in rows(
        run.data_dir, "SELECT source_file, error_code, reason FROM marts.mart_quarantined_documents")}


def test_the_run_goes_on_and_publishes_despite_the_bad_files(bad_run):
    assert bad_run.refresh_code == 0, bad_run.refresh_out[-4000:]


@pytest.mark.parametrize("bad", BAD_FILES, ids=lambda b: b.name)
def test_bad_file_is_quarantined_with_its_code_and_a_reason_naming_it(bad_run, bad: BadFile):
    quarantined = _quarantined(bad_run)
    assert bad.name in quarantined, f"{bad.name} not quarantined; quarantined: {sorted(quarantined)}"
    code, reason = quarantined[bad.name]
    assert code == bad.error_code, reason
    assert bad.name in reason
    for words in bad.reason_words:
        assert words in reason, reason


def _status_lines(run: BadRun, name: str) -> list[str]:
    section = run.status_out.partition("Quarantined documents:")[2]
    return [line for line in section.splitlines() if name in line]


@pytest.mark.parametrize("bad", BAD_FILES, ids=lambda b: b.name)
def test_bad_file_shows_in_plantrack_status_with_its_code_and_reason(bad_run, bad: BadFile):
    _, reason = _quarantined(bad_run)[bad.name]
    lines = _status_lines(bad_run, bad.name)
    assert any(bad.error_code in line and reason[:40] in line for line in lines), (reason, lines)


def test_plantrack_status_shows_every_quarantine_reason_in_full(bad_run):
    reasons = _quarantined(bad_run)
    missing = [name for name, (_, reason) in reasons.items() if reason not in bad_run.status_out]
    assert missing == []


@pytest.mark.parametrize("bad", BAD_FILES, ids=lambda b: b.name)
def test_bad_file_is_named_in_the_refresh_summary(bad_run, bad: BadFile):
    assert f"quarantined {bad.name}:" in bad_run.refresh_out


def test_only_the_bad_files_are_quarantined(bad_run):
    assert set(_quarantined(bad_run)) == {b.name for b in BAD_FILES}


def test_no_bad_file_becomes_a_document(bad_run):
    files = {r[0] for r in rows(bad_run.data_dir, "SELECT source_file FROM marts.dim_document")}
    assert not files & {b.name for b in BAD_FILES}


def test_every_sample_document_is_fully_extracted_beside_the_bad_files(bad_run, sample_data_dir):
    clean = counts_per_document(sample_data_dir)
    here = counts_per_document(bad_run.data_dir)
    assert clean and {doc: here.get(doc) for doc in clean} == clean


def _doc_id(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["ningbo_page.html", "wuxi_page.html"])
def test_suspicious_looking_pages_are_read_exactly_like_their_plain_text(bad_run, name):
    # A GBK page labelled utf-8 and a page with scripts are good documents: read right, not refused.
    doc_id = _doc_id(bad_run.sources / name)
    expected = extract_statements(read_bytes(bad_run.good_pages[name].encode("utf-8"), name, ".txt"))
    assert expected.targets  # the page is worth reading
    targets = rows(bad_run.data_dir, "SELECT quote FROM marts.fct_plan_targets WHERE document_id = ?", [doc_id])
    assert sorted(r[0] for r in targets) == sorted(t.quote for t in expected.targets)
    # the actuals mart keeps one value per indicator and period: what it serves comes from the page
    actuals = rows(bad_run.data_dir, "SELECT quote FROM marts.fct_indicator_actuals WHERE document_id = ?", [doc_id])
    assert {r[0] for r in actuals} <= {a.quote for a in expected.actuals}
    assert bool(actuals) == bool(expected.actuals)


def test_scripts_in_a_page_are_not_content(bad_run):
    doc_id = _doc_id(bad_run.sources / "wuxi_page.html")
    script_value = "9999"
    assert script_value not in bad_run.good_pages["wuxi_page.html"]
    hits = rows(bad_run.data_dir, "SELECT value_raw, quote FROM marts.fct_plan_targets WHERE document_id = ? "
                                  "AND (value_raw = ? OR quote LIKE '%' || ? || '%')", [doc_id, script_value, script_value])
    assert hits == []


def test_a_refusal_keeps_its_code_across_the_worker_pool(tmp_path):
    # The reader runs in worker processes; its DocumentError must come back intact, not as a pool error.
    from plantrack.ingest import read_documents, scan_sources

    (tmp_path / "empty.txt").write_bytes(b"")
    _, bad = read_documents(list(scan_sources(tmp_path).values()), max_bytes=1 << 20, timeout_s=30, workers=1)
    assert [(q.source_file, q.error_code) for q in bad] == [("empty.txt", "empty")]
