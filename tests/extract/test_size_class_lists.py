"""A list of industries given one size class (A、B形成“双百”亿级产业 / 打造A、B两个千亿级产业): each listed
industry's output is to reach the class, a floor in 亿元. Plans of places and industries the sample has
not got, in several phrasings and in traditional characters."""

from plantrack.extract import extract_statements

from .helpers import assert_quotes, make_doc


def _targets(text, **kw):
    doc = make_doc(text, **kw)
    st = extract_statements(doc)
    assert_quotes(doc, st)
    return st.targets


def _floors(targets):
    return {(t.indicator_text, t.value, t.unit, t.comparator) for t in targets if t.comparator == ">="}


def test_quoted_double_class_gives_each_listed_industry_a_floor():
    ts = _targets("到2027年，全县工业总产值达到600亿元，其中，食品加工、电子信息形成“双百”亿级产业。",
                  region="荣昌区", start=2023, end=2027)
    assert {("食品加工产业产值", 100.0, "亿元", ">="), ("电子信息产业产值", 100.0, "亿元", ">=")} <= _floors(ts)
    assert all(t.target_year == 2027 for t in ts if t.comparator == ">=")


def test_unquoted_double_thousand_class_after_a_verb_object_list():
    ts = _targets("到2030年，着力打造汽车摩托车、装备制造两个千亿级产业集群。", region="璧山区", start=2026, end=2030)
    assert {("汽车摩托车产业产值", 1000.0, "亿元", ">="), ("装备制造产业产值", 1000.0, "亿元", ">=")} <= _floors(ts)


def test_three_items_with_a_count_of_three():
    ts = _targets("到2025年，做大做强纺织服装、绿色建材和现代农业三个百亿级产业。", region="南川区", start=2021, end=2025)
    floors = _floors(ts)
    assert {i for i, *_ in floors} >= {"纺织服装产业产值", "绿色建材产业产值", "现代农业产业产值"}


def test_traditional_characters_read_as_simplified():
    ts = _targets("到2026年，其中，生物醫藥、新能源形成“雙百”億級產業。", region="巴南区", start=2022, end=2026)
    assert {("生物医药产业产值", 100.0, "亿元", ">="), ("新能源产业产值", 100.0, "亿元", ">=")} <= _floors(ts)


def test_count_not_matching_the_list_gives_no_floor():
    ts = _targets("到2027年，推动智能终端、新材料、轻纺形成“双百”亿级产业。", region="铜梁区", start=2023, end=2027)
    assert not _floors(ts)


def test_a_count_already_read_keeps_its_reading():
    # A、B 2个千亿级主导产业 after a verb: the count of the class is the value read, no floors beside it
    ts = _targets("到2027年，推动智能终端、新材料成为2个千亿级产业。", region="铜梁区", start=2023, end=2027)
    assert not _floors(ts) and any(t.value == 2 for t in ts)


def test_open_list_ending_in_deng_gives_no_floor():
    ts = _targets("到2027年，打造智能终端、新材料等两个千亿级产业集群。", region="铜梁区", start=2023, end=2027)
    assert not _floors(ts)


def test_floor_carries_its_reason_and_a_lower_confidence():
    ts = _targets("到2027年，其中，化工、冶金形成“双百”亿级产业。", region="长寿区", start=2023, end=2027)
    floor = next(t for t in ts if t.indicator_text == "化工产业产值")
    assert floor.confidence < 0.8 and floor.confidence_reason


def test_report_narrating_a_double_class_sets_no_floor():
    ts = _targets("2023年，全区卷烟、新材料已形成“双百”亿级产业。", region="荣昌区", doc_type="release",
                  start=None, end=None, period_year=2023)
    assert not _floors(ts)
