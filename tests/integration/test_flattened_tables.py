"""Tables a web page's copy flattened into text, read back into rows (file on disk -> `plantrack refresh` ->
warehouse row): each row's figure under its column's meaning (level in its unit, growth, share), for the
year its caption names. One shared refresh for all."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import published_values, refresh_texts

pytestmark = [pytest.mark.slow, pytest.mark.integration]

TEXTS = {
    # a row a line, cells split by bars, no |---| line under the header: a release's table of six rows
    "行一行表.txt": (
        "某区2023年国民经济和社会发展统计公报\n\n一、综 合\n"
        "初步核算,全年实现地区生产总值1867.07亿元。\n"
        "表1 2023年分产业地区生产总值、增速及其比重\n"
        "指 标 | 绝对量(亿元) | 比上年增长(%) | 比重(%) |\n"
        "地区生产总值 | 1867.07 | 6.5 | 100.0 |\n"
        "第一产业 | 8.18 | 4.3 | 0.4 |\n"
        "第二产业 | 643.88 | 4.4 | 34.5 |\n"
        "工 业 | 437.63 | 2.7 | 23.4 |\n"
        "建筑业 | 206.25 | 7.8 | 11.1 |\n"
        "第三产业 | 1215.01 | 7.7 | 65.1 |\n"
        "图1 2019-2023年地区生产总值及其增长速度\n"
    ),
    # one cell a line with bars, the unit on a line of its own over the table
    "单位行.txt": (
        "某县2022年国民经济和社会发展统计公报\n\n"
        "2022年全区生产总值及其增长速度\n单位:亿元\n"
        "指 标\n|\n绝对数\n|\n比上年增长%\n|\n生产总值\n|\n295.4\n|\n7.7\n|\n第一产业\n|\n24.4\n|\n3.3\n|\n"
        "金融业\n|\n8.8\n|\n4.8\n|\n房地产业\n|\n4.5\n|\n-0.2\n|\n"
        "\n据统计,2022年全区城镇新增就业岗位6007个。\n"
    ),
    # one cell a line with bars, numbered rows under a two-level head (“十四五”目标 over 2025年 / 年均[累计])
    "序号行.txt": (
        "某市国民经济和社会发展第十四个五年规划纲要\n表:某市“十四五”规划《纲要》主要指标\n"
        "序号 |\n指 标 |\n单位 |\n属性 |\n“十四五”目标 |\n|\n2025年 |\n年均[累计] |\n||||\n"
        "1 |\n全市生产总值年均增长率 |\n% |\n预期性 |\n- |\n5左右 |\n"
        "2 |\n全员劳动生产率 |\n万元/人 |\n预期性 |\n36左右 |\n- |\n"
        "3 |\n单位建设用地生产总值提升 |\n% |\n预期性 |\n- |\n[20] |\n"
    ),
    # one cell a line between blank lines, each head's unit on a line of its own under it
    "单位在头下.txt": (
        "2018年上半年某省各市县经济运行情况\n\n  附表:2018年上半年各市县地区生产总值及增速\n\n"
        "市    县\n\n绝对数\n\n(亿元)\n\n比上年同期增长\n\n(%)\n\n"
        "海 口 市\n\n797.49\n\n8.1\n\n三 亚 市\n\n304.09\n\n7.0\n\n文 昌 市\n\n122.07\n\n3.5\n\n琼 海 市\n\n133.22\n\n5.3\n\n"
        "(来源于:某网)\n"
    ),
    # one cell a line with bars: the month's level and growth, then the months to date's
    "本月累计.txt": (
        "2011年1-11月某市五大产业运行情况\n\n最新统计数据显示,今年前11个月全市五大产业产值稳步增长。\n|\n现 价 工 业 产 值 |\n"
        "本月 |\n增长% |\n累计 |\n累计增长 |\n五大产业合计 |\n4448189 |\n19.31 |\n42512215 |\n27.11 |\n"
        "装备制造业 |\n2340183 |\n16.50 |\n21242484 |\n24.84 |\n电子信息业 |\n397416 |\n18.05 |\n4086546 |\n22.97 |\n"
        "新材料产业 |\n1222887 |\n11.71 |\n12851771 |\n28.57 |\n"
    ),
    # a province's cities, each growth on the same month and on the months to date of the year before
    "同月同期.txt": (
        "2017年1-11月某省市州规模工业增加值增长情况\n\n市州 |\n增长速度 |\n|\n比上年同月(%) |\n比上年同期(%) |\n|\n"
        "全 省 |\n9.4 |\n7.1 |\n长沙市 |\n11.0 |\n8.3 |\n株洲市 |\n7.7 |\n7.0 |\n湘潭市 |\n8.2 |\n7.1 |\n"
        "衡阳市 |\n7.8 |\n6.5 |\n"
    ),
}


@pytest.fixture(scope="session")
def flattened(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    con = refresh_texts(tmp_path_factory, "flattened-tables", TEXTS)
    yield con
    con.close()


def _actuals(con, file: str) -> dict[float, tuple]:
    rows = con.execute("SELECT value, unit, measure, period_year FROM marts.fct_indicator_actuals "
                       "WHERE source_file = ?", [file]).fetchall()
    return {v: (u, m, y) for v, u, m, y in rows}


def test_a_table_copied_a_row_a_line_with_bars_gives_each_rows_level_growth_and_share(flattened):
    got = _actuals(flattened, "行一行表.txt")
    assert got[437.63] == ("亿元", "level", 2023)
    assert got[2.7] == ("%", "yoy_growth", 2023)
    assert got[23.4] == ("%", "share", 2023)


def test_the_wholes_share_of_itself_is_no_value(flattened):
    assert 100.0 not in _actuals(flattened, "行一行表.txt")


def test_a_unit_line_over_a_release_table_gives_its_levels_their_unit(flattened):
    got = _actuals(flattened, "单位行.txt")
    assert got[8.8] == ("亿元", "level", 2022)
    assert got[4.8] == ("%", "yoy_growth", 2022)


def test_a_row_number_under_the_heads_of_a_table_copied_one_cell_a_line_is_no_value(flattened):
    assert not {1.0, 2.0, 3.0} & published_values(flattened, "序号行.txt")


def test_a_heads_unit_on_a_line_of_its_own_is_the_unit_of_its_column(flattened):
    got = _actuals(flattened, "单位在头下.txt")
    assert got[797.49] == ("亿元", "level", 2018)
    assert got[8.1] == ("%", "yoy_growth", 2018)


def test_a_growth_column_is_the_change_of_the_level_column_before_it(flattened):
    growths = {v for v, (u, m, _) in _actuals(flattened, "本月累计.txt").items() if m == "yoy_growth"}
    assert {27.11, 24.84} <= growths
    assert not {19.31, 16.50} & growths  # the month's growths, never paired with the months to date's levels


def test_a_growth_on_the_same_month_of_the_year_before_is_of_that_month_alone(flattened):
    periods = dict(flattened.execute(
        "SELECT value, period_label FROM marts.fct_indicator_actuals WHERE source_file = ?", ["同月同期.txt"]).fetchall())
    assert (periods[11.0], periods[8.3]) == ("11月", "1-11月")
