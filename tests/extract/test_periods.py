"""Every actual value with its true period: its own words, else its paragraph / heading, else the document.

The documents are built here, for places and years the sample corpus does not have, in simplified
text with full-width punctuation (the reading view the extractor is handed).
"""

from datetime import date

import pytest

from plantrack.extract import extract_statements
from plantrack.extract.periods import period_marks

from .helpers import assert_quotes, by_value, make_doc, table


def _read(text, **kw):
    doc = make_doc(text, **kw)
    st = extract_statements(doc)
    assert_quotes(doc, st)
    return st


def _period(a):
    return a.period_year, a.period_label


HALF_YEAR = (
    "2025年上半年顺德区经济运行情况\n"
    "上半年，全区实现地区生产总值1820.5亿元，同比增长4.9%。\n"
    "1-5月，规模以上工业企业实现利润总额88.6亿元，同比增长7.2%。\n"
    "一、工业生产\n"
    "全区规模以上工业增加值同比增长5.3%。\n"
    "6月末，全区金融机构本外币存款余额3560亿元，比上年末增长6.1%。\n"
)


def _half_year(**kw):
    return _read(HALF_YEAR, region="顺德区", doc_type="economic_report",
                 **{"issued_on": date(2025, 7, 21), "period_year": 2025, "period_label": "上半年", **kw})


def test_half_year_report_value_with_its_own_period_word():
    a = by_value(_half_year().actuals, 1820.5)
    assert _period(a) == (2025, "上半年")
    assert (a.period_start, a.period_end) == (date(2025, 1, 1), date(2025, 6, 30))


def test_half_year_report_value_naming_its_months_keeps_them():
    a = by_value(_half_year().actuals, 88.6)
    assert _period(a) == (2025, "1-5月")
    assert a.period_end == date(2025, 5, 31)


def test_half_year_report_value_without_period_takes_the_documents_and_says_so():
    a = by_value(_half_year().actuals, 5.3)
    assert _period(a) == (2025, "上半年")
    assert "from the document" in a.confidence_reason


def test_month_end_stock_is_read_on_that_day():
    st = _half_year()
    stock, growth = by_value(st.actuals, 3560), by_value(st.actuals, 6.1)
    assert _period(stock) == (2025, "6月末")
    assert stock.period_start == stock.period_end == date(2025, 6, 30)
    assert _period(growth) == (2025, "6月末")  # 比上年末: the base of the change, not the value's time


def test_half_year_document_period_found_in_title_when_reader_gave_none():
    a = by_value(_half_year(period_label=None, title="2025年上半年顺德区经济运行情况").actuals, 5.3)
    assert _period(a) == (2025, "上半年")


def test_months_report_issued_in_september_is_of_the_issue_year():
    text = ("发布时间：2023-09-25\n"
            "1-7月，全县规模以上工业增加值同比增长6.8%，比2022年同期提高1.2个百分点。"
            "与2022年相比，全县社会消费品零售总额增长9.1%。\n")
    st = _read(text, region="温宿县", doc_type="economic_report", issued_on=date(2023, 9, 25))
    assert _period(by_value(st.actuals, 6.8)) == (2023, "1-7月")


def test_relative_quarter_resolved_against_issue_date():
    text = "今年一季度，全市地区生产总值完成286.4亿元，同比增长6.3%。\n"
    st = _read(text, region="阿克苏市", doc_type="economic_report", issued_on=date(2024, 4, 26))
    a = by_value(st.actuals, 286.4)
    assert _period(a) == (2024, "一季度")
    assert a.period_end == date(2024, 3, 31)


def test_last_year_as_the_values_own_year():
    text = "去年，全区地区生产总值突破1700亿元，规上工业增加值增长8.8%。\n"
    st = _read(text, region="南沙区", doc_type="release", issued_on=date(2025, 1, 8))
    assert _period(by_value(st.actuals, 8.8)) == (2024, "全年")


def test_growth_on_last_year_is_of_the_current_period():
    text = "全区地区生产总值352.6亿元，比上年增长5.8%。\n"
    st = _read(text, region="宝坻区", doc_type="bulletin", issued_on=date(2024, 3, 15), period_year=2023,
               period_label="全年")
    assert _period(by_value(st.actuals, 352.6)) == (2023, "全年")


def test_statisticians_previous_year_is_before_the_reported_year():
    text = "上年全区粮食产量12.5万吨。\n"
    st = _read(text, region="宝坻区", doc_type="bulletin", issued_on=date(2024, 3, 15), period_year=2023)
    assert _period(by_value(st.actuals, 125000)) == (2022, "全年")


def test_year_end_stock_in_a_bulletin():
    text = "年末全市常住人口68.2万人。全年地区生产总值1025.3亿元。\n"
    st = _read(text, region="哈密市", doc_type="bulletin", issued_on=date(2025, 3, 20),
               title="2024年哈密市国民经济和社会发展统计公报")
    stock, flow = by_value(st.actuals, 682000), by_value(st.actuals, 1025.3)
    assert _period(stock) == (2024, "年末")
    assert stock.period_start == stock.period_end == date(2024, 12, 31)
    assert _period(flow) == (2024, "全年")


def test_bulletin_year_from_issue_date_when_title_has_none():
    text = "年末全县户籍人口31.5万人。\n"
    st = _read(text, region="尉犁县", doc_type="bulletin", issued_on=date(2022, 4, 2))
    assert _period(by_value(st.actuals, 315000)) == (2021, "年末")


GOV_REPORT = (
    "一、2025年工作回顾\n"
    "过去一年，全市地区生产总值增长5.6%，一般公共预算收入完成46.2亿元。\n"
    "去年，全市新增市场主体1.2万户。\n"
    "二、2026年工作安排\n"
    "今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，城镇调查失业率控制在5.5%以内。\n"
)


def _gov_report():
    return _read(GOV_REPORT, region="汕尾市", doc_type="government_report", issued_on=date(2026, 1, 14),
                 period_year=2025, title="2026年汕尾市政府工作报告")


def test_government_report_review_values_are_of_the_reviewed_year():
    st = _gov_report()
    assert _period(by_value(st.actuals, 46.2)) == (2025, "全年")
    assert _period(by_value(st.actuals, 5.6)) == (2025, "全年")


def test_government_report_last_year_is_the_reviewed_year():
    assert _period(by_value(_gov_report().actuals, 12000)) == (2025, "全年")


def test_government_report_goals_are_for_the_issue_year():
    t = by_value(_gov_report().targets, 5.5)
    assert t.target_year == 2026
    assert not [a for a in _gov_report().actuals if a.value == 5.5]


EXECUTION = (
    "关于巴州区2022年上半年国民经济和社会发展计划执行情况的报告\n"
    "一、上半年计划执行情况\n"
    "1-6月，全区地区生产总值完成312.3亿元，同比增长4.1%，完成年度目标的52%。"
    "规模以上工业总产值完成210亿元，同比增长6.5%，高于计划目标0.7个百分点。"
    "固定资产投资完成95.2亿元，完成年度计划的48.6%。\n"
    "二、下半年工作安排\n"
    "全年地区生产总值力争增长6.5%以上。\n"
)


def _execution():
    return _read(EXECUTION, region="巴州区", doc_type="execution_report", issued_on=date(2022, 7, 28),
                 period_year=2022, period_label="上半年")


@pytest.mark.parametrize("value", [312.3, 4.1, 210, 95.2])
def test_execution_report_completed_values_are_actuals_of_their_period(value):
    st = _execution()
    assert _period(by_value(st.actuals, value)) == (2022, "上半年")
    assert value not in [t.value for t in st.targets if t.value != 6.5]


@pytest.mark.parametrize("value", [52, 0.7, 48.6])
def test_execution_report_comparison_with_plan_is_neither_target_nor_actual(value):
    st = _execution()
    assert value not in [t.value for t in st.targets]
    assert value not in [a.value for a in st.actuals]


def test_execution_report_goal_for_the_year_stays_a_target():
    t = by_value(_execution().targets, 6.5)
    assert t.target_year == 2022


def test_government_report_goals_without_a_year_are_for_the_issue_year():
    text = "二、今年工作安排\n今年主要预期目标：地区生产总值增长6%左右。\n"
    st = _read(text, region="和田县", doc_type="government_report", issued_on=date(2021, 2, 3), period_year=2020)
    assert by_value(st.targets, 6).target_year == 2021


def test_past_year_of_a_government_report_is_the_reviewed_year():
    text = "一、工作回顾\n过去一年，全县地区生产总值增长7.3%。\n"
    st = _read(text, region="和田县", doc_type="government_report", issued_on=date(2021, 2, 3))
    assert _period(by_value(st.actuals, 7.3)) == (2020, "全年")


def test_report_without_title_takes_its_period_from_its_opening():
    text = "1-7月，全县规模以上工业增加值同比增长6.8%。\n二、投资\n全县固定资产投资增长3.3%。\n"
    st = _read(text, region="温宿县", doc_type="economic_report", issued_on=date(2023, 9, 25))
    assert _period(by_value(st.actuals, 3.3)) == (2023, "1-7月")


def test_five_year_period_spans_its_years():
    text = "一、发展基础\n“十三五”期间，全区累计新增高新技术企业64家。\n"
    st = _read(text, region="从化区", start=2021, end=2025)
    a = by_value(st.actuals, 64)
    assert _period(a) == (2020, "十三五期间")
    assert (a.period_start, a.period_end) == (date(2016, 1, 1), date(2020, 12, 31))


def test_value_stating_another_year_in_a_half_year_report_is_a_full_year():
    text = "上半年，全区规上工业增加值增长7.1%。\n2024年，全区规上工业增加值增长6.2%。\n"
    st = _read(text, region="蓟州区", doc_type="economic_report", period_year=2025, period_label="上半年",
               issued_on=date(2025, 7, 30))
    assert _period(by_value(st.actuals, 6.2)) == (2024, "全年")
    assert _period(by_value(st.actuals, 7.1)) == (2025, "上半年")


def test_paragraph_period_carries_to_its_next_sentence():
    text = "前三季度，全县农林牧渔业总产值同比增长4.4%。粮食产量12.6万吨。\n"
    st = _read(text, region="英吉沙县", doc_type="economic_report", issued_on=date(2024, 10, 30))
    a = by_value(st.actuals, 126000)
    assert _period(a) == (2024, "前三季度")
    assert "paragraph" in a.confidence_reason


def test_heading_period_applies_to_its_section():
    text = "一、一季度工业运行\n全区规模以上工业增加值增长9.2%。\n"
    st = _read(text, region="惠城区", doc_type="economic_report", period_year=2026, issued_on=date(2026, 4, 20))
    a = by_value(st.actuals, 9.2)
    assert _period(a) == (2026, "一季度")
    assert "heading" in a.confidence_reason


def test_up_to_month_end():
    text = "截至9月底，全区累计培育专精特新企业58家。\n"
    st = _read(text, region="东丽区", doc_type="economic_report", issued_on=date(2019, 10, 22))
    a = by_value(st.actuals, 58)
    assert _period(a) == (2019, "9月末")
    assert a.period_end == date(2019, 9, 30)


@pytest.mark.parametrize("words, label", [
    ("1-6月", "上半年"), ("1—6月", "上半年"), ("1——6月", "上半年"), ("1－6月", "上半年"), ("一至六月", "上半年"),
    ("1月至6月", "上半年"), ("前三季度", "前三季度"), ("一至三季度", "前三季度"), ("1-9月", "前三季度"),
    ("1~7月", "1-7月"), ("第一季度", "一季度"), ("一季度", "一季度"), ("1-3月", "一季度"), ("三季度", "第三季度"),
    ("一至二季度", "上半年"), ("6月份", "6月"), ("全年", "全年"), ("年末", "年末"), ("年底", "年末"), ("“十三五”期间", "十三五期间"), ("十四五时期", "十四五期间"),
])
def test_period_words(words, label):
    marks = [k for k in period_marks(words + "，") if k.period]
    assert [k.period.label for k in marks] == [label]


@pytest.mark.parametrize("words", ["完成全年目标的52%", "比上年末增长", "较去年同期", "2023-2027年"])
def test_words_that_are_not_the_values_period(words):
    assert not [k for k in period_marks(words) if k.period]


def test_relative_year_without_issue_date_says_it_is_counted_from_the_documents_year():
    text = "去年，全区规上工业增加值增长8.8%。\n"
    st = _read(text, region="南沙区", doc_type="release", title="2025年南沙区工业运行简况")
    a = by_value(st.actuals, 8.8)
    assert _period(a) == (2024, "全年")
    assert a.confidence < 0.8 and "no issue date" in a.confidence_reason


def test_since_a_year_is_not_the_values_year():
    text = "去年，全区规上工业增加值增长8.8%，为2011年以来最高水平。\n"
    st = _read(text, region="南沙区", doc_type="release", issued_on=date(2025, 1, 8))
    assert _period(by_value(st.actuals, 8.8)) == (2024, "全年")


def test_release_table_of_a_half_year_report_is_of_its_period():
    text = ("表1 主要工业产品产量\n\n"
            + table(["产品名称", "单位", "产量", "比上年同期增长（%）"], ["水泥", "万吨", "85.3", "-3.4"]))
    st = _read(text, region="石河子市", doc_type="economic_report", issued_on=date(2024, 7, 19), period_year=2024,
               period_label="上半年")
    a = by_value(st.actuals, 853000)
    assert _period(a) == (2024, "上半年")
    assert a.period_end == date(2024, 6, 30)


def test_release_table_caption_names_its_own_period():
    text = ("表1 1-5月主要工业产品产量\n\n"
            + table(["产品名称", "单位", "产量", "比上年同期增长（%）"], ["水泥", "万吨", "85.3", "-3.4"]))
    st = _read(text, region="石河子市", doc_type="economic_report", issued_on=date(2024, 7, 19), period_year=2024,
               period_label="上半年")
    assert _period(by_value(st.actuals, 853000)) == (2024, "1-5月")


def _h1_execution(text):
    return _read(text, region="巴州区", doc_type="execution_report", issued_on=date(2022, 7, 28), period_year=2022,
                 period_label="上半年")


def test_goal_then_outcome_yields_a_target_and_an_actual():
    st = _h1_execution("1-6月，全区规模以上工业增加值目标增长8%，实际增长6.1%。\n")
    assert by_value(st.targets, 8).target_year == 2022
    assert _period(by_value(st.actuals, 6.1)) == (2022, "上半年")
    assert 6.1 not in [t.value for t in st.targets]


def test_goal_list_verb_completing_something_stays_a_goal():
    st = _h1_execution("今年主要预期目标：地区生产总值增长6%左右，完成固定资产投资300亿元。\n")
    assert sorted(t.value for t in st.targets) == [6, 300]
    assert not st.actuals


def test_this_year_under_a_heading_naming_the_year_is_that_year():
    text = "一、2021年计划执行情况\n今年以来，全区地区生产总值增长8.7%。\n"
    st = _read(text, region="合川区", doc_type="execution_report", issued_on=date(2022, 1, 12), period_year=2021)
    assert _period(by_value(st.actuals, 8.7)) == (2021, "全年")


def test_news_report_naming_no_period_is_of_its_issue_year():
    text = "目前，全区规上工业企业达到2500家。去年，全区材料产业产值1204亿元。\n"
    st = _read(text, region="长寿区", doc_type="release", issued_on=date(2024, 7, 25))
    assert by_value(st.actuals, 2500).period_year == 2024
    assert by_value(st.actuals, 1204).period_year == 2023


def test_benian_is_the_year_a_release_reports_on_not_the_year_it_was_issued():
    from plantrack.extract.periods import relative_year_before

    s = "全年固定资产投资增长10.1%，其中本年新开工项目1163个。"
    assert relative_year_before(s, s.index("1163"), this_year=2031, report_year=2030) == (s.index("本年"), 2030)
