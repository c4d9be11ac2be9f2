"""A document's period by evidence, never by its issue date alone (the whole path is in
tests/integration/test_read_evidence.py)."""

from __future__ import annotations

from datetime import date

from plantrack.documents.metadata import detect_metadata, text_years


def test_a_year_span_is_counted_as_a_span_not_as_its_first_year():
    counts, spans = text_years("图3 2019年—2023年地区生产总值\n全年增长5%。")
    assert 2019 not in counts and (2019, 2023, True) in spans


def test_a_year_in_a_clause_that_sets_goals_is_not_a_period_reported_on():
    counts, _ = text_years("2024年，全市生产总值增长5%。2025年主要预期目标是：生产总值增长5%左右。")
    assert counts == {2024: 1}


def test_a_year_looked_forward_to_or_compared_with_is_not_a_period_reported_on():
    counts, _ = text_years("到2027年，产值突破千亿元；比2020年翻一番；2019年以来累计投资80亿元。")
    assert not counts


def test_the_issue_date_alone_does_not_date_a_text_that_names_no_year():
    meta = detect_metadata("某县工业经济运行\n\n发布时间：2024-09-12\n\n规模以上工业增加值增长6.1%，工业投资增长9%。\n")
    assert meta.issued_on == date(2024, 9, 12)
    assert meta.period_year is None and "not the period" in meta.reasons["period_year"]


def test_a_text_speaking_of_the_present_is_about_the_year_it_was_issued():
    meta = detect_metadata("某区打造千亿产业\n\n2024-07-25 17:33 - 某网\n\n目前，全区工业年产值近2500亿元。\n")
    assert meta.period_year == 2024 and meta.confidence["period_year"] <= 0.5


def test_disagreeing_evidence_leaves_the_year_empty_with_the_reason():
    text = ("某区经济运行情况\n\n发布时间：2024-08-20\n\n1-7月，2022年同期基数较高；2022年以来持续回升。"
            "2022年，全区生产总值增长4%；2022年末常住人口30万人。\n")
    meta = detect_metadata(text)
    assert meta.period_year is None and "disagrees" in meta.reasons["period_year"]


def test_a_bracketed_update_year_in_a_title_is_not_its_period():
    meta = detect_metadata("2011年某区国民经济和社会发展统计公报（2022年更新）\n\n全年生产总值增长8%。\n")
    assert meta.period_year == 2011


def test_a_title_about_a_quoted_government_work_report_is_not_one():
    meta = detect_metadata("2025年省《政府工作报告》重点工作分工方案\n\n一、地区生产总值增长5%以上。\n")
    assert meta.doc_type == "plan"


def test_a_catalogue_whose_keys_are_spaced_out_gives_the_title_and_the_date():
    text = ("索 引 号: 73004652-9/2024-00010\n发文机关: 某县发展和改革委员会 发文日期: 2024年02月06日 11:01\n"
            "名  称: 某县2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告\n\n"
            "某县2023年国民经济和社会发展计划执行\n\n情况2024年国民经济和社会发展计划草案的报告\n\n"
            "全年生产总值增长6%。\n")
    meta = detect_metadata(text)
    assert meta.issued_on == date(2024, 2, 6)
    assert (meta.doc_type, meta.period_year) == ("execution_report", 2023)


def test_the_only_year_a_text_names_dates_it_with_less_confidence():
    meta = detect_metadata("某市经济运行\n\n2015年，全市经济运行保持良好态势，全面完成主要预期目标。预计生产总值增长10%。\n")
    assert meta.period_year == 2015 and meta.confidence["period_year"] <= 0.5


def test_a_from_to_span_counts_its_last_year_not_its_first():
    counts, spans = text_years("地区生产总值从2020年的545.7亿元增长到2023年的745.8亿元。")
    assert (2020, 2023, False) in spans and counts == {2023: 1}


def test_a_five_year_review_issued_early_in_a_year_is_about_the_year_before():
    text = ("——2022年1月8日在某区第十八届人民代表大会第一次会议上\n\n一、过去五年工作回顾\n\n"
            "过去五年，全区地区生产总值年均增长7%，规模以上工业增加值年均增长8%。\n")
    assert detect_metadata(text).period_year == 2021


def test_an_implied_issue_date_is_not_evidence_of_a_look_back():
    text = "全年生产总值比上年增长5%。\n\n2023年1月28日，某市召开会议。\n"
    meta = detect_metadata(text)
    assert meta.sources.get("issued_on") == "implied" and meta.period_year != 2022


def test_a_date_the_text_only_implies_never_dates_a_look_back_of_a_whole_year():
    # the latest date a repost names (when it was copied) is a lower bound of when it was written: the
    # year that had ended by it may be any year before, so 全年 / 比上年 values stay without a year
    from plantrack.documents.read import read_bytes
    from plantrack.extract import extract_statements

    text = ("全年全省生产总值3346.63亿元，按可比价格计算，比上年增长5.7%。规模以上工业增加值增长8.9%。\n\n"
            "本文于2023年1月28日转载，供学习参考。\n")
    doc = read_bytes(text.encode(), "a.txt", ".txt")
    assert doc.meta.sources.get("issued_on") == "implied"
    values = extract_statements(doc).actuals
    assert values and all(a.period_year is None and a.year_evidence == "none" for a in values)


def test_a_year_named_once_inside_a_sentence_of_a_text_issued_long_after_it_is_not_its_period():
    text = ("数读发布会\n\n发布日期：2025年11月20日\n\n全省地区生产总值超过3万亿元，2024年达到3.55万亿元，居全国第14。\n\n"
            "全省累计开工重大工程项目2144个，累计新增就业超210万人。\n")
    meta = detect_metadata(text)
    assert meta.period_year is None and "disagrees" in meta.reasons["period_year"]


def test_a_year_heading_a_paragraph_dates_a_repost_updated_years_later():
    text = ("更新时间：2018-09-15 22:59\n2015年，全市经济运行保持稳中有升的良好态势。预计生产总值增长10%，"
            "工业增加值增长11.5%。全年空气质量优良天数增加76天，同比上升20.8%。\n")
    assert detect_metadata(text).period_year == 2015
