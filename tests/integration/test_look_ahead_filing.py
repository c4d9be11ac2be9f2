"""A text that reviews a year and then turns to a later year's goals is filed as a plan of the goals' year
(tests/gold/national/CONVENTIONS.md, "Documents that look back and ahead"), through the whole path (file on
disk -> `plantrack refresh` -> marts.dim_document): the goals section is told by its structure, a clause
saying what Y+1 will bring (2019年，某区将…, with goals in numbers or in words only) or a lead-in naming its
year's goals (2025年…主要目标任务是), after the review has begun (not in an outline before it). Its results
stay actuals of the year they review; the tasks of its goals section (after such a clause, or under a line
heading goals, 2021年目标：) are goals, though no goal word is among them. What counts is the text as given: an
excerpt of a plan that holds only its review is a release of the year reviewed. One shared refresh for all
the texts."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import refresh_texts

pytestmark = [pytest.mark.slow, pytest.mark.integration]

TEXTS = {
    # news of a report: the 2018 results, then a paragraph on what 2019 will bring, no goals lead-in
    "将来段落.txt": (
        "某区政府工作报告发布\n"
        "报告提到，2018年，某区地区生产总值达到1400亿元，增长10%；全年进出口贸易额实现48亿元。\n"
        "据了解，2019年，某区将推进特色旅游产业全域发展，力争旅游接待人数突破4000万人次，旅游收入达到580亿元。\n"
    ),
    # news of a report: the 2020 results, then a lead-in naming five-year goals' year (no goal of 2021)
    "目标年份导语.txt": (
        "某省政府工作报告解读\n"
        "2020年，全省地区生产总值达到4.3万亿元，增长3.7%；城镇新增就业75万人。\n"
        "省长表示，2025年全省主要目标任务是：地区生产总值突破6万亿元，城镇新增就业年均70万人以上。\n"
    ),
    # news of a report's goals: a clause on what 2022 will bring, then its tasks, no goal word among them
    "将来任务.txt": (
        "某省将聚焦振兴实体经济\n"
        "在1月17日召开的省人大会议上，省长在政府工作报告中提出：2022年，某省将聚焦振兴实体经济，加快产业升级。\n"
        "加快重塑传统产业新优势。实施“三化”改造项目270个。新增煤炭产能1465万吨，天然气产量达到5亿立方米。\n"
    ),
    # a report's results, then a line heading the next year's goals and the goals one per line
    "目标行.txt": (
        "某省政府工作报告要点\n"
        "2020年，全省生产总值增长4%，地方财政收入增长3%。\n"
        "2021年目标：\n生产总值增长6.5%左右\n地方财政收入增长5%左右\n"
    ),
    # news of a report: the 2025 results, then what 2026 will bring, in words only
    "将来无数.txt": (
        "某区政府工作报告发布\n"
        "2025年，某区地区生产总值增长5.2%，一般公共预算收入增长3.1%。\n"
        "2026年，某区将深入实施提振消费专项行动，培育新型消费业态。\n"
    ),
    # a report's outline names its goals part before the review, and the excerpt holds the review alone
    "提纲回顾.txt": (
        "某县政府工作报告\n提纲：\n一、2024年工作回顾\n二、2025年目标任务和重点工作\n"
        "一、2024年工作回顾\n2024年，全县地区生产总值增长5.8%，社会消费品零售总额增长4.6%。\n"
    ),
    # an excerpt of a five-year plan that holds only its review of the years before: a release of the last
    "规划回顾.txt": (
        "某县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n第一章 发展基础\n"
        "“十三五”时期，全县经济实力显著增强。2020年，全县地区生产总值达到300.4亿元，年均增长7.2%；"
        "一般公共预算收入15.25亿元，社会消费品零售总额119.3亿元。\n"
    ),
    # the same, going on to its period's goals in words only: more than its review, still a plan
    "规划回顾展望.txt": (
        "某区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n第一章 发展基础\n"
        "“十三五”时期，全区经济实力显著增强。2020年，全区地区生产总值达到469.5亿元，年均增长9.3%。\n"
        "经济发展再上新台阶。“十四五”期间，经济保持平稳较快增长，质量效益明显提升。\n"
    ),
    # a review of 2024 that names a 2025 figure in passing (no goals section after it): a release
    "回顾顺带.txt": (
        "记者从某省新闻发布会上了解到，2024年，全省服务业增加值达到1.84万亿元，同比增长5%；"
        "粮食总产1352万吨。\n2025年争取中央投资33.56亿元，全省累计建成9个国家级示范园区。\n"
    ),
}


@pytest.fixture(scope="module")
def filed(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    con = refresh_texts(tmp_path_factory, "look_ahead_filing", TEXTS)
    yield con
    con.close()


def _document(con, file: str) -> dict:
    cur = con.execute("SELECT * FROM marts.dim_document WHERE source_file = ? AND is_current", [file])
    [row] = cur.fetchall()
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def test_a_review_then_a_clause_on_what_the_next_year_will_bring_is_a_plan_of_that_year(filed):
    doc = _document(filed, "将来段落.txt")
    assert (doc["plan_start_year"], doc["plan_end_year"]) == (2019, 2019)
    years = filed.execute("SELECT DISTINCT period_year FROM marts.fct_indicator_actuals WHERE source_file = ?",
                          ["将来段落.txt"]).fetchall()
    assert years == [(2018,)]  # the review's results stay actuals of the year reviewed


def test_a_review_then_a_lead_in_naming_a_later_goals_year_is_a_plan_of_the_year_it_names(filed):
    doc = _document(filed, "目标年份导语.txt")
    assert (doc["plan_start_year"], doc["plan_end_year"]) == (2025, 2025)


def test_a_later_years_figure_named_in_passing_in_a_review_makes_no_plan(filed):
    doc = _document(filed, "回顾顺带.txt")
    assert (doc["plan_start_year"], doc["plan_end_year"]) == (None, None)


def test_tasks_after_a_clause_on_what_a_year_will_bring_are_goals_not_results(filed):
    targets = filed.execute("SELECT target_year FROM marts.fct_plan_targets WHERE source_file = ?",
                            ["将来任务.txt"]).fetchall()
    actuals = filed.execute("SELECT value FROM marts.fct_indicator_actuals WHERE source_file = ?",
                            ["将来任务.txt"]).fetchall()
    assert targets == [(2022,)] * 3 and actuals == []  # 改造项目270个, 煤炭产能1465万吨, 天然气产量5亿立方米


def test_lines_under_a_line_heading_goals_are_goals_and_the_results_above_stay_results(filed):
    targets = filed.execute("SELECT value FROM marts.fct_plan_targets WHERE source_file = ?",
                            ["目标行.txt"]).fetchall()
    actuals = filed.execute("SELECT period_year, value FROM marts.fct_indicator_actuals WHERE source_file = ?",
                            ["目标行.txt"]).fetchall()
    assert {v for (v,) in targets} == {6.5, 5} and set(actuals) == {(2020, 4), (2020, 3)}


def test_an_excerpt_of_a_plan_holding_only_its_review_is_a_release_of_the_year_before_its_period(filed):
    doc = _document(filed, "规划回顾.txt")
    assert (doc["doc_type"], doc["plan_end_year"], doc["period_year"]) == ("release", None, 2020)


def test_an_excerpt_of_a_plan_going_on_to_its_periods_goals_in_words_stays_a_plan(filed):
    doc = _document(filed, "规划回顾展望.txt")
    assert (doc["doc_type"], doc["plan_end_year"]) == ("plan", 2025)


def test_a_review_then_what_the_next_year_will_bring_in_words_only_is_a_plan_of_that_year(filed):
    doc = _document(filed, "将来无数.txt")
    assert (doc["plan_start_year"], doc["plan_end_year"]) == (2026, 2026)


def test_an_outline_naming_the_goals_part_before_the_review_makes_no_plan(filed):
    doc = _document(filed, "提纲回顾.txt")
    assert (doc["plan_end_year"], doc["period_year"]) == (None, 2024)
