"""Years by evidence, or not at all: the pure functions behind each value's year_evidence."""

from __future__ import annotations

from datetime import date

from plantrack.extract import extract_statements
from plantrack.extract.mention_rules import estimate_of_period
from plantrack.extract.periods import named_year
from plantrack.model import Document, DocumentMeta


def _doc(text: str, **meta) -> Document:
    return Document("d", "x.txt", "txt", "utf-8", len(text.encode()), text, DocumentMeta(**meta))


def test_a_years_range_is_no_year_the_text_names():
    assert named_year("全年粮食产量12.5万吨。图4 2018年—2022年粮食产量")[0] is None


def test_bases_of_comparison_spans_starts_and_issue_dates_are_no_years_the_text_names():
    text = "2023年末，全县法人单位5943个，比2018年末增加2863个。扭转了2015年以来的局面。2023年…（2025年6月13日）"
    assert named_year(text)[:2] == (2023, 0.5)


def test_two_years_named_as_often_leave_the_text_without_a_year_and_say_why():
    year, _, reason = named_year("2022年增长5%，2023年增长6%。")
    assert year is None and "stands out" in reason


def test_an_estimate_names_the_period_it_estimates_a_projection_does_not():
    s = "预计全年地区生产总值增长5.5%"
    assert estimate_of_period(s, s.index("5.5"))
    s = "预计新增产值5.5亿元"
    assert not estimate_of_period(s, s.index("5.5"))
    s = "预计到2027年新增产值8.6亿元"
    assert not estimate_of_period(s, s.index("8.6"))


def test_a_value_borrowing_a_weak_document_year_is_left_empty_with_the_reason():
    st = extract_statements(_doc("全年粮食产量12.5万吨，比上年增长2.1%。\n图4 2018年—2022年粮食产量\n",
                                 doc_type="bulletin"))
    a = next(a for a in st.actuals if a.value == 2.1)
    assert a.period_year is None and a.year_evidence == "none"
    assert "left empty" in a.confidence_reason


def test_an_issue_date_and_the_texts_own_year_that_disagree_date_nothing_in_a_part_year_report():
    text = "1-9月，全县规模以上工业增加值增长5.1%。2021年同期增长3%，2021年全年增长4%。\n"
    st = extract_statements(_doc(text, doc_type="economic_report", issued_on=date(2023, 11, 3)))
    a = next(a for a in st.actuals if a.value == 5.1)
    assert a.period_year is None and "disagree" in a.confidence_reason


def test_a_later_year_a_part_year_report_names_is_a_deadline_and_leaves_its_issue_year_standing():
    text = ("1—9月，全县规模以上工业增加值增长5.1%。重点项目确保在2032年6月完成交付，"
            "2032年建成投用，力争2032年底前全面达产。\n")
    st = extract_statements(_doc(text, doc_type="economic_report", issued_on=date(2031, 11, 3)))
    a = next(a for a in st.actuals if a.value == 5.1)
    assert (a.period_year, a.period_label) == (2031, "前三季度")


def test_a_whole_year_review_issued_later_takes_the_year_its_words_name():
    text = "2025年，全省规上工业增加值增长6.9%。2025年汽车产量82万辆。\n"
    st = extract_statements(_doc(text, doc_type="release", issued_on=date(2026, 2, 5)))
    a = next(a for a in st.actuals if a.value == 6.9)
    assert a.period_year == 2025


def test_this_year_in_a_text_without_an_issue_date_is_not_counted_from_an_earlier_year():
    text = "荣获2022年度全省考核第三名。今年以来，新培育专精特新企业110户。\n"
    st = extract_statements(_doc(text, doc_type="release"))
    a = next(a for a in st.actuals if a.value == 110)
    assert a.period_year is None and "今年" in a.confidence_reason


def test_an_estimate_is_an_actual_of_the_year_under_review_flagged():
    text = "一、2024年工作回顾\n过去一年，预计全年地区生产总值增长5.5%。\n"
    st = extract_statements(_doc(text, doc_type="government_report", issued_on=date(2025, 1, 10),
                                 period_year=2024))
    a = next(a for a in st.actuals if a.value == 5.5)
    assert (a.period_year, a.is_estimate) == (2024, True)
    assert not [t for t in st.targets if t.value == 5.5]


def test_a_news_dateline_is_never_a_value():
    from plantrack.extract.mentions import find_mentions

    for line in ("2023年09月25日10:30 来源：新华网", "发布时间：2024年01月23日 09:15:06", "2024年1月23日09:15 浏览次数：1234"):
        assert find_mentions(line) == []


def test_a_growth_range_written_with_the_unit_twice_is_one_range():
    from plantrack.extract.mentions import find_mentions

    (m,) = find_mentions("地区生产总值增长5%—5.5%")
    assert (m.value, m.high, m.comparator) == (5.0, 5.5, "range")


def test_trillions_are_read_and_the_growth_is_named_by_its_indicator_not_its_clause():
    text = "●2023年广东地区生产总值达到13.57万亿元、增长4.8%；\n"
    st = extract_statements(_doc(text, doc_type="release"))
    level, growth = sorted(st.actuals, key=lambda a: a.char_start)
    assert (level.value, level.unit) == (135700.0, "亿元")
    assert "●" not in level.indicator_text and "万亿" not in growth.indicator_text
    assert growth.indicator_text.endswith("地区生产总值增长") and growth.period_year == 2023


def test_a_span_from_a_year_gives_its_start_to_that_year_and_its_end_to_the_year_reviewed():
    text = "一、过去五年工作回顾\n过去五年，全区地区生产总值从2017年的650亿元增加到1020亿元，年均增长7.7%。\n"
    st = extract_statements(_doc(text, doc_type="government_report", issued_on=date(2023, 1, 8), period_year=2022))
    start, end, avg = sorted(st.actuals, key=lambda a: a.value)[1], max(st.actuals, key=lambda a: a.value), \
        next(a for a in st.actuals if a.value == 7.7)
    assert (start.value, start.period_year) == (650, 2017)
    assert (end.value, end.period_year, end.measure) == (1020, 2022, "level")
    assert (avg.measure, avg.period_year, avg.period_label) == ("avg_growth", 2022, "2018-2022年")


def test_a_rates_change_against_another_period_is_not_a_value():
    st = extract_statements(_doc("上半年，规上工业增加值增长6.2%，增速比一季度加快3.1个百分点。\n", doc_type="release"))
    assert [a.value for a in st.actuals] == [6.2]


def test_bases_and_notes_date_nothing_else():
    text = ("2018年末，全县共有法人单位781个，比2013年末(2013年是第三次全国经济普查年份,下同)增加115个。"
            "产业活动单位1029个。截至2016年末，全县地方生产总值完成96.4亿元，是2011年的1.37倍。\n")
    st = extract_statements(_doc(text, doc_type="bulletin"))
    assert next(a for a in st.actuals if a.value == 1029).period_year == 2018
    assert next(a for a in st.actuals if a.value == 96.4).period_year == 2016


def test_a_goal_list_keeps_its_goals_across_its_semicolons_with_its_year():
    text = ("政府工作报告指出,2019年,河北经济社会发展的主要预期目标是:全省生产总值增长6.5%左右,"
            "固定资产投资增长6%以上;城镇登记失业率控制在4.5%以内;森林覆盖率达到35%。\n")
    st = extract_statements(_doc(text, doc_type="release"))
    assert sorted(t.value for t in st.targets) == [4.5, 6, 6.5, 35]
    assert {t.target_year for t in st.targets} == {2019}
    assert not st.actuals


def test_goals_without_a_year_take_the_year_the_text_sets_its_expected_goals_for():
    text = ("嘉陵省省长在会上作政府工作报告，提出2031年地区生产总值预期目标为增长5%以上。\n"
            "主要预期目标是：固定资产投资增长8%，社会消费品零售总额增长6%。\n")
    st = extract_statements(_doc(text, doc_type="release"))
    assert next(t for t in st.targets if t.value == 8).target_year == 2031


def test_goals_take_no_year_from_a_goal_the_text_reviews_as_completed():
    text = ("全县超额完成2030年预期目标。\n"
            "主要预期目标是：固定资产投资增长8%，社会消费品零售总额增长6%。\n")
    st = extract_statements(_doc(text, doc_type="release"))
    assert all(t.target_year != 2030 for t in st.targets)


def test_goals_take_the_year_the_report_sets_its_tasks_for():
    text = ("报告回顾了2030年工作，同时提出了2031年工作总体要求和目标任务。\n"
            "今年主要预期目标是：地区生产总值增长5%左右。\n")
    st = extract_statements(_doc(text, doc_type="release"))
    assert next(t for t in st.targets if t.value == 5).target_year == 2031


def test_a_two_year_average_since_a_base_year_dates_a_text_that_names_no_year_of_its_own():
    assert named_year("上半年全市地区生产总值同比增长11.4%，比2029年上半年增长7.1%，两年平均增长3.5%。")[0] == 2031


def test_an_estimate_opened_by_yuji_and_a_comma_governs_its_list():
    text = "预计，2031年全年地区生产总值增长6%左右；固定资产投资增长7.5%左右；社会消费品零售总额增长5%。\n"
    st = extract_statements(_doc(text, doc_type="release", issued_on=date(2032, 1, 20)))
    assert all(a.is_estimate for a in st.actuals if a.value in (6, 7.5, 5))
    assert {a.value for a in st.actuals} >= {6, 7.5, 5}


def test_a_stock_measured_since_the_end_of_a_year_dates_a_text_that_names_no_year_of_its_own():
    assert named_year("1至9月，全区经济运行平稳。市场主体存量3.6万户，较2030年末净增1.1万户。")[0] == 2031


def test_goals_take_the_year_a_reports_work_plan_heading_names():
    text = ("今年经济社会发展主要预期目标是：全县地区生产总值增长8%左右，固定资产投资增长10%左右。\n"
            "三、2031年主要工作安排\n"
            "（一）扩大有效投资。\n")
    st = extract_statements(_doc(text, doc_type="release"))
    assert next(t for t in st.targets if t.value == 8).target_year == 2031


def test_an_estimate_whose_level_passes_a_mark_estimates_the_period_under_review():
    assert estimate_of_period("预计全市地区生产总值突破9200亿元，同口径增长8.6%", 14)
    assert estimate_of_period("预计，西藏地区生产总值突破1400亿元", 14)


def test_an_estimate_naming_its_place_and_year_before_the_verb_estimates_that_year():
    s = "预计河北2022年生产总值增长3.8%左右"
    assert estimate_of_period(s, s.index("3.8"))


def test_an_estimate_whose_value_follows_its_subject_with_no_verb_estimates_the_period():
    s = "预计全省生产总值2.97万亿元、增长8%以上"
    assert estimate_of_period(s, s.index("2.97"))
    s = "会议提到，预计重庆去年新增社会融资规模5100亿元，中长期贷款余额增长15%"
    assert estimate_of_period(s, s.index("5100")) and estimate_of_period(s, s.index("15"))


def test_an_estimate_with_a_bracketed_note_before_its_verb_estimates_the_period():
    s = "预计全省生产总值同比(下同)增长5.8%左右，剔除房地产业后增长6.2%左右"
    assert estimate_of_period(s, s.index("5.8")) and estimate_of_period(s, s.index("6.2"))


def test_an_estimate_word_in_a_sentence_announcing_goals_or_what_will_be_done_sets_goals():
    # CONVENTIONS.md: 预计 … 目标/计划/将 over a period to come is a target
    text = "2031年全区经济社会发展的主要预期目标是：预计地区生产总值增长5.5%左右，一般公共预算收入增长5%左右。\n"
    st = extract_statements(_doc(text, doc_type="government_report", issued_on=date(2031, 1, 12), period_year=2030))
    assert {t.value: t.target_year for t in st.targets} == {5.5: 2031, 5: 2031} and not st.actuals
    text = "2031年，全区将坚持以高质量发展统揽全局，预计全区地区生产总值增长5.5%左右。\n"  # a news piece, undated
    st = extract_statements(_doc(text, doc_type="release", period_year=2030))
    assert {t.value: t.target_year for t in st.targets} == {5.5: 2031} and not st.actuals


def test_a_projection_after_a_project_is_built_is_still_no_estimate_of_the_period():
    s = "项目建成后预计年产值突破10亿元"
    assert not estimate_of_period(s, s.index("10"))


def test_a_value_followed_by_an_estimate_note_is_an_estimate_and_so_are_those_after_it():
    text = "全区地区生产总值增长4%（预计数，下同），地方一般公共预算收入增长2.6%。\n"
    st = extract_statements(_doc(text, doc_type="government_report", issued_on=date(2031, 1, 12), period_year=2030))
    assert {a.value: a.is_estimate for a in st.actuals if a.value in (4, 2.6)} == {4: True, 2.6: True}


def test_a_notes_year_dates_nothing_when_the_notes_own_full_stop_ends_the_sentence_inside_it():
    text = ("2030年末，全市共有法人单位41.1万个，比2025年末（2025年是第五次全国经济普查年份。下同）增加5.0万个；"
            "法人单位分支机构7.0万个，增加1.4万个。\n")
    st = extract_statements(_doc(text, doc_type="bulletin"))
    assert next(a for a in st.actuals if a.value == 70000).period_year == 2030


def test_an_estimate_after_its_subject_governs_the_rest_of_its_sentence_not_what_came_before():
    # CONVENTIONS.md: the word covers the values from itself up to 。, across ；
    text = ("地区生产总值增长6%；万元生产总值能耗预计下降3.5%，完成省下达任务；居民消费价格总水平上涨0.2%；"
            "城镇登记失业率3.86%。粮食产量104万吨。\n")
    st = extract_statements(_doc(text, doc_type="government_report", issued_on=date(2031, 1, 12), period_year=2030))
    flags = {a.value: a.is_estimate for a in st.actuals if a.value in (6, -3.5, 0.2, 3.86, 1040000)}
    assert flags == {6: False, -3.5: True, 0.2: True, 3.86: True, 1040000: False}


def test_an_estimate_opening_a_clause_governs_the_list_after_it():
    text = ("根据经济普查对地区生产总值的初步修订结果，预计全市地区生产总值突破9200亿元，增长8.6%；"
            "一般公共预算总收入1095亿元；城镇登记失业率2.7%。\n")
    st = extract_statements(_doc(text, doc_type="government_report", issued_on=date(2031, 1, 12), period_year=2030))
    assert all(a.is_estimate for a in st.actuals if a.value in (1095, 2.7))
    assert {a.value for a in st.actuals} >= {1095, 2.7}


def test_a_spans_start_after_a_value_never_dates_it():
    text = "全市地区生产总值4年平均增速达6.4%，在全省经济占比从2026年的20.8%提升至2030年的22.2%。\n"
    st = extract_statements(_doc(text, doc_type="bulletin", period_year=2030))
    assert next(a for a in st.actuals if a.value == 6.4).period_year != 2026


def test_a_year_after_zhi_opening_a_clause_is_a_year_the_text_names():
    assert named_year("至2020年底，全州重点产业实现增加值523.95亿元。")[0] == 2020


def test_the_second_year_of_a_range_written_with_zhi_is_still_no_year_of_its_own():
    assert named_year("2011至2016年，全县生产总值年均增长8%。") == named_year("全县生产总值年均增长8%。")


def test_a_look_back_under_a_review_heading_takes_the_headings_year_not_a_later_posting_date():
    text = "一、2020年工作回顾\n过去一年，我们攻坚克难。预计，地区生产总值增长0.5%，固定资产投资增长9%。\n"
    st = extract_statements(_doc(text, doc_type="government_report", issued_on=date(2022, 7, 11)))
    assert {a.period_year for a in st.actuals if a.value in (0.5, 9.0)} == {2020}


def test_a_year_named_after_a_value_dates_its_own_clause_not_the_sentences_after_it():
    text = ("一、过去五年工作回顾\n畜牧业总产值达到28.6亿元，成功获选2021年省级现代农业产业园。"
            "新型农业经营主体达到3800家。\n")
    st = extract_statements(_doc(text, doc_type="government_report", issued_on=date(2023, 2, 1), period_year=2022))
    a = next(a for a in st.actuals if a.value == 3800)
    assert (a.period_year, a.year_evidence) == (2022, "metadata")


def test_a_year_far_after_a_value_in_a_run_of_headlines_joined_without_stops_is_not_its_sentences_year():
    filler = "提升创新发展水平  牵头承接国家重大科技项目  推进重点领域改革  复制推广自贸试验区经验  " * 3
    text = f"在湘投资的世界500强企业达178家  {filler}2021年全省粮食总产稳定\n"
    st = extract_statements(_doc(text, doc_type="release"))
    a = next(a for a in st.actuals if a.value == 178)
    assert a.year_evidence != "sentence"
    near = extract_statements(_doc("在湘投资的世界500强企业达178家，2021年全省粮食总产稳定\n", doc_type="release"))
    assert next(a for a in near.actuals if a.value == 178).year_evidence == "sentence"


def test_the_start_of_a_span_without_its_year_is_left_empty_and_its_end_keeps_the_year():
    text = "战略性新兴产业占规上工业产值比重由15.1%提升到41.4%。\n"
    st = extract_statements(_doc(text, doc_type="government_report", issued_on=date(2022, 2, 10), period_year=2021))
    start = next(a for a in st.actuals if a.value == 15.1)
    assert start.period_year is None and "start of a span" in start.confidence_reason
    assert next(a for a in st.actuals if a.value == 41.4).period_year == 2021


def test_the_start_of_a_span_over_the_years_reviewed_is_the_year_before_them():
    text = "四年来，战略性新兴产业占规上工业产值比重由15.1%提升到41.4%。\n"
    st = extract_statements(_doc(text, doc_type="government_report", issued_on=date(2022, 2, 10), period_year=2021))
    assert next(a for a in st.actuals if a.value == 15.1).period_year == 2017  # 2018-2021 reviewed
    assert next(a for a in st.actuals if a.value == 41.4).period_year == 2021


def test_a_document_year_the_reader_found_disagreeing_is_not_guessed_again_from_the_text():
    text = "全省累计开工重大工程项目2144个，2024年达到3.55万亿元。累计新增就业超210万人。\n"
    reason = "no year in the title: 2024 is named once, in a text of 2025-11 (or later): the evidence disagrees"
    st = extract_statements(_doc(text, doc_type="release", issued_on=date(2025, 11, 20),
                                 sources={"issued_on": "implied"}, reasons={"period_year": reason}))
    a = next(a for a in st.actuals if a.value_raw == "210")
    assert a.period_year is None and "disagrees" in a.confidence_reason


def test_the_start_of_a_span_from_last_year_is_of_the_year_before_the_one_reported_on():
    text = "全年全区生产总值增长5%。产业结构构成由上年的22.26%、28.63%和49.11%调整为21.35%、29.12%和49.53%。\n"
    st = extract_statements(_doc(text, doc_type="bulletin", period_year=2023))
    years = {a.value_raw: a.period_year for a in st.actuals}
    assert years.get("22.26") == years.get("49.11") == 2022


def test_a_from_that_opens_no_span_leaves_the_year_alone():
    st = extract_statements(_doc("全年全区从事农业人口35万人，比上年增长2%。\n", doc_type="bulletin", period_year=2023))
    assert {a.period_year for a in st.actuals} == {2023}


def test_a_spans_start_year_is_not_carried_to_the_sentences_after_it():
    text = "三次产业结构由2000年的24.1:36.5:39.4调整为20.2:41.6:38.2。财政对“三农”的投入达1246.2亿元。\n"
    st = extract_statements(_doc(text, doc_type="release", period_year=2005))
    assert next(a for a in st.actuals if a.value_raw == "1246.2").period_year == 2005


def test_a_year_a_result_builds_on_is_its_base_not_its_time():
    text = "今年全省粮食产量占全国的比重达到9.8%，继2010年提高1.0个百分点的基础上，再次上升了0.6个百分点。\n"
    st = extract_statements(_doc(text, doc_type="release", issued_on=date(2011, 12, 20)))
    assert next(a for a in st.actuals if a.value == 0.6).period_year == 2011


def test_past_five_years_beside_a_part_year_in_a_heading_are_the_whole_years_before_it():
    text = "一、过去五年发展成就和2021年上半年工作回顾\n全县累计整合财政涉农资金24.7亿元。\n"
    st = extract_statements(_doc(text, doc_type="government_report", issued_on=date(2021, 7, 29)))
    a = next(a for a in st.actuals if a.value_raw == "24.7")
    assert (a.period_year, a.period_start.year) == (2020, 2016)


def test_a_time_reached_with_zhi_in_a_report_on_that_year_is_a_result_not_a_goal():
    text = "自2018年省委提出部署以来，全州坚持以此为突破口。至2020年底，全州重点产业实现增加值523.95亿元，占GDP比重达38%。\n"
    st = extract_statements(_doc(text, doc_type="release", period_year=2020))
    a = next(a for a in st.actuals if a.value == 523.95)
    assert a.period_year == 2020 and not any(t.value == 523.95 for t in st.targets)



def test_a_plan_whose_title_names_one_year_sets_goals_for_that_year_not_its_issue_year():
    text = "一、主要目标\n全年新增规上工业企业力争达到20家，工业投资增长10%以上。\n"
    st = extract_statements(_doc(text, title="高新区2024年工作要点", doc_type="plan", issued_on=date(2023, 12, 20)))
    assert {(t.value, t.target_year, t.year_evidence) for t in st.targets} == {
        (20, 2024, "plan_period"), (10, 2024, "plan_period")}


def test_a_plans_result_naming_no_year_is_left_empty_when_the_plan_was_issued_after_its_first_year():
    text = "全区现有规上工业企业150家。\n"
    st = extract_statements(_doc(text, title="制造业发展行动方案（2021-2025年）", doc_type="plan",
                                 plan_start_year=2021, plan_end_year=2025, issued_on=date(2023, 6, 1)))
    a = next(a for a in st.actuals if a.value == 150)
    assert a.period_year is None and "base year 2020 or a later one" in a.confidence_reason


def test_a_whole_year_named_in_a_news_page_issued_late_in_a_year_takes_no_year_from_the_issue_date():
    text = "全年，全区地区生产总值增长5.3%，社会消费品零售总额增长4.4%。\n"
    st = extract_statements(_doc(text, doc_type="release", period_label="全年", issued_on=date(2024, 10, 15)))
    a = next(a for a in st.actuals if a.value == 5.3)
    assert a.period_year is None and "no 全年 ended shortly before it" in a.confidence_reason


def test_a_bulletin_issued_late_in_the_next_year_is_still_of_the_year_before():
    text = "全年，全区地区生产总值增长5.3%，社会消费品零售总额增长4.4%。\n"
    st = extract_statements(_doc(text, doc_type="bulletin", period_label="全年", issued_on=date(2024, 10, 15)))
    assert next(a for a in st.actuals if a.value == 5.3).period_year == 2023


def test_a_year_after_the_one_an_undated_report_is_about_is_a_goals_year():
    text = ("2019年，全市地区生产总值增长6.3%。2019年城乡居民人均可支配收入增长8.6%。2019年城镇调查失业率5%。\n"
            "会议提出，2020年全市地区生产总值增长6%左右，社会消费品零售总额增长7.5%左右。\n")
    st = extract_statements(_doc(text, doc_type="news"))
    assert {a.value for a in st.actuals} >= {6.3, 8.6} and not {6.0, 7.5} & {a.value for a in st.actuals}
    assert {(t.value, t.target_year) for t in st.targets} >= {(6.0, 2020), (7.5, 2020)}


def test_a_value_in_a_paragraph_about_a_later_years_goals_takes_no_year_from_the_document():
    text = ("2023年，全省地区生产总值增长4.9%。2023年规模以上工业增加值增长5.9%。2023年原煤产量增长10.8%。\n"
            "2024年，全省将坚持高质量发展，预计全省地区生产总值增长5.5%左右。数字经济占比达到45%以上。\n")
    st = extract_statements(_doc(text, doc_type="news"))
    a = [a for a in st.actuals if a.value == 45]
    assert all(x.period_year is None and "goals" in x.confidence_reason for x in a)


def test_the_nations_figure_in_a_text_of_a_smaller_place_is_no_value_of_it():
    text = "前三季度，全国GDP增速是6.9%，本市则达到11%。值得一提的是，全国固定资产投资平均增速为20.6%。\n"
    st = extract_statements(_doc(text, doc_type="release", region_name="重庆市"))
    assert [a.value for a in st.actuals] == [11]


def test_national_designations_counted_by_a_smaller_place_stay_values():
    text = "全年创建全国绿色食品原料标准化生产基地50万亩，成功创建国家森林城市1个、全国生态文化村3个。\n"
    st = extract_statements(_doc(text, doc_type="release", region_name="楚雄州"))
    values = {a.value for a in st.actuals}
    assert 3 in values and values & {50, 500000}  # 50万亩, in whichever unit it is stored
