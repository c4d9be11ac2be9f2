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


def test_an_intent_word_clauses_before_a_result_does_not_make_it_a_goal():
    st = _st("我们聚力打好“八场硬仗”，多措并举稳就业、稳企业，地区生产总值增长5.1%，城镇新增就业44.1万人。\n", "南海区")
    assert {a.value for a in st.actuals} == {5.1, 44.1e4}
    assert not st.targets


def test_an_intent_opening_a_list_of_goals_governs_its_later_clauses():
    st = _st("南海区正聚力打造2个千亿级主导产业，升级打造3个五百亿级支柱产业，创新打造4个百亿级特色产业。\n", "南海区")
    assert {t.value for t in st.targets} >= {2, 3, 4}
    assert not st.actuals
