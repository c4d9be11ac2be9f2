"""News comparing many places' goals: one goal per place, of the indicator the paragraph is about."""

from plantrack.extract import extract_statements

from .helpers import assert_quotes, make_doc


def _targets(text: str):
    doc = make_doc(text, region="江苏省", doc_type="release", start=None, end=None)
    st = extract_statements(doc)
    assert_quotes(doc, st)
    return st.targets


def _goals(targets):
    return {(t.scope_name, t.indicator_text, t.comparator, t.value) for t in targets}


def test_each_listed_place_gets_its_own_goal_of_the_topic():
    ts = _targets("从地区生产总值增长目标来看，苏州、无锡、常州的目标是“增长5.5%”，徐州市的目标为“增长6%以上”。\n")
    assert _goals(ts) == {("苏州", "地区生产总值增长", "=", 5.5), ("无锡", "地区生产总值增长", "=", 5.5),
                          ("常州", "地区生产总值增长", "=", 5.5), ("徐州市", "地区生产总值增长", ">=", 6.0)}
    assert all(t.target_kind == "growth_rate" and t.target_year is None for t in ts)


def test_a_value_that_says_only_为_is_the_goal_of_the_places_before_it():
    ts = _targets("从“一般公共预算收入”方面来比较，南通的目标比较靠前，为“增长7%左右”，其次是扬州市，为“增长6%”。\n")
    assert _goals(ts) == {("南通", "一般公共预算收入增长", "~", 7.0), ("扬州市", "一般公共预算收入增长", "=", 6.0)}


def test_places_listed_after_the_value_share_it():
    ts = _targets("从固定资产投资增长目标对比来看，盐城的目标为“增长8%”。“增长7%以上”的地市有淮安、宿迁。\n")
    assert _goals(ts) == {("盐城", "固定资产投资增长", "=", 8.0), ("淮安", "固定资产投资增长", ">=", 7.0),
                          ("宿迁", "固定资产投资增长", ">=", 7.0)}


def test_the_topic_holds_for_the_next_paragraphs_until_another_is_named():
    ts = _targets("单从社会消费品零售总额增长目标来看，南京的目标是“增长6%”。\n"
                  "镇江、泰州的目标是“增长5%”。\n"
                  "从进出口总额增长目标来看，连云港的目标是“增长4%”。\n")
    assert _goals(ts) == {("南京", "社会消费品零售总额增长", "=", 6.0), ("镇江", "社会消费品零售总额增长", "=", 5.0),
                          ("泰州", "社会消费品零售总额增长", "=", 5.0), ("连云港", "进出口总额增长", "=", 4.0)}


def test_a_goal_naming_its_own_indicator_keeps_it():
    ts = _targets("从地区生产总值增长目标来看，苏州的目标是“增长5.5%”，苏州规上工业增加值目标为增长6%。\n")
    assert ("苏州", "地区生产总值增长", "=", 5.5) in _goals(ts)
    assert not any(t.value == 6.0 and t.indicator_text == "地区生产总值增长" for t in ts)


def test_without_a_topic_places_are_not_split():
    ts = _targets("苏州、无锡、常州的目标是“增长5.5%”。\n")
    assert all(t.indicator_text != "增长" and t.scope_name not in ("苏州", "无锡", "常州") for t in ts)


def test_a_goal_set_for_many_places_names_the_topic():
    ts = _targets("多地将今年地区生产总值增长目标定在6%左右。其中，宿迁地区生产总值预期目标为7%以上，淮安为6.5%。\n")
    assert {("宿迁", "地区生产总值增长", ">=", 7.0), ("淮安", "地区生产总值增长", "=", 6.5)} <= _goals(ts)


def test_a_goal_set_at_a_value_is_a_goal():
    ts = _targets("2025年，江苏省政府工作报告将地区生产总值增长目标定在5%左右。\n")
    assert [(t.comparator, t.value) for t in ts] == [("~", 5.0)]


def test_a_place_result_of_a_past_year_in_such_a_text_stays_an_actual():
    doc = make_doc("多地将今年地区生产总值增长目标定在6%左右。2024年，宿迁地区生产总值增长6.8%。\n", region="江苏省",
                   doc_type="release", start=None, end=None)
    st = extract_statements(doc)
    assert not any(t.value == 6.8 for t in st.targets)
    assert any(a.value == 6.8 for a in st.actuals)
