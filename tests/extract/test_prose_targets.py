"""Targets written in sentences: values, comparators, kinds, lists, years."""

import pytest

from plantrack.extract import extract_statements

from .helpers import assert_quotes, by_value, make_doc


def _targets(text, **kw):
    doc = make_doc(text, **kw)
    st = extract_statements(doc)
    assert_quotes(doc, st)
    return st.targets


def test_level_target_with_explicit_year():
    t = by_value(_targets("二、发展目标\n到2030年，全区规模以上工业企业营业收入达到2800亿元。\n"), 2800)
    assert (t.target_year, t.unit, t.comparator, t.target_kind, t.method) == (2030, "亿元", "=", "level", "prose")
    assert "营业收入" in t.indicator_text
    assert t.section == "二、发展目标"


@pytest.mark.parametrize("phrase,value,comparator", [
    ("研发投入强度提高至2.5%以上", 2.5, ">="),
    ("工业固废综合利用率不低于92%", 92, ">="),
    ("规上工业企业超过300家", 300, ">"),
    ("单位产值能耗不高于0.4吨标准煤", 0.4, "<="),
    ("工业增加值占地区生产总值比重稳定在40%左右", 40, "~"),
])
def test_comparators(phrase, value, comparator):
    t = by_value(_targets(f"到2028年，{phrase}。\n"), value)
    assert t.comparator == comparator


def test_range_target():
    t = by_value(_targets("到2028年，每个产业链培育链主企业2－4家。\n"), 2)
    assert (t.comparator, t.value_high, t.unit) == ("range", 4, "家")


def test_fraction_becomes_percent():
    t = by_value(_targets("到2028年，制造业增加值占GDP比重保持在1/4以上。\n"), 25.0)
    assert (t.unit, t.comparator, t.target_kind) == ("%", ">=", "share")


def test_change_vs_base_is_signed_with_baseline_year():
    t = by_value(_targets("到2028年，单位工业增加值能耗较2023年累计下降13.5%。\n"), -13.5)
    assert (t.target_kind, t.baseline_year) == ("change_vs_base", 2023)


def test_growth_rate():
    t = by_value(_targets("到2028年，全员劳动生产率年均增长6.5%以上。\n"), 6.5)
    assert t.target_kind == "growth_rate"


def test_annual_target():
    t = by_value(_targets("力争每年新增市级智能工厂3个以上。\n"), 3)
    assert (t.target_kind, t.comparator) == ("annual", ">=")


def test_cumulative_target():
    t = by_value(_targets("到2028年，累计实施技术改造项目400个。\n"), 400)
    assert t.target_kind == "cumulative"


def test_respectively_list_yields_one_target_per_item():
    ts = _targets("到2028年，数字化研发设计工具普及率、关键工序数控化率分别提高至88%、71%。\n")
    assert "数字化研发设计工具普及率" in by_value(ts, 88).indicator_text
    assert "关键工序数控化率" in by_value(ts, 71).indicator_text


def test_respectively_list_shares_the_tail_of_the_last_item():
    ts = _targets("到2028年，战略性新兴产业、高技术制造业增加值占规上工业增加值比重分别提高至40%、25%。\n")
    assert by_value(ts, 40).indicator_text == "战略性新兴产业增加值占规上工业增加值比重"


def test_counted_list_refers_to_an_earlier_enumeration():
    ts = _targets("实现单项冠军企业、专精特新企业和高新技术企业三个“倍增”，三类企业分别增加至5家、80家和400家。\n")
    assert by_value(ts, 80).indicator_text == "专精特新企业"
    assert by_value(ts, 400).indicator_text == "高新技术企业"


def test_values_listed_before_their_nouns():
    ts = _targets("到2028年，新建3个以上智能工厂和40个以上数字化车间。\n")
    assert "数字化车间" in by_value(ts, 40).indicator_text
    assert "智能工厂" in by_value(ts, 3).indicator_text


def test_chinese_numerals_and_full_width_digits():
    ts = _targets("到2028年，力争培育两个千亿级产业集群，建成市级工业互联网平台５个。\n")
    assert by_value(ts, 2).unit == "个"
    assert by_value(ts, 5).unit == "个"


def test_full_coverage_is_one_hundred_percent():
    t = by_value(_targets("到2028年，重点园区5G网络实现全覆盖。\n"), 100)
    assert t.unit == "%"


def test_year_defaults_to_plan_end_with_lower_confidence():
    t = by_value(_targets("规上工业企业达到450家。\n"), 450)
    assert t.target_year == 2028
    assert t.confidence < 0.8 and t.confidence_reason


def test_section_intro_year_applies_to_bullets():
    ts = _targets("三、发展目标\n到2030年，实现以下目标：\n——工业总产值达到1500亿元。\n", end=2035)
    assert by_value(ts, 1500).target_year == 2030


def test_subsidies_thresholds_and_document_numbers_are_not_targets():
    ts = _targets(
        "根据《关于印发制造业行动方案（2024－2028年）的通知》（永府发〔2024〕12号）要求，制定本方案。\n"
        "对年营业收入首次超过10亿元的企业，给予一次性奖励50万元。\n"
        "对投资额5亿元及以上的项目优先保障用地。\n")
    assert ts == []


def test_a_designation_after_a_verb_is_not_a_subarea():
    ts = _targets("巩固国家绿色工业园区建设成效，进一步推动绿色工厂建设。到2029年，累计新建绿色工厂25家。\n",
                  region="荣昌区")
    assert by_value(ts, 25).scope_name == "荣昌区"


def test_subarea_after_a_verb_is_still_found():
    ts = _targets("围绕南湖组团电子产业发展。到2029年产值达到90亿元。\n")
    assert by_value(ts, 90).scope_name == "南湖组团"


def test_subarea_named_in_paragraph_is_the_scope():
    ts = _targets("推动东城组团装备产业发展。到2028年产值达到150亿元，建设至少2个研发中心。\n")
    t = by_value(ts, 150)
    assert (t.scope_name, t.scope_parent) == ("东城组团", "永川区")
    assert by_value(ts, 2).scope_name == "东城组团"


def test_table_and_prose_stating_the_same_target_are_one_target():
    from .helpers import table
    text = ("到2028年，规上工业总产值达到1200亿元。\n\n"
            + table(["指标", "单位", "2023年", "2028年"], ["规上工业总产值", "亿元", "600", "1200"]))
    doc = make_doc(text)
    st = extract_statements(doc)
    assert_quotes(doc, st)
    same = [t for t in st.targets if t.value == 1200]
    assert len(same) == 1 and same[0].method == "table" and len(same[0].other_quotes) == 1


def test_same_indicator_with_different_values_is_kept_twice():
    from .helpers import table
    text = ("到2028年，规上工业企业超过300家。\n\n"
            + table(["指标", "单位", "2023年", "2028年"], ["规上工业企业", "家", "200", "320"]))
    values = sorted(t.value for t in extract_statements(make_doc(text)).targets)
    assert values == [300, 320]


def test_growth_against_a_base_year_is_a_change_vs_base_not_a_yearly_rate():
    t = by_value(_targets("到2028年，全区工业增加值较2023年增长60%。\n"), 60)
    assert (t.target_kind, t.baseline_year) == ("change_vs_base", 2023)
    assert by_value(_targets("到2028年，工业增加值较2023年年均增长6%。\n"), 6).target_kind == "growth_rate"


def test_a_closing_capacity_noun_names_every_listed_quantity():
    ts = _targets("到2028年，加快形成年产碳纤维8万吨、预浸料20万吨生产能力。\n")
    assert by_value(ts, 80000).indicator_text == "碳纤维生产能力"
    assert by_value(ts, 200000).indicator_text == "预浸料生产能力"


def test_quantity_right_after_a_product_code_is_a_value_but_codes_with_counts_are_names():
    ts = _targets("到2028年，构建PVC30万吨/年、PE12万吨/年生产能力，建成5G基站800个。\n")
    assert {t.value for t in ts} == {300000, 120000, 800}
    assert by_value(ts, 300000).unit == "吨/年"


def test_a_forward_looking_verb_makes_a_target_despite_a_word_like_existing():
    ts = _targets("聚焦现有龙头企业，加快构建电子级氢氟酸5万吨/年生产能力。\n")
    assert by_value(ts, 50000).target_year == 2028


def test_sub_areas_with_equal_values_stay_apart():
    ts = _targets("推动东城组团装备产业发展。到2028年产值70亿元，产业增加值规模达14亿元。\n\n"
                  "推动西湖组团食品产业发展。到2028年产值70亿元，产业增加值规模达14亿元。\n")
    assert sorted((t.scope_name, t.value) for t in ts) == [
        ("东城组团", 14), ("东城组团", 70), ("西湖组团", 14), ("西湖组团", 70)]


def test_a_sub_area_named_by_a_value_stays_the_subject_of_the_sentence():
    ts = _targets("到2028年，渝西合作示范园企业工业总产值达30亿元，税收贡献不低于5000万元。\n")
    tax = by_value(ts, 0.5)
    assert tax.scope_name == "渝西合作示范园" and "税收贡献" in tax.indicator_text


def test_an_administrative_body_or_a_year_does_not_open_a_sub_area():
    from .helpers import table
    text = table(["序号", "主要任务", "牵头单位", "完成时限"],
                 ["1", "推动产业协同发展。2024年南岸工业园区管委会与邻市签订合作协议，推进项目合作。", "区发展改革委", "2025年"],
                 ["2", "加快工业互联网发展，全区“上云”企业累计达120家，建成数字化车间15个。", "区经济信息委", "2026年"])
    ts = extract_statements(make_doc(text)).targets
    assert {t.scope_name for t in ts} == {"永川区"}
    assert by_value(ts, 120).target_year == 2026


def test_table_and_prose_counts_in_different_counting_words_are_one_target():
    from .helpers import table
    text = ("到2028年，全区“上云”企业累计达到90家。\n\n"
            + table(["指标", "单位", "2023年", "2028年"], ["全区“上云”企业累计数量", "户", "40", "90"]))
    assert len([t for t in extract_statements(make_doc(text)).targets if t.value == 90]) == 1


def test_a_bare_net_increase_names_the_item_just_stated_and_accumulates():
    t = by_value(_targets("到2028年，规上工业企业数量达到450家，净增120家。\n"), 120)
    assert t.target_kind == "cumulative" and "规上工业企业" in t.indicator_text


def test_points_change_and_the_level_reached_are_two_targets_of_one_subject():
    ts = _targets("到2028年，全市工业增加值占地区生产总值比重提高2个百分点，达到32％左右。\n")
    change, level = by_value(ts, 2), by_value(ts, 32)
    assert (change.target_kind, change.unit) == ("change_vs_base", "pp")
    assert (level.target_kind, level.comparator, level.unit) == ("share", "~", "%")
    assert level.indicator_text == change.indicator_text == "工业增加值占地区生产总值比重"  # 全市 names the place


def test_round_chinese_sizes_after_a_verb_are_values():
    ts = _targets("到2028年，新能源汽车产量突破30万辆，产值超千亿元，加快形成千万吨绿色建材产能保障基地。\n")
    output = by_value(ts, 1000)
    assert [(t.indicator_text, t.unit_raw) for t in ts if t.value == 1000] == [("新能源汽车产值", "亿元")]
    assert output.comparator == ">"
    capacity = by_value(ts, 1e7)
    assert capacity.indicator_text == "绿色建材产能" and capacity.unit_raw == "万吨"


def test_chinese_numerals_naming_kinds_or_classes_are_not_values():
    assert _targets("打造千亿级产业集群，壮大三大主导产业。\n") == []
