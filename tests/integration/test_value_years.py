"""Every value's year through the whole path (file on disk -> `plantrack refresh` -> warehouse row), with the
evidence that gave it: texts in their own shapes, one shared refresh for all of them."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import refresh_texts

pytestmark = [pytest.mark.slow, pytest.mark.integration]

TEXTS = {
    # a bulletin's second page: its only years are a chart caption's range, everything else 比上年
    "公报第二页.txt": (
        "二、农业\n"
        "全年粮食产量12.5万吨，比上年增长2.1%。全年生猪出栏36.2万头，比上年增长4.4%。\n"
        "图4 2018年—2022年粮食产量\n"
    ),
    # a 政府工作报告: a heading over last year's results, another over this year's goals; 预计 of the
    # year reviewed
    "政府工作报告.txt": (
        "2025年綦江区人民政府工作报告\n"
        "——2025年1月10日在綦江区第五届人民代表大会第五次会议上\n"
        "一、2024年工作回顾\n"
        "过去一年，预计全年地区生产总值增长5.5%，规上工业增加值增长6.1%。\n"
        "二、2025年主要预期目标\n"
        "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n"
    ),
    # a news summary of a 政府工作报告: a dateline, ● last year's results, then ◆ this year's goals
    "报告要点.txt": (
        "2024年01月23日10:30 来源：南方日报\n"
        "报告指出：\n"
        "●2023年广东地区生产总值达到13.57万亿元、增长4.8%；\n"
        "●地方一般公共预算收入达1.39万亿元、增长4.3%；\n"
        "2024年广东经济社会发展主要预期目标是：\n"
        "◆地区生产总值增长5%；\n"
        "◆固定资产投资增长4%，社会消费品零售总额增长6%；\n"
    ),
    # a news piece without title or date whose opening names its year; later paragraphs only 上半年
    "上半年工业.txt": (
        "2018年上半年,天津市规模以上工业增加值比上年同期增长3.2%,比一季度加快3.1个百分点。\n"
        "制造业增速加快,拉动作用突出。上半年,制造业增加值同比增长4.3%,比一季度加快3.7个百分点。\n"
    ),
    # a saved news page: only its bar's issue date gives a year, and its words name no period
    "工业新闻.txt": (
        "我区工业经济稳中向好\n\n来源：区经信委 发布时间：2024-06-12 10:20 浏览次数：88\n\n"
        "全区规上工业增加值同比增长8.5%，规上工业企业营业收入增长6.2%。\n"
    ),
    # a dated page on a half year that had ended nine months before it: the issue date names no year
    "上半年经济.txt": (
        "我区经济运行稳中有进\n\n来源：区统计局 发布时间：2025-03-18 09:00\n\n"
        "上半年，全区地区生产总值增长6.1%，固定资产投资增长4.3%。\n"
    ),
    # the same shape issued shortly after the period it names: the issue date's year is that period's
    "前三季度经济.txt": (
        "我区经济运行稳中有进\n\n来源：区统计局 发布时间：2024-10-25 09:00\n\n"
        "前三季度，全区地区生产总值增长5.4%，固定资产投资增长3.7%。\n"
    ),
    # a 政府工作报告 without its date of delivery: 过去的一年 under the heading that reviews 2024
    "工作报告无日期.txt": (
        "2025年湟源县政府工作报告\n各位代表：\n一、2024年工作回顾\n"
        "过去的一年，地区生产总值增长7.2%；固定资产投资增长30.6%。\n"
    ),
    # an annual plan's goals measured 同比, under its heading of goals
    "年度计划.txt": (
        "紫阳县2025年国民经济和社会发展计划\n一、经济社会发展总体要求\n2025年，是“十四五”规划收官之年。\n"
        "二、经济社会发展预期目标\n"
        "地区生产总值同比增长6.6%以上，城乡居民人均可支配收入分别增长5.3%和6.7%。截至目前，全县规上工业企业已有121家。\n"
    ),
    # two items and their values listed in order, without 分别 before the values
    "收入公报.txt": (
        "2023年某县国民经济和社会发展统计公报\n\n一、人民生活\n"
        "全年城镇和农村常住居民人均可支配收入完成29092元、17191元，分别增长3.1%、6.4%。"
        "五年来，城乡居民人均可支配收入年均增长8.2%和11.6%。\n"
    ),
    # thresholds passed (首次突破…) beside the levels that passed them; a per-head figure beside the total's
    "突破公报.txt": (
        "2024年某市国民经济和社会发展统计公报\n\n一、综合\n"
        "全年地区生产总值首次突破2000亿元、达2010.9亿元，比上年增长6.0%。"
        "社会消费品零售总额实现405.3亿元，首次突破400亿元，同比增长15.2%。人均地区生产总值人民币71835元，增长6.0%。\n"
    ),
    # a figure restated in another currency, then its growth
    "汇率公报.txt": (
        "2015年某省国民经济和社会发展统计公报\n\n（二）人均地区生产总值\n"
        "全省人均地区生产总值40818元，按现行平均汇率计算为6554美元，比上年增长6.9%。\n"
    ),
    # a five-year review: a span from its base year to the year reviewed
    "五年回顾.txt": (
        "永川区政府工作报告\n——2022年1月8日在永川区第四届人民代表大会第一次会议上\n一、过去五年工作回顾\n"
        "过去五年，规上工业总产值从742亿元增加到1550.2亿元，年均增长15.3%。\n"
    ),
    # a review framed by its five years (过去五年…的五年) under a heading of the last one: a 从…到 in a paragraph
    # that speaks of the span starts from the year before the five; one in a paragraph of the last year alone does not
    "五年框架.txt": (
        "某县政府工作报告\n一、本届政府和2021年工作回顾\n过去五年，是某县发展历程中极不平凡的五年。\n"
        "这是综合实力显著增强的五年。地区生产总值从129.8亿元增长到325亿元，是2016年的2.5倍。\n"
        "2021年，全县城镇化率由60.1%提高到61.2%。\n"
    ),
    # one subject's values of several periods, each clause naming only its time
    "季度经济.txt": (
        "某市2018年前三季度经济运行情况\n\n一、主要指标\n"
        "全市规上工业增加值同比增长5.6%，9月份增长5.8%。地区生产总值的增长速度一季度为10.7%，上半年为10.9%。\n"
    ),
    # thresholds called 大关: one passed on the way to the level stated; two passed, no level stated
    "大关.txt": (
        "某区2024年国民经济和社会发展统计公报\n\n一、综合\n"
        "GDP突破700亿元大关、达到721.44亿元。社会消费品零售总额连续突破400亿元、500亿元大关。\n"
    ),
    # the three industries growing alike
    "三次产业.txt": (
        "某县2022年前三季度经济运行情况\n\n一、分产业\n"
        "第一产业实现增加值193.85亿元，同比增长4.0%；第三产业实现增加值515.14亿元，同比增长4.0%。\n"
    ),
    # news of a report's goals: the lead-in's own clause names their year, which is the year the page is of
    "浦东目标.txt": (
        "浦东新区召开人代会\n2026-01-22 08:30\n浦东新区第八届人民代表大会第六次会议昨天下午开幕。会议透露，"
        "2026年浦东新区经济社会发展的主要预期目标是：地区生产总值增长5%以上，规模以上工业总产值力争增长5%，"
        "一般公共预算收入增长2%。\n"
    ),
    # news of a five-year plan whose goal list names no year but the plan period its lead-in names
    "纲要目标.txt": (
        "记者3月3日从省政府新闻办公室举办的新闻发布会上获悉，《某省国民经济和社会发展第十四个五年规划和二〇三五年"
        "远景目标纲要》已发布。\n《纲要》明确了“十四五”发展6个方面具体目标：\n"
        "——高质量发展迈出更大步伐。经济运行在合理区间，地区生产总值达到3.6万亿元，人均生产总值达到9万元左右；\n"
        "——消费的基础性作用显著提升，居民人均消费支出达到2.5万元左右。\n"
    ),
    # a work plan's page that says which year it will work in, then its goals naming only 全年
    "新城目标.txt": (
        "2024年，某新城将坚持以高质量发展为首要任务，坚持产业立城、文化兴城、人才强城，不断增强发展动能。\n"
        "主要预期目标是：全年地区生产总值增长8%，固定资产投资增长10%，规上工业增加值增长12%。\n"
    ),
    # a year's goal, then what the months so far have done against it
    "目标进度.txt": (
        "厦门市2012年1-4月主要经济指标完成情况\n\n一、主要指标\n"
        "全市地区生产总值全年目标2890亿元，1-4月，已完成711.91亿元。\n"
    ),
    # a report's look back over a span: one list a year of it, the next lists after the semicolons too
    "三年回顾.txt": (
        "某开发区经济发展综述\n\n一、发展成效\n"
        "2016年至2018年，分别完成国内生产总值236.3亿元、314.5亿元、365亿元，预计年均增长24.5%；"
        "分别完成工业开票销售506亿元、639.4亿元、785亿元，预计年均增长27.9%。\n"
        "2019-2022年，工业投资分别为20.1亿元、25.2亿元、30.3亿元。\n"
    ),
}


@pytest.fixture(scope="session")
def value_years(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    con = refresh_texts(tmp_path_factory, "value-years", TEXTS)
    yield con
    con.close()


def _actual(con, file: str, value: float) -> dict:
    rows = con.execute(
        "SELECT * FROM marts.fct_indicator_actuals WHERE source_file = ? AND value = ?", [file, value]).fetchall()
    cols = [d[0] for d in con.description]
    assert len(rows) == 1, rows
    return dict(zip(cols, rows[0], strict=True))


def test_a_chart_captions_range_never_dates_a_value_with_its_first_year(value_years):
    a = _actual(value_years, "公报第二页.txt", 2.1)
    assert a["period_year"] != 2018
    if a["period_year"] is None:  # left empty, with the reason
        assert a["year_evidence"] == "none" and "left empty" in a["confidence_reason"]
    else:  # the span's last year (比上年 throughout), as weak evidence from the text
        assert (a["period_year"], a["year_evidence"]) == (2022, "text") and a["year_confidence"] <= 0.5


def test_an_estimate_of_the_reviewed_year_is_kept_flagged_and_dated_by_its_own_words(value_years):
    a = _actual(value_years, "政府工作报告.txt", 5.5)
    assert (a["period_year"], a["is_estimate"], a["year_evidence"]) == (2024, True, "own")
    assert "预计" in a["confidence_reason"]


def test_a_goal_under_this_years_heading_is_a_target_of_that_year_with_its_evidence(value_years):
    row = value_years.execute(
        "SELECT target_year, year_evidence, year_confidence FROM marts.fct_plan_targets "
        "WHERE source_file = '政府工作报告.txt' AND value = 6").fetchall()
    assert len(row) == 1 and row[0][0] == 2025
    assert row[0][1] in ("own", "sentence", "heading") and row[0][2] > 0


def test_a_value_without_a_year_takes_the_year_its_texts_opening_names_as_weak_evidence(value_years):
    a = _actual(value_years, "上半年工业.txt", 4.3)
    assert (a["period_year"], a["period_label"]) == (2018, "上半年")
    assert a["year_evidence"] == "text" and a["year_confidence"] <= 0.5


def test_a_value_whose_sentence_names_its_year_has_its_own_words_as_evidence(value_years):
    a = _actual(value_years, "上半年工业.txt", 3.2)
    assert (a["period_year"], a["year_evidence"]) == (2018, "own")


def test_a_summarys_results_are_actuals_of_last_year_and_its_goals_targets_of_this_year(value_years):
    gdp = _actual(value_years, "报告要点.txt", 135700)
    assert (gdp["period_year"], gdp["unit"], gdp["indicator_text"]) == (2023, "亿元", "地区生产总值")
    revenue = _actual(value_years, "报告要点.txt", 4.3)
    assert revenue["period_year"] == 2023 and "●" not in revenue["indicator_text"]
    goals = value_years.execute(
        "SELECT value, target_year FROM marts.fct_plan_targets WHERE source_file = '报告要点.txt' ORDER BY value"
    ).fetchall()
    assert goals == [(4.0, 2024), (5.0, 2024), (6.0, 2024)]


def test_a_news_dateline_is_no_value(value_years):
    taken = value_years.execute(
        "SELECT count(*) FROM marts.fct_indicator_actuals WHERE source_file = '报告要点.txt' AND value IN (10, 30, 23)"
    ).fetchone()[0]
    assert taken == 0


def test_a_value_only_an_issue_date_could_date_has_no_year_and_says_why(value_years):
    a = _actual(value_years, "工业新闻.txt", 8.5)
    assert a["period_year"] is None and a["year_evidence"] == "none"
    assert "only the issue date (2024-06-12)" in a["confidence_reason"]


def test_a_period_that_ended_long_before_the_issue_date_takes_no_year_from_it(value_years):
    a = _actual(value_years, "上半年经济.txt", 6.1)
    assert (a["period_year"], a["period_label"], a["year_evidence"]) == (None, "上半年", "none")
    assert "no 上半年 ended shortly before it" in a["confidence_reason"]


def test_a_period_that_ended_shortly_before_the_issue_date_takes_its_year(value_years):
    a = _actual(value_years, "前三季度经济.txt", 5.4)
    assert (a["period_year"], a["period_label"], a["year_evidence"]) == (2024, "前三季度", "issue_date")


def test_the_past_year_under_a_heading_reviewing_a_year_is_that_year_when_the_report_is_undated(value_years):
    a = _actual(value_years, "工作报告无日期.txt", 7.2)
    assert (a["period_year"], a["year_evidence"]) == (2024, "heading")
    assert _actual(value_years, "工作报告无日期.txt", 30.6)["period_year"] == 2024


def test_a_growth_measured_year_on_year_under_a_plans_heading_of_goals_is_a_goal_of_the_plans_year(value_years):
    goals = value_years.execute(
        "SELECT value, target_year FROM marts.fct_plan_targets WHERE source_file = '年度计划.txt' ORDER BY value"
    ).fetchall()
    assert goals == [(5.3, 2025), (6.6, 2025), (6.7, 2025)]


def test_a_result_under_a_plans_heading_of_goals_has_no_year_and_says_why(value_years):
    a = _actual(value_years, "年度计划.txt", 121)
    assert (a["period_year"], a["year_evidence"]) == (None, "none")
    assert "under a heading of goals" in a["confidence_reason"]


def test_values_listed_in_the_order_of_the_items_named_before_them_pair_without_fenbie(value_years):
    rows = value_years.execute(
        "SELECT indicator_text, period_year FROM marts.fct_indicator_actuals WHERE source_file = '收入公报.txt' "
        "ORDER BY value").fetchall()
    assert rows == [("农村常住居民人均可支配收入", 2023), ("城镇常住居民人均可支配收入", 2023),
                    ("城镇常住居民人均可支配收入增长", 2023), ("农村常住居民人均可支配收入增长", 2023),
                    ("城镇居民人均可支配收入", 2023), ("农村居民人均可支配收入", 2023)]


def test_a_threshold_passed_is_no_value_and_the_level_and_growth_after_it_are_the_subjects(value_years):
    rows = value_years.execute(
        "SELECT indicator_text, value FROM marts.fct_indicator_actuals WHERE source_file = '突破公报.txt' "
        "AND unit <> '%' ORDER BY char_start").fetchall()
    assert [r[0] for r in rows] == ["地区生产总值", "社会消费品零售总额", "人均地区生产总值"]
    assert 2000 not in [r[1] for r in rows] and 400 not in [r[1] for r in rows]
    assert _actual(value_years, "突破公报.txt", 15.2)["indicator_text"] == "社会消费品零售总额同比增长"


def test_a_per_head_growth_is_kept_beside_the_same_growth_of_the_total(value_years):
    growths = value_years.execute(
        "SELECT indicator_text FROM marts.fct_indicator_actuals WHERE source_file = '突破公报.txt' AND value = 6.0 "
        "ORDER BY char_start").fetchall()
    assert growths == [("地区生产总值比上年增长",), ("人均地区生产总值增长",)]


def test_a_figure_restated_at_an_exchange_rate_keeps_its_name_and_is_published_in_its_own_unit(value_years):
    # a figure is region, indicator, measure, unit and period: the 美元 figure is not a vintage of the 元 one
    # (it can judge a goal set in 美元), and says it is a restatement
    rows = value_years.execute(
        "SELECT indicator_text, unit, is_latest, confidence_reason FROM marts.fct_indicator_actuals_history "
        "WHERE source_file = '汇率公报.txt' AND unit <> '%' ORDER BY unit").fetchall()
    assert [r[:3] for r in rows] == [("人均地区生产总值", "亿元", True), ("人均地区生产总值", "亿美元", True)]
    assert "exchange rate" in rows[1][3]


def test_the_growth_after_a_currency_conversion_is_the_figures(value_years):
    a = _actual(value_years, "汇率公报.txt", 6.9)
    assert (a["indicator_text"], a["period_year"]) == ("人均地区生产总值比上年增长", 2015)


def test_a_span_over_the_years_reviewed_starts_from_the_year_before_them(value_years):
    rows = value_years.execute(
        "SELECT period_year, period_label FROM marts.fct_indicator_actuals WHERE source_file = '五年回顾.txt' "
        "AND unit <> '%' ORDER BY char_start, period_year").fetchall()
    assert [y for y, _ in rows] == [2016, 2021]
    assert _actual(value_years, "五年回顾.txt", 15.3)["period_year"] == 2021


def test_a_span_in_a_review_framed_by_its_years_starts_from_the_year_before_them(value_years):
    start = _actual(value_years, "五年框架.txt", 129.8)
    assert (start["period_year"], start["year_evidence"]) == (2016, "text")
    assert _actual(value_years, "五年框架.txt", 325)["period_year"] == 2021


def test_a_span_in_a_paragraph_of_one_year_takes_no_start_from_the_reviews_frame(value_years):
    start = _actual(value_years, "五年框架.txt", 60.1)
    assert (start["period_year"], start["year_evidence"]) == (None, "none")


def test_a_value_whose_words_name_only_a_time_is_the_subjects_just_named_of_that_time(value_years):
    a = _actual(value_years, "季度经济.txt", 5.8)
    assert (a["indicator_text"], a["period_label"], a["period_year"]) == ("规上工业增加值", "9月", 2018)
    b = _actual(value_years, "季度经济.txt", 10.9)
    assert (b["indicator_text"], b["period_label"]) == ("地区生产总值的增长速度", "上半年")


def test_a_threshold_called_a_milestone_is_the_subjects_and_none_when_the_level_follows(value_years):
    rows = value_years.execute(
        "SELECT indicator_text, value FROM marts.fct_indicator_actuals WHERE source_file = '大关.txt' "
        "ORDER BY char_start, value").fetchall()
    assert rows == [("GDP", 721.44), ("社会消费品零售总额", 500)]  # the higher threshold passed says it all


def test_the_same_growth_of_two_industries_is_two_values(value_years):
    rows = value_years.execute(
        "SELECT indicator_text FROM marts.fct_indicator_actuals WHERE source_file = '三次产业.txt' AND value = 4.0 "
        "ORDER BY char_start").fetchall()
    assert [r[0][:4] for r in rows] == ["第一产业", "第三产业"]


def test_what_the_months_so_far_have_done_against_the_years_goal_is_an_actual_of_those_months(value_years):
    a = _actual(value_years, "目标进度.txt", 711.91)
    assert (a["indicator_text"], a["period_year"], a["period_label"]) == ("地区生产总值", 2012, "1-4月")


def _target_years(con, file: str) -> dict[str, int | None]:
    rows = con.execute("SELECT value_raw, target_year FROM marts.fct_plan_targets WHERE source_file = ?", [file])
    return dict(rows.fetchall())


def test_goals_take_the_year_their_lead_in_names_in_its_own_clause(value_years):
    assert _target_years(value_years, "浦东目标.txt") == {"5": 2026, "2": 2026}


def test_goals_listed_after_a_lead_in_naming_a_plan_period_are_of_its_last_year(value_years):
    assert set(_target_years(value_years, "纲要目标.txt").values()) == {2025}


def test_goals_naming_no_year_are_of_the_one_year_the_text_says_it_will_work_in(value_years):
    assert _target_years(value_years, "新城目标.txt") == {"8": 2024, "10": 2024, "12": 2024}


def test_each_value_listed_over_a_span_of_years_takes_its_own_year_in_order(value_years):
    rows = value_years.execute(
        "SELECT value, period_year, year_evidence FROM marts.fct_indicator_actuals "
        "WHERE source_file = '三年回顾.txt' AND unit = '亿元' AND value < 1000 ORDER BY value").fetchall()
    got = {v: y for v, y, _ in rows}
    assert [got[v] for v in (236.3, 314.5, 365)] == [2016, 2017, 2018]
    assert [got[v] for v in (506, 639.4, 785)] == [2016, 2017, 2018]  # the list after the semicolon


def test_values_listed_over_a_span_of_another_count_of_years_have_no_year_and_say_why(value_years):
    a = _actual(value_years, "三年回顾.txt", 20.1)  # three values over four years: whose year is which is not said
    assert a["period_year"] is None and a["year_evidence"] == "none" and "listed over 2019-2022" in a["confidence_reason"]
