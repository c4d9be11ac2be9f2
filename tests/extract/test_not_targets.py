"""Numbers that are not targets: qualifying conditions, eligibility rules, category counts, programme names."""

from plantrack.extract import extract_statements

from .helpers import assert_quotes, by_value, make_doc


def _targets(text, **kw):
    doc = make_doc(text, **kw)
    st = extract_statements(doc)
    assert_quotes(doc, st)
    return st.targets


def test_conditions_of_an_uncounted_batch_are_qualifiers():
    assert _targets("到2028年，培育一批年营业收入超过5亿元，年增速超过20%，纳税超过800万元的成长型企业。\n") == []


def test_a_count_after_the_batch_is_still_a_target():
    ts = _targets("到2028年，培育一批成长型企业，其中年营业收入超10亿元的企业达到8家。\n")
    assert [t.value for t in ts] == [8]


def test_nothing_under_an_eligibility_heading_is_a_target():
    text = ("附件3\n一、申报条件\n1.企业上年度营业收入达到2亿元，且连续两年保持增长。\n"
            "2.企业信用良好，原则上资产负债率不高于65%。\n")
    assert _targets(text) == []


def test_counts_of_the_categories_a_plan_focuses_on_are_not_targets():
    assert _targets("聚焦4大主导产业和12条重点产业链，推动产业集群发展。\n") == []
    ts = _targets("围绕智能装备、新能源汽车、电子信息3个主导产业，到2028年培育规上工业企业50家。\n")
    assert [t.value for t in ts] == [50]


def test_a_count_of_the_names_just_listed_is_not_a_target():
    ts = _targets("按照初创型、成长型、领军型3个梯队的方向，分层分类培育企业。\n")
    assert ts == []


def test_a_count_of_named_items_already_built_is_a_fact():
    doc = make_doc("一、发展基础\n“十四五”期间，建成智能网联测试场和氢能检测中心2个国家级平台。\n", start=2026, end=2030)
    st = extract_statements(doc)
    assert by_value(st.actuals, 2).period_year == 2025


def test_doubling_in_the_name_of_a_programme_is_not_a_target():
    assert _targets("深入实施“五年翻番”、数字化转型、绿色发展等三大行动。\n") == []
    t = by_value(_targets("到2028年，实现“工业总产值翻番”的目标。\n"), 100)
    assert t.target_kind == "change_vs_base"


def test_the_noun_after_a_creating_verb_names_the_count():
    ts = _targets("到2028年，在重点用水企业中成功创建12家节水型企业，推动开发3种绿色设计产品。\n")
    assert "节水型企业" in by_value(ts, 12).indicator_text
    assert "绿色设计产品" in by_value(ts, 3).indicator_text


def test_a_batch_does_not_swallow_the_next_statement():
    ts = _targets("到2028年，培育一批龙头企业，新增规上工业企业30家，推动形成特色鲜明的产业集群。\n")
    assert [t.value for t in ts] == [30]


def test_how_many_kinds_each_area_may_focus_on_is_a_rule_not_a_target():
    ts = _targets("每个园区确立不超过3个主导产业，各镇街聚焦1—2个细分领域，到2028年培育2个百亿级产业集群。\n")
    assert [t.value for t in ts] == [2] and "产业集群" in ts[0].indicator_text


def test_the_size_of_one_named_project_is_not_a_district_target():
    ts = _targets("支持华兴铝业28万吨电解铝项目达产，推进某集团30万头生猪养殖项目建设，"
                  "加快形成60万吨再生铝生产产能。\n")
    assert [t.value for t in ts] == [600000]


def test_a_place_named_in_one_bullet_is_not_the_subject_of_the_next():
    ts = _targets("二、主要目标\n——布局更优。东城工业园区营业收入占全区比重保持在80%以上。\n"
                  "——主体更强。到2028年，培育上市工业企业6家。\n")
    assert by_value(ts, 80).scope_name == "东城工业园区"
    assert by_value(ts, 6).scope_name == "永川区"


def test_a_plans_section_heading_of_its_base_holds_results_not_goals():
    text = ("第一章 开启新征程\n第一节发展基础\n8个贫困县全部摘帽，871个贫困村全部出列。\n"
            "第二节发展目标\n到2025年，地区生产总值达到5000亿元。\n")
    targets = _targets(text, start=2021, end=2025)
    assert not any(t.value_raw in ("8", "871") for t in targets)
    assert any(t.value_raw == "5000" and t.target_year == 2025 for t in targets)


def test_a_level_a_past_year_reached_in_a_plan_is_a_result_of_that_year():
    # 从2015年的X增长到2020年的Y in a plan for 2021-2025: 到2020年 is when Y was reached, no deadline
    doc = make_doc("全市财政总收入从2015年的50.22亿元增加到2020年的62.89亿元，年均递增4.58%。\n", start=2021, end=2025)
    st = extract_statements(doc)
    assert_quotes(doc, st)
    assert not st.targets
    assert {a.value: a.period_year for a in st.actuals if a.value in (62.89, 4.58)} == {62.89: 2020, 4.58: 2020}


def test_a_deadline_in_a_plans_own_period_is_still_a_goal():
    ts = _targets("全市财政总收入从2020年的62.89亿元增加到2025年的80亿元。\n", start=2021, end=2025)
    assert [(t.value, t.target_year) for t in ts] == [(80, 2025)]


def test_a_recovery_to_a_share_of_a_base_years_level_is_no_goal():
    doc = make_doc("去年全省旅游人次恢复到2019年的113%。\n", doc_type="government_report", start=None, end=None,
                   period_year=2023)
    st = extract_statements(doc)
    assert not st.targets
