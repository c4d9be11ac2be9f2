"""Target, actual or estimate through the whole path (file on disk -> `plantrack refresh` -> warehouse row):
texts in their own shapes, one shared refresh for all of them."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import refresh_texts

pytestmark = [pytest.mark.slow, pytest.mark.integration]

TEXTS = {
    # a 政府工作报告 whose review gives its headline figures with a note that they, and those below, are
    # estimates; a result before the note, a goals section and a later section after it
    "报告下同.txt": (
        "某县人民政府工作报告\n"
        "——2024年1月8日在某县第十八届人民代表大会第三次会议上\n"
        "一、2023年工作回顾\n"
        "过去一年，全县新增市场主体1.2万户。\n"
        "（一）经济稳中向好。全年地区生产总值达到420亿元，增长5.6%（预计，同比，下同）；规上工业增加值增长7.2%。\n"
        "（二）园区发展加快。县产业园实现技工贸总收入310亿元。\n"
        "二、2024年工作安排\n"
        "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n"
        "三、政府自身建设\n"
        "全年办理人大代表建议126件，办结率100%。\n"
    ),
    # a news piece on a report's five-year goals: no title year, no date, no period; the only year it names
    # is the deadline (到2027年), and the paragraph after it goes on with goals in the plain present
    "蓝图新闻.txt": (
        "未来五年蓝图绘就\n"
        "本报1月20日讯 政府工作报告描绘了未来五年全市经济社会发展的蓝图。\n"
        "到2027年，全市地区生产总值迈上新台阶，一般公共预算收入年均增长6%以上。\n"
        "生态环境持续改善，森林覆盖率达到45.5%，城市生活垃圾回收利用率达到40%。\n"
    ),
    # a 预计 after its subject, mid-sentence (after a result, before a ； list): it covers the rest of its
    # sentence, not what came before it nor the next sentence
    "预计句中.txt": (
        "某经开区2030年前三季度经济运行情况\n"
        "2030年10月20日\n"
        "1-9月，经开区实现生产总值增长11%，固定资产投资预计完成520亿元；工业投资完成164.77亿元；"
        "社会消费品零售总额完成240亿元。规上工业企业新增38家。\n"
    ),
    # a report's 预计 naming its subject with no verb before the value, and a bracketed note before a verb
    "预计无动词.txt": (
        "某市人民政府工作报告\n"
        "——2031年1月10日在某市第十届人民代表大会第五次会议上\n"
        "一、2030年工作回顾\n"
        "预计全市地区生产总值2970亿元，同比(下同)增长8%以上，剔除房地产业后增长8.5%左右。全年新增城镇就业5.2万人。\n"
    ),
    # a review naming goals it met (完成…目标, 控制在预期目标以内) or whom its work went to (目标企业): results
    "回顾目标.txt": (
        "某区人民政府工作报告\n"
        "——2031年1月12日在某区第九届人民代表大会第四次会议上\n"
        "一、2030年工作回顾\n"
        "全年城镇新增就业1354人，就业困难人员就业375人，均超额完成市定目标任务。\n"
        "物价涨幅控制在预期目标以内，居民消费价格同比上涨2.6%。\n"
        "区级领导带队招商考察32次，拜访目标企业150家，签约亿元以上项目27个。\n"
    ),
    # a five-year plan recalling the level a past year reached (从2015年的X增加到2020年的Y), then its goal
    "规划回顾.txt": (
        "某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n"
        "2021年2月3日\n"
        "“十三五”时期，全市综合实力持续增强。全市财政总收入从2015年的50.22亿元增加到2020年的62.89亿元，"
        "年均递增4.58%。\n"
        "到2025年，全市财政总收入达到80亿元。\n"
    ),
    # a report's goals worded with 预计 (主要预期目标是：预计…), after its review's own 预计 estimates
    "预计目标.txt": (
        "某区人民政府工作报告\n"
        "——2031年1月12日在某区第九届人民代表大会第四次会议上\n"
        "一、2030年工作回顾\n"
        "预计全区地区生产总值增长4.6%。\n"
        "二、2031年工作安排\n"
        "2031年全区经济社会发展的主要预期目标是：预计地区生产总值增长5.5%左右，一般公共预算收入增长5.2%左右。\n"
    ),
    # a goals list naming 实际使用外资 / 实际利用外资 (an indicator's name, not 实际 "in fact" after a goal)
    # mid-list and in a sentence of its own, with goals after it
    "外资目标.txt": (
        "某省今年主要预期目标确定\n"
        "本报1月15日讯 2031年，某省发展的主要预期目标是：地区生产总值增长6%左右；进出口增长3%，"
        "实际使用外资增长4%；社会消费品零售总额增长7%。实际利用外资年均增速高于全国，省会生产总值突破1800亿元。\n"
    ),
    # a news piece on a report: a paragraph whose first sentence looks ahead (今后五年) and whose next names no
    # time; another whose goal year is followed by a sentence on a past year, then one naming none
    "今后五年.txt": (
        "2031-01-25 09:09:48 某省日报\n"
        "1月24日，某省人大会议开幕，省长作政府工作报告。\n"
        "报告指出，今后五年，要努力推动全省综合实力迈上新台阶。常住人口城镇化率达到68%，森林覆盖率达到46%。\n"
        "报告提出，到2035年基本实现现代化。2030年，全省上下攻坚克难。全年地区生产总值增长4.8%。\n"
    ),
    # a news page of a report's year ahead: its goals lead-in, then work paragraphs under task headings naming
    # no time, then a sentence on last year
    "工作安排新闻.txt": (
        "某区今年这样干\n"
        "本报1月19日讯 区长在会上介绍了今年的工作安排。\n"
        "主要预期目标是：全年地区生产总值增长6%，固定资产投资增长8%。\n"
        "一、全力增强发展动能\n"
        "一是提升招商成效。全年引进亿元以上项目30个，新增标准化厂房20万平方米。\n"
        "二是扩大消费。引进首店品牌50家，打造夜间消费集聚区3个。\n"
        "去年，全区社会消费品零售总额增长7.3%。新增市场主体1.2万户。\n"
    ),
    # news pages that do not say when they were written: a five-year span named with words that set goals
    # (力争), a 由X增加到Y inside it; and a span named with what was done (已完成)
    "十二五目标.txt": (
        "某市“十二五”发展目标确定\n"
        "记者从27日召开的市政府常务会上获悉，“十二五”期间，某市力争实现“两个翻番”。"
        "GDP总量由3700亿元增加到7400亿元，年均增长14.5%以上。\n"
    ),
    "十二五回顾.txt": (
        "某县“十二五”发展回顾\n"
        "记者从27日召开的县政府常务会上获悉，“十二五”期间，某县地区生产总值年均增长10.5%，已完成规划目标。\n"
    ),
    # a 计划执行情况 report: each line opens with the year's plan (年计划完成…), then what was done so far, the
    # estimate and the share of the plan met; signed projects' own planned investment is what was signed
    "计划执行.txt": (
        "关于某市2030年国民经济和社会发展计划执行情况与2031年计划草案的报告\n"
        "一、2030年计划执行情况\n"
        "——年计划完成地区生产总值617亿元以上，1—9月完成428.3亿元，同比增长2.2%，全年预计完成600亿元，完成年计划的97%。\n"
        "——年计划固定资产投资增长9%以上，1—10月完成170.6亿元，同比增长7.9%。\n"
        "全年新签约工业项目42个，计划总投资140.62亿元。\n"
    ),
    # a news repost in traditional characters: a year's project goals, then their parts (其中…；…) in the
    # next sentence; and a report's result with its 其中 part
    "項目建設目標.txt": (
        "廣西“項目建設年”目標確定\n"
        "新華社南寧3月17日電 廣西“項目建設年”項目建設目標為，1000萬元以上投資項目5132個，總投資23395億元，"
        "年度投資4910億元。其中新開工項目2191個，總投資15237億元，年度投資1460億元；續建項目1999個，"
        "總投資5594億元。\n"
        "去年，全區完成固定資產投資8520億元，其中工業投資2164億元。\n"
    ),
    # a year-end news piece: its headline calls the year's estimate a 目标, the body says 预计 with a Latin
    # acronym for the indicator (GDP)
    "预计GDP.txt": (
        "某市人代会开幕，2031年GDP目标直指3.2万亿元\n\n"
        "时间:2032-01-19 13:38:45 来源:\n\n"
        "某市第六届人民代表大会第三次会议于1月19日上午开幕。政府工作报告指出，2031年某市预计GDP达到3.2万亿元，"
        "增长5.7%左右，城镇调查失业率4.2%左右。\n"
    ),
    # a report's review in traditional characters: an estimate word covers a value written in words (持平)
    "預計持平.txt": (
        "某市人民政府工作報告\n"
        "——2031年1月15日在某市第十屆人民代表大會第五次會議上\n"
        "一、2030年工作回顧\n"
        "預計全市GDP增長5.2%左右，CPI與上年基本持平，城鎮調查失業率4.2%左右。\n"
    ),
    # a news piece on a report's goals: the goal words come first, an estimate word later in the sentence
    "目标预计.txt": (
        "2031年某市政府工作报告展示了城市发展的蓝图。报告中，某市设定了地区生产总值、固定资产投资均增长百分之五左右的"
        "目标，同时商品进出口总值预计增长百分之三。\n"
    ),
}


@pytest.fixture(scope="session")
def value_kinds(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    con = refresh_texts(tmp_path_factory, "value-kinds", TEXTS)
    yield con
    con.close()


def _estimate(con, file: str, value: float) -> bool:
    rows = con.execute("SELECT is_estimate FROM marts.fct_indicator_actuals WHERE source_file = ? AND value = ?",
                       [file, value]).fetchall()
    assert len(rows) == 1, rows
    return rows[0][0]


def _target_years(con, file: str, value: float) -> list[int | None]:
    return [r[0] for r in con.execute(
        "SELECT target_year FROM marts.fct_plan_targets WHERE source_file = ? AND value = ?", [file, value]
    ).fetchall()]


def test_a_note_that_the_figures_below_are_estimates_flags_them_to_the_end_of_its_section(value_kinds):
    assert _estimate(value_kinds, "报告下同.txt", 420)  # the clause the note closes
    assert _estimate(value_kinds, "报告下同.txt", 7.2)  # after it, in its paragraph
    assert _estimate(value_kinds, "报告下同.txt", 310)  # a later subsection of the same section


def test_a_result_before_the_estimate_note_stays_an_actual(value_kinds):
    assert not _estimate(value_kinds, "报告下同.txt", 12000)


def test_the_estimate_note_ends_with_its_section(value_kinds):
    assert not _estimate(value_kinds, "报告下同.txt", 126)
    assert _target_years(value_kinds, "报告下同.txt", 6) == [2024]


def test_a_text_looking_ahead_to_the_one_year_it_names_as_a_deadline_states_goals_for_it(value_kinds):
    for value in (45.5, 40):
        assert _target_years(value_kinds, "蓝图新闻.txt", value) == [2027]
        taken = value_kinds.execute("SELECT count(*) FROM marts.fct_indicator_actuals WHERE source_file = ? "
                                    "AND value = ?", ["蓝图新闻.txt", value]).fetchall()[0][0]
        assert taken == 0


def test_an_estimate_word_covers_the_values_after_it_to_the_end_of_its_sentence(value_kinds):
    for value in (520, 164.77, 240):  # its own clause, then the ； clauses after it
        assert _estimate(value_kinds, "预计句中.txt", value)


def test_a_value_before_the_estimate_word_or_after_its_sentence_stays_an_actual(value_kinds):
    assert not _estimate(value_kinds, "预计句中.txt", 11)
    assert not _estimate(value_kinds, "预计句中.txt", 38)


def test_an_estimate_word_with_no_verb_before_its_value_still_estimates_the_period(value_kinds):
    for value in (2970, 8, 8.5):  # 预计全市地区生产总值2970亿元, 同比(下同)增长8%以上, 剔除…增长8.5%
        assert _estimate(value_kinds, "预计无动词.txt", value)
    assert not _estimate(value_kinds, "预计无动词.txt", 52000)  # the next sentence: 5.2万人


def test_a_review_naming_the_goals_it_met_or_whom_its_work_went_to_states_results(value_kinds):
    for value in (1354, 375, 2.6, 27):  # (拜访…150家: an activity count, no value)
        assert not _estimate(value_kinds, "回顾目标.txt", value)  # one actual row each
        assert _target_years(value_kinds, "回顾目标.txt", value) == []


def test_a_level_a_past_year_reached_in_a_plan_is_that_years_result_not_a_goal(value_kinds):
    for value in (62.89, 4.58):
        assert not _estimate(value_kinds, "规划回顾.txt", value)  # one actual row each
        assert _target_years(value_kinds, "规划回顾.txt", value) == []
    assert _target_years(value_kinds, "规划回顾.txt", 80) == [2025]


def test_an_estimate_word_in_a_sentence_announcing_goals_sets_goals(value_kinds):
    assert _estimate(value_kinds, "预计目标.txt", 4.6)  # the review's estimate stays one
    for value in (5.5, 5.2):
        assert _target_years(value_kinds, "预计目标.txt", value) == [2031]


def test_actual_use_of_foreign_capital_named_in_a_goals_list_is_a_goal_and_does_not_end_the_list(value_kinds):
    for value in (4, 7, 1800):  # 实际使用外资增长4%, the clause after it, the sentence after 实际利用外资…
        assert _target_years(value_kinds, "外资目标.txt", value) == [2031]
        taken = value_kinds.execute("SELECT count(*) FROM marts.fct_indicator_actuals WHERE source_file = ? "
                                    "AND value = ?", ["外资目标.txt", value]).fetchall()[0][0]
        assert taken == 0


def test_a_sentence_after_one_naming_a_goal_time_in_its_paragraph_states_goals_of_that_time(value_kinds):
    for value in (68, 46):  # 今后五年 in a text of 2031: the five years to 2035
        assert _target_years(value_kinds, "今后五年.txt", value) == [2035]


def test_a_sentence_naming_a_past_year_ends_the_goal_time_of_its_paragraph(value_kinds):
    assert _target_years(value_kinds, "今后五年.txt", 4.8) == []
    assert not _estimate(value_kinds, "今后五年.txt", 4.8)  # one actual row


def _actual_count(con, file: str, value: float) -> int:
    return con.execute("SELECT count(*) FROM marts.fct_indicator_actuals WHERE source_file = ? AND value = ?",
                       [file, value]).fetchall()[0][0]


def test_work_paragraphs_after_a_reports_goals_lead_in_state_goals_until_the_text_looks_back(value_kinds):
    for value in (30, 200000, 50, 3):  # the task paragraphs after 主要预期目标是：…
        assert _target_years(value_kinds, "工作安排新闻.txt", value) == [None]  # (no year the text names)
        assert _actual_count(value_kinds, "工作安排新闻.txt", value) == 0
    for value in (7.3, 12000):  # 去年… and the sentence after it: results
        assert _target_years(value_kinds, "工作安排新闻.txt", value) == []
        assert _actual_count(value_kinds, "工作安排新闻.txt", value) == 1


def test_a_five_year_span_named_with_goal_words_in_an_undated_text_sets_goals_of_its_end(value_kinds):
    for value in (7400, 14.5):
        assert _target_years(value_kinds, "十二五目标.txt", value) == [2015]
        assert _actual_count(value_kinds, "十二五目标.txt", value) == 0


def test_the_start_of_a_goals_span_is_the_level_reached_in_the_base_year(value_kinds):
    rows = value_kinds.execute("SELECT period_year FROM marts.fct_indicator_actuals WHERE source_file = ? "
                               "AND value = 3700", ["十二五目标.txt"]).fetchall()
    assert rows == [(2010,)]
    assert _target_years(value_kinds, "十二五目标.txt", 3700) == []


def test_a_five_year_span_named_with_what_was_done_stays_a_review(value_kinds):
    assert _target_years(value_kinds, "十二五回顾.txt", 10.5) == []
    assert _actual_count(value_kinds, "十二五回顾.txt", 10.5) == 1


def test_a_value_the_years_plan_opens_its_clause_with_is_that_years_goal(value_kinds):
    for value in (617, 9):  # 年计划完成地区生产总值617亿元 / 年计划固定资产投资增长9%
        assert _target_years(value_kinds, "计划执行.txt", value) == [2030]
        assert _actual_count(value_kinds, "计划执行.txt", value) == 0
    for value in (428.3, 170.6):  # what was done against the plan
        assert _target_years(value_kinds, "计划执行.txt", value) == []
        assert _actual_count(value_kinds, "计划执行.txt", value) == 1
    assert _actual_count(value_kinds, "计划执行.txt", 140.62) == 1  # signed projects' own 计划总投资


def test_the_parts_listed_after_a_goals_total_are_goals_and_after_a_results_total_results(value_kinds):
    for value in (2191, 1460, 1999, 5594):  # 其中新开工项目2191个…；续建项目1999个…
        assert _actual_count(value_kinds, "項目建設目標.txt", value) == 0
        assert len(_target_years(value_kinds, "項目建設目標.txt", value)) == 1
    for value in (8520, 2164):
        assert _actual_count(value_kinds, "項目建設目標.txt", value) == 1
        assert _target_years(value_kinds, "項目建設目標.txt", value) == []


def test_an_estimate_word_before_a_latin_acronym_subject_estimates_the_period(value_kinds):
    for value in (32000, 5.7, 4.2):  # 预计GDP达到3.2万亿元 (in 亿元), 增长5.7%左右, 失业率4.2%左右
        assert _estimate(value_kinds, "预计GDP.txt", value)


def test_a_headline_calling_the_bodys_estimate_a_goal_adds_no_goal(value_kinds):
    assert _target_years(value_kinds, "预计GDP.txt", 32000) == []


def test_an_estimate_word_covers_a_value_written_in_words_in_its_sentence(value_kinds):
    assert _estimate(value_kinds, "預計持平.txt", 0)
    assert _estimate(value_kinds, "預計持平.txt", 4.2)


def test_an_estimate_word_after_the_goal_words_of_its_sentence_states_a_goal(value_kinds):
    assert len(_target_years(value_kinds, "目标预计.txt", 3)) == 1 and _actual_count(value_kinds, "目标预计.txt", 3) == 0
