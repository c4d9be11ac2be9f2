"""A document with thousands of statements is read in about linear time.

Removing a headline's repeat of a body figure compared every headline statement with every body
statement of the document: 5,000 of each took 2.2 s of CPU to extract, 1.0 s now (the extra cost grew
with the square of the count). The test asserts on the output.
"""

from plantrack.extract import extract_statements

from .helpers import assert_quotes, make_doc

N = 5000


def test_thousands_of_headline_figures_beside_thousands_of_goals_are_each_kept_once():
    headlines = "".join(f"地区{i}号生产总值增长{i}.2%\n\n" for i in range(N))  # short lines, no stop
    goals = "".join(f"2024年地区{i}号生产总值预期目标增长{i}.5%左右。\n\n" for i in range(N))
    doc = make_doc(headlines + "二、2024年主要目标\n\n" + goals, doc_type="government_report",
                   title="2024年政府工作报告", period_year=2023)
    st = extract_statements(doc)
    assert_quotes(doc, st)
    assert [a.value for a in st.actuals] == [i + 0.2 for i in range(N)]
    assert [t.value for t in st.targets] == [i + 0.5 for i in range(N)]
    assert {t.target_year for t in st.targets} == {2024}
