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


def test_realworld_each_kind_of_year_evidence_counts_the_years_it_gives_right_and_wrong(tmp_path):
    from plantrack.evaluate import evaluate_realworld

    base = _realworld(tmp_path, "a.txt,actual,荣昌区,2023,Y,地区生产总值,亿元,=,1626,level,core\n"
                                "a.txt,actual,荣昌区,2022,Y,地区生产总值同比增长,%,=,8,yoy_growth,core\n")
    report = evaluate_realworld(base)
    assert report.year_evidence() == {"own": {"right": 1, "wrong": 1, "none": 0, "free": 0}}
    assert "year evidence (right/WRONG/no year/labelled without a year): own 1/1/0/0" in report.render()


def test_realworld_a_unit_labelled_in_traditional_script_matches_its_simplified_reading(tmp_path):
    from plantrack.evaluate import evaluate_realworld

    base = _realworld(tmp_path, "a.txt,actual,荣昌区,2023,Y,地区生产总值,億元,=,1626,level,core\n")
    t = evaluate_realworld(base).tally()
    assert (t.found, t.right_year) == (1, 1)


def test_realworld_an_index_labelled_with_the_unit_zhishu_matches_a_value_read_without_a_unit(tmp_path):
    from plantrack.evaluate import read_values

    path = tmp_path / "values.csv"
    path.write_text(RW_VALUES + "a.txt,target,荣昌区,2027,Y,两化融合发展水平指数,指数,=,72,level,core\n",
                    encoding="utf-8")
    assert read_values(path)[0].unit is None


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


def test_realworld_a_repeat_labelled_beside_its_value_is_left_alone_when_the_figure_is_read_once(tmp_path):
    from plantrack.evaluate import evaluate_realworld

    base = _realworld(tmp_path, "a.txt,actual,荣昌区,2023,Y,地区生产总值,亿元,=,1626,level,core\n"
                                "a.txt,negative,荣昌区,,,标题 地区生产总值1626亿元 (repeat),亿元,=,1626,duplicate,core\n")
    report = evaluate_realworld(base)
    assert report.tally().found == 1
    assert report.negatives_left_alone == 1


def test_realworld_a_repeat_is_taken_when_the_figure_is_read_more_often_than_it_is_labelled(tmp_path):
    from plantrack.evaluate import evaluate_realworld

    base = _realworld(tmp_path, "a.txt,negative,荣昌区,,,地区生产总值1626亿元 (repeat),亿元,=,1626,duplicate,core\n")
    assert evaluate_realworld(base).negatives_left_alone == 0


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


# ---- --data-dir: the same report on what a refresh published (the serving file's marts)

def _serving(tmp_path, targets: str = "", actuals: str = "", estimate_column: bool = False,
             region_code: str = "500153", quarantined: str = ""):
    """A serving file with the marts' columns eval reads, one current document a.txt."""
    import duckdb

    path = tmp_path / "data" / "serving" / "plantrack.duckdb"
    path.parent.mkdir(parents=True)
    con = duckdb.connect(str(path))
    est = ", false as is_estimate" if estimate_column else ""
    con.execute(f"""
        create schema marts;
        create table marts.dim_region as select * from (values ('500153', '荣昌区', 'district', '500000', null),
            ('uncoded:荣昌高新区', '荣昌高新区', 'uncoded', null, 'not a unit')) t(region_code, name_zh, level,
            parent_code, code_note);
        create table marts.dim_document as select 'd1' as document_id, 'a.txt' as source_file, null as title,
            'economic_report' as doc_type, '{region_code}' as region_code, null as issuer, null::date as issued_on,
            null::int as plan_start_year, null::int as plan_end_year, 2023 as period_year, '全年' as period_label,
            true as is_current;
        create table marts.fct_plan_targets (document_id varchar, source_file varchar, region_name varchar,
            indicator_text varchar, target_kind varchar, comparator varchar, value_raw varchar, value_high_raw varchar,
            unit_raw varchar, value double, value_high double, unit varchar, target_year int, baseline_year int,
            baseline_value double, attribute varchar, quote varchar, char_start int, char_end int, section varchar,
            method varchar, confidence double, confidence_reason varchar, override_action varchar);
        create table marts.fct_indicator_actuals as select * from (select 'd1' as document_id,
            'a.txt' as source_file, '荣昌区' as region_name, 'x' as indicator_text, 'level' as measure,
            2023 as period_year, '全年' as period_label, null::date as period_start, null::date as period_end,
            'x' as value_raw, 'x' as unit_raw, 0.0::double as value, 'x' as unit, '' as quote, 0 as char_start,
            0 as char_end, 'prose' as method, 1.0::double as confidence, null::varchar as override_action{est})
            where false;
        create table marts.mart_quarantined_documents (source_file varchar, reason varchar);
    """)
    for row in filter(None, targets.split("\n")):
        con.execute("insert into marts.fct_plan_targets (document_id, source_file, indicator_text, target_kind, "
                    "comparator, value_raw, unit_raw, value, unit, target_year, override_action) values "
                    f"('d1', 'a.txt', {row})")
    for row in filter(None, actuals.split("\n")):
        con.execute(f"insert into marts.fct_indicator_actuals by name select 'd1' as document_id, "
                    f"'a.txt' as source_file, {row}")
    for row in filter(None, quarantined.split("\n")):
        con.execute(f"insert into marts.mart_quarantined_documents values ({row})")
    con.close()
    return path


ACTUAL_1626 = ("'地区生产总值' as indicator_text, 'level' as measure, {year} as period_year, '1626' as value_raw, "
               "'亿元' as unit_raw, 1626.0 as value, '亿元' as unit")


def test_published_a_value_with_its_year_is_right_and_one_with_another_year_is_wrong(tmp_path):
    from plantrack.evaluate import evaluate_published

    base = _realworld(tmp_path, "a.txt,actual,荣昌区,2023,Y,地区生产总值,亿元,=,1626,level,core\n"
                                "a.txt,actual,荣昌区,2022,Y,地区生产总值,亿元,=,1626,level,core\n")
    serving = _serving(tmp_path, actuals=ACTUAL_1626.format(year=2023) + "\n" + ACTUAL_1626.format(year=2023))
    t = evaluate_published(base, serving).tally()
    assert (t.gold, t.found, t.right_year, t.wrong_year) == (2, 2, 1, 1)


def test_published_a_target_an_analyst_rejected_is_not_counted(tmp_path):
    from plantrack.evaluate import evaluate_published

    base = _realworld(tmp_path, "a.txt,target,荣昌区,2025,Y,地区生产总值,亿元,=,2000,level,core\n")
    target = "'地区生产总值', 'level', '=', '2000', '亿元', 2000, '亿元', 2025, {action}"
    assert evaluate_published(base, _serving(tmp_path, targets=target.format(action="null"))).tally().right == 1
    rejected = _serving(tmp_path / "r", targets=target.format(action="'reject'"))
    assert evaluate_published(base, rejected).tally().found == 0


def test_published_an_estimate_is_one_where_the_warehouse_says_so(tmp_path):
    from plantrack.evaluate import evaluate_published

    base = _realworld(tmp_path, "a.txt,estimate,荣昌区,2023,Y,地区生产总值,亿元,=,1626,level,core\n")
    row = ACTUAL_1626.format(year=2023)
    assert evaluate_published(base, _serving(tmp_path, actuals=row)).tally().other_kind == 1
    flagged = _serving(tmp_path / "e", actuals=row + ", true as is_estimate", estimate_column=True)
    assert evaluate_published(base, flagged).tally().right == 1


def test_published_documents_region_is_the_code_and_a_place_without_one_has_no_code(tmp_path):
    from plantrack.evaluate import evaluate_published

    base = _realworld(tmp_path, "", docs="a.txt,荣昌区,500153,release,2023,y,\n")
    report = evaluate_published(base, _serving(tmp_path))
    assert report.doc_states("region_code") == {"right": 1, "wrong": 0, "empty": 0}
    uncoded = evaluate_published(base, _serving(tmp_path / "u", region_code="uncoded:荣昌高新区"))
    assert uncoded.doc_states("region_code") == {"right": 0, "wrong": 0, "empty": 1}


def test_published_a_labelled_file_the_night_did_not_publish_is_unread_with_its_reason(tmp_path):
    from plantrack.evaluate import evaluate_published

    base = _realworld(tmp_path, "b.txt,actual,荣昌区,2023,Y,地区生产总值,亿元,=,1626,level,core\n")
    report = evaluate_published(base, _serving(tmp_path, quarantined="'b.txt', 'unreadable'"))
    assert report.unread == {"b.txt": "quarantined: unreadable"} and report.tally().found == 0


def test_eval_with_a_data_dir_that_was_never_refreshed_says_so(tmp_path):
    base = _realworld(tmp_path, "a.txt,actual,荣昌区,2023,Y,地区生产总值,亿元,=,1626,level,core\n")
    result = CliRunner().invoke(app, ["eval", "--gold", str(base), "--data-dir", str(tmp_path / "none")])
    assert result.exit_code == 2 and "refresh" in result.output


def test_eval_of_a_folder_without_values_files_names_the_files_to_give(tmp_path):
    (tmp_path / "targets.csv").write_text("source_file\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("notes\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--gold", str(tmp_path)])
    assert result.exit_code == 2 and "values*.csv" in result.output and "targets.csv" in result.output


def test_realworld_a_labelled_range_is_found_only_as_a_range_with_both_its_ends(tmp_path):
    from plantrack.evaluate import evaluate_realworld

    base = tmp_path / "rw"
    (base / "texts").mkdir(parents=True)
    (base / "texts" / "a.txt").write_text(
        "2024年荣昌区政府工作报告\n\n二、2024年主要预期目标\n今年全区地区生产总值增长6%—6.5%。\n", encoding="utf-8")
    (base / "values.csv").write_text(
        RW_VALUES + "a.txt,target,荣昌区,2024,Y,地区生产总值增长,%,range,6-6.5,yoy_growth,core\n"
                    "a.txt,target,荣昌区,2024,Y,地区生产总值增长,%,range,6-7,yoy_growth,core\n", encoding="utf-8")
    report = evaluate_realworld(base)
    assert [o.got is not None for o in report.values] == [True, False]


def test_realworld_a_label_naming_gdp_matches_a_reading_naming_diqu_shengchan_zongzhi(tmp_path):
    from plantrack.evaluate import evaluate_realworld

    base = _realworld(tmp_path, "a.txt,actual,荣昌区,2023,Y,GDP,亿元,=,1626,level,core\n")
    t = evaluate_realworld(base).tally()
    assert (t.found, t.right_year) == (1, 1)
