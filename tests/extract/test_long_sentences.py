"""A sentence with thousands of values (a table flattened into prose) is read in about linear time.

find_mentions and the walker used to scan the text before every value (clause starts, brackets,
look-ahead cues) and compare every target with every other: 6,000 values took 12.5 s. These tests
assert on the output; at the old speed they would each take well over a minute.
"""

from plantrack.extract import extract_statements
from plantrack.extract.blocks import MAX_QUOTE
from plantrack.extract.mentions import find_mentions

from .helpers import assert_quotes, make_doc

N = 4000
NAMES = ("规上工业企业", "高新技术企业", "专精特新企业", "工业总产值")
UNITS = ("家", "家", "家", "亿元")


def _goals(sep: str) -> str:
    return "到2027年，" + sep.join(f"{NAMES[i % 4]}{i}号达到{10 + i}{UNITS[i % 4]}" for i in range(N)) + "。"


def test_thousands_of_values_in_one_sentence_separated_by_commas():
    doc = make_doc("二、发展目标\n\n" + _goals("，") + "\n")
    st = extract_statements(doc)
    assert_quotes(doc, st)
    assert len(st.targets) == N and not st.actuals
    assert [t.value for t in st.targets] == [10.0 + i for i in range(N)]
    assert {t.target_year for t in st.targets} == {2027}
    assert (st.targets[0].indicator_text, st.targets[-1].indicator_text) == ("规上工业企业0号", f"工业总产值{N - 1}号")
    # a run-on sentence is quoted clause by clause, not repeated in full for each of its values
    assert max(len(t.quote) for t in st.targets) <= MAX_QUOTE
    assert st.targets[7].quote.endswith(st.targets[7].value_raw + st.targets[7].unit_raw)


def test_a_sentence_of_ordinary_length_is_quoted_whole_for_each_of_its_values():
    sentence = "到2027年，规上工业总产值达到900亿元，数字化车间达到70个。"
    doc = make_doc("二、发展目标\n\n" + sentence + "\n")
    st = extract_statements(doc)
    assert [t.quote for t in st.targets] == [sentence, sentence]


def test_thousands_of_values_in_one_clause_separated_by_enumeration_commas():
    s = _goals("、")
    mentions = find_mentions(s.replace("到2027年，", ""))
    assert len(mentions) == N
    assert [m.unit_raw for m in mentions[:4]] == list(UNITS)
    st = extract_statements(make_doc("二、发展目标\n\n" + s + "\n"))
    assert [t.value for t in st.targets] == [10.0 + i for i in range(N)]
    assert st.targets[N // 2].indicator_text == f"{NAMES[(N // 2) % 4]}{N // 2}号"


def test_thousands_of_dated_values_in_one_sentence_take_their_own_years():
    n = 2000
    s = "；".join(f"{2001 + i % 20}年{NAMES[i % 4]}{i}号增长{i}.5%" for i in range(n)) + "。"
    doc = make_doc("一、工业经济运行情况\n\n" + s + "\n", doc_type="work_review", title="2021年工作总结")
    st = extract_statements(doc)
    assert_quotes(doc, st)
    assert not st.targets and len(st.actuals) == n
    assert [(a.value, a.period_year) for a in st.actuals[:3]] == [(0.5, 2001), (1.5, 2002), (2.5, 2003)]
    assert st.actuals[-1].period_year == 2001 + (n - 1) % 20
