"""Indicator tables: year columns, baselines, attributes, markers."""

from plantrack.extract import extract_statements

from .helpers import assert_quotes, by_value, make_doc, table

HEADER = ["类别", "指标名称", "单位", "属性", "2023年", "2028年"]


def _doc(*rows, **kw):
    text = "表2 永川区“十五五”主要指标\n\n" + table(HEADER, *rows) + "\n注：【】内为规划期累计数。\n"
    return make_doc(text, **kw)


def test_table_target_takes_latest_year_column_and_baseline_from_earlier_column():
    doc = _doc(["经济规模", "规上工业总产值", "亿元", "预期性", "612.5", "1200"])
    st = extract_statements(doc)
    assert_quotes(doc, st)
    t = by_value(st.targets, 1200)
    assert (t.indicator_text, t.unit, t.target_year, t.baseline_year, t.baseline_value) == \
        ("规上工业总产值", "亿元", 2028, 2023, 612.5)
    assert (t.method, t.attribute, t.target_kind, t.comparator) == ("table", "expected", "level", "=")


def test_baseline_column_is_also_an_actual_for_its_year():
    doc = _doc(["经济规模", "规上工业总产值", "亿元", "预期性", "612.5", "1200"])
    a = by_value(extract_statements(doc).actuals, 612.5)
    assert (a.period_year, a.measure, a.method, a.period_label) == (2023, "level", "table", "全年")


def test_binding_attribute_and_comparators_in_cells():
    doc = _doc(["绿色", "万元工业增加值能耗", "吨标准煤", "约束性", "0.9", "≤0.55"],
               ["", "工业固废综合利用率", "%", "约束性", "90", "＞95"])
    st = extract_statements(doc)
    assert_quotes(doc, st)
    energy, waste = by_value(st.targets, 0.55), by_value(st.targets, 95)
    assert (energy.comparator, energy.attribute, energy.unit) == ("<=", "binding", "吨标煤")
    assert (waste.comparator, waste.target_kind) == (">", "share")


def test_bracketed_value_is_plan_period_cumulative_and_decline_rate_is_signed():
    doc = _doc(["创新", "高新技术企业", "家", "预期性", "120", "【260】"],
               ["", "单位增加值能耗下降率（%）", "", "约束性", "——", "【15】"],
               ["", "投资超5亿元项目", "个", "预期性", "8", "40（新增）"])
    st = extract_statements(doc)
    assert by_value(st.targets, 260).target_kind == "cumulative"
    decline = by_value(st.targets, -15)
    assert (decline.target_kind, decline.unit, decline.baseline_value) == ("change_vs_base", "%", None)
    assert by_value(st.targets, 40).target_kind == "cumulative"


def test_rows_whose_merged_category_cell_is_left_out_are_aligned_right():
    text = table(["工作类别", "目标名称", "单位", "2022年", "2027年"],
                 ["产业集群", "规上工业总产值", "亿元", "300", "500"],
                 ["新材料产业产值", "亿元", "40", "90"])
    st = extract_statements(make_doc(text))
    t = by_value(st.targets, 90)
    assert (t.indicator_text, t.baseline_value, t.target_year) == ("新材料产业产值", 40, 2027)


def test_unit_in_indicator_parentheses_is_the_unit():
    doc = _doc(["", "工业增加值（亿元）", "", "预期性", "150", "300"])
    t = by_value(extract_statements(doc).targets, 300)
    assert (t.indicator_text, t.unit_raw) == ("工业增加值", "亿元")


def test_columns_marked_done_hold_actuals_only():
    text = table(["指标", "单位", "2015年完成", "2020年完成"], ["地区生产总值", "亿元", "500", "800"])
    st = extract_statements(make_doc(text))
    assert not st.targets
    assert {a.period_year for a in st.actuals} == {2015, 2020}


def test_attribute_column_found_by_its_cells_and_name_column_preferred_over_a_category():
    text = table(["指标类型", "指标名称", "2020年基数", "2025年目标值", "年均增速（%）", "指标类型"],
                 ["规模", "规上工业产值（亿元）", "820", "1300", "9.6", "预期性"],
                 ["绿色", "单位工业增加值用水量下降（%）", "——", "[12]", "——", "约束性"])
    st = extract_statements(make_doc(text, start=2021, end=2025))
    output = by_value(st.targets, 1300)
    assert (output.indicator_text, output.unit, output.attribute, output.baseline_value) == \
        ("规上工业产值", "亿元", "expected", 820)
    water = by_value(st.targets, -12)
    assert (water.target_kind, water.attribute) == ("change_vs_base", "binding")
    assert by_value(st.actuals, 820).period_year == 2020


def test_a_release_table_gives_levels_and_yoy_changes_for_the_release_year():
    text = ("表2 2024年规模以上工业主要产品产量\n\n"
            + table(["产品名称", "单位", "产量", "比上年增长（%）"], ["汽车", "万辆", "12.6", "8.1"],
                    ["集成电路", "万块", "3560", "-4.2"]))
    doc = make_doc(text, doc_type="bulletin", start=None, end=None, title="2024年永川区国民经济和社会发展统计公报")
    st = extract_statements(doc)
    assert_quotes(doc, st)
    assert not st.targets
    cars = by_value(st.actuals, 126000)
    assert (cars.indicator_text, cars.measure, cars.unit, cars.period_year, cars.method) == \
        ("汽车", "level", "辆", 2024, "table")
    chips = by_value(st.actuals, -4.2)
    assert (chips.measure, chips.unit, chips.period_year) == ("yoy_growth", "%", 2024)


def test_bracketed_cell_value_raw_is_the_number_without_its_brackets():
    doc = _doc(["绿色", "单位地区生产总值二氧化碳排放降低（%）", "", "约束性", "——", "【18.5】"])
    st = extract_statements(doc)
    assert by_value(st.targets, -18.5).value_raw == "18.5"


def test_a_table_of_places_gives_each_places_value_of_each_column_indicator():
    text = ("2031年1-8月各市工业主要指标\n\n"
            + table(["单位：%", "规模工业增加值增长速度", "工业投资增长速度"], ["全省", "6.1", "8.2"],
                    ["甲市", "5.9", "7.7"], ["乙县", "6.4", "-3.5"], ["丙区", "7.0", "2.2"]))
    doc = make_doc(text, doc_type="bulletin", start=None, end=None, region="嘉陵省")
    st = extract_statements(doc)
    assert_quotes(doc, st)
    whole = by_value(st.actuals, 6.1)
    assert (whole.indicator_text, whole.scope_name, whole.measure, whole.unit, whole.period_year,
            whole.period_label) == ("规模工业增加值增长速度", "嘉陵省", "yoy_growth", "%", 2031, "1-8月")
    assert by_value(st.actuals, -3.5).scope_name == "乙县"
    assert not [a for a in st.actuals if a.indicator_text in ("甲市", "乙县", "丙区")]


def test_a_column_after_a_period_head_is_of_that_period_and_the_period_column_itself_is_left_out():
    text = table(["项目", "2031年5月", "同比增长(%)", "2031年1-5月", "同比增长(%)"],
                 ["全市", "1360", "-1.5", "6863", "4.4"], ["甲区", "838", "4.4", "5184", "1.1"],
                 ["乙区", "145", "-10.2", "664", "-4.3"])
    doc = make_doc(text, doc_type="bulletin", start=None, end=None, region="嘉陵市")
    st = extract_statements(doc)
    month = by_value(st.actuals, -1.5)
    assert (month.indicator_text, month.period_year, month.period_label) == ("同比增长", 2031, "5月")
    assert by_value(st.actuals, -4.3).period_label == "1-5月"
    assert not [a for a in st.actuals if a.value in (1360, 6863)]
