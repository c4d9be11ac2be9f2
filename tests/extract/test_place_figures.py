"""A figure whose own words name only a place (毕节…，达到1585.86亿元 / 临高县12.2%) is that place's figure of the
subject just named: the place is its scope, never the document's, and a place is never an indicator. Without a
subject, or with several places for one figure, it is no value."""

from plantrack.extract import extract_statements

from .helpers import assert_quotes, make_doc


def _actuals(text: str) -> list[tuple[str, str, float]]:
    doc = make_doc(text, region="贵州省", doc_type="release", period_year=2021, period_label="前三季度")
    st = extract_statements(doc)
    assert_quotes(doc, st)
    return [(a.scope_name, a.indicator_text, a.value) for a in st.actuals]


def test_a_place_after_a_subject_is_that_places_figure_of_the_subject():
    got = _actuals("前三季度，遵义地区生产总值3037.87亿元；毕节超过1500亿元，达到1585.86亿元。")
    assert ("毕节", "地区生产总值", 1585.86) in got


def test_places_named_by_their_suffix_each_take_the_subject_of_the_same_unit():
    got = _actuals("上半年，全省地区生产总值增速8.0%，临高县12.2%、东方市11.6%紧随其后。")
    assert ("临高县", "地区生产总值增速", 12.2) in got and ("东方市", "地区生产总值增速", 11.6) in got


def test_a_fenbie_list_of_places_shares_what_its_last_item_names():
    got = _actuals("前三季度酒泉、天水GDP总量分别为465.7亿元、465.45亿元。")
    assert got == [("酒泉", "GDP总量", 465.7), ("天水", "GDP总量", 465.45)]


def test_a_place_with_no_subject_named_before_is_no_value():
    assert _actuals("临高县12.2%。") == []


def test_several_places_for_one_figure_are_no_ones_value():
    got = _actuals("遵义地区生产总值3037.87亿元；黔东南、安顺低于1000亿元。")
    assert [v for _, _, v in got] == [3037.87]


def test_places_counted_are_a_set_of_places_not_one():
    got = _actuals("全省有6个城区超5亿美元，实际利用外资129.1亿美元。")
    assert 5.0 not in [v for _, _, v in got]


def test_a_count_of_places_stays_a_count_under_the_documents_place():
    assert _actuals("全省共有国家级高新区9家。") == [("贵州省", "国家级高新区", 9.0)]


def test_places_figures_listed_after_a_colon_are_of_what_its_lead_names():
    got = _actuals("全省县均规模82亿元。县域GDP规模超过100亿元的县是：海城市305亿元、瓦房店市304亿元。")
    assert ("海城市", "县域GDP规模", 305.0) in got and ("瓦房店市", "县域GDP规模", 304.0) in got


def test_a_fenbie_list_opening_its_own_clause_takes_the_places_of_the_clause_before():
    got = _actuals("遵义、黔西南地区生产总值保持两位数增长，分别增长11.7%、11.5%；铜仁、黔南分别增长9.9%、9.8%。")
    assert [(p, v) for p, _, v in got] == [("遵义", 11.7), ("黔西南", 11.5), ("铜仁", 9.9), ("黔南", 9.8)]
    assert all(name.startswith("地区生产总值") for _, name, _ in got)
