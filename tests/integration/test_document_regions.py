"""Where a document is filed (its GB/T 2260 code), through the whole path (file on disk ->
`plantrack refresh` -> marts.dim_document and the values' rows). One shared refresh for all the texts."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import refresh_texts

pytestmark = [pytest.mark.slow, pytest.mark.integration]

TEXTS = {
    # an autonomous prefecture's own news calls it by its short name and its kind: 恩施州, 全州
    "州新闻.txt": (
        "恩施州前三季度经济运行稳中有进\n"
        "前三季度，恩施州实现地区生产总值1015.2亿元，同比增长5.1%。全州规模以上工业增加值增长7.2%，"
        "社会消费品零售总额增长6.3%。\n"
    ),
    # a city's document that names its province once (and speaks of 全省 as a yardstick), itself again and again
    "市委意见.txt": (
        "近日，中共张掖市委印发关于建设现代寒旱特色农业示范区的意见，提出到2025年全市农业总产值突破400亿元。\n"
        "意见指出，张掖地处河西走廊中段，是甘肃省重要的商品粮基地，要在全省率先建成现代农业示范区。"
        "张掖将坚持园区化推进、全产业链发展，力争全省领先。\n"
        "到2025年，张掖现代农业产业园达到10个以上。\n"
    ),
    # a province's plan that names its capital again and again, and the province a second time (湖北县域)
    "省规划新闻.txt": (
        "《湖北省县域经济发展规划》近日公布，到2025年，湖北县域地区生产总值将达3.65万亿元，占全省的比重达到60%以上。\n"
        "规划提出，加快周边县市与武汉轨道交通对接，构建直联武汉的快速通道，推动武汉高校资源向县域延伸，"
        "构建技术孵化在武汉、成果转化在县域的合作模式。\n"
    ),
    # a zone's news that names it again and again, in sentences only (no heading names a place)
    "园区新闻.txt": (
        "3月28日，记者从宜宾高新区获悉，一季度宜宾高新区实现地区生产总值52.3亿元，同比增长8.1%。\n"
        "今年以来，宜宾高新区聚焦主导产业，规上工业增加值增长10.2%。宜宾高新区负责人表示，全区将持续发力。\n"
    ),
    # a city's report (全市) that names its zone three times, in passing
    "市季报.txt": (
        "一季度，全市经济运行稳中向好，宜宾市实现地区生产总值812.3亿元，同比增长6.1%。\n"
        "全市规上工业增加值增长9.2%，其中宜宾高新区增长12.1%，宜宾高新区新签约项目12个，"
        "宜宾高新区新开工项目8个。全市社会消费品零售总额增长7.0%。\n"
    ),
    # a district of 长春 that the national list (JioNLP's tree) lacked
    "绿园区公报.txt": (
        "长春市绿园区2023年国民经济和社会发展统计公报\n2023年，全区实现地区生产总值436.5亿元，比上年增长6.5%。\n"
    ),
    # an autonomous region's own news: it names itself once, by its short name, and speaks from 全区 / 自治区
    "自治区简讯.txt": (
        "记者从自治区统计局获悉，1-7月，内蒙古规模以上工业增加值同比增长7.1%，全区工业投资增长9.1%。\n"
        "全区高技术制造业增加值增长12.5%，全区装备制造业增加值增长10.3%。\n"
    ),
    # a district of an autonomous region: 全区 and 自治区 too, but it names itself in full
    "城区简讯.txt": (
        "今年以来，全区规模以上工业增加值同比增长6.2%，青秀区工业投资增长9.1%，青秀区社会消费品零售总额增长5.1%。"
        "自治区下达的目标任务全面完成，广西首府核心城区青秀区服务业增加值增长7.0%。\n"
    ),
}


@pytest.fixture(scope="session")
def regions(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    con = refresh_texts(tmp_path_factory, "document_regions", TEXTS)
    yield con
    con.close()


def _filed_under(con, file: str) -> str | None:
    [(code,)] = con.execute("SELECT region_code FROM marts.dim_document WHERE source_file = ? AND is_current",
                            [file]).fetchall()
    return code


def test_a_prefecture_named_by_its_short_name_and_kind_is_that_prefecture(regions):
    assert _filed_under(regions, "州新闻.txt") == "422800"  # 恩施土家族苗族自治州


def test_the_values_of_a_prefecture_named_so_are_filed_under_it(regions):
    codes = {c for (c,) in regions.execute("SELECT DISTINCT region_code FROM marts.fct_indicator_actuals "
                                           "WHERE source_file = '州新闻.txt'").fetchall()}
    assert codes == {"422800"}


def test_a_city_named_again_and_again_inside_a_province_named_once_is_that_city(regions):
    assert _filed_under(regions, "市委意见.txt") == "620700"  # 张掖市


def test_a_province_named_twice_stays_the_province_however_often_it_names_its_capital(regions):
    assert _filed_under(regions, "省规划新闻.txt") == "420000"  # 湖北省


def test_a_zone_the_text_names_again_and_again_is_filed_as_itself_without_its_citys_code(regions):
    assert _filed_under(regions, "园区新闻.txt") == "uncoded:宜宾高新区"
    codes = {c for (c,) in regions.execute("SELECT DISTINCT region_code FROM marts.fct_indicator_actuals "
                                           "WHERE source_file = '园区新闻.txt'").fetchall()}
    assert "511500" not in codes  # 宜宾市: the zone's figures are not the city's


def test_a_city_report_naming_its_zone_in_passing_stays_the_citys(regions):
    assert _filed_under(regions, "市季报.txt") == "511500"  # 宜宾市


def test_a_district_missing_from_the_library_tree_is_known(regions):
    assert _filed_under(regions, "绿园区公报.txt") == "220106"  # 长春市绿园区


def test_an_autonomous_region_naming_itself_once_from_its_own_area_is_that_region(regions):
    assert _filed_under(regions, "自治区简讯.txt") == "150000"  # 内蒙古自治区


def test_a_district_of_an_autonomous_region_naming_itself_stays_the_district(regions):
    assert _filed_under(regions, "城区简讯.txt") == "450103"  # 南宁市青秀区
