"""Every kind of evidence a document gives about itself, through the whole read path: a file on disk in
the text's own shape -> `plantrack refresh` -> the warehouse row (dim_document, with the evidence in
metadata_sources and its confidence in metadata_confidence; the values' years in fct_indicator_actuals).

One refresh of a small folder serves every test here (session-scoped)."""

from __future__ import annotations

import json

import duckdb
import pytest

from tests.conftest import run_plantrack

# Each file is shaped like the page or text it stands for; the words and numbers are made up.
FILES = {
    # a saved news page: its bar under the title on one line, fields separated by spaces only
    "bar_one_line.txt": (
        "我县多措并举推动工业经济稳中向好\n\n"
        "浏览次数: 信息来源:县经信局 发布时间:2024-08-27 09:15\n\n"
        "1-7月,全县规上工业增加值同比增长7.6%,高于全市平均水平0.9个百分点;规上工业企业营业收入同比增长6.2%。\n"),
}


@pytest.fixture(scope="session")
def evidence(tmp_path_factory):
    sources = tmp_path_factory.mktemp("evidence-sources")
    for name, body in FILES.items():
        path = sources / name
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8")
    data_dir = tmp_path_factory.mktemp("evidence-data")
    result = run_plantrack("refresh", data_dir=data_dir, sources=sources)
    assert result.returncode == 0, result.stdout + result.stderr
    con = duckdb.connect(str(data_dir / "serving" / "plantrack.duckdb"), read_only=True)
    yield con
    con.close()


def _doc(con, name: str) -> dict:
    cur = con.execute("SELECT * FROM marts.dim_document WHERE source_file = ?", [name])
    cols = [c[0] for c in cur.description]
    row = cur.fetchone()
    assert row is not None, f"{name} is not in dim_document"
    out = dict(zip(cols, row, strict=True))
    for key in ("metadata_sources", "metadata_confidence"):
        out[key] = json.loads(out[key]) if isinstance(out[key], str) else (out[key] or {})
    return out


def _actual_years(con, name: str, value: float) -> list:
    return [r[0] for r in con.execute(
        "SELECT a.period_year FROM marts.fct_indicator_actuals a JOIN marts.dim_document d USING (document_id) "
        "WHERE d.source_file = ? AND abs(a.value - ?) < 1e-9", [name, value]).fetchall()]


def test_the_bar_under_a_title_dates_the_page_when_its_fields_are_separated_by_spaces_only(evidence):
    doc = _doc(evidence, "bar_one_line.txt")
    assert str(doc["issued_on"]) == "2024-08-27"
    assert doc["metadata_sources"]["issued_on"] == "metadata_block"
    assert doc["metadata_confidence"]["issued_on"] >= 0.9


def test_a_part_year_value_of_a_dated_page_takes_the_issue_dates_year(evidence):
    assert _actual_years(evidence, "bar_one_line.txt", 7.6) == [2024]
