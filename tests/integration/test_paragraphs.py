"""Where a web page's paragraph and sentence end, through the whole path (file on disk -> `plantrack refresh`
-> warehouse row): pages put a blank line between every two lines, so a line without a stop is not
carried into the next one's year or goal cue when it is whole (a long item, a list closed by ……).
One shared refresh for all the texts."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import refresh_texts

pytestmark = [pytest.mark.slow, pytest.mark.integration]

TEXTS = {
    # a summary page: one item a line, no stops; the last result above the next year's goals heading
    "极简版.txt": (
        "某省政府工作报告极简版来了\n\n2024-01-29 09:41:11\n\n2023年工作回顾\n\n2023年生产总值增长4.1%\n\n"
        "建设省实验室16家、产业研究院40家、中试基地36家、创新联合体28家\n\n"
        "获批设立某某现代农业联合研究生院、某某美术学院、某某师范大学,高校总数达到168所\n\n"
        "2024年主要目标\n\n经济增长目标确定为5.5%\n\n社会消费品零售总额增长7%\n"
    ),
    # a news page: a list of last year's results closed by ……, then a paragraph on this year's goals
    "列举.txt": (
        "某市政府工作报告\n\n报告表示，2025年，全市地区生产总值5.2万亿元、增长5.4%。\n\n"
        "关于2025年政府工作，报告中还列举了众多扎实有力的数据，包括：治理违法建设2049万平方米；"
        "核心区平房申请式退租2006户；累计落地35支国家级大基金，8支市级高精尖产业基金带动社会投资超千亿元……\n\n"
        "报告指出，2026年某市地区生产总值增长的预期目标为5%左右。\n"
    ),
}


@pytest.fixture(scope="session")
def pages(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    con = refresh_texts(tmp_path_factory, "paragraphs", TEXTS)
    yield con
    con.close()


def _years(con, table: str, year_column: str, file: str, value: float) -> list[int | None]:
    rows = con.execute(f"SELECT {year_column} FROM marts.{table} WHERE source_file = ? AND value = ?",
                       [file, value]).fetchall()
    return [y for (y,) in rows]


def test_a_long_item_line_takes_no_year_or_goal_cue_from_the_heading_line_after_it(pages):
    assert _years(pages, "fct_indicator_actuals", "period_year", "极简版.txt", 168) == [2023]
    assert _years(pages, "fct_plan_targets", "target_year", "极简版.txt", 168) == []
    assert _years(pages, "fct_plan_targets", "target_year", "极简版.txt", 5.5) == [2024]


def test_a_list_closed_by_an_ellipsis_takes_no_goal_year_from_the_paragraph_after_it(pages):
    assert _years(pages, "fct_indicator_actuals", "period_year", "列举.txt", 35) == [2025]
    assert _years(pages, "fct_plan_targets", "target_year", "列举.txt", 35) == []
    assert _years(pages, "fct_plan_targets", "target_year", "列举.txt", 5) == [2026]
