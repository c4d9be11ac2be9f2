"""Actual values from releases and from plans' background sections."""

from datetime import date

from plantrack.extract import extract_statements

from .helpers import assert_quotes, by_value, make_doc


def _actuals(text, **kw):
    doc = make_doc(text, **{"doc_type": "work_review", **kw})
    st = extract_statements(doc)
    assert_quotes(doc, st)
    return st


def test_level_and_yoy_growth():
    st = _actuals("2024年，全区实现规模工业产值 2105 亿元，同比增长 6.2%。\n")
    level, growth = by_value(st.actuals, 2105), by_value(st.actuals, 6.2)
    assert (level.measure, level.period_year, level.period_label) == ("level", 2024, "全年")
    assert growth.measure == "yoy_growth"
    assert not st.targets


def test_decline_is_negative_growth():
    a = by_value(_actuals("2024年，全区工业投资比上年下降3.1%。\n").actuals, -3.1)
    assert a.measure == "yoy_growth"


def test_growth_in_times_is_percent():
    a = by_value(_actuals("2024年，新能源汽车产量增长1.5倍。\n").actuals, 150)
    assert (a.measure, a.unit) == ("yoy_growth", "%")


def test_new_and_cumulative_from_one_sentence():
    st = _actuals("2024年，新增 6 家国家级专精特新“小巨人”企业，累计国家级专精特新“小巨人”企业 31 家。\n")
    assert by_value(st.actuals, 6).measure == "new_in_period"
    assert by_value(st.actuals, 31).measure == "cumulative"


def test_verb_carries_across_a_list():
    st = _actuals("2024年，建成智能工厂 2 个、数字化车间 18 个，累计数字化车间 90 个。\n")
    assert by_value(st.actuals, 18).measure == "new_in_period"
    assert by_value(st.actuals, 90).measure == "cumulative"


def test_share_of_total():
    a = by_value(_actuals("2024年，高技术制造业增加值占规上工业增加值比重为28.4%。\n").actuals, 28.4)
    assert a.measure == "share"


def test_two_year_average_growth():
    a = by_value(_actuals("2024年，规上工业增加值两年平均增长5.5%。\n").actuals, 5.5)
    assert a.measure == "avg_growth"


def test_comparisons_with_other_places_are_not_values():
    st = _actuals("2024年，规上工业增加值增长8.1%，增速比全市高2.0个百分点，高于全省1.3个百分点，居全市第二。\n")
    assert [a.value for a in st.actuals] == [8.1]


def test_periods():
    st = _actuals("2024年上半年，全区规上工业增加值增长7%。\n2024年1-7月，工业投资增长4.4%。\n")
    h1, jul = by_value(st.actuals, 7), by_value(st.actuals, 4.4)
    assert (h1.period_label, h1.period_start, h1.period_end) == ("上半年", date(2024, 1, 1), date(2024, 6, 30))
    assert (jul.period_label, jul.period_end) == ("1-7月", date(2024, 7, 31))


def test_plan_background_states_actuals_and_goals_state_targets():
    doc = make_doc("一、发展基础\n“十三五”期间，培育高新技术企业86家。2023年，全区规上工业总产值512.3亿元。\n"
                   "二、发展目标\n到2028年，规上工业总产值达到900亿元。\n")
    st = extract_statements(doc)
    assert_quotes(doc, st)
    assert by_value(st.actuals, 512.3).period_year == 2023
    assert by_value(st.actuals, 86).period_year == 2020
    assert [t.value for t in st.targets] == [900]


def test_same_fact_reported_twice_is_one_actual():
    st = _actuals("2024年，全区实现规模工业产值2105亿元。\n\n综述\n2024年，全区规模工业产值2105亿元，同比增长6.2%。\n")
    assert len([a for a in st.actuals if a.value == 2105]) == 1


def test_projections_are_not_actuals():
    st = _actuals("2024年，新增投资26.9亿元，预计新增产值5.5亿元。\n")
    assert [a.value for a in st.actuals] == [26.9]


def test_change_against_an_earlier_base_year_is_cumulative_never_a_share():
    st = _actuals("2023年，全区生产新能源汽车8.6万辆，相较2018年产能提升146.5%。\n")
    a = by_value(st.actuals, 146.5)
    assert (a.measure, a.unit, a.period_year) == ("cumulative", "%", 2023)
    assert "产能" in a.indicator_text


def test_change_since_the_start_of_a_five_year_period_is_cumulative():
    doc = make_doc("一、发展基础\n“十四五”末，全区规上工业增加值达到311亿元，较“十四五”初增长42.3%。\n",
                   start=2026, end=2030)
    a = by_value(extract_statements(doc).actuals, 42.3)
    assert a.measure == "cumulative" and "规上工业增加值" in a.indicator_text


def test_decline_against_an_earlier_base_year_is_a_signed_cumulative_change():
    a = by_value(_actuals("2024年，单位工业增加值能耗比2019年下降21.4%。\n").actuals, -21.4)
    assert a.measure == "cumulative"


def test_change_against_the_year_before_is_ordinary_yoy_growth():
    a = by_value(_actuals("2024年，全区工业投资较2023年增长8.1%。\n").actuals, 8.1)
    assert a.measure == "yoy_growth"


def test_no_share_or_level_percentage_outside_0_to_100():
    st = _actuals("2024年，全区产能利用率为135%，规上企业研发机构覆盖率为64%。\n")
    for a in st.actuals:
        if a.unit == "%" and a.measure in ("share", "level"):
            assert 0 <= a.value <= 100
    assert by_value(st.actuals, 64).measure == "share"


def test_count_of_enterprises_doing_what_the_next_value_measures():
    st = _actuals("2024年，11家企业新盘活闲置用地面积260亩，8家企业新盘活闲置厂房面积3.2万平方米。\n")
    firms, area = by_value(st.actuals, 11), by_value(st.actuals, 260)
    assert firms.indicator_text == "新盘活闲置用地企业" and area.indicator_text == "新盘活闲置用地面积"
    assert (area.unit, area.measure) == ("亩", "new_in_period")
    assert "闲置厂房面积" in by_value(st.actuals, 32000).indicator_text


def test_a_bare_running_total_belongs_to_the_item_just_named():
    st = _actuals("2024年，新增市级企业技术中心6家、国家级企业技术中心1家，累计45家。\n")
    total = by_value(st.actuals, 45)
    assert (total.measure, total.indicator_text) == ("cumulative", "国家级企业技术中心累计")


def test_funds_won_are_a_result_not_a_subsidy_offer_nor_a_target():
    st = _actuals("2024年，推荐32个项目争取国家和市级各类专项资金等2860万元。\n")
    assert not st.targets
    money = by_value(st.actuals, 0.286)
    assert (money.unit_raw, money.period_year) == ("万元", 2024)


def test_a_bare_average_growth_rate_takes_the_subject_just_named():
    doc = make_doc("一、发展基础\n“十四五”末，实现89亿元工业增加值，年平均增长率达到6.3%。\n", start=2026, end=2030)
    a = by_value(extract_statements(doc).actuals, 6.3)
    assert (a.measure, a.period_year) == ("avg_growth", 2025)
    assert a.indicator_text.startswith("工业增加值")


def test_region_name_and_possession_words_do_not_start_an_indicator():
    doc = make_doc("一、发展基础\n2023年，全区集聚规模以上工业企业312家，生产电解铜12.5万吨。"
                   "永川目前拥有规模以上工业企业312家。\n")
    st = extract_statements(doc)
    assert len([a for a in st.actuals if a.value == 312]) == 1
    assert by_value(st.actuals, 125000).indicator_text == "电解铜"


def test_a_bare_new_count_after_a_stock_names_the_same_item():
    st = _actuals("2024年末，全区共有国家级高新技术企业428家，新认定112家。规模以上工业企业达到312户，比上年末增加21户。\n")
    new = by_value(st.actuals, 112)
    assert (new.measure, new.indicator_text) == ("new_in_period", "新认定国家级高新技术企业")
    net = by_value(st.actuals, 21)
    assert net.measure == "new_in_period" and "规模以上工业企业" in net.indicator_text


def test_a_change_in_percentage_points_is_a_change_not_a_share():
    st = _actuals("2024年，高技术制造业增加值占规上工业增加值的比重为31.5%，比上年提高1.8个百分点。\n")
    assert by_value(st.actuals, 31.5).measure == "share"
    pp = by_value(st.actuals, 1.8)
    assert (pp.measure, pp.unit) == ("yoy_growth", "pp")


def test_value_added_is_a_level_not_an_addition():
    a = by_value(_actuals("2024年，全区第二产业增加值356.1亿元，增长7.2%。\n").actuals, 356.1)
    assert a.measure == "level"
