"""The generated corpus words indicators the way real releases do, with the catalog's own synonyms."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import opencc
import pytest

from plantrack.bench import catalog, generate
from plantrack.documents import read_document

SCOPE = re.compile(r"(全|我)(区|县|市)")
PERIOD = re.compile(r"上半年|前三季度|一季度|全年|1[-—]\d{1,2}月|\d{4}年")
VERB = re.compile(r"实现|完成|达到")


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("phrasing")
    generate.generate_corpus(out, 60, seed=23, formats={"txt": 1.0})
    return out


def _kind(name: str) -> str:
    return re.sub(r"_s\d+_\d+\.\w+$", "", name.split("_", 2)[2])


def _texts(corpus: Path, kinds: tuple[str, ...]) -> dict[str, str]:
    return {p.name: read_document(p, p.name).text for p in sorted((corpus / "sources").iterdir())
            if _kind(p.name) in kinds}


def test_a_pattern_of_alternatives_is_written_in_each_of_its_wordings():
    assert catalog.literal_variants("^(甲|乙)丙(丁)?$") == sorted(["甲丙", "甲丙丁", "乙丙", "乙丙丁"])


def test_a_pattern_with_a_wildcard_has_no_wordings_to_write():
    assert catalog.literal_variants("甲.*乙") == []


def test_every_wording_taken_from_the_catalog_reads_back_as_its_indicator():
    wordings = catalog.read_catalog_wordings()
    assert sum(map(len, wordings.values())) > 100
    for indicator_id, words in wordings.items():
        for word in words:
            assert catalog.catalog_id(word) == indicator_id, (word, indicator_id)


def test_the_synonyms_are_the_seeds_rewrites_read_backwards():
    rewrites = {(p.pattern, r) for p, r in catalog.synonym_rules()}
    assert rewrites, "indicator_words.csv holds synonym rows"
    for standard, other in catalog.synonym_pairs():
        assert catalog.rewrite(other) == catalog.rewrite(standard)


def test_releases_say_whose_value_for_which_period_and_how_it_was_reached(corpus):
    texts = _texts(corpus, ("bulletin", "economic_report", "work_review"))
    simplified = opencc.OpenCC("t2s").convert
    joined = simplified("".join(texts.values()))
    assert SCOPE.search(joined) and PERIOD.search(joined) and VERB.search(joined)
    assert "（不含" in joined or "(不含" in joined


def test_some_gold_indicators_use_another_wording_of_the_catalog(corpus):
    names = {ind.name for ind in generate.load_indicators()}
    written = {r["indicator_text"] for r in _rows(corpus / generate.ACTUALS_CSV)}
    others = {w for w in written if w not in names and catalog.catalog_id(w)}
    assert others, "no synonym or alias wording was generated"


def test_some_documents_are_in_traditional_characters_and_their_gold_is_simplified(corpus):
    to_simplified = opencc.OpenCC("t2s").convert
    texts = _texts(corpus, ("plan", "opinions", "bulletin", "economic_report", "work_review", "government_report",
                            "execution_report"))
    traditional = [name for name, text in texts.items() if to_simplified(text) != text]
    assert traditional
    gold = [r for r in _rows(corpus / generate.ACTUALS_CSV) + _rows(corpus / generate.TARGETS_CSV)
            if r["source_file"] in traditional]
    assert gold and all(to_simplified(r["indicator_text"]) == r["indicator_text"] for r in gold)


def test_the_corpus_holds_every_release_kind(corpus):
    kinds = {_kind(p.name) for p in (corpus / "sources").iterdir()}
    assert {"bulletin", "economic_report", "execution_report", "government_report"} <= kinds


def test_some_releases_cite_another_places_value_with_that_place_in_the_gold(corpus):
    region_of_file = {}
    for r in _rows(corpus / generate.TARGETS_CSV) + _rows(corpus / generate.ACTUALS_CSV):
        region_of_file.setdefault(r["source_file"], r["region"])
    other = [r for r in _rows(corpus / generate.ACTUALS_CSV) if r["region"] != region_of_file[r["source_file"]]]
    assert other


def test_every_target_has_the_generators_truth_and_some_are_judged(corpus):
    targets = _rows(corpus / generate.TARGETS_CSV)
    truth = _rows(corpus / generate.JUDGEMENTS_CSV)
    assert [(t["source_file"], t["indicator_text"]) for t in truth] == \
        [(t["source_file"], t["indicator_text"]) for t in targets]
    judged = [t for t in truth if t["should_judge"] == "True"]
    assert judged and all(t["status"] != "not_assessable" for t in judged)
    assert {"partial_year_only", "unmapped_indicator"} & {t["reason_code"] for t in truth}
