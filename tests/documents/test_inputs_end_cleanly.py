"""Every input ends cleanly: any file-name bytes, any sidecar value (validated, the file named),
non-regular files skipped with a reason and never opened, a changed sidecar re-reads its document."""

from __future__ import annotations

import json
import os
import threading
from datetime import date

import duckdb
import pytest

from plantrack.documents import load_sidecar
from plantrack.ingest import (
    Quarantined,
    fingerprint,
    load_raw,
    plan_ingest,
    read_documents,
    scan_sources,
)
from plantrack.model import DocumentError, Statements
from plantrack.runs import build_fingerprint
from plantrack.warehouse import RAW_DDL, known_sidecars

PLAN = "重庆市綦江区工业发展规划（2021－2025年）\n到2025年，全区规模以上工业总产值达到855亿元。\n"


def _sidecar(tmp_path, values) -> DocumentError:
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "plan.txt.meta.json").write_text(json.dumps(values), encoding="utf-8")
    with pytest.raises(DocumentError) as err:
        load_sidecar(tmp_path / "plan.txt")
    return err.value


@pytest.mark.parametrize("values, words", [
    ({"plan_start_year": 99999999999999999999}, "plan_start_year must be a year between 1949 and 2100"),
    ({"plan_start_year": 0, "plan_end_year": 0}, "plan_end_year must be a year"),
    ({"plan_end_year": -2025}, "plan_end_year must be a year"),
    ({"plan_start_year": "2021.5"}, "plan_start_year must be a year"),
    ({"plan_start_year": True}, "plan_start_year must be a year"),
    ({"period_year": 20250}, "period_year must be a year"),
    ({"plan_start_year": 2027, "plan_end_year": 2021}, "plan_start_year 2027 is after plan_end_year 2021"),
    ({"title": 12}, "title must be text"),
    ({"region_name": ["江津区"]}, "region_name must be text"),
    ({"region_code": "5001160000000000000000"}, "region_code must be a 6-digit"),
    ({"issued_on": "0001-01-01"}, "issued_on must be a date between"),
    ({"doc_type": "novel"}, "doc_type must be one of"),
])
def test_a_sidecar_value_out_of_range_or_of_the_wrong_type_is_refused_naming_the_file(tmp_path, values, words):
    err = _sidecar(tmp_path, values)
    assert err.code == "bad_sidecar"
    assert "plan.txt.meta.json" in err.reason and words in err.reason, err.reason


def test_a_good_sidecar_still_loads(tmp_path):
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "plan.txt.meta.json").write_text(json.dumps(
        {"plan_start_year": "2021", "plan_end_year": 2025, "region_code": "500110"}), encoding="utf-8")
    assert load_sidecar(tmp_path / "plan.txt") == {"plan_start_year": "2021", "plan_end_year": 2025,
                                                   "region_code": "500110"}


def _finishes(fn, seconds=10):
    out = {}
    t = threading.Thread(target=lambda: out.setdefault("v", _call(fn)), daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), "blocked"
    return out["v"]


def _call(fn):
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001
        return exc


def test_a_fifo_sidecar_is_refused_without_being_opened(tmp_path):
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    os.mkfifo(tmp_path / "plan.txt.meta.json")
    err = _finishes(lambda: load_sidecar(tmp_path / "plan.txt"))
    assert isinstance(err, DocumentError) and "FIFO" in err.reason and "plan.txt.meta.json" in err.reason
    # the scan and the fingerprint (what the no-op check compares) do not open it either
    prints = _finishes(lambda: fingerprint(tmp_path))
    assert prints["plan.txt.meta.json"].startswith("special:")


def test_a_fifo_where_a_document_would_be_is_quarantined_with_its_kind(tmp_path):
    os.mkfifo(tmp_path / "plan.txt")
    scanned = _finishes(lambda: scan_sources(tmp_path))
    _, bad = read_documents(list(scanned.values()), max_bytes=1 << 20, timeout_s=30, workers=1)
    assert [(q.source_file, q.error_code) for q in bad] == [("plan.txt", "not_a_regular_file")]
    assert "FIFO" in bad[0].reason


def test_a_file_name_that_is_not_utf8_is_read_under_an_exact_escaped_name(tmp_path):
    raw = "规划.txt".encode("gbk")
    with open(os.path.join(os.fsencode(tmp_path), raw), "w", encoding="utf-8") as fh:
        fh.write(PLAN)
    scanned = scan_sources(tmp_path)
    [name] = scanned
    assert name == r"\xb9\xe6\xbb\xae.txt"
    name.encode("utf-8")  # storable as text
    build_fingerprint(fingerprint(tmp_path, scanned), date(2025, 1, 1))  # crashed with UnicodeEncodeError: surrogates
    docs, bad = read_documents(list(scanned.values()), max_bytes=1 << 20, timeout_s=30, workers=1)
    assert not bad and docs[0].source_file == name


def test_a_sidecar_added_beside_a_document_already_read_reads_it_again(tmp_path):
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    before = scan_sources(tmp_path)
    doc_id = before["plan.txt"].sha256
    read_with = {doc_id: before["plan.txt"].sidecar_sha256}
    assert plan_ingest(before, {doc_id}, {"plan.txt": doc_id}, read_with).to_read == []
    (tmp_path / "plan.txt.meta.json").write_text(json.dumps({"region_name": "江津区"}), encoding="utf-8")
    after = scan_sources(tmp_path)
    plan = plan_ingest(after, {doc_id}, {"plan.txt": doc_id}, read_with)
    assert [f.source_file for f in plan.to_read] == ["plan.txt"] and plan.events["plan.txt"] == "changed"
    # ... and once read with it, not again; a changed sidecar reads it once more
    read_with = {doc_id: after["plan.txt"].sidecar_sha256}
    assert plan_ingest(after, {doc_id}, {"plan.txt": doc_id}, read_with).to_read == []
    (tmp_path / "plan.txt.meta.json").write_text(json.dumps({"region_name": "綦江区"}), encoding="utf-8")
    assert plan_ingest(scan_sources(tmp_path), {doc_id}, {"plan.txt": doc_id}, read_with).to_read


def test_a_document_the_warehouse_cannot_store_is_quarantined_naming_it_and_the_rest_loads(tmp_path):
    (tmp_path / "a.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PLAN.replace("855", "856"), encoding="utf-8")
    scanned = scan_sources(tmp_path)
    docs, _ = read_documents(list(scanned.values()), max_bytes=1 << 20, timeout_s=30, workers=1)
    bad_doc = next(d for d in docs if d.source_file == "b.txt")
    object.__setattr__(bad_doc.meta, "plan_start_year", 10**20)  # what an unvalidated sidecar once gave
    plan = plan_ingest(scanned, set(), {})
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute(RAW_DDL)
    counts = load_raw(con, "run-1", plan, docs, {d.document_id: Statements([], []) for d in docs},
                      [Quarantined("c.txt", None, "empty", "c.txt is empty")])
    assert counts["documents"] == 1
    quarantined = dict(con.execute("SELECT source_file, reason FROM raw.quarantine").fetchall())
    assert "b.txt" in quarantined["b.txt"] and "c.txt" in quarantined
    assert [r[0] for r in con.execute("SELECT source_file FROM raw.current_sources").fetchall()] == ["a.txt"]
    assert known_sidecars(con) == {scanned["a.txt"].sha256: None}


def test_a_held_back_document_leaves_tonights_sources_and_is_read_again_by_the_next_run(tmp_path):
    from plantrack.ingest import hold_back
    from plantrack.runs import last_published_fingerprint

    (tmp_path / "a.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PLAN.replace("855", "856"), encoding="utf-8")
    scanned = scan_sources(tmp_path)
    docs, _ = read_documents(list(scanned.values()), max_bytes=1 << 20, timeout_s=30, workers=1)
    plan = plan_ingest(scanned, set(), {})
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute(RAW_DDL)
    con.execute("INSERT INTO ops.runs (run_id, job_name, started_at, status, fingerprint) "
                "VALUES ('run-1', 'nightly_refresh', now(), 'success', 'f')")
    load_raw(con, "run-1", plan, docs, {d.document_id: Statements([], []) for d in docs}, [])
    b = scanned["b.txt"].sha256
    held = hold_back(con, "run-1", {b: "the quality check x failed."})
    assert [f for f, _ in held] == ["b.txt"] and "the quality check x failed." in held[0][1]
    assert [r[0] for r in con.execute("SELECT source_file FROM raw.current_sources").fetchall()] == ["a.txt"]
    assert con.execute("SELECT error_code FROM raw.quarantine WHERE source_file = 'b.txt'").fetchall() == \
        [("failed_check",)]
    # not known any more: the next run reads it again, and is never a "nothing changed" no-op
    assert b in {f.sha256 for f in plan_ingest(scanned, {r[0] for r in con.execute(
        "SELECT document_id FROM raw.documents").fetchall()}, {"a.txt": scanned["a.txt"].sha256}).to_read}
    assert last_published_fingerprint(con) is None
