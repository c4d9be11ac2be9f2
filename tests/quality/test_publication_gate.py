"""A blocking failure whose rows come from one document holds that document back and publishes the
rest; a blocking failure that is no document's fault (most documents failing it) fails the refresh
with a clear message and leaves the serving file untouched."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from plantrack.config import load_settings
from tests.quality.builders import Doc, sample_docs

pytestmark = pytest.mark.integration


@dataclass(frozen=True)
class Gate:
    held_back: object  # RefreshResult of the night with one corrupt document
    blocked: object  # RefreshResult of the night with every document corrupt
    served_after_hold_back: dict
    served_after_block: dict
    serving: Path


def _corrupt_quotes(warehouse: Path, where: str) -> None:
    """Corrupt stored statements as a broken extractor reading the documents again would: new rows, a
    new ingested_at (rows that passed once are not checked again; unchanged files are not re-read)."""
    con = duckdb.connect(str(warehouse))
    con.execute(f"UPDATE raw.targets SET quote = '这句话不在文件里' WHERE {where}")
    con.execute(f"UPDATE raw.actuals SET quote = '这句话不在文件里' WHERE {where}")
    con.execute(f"UPDATE raw.documents SET ingested_at = ingested_at + INTERVAL 1 SECOND WHERE {where}")
    con.close()


@pytest.fixture(scope="module")
def gate(tmp_path_factory) -> Gate:
    from orchestration.in_process import refresh

    root = tmp_path_factory.mktemp("gate")
    sources = root / "sources"
    sources.mkdir()
    for doc in sample_docs():
        (sources / doc.source_file).write_text(doc.text, encoding="utf-8")
    settings = load_settings(sources, root / "data")
    first = refresh(settings)
    assert first.success, first.message
    # one document's statement corrupt, and a new file so the refresh has work to do
    _corrupt_quotes(settings.warehouse_path, "document_id = (SELECT document_id FROM raw.current_sources "
                                             "WHERE source_file = 'b_county_plan.txt')")
    extra = Doc("z_new_plan.txt", "己区", "500106", targets=[("工业投资", "75", "亿元", 2027)])
    (sources / extra.source_file).write_text(extra.text, encoding="utf-8")
    held_back = refresh(settings)
    served_after_hold_back = _marts_content(settings.serving_path)
    # every document's statements corrupt: the fault is not in one document
    _corrupt_quotes(settings.warehouse_path, "true")
    more = Doc("z_newer_plan.txt", "庚区", "500107", targets=[("工业投资", "80", "亿元", 2027)])
    (sources / more.source_file).write_text(more.text, encoding="utf-8")
    blocked = refresh(settings)
    return Gate(held_back, blocked, served_after_hold_back, _marts_content(settings.serving_path),
                settings.serving_path)


def test_a_document_failing_a_blocking_check_is_held_back_and_the_rest_published(gate):
    assert gate.held_back.success, gate.held_back.message
    files = {r[0] for r in _rows(gate.serving, "SELECT source_file FROM marts.dim_document")}
    assert "z_new_plan.txt" in files and "b_county_plan.txt" not in files
    [(code, reason)] = _rows(gate.serving, "SELECT error_code, reason FROM marts.mart_quarantined_documents "
                                           "WHERE source_file = 'b_county_plan.txt'")
    assert code == "failed_check" and "quote_at_offsets" in reason and "read again by the next run" in reason


def test_a_blocking_failure_that_is_no_documents_fault_fails_the_refresh_and_keeps_the_serving_file(gate):
    assert not gate.blocked.success
    # The marts are the last good ones; only the run log (marts.runs) records the failed run beside them.
    assert gate.served_after_block == gate.served_after_hold_back
    # The person reading the failure learns which check failed and on what, not just "a step failed".
    assert "quote" in gate.blocked.message and "这句话不在文件里" in gate.blocked.message


def _rows(serving: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(serving), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _marts_content(serving) -> dict:
    """Every served mart's rows, except the run log that a failed run appends to."""
    con = duckdb.connect(str(serving), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts' AND table_name <> 'runs'").fetchall()]
        return {t: sorted(map(repr, con.execute(f'SELECT * FROM marts."{t}"').fetchall())) for t in tables}
    finally:
        con.close()
