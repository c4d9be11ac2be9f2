"""今年 of a text with no issue date: the year the text itself says it is in, or none."""

import pytest

from plantrack.extract import extract_statements
from plantrack.extract.text_year import stated_this_year

from .helpers import assert_quotes, by_value, make_doc


@pytest.mark.parametrize(("text", "year"), [
    ("今年是“十五五”开局起步之年。", 2026),
    ("今年是“十四五”规划收官之年。", 2025),
    ("今年是十四五的第三年。", 2023),
    ("报告首先回顾了2017年工作。", 2018),
    ("一、2023年工作回顾\n二、2024年目标任务\n", 2024),
])
def test_the_text_says_which_year_it_is_in(text, year):
    assert stated_this_year(text) == year


def test_statements_that_disagree_give_no_year():
    assert stated_this_year("报告回顾了2017年工作。今年是“十四五”开局之年。") is None


def test_a_goal_of_今年_takes_the_year_the_text_says_it_is_in():
    text = "市长在报告中说，今年是“十五五”开局起步之年。今年经济社会发展主要预期目标是：地区生产总值增长4.5%左右。\n"
    doc = make_doc(text, region="天津市", doc_type="release", start=None, end=None)
    st = extract_statements(doc)
    assert_quotes(doc, st)
    assert by_value(st.targets, 4.5).target_year == 2026


def test_without_such_words_a_goal_of_今年_has_no_year():
    doc = make_doc("今年经济社会发展主要预期目标是：地区生产总值增长4.5%左右。\n", region="天津市", doc_type="release",
                   start=None, end=None)
    assert by_value(extract_statements(doc).targets, 4.5).target_year is None
