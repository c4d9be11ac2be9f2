"""The extractor on the bundled sample corpus: provenance, speed, and measured precision/recall floors."""

import time
from pathlib import Path

import pytest

from plantrack.documents import read_document
from plantrack.evaluate import evaluate
from plantrack.extract import extract_statements

from .helpers import assert_quotes, make_doc

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "sources"
LABELLED = ROOT.parent / "shared" / "labelled"
GOLD = ROOT / "tests" / "gold"


def _docs():
    return [read_document(p, p.name) for p in sorted(SOURCES.glob("*.txt"))]


def test_every_quote_is_the_text_at_its_offsets():
    for doc in _docs():
        assert_quotes(doc, extract_statements(doc))


def test_whole_sample_corpus_extracts_well_under_a_second_of_cpu():
    docs = _docs()
    start = time.process_time()
    for doc in docs:
        extract_statements(doc)
    assert time.process_time() - start < 0.5


@pytest.mark.skipif(not LABELLED.exists(), reason="shared labelled sample not mounted")
def test_labelled_sample_recall():
    targets = evaluate(LABELLED / "targets_sample.csv", SOURCES)
    actuals = evaluate(LABELLED / "actuals_sample.csv", SOURCES)
    assert targets.targets_recall >= 0.95
    assert actuals.actuals_recall >= 0.95


@pytest.mark.skipif(not (GOLD / "targets_full.csv").exists(), reason="full gold not present")
def test_full_gold_precision_and_recall_floors():
    t = evaluate(GOLD / "targets_full.csv", SOURCES)
    a = evaluate(GOLD / "actuals_full.csv", SOURCES)
    assert t.targets_recall >= TARGETS_RECALL and t.targets_precision >= TARGETS_PRECISION, t.render()[:3000]
    # The five plan/review documents keep their floors; the bundled real release (issue 12) has its own,
    # measured before the period/value branches land (raise it when they do).
    plans = [d for name, d in a.per_document.items() if name not in RELEASES]
    matched, gold, extracted = (sum(len(getattr(d, f)) for d in plans) for f in ("matches", "gold", "extracted"))
    assert matched / gold >= ACTUALS_RECALL and matched / extracted >= ACTUALS_PRECISION, a.render()[:3000]
    for name in RELEASES:
        assert a.per_document[name].recall >= RELEASE_ACTUALS_RECALL, a.render()[:3000]


def test_report_lists_misses_and_false_hits(tmp_path):
    gold = tmp_path / "g.csv"
    gold.write_text("source_file,region,period_year,indicator_text,unit,value,kind\n"
                    "jiangjin_2023_industry_work_review.txt,江津区,2023,规模工业产值,亿元,1953,level\n"
                    "jiangjin_2023_industry_work_review.txt,江津区,2023,不存在的指标,亿元,12345,level\n")
    report = evaluate(gold, SOURCES)
    text = report.render()
    assert report.actuals_recall == 0.5
    assert "不存在的指标" in text and "false hits" in text and "misses" in text


TARGETS_RECALL, TARGETS_PRECISION = 0.955, 0.97
ACTUALS_RECALL, ACTUALS_PRECISION = 0.98, 0.96
RELEASES = ("qianjiang_2021H1_jingjiyunxing_tongjiju.txt",)
RELEASE_ACTUALS_RECALL = 0.5  # 15 of 28 at e1ff716 (indicator texts compared in simplified characters)


def test_a_growth_in_times_labelled_as_written_matches_the_change_it_is_read_as():
    from plantrack.evaluate import LabelledValue, match_values
    from plantrack.model import Document, DocumentMeta

    text = "全年边民互市贸易额增长1.8倍。\n"
    doc = Document("d", "x.txt", "txt", "utf-8", len(text.encode()), text,
                   DocumentMeta(doc_type="bulletin", period_year=2030))
    actual = next(a for a in extract_statements(doc).actuals if a.unit_raw == "倍")
    assert actual.value == 180  # +180 %
    gold = LabelledValue("x.txt", "actual", 2030, "Y", "边民互市贸易额增长", "倍", 1.8, "extended", {})
    assert match_values([gold], [actual])[0].got is actual


def test_a_doubling_labelled_as_its_multiple_of_the_base_matches_the_change_it_is_read_as():
    from plantrack.evaluate import LabelledValue, match_values

    text = "到2020年，地区生产总值比2010年翻一番。\n"
    doc = make_doc(text, region="江西省", start=2016, end=2020)
    target = next(t for t in extract_statements(doc).targets if t.value == 100)  # +100 %, as the warehouse measures
    gold = LabelledValue("x.txt", "target", 2020, "Y", "地区生产总值比2010年翻一番", "倍", 2, "core",
                         {"measure": "change_vs_base"})
    assert match_values([gold], [target])[0].got is target
