"""A blocking failure fails the refresh with a clear message and leaves the serving file untouched."""

from __future__ import annotations

import duckdb
import pytest

from plantrack.config import load_settings
from tests.quality.builders import sample_docs

pytestmark = pytest.mark.integration


def test_a_blocking_failure_fails_the_refresh_and_keeps_the_serving_file(tmp_path):
    from plantrack.pipeline import refresh

    sources = tmp_path / "sources"
    sources.mkdir()
    for doc in sample_docs():
        (sources / doc.source_file).write_text(doc.text, encoding="utf-8")
    settings = load_settings(sources, tmp_path / "data")
    first = refresh(settings)
    assert first.success, first.message
    served = settings.serving_path.read_bytes()

    # Corrupt a stored statement: the unchanged document is not re-extracted, so the raw suite sees it.
    con = duckdb.connect(str(settings.warehouse_path))
    con.execute("UPDATE raw.targets SET quote = '这句话不在文件里' WHERE target_id = (SELECT min(target_id) "
                "FROM raw.targets)")
    con.close()
    second = refresh(settings)

    assert not second.success
    assert settings.serving_path.read_bytes() == served
    # The person reading the failure learns which check failed and on what, not just "a step failed".
    assert "quote" in second.message and "这句话不在文件里" in second.message
