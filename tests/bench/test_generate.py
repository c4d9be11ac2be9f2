"""The synthetic corpus: deterministic, readable in every format, varied, and its gold is in the text."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import opencc
import pytest

from plantrack.bench import generate
from plantrack.documents import read_document
from plantrack.evaluate import evaluate

LABELLED = Path(__file__).resolve().parents[3] / "shared" / "labelled"


def _digest(sources: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(sources.iterdir())}


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate.generate_corpus(out, 24, seed=11)
    return out


def test_same_seed_writes_the_same_bytes(tmp_path, corpus):
    generate.generate_corpus(tmp_path, 24, seed=11)
    assert _digest(tmp_path / "sources") == _digest(corpus / "sources")


def test_another_seed_writes_other_documents(tmp_path, corpus):
    generate.generate_corpus(tmp_path, 24, seed=12)
    assert _digest(tmp_path / "sources") != _digest(corpus / "sources")


def test_returns_the_targets_csv_with_actuals_beside_it(tmp_path):
    path = generate.generate_corpus(tmp_path, 3, seed=1)
    assert path == tmp_path / generate.TARGETS_CSV
    assert (tmp_path / generate.ACTUALS_CSV).exists()
    assert len(list((tmp_path / "sources").iterdir())) == 3


def test_expected_csvs_have_the_labelled_columns(corpus):
    with (corpus / generate.TARGETS_CSV).open(encoding="utf-8") as fh:
        assert fh.readline().strip().split(",") == generate.TARGET_COLUMNS
    with (corpus / generate.ACTUALS_CSV).open(encoding="utf-8") as fh:
        assert fh.readline().strip().split(",") == generate.ACTUAL_COLUMNS
    if LABELLED.exists():
        for name, cols in (("targets_sample.csv", generate.TARGET_COLUMNS),
                           ("actuals_sample.csv", generate.ACTUAL_COLUMNS)):
            with (LABELLED / name).open(encoding="utf-8") as fh:
                assert fh.readline().strip().split(",") == cols


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_every_format_reads_back_with_its_region_and_values(tmp_path, fmt):
    targets, actuals = generate.generate_documents(tmp_path, 2, seed=5, formats={fmt: 1.0})
    by_file: dict[str, list[dict]] = {}
    for row in [*targets, *actuals]:
        by_file.setdefault(row["source_file"], []).append(row)
    assert len(list(tmp_path.iterdir())) == 2
    for path in tmp_path.iterdir():
        doc = read_document(path, path.name)
        assert doc.format == fmt
        rows = by_file.get(path.name, [])
        assert rows, "every document carries expected extractions"
        assert doc.meta.region_name == rows[0]["region"]
        for row in rows:
            value = (row.get("target_value") or row.get("value") or "").lstrip("-")
            written = {value, generate.cn_count(int(value))} if value.isdigit() else {value}
            assert any(w in doc.text.replace(" ", "") for w in written), (path.name, row)


def test_documents_vary_in_kind_phrasing_and_format(corpus):
    names = [p.name for p in (corpus / "sources").iterdir()]
    assert {n.rsplit(".", 1)[1] for n in names} == {"txt", "docx", "pdf"}
    kinds = {re.sub(r"_s\d+_\d+\.\w+$", "", n.split("_", 2)[2]) for n in names}
    assert {"plan", "bulletin", "economic_report"} <= kinds
    to_simplified = opencc.OpenCC("t2s").convert  # a share of documents is written in traditional characters
    text = to_simplified("".join(read_document(p, p.name).text for p in (corpus / "sources").iterdir()))
    for marker in ("左右", "分别提高至", "【", "预期性", "约束性", "同比", "累计", "年均增长", "以上"):
        assert marker in text, marker
    comparators = {r["comparator"] for r in _rows(corpus / generate.TARGETS_CSV)}
    assert {"=", ">=", "~", "range"} <= comparators
    kinds_of_actuals = {r["kind"] for r in _rows(corpus / generate.ACTUALS_CSV)}
    assert {"level", "yoy_growth", "share", "new_in_period", "cumulative"} <= kinds_of_actuals


def test_gold_rows_name_the_document_they_came_from(corpus):
    files = {p.name for p in (corpus / "sources").iterdir()}
    for name in (generate.TARGETS_CSV, generate.ACTUALS_CSV):
        assert {r["source_file"] for r in _rows(corpus / name)} <= files


def test_add_document_appends_one_file_and_its_gold(tmp_path):
    generate.generate_corpus(tmp_path, 4, seed=2)
    before = len(_rows(tmp_path / generate.TARGETS_CSV)) + len(_rows(tmp_path / generate.ACTUALS_CSV))
    name = generate.add_document(tmp_path, seed=2, index=4)
    assert (tmp_path / "sources" / name).exists()
    assert len(list((tmp_path / "sources").iterdir())) == 5
    after = len(_rows(tmp_path / generate.TARGETS_CSV)) + len(_rows(tmp_path / generate.ACTUALS_CSV))
    assert after > before


# Just below what the extractor measures on this corpus (24 documents, seed 11). Since releases are phrased
# as real ones (scope, period and verb words, (不含…) notes, the catalog's synonyms, traditional reposts,
# another place's value cited in a release), at 8d07edf: targets P 0.995 / R 0.949 / strict R 0.874, actuals
# P 0.955 / R 0.898 / strict R 0.848 (before: targets 1.000 / 0.916 / 0.847, actuals 0.918 / 0.899 / 0.897
# on the older phrasing). Misses: a bulletin's first paragraph opening 初步核算， read with the issue
# date's year; rates with odd units (1/10万, 指数) and their yoy changes; counts written 新增…累计达到….
# Strict recall falls because another place's value (同期，XX区…) is rightly gold for that place.
FLOORS = {
    generate.TARGETS_CSV: {"precision": 0.97, "recall": 0.92, "strict_recall": 0.84},
    generate.ACTUALS_CSV: {"precision": 0.93, "recall": 0.87, "strict_recall": 0.82},
}


@pytest.mark.parametrize("name", [generate.TARGETS_CSV, generate.ACTUALS_CSV])
def test_the_extractor_scores_above_its_floors_on_the_corpus(corpus, name):
    report = evaluate(corpus / name, corpus / "sources")
    r = report.overall
    measured = {"precision": r.precision, "recall": r.recall, "strict_recall": r.strict_recall}
    for figure, floor in FLOORS[name].items():
        assert measured[figure] >= floor, (figure, measured, report.render()[:2000])


def test_the_module_runs_as_plantrack_bench_generate(tmp_path, capsys):
    generate.main(["--out", str(tmp_path), "--documents", "2", "--seed", "3"])
    assert len(list((tmp_path / "sources").iterdir())) == 2
    assert (tmp_path / generate.JUDGEMENTS_CSV).exists()
    assert "wrote 2 documents" in capsys.readouterr().out
