"""Numbers that are not values stay out of the warehouse, through the whole path (file on disk -> `plantrack
refresh` -> warehouse row, or none): texts in their own shapes, one shared refresh for all of them."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.conftest import run_plantrack

pytestmark = [pytest.mark.slow, pytest.mark.integration]

TEXTS = {
    # a district's half-year report: growth rates compared with other periods and with the nation, the
    # nation's own figure, a contribution in points, a share's change
    "江津区上半年经济运行.txt": (
        "重庆市江津区2031年上半年经济运行情况\n\n"
        "上半年，全区地区生产总值增长6.4%，比上年增速放缓1.7个百分点。\n"
        "规模以上工业增加值增长8.3%，增速比2030年减低2.2个百分点，降幅比5月收窄0.6个百分点。\n"
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
}


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    root = tmp_path_factory.mktemp("not-values")
    sources, data_dir = root / "sources", root / "data"
    sources.mkdir()
    for name, text in TEXTS.items():
        (sources / name).write_text(text, encoding="utf-8")
    result = run_plantrack("refresh", data_dir=data_dir, sources=sources, timeout=1800)
    assert result.returncode == 0, result.stdout + result.stderr
    con = duckdb.connect(str(Path(data_dir) / "warehouse.duckdb"), read_only=True)
    yield con
    con.close()


def _values(con, file: str) -> set[float]:
    rows = con.execute("SELECT value FROM marts.fct_indicator_actuals WHERE source_file = ? "
                       "UNION ALL SELECT value FROM marts.fct_plan_targets WHERE source_file = ?", [file, file]).fetchall()
    return {v for (v,) in rows}


def test_a_growth_rates_change_in_points_against_another_period_has_no_row(warehouse):
    values = _values(warehouse, "江津区上半年经济运行.txt")
    assert {6.4, 8.3} <= values and not {1.7, 2.2, 0.6} & values


def test_a_gap_to_the_nation_said_as_better_than_has_no_row(warehouse):
    values = _values(warehouse, "江津区上半年经济运行.txt")
    assert 9.1 in values and 12.4 not in values


def test_the_nations_figure_in_a_districts_text_has_no_row_and_the_districts_has(warehouse):
    values = _values(warehouse, "江津区上半年经济运行.txt")
    assert 5.9 in values and 20.6 not in values


def test_a_contribution_and_a_shares_change_in_points_keep_their_rows(warehouse):
    assert {2.5, 0.9} <= _values(warehouse, "江津区上半年经济运行.txt")


def test_counts_of_a_governments_own_tasks_policies_and_towns_have_no_row(warehouse):
    values = _values(warehouse, "县政府工作总结.txt")
    assert {132000, 2816} <= values and not {117, 13, 27, 4} & values
