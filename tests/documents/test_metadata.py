"""Metadata detected from invented documents of other places, years and phrasings."""

from __future__ import annotations

import json
from datetime import date

import pytest

from plantrack.documents import load_sidecar, read_document
from plantrack.documents.metadata import classify, detect_metadata
from plantrack.model import DocumentError


def meta(text: str):
    return detect_metadata(text)


def test_district_plan_with_notice_signature_and_period():
    m = meta("重庆市永川区人民政府\n\n关于印发永川区数字经济发展\n\n行动方案（2024－2026年）的通知\n\n各镇街：现印发给你们。\n\n"
             "重庆市永川区人民政府\n\n2024年5月6日\n\n永川区数字经济发展行动方案\n\n（2024－2026年）\n\n到2026年，产值达到500亿元。\n")
    assert (m.title, m.doc_type) == ("永川区数字经济发展行动方案（2024－2026年）", "plan")
    assert (m.issuer, m.region_name, m.region_code) == ("重庆市永川区人民政府", "永川区", "500118")
    assert m.issued_on == date(2024, 5, 6)
    assert (m.plan_start_year, m.plan_end_year) == (2024, 2026)
    assert m.reasons == {}


def test_five_year_term_in_title_gives_the_period():
    m = meta("贵州省人民政府办公厅\n\n贵州省“十四五”工业发展规划\n\n到2025年，工业增加值年均增长8%。\n\n2021年11月2日印发\n")
    assert (m.plan_start_year, m.plan_end_year) == (2021, 2025)
    assert (m.region_name, m.region_code) == ("贵州省", "520000")


def test_date_at_the_end_with_issuer_on_the_same_line():
    m = meta("前言\n\n“十三五”时期，全县工业总产值年均增长9%。\n\n本规划期为2016—2020年。\n\n"
             "四川省成都市金堂县人民政府办公室　2016年8月1日印发\n")
    assert m.issued_on == date(2016, 8, 1)
    assert (m.issuer, m.region_code) == ("四川省成都市金堂县人民政府办公室", "510121")
    assert m.doc_type == "plan"  # from 本规划, the title being absent
    assert (m.plan_start_year, m.plan_end_year) == (2016, 2020)
    assert "title" in m.reasons


def test_chinese_numeral_issue_date():
    m = meta("湖南省统计局\n\n二〇二四年三月十八日\n\n湖南省2023年国民经济和社会发展统计公报\n\n全年地区生产总值50012.9亿元。\n")
    assert m.issued_on == date(2024, 3, 18)
    assert (m.doc_type, m.region_code) == ("bulletin", "430000")
    assert m.plan_start_year is None and "plan_start_year" in m.reasons


def test_region_name_shared_by_two_cities_keeps_its_name_and_says_why_the_code_is_missing():
    m = meta("西湖区人民政府\n\n西湖区2024年工作要点\n\n全年完成固定资产投资200亿元。\n")
    assert m.region_name == "西湖区" and m.region_code is None
    assert "西湖区" in m.reasons["region_code"]
    assert m.doc_type == "annual_plan"
    assert (m.plan_start_year, m.plan_end_year) == (2024, 2024)


def test_region_from_a_dominant_mention_when_issuer_names_none():
    m = meta("——区经济信息委2024年工作回眸\n\n2024年，全区规上工业产值增长6%。荣昌区新增企业12家，荣昌区累计89家。\n\n"
             "我区新培育企业20家。\n")
    assert (m.title, m.doc_type) == ("区经济信息委2024年工作回眸", "work_review")
    assert (m.issuer, m.region_code) == ("区经济信息委", "500153")


def test_undetectable_fields_are_none_with_a_reason():
    m = meta("一、总体要求\n\n到2027年，产值达到100亿元，重庆市和四川省各增长5%。\n")
    for field in ("title", "issuer", "region_name", "issued_on"):
        assert getattr(m, field) is None
        assert m.reasons[field]
    assert m.doc_type == "other" and m.reasons["doc_type"]


@pytest.mark.parametrize("title,doc_type", [
    ("2024年政府工作报告", "government_report"), ("綦江区2023年国民经济和社会发展统计公报", "bulletin"),
    ("2024年1-6月全区经济运行情况", "economic_report"), ("区发展改革委2023年工作总结", "work_review"),
    ("2024年国民经济和社会发展计划", "annual_plan"), ("关于加快发展先进制造业的实施意见", "opinions"),
    ("支持制造业高质量发展若干政策措施（征求意见稿）", "opinions"), ("制造业绿色发展专项行动实施方案（征求意见稿）", "plan"),
    ("汽车产业转型发展行动计划（2023－2025年）", "plan"), ("成都市国土空间总体规划", "plan")])
def test_document_types_from_titles(title, doc_type):
    assert classify(title) == doc_type


def test_sidecar_overrides_detected_fields_and_records_them(tmp_path):
    doc_path = tmp_path / "report.txt"
    doc_path.write_text("2023年，全区工业产值增长8%。\n", encoding="utf-8")
    (tmp_path / "report.txt.meta.json").write_text(json.dumps(
        {"region_name": "江津区", "issued_on": "2024-01-20", "doc_type": "work_review"}, ensure_ascii=False))
    doc = read_document(doc_path, "report.txt", overrides=load_sidecar(doc_path))
    assert (doc.meta.region_name, doc.meta.region_code) == ("江津区", "500116")
    assert doc.meta.issued_on == date(2024, 1, 20)
    assert set(doc.meta.overridden) == {"region_name", "issued_on", "doc_type"}
    assert "region_code" not in doc.meta.reasons


def test_no_sidecar_means_no_overrides(tmp_path):
    assert load_sidecar(tmp_path / "plan.docx") == {}


def test_sidecar_with_an_unknown_field_is_refused_with_the_known_fields(tmp_path):
    sidecar = tmp_path / "plan.docx.meta.json"
    sidecar.write_text('{"regoin": "江津区"}', encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        load_sidecar(sidecar)
    assert info.value.code == "bad_sidecar" and "region_name" in info.value.reason


@pytest.mark.parametrize(("ordinal", "years"), [("十四", (2021, 2025)), ("十五", (2026, 2030))])
def test_plan_period_of_a_title_spelling_out_the_five_year_plan(ordinal, years):
    meta = detect_metadata(f"珠海市国民经济和社会发展第{ordinal}个五年规划纲要\n\n珠海市人民政府\n\n到期末，地区生产总值达到5000亿元。\n")
    assert (meta.plan_start_year, meta.plan_end_year) == years


def test_a_news_report_naming_no_kind_is_a_release():
    text = ("南海区加快打造先进制造业集群\n\n来源：佛山日报\n\n记者从发布会上获悉，南海区努力形成2个千亿级产业集群、"
            "10个百亿级企业。\n")
    assert detect_metadata(text).doc_type == "release"


@pytest.mark.parametrize(("turn", "when", "expected"), [
    ("岁末年初", "2022年12月3日", date(2023, 1, 31)),
    ("新年伊始", "2019年11月20日", date(2020, 1, 31)),
])
def test_a_text_at_the_turn_of_the_year_is_dated_the_next_january(turn, when, expected):
    text = (f"{turn}，昌吉市工业经济稳中向好。\n\n去年，全市地区生产总值突破900亿元。\n\n"
            f"{when}，昌吉市举行项目集中签约活动，签约项目41个。\n")
    meta = detect_metadata(text)
    assert meta.issued_on == expected
    assert meta.confidence["issued_on"] <= 0.3 and "estimated" in meta.reasons["issued_on"]
    assert (meta.period_year, meta.period_label) == (expected.year - 1, "全年")


def test_the_latest_full_date_a_text_names_is_a_lower_bound_on_its_issue_date():
    text = ("滨海新区举行重点项目推进会\n\n2021年3月2日，滨海新区召开会议；2021年4月18日，12个项目开工，"
            "总投资86亿元，同比增长12%。到2025年12月31日前，全部建成。\n")
    meta = detect_metadata(text)
    assert meta.issued_on == date(2021, 4, 18)
    assert "lower bound" in meta.reasons["issued_on"]


def test_an_implied_issue_date_resolves_last_year():
    from plantrack.documents import read_bytes
    from plantrack.extract import extract_statements

    text = ("岁末年初，会理市工业经济稳中向好。\n\n去年，全市地区生产总值突破400亿元、同比增长6.2%。\n\n"
            "2023年12月8日，会理市举行项目集中签约活动。\n")
    doc = read_bytes(text.encode(), "news.txt", ".txt")
    st = extract_statements(doc)
    assert {a.period_year for a in st.actuals if a.value in (400, 6.2)} == {2023}
