"""What a document is filed under when no title names its kind, through the whole path (file on disk ->
`plantrack refresh` -> marts.dim_document): what its values are says it (goals alone: a plan of their year;
results alone: a release), and a release the reader could not date takes the one year its results give
themselves. Its values keep their own years. One shared refresh for all the texts."""

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
        "城镇新增就业人数年均50万人以上。\n"
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


def test_a_text_of_results_alone_that_names_no_kind_is_a_release(kinds):
    doc = _document(kinds, "指标页.txt")
    assert (doc["doc_type"], doc["plan_end_year"], doc["period_year"]) == ("release", None, 2023)


def test_an_undated_release_is_of_the_one_year_its_results_give_themselves(kinds):
    doc = _document(kinds, "会议新闻.txt")
    assert (doc["doc_type"], doc["period_year"]) == ("release", 2024)
    years = kinds.execute("SELECT DISTINCT period_year FROM marts.fct_indicator_actuals WHERE source_file = ?",
                          ["会议新闻.txt"]).fetchall()
    assert years == [(2024,)]
