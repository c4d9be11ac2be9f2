"""Numbers an analyst does not take as values (counts of categories, honours, a government's own work, gaps
to other periods and places, another place's figure), through the whole path (file on disk -> `plantrack refresh` ->
no warehouse row for them), beside a value of the same text that is published: one shared refresh."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import published_values, refresh_texts

pytestmark = [pytest.mark.slow, pytest.mark.integration]

TEXTS = {
    # a release's breadth of growth: how many industries there are and how many grew; the share is the value
    "行业增长面.txt": (
        "2024年1-5月某省工业经济运行情况\n\n一、工业生产\n"
        "1-5月，全省规模以上工业增加值同比增长6.6%。从行业增长面看，41个大类行业有23个行业保持增长，"
        "增长面为56.1%。\n"
    ),
    # a quarterly release: how many of the industries grew, said without naming them again
    "行业中有.txt": (
        "2031年前三季度某省工业经济运行情况\n\n"
        "前三季度，全省规模以上工业增加值同比增长9.0%。分行业看，38个行业大类中有33个增加值实现增长。\n"
    ),
    # a year's review: distinctions won beside the year's results
    "荣誉回顾.txt": (
        "某县2023年工作总结\n\n一、主要成效\n"
        "全年地区生产总值增长6.2%。荣获国家和省市荣誉112项，7家企业上榜全省民营企业100强。\n"
    ),
    # a plan's goal to win distinctions is a goal like any other
    "荣誉目标.txt": (
        "某区2021-2025年工业发展规划\n\n一、发展目标\n"
        "到2025年，规上工业产值达到500亿元，力争入围各类试点示范荣誉60个以上。\n"
    ),
    # a news page: its headline repeats the body's figure in its own short words (GDP) and names no year
    "标题重复.txt": (
        "某市长：去年全市GDP增长6.2%左右\n\n"
        "1月12日上午，某市第十五届人民代表大会第三次会议开幕，市长作政府工作报告。报告显示，"
        "2019年全市地区生产总值增长6.2%左右，一般公共预算收入增长3.5%。\n"
    ),
    # a year's review: how long a list of named things is (等5条), beside what the year built
    "名单长度.txt": (
        "某市2024年交通建设回顾\n\n一、主要成效\n"
        "全年完成交通投资320亿元，兰原、沿黄等5条高速公路建成通车。\n"
    ),
    # a year's review: a count that names the set whose own figure follows, beside a count of firms the
    # statistics count (规模以上)
    "项目集合.txt": (
        "某区2024年工作总结\n\n一、主要成效\n"
        "全区158个重点项目完成投资189.4亿元，69家规模以上工业企业实现总产值245.5亿元。\n"
    ),
    # a district's review: the tasks it completed, named before their count, beside its results
    "任务回顾.txt": (
        "某区2024年工作报告\n\n一、2024年工作回顾\n"
        "全年一般公共预算收入增长4.1%。完成市区级年度任务200项，为驻区单位办理服务事项1449件。\n"
    ),
    # a year's review: the effort of the government to bring in investment beside what it brought in
    "招商回顾.txt": (
        "某区2024年招商引资工作总结\n\n一、主要成效\n"
        "全年拜访目标企业150家，与78家央企合作，签约亿元以上项目27个。\n"
    ),
    # a district's half-year report: growth rates compared with other periods and with the nation, the
    # nation's own figure, a contribution in points, a share's change
    "江津区上半年经济运行.txt": (
        "重庆市江津区2031年上半年经济运行情况\n\n"
        "上半年，全区地区生产总值增长6.4%，比上年增速放缓1.7个百分点。\n"
        "规模以上工业增加值增长8.3%，增速比2030年减低2.2个百分点，降幅比5月收窄0.6个百分点。\n"
        "6月份，全区规模以上工业增加值同比增长11.6%，比5月份加快3.4个百分点。1-6月，工业投资增长20.5%，"
        "增速比上个月回升3.3个百分点。\n"
        "进口总额增长9.1%，好于全国12.4个百分点。\n"
        "值得一提的是，全国固定资产投资平均增速为20.6%，全区固定资产投资增长5.9%。\n"
        "新入库企业上拉全区工业产值增速2.5个百分点。常住人口城镇化率比上年末提高0.9个百分点。\n"
    ),
    # a county's review: how many tasks, 民生实事, policies and towns it speaks of, beside its results
    "县政府工作总结.txt": (
        "綦山县2031年工作总结\n\n"
        "全年推进117项改革任务，圆满完成13件重点民生实事，出台5大类27项助企政策。\n"
        "全县4个镇及2个街道乡村人口13.2万人，新增市场主体2816家。\n"
    ),
    # a news summary of a report, in bullets: the 民生实事 the government completed, counted, beside results
    "民生实事完成.txt": (
        "某市政府工作报告摘要\n\n■ 2031年成绩单\n"
        "●地区生产总值增长5.8%\n●10大类52项民生实事全部超额完成\n"
        "民生保障实现新提升，10件民生实事全面完成，城镇新增就业4.5万人。\n"
    ),
    # a plan-execution report: how many of the plan's indicators were met, beside a result
    "计划执行情况.txt": (
        "关于某区2031年国民经济和社会发展计划执行情况的报告\n\n一、2031年计划执行情况\n"
        "计划执行情况较好，12项主要预期目标中11项较好完成。37项指标完成或基本完成23项，未达预期14项。"
        "全年地区生产总值增长5.7%。\n"
    ),
    # a zone's year in review: a lead line says the round threshold its economy passed, the body the level
    "门槛与总量.txt": (
        "某高新区2031年经济运行情况\n\n"
        "经济总量突破1500亿，迈上新台阶。根据区县生产总值统一核算结果，高新区实现生产总值1510.3亿元，"
        "同比增长9.3%。\n"
    ),
    # a county's review: a threshold passed whose level the text does not give, beside another figure
    "门槛独有.txt": (
        "某县2031年政府工作报告\n\n一、2031年工作回顾\n"
        "固定资产投资56.1亿元、增长7.4%，财力总量首次突破50亿元。\n"
    ),
    # a province's report: the chains and clusters it works on, counted, beside clusters of a size class it
    # built (a value) and a goal
    "产业链集群.txt": (
        "某省2031年工业经济运行情况\n\n"
        "全省聚焦34条重点产业链，壮大7个先进制造业集群，拥有全部41个工业大类。\n"
        "全年规上工业增加值增长6.1%，形成4个千亿级产业集群。\n"
    ),
    # a province's monthly release in traditional characters: its cities counted with the rate each passes
    "盟市增速.txt": (
        "2031年1-7月某區工業經濟運行情況\n\n"
        "1-7月，全區規模以上工業增加值同比增長10.2%。分盟市看，通遼市、赤峰市和阿盟等6個盟市的工業增加值增速均超過了32%，"
        "快於全區平均水平。\n"
    ),
    # a district's half-year news: a lead gives GDP and its growth rounded, the body exactly, and a later line
    # says the 第三产业's pair again as 服务业
    "一数两说.txt": (
        "某区2031年上半年经济运行情况\n\n"
        "GDP达475亿，增长7.2%，位居全市首位；固定资产投资增长12.3%。\n"
        "统计数据显示，2031年上半年，全区地区生产总值完成475.09亿元，按可比价增长7.2%。"
        "其中，第三产业增加值完成266.50亿元，同比增长7.1%。\n"
        "分析人士表示，服务业增加值完成266.5亿元，同比增长7.1%，支撑作用明显。\n"
    ),
}


@pytest.fixture(scope="session")
def non_values(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    con = refresh_texts(tmp_path_factory, "non-values", TEXTS)
    yield con
    con.close()


def test_how_many_industries_there_are_and_how_many_grew_are_no_values(non_values):
    published = published_values(non_values, "行业增长面.txt")
    assert {6.6, 56.1} <= published
    assert not {41, 23} & published


def test_how_many_of_the_industries_counted_grew_is_no_value_when_the_industries_are_not_named_again(non_values):
    values = published_values(non_values, "行业中有.txt")
    assert 9.0 in values and not {38, 33} & values


def test_a_count_of_honours_won_is_no_value(non_values):
    published = published_values(non_values, "荣誉回顾.txt")
    assert 6.2 in published
    assert not {112, 7} & published


def test_honours_a_plan_sets_out_to_win_are_a_published_goal(non_values):
    assert {500, 60} <= published_values(non_values, "荣誉目标.txt")


def test_a_headline_repeating_a_figure_of_the_body_in_its_own_words_is_no_second_value(non_values):
    rows = non_values.execute("SELECT period_year FROM marts.fct_indicator_actuals WHERE source_file = ? "
                              "AND value = 6.2", ["标题重复.txt"]).fetchall()
    assert rows == [(2019,)]  # the body's, with its year
    assert 3.5 in published_values(non_values, "标题重复.txt")


def test_a_count_closing_a_list_of_names_given_in_part_is_no_value(non_values):
    published = published_values(non_values, "名单长度.txt")
    assert 320 in published
    assert 5 not in published


def test_a_count_that_names_the_set_whose_figure_follows_is_no_value(non_values):
    published = published_values(non_values, "项目集合.txt")
    assert {189.4, 245.5, 69} <= published
    assert 158 not in published


def test_a_count_of_a_governments_own_tasks_named_before_it_is_no_value(non_values):
    published = published_values(non_values, "任务回顾.txt")
    assert 4.1 in published
    assert not {200, 1449} & published


def test_the_governments_own_visits_and_partners_are_no_values(non_values):
    published = published_values(non_values, "招商回顾.txt")
    assert 27 in published
    assert not {150, 78} & published


def test_a_growth_rates_change_in_points_against_another_period_has_no_row(non_values):
    values = published_values(non_values, "江津区上半年经济运行.txt")
    assert {6.4, 8.3, 11.6, 20.5} <= values and not {1.7, 2.2, 0.6, 3.4, 3.3} & values


def test_a_gap_to_the_nation_said_as_better_than_has_no_row(non_values):
    values = published_values(non_values, "江津区上半年经济运行.txt")
    assert 9.1 in values and 12.4 not in values


def test_the_nations_figure_in_a_districts_text_has_no_row_and_the_districts_has(non_values):
    values = published_values(non_values, "江津区上半年经济运行.txt")
    assert 5.9 in values and 20.6 not in values


def test_a_contribution_and_a_shares_change_in_points_keep_their_rows(non_values):
    assert {2.5, 0.9} <= published_values(non_values, "江津区上半年经济运行.txt")


def test_counts_of_a_governments_own_tasks_policies_and_towns_have_no_row(non_values):
    values = published_values(non_values, "县政府工作总结.txt")
    assert {132000, 2816} <= values and not {117, 13, 27, 4} & values


def test_a_count_of_the_chains_and_clusters_a_government_works_on_is_no_value(non_values):
    published = published_values(non_values, "产业链集群.txt")
    assert {6.1, 4} <= published  # 4个千亿级产业集群: clusters of a size class, counted, are a value
    assert not {34, 7, 41} & published


def test_the_rate_each_of_a_counted_group_of_places_passes_is_no_value(non_values):
    published = published_values(non_values, "盟市增速.txt")
    assert 10.2 in published
    assert 32 not in published


def test_an_amount_and_its_growth_said_again_are_one_value_each_quoting_the_exact_sentence(non_values):
    rows = non_values.execute("SELECT value, quote FROM marts.fct_indicator_actuals WHERE source_file = ? "
                              "AND value IN (475, 475.09, 7.2, 266.5, 7.1) ORDER BY value",
                              ["一数两说.txt"]).fetchall()
    assert [v for v, _ in rows] == [7.1, 7.2, 266.5, 475.09]
    assert all("第三产业" in q for v, q in rows if v in (7.1, 266.5))
    assert all("475.09" in q for v, q in rows if v in (7.2, 475.09))


def test_how_many_of_a_governments_own_items_it_completed_is_no_value(non_values):
    values = published_values(non_values, "民生实事完成.txt")
    assert {5.8, 45000} <= values and not {10, 52} & values


def test_how_many_of_a_plans_indicators_were_met_is_no_value(non_values):
    values = published_values(non_values, "计划执行情况.txt")
    assert 5.7 in values and not {12, 11, 37, 23, 14} & values


def test_a_round_threshold_passed_is_no_value_when_the_text_gives_the_level_that_passed_it(non_values):
    values = published_values(non_values, "门槛与总量.txt")
    assert {1510.3, 9.3} <= values and 1500 not in values


def test_a_threshold_passed_stays_a_value_when_the_text_gives_no_level_of_its_indicator(non_values):
    assert {56.1, 50} <= published_values(non_values, "门槛独有.txt")
