"""What a document is filed under, once its values are read.

A text that reviews year Y and sets goals for Y+1 (a 政府工作报告 or a news summary of one, a 计划执行情况
与Y+1年计划草案, a 工作总结和计划) is a plan of Y+1, and an excerpt holding only such goals a plan of their
year: what an analyst files it under (tests/gold/national/CONVENTIONS.md, "Documents that look back and
ahead"). Its values are read as a release's (results of Y by default) before that is known, so the filing
changes the document's record only, never its values.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from plantrack.documents.reading_view import ReadingView, reading_view
from plantrack.extract.numbers import to_halfwidth
from plantrack.extract.periods import FIVE_YEAR, YEAR, five_year_end
from plantrack.extract.statements import _GOALS_LEAD, _GOALS_YEAR, _LIST_OF_GOALS, _TARGET_CUE, _WILL_DO_YEAR
from plantrack.model import Document, Statements

PLAN_TYPES = ("plan", "opinions", "annual_plan")


def goals_year_ahead(doc: Document, st: Statements) -> int | None:
    """The year a non-plan's goals are for, when a goals lead-in or heading (主要预期目标是： / 二、2025年主要
    目标任务) is followed by targets: Y+1 of a text whose results are mostly of Y; the one year of the targets
    of a text without results (a report's goals alone); else None (the year is not told)."""
    if (doc.meta.doc_type or "") in PLAN_TYPES or doc.meta.plan_end_year is not None:
        return None
    # read on the view the extractor reads (simplified, no page furniture); targets' offsets are the text's
    view = doc.view if isinstance(doc.view, ReadingView) else reading_view(doc.text)

    def leads(*rxs, year: int | None = None) -> list[int]:  # where lead-ins (naming `year`) start, in the text
        return [view.span(m.start(), m.end())[0] for rx in rxs for m in rx.finditer(view.text)
                if year is None or int(m.group(1)) == year]

    def goals(starts: list[int]) -> set[int | None]:  # the years of the targets after the first lead-in
        return {t.target_year for t in st.targets if starts and t.char_end > min(starts)}

    results = Counter(a.period_year for a in st.actuals if a.period_year is not None).most_common(2)
    if not st.actuals:
        # goals alone (a report's goals section, a news piece on them): the one year they are for, after a
        # lead-in that names a year's goals (a 奋斗目标 of 未来五年 names a span whose end it may not tell)
        years = goals(leads(_GOALS_LEAD, _GOALS_YEAR))
        return years.pop() if len(years) == 1 else None
    if not results:
        return None  # results without a year: which year the text reviews is not told
    if len(results) > 1 and results[0][1] == results[1][1]:
        return None  # two years as often: which one the text reviews is not told
    # a review of Y, then goals of Y+1 after any lead-in of a goals list; or, once the review has begun, a clause
    # saying what Y+1 will bring or a lead-in naming Y+1's goals, with numbers or without (2025年，某区将力争… /
    # 2025年主要目标任务): a table of contents naming the goals part before the review does not make it a plan
    ahead = results[0][0] + 1
    review = min(a.char_start for a in st.actuals)
    if ahead in goals(leads(_GOALS_LEAD, _GOALS_YEAR, _LIST_OF_GOALS)) or any(
            at > review for at in leads(_WILL_DO_YEAR, _GOALS_YEAR, year=ahead)):
        return ahead
    # a review, then a lead-in naming a later year's goals (2021年湖北的主要预期目标是：), goals of that year after it
    named = {y for m in _GOALS_YEAR.finditer(view.text) if (y := int(m.group(1))) > ahead
             and y in goals(leads(_GOALS_YEAR, year=y))}
    return named.pop() if len(named) == 1 else None


# How much more of one kind of value than the other says what a text is (a stray 比上年 in a news piece on
# goals, a goal quoted in a results report do not)
_DOMINANT = 3


def _kind_named(doc: Document) -> bool:
    """The kind comes from a title (the text's, the page's, the metadata block's) or the text naming itself
    (本规划): not from the cues (同比 / 记者) or a section heading near its top."""
    m = doc.meta
    source = m.sources.get("doc_type")
    return not (source == "heading" or source == "text" and m.confidence.get("doc_type", 1.0) < 0.7)


def _one_year(years: list[int | None]) -> int | None:
    """The year most of the dated ones are, when it is named at least twice as often as any other."""
    ranked = Counter(y for y in years if y is not None).most_common(2)
    if not ranked or len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def _as_plan(m, year: int | None, source: str):
    reasons = {k: v for k, v in m.reasons.items() if k not in ("plan_start_year", "plan_end_year")}
    sources = {**m.sources}
    if year is None:
        reasons["plan_start_year"] = reasons["plan_end_year"] = (
            "its goals name no year, or several years as often: which year they are for is not told")
    else:
        sources |= {"plan_start_year": source, "plan_end_year": source}
    return replace(m, plan_start_year=year, plan_end_year=year, sources=sources, reasons=reasons)


def filed(doc: Document, st: Statements) -> Document:
    """The document as the warehouse records it: a text that sets goals (after looking back) gets their year
    as its plan period (its kind is plan); its doc_type and period (the year reviewed) stay as read. A text
    whose kind no title names is what its values are: goals (nearly) alone, a plan of their year (a news
    piece on a plan or on a report's goals); results alone, a release."""
    m = doc.meta
    year = goals_year_ahead(doc, st)
    if year is not None:
        return replace(doc, meta=_as_plan(m, year, "goals_section"))
    if (m.doc_type or "") in PLAN_TYPES and st.actuals and not st.targets and not _looks_ahead_after(doc, st):
        return replace(doc, meta=_review_alone(m, st))
    if _kind_named(doc) or (m.doc_type or "") in PLAN_TYPES or m.plan_end_year is not None:
        return doc
    n_goals, n_results = len(st.targets), len(st.actuals)
    if n_goals and n_goals >= _DOMINANT * n_results:
        years = [t.target_year for t in st.targets]
        year = _one_year(years)
        if not any(years) and m.period_year is not None:
            year = m.period_year  # goals that name no year, in a text that names one year as its own: theirs
        meta = _as_plan(m, year, "values")
        why = f"no title names its kind: {n_goals} of its {n_goals + n_results} values are goals"
        meta = replace(meta, doc_type="plan", period_year=None, period_label=None,
                       sources={**meta.sources, "doc_type": "values"},
                       confidence={**meta.confidence, "doc_type": 0.5},
                       reasons={**meta.reasons, "doc_type": why, "period_year": "a plan reports on no period"})
        return replace(doc, meta=meta)
    if m.doc_type == "other" and n_results and not n_goals:
        why = f"no title names its kind: {n_results} of its {n_goals + n_results} values are results"
        m = replace(m, doc_type="release", sources={**m.sources, "doc_type": "values"},
                    confidence={**m.confidence, "doc_type": 0.5}, reasons={**m.reasons, "doc_type": why})
    return replace(doc, meta=_reviewed_year(m, st))


def _reviewed_year(m, st: Statements):
    """A release the reader could not date is of the one year its results give themselves (in their own
    words, sentence, paragraph or heading), when most of them give one and no other year."""
    dated = {a.period_year for a in st.actuals if a.period_year is not None}
    n_dated = sum(a.period_year is not None for a in st.actuals)
    if m.period_year is not None or len(dated) != 1 or 2 * n_dated <= len(st.actuals):
        return m
    year = dated.pop()
    return replace(m, period_year=year, sources={**m.sources, "period_year": "values"},
                   confidence={**m.confidence, "period_year": 0.5},
                   reasons={**m.reasons, "period_year": f"{n_dated} of its {len(st.actuals)} results are of {year} "
                                                     "by their own words, and none of another year"})


def _looks_ahead_after(doc: Document, st: Statements) -> bool:
    """Does the text, after its last result, speak of its plan's period (a year of it, its five-year name:
    “十四五”期间，…) or of goals (力争, 目标): goals without numbers, which make the excerpt more than its review?"""
    m = doc.meta
    rest = to_halfwidth(doc.text[max(a.char_end for a in st.actuals):])
    period = range(m.plan_start_year or 0, (m.plan_end_year or -1) + 1)
    return any(int(y) in period for y in YEAR.findall(rest)) or _TARGET_CUE.search(rest) is not None or any(
        five_year_end("十" + f.group(1) + "五") in period for f in FIVE_YEAR.finditer(rest))


def _review_alone(m, st: Statements):
    """An excerpt of a plan that holds only its review (发展基础, 上年计划执行情况) and no goal is a release of the
    year reviewed, the year before the plan's period: when its results are of that one year; else no year."""
    year = _one_year([a.period_year for a in st.actuals])
    reviewed = m.plan_start_year - 1 if m.plan_start_year is not None else None
    reasons = {k: v for k, v in m.reasons.items() if k not in ("plan_start_year", "plan_end_year")}
    reasons["doc_type"] = (f"a plan by its {m.sources.get('doc_type') or 'words'}, but the text holds only results "
                           f"({len(st.actuals)}) and no goal: the excerpt is its review")
    if year is None or year != reviewed:
        reasons["period_year"] = (f"its results are of {year or 'no one year'}, the year before the plan's period "
                                  f"is {reviewed or 'not told'}: they disagree")
        year = None
    return replace(m, doc_type="release", plan_start_year=None, plan_end_year=None, period_year=year,
                   sources={**m.sources, "doc_type": "values", **({"period_year": "values"} if year else {})},
                   confidence={**m.confidence, "doc_type": 0.5, "period_year": 0.5}, reasons=reasons)
