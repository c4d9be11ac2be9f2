"""A report (news piece, release) quoting a plan's goals: the goals are targets with no target year, not actuals."""

from datetime import date

import pytest

from plantrack.extract import extract_statements

from .helpers import assert_quotes, by_value, make_doc


def _st(text: str, region: str):
    doc = make_doc(text, region=region, doc_type="release", start=None, end=None, issued_on=date(2023, 5, 12))
    st = extract_statements(doc)
    assert_quotes(doc, st)
    return st


@pytest.mark.parametrize(("lead", "region"), [
    ("努力形成", "南海区"), ("正聚力打造", "昌吉市"), ("着力打造", "滨海新区"), ("将培育", "奇台县")])
def test_a_goal_quoted_in_a_report_is_a_target_without_a_year(lead, region):
    st = _st(f"发布会上，{region}负责人介绍，{region}{lead}3个百亿级产业集群、50家规上企业。\n", region)
    assert not st.actuals
    goals = [by_value(st.targets, v) for v in (3, 50)]
    assert all(t.target_year is None and t.confidence <= 0.5 and t.confidence_reason for t in goals)


def test_a_result_in_the_same_report_stays_an_actual():
    st = _st("目前，南海区工业总产值达到1200亿元。南海区努力形成2个千亿级产业集群。\n", "南海区")
    assert by_value(st.actuals, 1200).period_year is not None
    assert by_value(st.targets, 2).target_year is None


def test_a_year_stated_with_the_goal_is_kept():
    st = _st("昌吉市力争到2026年形成4个百亿级产业集群。\n", "昌吉市")
    assert by_value(st.targets, 4).target_year == 2026
