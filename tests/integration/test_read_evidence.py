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
    # the same bar on several lines, a date with a time and another without
    "bar_several_lines.txt": (
        "前三季度全区经济运行情况\n\n来源：区统计局\n发布时间：2024年10月25日 16:20\n浏览次数：356\n\n"
        "前三季度,全区实现地区生产总值412.36亿元,同比增长5.4%。\n"),
    # a government page saved from a browser: what its <head> says (national guideline / GB/T 42147-2022)
    "page_meta.html": (
        "<html><head><meta charset='utf-8'><title>2023年国民经济和社会发展统计公报_示例</title>"
        "<meta name='SiteName' content='重庆市大足区人民政府'><meta name='ColumnName' content='统计公报'>"
        "<meta name='ArticleTitle' content='2023年大足区国民经济和社会发展统计公报'>"
        "<meta name='PubDate' content='2024-03-29 09:30'><meta name='ContentSource' content='大足区统计局'>"
        "</head><body><div class='nav'>首页 > 政务公开 > 统计公报</div>"
        "<p>全年全区实现地区生产总值1030.5亿元，比上年增长6.2%。</p></body></html>"),
    # only a <title> "title_site" names the page and its place
    "page_title_only.html": (
        "<html><head><title>2023年国民经济和社会发展统计公报_重庆市铜梁区人民政府</title></head><body>"
        "<p>全年实现地区生产总值808.2亿元，比上年增长6.9%。</p></body></html>"),
    # a page saved as text under the name the browser gave it: the weakest evidence of all
    "2023年国民经济和社会发展统计公报_重庆市璧山区人民政府.txt": (
        "全年实现地区生产总值1019.6亿元，比上年增长7.1%。规模以上工业增加值增长8.2%。\n"),
    # a bulletin's second page: its only years are a chart caption's span, and it compares with 比上年
    "bulletin_page_two.txt": (
        "全年粮食播种面积52.3万亩，比上年增长0.4%。粮食总产量19.6万吨，比上年增长1.2%。\n\n"
        "图4 2019年—2023年粮食产量\n\n"
        "全年规模以上工业增加值比上年增长6.8%。规模以上工业企业实现利润总额18.7亿元，比上年增长9.1%。\n"),
    # a speech issued early in 2026 that reviews 2025 (the issue date is not the period)
    "review_issued_next_year.txt": (
        "在区政协十七届五次会议开幕会上的讲话\n\n2026年1月21日\n\n"
        "过去一年，全区经济稳中有进。2025年，全区地区生产总值增长5.8%，规模以上工业增加值增长7.3%。"
        "2025年，城乡居民人均可支配收入分别增长4.9%和6.6%。\n"),
    # a five-year review in a 政府工作报告 issued early in the year after its last year
    "five_year_review.txt": (
        "政府工作报告\n\n——2023年1月10日在区第十九届人民代表大会第三次会议上\n\n"
        "过去五年，全区地区生产总值从2017年的682.4亿元增加到2022年的1004.7亿元，年均增长6.3%。\n\n"
        "2022年，全区地区生产总值增长3.2%，一般公共预算收入增长2.1%。\n"),
    # a news page flattened into a table: its dateline (site, date glued to its clock time, source) in a row
    "dateline_in_a_table_row.txt": (
        "1至8月某省工业经济增长高于全国平均水平 | | |\n---|---|---|\n"
        "http://www.example.com.cn 2004年09月21日10:36某某新闻网 | | |\n"
        "1~8月份,全省规模工业企业完成增加值776.3亿元,同比增长20.5%,高于全国平均水平3.4个百分点。\n"),
    # a news site printing its dateline day first, both parts of it possible months
    "day_first_dateline.txt": (
        "一季度某市经济企稳回升\n\n03.05.2016  13:12\n\n"
        "某市统计局最新发布的经济数据显示,一季度全市GDP实现553.4亿元,同比增长1.2%。\n"),
    # a forum's copy of a bulletin a year on: the post's stamp dates the page, not the year reviewed
    "forum_repost.txt": (
        "首页 » 常识 » 预防\n\nuser123 - 2023/1/28 17:34:00\n\n"
        "全年生产总值3346.63亿元,按可比价格计算,比上年增长5.7%。全年城镇新增就业人员6.31万人。\n"),
    # a government notice reposted on its site: the bar's 发布时间 is the posting, the signature the document's
    "notice_posted_later.txt": (
        "某县人民政府关于印发2025年国民经济和社会发展计划的通知\n\n"
        "信息来源:本站原创 作者: 发布时间:2025-04-18 08:50\n\n"
        "各乡镇人民政府,县政府各工作部门:\n现将《2025年国民经济和社会发展计划》印发给你们,请认真贯彻执行。\n\n"
        "某县人民政府\n2025年4月15日\n\n"
        "地区生产总值同比增长6.5%以上,固定资产投资同比增长6.5%以上。\n"),
    # a review that states no date and no year: the document stays undated (never dated by its ingestion)
    "undated_review.txt": (
        "重庆市合川区经济信息委工作回眸\n\n全区规模以上工业增加值比上年增长5.6%，工业投资增长12.4%。\n"),
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


def test_a_bar_on_several_lines_dates_the_page_and_its_part_year_values(evidence):
    doc = _doc(evidence, "bar_several_lines.txt")
    assert str(doc["issued_on"]) == "2024-10-25"
    assert (doc["period_year"], doc["period_label"]) == (2024, "前三季度")
    assert _actual_years(evidence, "bar_several_lines.txt", 412.36) == [2024]


def test_a_pages_meta_tags_give_its_title_date_issuer_and_place(evidence):
    doc = _doc(evidence, "page_meta.html")
    assert doc["title"] == "2023年大足区国民经济和社会发展统计公报"
    assert str(doc["issued_on"]) == "2024-03-29"
    assert doc["issuer"] == "大足区统计局"
    assert doc["region_code"] == "500111"
    assert doc["metadata_sources"]["title"] == "page_meta:ArticleTitle"
    assert doc["metadata_sources"]["issued_on"] == "page_meta:PubDate"
    assert doc["metadata_sources"]["issuer"] == "page_meta:ContentSource"
    assert _actual_years(evidence, "page_meta.html", 1030.5) == [2023]


def test_a_pages_title_tag_names_its_title_and_its_site_names_the_place(evidence):
    doc = _doc(evidence, "page_title_only.html")
    assert doc["metadata_sources"]["title"] == "page_title"
    assert doc["region_code"] == "500151"
    assert doc["metadata_sources"]["region_code"].startswith("page_title")
    assert doc["period_year"] == 2023


def test_a_saved_pages_file_name_is_the_weakest_evidence_and_says_so(evidence):
    doc = _doc(evidence, "2023年国民经济和社会发展统计公报_重庆市璧山区人民政府.txt")
    assert doc["region_code"] == "500120"
    assert doc["metadata_sources"]["region_code"].startswith("file_name")
    assert doc["metadata_confidence"]["region_code"] <= 0.5
    assert doc["metadata_confidence"]["period_year"] <= 0.5


def test_a_chart_captions_span_never_dates_a_page_with_its_first_year(evidence):
    doc = _doc(evidence, "bulletin_page_two.txt")
    assert doc["period_year"] == 2023
    assert doc["metadata_sources"]["period_year"] == "caption_span_end"
    assert doc["metadata_confidence"]["period_year"] <= 0.5
    assert 2019 not in _actual_years(evidence, "bulletin_page_two.txt", 19.6)


def test_a_text_issued_early_in_a_year_that_reviews_the_year_before_is_about_that_year(evidence):
    doc = _doc(evidence, "review_issued_next_year.txt")
    assert str(doc["issued_on"]) == "2026-01-21"
    assert doc["period_year"] == 2025
    assert _actual_years(evidence, "review_issued_next_year.txt", 7.3) == [2025]


def test_a_five_year_review_is_about_its_last_year_not_its_first(evidence):
    doc = _doc(evidence, "five_year_review.txt")
    assert doc["period_year"] == 2022
    assert 2017 not in _actual_years(evidence, "five_year_review.txt", 3.2)


def test_an_undated_document_has_no_issue_date_and_no_period_and_the_freshness_mart_does_not_date_it_today(evidence):
    doc = _doc(evidence, "undated_review.txt")
    assert doc["issued_on"] is None and doc["period_year"] is None
    last = evidence.execute(
        "SELECT last_document_on FROM marts.mart_source_freshness WHERE region_code = ? AND release_type = "
        "'work_review'", [doc["region_code"]]).fetchall()
    assert last and all(r[0] is None for r in last)


def test_a_dateline_with_its_clock_time_dates_the_page_even_in_a_flattened_table_row(evidence):
    doc = _doc(evidence, "dateline_in_a_table_row.txt")
    assert str(doc["issued_on"]) == "2004-09-21" and doc["metadata_sources"]["issued_on"] == "bar"
    assert _actual_years(evidence, "dateline_in_a_table_row.txt", 776.3) == [2004]


def test_a_day_first_dateline_dates_a_quarters_values_with_its_year(evidence):
    assert str(_doc(evidence, "day_first_dateline.txt")["issued_on"]) == "2016-05-03"
    assert _actual_years(evidence, "day_first_dateline.txt", 553.4) == [2016]


def test_a_pages_post_stamp_early_in_a_year_does_not_make_its_look_back_the_year_before(evidence):
    doc = _doc(evidence, "forum_repost.txt")
    assert str(doc["issued_on"]) == "2023-01-28" and doc["period_year"] is None
    assert 2022 not in _actual_years(evidence, "forum_repost.txt", 3346.63)



def test_a_notices_signature_date_outranks_the_later_date_its_page_was_posted(evidence):
    doc = _doc(evidence, "notice_posted_later.txt")
    assert str(doc["issued_on"]) == "2025-04-15" and doc["metadata_sources"]["issued_on"] == "signature"
