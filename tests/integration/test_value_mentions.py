"""Values found in the wordings and shapes real texts use (file on disk -> `plantrack refresh` -> warehouse row):
lists read with 分别, growth measured at a stated price basis, items one a line. One shared refresh for all."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import refresh_texts

pytestmark = [pytest.mark.slow, pytest.mark.integration]

TEXTS = {
    # two items (城乡) with their levels, then their growths, each pair joined by 和, in one 分别 clause
    "收入两组.txt": (
        "2019年某县人民政府工作报告\n\n一、2018年工作回顾\n"
        "一年来，城乡常住居民人均可支配收入分别达到37462元和17597元、增长7%和10%。\n"
    ),
    # 三次产业 lists its three industries, in order
    "三次产业比重.txt": (
        "2024年上半年某区经济运行情况\n\n一、综合\n"
        "三次产业增加值占全区生产总值的比重分别为9.0%、48.2%和42.8%。\n"
    ),
    # a second 分别 whose words name only a span of time lists the items the first one named
    "四年回顾.txt": (
        "2024年某市国民经济和社会发展统计公报\n\n一、人民生活\n"
        "城乡居民人均可支配收入分别达46527元、20077元，4年年均分别增长5.8%、8.1%。\n"
    ),
    # the price basis between a level and its growth (or before the growth alone) names no subject
    "价格口径.txt": (
        "2023年某县国民经济和社会发展统计公报\n\n一、综合\n"
        "2023年实现地区生产总值225.1亿元，按快报不变价格计算，同比下降8.2%。"
        "全县规上工业增加值96.4亿元，按可比价格计算增长6.6%。\n"
    ),
    # a summary page: one item per line, each ending on its figure, no stops
    "指标摘要.txt": (
        "2023年上半年某省经济运行情况\n\n主要经济指标持续恢复\n规上工业增加值增长5%\n高于全国1.2个百分点\n"
        "社会消费品零售总额增长8.7%\n高于全国0.5个百分点\n地方一般公共预算收入增长29.3%\n就业物价总体稳定\n"
    ),
    # a PDF's lines broken inside sentences: a figure at a line's end is carried on by the next line
    "折行报告.txt": (
        "2019年某县国民经济和社会发展计划执行情况\n\n一、2019年计划执行情况\n"
        "规模以上工业增加值增长\n3%\n以上。全社会固定资产投资增长\n8.1%\n，社会消费品零售总额\n"
        "增长6.2%\n。\n"
    ),
    # a plan's review of the five years before it: a span from a base year's figure to its end year's
    "规划纲要.txt": (
        "某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n第一章 发展基础\n"
        "地区生产总值从2015年的242.6亿元，跃升至2020年的527.6亿元。\n"
    ),
    # places' figures after the subject is named: each filed under its own place, never the province's
    "市州经济.txt": (
        "2021年前三季度贵州省市州经济运行情况\n\n一、经济总量\n"
        "前三季度，遵义地区生产总值3037.87亿元；毕节超过1500亿元，达到1585.86亿元；黔东南、安顺低于1000亿元。"
        "六盘水、安顺地区生产总值分别为1081.33亿元、819.17亿元。\n"
    ),
    # two items doubling together: one goal each, a change since the base year as the warehouse measures it
    "翻番规划.txt": (
        "某省国民经济和社会发展第十三个五年规划纲要\n\n第二章 发展目标\n"
        "到2020年，全省地区生产总值和城乡居民人均收入比2010年翻一番以上。\n"
    ),
    # a structure ratio changed from its base year's: both ratios are read as their parts, each of its year
    "产业结构比.txt": (
        "2022年某市国民经济和社会发展统计公报\n\n一、综合\n"
        "全年实现地区生产总值1425.2亿元，增长3.1%。三次产业结构由上年的8.7:47.1:44.2调整为8.3:48.1:43.6。\n"
    ),
    # 同比持平: no change on the year before; 与全市持平: level with another place, no value of its own
    "持平.txt": (
        "2024年某县国民经济和社会发展统计公报\n\n一、投资\n"
        "全年固定资产投资同比持平。社会消费品零售总额增长6.9%，与全市增速基本持平。\n"
    ),
    # a share's change on the same period a year before is a value; a growth rate's change is not
    "占比变化.txt": (
        "2024年上半年某区经济运行情况\n\n一、综合\n"
        "第三产业占比为56.1%，较去年同期提高1个百分点。规上工业增加值增长6%，增速较上年同期回落1.2个百分点。\n"
    ),
    # a growth on a base year, then the two-year average: both of the subject, not of the base
    "两年平均.txt": (
        "2021年一季度某区经济运行情况\n\n一、综合\n"
        "一季度，地区生产总值同比增长12.7%、比2019年一季度增长7.3%，两年平均增长3.6%。\n"
    ),
    # a growth after a semicolon, after the base it is measured on, names no subject: the clause before's
    "分号续句.txt": (
        "2022年某县国民经济和社会发展统计公报\n\n一、综合\n"
        "初步核算，2022年，全县实现生产总值（GDP）951435万元，按可比价格计算，比上年下降4.1%；与2020年相比，"
        "两年平均增长2.5%。1-8月，全县规模以上工业增加值同比增长6.5%，比1-7月加快0.7个百分点；两年平均增长6.6%。\n"
    ),
    # a growth whose clause names no subject, after a clause that names one and says how it went
    "无主语增速.txt": (
        "2021年1-11月某省经济运行情况\n\n一、投资\n"
        "1-11月，固定资产投资同比增长6.9%。其中，制造业投资支撑有力，同比增长15.3%，两年平均增长8.9%。\n"
    ),
    # grain counted in 市斤 (500 g), as most provinces write it
    "粮食产量.txt": (
        "2025年某省国民经济和社会发展统计公报\n\n一、农业\n全年粮食产量515.6亿斤，比上年增长1.2%。\n"
    ),
    # a list that writes its unit once, after its last number; a list of thresholds crossed stays no value
    "列表单位.txt": (
        "2022年某县国民经济和社会发展统计公报\n\n一、综合\n全年地区生产总值增长1.2%。"
        "三次产业对经济增长的拉动分别为0.15、-5.64、1.34个百分点。粮食产量连续越过800、900亿斤两个台阶。\n"
    ),
    # a summary without stops: each item runs into the next, a 分别 list among them
    "无标点摘要.txt": (
        "2024年某县国民经济和社会发展统计公报\n\n一、综合\n"
        "全年地区生产总值增长5%一般公共预算收入增长2.8%城乡居民人均可支配收入分别增长4.7%、6.6%粮食产量51.6亿斤\n"
    ),
    # livestock counted across kinds in one figure, and tens of thousands of a counted thing
    "牲畜.txt": (
        "2022年某县国民经济和社会发展统计公报\n\n二、农牧业\n全年出栏各类牲畜36.8万（头、只、匹）。"
        "牧业年度牲畜总头数达到63万头只，年末存栏牛羊11.2万头（只）。种植温室大棚1.3万座。\n"
    ),
    # areas, visits, containers and concentrations in the units statistics write them in
    "面积单位.txt": (
        "2023年某省国民经济和社会发展统计公报\n\n一、农业和旅游\n全年农作物总播种面积1.26亿亩，完成造林3.5万公顷。"
        "全年接待游客1.93亿人次。港口集装箱吞吐量1800万标准箱。细颗粒物（PM2.5）平均浓度32微克/立方米。\n"
    ),
    # percentages written in words, as older work reports write them
    "百分之.txt": (
        "2004年某自治区人民政府工作报告\n\n二、2004年主要预期目标\n"
        "全区生产总值增长百分之九，城市居民人均可支配收入增长百分之六点八，城镇登记失业率控制在百分之四以内。\n"
    ),
    # a count of days is a value of the 天数 it names; days elsewhere are a duration
    "天数.txt": (
        "2022年某县国民经济和社会发展统计公报\n\n五、环境\n"
        "城区空气质量优良天数272天，比上年增加29天。全县保持连续327天无新增本土病例。\n"
    ),
    # 均: each item listed has the value
    "均增长.txt": (
        "2024年某区人民政府工作报告\n\n二、2024年主要预期目标\n\n"
        "地区生产总值增长6%左右；固定资产投资、社会消费品零售总额均增长8%左右；"
        "城镇居民人均可支配收入和农民人均纯收入均增长7%。\n"
    ),
    # the level's rank or the step it climbed between the level and its growth
    "总量位次.txt": (
        "2025年某县国民经济和社会发展统计公报\n\n一、综合\n\n"
        "全县地区生产总值完成423.46亿元，总量稳居全市县域第一、全省县域前列，增长5.4%。"
        "一般公共预算收入30.2亿元，成功跨越三十亿新台阶，同比增长4.7%。\n"
    ),
    # amounts lost on the year before, with and without 比上年
    "面积减少.txt": (
        "2021年某县国民经济和社会发展统计公报\n\n一、农业和人口\n\n"
        "全年农作物种植面积12.5万亩。其中，稻谷种植面积93254亩，减少479亩。年末常住总人口31.2万人，比上年减少0.5万人。\n"
    ),
    # the same ratio as 三产结构, and with each part in %
    "三产结构.txt": (
        "2022年某县国民经济和社会发展统计公报\n\n一、综合\n"
        "全年实现地区生产总值152.3亿元，增长4.1%。三产结构由上年的33.8:8.6:57.6调整为29.2:6.4:64.4。\n"
    ),
    "结构百分比.txt": (
        "2023年某区国民经济和社会发展统计公报\n\n一、综合\n"
        "全年实现地区生产总值88.6亿元，增长5.2%。三次产业结构由上年的23.1%：20.5%：56.4%调整为23.1%：20.2%：56.7%。\n"
    ),
    # a summary's items, each a label, a colon and its figure (notes on a work report)
    "标签摘要.txt": (
        "2025年某省政府工作报告（笔记）\n\n一、2024年工作回顾\n\n• • 地区生产总值：14万亿元，连续36年全国第一\n\n"
        "• • 规模以上工业增加值：增长4.2%，企业约7.4万家\n\n• • 研发投入强度：3.6%左右\n"
    ),
}


@pytest.fixture(scope="session")
def value_mentions(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    con = refresh_texts(tmp_path_factory, "value-mentions", TEXTS)
    yield con
    con.close()


def _indicators(con, file: str) -> dict[str, str]:
    """value as written -> indicator"""
    return dict(con.execute(
        "SELECT value_raw, indicator_text FROM marts.fct_indicator_actuals WHERE source_file = ?", [file]).fetchall())


def test_a_fenbie_list_of_levels_then_growths_pairs_each_run_with_the_items_in_order(value_mentions):
    assert _indicators(value_mentions, "收入两组.txt") == {
        "37462": "城镇常住居民人均可支配收入", "17597": "农村常住居民人均可支配收入",
        "7": "城镇常住居民人均可支配收入增长", "10": "农村常住居民人均可支配收入增长"}


def test_three_industries_listed_with_fenbie_are_the_first_second_and_third(value_mentions):
    assert _indicators(value_mentions, "三次产业比重.txt") == {
        "9.0": "第一产业增加值占全区生产总值的比重", "48.2": "第二产业增加值占全区生产总值的比重",
        "42.8": "第三产业增加值占全区生产总值的比重"}


def test_a_fenbie_list_naming_only_a_span_of_time_lists_the_items_named_before(value_mentions):
    got = _indicators(value_mentions, "四年回顾.txt")
    assert got["5.8"].startswith("城镇居民人均可支配收入") and got["8.1"].startswith("农村居民人均可支配收入")


def test_a_price_basis_clause_names_no_subject_the_growth_is_the_levels(value_mentions):
    got = _indicators(value_mentions, "价格口径.txt")
    assert got["8.2"].startswith("地区生产总值") and got["6.6"].startswith("规上工业增加值")
    assert not any("按" in name or "价格" in name for name in got.values())


def test_items_listed_one_a_line_each_ending_on_its_figure_are_values_of_their_own_names(value_mentions):
    got = _indicators(value_mentions, "指标摘要.txt")
    assert got["8.7"].startswith("社会消费品零售总额") and got["29.3"].startswith("地方一般公共预算收入")
    assert "1.2" not in got and "0.5" not in got  # comparisons with the nation, no values


def test_a_figure_at_a_lines_end_that_the_next_line_carries_on_stays_in_its_sentence(value_mentions):
    got = _indicators(value_mentions, "折行报告.txt")
    assert got["3"].startswith("规模以上工业增加值") and got["8.1"].startswith("全社会固定资产投资")
    assert got["6.2"].startswith("社会消费品零售总额")


def test_a_spans_end_figure_is_the_subjects_and_in_a_plan_a_result_of_the_year_before_it(value_mentions):
    rows = value_mentions.execute(
        "SELECT indicator_text, period_year FROM marts.fct_indicator_actuals "
        "WHERE source_file = '规划纲要.txt' AND value_raw = '527.6'").fetchall()
    assert rows == [("地区生产总值", 2020)]
    assert value_mentions.execute(
        "SELECT count(*) FROM marts.fct_plan_targets WHERE source_file = '规划纲要.txt'").fetchone()[0] == 0


def test_a_figure_whose_words_name_only_a_place_is_filed_under_that_place(value_mentions):
    rows = dict((v, (r, i)) for v, r, i in value_mentions.execute(
        "SELECT value_raw, region_name, indicator_text FROM marts.fct_indicator_actuals "
        "WHERE source_file = '市州经济.txt'").fetchall())
    assert rows["1585.86"] == ("毕节市", "地区生产总值")
    assert rows["1081.33"] == ("六盘水市", "地区生产总值") and rows["819.17"] == ("安顺市", "地区生产总值")
    assert "1000" not in rows  # 黔东南、安顺低于1000亿元: two places' threshold, no one's figure


def test_two_items_doubling_together_are_one_goal_each_of_plus_100_percent(value_mentions):
    rows = value_mentions.execute(
        "SELECT indicator_text, target_kind, value, unit, target_year, baseline_year FROM marts.fct_plan_targets "
        "WHERE source_file = '翻番规划.txt' ORDER BY indicator_text").fetchall()
    assert rows == [("地区生产总值", "change_vs_base", 100.0, "%", 2020, 2010),
                    ("城乡居民人均收入", "change_vs_base", 100.0, "%", 2020, 2010)]


def test_a_structure_ratio_and_its_base_years_ratio_are_each_read_as_the_three_sector_shares(value_mentions):
    rows = value_mentions.execute(
        "SELECT period_year, indicator_text, value, unit FROM marts.fct_indicator_actuals "
        "WHERE source_file = '产业结构比.txt' AND indicator_text LIKE '第%产业占比'").fetchall()
    assert set(rows) == {
        (2021, "第一产业占比", 8.7, "%"), (2021, "第二产业占比", 47.1, "%"), (2021, "第三产业占比", 44.2, "%"),
        (2022, "第一产业占比", 8.3, "%"), (2022, "第二产业占比", 48.1, "%"), (2022, "第三产业占比", 43.6, "%")}


def test_a_structure_ratio_written_as_sanchan_or_with_its_parts_in_percent_is_read_as_the_three_shares(
        value_mentions):
    for file, year, base, now in (("三产结构.txt", 2022, (33.8, 8.6, 57.6), (29.2, 6.4, 64.4)),
                                  ("结构百分比.txt", 2023, (23.1, 20.5, 56.4), (23.1, 20.2, 56.7))):
        rows = value_mentions.execute(
            "SELECT period_year, indicator_text, value FROM marts.fct_indicator_actuals "
            "WHERE source_file = ? AND unit = '%' AND value_raw NOT IN ('4.1', '5.2')", [file]).fetchall()
        names = ("第一产业占比", "第二产业占比", "第三产业占比")
        assert set(rows) == {*((year - 1, n, v) for n, v in zip(names, base, strict=True)),
                             *((year, n, v) for n, v in zip(names, now, strict=True))}


def test_an_amount_lost_on_the_year_before_is_a_negative_change_of_its_subject(value_mentions):
    rows = value_mentions.execute(
        "SELECT value_raw, indicator_text, value, unit, measure, period_year FROM marts.fct_indicator_actuals "
        "WHERE source_file = '面积减少.txt' AND value_raw IN ('479', '0.5')").fetchall()
    assert {(r[0], r[2], r[3], r[4], r[5]) for r in rows} == {
        ("479", -479.0, "亩", "yoy_growth", 2021), ("0.5", -5000.0, "人", "yoy_growth", 2021)}
    assert all(name.startswith(("稻谷种植面积", "减少常住总人口", "常住总人口")) for _, name, *_ in rows)


def test_a_growth_after_the_levels_rank_or_the_step_it_climbed_is_the_levels(value_mentions):
    got = _indicators(value_mentions, "总量位次.txt")
    assert got["5.4"] == "地区生产总值增长" and got["4.7"] == "一般公共预算收入同比增长"


def test_a_value_that_each_item_listed_has_is_one_value_of_each_item(value_mentions):
    rows = value_mentions.execute(
        "SELECT indicator_text, value, target_year FROM marts.fct_plan_targets "
        "WHERE source_file = '均增长.txt' AND value IN (7, 8)").fetchall()
    assert set(rows) == {("固定资产投资", 8.0, 2024), ("社会消费品零售总额", 8.0, 2024),
                         ("城镇居民人均可支配收入", 7.0, 2024), ("农民人均纯收入", 7.0, 2024)}


def test_grain_counted_in_jin_is_a_value_in_tonnes(value_mentions):
    rows = value_mentions.execute(
        "SELECT indicator_text, period_year, value, unit FROM marts.fct_indicator_actuals "
        "WHERE source_file = '粮食产量.txt' AND value_raw = '515.6'").fetchall()
    assert rows == [("粮食产量", 2025, 515.6 * 5e4, "吨")]


def test_unchanged_on_the_year_before_is_a_growth_of_zero(value_mentions):
    rows = value_mentions.execute(
        "SELECT indicator_text, period_year, value, unit FROM marts.fct_indicator_actuals "
        "WHERE source_file = '持平.txt' ORDER BY value").fetchall()
    assert rows == [("固定资产投资", 2024, 0.0, "%"), ("社会消费品零售总额", 2024, 6.9, "%")]


def test_a_shares_change_on_the_same_period_a_year_before_is_a_value_of_the_share(value_mentions):
    rows = value_mentions.execute(
        "SELECT indicator_text, period_year, value_raw FROM marts.fct_indicator_actuals "
        "WHERE source_file = '占比变化.txt' AND unit_raw = '个百分点'").fetchall()
    assert rows == [("第三产业占比提高", 2024, "1")]


def test_a_two_year_average_growth_is_of_the_subject_not_of_the_base_year(value_mentions):
    got = _indicators(value_mentions, "两年平均.txt")
    assert got["7.3"].endswith("地区生产总值比2019年一季度增长") and got["3.6"].endswith("地区生产总值两年平均增长")


def test_every_number_of_a_list_that_writes_its_unit_once_is_a_value_in_that_unit(value_mentions):
    rows = value_mentions.execute(
        "SELECT indicator_text, value, unit FROM marts.fct_indicator_actuals "
        "WHERE source_file = '列表单位.txt' AND unit = 'pp' ORDER BY indicator_text").fetchall()
    assert rows == [("第一产业对经济增长的拉动", 0.15, "pp"), ("第三产业对经济增长的拉动", 1.34, "pp"),
                    ("第二产业对经济增长的拉动", -5.64, "pp")]
    assert not {"800", "900"} & set(_indicators(value_mentions, "列表单位.txt"))  # thresholds crossed


def test_a_fenbie_list_in_a_summary_without_stops_ends_with_its_values_and_starts_after_the_value_before(
        value_mentions):
    got = _indicators(value_mentions, "无标点摘要.txt")
    assert got["4.7"] == "城镇居民人均可支配收入" and got["6.6"] == "农村居民人均可支配收入"
    assert got["2.8"] == "一般公共预算收入"


def test_livestock_counted_in_heads_of_several_kinds_and_counts_in_wan_are_values_in_their_count_unit(
        value_mentions):
    rows = value_mentions.execute(
        "SELECT value_raw, value, unit FROM marts.fct_indicator_actuals WHERE source_file = '牲畜.txt'").fetchall()
    assert set(rows) == {("36.8", 368000.0, "头"), ("63", 630000.0, "头"), ("11.2", 112000.0, "头"),
                         ("1.3", 13000.0, "座")}


def test_areas_visits_containers_and_concentrations_are_values_in_their_units(value_mentions):
    rows = value_mentions.execute(
        "SELECT value_raw, value, unit FROM marts.fct_indicator_actuals WHERE source_file = '面积单位.txt'").fetchall()
    assert set(rows) == {("1.26", 1.26e8, "亩"), ("3.5", 3.5e4, "公顷"), ("1.93", 1.93e8, "人次"),
                         ("1800", 1.8e7, "标准箱"), ("32", 32.0, "微克/立方米")}


def test_a_percentage_written_in_words_is_a_value_in_percent(value_mentions):
    rows = value_mentions.execute(
        "SELECT indicator_text, value, unit, comparator, target_year FROM marts.fct_plan_targets "
        "WHERE source_file = '百分之.txt' ORDER BY value").fetchall()
    assert rows == [("城镇登记失业率", 4.0, "%", "<=", 2004), ("城市居民人均可支配收入", 6.8, "%", "=", 2004),
                    ("生产总值", 9.0, "%", "=", 2004)]


def test_days_are_a_value_of_the_count_of_days_named_and_elsewhere_a_duration(value_mentions):
    got = _indicators(value_mentions, "天数.txt")
    assert got["272"] == "城区空气质量优良天数" and "29" in got
    assert "327" not in got


def test_a_growth_after_a_semicolon_naming_no_subject_is_of_the_subject_of_the_clause_before(value_mentions):
    got = _indicators(value_mentions, "分号续句.txt")
    assert got["2.5"] == "生产总值（GDP）与2020年相比两年平均增长"  # the base year stays in the name
    assert got["6.6"] == "规模以上工业增加值两年平均增长"


def test_a_growth_naming_no_subject_is_of_the_subject_the_clause_before_it_names(value_mentions):
    got = _indicators(value_mentions, "无主语增速.txt")
    assert got["15.3"].startswith("制造业投资") and got["8.9"].startswith("制造业投资")


def test_a_figure_right_after_a_labels_colon_is_a_value_of_what_the_label_names(value_mentions):
    rows = value_mentions.execute(
        "SELECT value_raw, indicator_text, period_year FROM marts.fct_indicator_actuals "
        "WHERE source_file = '标签摘要.txt' AND value_raw IN ('14', '4.2', '3.6')").fetchall()
    assert set(rows) == {("14", "地区生产总值", 2024), ("4.2", "规模以上工业增加值增长", 2024),
                         ("3.6", "研发投入强度", 2024)}
