"""Government work reports: last year's review yields actuals, this year's goals yield targets."""

from plantrack.extract import extract_statements

from .helpers import assert_quotes, by_value, make_doc

REPORT = """政府工作报告
——2025年1月8日在璧山区第十八届人民代表大会第五次会议上
一、2024年工作回顾
过去一年，全区地区生产总值增长6.1%，规上工业增加值增长8.3%，一般公共预算收入完成41.7亿元，同比增长4.2%。新培育专精特新企业31家。
二、2025年主要预期目标
2025年经济社会发展的主要预期目标是：地区生产总值增长6%左右，规上工业增加值增长7.5%，城镇调查失业率控制在5.5%以内。
"""


def _statements():
    doc = make_doc(REPORT, region="璧山区", doc_type="government_report", start=None, end=None)
    st = extract_statements(doc)
    assert_quotes(doc, st)
    return st


def test_review_section_states_actuals_of_the_year_its_heading_names():
    st = _statements()
    gdp = by_value(st.actuals, 6.1)
    assert (gdp.measure, gdp.period_year) == ("yoy_growth", 2024)
    revenue = by_value(st.actuals, 41.7)
    assert (revenue.measure, revenue.period_year) == ("level", 2024)
    assert by_value(st.actuals, 31).measure == "new_in_period"


def test_goal_section_states_targets_for_its_year():
    st = _statements()
    assert sorted(t.value for t in st.targets) == [5.5, 6, 7.5]
    growth = by_value(st.targets, 6)
    assert (growth.target_kind, growth.comparator, growth.target_year) == ("growth_rate", "~", 2025)
    assert by_value(st.targets, 5.5).comparator == "<="
    assert all(a.period_year == 2024 for a in st.actuals)
