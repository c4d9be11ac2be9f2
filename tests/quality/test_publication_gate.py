"""A blocking failure fails the refresh with a clear message and leaves the serving file untouched."""

from __future__ import annotations

import duckdb
import pytest

from plantrack.config import load_settings
from tests.quality.builders import Doc, sample_docs

pytestmark = pytest.mark.integration


def test_a_blocking_failure_fails_the_refresh_and_keeps_the_serving_file(tmp_path):
    from orchestration.in_process import refresh

    sources = tmp_path / "sources"
    sources.mkdir()
    for doc in sample_docs():
        (sources / doc.source_file).write_text(doc.text, encoding="utf-8")
    settings = load_settings(sources, tmp_path / "data")
    first = refresh(settings)
    assert first.success, first.message
    served = _marts_content(settings.serving_path)

    # Corrupt a stored statement: the unchanged document is not re-extracted, so the raw suite sees it.
    con = duckdb.connect(str(settings.warehouse_path))
    con.execute("UPDATE raw.targets SET quote = '这句话不在文件里' WHERE target_id = (SELECT min(target_id) "
                "FROM raw.targets)")
    con.close()
    # A new file makes the refresh do work (an unchanged source set is a no-op).
    extra = Doc("z_new_plan.txt", "己区", "500106", targets=[("工业投资", "75", "亿元", 2027)])
    (sources / extra.source_file).write_text(extra.text, encoding="utf-8")
    second = refresh(settings)

    assert not second.success
    # The marts are the last good ones; only the run log (marts.runs) records the failed run beside them.
    assert _marts_content(settings.serving_path) == served
    # The person reading the failure learns which check failed and on what, not just "a step failed".
    assert "quote" in second.message and "这句话不在文件里" in second.message


def _marts_content(serving) -> dict:
    """Every served mart's rows, except the run log that a failed run appends to."""
    con = duckdb.connect(str(serving), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts' AND table_name <> 'runs'").fetchall()]
        return {t: sorted(map(repr, con.execute(f'SELECT * FROM marts."{t}"').fetchall())) for t in tables}
    finally:
        con.close()
