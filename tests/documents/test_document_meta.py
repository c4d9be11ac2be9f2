"""Kind, issue date and reported period of invented releases and plans of places and years nobody here
used, each field with where it was found and how sure the reader is."""

from __future__ import annotations

import json
from datetime import date

import pytest

from plantrack.documents import load_sidecar, read_document
from plantrack.documents.metadata import classify, detect_metadata, parse_any_date


@pytest.mark.parametrize(("title", "kind"), [
    ("2022年广东省佛山市国民经济和社会发展统计公报", "bulletin"),
    ("伊宁县2021年经济运行简况", "economic_report"),
    ("2024年上半年滨海新区经济运行情况", "economic_report"),
    ("关于呼和浩特市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告", "execution_report"),
    ("2019年计划执行情况", "execution_report"),
    ("2026年昆明市人民政府工作报告", "government_report"),
    ("区发展改革委2025年工作回眸", "work_review"),
    ("关于加快建设数字经济强市的实施意见（征求意见稿）", "opinions"),
    ("绵阳市先进制造业发展规划（征求意见稿）", "plan"),
    ("2024年国民经济和社会发展计划", "annual_plan")])
def test_kind_from_the_title(title, kind):
    assert classify(title) == kind


def test_a_draft_marker_alone_does_not_make_opinions():
    assert classify("洛阳市文旅融合行动方案（征求意见稿）") == "plan"


def test_a_text_that_reports_values_without_a_known_kind_is_a_release():
    m = detect_metadata("岁末年初看银川\n\n去年，全市地区生产总值同比增长6.1%，工业投资比上年增长12%，"
                        "社会消费品零售总额增长5.5%。\n")
    assert m.doc_type == "release" and m.confidence["doc_type"] < 0.9 and "doc_type" in m.reasons


@pytest.mark.parametrize("written", ["2023-09-25", "2023/09/25", "2023.9.25", "2023年9月25日", "二〇二三年九月二十五日"])
def test_issue_date_formats_in_a_published_line(written):
    m = detect_metadata(f"1-7月全县经济运行情况\n\n发布日期：{written}\n\n1-7月，全县规上工业增加值同比增长4.4%。\n")
    assert m.issued_on == date(2023, 9, 25) and m.sources["issued_on"] == "metadata_block"


def test_month_only_date_under_the_issuer_is_its_last_day_with_lower_confidence():
    m = detect_metadata("2020年上半年和田县经济运行情况\n\n新疆维吾尔自治区和田县统计局\n\n2020年8月\n\n"
                        "上半年，全县地区生产总值同比增长3.2%。\n")
    assert m.issued_on == date(2020, 8, 31) and m.sources["issued_on"] == "signature"
    assert m.confidence["issued_on"] <= 0.5 and "issued_on" in m.reasons
    assert m.issuer == "新疆维吾尔自治区和田县统计局"


def test_date_under_a_government_report_title():
    m = detect_metadata("2025年太原市人民政府工作报告\n\n——2025年1月8日在太原市第十六届人民代表大会第四次会议上\n\n"
                        "各位代表：过去一年，全市地区生产总值增长5%。\n")
    assert m.issued_on == date(2025, 1, 8) and m.sources["issued_on"] == "under_title"


def test_news_dateline_gives_the_issue_date():
    m = detect_metadata("南宁打造千亿产业\n\n2024-07-25 17:33:33 - 广西日报\n\n目前，南宁工业年产值近2500亿元。\n")
    assert m.issued_on == date(2024, 7, 25) and m.sources["issued_on"] == "date_line"


@pytest.mark.parametrize(("text", "year", "label"), [
    ("伊宁县2021年经济运行简况\n\n全年全县生产总值增长6%。\n", 2021, "全年"),
    ("2024年上半年滨海新区经济运行情况\n\n上半年，生产总值增长4%。\n", 2024, "上半年"),
    ("2019年前三季度东莞市经济运行情况\n\n前三季度，生产总值增长7%。\n", 2019, "前三季度"),
    ("2026年一季度黄石市经济运行情况\n\n一季度，生产总值增长5%。\n", 2026, "一季度"),
    ("2020年1—6月绵阳市经济运行情况\n\n生产总值增长2%。\n", 2020, "上半年"),
    ("2022年广东省佛山市国民经济和社会发展统计公报\n\n全年生产总值增长2.1%。\n", 2022, "全年"),
    ("2025年昆明市人民政府工作报告\n\n过去一年，全市生产总值增长5%。\n", 2024, "全年"),
    ("关于呼和浩特市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n\n生产总值增长7%。\n", 2023, "全年"),
    ("区发展改革委2023年工作回眸\n\n全年工业产值增长9%。\n", 2023, "全年")])
def test_reported_period_from_the_title(text, year, label):
    m = detect_metadata(text)
    assert (m.period_year, m.period_label) == (year, label) and m.sources["period_year"] == "title"


def test_month_range_in_the_title_with_a_published_line():
    m = detect_metadata("1-7月全县经济运行情况\n\n发布时间:2023-09-25\n\n1-7月，全县规上工业增加值同比增长4.4%。\n")
    assert (m.period_year, m.period_label) == (2023, "1-7月") and m.sources["period_year"] == "issue_date"


def test_an_early_year_bulletin_without_a_year_reports_on_the_year_before():
    m = detect_metadata("兰州市国民经济和社会发展统计公报\n\n兰州市统计局\n\n2024年3月20日\n\n全年生产总值增长5%。\n")
    assert m.period_year == 2023 and m.sources["period_year"] == "issue_date"
    assert m.confidence["period_year"] < 0.9 and "period_year" in m.reasons


def test_a_government_report_without_a_year_reviews_the_year_before_its_issue():
    m = detect_metadata("政府工作报告\n\n——2025年1月20日在区第三届人民代表大会第五次会议上\n\n过去一年，生产总值增长5%。\n")
    assert (m.doc_type, m.period_year) == ("government_report", 2024)


def test_a_plan_reports_on_no_period():
    m = detect_metadata("长沙市智能制造行动计划（2024－2026年）\n\n到2026年，产值达到3000亿元。\n")
    assert m.period_year is None and "period_year" not in m.reasons


def test_every_detected_field_has_a_source_and_a_confidence():
    m = detect_metadata("2024年上半年滨海新区经济运行情况\n\n天津市滨海新区统计局\n\n2024年7月22日\n\n"
                        "上半年，生产总值增长4%。\n")
    detected = {k for k in ("title", "doc_type", "issuer", "issued_on", "period_year", "period_label")}
    assert detected <= set(m.sources) and all(0 < m.confidence[k] <= 1 for k in detected)


def test_doc_number_from_the_metadata_block():
    m = detect_metadata("[ 发文字号 ] 晋政发〔2024〕7号 [ 成文日期 ] 2024-04-02\n\n山西省数据要素发展行动方案\n\n"
                        "到2027年，数据产业规模达到500亿元。\n")
    assert m.doc_number == "晋政发〔2024〕7号" and m.issued_on == date(2024, 4, 2)


def test_sidecar_values_win_with_full_confidence(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("2023年上半年某县经济运行情况\n\n上半年，生产总值增长4%。\n", encoding="utf-8")
    (tmp_path / "r.txt.meta.json").write_text(json.dumps({"period_year": 2022, "doc_type": "bulletin"}))
    meta = read_document(path, "r.txt", overrides=load_sidecar(path)).meta
    assert (meta.period_year, meta.doc_type) == (2022, "bulletin")
    assert meta.sources["period_year"] == "sidecar" and meta.confidence["period_year"] == 1.0
    assert meta.sources["period_label"] == "title"


def test_parse_any_date_of_a_bare_month():
    assert parse_any_date("2021年8月") == (date(2021, 8, 31), False)


def test_a_plans_self_reference_outweighs_a_background_heading_near_the_top():
    m = detect_metadata("一、2023年经济运行情况\n\n全市生产总值增长5%。\n\n二、发展目标\n\n本规划期内，到2027年产值达到900亿元。"
                        "本规划由市发展改革委负责解释。\n")
    assert m.doc_type == "plan" and m.title is None and "title" in m.reasons
