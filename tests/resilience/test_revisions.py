"""Nothing is lost: re-issued releases, removed files, content-addressed copies; a refresh on
unchanged input changes nothing; a broken new version does not replace a good one.
Five real refreshes share one data directory."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_SOURCES, run_plantrack
from tests.resilience.documents import Release
from tests.resilience.serving import counts_per_document, rows, snapshot

REISSUED = Release("重庆市", "永川区", 2024)
CORRECTED_INDICATOR = "地区生产总值"
CORRECTED = REISSUED.corrected(CORRECTED_INDICATOR, "1243.5亿元")
REISSUED_NAME, WITHDRAWN_NAME = "yongchuan_bulletin.txt", "hechuan_bulletin.txt"
WITHDRAWN = Release("重庆市", "合川区", 2023, values={"规模以上工业总产值": "1650.8亿元", "固定资产投资比上年增长": "4.2%"})


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class History:
    data_dir: Path
    sources: Path
    outputs: list[tuple[int, str]]
    first_issue_id: str
    reissue_id: str
    withdrawn_id: str
    withdrawn_history_before: list[tuple]
    after_first: dict[str, tuple[int, int]]
    after_second: dict[str, list[tuple]]
    after_noop: dict[str, list[tuple]]
    after_forced: dict[str, list[tuple]]
    after_broken: dict[str, list[tuple]]


def _refresh(data_dir: Path, sources: Path, outputs: list, *options: str) -> None:
    result = run_plantrack("refresh", *options, data_dir=data_dir, sources=sources)
    outputs.append((result.returncode, result.stdout + result.stderr))


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> History:
    root = tmp_path_factory.mktemp("revisions")
    sources, data_dir = root / "sources", root / "data"
    shutil.copytree(SAMPLE_SOURCES, sources)
    reissued, withdrawn = sources / REISSUED_NAME, sources / WITHDRAWN_NAME
    reissued.write_text(REISSUED.text(), encoding="utf-8")
    withdrawn.write_text(WITHDRAWN.text(), encoding="utf-8")
    outputs: list = []

    _refresh(data_dir, sources, outputs)
    assert outputs[0][0] == 0, outputs[0][1][-3000:]  # nothing below means anything without it
    withdrawn_id = _sha(withdrawn.read_bytes())
    before = rows(data_dir, "SELECT * FROM marts.fct_indicator_actuals_history WHERE document_id = ? ORDER BY ALL",
                  [withdrawn_id])
    after_first = counts_per_document(data_dir)

    first_issue_id = _sha(reissued.read_bytes())
    reissued.write_text(CORRECTED.text(), encoding="utf-8")  # same name, one number corrected
    withdrawn.unlink()
    _refresh(data_dir, sources, outputs)
    after_second = snapshot(data_dir)
    _refresh(data_dir, sources, outputs)  # nothing changed on disk: the job may skip itself
    after_noop = snapshot(data_dir)
    _refresh(data_dir, sources, outputs, "--force")  # the whole job again on the same input
    after_forced = snapshot(data_dir)
    reissue_id = _sha(reissued.read_bytes())
    reissued.write_bytes(b"")  # a botched upload replaces the good release
    _refresh(data_dir, sources, outputs)
    return History(data_dir, sources, outputs, first_issue_id, reissue_id, withdrawn_id, before, after_first,
                   after_second, after_noop, after_forced, snapshot(data_dir))


def test_every_refresh_succeeds(history):
    for code, out in history.outputs:
        assert code == 0, out[-4000:]


def _history_of(history: History, indicator: str) -> list[tuple]:
    return rows(history.data_dir, """
        SELECT document_id, value_raw, vintage, is_latest FROM marts.fct_indicator_actuals_history
        WHERE document_id IN (?, ?) AND indicator_text LIKE '%' || ? || '%' AND measure = 'level'
        ORDER BY vintage""", [history.first_issue_id, history.reissue_id, indicator])


def test_a_reissued_release_keeps_both_vintages_in_history(history):
    vintages = _history_of(history, CORRECTED_INDICATOR)
    assert [(doc, value) for doc, value, _, _ in vintages] == [
        (history.first_issue_id, REISSUED.values[CORRECTED_INDICATOR].removesuffix("亿元")),
        (history.reissue_id, CORRECTED.values[CORRECTED_INDICATOR].removesuffix("亿元"))]
    assert [v for _, _, v, _ in vintages] == [1, 2]
    assert [latest for *_, latest in vintages] == [False, True]


def test_the_marts_serve_the_corrected_number_only(history):
    served = rows(history.data_dir, """
        SELECT document_id, value_raw FROM marts.fct_indicator_actuals
        WHERE document_id IN (?, ?) AND indicator_text LIKE '%' || ? || '%' AND measure = 'level'""",
                  [history.first_issue_id, history.reissue_id, CORRECTED_INDICATOR])
    assert served == [(history.reissue_id, CORRECTED.values[CORRECTED_INDICATOR].removesuffix("亿元"))]


def test_the_uncorrected_values_of_a_reissue_are_served_once(history):
    per_doc = counts_per_document(history.data_dir)
    assert history.first_issue_id not in per_doc
    assert per_doc[history.reissue_id] == history.after_first[history.first_issue_id]


def test_the_replaced_version_stays_in_dim_document_but_not_current(history):
    current = dict(rows(history.data_dir, "SELECT document_id, is_current FROM marts.dim_document "
                                          "WHERE document_id IN (?, ?)", [history.first_issue_id, history.reissue_id]))
    assert current == {history.first_issue_id: False, history.reissue_id: True}


def test_removing_a_file_withdraws_its_statements_from_the_marts(history):
    doc = history.withdrawn_id
    assert history.after_first[doc][1] > 0
    assert rows(history.data_dir, "SELECT is_current FROM marts.dim_document WHERE document_id = ?", [doc]) == [(False,)]
    for table in ("fct_indicator_actuals", "fct_plan_targets", "mart_target_progress"):
        assert rows(history.data_dir, f"SELECT count(*) FROM marts.{table} WHERE document_id = ?", [doc]) == [(0,)]


def test_a_removed_file_keeps_its_values_in_history(history):
    after = rows(history.data_dir, "SELECT * FROM marts.fct_indicator_actuals_history WHERE document_id = ? "
                                   "ORDER BY ALL", [history.withdrawn_id])
    assert len(after) == len(history.withdrawn_history_before) > 0
    assert {r[0] for r in after} == {r[0] for r in history.withdrawn_history_before}  # same actual_ids


def test_every_version_ever_read_is_kept_content_addressed(history):
    store = history.data_dir / "documents"
    kept = {_sha(p.read_bytes()): p for p in store.rglob("*") if p.is_file()}
    documents = {r[0] for r in rows(history.data_dir, "SELECT document_id FROM marts.dim_document")}
    assert {history.first_issue_id, history.reissue_id, history.withdrawn_id} <= documents
    assert documents <= set(kept)
    for doc_id in documents:
        assert doc_id in kept[doc_id].name


def _changed_rows(before: dict, after: dict) -> dict[str, dict[str, list[tuple]]]:
    """table -> the rows only before and only after (a few of each), for tables that differ."""
    assert after.keys() == before.keys()
    return {t: {"gone": sorted(set(before[t]) - set(after[t]), key=str)[:3],
                "new": sorted(set(after[t]) - set(before[t]), key=str)[:3]}
            for t in before if after[t] != before[t]}


def test_a_refresh_on_unchanged_input_reads_nothing(history):
    assert "documents read: 0" in history.outputs[2][1]


def test_a_refresh_on_unchanged_input_changes_no_mart_row(history):
    assert _changed_rows(history.after_second, history.after_noop) == {}


def test_a_forced_rebuild_on_unchanged_input_changes_no_mart_row(history):
    assert "documents read: 0" in history.outputs[3][1]
    assert _changed_rows(history.after_second, history.after_forced) == {}


def test_a_broken_new_version_leaves_the_last_good_one_serving(history):
    assert history.outputs[4][0] == 0, history.outputs[4][1][-3000:]
    kept = {t: r for t, r in history.after_broken.items() if t != "mart_quarantined_documents"}
    assert kept == {t: r for t, r in history.after_forced.items() if t != "mart_quarantined_documents"}


def test_a_broken_new_version_is_quarantined(history):
    quarantined = rows(history.data_dir, "SELECT source_file, error_code FROM marts.mart_quarantined_documents")
    assert quarantined == [(REISSUED_NAME, "empty")]
