"""`plantrack eval`: strict and loose matches, years, document fields and numbers that are not values."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from plantrack.cli import app
from plantrack.evaluate import evaluate, simplified

TEXT = ("2023年，全区地区生产总值1626亿元，同比增长8%，增速居全市第四，高于全市0.6个百分点。"
        "规模以上工业企业达到215家。\n")
ACTUAL_COLUMNS = "source_file,region,period_year,indicator_text,unit,value,kind,period_label\n"


@pytest.fixture(autouse=True)
def _restore_environment(monkeypatch):
    for name in ("PLANTRACK_SOURCES", "PLANTRACK_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def sources(tmp_path):
    d = tmp_path / "sources"
    d.mkdir()
    (d / "review.txt").write_text(TEXT, encoding="utf-8")
    # the sidecar fixes the metadata, so these tests measure the scoring, not the reader
    (d / "review.txt.meta.json").write_text(json.dumps(
        {"region_name": "荣昌区", "doc_type": "work_review", "issued_on": "2024-01-16"}), encoding="utf-8")
    return d


def _gold(tmp_path, rows: str, name: str = "actuals.csv"):
    path = tmp_path / "gold" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(ACTUAL_COLUMNS + rows, encoding="utf-8")
    return path


def test_a_match_with_the_wrong_kind_counts_loosely_but_not_strictly(tmp_path, sources):
    gold = _gold(tmp_path, "review.txt,荣昌区,2023,地区生产总值,亿元,1626,yoy_growth,\n")
    r = evaluate(gold, sources).overall
    assert (len(r.matches), r.strict_matches) == (1, 0)
    assert r.disagreements[0][2] == ("kind",)


def test_a_match_whose_fields_all_agree_counts_strictly(tmp_path, sources):
    gold = _gold(tmp_path, "review.txt,荣昌区,2023,地区生产总值,亿元,1626,level,\n")
    assert evaluate(gold, sources).overall.strict_matches == 1


def test_a_value_found_with_the_wrong_year_is_found_but_not_with_its_year(tmp_path, sources):
    gold = _gold(tmp_path, "review.txt,荣昌区,2019,地区生产总值,亿元,1626,level,\n")
    r = evaluate(gold, sources).overall
    assert (len(r.matches), r.found_any_year) == (0, 1)


def test_a_different_period_label_is_a_strict_disagreement(tmp_path, sources):
    gold = _gold(tmp_path, "review.txt,荣昌区,2023,地区生产总值,亿元,1626,level,上半年\n")
    r = evaluate(gold, sources).overall
    assert r.disagreements and "period" in r.disagreements[0][2]


def test_documents_csv_beside_the_gold_scores_each_labelled_field(tmp_path, sources):
    gold = _gold(tmp_path, "review.txt,荣昌区,2023,地区生产总值,亿元,1626,level,\n")
    (gold.parent / "documents.csv").write_text(
        "source_file,region,region_code,doc_type,issued_on,period_year,period_label\n"
        "review.txt,荣昌区,,work_review,2024,,\n", encoding="utf-8")
    report = evaluate(gold, sources)
    assert report.field_accuracy("region") == (1, 1)
    assert report.field_accuracy("doc_type") == (1, 1)
    assert report.field_accuracy("region_code") == (0, 0)  # blank in the gold: not judged


def test_a_partial_issue_date_accepts_any_day_within_it(tmp_path, sources):
    gold = _gold(tmp_path, "")
    docs = tmp_path / "d.csv"
    docs.write_text("source_file,issued_on\nreview.txt,2024-01\n", encoding="utf-8")
    assert evaluate(gold, sources, documents_csv=docs).field_accuracy("issued_on") == (1, 1)


def test_non_values_count_as_left_alone_unless_a_statement_took_the_number(tmp_path, sources):
    gold = _gold(tmp_path, "")
    nv = tmp_path / "nv.csv"
    nv.write_text("source_file,number,context,reason\n"
                  "review.txt,2023,2023年，全区,date\n"
                  "review.txt,1626,生产总值1626亿元,not_really_a_non_value\n", encoding="utf-8")
    checks = evaluate(gold, sources, non_values_csv=nv).non_values
    assert [c.left_alone for c in checks] == [True, False]


def test_the_command_prints_documents_and_non_values_when_given(tmp_path, sources):
    gold = _gold(tmp_path, "review.txt,荣昌区,2023,地区生产总值,亿元,1626,level,\n")
    (gold.parent / "documents.csv").write_text("source_file,region\nreview.txt,荣昌区\n", encoding="utf-8")
    (gold.parent / "non_values.csv").write_text(
        "source_file,number,context,reason\nreview.txt,第四,居全市第四,rank\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--gold", str(gold), "--sources", str(sources)])
    assert result.exit_code == 0, result.output
    for words in ("strict", "any year", "region: 1/1 right", "numbers that are not values"):
        assert words in result.output, words


def test_the_command_sums_targets_and_actuals_when_given_both(tmp_path, sources):
    actuals = _gold(tmp_path, "review.txt,荣昌区,2023,地区生产总值,亿元,1626,level,\n")
    targets = tmp_path / "gold" / "targets.csv"
    targets.write_text("source_file,region,indicator_text,unit,comparator,target_value,target_high,target_year,"
                       "baseline_year,baseline_value,kind,attribute\n"
                       "review.txt,荣昌区,研发投入强度,%,=,3,,2027,,,level,\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--gold", str(targets), "--gold", str(actuals),
                                      "--sources", str(sources)])
    assert result.exit_code == 0, result.output
    assert "all statements (2): found with the right year 1 (50.0%)" in result.output


def test_a_traditional_repost_is_scored_against_a_simplified_gold(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "repost.txt").write_text("2023年,全縣規模以上工業企業達到215家,工業總產值增長8.2%。\n", encoding="utf-8")
    gold = _gold(tmp_path, "repost.txt,奇台县,2023,工业总产值增长,%,8.2,yoy_growth,\n")
    assert len(evaluate(gold, sources).overall.matches) == 1


def test_indicator_texts_are_compared_without_pinyin_glosses():
    assert simplified("地區(qū)生產(chǎn)總值") == "地区生产总值"


# ---- the realworld format: values.csv (kind actual / target / estimate / negative) + documents.csv + texts/

RW_VALUES = "file,kind,region,year,period,indicator_text,unit,comparator,value,measure,tier\n"
RW_TEXT = ("2023年荣昌区经济运行情况\n\n2023年，全区地区生产总值1626亿元，同比增长8%，高于全市0.6个百分点。"
           "规模以上工业企业达到215家。\n")


def _realworld(tmp_path, rows: str, docs: str | None = None, name: str = "values.csv"):
    base = tmp_path / "rw"
    (base / "texts").mkdir(parents=True, exist_ok=True)
    (base / "texts" / "a.txt").write_text(RW_TEXT, encoding="utf-8")
    (base / name).write_text(RW_VALUES + rows, encoding="utf-8")
    if docs is not None:
        (base / name.replace("values", "documents")).write_text(
            "file,region_name,region_code,kind,year,named_in_text,note\n" + docs, encoding="utf-8")
    return base


def test_realworld_a_value_with_its_year_is_right_and_one_with_another_year_is_wrong(tmp_path):
    from plantrack.evaluate import evaluate_realworld

    base = _realworld(tmp_path, "a.txt,actual,荣昌区,2023,Y,地区生产总值,亿元,=,1626,level,core\n"
                                "a.txt,actual,荣昌区,2022,Y,地区生产总值同比增长,%,=,8,yoy_growth,core\n")
    t = evaluate_realworld(base / "values.csv").tally()
    assert (t.gold, t.found, t.right_year, t.wrong_year, t.no_year, t.other_kind) == (2, 2, 1, 1, 0, 0)


def test_realworld_an_actual_found_as_a_target_counts_as_the_other_kind(tmp_path):
    from plantrack.evaluate import evaluate_realworld

    base = _realworld(tmp_path, "a.txt,target,荣昌区,2023,Y,地区生产总值,亿元,=,1626,level,core\n")
    t = evaluate_realworld(base).tally()
    assert (t.found, t.other_kind, t.right) == (1, 1, 0)


def test_realworld_a_negative_taken_as_a_value_is_not_left_alone(tmp_path):
    from plantrack.evaluate import evaluate_realworld

    base = _realworld(tmp_path, "a.txt,negative,荣昌区,2023,Y,高于全市,个百分点,=,0.6,comparison,core\n"
                                "a.txt,negative,荣昌区,2023,Y,排名,位,=,4,rank,core\n")
    report = evaluate_realworld(base)
    assert report.negatives_left_alone == sum(o.got is None for o in report.negatives)
    assert len(report.negatives) == 2


def test_realworld_the_core_tier_is_counted_apart(tmp_path):
    from plantrack.evaluate import evaluate_realworld

    base = _realworld(tmp_path, "a.txt,actual,荣昌区,2023,Y,地区生产总值,亿元,=,1626,level,core\n"
                                "a.txt,actual,荣昌区,2023,Y,规模以上工业企业,家,=,999,level,extended\n")
    report = evaluate_realworld(base)
    assert (report.tally().gold, report.tally("core").gold, report.tally().not_found) == (2, 1, 1)


def test_realworld_documents_fields_are_right_wrong_or_empty(tmp_path):
    from plantrack.evaluate import evaluate_realworld

    base = _realworld(tmp_path, "", docs="a.txt,荣昌区,500153,release,2023,y,\n")
    report = evaluate_realworld(base)
    assert report.doc_states("region") == {"right": 1, "wrong": 0, "empty": 0}
    assert report.doc_states("year") == {"right": 1, "wrong": 0, "empty": 0}


def test_realworld_a_folder_of_several_value_files_is_one_corpus(tmp_path):
    from plantrack.evaluate import evaluate_realworld

    _realworld(tmp_path, "a.txt,actual,荣昌区,2023,Y,地区生产总值,亿元,=,1626,level,core\n", name="values_A.csv")
    base = _realworld(tmp_path, "a.txt,actual,荣昌区,2023,Y,规模以上工业企业,家,=,215,level,core\n",
                      name="values_B.csv")
    assert evaluate_realworld(base).tally().gold == 2


def test_eval_cli_prints_one_block_per_realworld_corpus(tmp_path):
    a = _realworld(tmp_path / "one", "a.txt,actual,荣昌区,2023,Y,地区生产总值,亿元,=,1626,level,core\n")
    b = _realworld(tmp_path / "two", "a.txt,actual,荣昌区,2023,Y,地区生产总值,亿元,=,1626,level,core\n")
    out = CliRunner().invoke(app, ["eval", "--gold", str(a), "--gold", str(b / "values.csv"), "--brief"])
    assert out.exit_code == 0, out.output
    assert out.output.count("== rw") == 2
    assert "WRONG yr" in out.output
