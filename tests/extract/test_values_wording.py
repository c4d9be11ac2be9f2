"""How values are worded: word numerals and magnitudes, comparators, goal-then-result wording.

Every test builds its own sentences (places, years and indicators the sample corpus does not use) in
the reading form extract_statements receives: simplified characters, full-width Chinese punctuation.
"""

import pytest

from plantrack.extract import extract_statements
from plantrack.extract.numbers import parse_number

from .helpers import assert_quotes, by_value, make_doc


def _st(text, **kw):
    doc = make_doc(text, **kw)
    st = extract_statements(doc)
    assert_quotes(doc, st)
    return st


def _targets(text, **kw):
    return _st(text, **kw).targets


def _actuals(text, **kw):
    return _st(text, **{"doc_type": "work_review", **kw}).actuals


# --- numerals -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "value"), [
    ("两", 2), ("十五", 15), ("一百零八", 108), ("千", 1000), ("百万", 1e6), ("五百亿", 5e10),
    ("两千零五", 2005), ("2万", 20000), ("1.5万", 15000), ("零点五", 0.5), ("一万二", 12000), ("3千", 3000),
])
def test_numerals_in_words_and_mixed_forms_are_read(raw, value):
    assert parse_number(raw) == value


def test_ten_thousands_of_a_count_unit_are_multiplied():
    t = by_value(_targets("到2030年，全县市场主体达到3万户。\n", region="伊宁县", start=2026, end=2030), 30000)
    assert (t.unit, t.value_raw, t.unit_raw) == ("户", "3", "万户")


@pytest.mark.parametrize("sentence", [
    "到2028年，实施工业技术改造项目千项。\n",
    "到2028年，全市实施工业技术改造项目千项，新增智能工厂20个。\n",
])
def test_a_round_word_count_closing_its_clause_is_a_value(sentence):
    t = by_value(_targets(sentence, region="佛山市"), 1000)
    assert (t.unit, t.indicator_text) == ("项", "工业技术改造项目")


@pytest.mark.parametrize(("sentence", "value"), [
    ("到2028年，数字经济核心产业营业收入突破百亿。\n", 100),
    ("到2028年，电子信息产业产值突破五百亿。\n", 500),
    ("到2028年，文旅产业规模突破千亿元。\n", 1000),
])
def test_a_word_magnitude_after_a_money_word_is_an_amount_in_yi_yuan(sentence, value):
    t = by_value(_targets(sentence, region="惠州市"), value)
    assert (t.unit, t.comparator) == ("亿元", ">")


def test_a_bare_yi_after_a_headcount_is_not_money():
    assert _targets("到2028年，常住人口突破百亿。\n", region="惠州市") == []


@pytest.mark.parametrize("cls", ["千亿级", "百亿级", "五百亿级"])
def test_a_magnitude_class_counts_the_industries_not_the_money(cls):
    ts = _targets(f"到2030年，打造2个{cls}主导产业集群。\n", region="和田市", start=2026, end=2030)
    assert [(t.value, t.unit, t.indicator_text) for t in ts] == [(2, "个", f"{cls}主导产业集群")]


@pytest.mark.parametrize("verb", ["建成", "打造", "创建"])
def test_the_first_of_a_kind_created_is_a_count_of_one(verb):
    t = by_value(_targets(f"到2027年，{verb}全省首家零碳产业园。\n", region="南沙区", start=2023, end=2027), 1)
    assert (t.unit, t.indicator_text, t.target_year) == ("家", "零碳产业园", 2027)


def test_becoming_the_first_listed_firm_is_a_distinction_not_a_count():
    assert _actuals("2024年，某农机公司成功上市，成为全省首家上市的农机装备企业。\n", region="昌吉市") == []


@pytest.mark.parametrize(("word", "pct"), [("翻一番", 100), ("翻番", 100), ("翻两番", 300)])
def test_doubling_is_a_change_against_the_baseline(word, pct):
    t = by_value(_targets(f"到2030年，全县规上工业总产值比2025年{word}。\n", region="霍城县", start=2026,
                          end=2030), pct)
    assert (t.target_kind, t.unit, t.baseline_year) == ("change_vs_base", "%", 2025)


def test_two_items_doubling_together_are_one_goal_each():
    ts = _targets("到2020年，全省地区生产总值和城乡居民人均收入比2010年翻一番以上。\n", region="黑龙江省", start=2016,
                  end=2020)
    assert sorted(t.indicator_text for t in ts if t.value == 100) == ["地区生产总值", "城乡居民人均收入"]


def test_an_item_named_with_yu_inside_its_own_words_doubles_as_one():
    ts = _targets("到2030年，全社会研究与试验发展经费支出比2025年翻一番。\n", region="霍城县", start=2026, end=2030)
    assert [t.indicator_text for t in ts if t.value == 100] == ["全社会研究与试验发展经费支出"]


# --- comparators ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("phrase", "comparator"), [
    ("突破1500亿元", ">"), ("超过1500亿元", ">"), ("超1500亿元", ">"),
    ("达到1500亿元以上", ">="), ("不低于1500亿元", ">="),
    ("接近1500亿元", "~"), ("达到1500亿元左右", "~"),
    ("控制在1500亿元以内", "<="), ("不超过1500亿元", "<="),
])
def test_comparator_words(phrase, comparator):
    t = by_value(_targets(f"到2029年，全区地区生产总值{phrase}。\n", region="滨海新区", start=2025, end=2029), 1500)
    assert t.comparator == comparator


def test_near_before_a_span_of_time_is_no_value():
    assert _targets("近3个月，全区规上工业企业保持稳定。\n", region="滨海新区") == []


# --- release wording ------------------------------------------------------------------------------

@pytest.mark.parametrize("basis", ["按不变价格计算，", "按可比价格计算，", "按可比价计算，", ""])
@pytest.mark.parametrize("change", ["比上年增长", "同比增长", "可比增长", "比上年可比增长"])
def test_a_level_and_its_yoy_growth_in_one_sentence(basis, change):
    acts = _actuals(f"2023年，全县实现地区生产总值352.6亿元，{basis}{change}5.8%。\n", region="库车市")
    level, growth = by_value(acts, 352.6), by_value(acts, 5.8)
    assert level.measure == "level"
    assert growth.measure == "yoy_growth" and growth.period_year == 2023
    assert growth.indicator_text.startswith(level.indicator_text)
    assert "可比" not in growth.indicator_text


def test_comparable_growth_alone_is_a_yoy_growth():
    a = by_value(_actuals("2022年，社会消费品零售总额可比增长4.2%。\n", region="东莞市"), 4.2)
    assert (a.measure, a.indicator_text) == ("yoy_growth", "社会消费品零售总额")


def test_listed_changes_belong_to_the_listed_levels_before_them():
    acts = _actuals("2023年，第一产业增加值40.1亿元，第二产业增加值120.3亿元，第三产业增加值192.2亿元，"
                    "分别增长6.4%、6.7%、12%。\n", region="江门市")
    growth = {a.value: a for a in acts if a.measure == "yoy_growth"}
    assert sorted(growth) == [6.4, 6.7, 12]
    assert growth[6.4].indicator_text.startswith("第一产业增加值")
    assert growth[6.7].indicator_text.startswith("第二产业增加值")
    assert growth[12].indicator_text.startswith("第三产业增加值")


@pytest.mark.parametrize("items", ["一、二、三产业增加值", "第一、二、三产业增加值"])
def test_numbered_industries_share_one_name(items):
    acts = _actuals(f"2021年，{items}分别增长6.4%、6.7%、12%。\n", region="塔城市")
    names = {a.value: a.indicator_text for a in acts}
    assert names == {6.4: "第一产业增加值", 6.7: "第二产业增加值", 12: "第三产业增加值"}
    assert all(a.measure == "yoy_growth" for a in acts)


# --- numbers that are not values of the place -----------------------------------------------------

def test_comparisons_with_higher_levels_and_ranks_are_left_alone():
    acts = _actuals("2023年，全区规上工业增加值增长8.1%，增速分别高于全国、全市0.6、0.4个百分点，居全市区县第三位。\n",
                    region="河西区")
    assert [a.value for a in acts] == [8.1]


@pytest.mark.parametrize("clause", ["完成年度目标的52%", "完成全年目标任务的52%", "增速高于计划目标0.7个百分点",
                                    "超序时进度3个百分点"])
def test_progress_against_a_plan_is_neither_target_nor_actual(clause):
    st = _st(f"2024年，全区固定资产投资{clause}。\n", region="红桥区", doc_type="work_review")
    assert st.actuals == [] and st.targets == []


@pytest.mark.parametrize("name", ["“2349”", "“1+2+8+N”", "“4+2”"])
def test_digits_inside_a_quoted_code_name_are_no_value(name):
    ts = _targets(f"到2028年，构建{name}现代制造业集群体系，培育规上工业企业60家。\n", region="肇庆市")
    assert [t.value for t in ts] == [60]


@pytest.mark.parametrize("line", [
    "注1：规模以上工业企业指年主营业务收入2000万元及以上的工业企业。\n",
    "【1】规模以上工业企业指年主营业务收入2000万元及以上的工业企业。\n",
    "①规模以上工业企业指年主营业务收入2000万元及以上的工业企业。\n",
    "图1 2019-2023年地区生产总值达到350亿元\n",
])
def test_footnotes_and_captions_report_no_values(line):
    assert [a.value for a in _actuals("2023年，全县规上工业企业达到112家。\n" + line, region="拜城县")] == [112]


def test_a_structure_ratio_states_the_three_sector_shares():
    # 三次产业结构 names its parts by convention (first, second, third sector), as an analyst reads it
    got = _actuals("2023年，全区三次产业结构调整为6.5：55.8：37.7。\n", region="斗门区")
    assert [(a.indicator_text, a.value, a.unit, a.measure, a.period_year) for a in got] == [
        ("第一产业占比", 6.5, "%", "share", 2023), ("第二产业占比", 55.8, "%", "share", 2023),
        ("第三产业占比", 37.7, "%", "share", 2023)]


def test_a_structure_ratio_in_a_traditional_release_keeps_its_original_quote():
    doc = make_doc("2021年，全縣三次產業結構比為12.4:40.1:47.5。\n", region="会理市", doc_type="bulletin")
    got = extract_statements(doc).actuals
    assert [a.value for a in got] == [12.4, 40.1, 47.5]
    assert all(doc.text[a.char_start:a.char_end] == a.quote for a in got)


def test_a_structure_ratio_is_read_whatever_words_lead_to_it_and_whichever_colon_it_uses():
    got = _actuals("2024年，全县三次产业比达到38.8∶19.3∶41.9。\n", region="北林区")
    assert [(a.indicator_text, a.value) for a in got] == [("第一产业占比", 38.8), ("第二产业占比", 19.3),
                                                          ("第三产业占比", 41.9)]


def test_grain_in_jin_is_read_in_tonnes():
    got = _actuals("2025年，全省粮食产量515.6亿斤。\n", region="河南省")
    assert [(a.indicator_text, a.value_raw, a.unit_raw, a.value, a.unit) for a in got] == [
        ("粮食产量", "515.6", "亿斤", 515.6 * 5e4, "吨")]


def test_the_last_of_the_steps_an_amount_climbed_is_no_value_of_it():
    got = _actuals("2011年，全省粮食总产量1114.1亿斤，连续越过800、900、1000、1100亿斤四个台阶。\n", region="黑龙江省")
    assert [a.value_raw for a in got] == ["1114.1"]


def test_unchanged_on_the_year_before_is_a_growth_of_zero_but_level_with_another_place_is_no_value():
    got = _actuals("2024年，全县固定资产投资同比持平，社会消费品零售总额增长6.9%，与全市增速基本持平。\n",
                   region="奇台县")
    assert [(a.indicator_text, a.value, a.measure) for a in got] == [
        ("固定资产投资", 0.0, "yoy_growth"), ("社会消费品零售总额", 6.9, "yoy_growth")]


def test_a_shares_change_on_the_same_period_a_year_before_is_a_value_but_not_on_another_part_of_the_year():
    got = _actuals("2024年上半年，第三产业占比为56.1%，较去年同期提高1个百分点；民间投资占比达到34.2%，"
                   "较一季度提升12.3个百分点；规上工业增加值增长6%，增速较上年同期回落1.2个百分点。\n", region="邗江区")
    assert [a.value_raw for a in got if a.unit_raw == "个百分点"] == ["1"]


def test_a_two_year_average_growth_is_of_the_subject_not_of_the_base_year_it_was_compared_with():
    got = _actuals("2021年一季度，地区生产总值同比增长12.7%、比2019年一季度增长7.3%，两年平均增长3.6%。\n",
                   region="万州区")
    names = {a.value_raw: a.indicator_text for a in got}
    assert names["7.3"] == "地区生产总值比2019年一季度增长" and names["3.6"] == "地区生产总值两年平均增长"


def test_a_ratio_whose_parts_do_not_add_up_to_100_is_left_alone():
    assert _actuals("2022年，全县三次产业结构为1:2:3。\n", region="奇台县") == []


# --- goal and result in one sentence --------------------------------------------------------------

def test_a_goal_and_its_result_yield_a_target_and_an_actual():
    st = _st("2024年，全区规上工业产值目标500亿元，完成520亿元。\n", region="津南区", doc_type="work_review")
    t, a = by_value(st.targets, 500), by_value(st.actuals, 520)
    assert (t.indicator_text, t.target_year) == ("规上工业产值", 2024)
    assert (a.indicator_text, a.period_year, a.measure) == ("规上工业产值", 2024, "level")
    assert not [x for x in st.actuals if x.value == 500]


def test_a_growth_goal_and_its_actual_growth():
    st = _st("2023年，全县工业投资目标增长10%，实际完成增长12.3%。\n", region="温宿县", doc_type="work_review")
    t, a = by_value(st.targets, 10), by_value(st.actuals, 12.3)
    assert (t.target_kind, t.target_year) == ("growth_rate", 2023)
    assert a.measure == "yoy_growth" and a.indicator_text.startswith("工业投资")


def test_a_goal_year_before_a_colon_is_the_target_year():
    ts = _targets("2027年目标：全市规上工业增加值年均增长12%，工业投资年均增长10%。\n", region="湛江市",
                  start=2026, end=2030)
    assert {t.value: t.target_year for t in ts} == {12: 2027, 10: 2027}


# --- names and wording met in real releases -------------------------------------------------------

@pytest.mark.parametrize("marker", ["【1】", "①", "[2]"])
def test_a_footnote_marker_is_no_part_of_the_indicator(marker):
    acts = _actuals(f"2022年，全区地区生产总值{marker}1504.37亿元，比上年增长2.6%。\n", region="鼓楼区")
    assert {a.indicator_text for a in acts} == {"地区生产总值", "地区生产总值比上年增长"}


def test_a_share_after_a_growth_is_a_share_of_the_level():
    acts = _actuals("2022年，民营经济增加值941.30亿元，增长0.9%，占全区经济总量的62.6%。\n", region="南明区")
    share = by_value(acts, 62.6)
    assert share.measure == "share" and "增长" not in share.indicator_text
    assert share.indicator_text.startswith("民营经济增加值")


def test_a_gap_to_another_indicator_is_no_value():
    acts = _actuals("2022年，网上商品零售额14.52亿元，比上年增长11.8%，高于社会消费品零售总额增速11.1个百分点。\n",
                    region="云岩区")
    assert sorted(a.value for a in acts) == [11.8, 14.52]


def test_a_tally_of_plan_indicators_is_no_value():
    acts = _actuals("2022年计划明确的28项指标中，15项指标达到或超过预期，12项指标未达预期。\n", region="花溪区")
    assert acts == []


@pytest.mark.parametrize(("listed", "cls"), [("先进材料、动力电池", "千亿级主导产业"), ("页岩气及清洁能源等", "五百亿级支柱产业"),
                                             ("榨菜等", "百亿级特色优势产业")])
def test_a_count_of_a_magnitude_class_names_the_class(listed, cls):
    ts = _targets(f"到2027年，聚力打造{listed}2个{cls}。\n", region="番禺区", start=2023, end=2027)
    assert [(t.value, t.indicator_text) for t in ts] == [(2, cls)]


def test_examples_before_a_count_name_what_is_counted():
    ts = _targets("到2027年，培育壮大数字文创等9个新兴产业。\n", region="番禺区", start=2023, end=2027)
    assert [(t.value, t.indicator_text) for t in ts] == [(9, "新兴产业")]


def test_a_bare_yi_before_a_new_level_is_money():
    a = by_value(_actuals("2021年，全区经济总量迈上1400亿新台阶。\n", region="越秀区"), 1400)
    assert (a.unit, a.indicator_text) == ("亿元", "经济总量")


def test_last_year_opening_a_sentence_is_no_part_of_the_name():
    a = by_value(_actuals("2024年发布。去年材料产业产值达到了1204亿元。\n", region="白云区"), 1204)
    assert a.indicator_text == "材料产业产值"


def test_values_under_an_execution_report_heading_are_actuals():
    st = _st("一、2021年计划执行情况\n全区GDP增长8.7%，规上工业增加值增长9.1%。\n", region="潮州市",
             doc_type="release")
    assert st.targets == [] and sorted(a.value for a in st.actuals) == [8.7, 9.1]


@pytest.mark.parametrize("lead", ["全区", "全县", "全市", "全年"])
def test_the_whole_place_or_year_opening_a_name_is_no_part_of_it(lead):
    a = by_value(_actuals(f"2023年，{lead}规模以上工业增加值增长8.8%。\n", region="和静县"), 8.8)
    assert a.indicator_text == "规模以上工业增加值"


@pytest.mark.parametrize(("sentence", "indicator", "value"), [
    ("到2030年，智能装备产业迈入千亿级。\n", "智能装备产业规模", 1000),
    ("到2030年，电子信息产业规模达到五百亿级。\n", "电子信息产业规模", 500),
    ("到2030年，打造千亿级新能源汽车产业集群。\n", "新能源汽车产业集群产值", 1000),
])
def test_a_size_class_as_the_complement_is_a_floor_on_the_amount(sentence, indicator, value):
    t = by_value(_targets(sentence, region="清远市", start=2026, end=2030), value)
    assert (t.indicator_text, t.comparator, t.unit, t.target_kind) == (indicator, ">=", "亿元", "level")
    assert t.confidence < 0.8 and "size class" in t.confidence_reason


@pytest.mark.parametrize("sentence", ["到2030年，打造一批百亿级特色产业集群。\n", "力争百亿级产业项目实现突破。\n",
                                      "积极推进全市百亿级特色材料产业建设基地。\n", "2024年，全区跻身千亿级行列。\n"])
def test_a_size_class_that_only_classifies_is_no_value(sentence):
    assert _targets(sentence, region="清远市", start=2026, end=2030) == []


def test_urban_and_rural_share_one_name_in_a_list():
    acts = _actuals("2023年，城乡居民人均可支配收入分别增长4.5%、6.5%。\n", region="宁德市")
    assert {a.value: a.indicator_text for a in acts} == {4.5: "城镇居民人均可支配收入", 6.5: "农村居民人均可支配收入"}


@pytest.mark.parametrize(("goal", "done"), [("年度目标增长", "1-6月完成增长"), ("计划增长", "实际增长"),
                                            ("预期目标增长", "上半年实际完成增长")])
def test_a_subject_before_a_colon_names_its_goal_and_its_result(goal, done):
    st = _st(f"固定资产投资：{goal}10%，{done}11.5%，超过计划1.5个百分点。\n", region="赣州市", doc_type="release")
    t, a = by_value(st.targets, 10), by_value(st.actuals, 11.5)
    assert (t.indicator_text, t.target_kind) == ("固定资产投资", "growth_rate")
    assert a.measure == "yoy_growth" and a.indicator_text.startswith("固定资产投资")
    assert len(st.targets) == 1 and len(st.actuals) == 1


def test_a_progress_clause_neither_sets_a_target_nor_separates_a_level_from_its_growth():
    st = _st("1-6月，全区规上工业产值完成280亿元，完成年度目标的52%，增长6.1%。\n", region="上饶市",
             doc_type="release")
    assert st.targets == []
    assert {(a.value, a.measure) for a in st.actuals} == {(280, "level"), (6.1, "yoy_growth")}


@pytest.mark.parametrize("share", ["占全市的1/5", "占全市的20%", "占全省的比重为3.5%", "占全国份额约2%"])
def test_a_weight_in_a_larger_place_is_no_value_of_the_place(share):
    acts = _actuals(f"2023年，全区材料产业产值达到1204亿元，{share}，居全市区县第一。\n", region="长寿区")
    assert [a.value for a in acts] == [1204]


def test_a_share_within_the_place_is_still_read():
    a = by_value(_actuals("2023年，高技术产业产值占全区规上工业产值的比重为25.3%。\n", region="长寿区"), 25.3)
    assert a.measure == "share"


@pytest.mark.parametrize(("sentence", "count"), [("到2030年，确保每年至少有2个30亿元及以上新招商项目落地开工。\n", 2),
                                                 ("到2030年，引进3家100亿元以上制造业企业。\n", 3)])
def test_money_right_after_a_count_sizes_what_is_counted(sentence, count):
    ts = _targets(sentence, region="湘潭市", start=2026, end=2030)
    assert [t.value for t in ts] == [count]
    assert "亿元" in ts[0].indicator_text


def test_at_least_there_be_is_a_floor():
    t = by_value(_targets("到2030年，每年至少有2个重大项目落地开工。\n", region="湘潭市", start=2026, end=2030), 2)
    assert (t.comparator, t.target_kind) == (">=", "annual")


@pytest.mark.parametrize(("rule", "comparator"), [("按不低于", ">="), ("按照不超过", "<="), ("按原则上不低于", ">=")])
def test_a_share_rule_by_proportion_is_a_share_target(rule, comparator):
    t = by_value(_targets(f"到2030年，在国土空间规划中新型产业用地{rule}工业用地总规模15%的比例配置。\n", region="株洲市",
                          start=2026, end=2030), 15)
    assert (t.indicator_text, t.comparator, t.target_kind) == ("新型产业用地占工业用地总规模比例", comparator, "share")


def test_money_with_a_floor_before_a_later_count_sizes_the_projects():
    ts = _targets("到2030年，新增20亿元以上先进制造业项目不低于12个。\n", region="株洲市", start=2026, end=2030)
    assert [(t.value, t.unit, t.comparator) for t in ts] == [(12, "个", ">=")]


# --- the kind a count's wording gives ------------------------------------------------------------

@pytest.mark.parametrize("verb", ["培育", "打造", "引进", "创建"])
def test_a_count_of_what_the_plan_creates_is_cumulative(verb):
    t = by_value(_targets(f"到2030年，{verb}市级绿色工厂25家。\n", region="岳阳市", start=2026, end=2030), 25)
    assert t.target_kind == "cumulative"


def test_a_count_reached_in_total_is_cumulative_and_a_count_reached_is_a_level():
    ts = _targets("到2030年，全市累计达到8家链主企业，规上工业企业达到900家。\n", region="岳阳市", start=2026, end=2030)
    assert by_value(ts, 8).target_kind == "cumulative"
    assert by_value(ts, 900).target_kind == "level"


def test_every_year_governs_the_clauses_that_follow_it():
    ts = _targets("力争每年新增市级数字化车间6个，实施智能化改造项目35个，推动8家以上企业开展贯标。\n", region="常德市",
                  start=2026, end=2030)
    assert {t.value: t.target_kind for t in ts} == {6: "annual", 35: "annual", 8: "annual"}


def test_every_year_stops_at_a_year():
    ts = _targets("力争每年新增市级数字化车间6个，到2030年累计建成数字化车间60个。\n", region="常德市", start=2026, end=2030)
    assert (by_value(ts, 6).target_kind, by_value(ts, 60).target_kind) == ("annual", "cumulative")


def test_a_rate_per_mille_is_read_with_its_sign():
    a = by_value(_actuals("2022年，全区人口自然增长率为-3.36‰。\n", region="綦江区"), -3.36)
    assert (a.unit, a.indicator_text) == ("‰", "人口自然增长率")


@pytest.mark.parametrize("tail", ["个百分点", "个", ""])
def test_a_gap_to_another_rate_is_no_value_whatever_unit_follows(tail):
    got = _actuals(f"2023年，全县网上零售额增长18.4%，高于社会消费品零售总额增速9.3{tail}\n", region="伊宁县")
    assert [a.value for a in got] == [18.4]


@pytest.mark.parametrize(("named", "unit"), [("地区生产总值", "亿元"), ("社会消费品零售总额", "亿元"), ("规上工业增加值", "亿元")])
def test_a_bare_total_after_a_growth_rate_is_the_indicator_just_named(named, unit):
    got = _actuals(f"2024年，全市{named}同比增长4.1%，总量突破620{unit}。\n", region="韶关市")
    assert [(a.indicator_text, a.value) for a in got] == [(named, 4.1), (named, 620)]


@pytest.mark.parametrize(("sentence", "value"), [
    ("2021年末，全县人口性别比（以女性为100）为104.6。\n", 104.6),
    ("2021年，全县居民消费价格指数为101.8。\n", 101.8),
    ("2021年，全县农村居民恩格尔系数为31.2。\n", 31.2),
])
def test_a_unitless_ratio_or_index_stated_with_wei_is_a_value(sentence, value):
    assert [a.value for a in _actuals(sentence, region="和田县")] == [value]


# --- a level said with its growth or after the steps it climbed -----------------------------------

def test_an_amount_right_after_a_growth_is_the_level_of_the_same_subject():
    acts = _actuals("2031年，嘉陵市地区生产总值增长5.6%、约2.1万亿元。", title="2031年嘉陵市经济运行情况")
    level = by_value(acts, 21000)  # in 亿元
    assert level.indicator_text.endswith("地区生产总值") and level.unit_raw == "万亿元"


def test_a_level_reached_after_the_steps_climbed_is_the_climbing_subjects():
    acts = _actuals("2031年，全省地区生产总值连跨2个万亿元台阶，达到6.3万亿元、增长5.1%。",
                    title="2031年嘉陵省经济运行情况")
    assert by_value(acts, 63000).indicator_text.endswith("地区生产总值")
    assert by_value(acts, 5.1).indicator_text.endswith("地区生产总值增长")
    assert not [a for a in acts if a.value == 2]


def test_a_growth_keeps_its_growth_words_when_the_documents_own_region_leads_its_name():
    acts = _actuals("今年上半年，嘉陵78个县（市）实现生产总值428.92亿元，同比增长8.6%。", region="嘉陵省",
                    title="嘉陵省上半年经济运行")
    assert by_value(acts, 8.6).indicator_text.endswith("生产总值同比增长")


def test_short_listed_modifiers_share_the_head_of_the_last_item():
    from plantrack.extract.mentions import find_mentions

    got = {m.value: m.indicator for m in find_mentions("城镇和农村居民人均可支配收入分别增长4.3%、5.3%。")}
    assert got == {4.3: "城镇居民人均可支配收入", 5.3: "农村居民人均可支配收入"}


def test_rates_listed_in_the_clause_after_listed_levels_are_their_changes_in_order():
    from plantrack.extract.mentions import find_mentions

    s = "城乡居民人均可支配收入分别为39310元、20356元，增长5.5%、5.6%，县域综合实力持续增强。"
    got = {m.value: m.indicator for m in find_mentions(s)}
    assert got[5.5] == "城镇居民人均可支配收入增长" and got[5.6] == "农村居民人均可支配收入增长"


def test_rates_listed_with_a_second_fenbie_still_belong_to_the_levels_listed_before():
    from plantrack.extract.mentions import find_mentions

    s = "城乡居民人均可支配收入分别为52523元、19507元，分别增长9.4%、10.1%，居民收入增速跑赢经济增速。"
    got = {m.value: m.indicator for m in find_mentions(s)}
    assert got[9.4] == "城镇居民人均可支配收入增长" and got[10.1] == "农村居民人均可支配收入增长"


def test_a_fenbie_list_without_items_of_its_own_lists_the_items_of_the_one_before():
    from plantrack.extract.mentions import find_mentions

    s = "地区生产总值、财政总收入和区级财政收入年均分别增长11.9%、13.8%和15.3%，2031年分别达到1483亿元、434亿元和139亿元。"
    got = {m.value: m.indicator for m in find_mentions(s)}
    assert (got[1483], got[434], got[139]) == ("地区生产总值", "财政总收入", "区级财政收入")


def test_a_growth_after_a_bare_base_of_comparison_is_the_growth_of_the_value_just_named():
    from plantrack.extract.mentions import find_mentions

    s = "全区实现地区生产总值11396.14亿元，按可比价格计算，比上年同期增长8.8%，两年平均增长5.4%。"
    got = {m.value: m.indicator for m in find_mentions(s)}
    assert got[8.8] == "地区生产总值增长"


def test_a_two_year_average_growth_after_a_growth_is_of_the_same_value():
    from plantrack.extract.mentions import find_mentions

    s = "全区实现地区生产总值11396.14亿元，增长8.8%，两年平均增长5.4%。"
    assert {m.value: m.indicator for m in find_mentions(s)}[5.4] == "地区生产总值两年平均增长"


def test_places_listed_before_a_gdp_share_the_gdp_named_after_the_last_one():
    from plantrack.extract.mentions import find_mentions

    s = "甲平原、乙经济区和丙生态示范区地区生产总值分别增长6.1%、6.5%、5.9%。"
    got = {m.value: m.indicator for m in find_mentions(s)}
    assert got == {6.1: "甲平原地区生产总值", 6.5: "乙经济区地区生产总值", 5.9: "丙生态示范区地区生产总值"}


def test_the_shorthand_of_the_three_sectors_names_each_sector():
    from plantrack.extract.mentions import find_mentions

    got = {m.value: m.indicator for m in find_mentions("其中一、二、三产分别增长3.3%、0.6%、5.7%。")}
    assert got == {3.3: "第一产业", 0.6: "第二产业", 5.7: "第三产业"}


def test_zhao_yuan_of_a_taiwan_or_hong_kong_repost_is_ten_thousand_yi():
    from plantrack.extract.units import normalize_unit

    assert normalize_unit("兆元") == ("亿元", 1e4)
    st = _st("2030年，全市地区生产总值为人民币5.2兆元。\n", doc_type="bulletin", start=None, end=None, period_year=2030)
    assert by_value(st.actuals, 52000).unit == "亿元"
