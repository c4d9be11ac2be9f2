"""What a document is filed under when no title names its kind, through the whole path (file on disk ->
`plantrack refresh` -> marts.dim_document): what its values are says it (goals alone: a plan of their year;
results alone: a release), and a release the reader could not date takes the one year its results give
themselves. Its values keep their own years. A text that names no place in full but one province by its short
name, again and again, is that province's; a title broken over lines is read whole. One shared refresh for all the texts."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import refresh_texts

pytestmark = [pytest.mark.slow, pytest.mark.integration]

TEXTS = {
    # a news piece on a plan's goals: a headline, a bar with 来源, goals only (its 同比-free wording names no kind)
    "目标新闻稿.txt": (
        "到2025年某省常住人口城镇化率达到65%\n2021-05-19 10:20 来源：某某日报\n"
        "记者从省发展改革委获悉，近日印发的文件提出，到2025年，全省常住人口城镇化率达到65%，"
        "城镇新增就业人数年均50万人以上。\n文件还要求，力争全省研发经费投入强度达到2.5%。\n"
    ),
    # a statistics page under a site's breadcrumb: results only, hardly any wording that names a kind
    "指标页.txt": (
        "您的当前位置：首页 > 统计资料\n某市主要经济指标\n"
        "2023年，全市地区生产总值达到1520亿元，同比增长6.1%；社会消费品零售总额620亿元。\n"
    ),
    # news of a meeting early in 2025 that names 2024 and 2025 as often: the results date themselves 2024
    "会议新闻.txt": (
        "2025：某经开区启航新征程\n"
        "2025年1月3日，某经开区工委扩大会议召开。会议总结2024年工作成果，谋划2025年发展蓝图。"
        "2025年是“十四五”收官之年。\n"
        "报告指出，2024年，经开区实现地区生产总值352.6亿元，同比增长6.2%；规上工业增加值增长8.5%；"
        "一般公共预算收入完成25.1亿元。\n"
    ),
    # a report's title broken over two lines on its page, the kind word on the second
    "断行标题.txt": (
        "重庆市渝中区2023年国民经济和社会发展\n计划执行情况及2024年计划草案的报告\n一、2023年计划执行情况\n"
        "全区实现地区生产总值1650亿元，增长6.1%；社会消费品零售总额增长5.3%。\n"
    ),
    # news of a province's half year that calls it by its short name only (山西GDP…)
    "省份简称.txt": (
        "根据国家统计局反馈，上半年，山西GDP为7482.75亿元，按可比价格计算，同比增长6.8%。"
        "其中，第一产业增加值329.66亿元，增长3.1%。\n上半年，山西规模以上工业增加值增长5.2%，"
        "山西社会消费品零售总额增长4.6%。\n"
    ),
}


@pytest.fixture(scope="session")
def kinds(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    con = refresh_texts(tmp_path_factory, "document_kind", TEXTS)
    yield con
    con.close()


def _document(con, file: str) -> dict:
    cur = con.execute("SELECT * FROM marts.dim_document WHERE source_file = ? AND is_current", [file])
    [row] = cur.fetchall()
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def test_a_text_of_goals_alone_that_names_no_kind_is_a_plan_of_their_year(kinds):
    doc = _document(kinds, "目标新闻稿.txt")
    assert (doc["doc_type"], doc["plan_start_year"], doc["plan_end_year"], doc["period_year"]) == (
        "plan", 2025, 2025, None)
    [rate] = kinds.execute("SELECT target_year FROM marts.fct_plan_targets WHERE source_file = ? AND value = 65",
                           ["目标新闻稿.txt"]).fetchall()
    assert rate == (2025,)


def test_a_goal_without_a_year_in_a_text_filed_as_a_plan_from_its_values_is_not_lent_the_plans_year(kinds):
    # lent, it would be judged as a goal of 2025 from a base of 2024; unlent, its base is the year before the issue
    rows = kinds.execute("SELECT target_year, baseline_year FROM marts.mart_target_progress "
                         "WHERE source_file = ? AND target_value = 2.5", ["目标新闻稿.txt"]).fetchall()
    assert rows == [(None, 2020)]


def test_a_text_of_results_alone_that_names_no_kind_is_a_release(kinds):
    doc = _document(kinds, "指标页.txt")
    assert (doc["doc_type"], doc["plan_end_year"], doc["period_year"]) == ("release", None, 2023)


def test_an_undated_release_is_of_the_one_year_its_results_give_themselves(kinds):
    doc = _document(kinds, "会议新闻.txt")
    assert (doc["doc_type"], doc["period_year"]) == ("release", 2024)
    years = kinds.execute("SELECT DISTINCT period_year FROM marts.fct_indicator_actuals WHERE source_file = ?",
                          ["会议新闻.txt"]).fetchall()
    assert years == [(2024,)]


def test_a_province_named_by_its_short_name_again_and_again_is_the_documents_region(kinds):
    assert _document(kinds, "省份简称.txt")["region_code"] == "140000"  # 山西省


def test_a_title_broken_over_two_lines_is_read_whole_and_dates_the_year_it_reviews(kinds):
    doc = _document(kinds, "断行标题.txt")
    assert (doc["title"], doc["doc_type"], doc["period_year"]) == (
        "重庆市渝中区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告", "execution_report", 2023)
