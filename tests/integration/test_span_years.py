"""Spans and period words through the whole path (file on disk -> `plantrack refresh` -> warehouse row): a
span's values take the years the span is anchored to, a prior-period figure the period before, a base value
its own year. Texts in their own shapes, one shared refresh for all of them."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import refresh_texts

pytestmark = [pytest.mark.slow, pytest.mark.integration]

TEXTS = {
    # a plan's review of the years before it: 由2015年的X增长至2020年的Y
    "规划基础.txt": (
        "某县国民经济和社会发展第十四个五年规划纲要\n第一章 发展基础\n"
        "“十三五”时期，全县经济平稳健康发展。一般公共预算收入由2015年的8.57亿元增长至2020年的15.25亿元。\n"
    ),
    # a quarterly report: the sector structure of the same period a year before, then this year's
    "三季度经济.txt": (
        "2018年前三季度某省经济运行情况\n\n一、综合\n"
        "前三季度，第一产业增加值1042.9亿元，增长3.1%。三次产业结构由上年同期的7.3:48.8:43.9调整为6.7:47.8:45.5。\n"
    ),
    # a five-year review whose span word comes before a base value that names its own year
    "十四五回顾.txt": (
        "2026-01-29 08:09:15 来源：某省统计局\n"
        "“十四五”期间，产业投资规模持续扩大，占全部投资比重由2020年的26.7%大幅提升至2025年的52.1%。\n"
    ),
    # a yearbook's 政府工作报告: the base of the span is the end of the previous five-year plan
    "九五回顾.txt": (
        "2001年某自治区政府工作报告\n——2001年2月16日\n一、“九五”时期工作回顾\n"
        "国内生产总值由“八五”期末的833亿元增加到2000年的1400亿元，年均递增10%。\n"
    ),
    # a work conference's news of February: the five years it reviews end with the year before
    "工作会议.txt": (
        "某新区2023年工作会议举行\n2023-02-11 10:20 来源：某新区管委会\n"
        "会议回顾总结新区5年成绩，安排部署2023年工作。\n"
        "五年来，直管区地区生产总值年均增长9.4%，固定资产投资年均增长13.7%。\n"
    ),
    # a month's news page: the month its title names, and the months so far (前9月) named in a paragraph
    "十月经济.txt": (
        "10月某省经济稳中向新\n\n2025-11-19 12:49:18 来源：某省统计局\n"
        "记者11月18日从某省统计局获悉，10月某省经济保持总体平稳。\n"
        "工业方面，规模以上工业增加值同比增长6.6%。\n"
        "服务业方面，前9月，规模以上服务业企业营业收入同比增长8.7%。\n"
    ),
    # a year's work summary looking back over the plan period so far: a result up to its year, no goal
    "工作总结.txt": (
        "某市2024年工作总结\n\n一、经济发展\n"
        "回顾“十四五”时期以来，我市地区生产总值增速连续四年超过6%。\n"
    ),
    # news of a 政府工作报告: a level measured against the year before (恢复到上年的) and the results after it
    "报告新闻.txt": (
        "某省十三届人大五次会议开幕，省长作《政府工作报告》。\n"
        "2020年某省地区生产总值恢复到上年的95%以上。进出口逆势增长8.8%。城镇新增就业75万人。\n"
    ),
    # a news piece without a date: 去年 cannot be counted, in its first clause or in those after the semicolon
    "去年新闻.txt": (
        "某省省长在省人大会议上作政府工作报告时指出，2013年该省经济社会发展的主要预期目标是：生产总值增长11%左右。\n"
        "据统计，去年某省生产总值达19701.78亿元，同比增长11.4%；公共财政总收入3008.91亿元，增长15.9%。\n"
    ),
    # news of a party congress in May: its 未来五年 are the next five whole years
    "党代会.txt": (
        "日期:2022-05-04 03:20:22 来源:网络\n某省未来五年目标:地区生产总值迈上2万亿元新台阶\n"
        "5月2日，某省第十三次党代会闭幕。大会擘画了未来五年的发展蓝图，奋斗目标为全省地区生产总值迈上2万亿元新台阶。\n"
    ),
}


@pytest.fixture(scope="session")
def span_years(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    con = refresh_texts(tmp_path_factory, "span_years", TEXTS)
    yield con
    con.close()


def _actual(con, file: str, value: float) -> dict:
    cur = con.execute(
        "SELECT * FROM marts.fct_indicator_actuals WHERE source_file = ? AND value = ?", [file, value])
    rows = cur.fetchall()
    assert len(rows) == 1, rows
    return dict(zip([d[0] for d in cur.description], rows[0], strict=True))


def test_a_level_reached_at_a_spans_end_is_of_the_year_after_zhi(span_years):
    assert _actual(span_years, "规划基础.txt", 8.57)["period_year"] == 2015
    assert _actual(span_years, "规划基础.txt", 15.25)["period_year"] == 2020


def test_a_ratio_of_the_same_period_last_year_is_of_the_year_before_the_report(span_years):
    before, now = _actual(span_years, "三季度经济.txt", 7.3), _actual(span_years, "三季度经济.txt", 6.7)
    assert (before["period_year"], before["period_label"]) == (2017, "前三季度")
    assert (now["period_year"], now["period_label"]) == (2018, "前三季度")


def test_a_base_value_naming_its_own_year_is_of_that_year_not_of_the_span_before_it(span_years):
    assert _actual(span_years, "十四五回顾.txt", 26.7)["period_year"] == 2020
    assert _actual(span_years, "十四五回顾.txt", 52.1)["period_year"] == 2025


def test_the_end_of_an_earlier_five_year_plan_is_its_last_year(span_years):
    assert _actual(span_years, "九五回顾.txt", 833)["period_year"] == 1995
    assert _actual(span_years, "九五回顾.txt", 1400)["period_year"] == 2000


def test_five_years_reviewed_early_in_a_year_end_with_the_year_before(span_years):
    a = _actual(span_years, "工作会议.txt", 9.4)
    assert (a["period_year"], a["period_label"], a["year_evidence"]) == (2022, "2018-2022年", "issue_date")


def test_a_single_month_and_the_months_so_far_are_dated_by_a_page_issued_just_after(span_years):
    month, so_far = _actual(span_years, "十月经济.txt", 6.6), _actual(span_years, "十月经济.txt", 8.7)
    assert (month["period_year"], month["period_label"]) == (2025, "10月")
    assert (so_far["period_year"], so_far["period_label"]) == (2025, "前三季度")


def test_a_result_since_a_plan_periods_start_is_of_the_report_year_not_a_goal_of_its_end(span_years):
    a = _actual(span_years, "工作总结.txt", 6)
    assert a["period_year"] == 2024
    assert span_years.execute("SELECT count(*) FROM marts.fct_plan_targets WHERE source_file = '工作总结.txt'"
                              ).fetchall() == [(0,)]


def test_a_level_measured_against_last_years_is_of_the_year_its_sentence_names(span_years):
    assert _actual(span_years, "报告新闻.txt", 95)["period_year"] == 2020
    assert _actual(span_years, "报告新闻.txt", 8.8)["period_year"] == 2020


def test_the_clauses_after_an_uncountable_last_year_have_no_year_and_say_why(span_years):
    for value in (19701.78, 3008.91):
        a = _actual(span_years, "去年新闻.txt", value)
        assert a["period_year"] is None and "cannot be counted" in a["confidence_reason"]


def test_the_next_five_years_of_a_text_given_after_the_first_quarter_start_next_year(span_years):
    rows = span_years.execute("SELECT target_year FROM marts.fct_plan_targets WHERE source_file = '党代会.txt'"
                              ).fetchall()
    assert rows == [(2027,)]
