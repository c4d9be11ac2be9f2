"""Indicator tables read for their values: year columns, an 属性 column anywhere, release tables."""

import pytest

from plantrack.extract import extract_statements

from .helpers import assert_quotes, by_value, make_doc, table


def _st(text, **kw):
    doc = make_doc(text, **kw)
    st = extract_statements(doc)
    assert_quotes(doc, st)
    return st


_ROWS = (["规上工业总产值", "亿元", "820", "1300", "预期性"], ["单位工业增加值能耗降低", "%", "—", "13.5", "约束性"])


@pytest.mark.parametrize("attr_at", [0, 1, 4])
def test_an_attribute_column_anywhere_gives_each_target_its_attribute(attr_at):
    header = ["指标名称", "单位", "2025年", "2030年"]
    header.insert(attr_at, "属性")
    rows = []
    for r in _ROWS:
        cells = list(r[:4])
        cells.insert(attr_at, r[4])
        rows.append(cells)
    st = _st("主要指标\n" + table(header, *rows), region="喀什市", start=2026, end=2030)
    level, cut = by_value(st.targets, 1300), by_value(st.targets, -13.5)
    assert (level.attribute, level.target_year, level.baseline_value) == ("expected", 2030, 820)
    assert (cut.attribute, cut.target_kind) == ("binding", "change_vs_base")
    assert by_value(st.actuals, 820).period_year == 2025


@pytest.mark.parametrize(("level_head", "growth_head"), [("绝对值", "比上年增长（%）"), ("绝对数", "增速（%）"),
                                                         ("本年", "同比±%")])
def test_a_release_table_gives_level_and_growth_of_each_row(level_head, growth_head):
    st = _st("2023年主要经济指标\n" + table(["指标", "单位", level_head, growth_head],
                                      ["地区生产总值", "亿元", "352.6", "5.8"],
                                      ["社会消费品零售总额", "亿元", "120.1", "-1.2"]),
             region="珠海市", doc_type="work_review")
    gdp, growth, fall = by_value(st.actuals, 352.6), by_value(st.actuals, 5.8), by_value(st.actuals, -1.2)
    assert (gdp.measure, gdp.period_year) == ("level", 2023)
    assert (growth.measure, growth.unit, fall.measure) == ("yoy_growth", "%", "yoy_growth")
    assert not st.targets


@pytest.mark.parametrize(("cell", "pct"), [("翻番", 100), ("翻一番", 100), ("翻两番", 300)])
def test_a_doubling_in_a_table_reads_as_in_prose(cell, pct):
    st = _st("主要指标\n" + table(["指标名称", "单位", "2025年", "2030年", "属性"],
                                ["数字经济核心产业增加值", "亿元", "210", cell, "预期性"]),
             region="韶关市", start=2026, end=2030)
    t = by_value(st.targets, pct)
    assert (t.target_kind, t.unit, t.baseline_year, t.baseline_value_raw) == ("change_vs_base", "%", 2025, "210")
    assert [a.value for a in st.actuals] == [210]


def test_an_unheaded_figure_column_gives_each_row_its_level_in_the_unit_of_its_group_heading():
    text = "2020年主要指标\n" + table(["指标", ""], ["人口(万人)"], ["总人口", "3171.0"], ["国民经济核算(亿元)"],
                                     ["地区生产总值", "13698.5"], ["#第一产业", "3438.3"], ["对外贸易"],
                                     ["出口额", "520486"])
    st = _st(text, doc_type="bulletin", start=None, end=None, period_year=2020)
    gdp, people, first = by_value(st.actuals, 13698.5), by_value(st.actuals, 3171e4), by_value(st.actuals, 3438.3)
    assert (gdp.indicator_text, gdp.unit, gdp.period_year, gdp.measure) == ("地区生产总值", "亿元", 2020, "level")
    assert (people.indicator_text, people.unit) == ("总人口", "人")
    assert (first.indicator_text, first.unit) == ("第一产业", "亿元")
    assert by_value(st.actuals, 520486).unit is None  # a heading without a unit ends the one before it


def test_a_count_and_share_table_gives_each_row_its_count_in_the_heads_unit_and_its_share():
    text = "表1 按机构类型分组的法人单位\n" + table(["", "单位数(万个)", "比重(%)"], ["一、法人单位", "41.1", "100"],
                                              ["企业法人", "38.6", "93.9"], ["机关、事业法人", "0.9", "2.2"])
    st = _st(text, doc_type="bulletin", start=None, end=None, period_year=2030)
    count, share = by_value(st.actuals, 386000), by_value(st.actuals, 93.9)
    assert (count.indicator_text, count.unit, count.measure, count.period_year) == ("企业法人", "个", "level", 2030)
    assert (share.indicator_text, share.unit, share.measure) == ("企业法人比重", "%", "share")
    assert by_value(st.actuals, 411000).indicator_text == "法人单位"


def test_a_caption_in_the_corner_of_a_count_and_share_table_is_no_unit_column():
    text = table(["表2-1 单位数与个体经营户数", "单位数(个)", "比重(%)"], ["一、法人单位", "781", "100"],
                 ["企业法人", "300", "38.4"], ["机关、事业法人", "136", "17.4"])
    st = _st(text, doc_type="bulletin", start=None, end=None, period_year=2030)
    assert (by_value(st.actuals, 300).indicator_text, by_value(st.actuals, 300).unit) == ("企业法人", "个")
    assert by_value(st.actuals, 38.4).indicator_text == "企业法人比重"


def test_a_charts_caption_never_swallows_the_paragraph_after_it():
    text = ("全年人均地区生产总值65642元，增长9.7%。\n\n图1 2025-2030年全区生产总值及其增长速度\n\n"
            "在全区生产总值中，第一、二、三产业增加值所占比重分别为9.0%、36.9%、54.1%。\n")
    st = _st(text, doc_type="bulletin", start=None, end=None, period_year=2030)
    assert by_value(st.actuals, 36.9).indicator_text == "第二产业增加值所占比重"
