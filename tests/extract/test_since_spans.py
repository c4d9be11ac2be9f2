"""“十四五”以来 / 2021年以来: a span from then up to the report's period, filed under the report's year (not
under the end of the five-year plan). Releases of places and years the sample has not got."""

from datetime import date

from plantrack.extract import extract_statements

from .helpers import assert_quotes, by_value, make_doc


def _actuals(text, **kw):
    doc = make_doc(text, **kw)
    st = extract_statements(doc)
    assert_quotes(doc, st)
    return st.actuals


def _bulletin(text, year, region="大足区"):
    return _actuals(text, region=region, doc_type="release", start=None, end=None,
                    issued_on=date(year + 1, 3, 20), period_year=year)


def test_fourteenth_plan_since_in_a_2023_bulletin_is_2023():
    a = by_value(_bulletin("三、科技\n“十四五”以来累计培育专精特新企业86家。\n", 2023), 86)
    assert a.period_year == 2023


def test_since_reason_names_the_span():
    a = by_value(_bulletin("三、科技\n“十四五”以来累计培育专精特新企业86家。\n", 2023), 86)
    assert "以来" in (a.confidence_reason or "")


def test_thirteenth_plan_since_in_a_2022_bulletin_runs_to_2022():
    a = by_value(_bulletin("二、工业\n十三五以来，全区累计建成智能工厂27个。\n", 2022, region="合川区"), 27)
    assert a.period_year == 2022


def test_year_since_in_a_bulletin_is_the_report_year():
    a = by_value(_bulletin("二、工业\n2021年以来，全区累计新增规上工业企业145家。\n", 2024, region="永川区"), 145)
    assert a.period_year == 2024


def test_traditional_since_is_read_too():
    a = by_value(_bulletin("三、科技\n“十四五”以來累計新認定高新技術企業64家。\n", 2022, region="潼南区"), 64)
    assert a.period_year == 2022


def test_earlier_plan_period_without_since_still_ends_at_its_last_year():
    # 十三五期间 is the whole plan period: its values are filed under its last year, as before
    a = by_value(_actuals("一、发展基础\n十三五期间，全区累计新增发明专利1200件。\n", region="江北区",
                          start=2021, end=2025), 1200)
    assert a.period_year == 2020


def test_since_in_a_plan_runs_to_the_plan_base_year():
    a = by_value(_actuals("一、发展基础\n“十四五”以来，全区累计建成数字化车间42个。\n", region="渝北区",
                          start=2024, end=2028), 42)
    assert a.period_year == 2023


def test_this_year_since_in_a_half_year_report_is_that_year():
    a = by_value(_actuals("今年以来，全区规模以上工业增加值同比增长6.8%。\n", region="北碚区",
                          doc_type="economic_report", start=None, end=None, issued_on=date(2024, 7, 18),
                          period_year=2024, period_label="上半年"), 6.8)
    assert a.period_year == 2024
