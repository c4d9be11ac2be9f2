"""extract_statements: walk a document's tables and sentences, decide target vs actual per statement.

Target vs actual is decided per value: a target-year marker before it (到2025年) makes a target, a
past year (2020年, before the plan period) or past-tense cue (同比, “十三五”期间, 已) makes an actual;
otherwise the sentence's section (发展基础 = background) and the document type (plan or release) decide.
"""

from __future__ import annotations

import re

from plantrack.extract.actuals import prose_actual, table_actuals
from plantrack.extract.blocks import Paragraph, Sentence, Table, parse_blocks, split_sentences
from plantrack.extract.mentions import Mention, find_mentions
from plantrack.extract.periods import YEAR, DocContext, document_context, target_year_in
from plantrack.extract.similarity import indicator_similarity
from plantrack.extract.tables import prose_cells, read_indicator_table
from plantrack.extract.targets import prose_target, table_targets
from plantrack.model import Actual, Document, Quote, Statements, Target

_TARGET_CUE = re.compile(
    r"(?:到|至|力争到|争取到|预计到)20\d\d年|20\d\d年(?:底|末|前)|力争|争取|目标|确保|将达到|每年|"
    r"“?十[一二三四五六七八九]五”?末|规划期末|规划期内|期末"
)
_PAST_CUE = re.compile(
    r"“?十[一二三四五六七八九]五”?(?:期间|以来|时期)|以来|截至|截止|目前|现有|已经|已有|已建成|同比|比上年|较上年|"
    r"上年|去年|完成了|实现了|达到了|荣获|获评|居全|位居"
)
_BACKGROUND = re.compile(r"发展基础|发展现状|现状|回顾|成效|基础与|面临形势|发展环境|发展成就|工作回顾")
_SKIP_SECTION = re.compile(r"条件|评定|认定办法|申报|奖励|补助|资金|政策措施|支持政策|扶持|管理办法|保障措施|保障举措")
_POLICY = re.compile(r"^对.*(?:给予|奖励|补助|补贴|支持)|给予.*(?:奖励|补助|补贴)")
_INTRO = re.compile(r"以下目标|如下目标|主要目标|发展目标|[：:]$")


def extract_statements(doc: Document) -> Statements:
    ctx = document_context(doc)
    walker = _Walker(doc, ctx)
    for block in parse_blocks(doc.text):
        if isinstance(block, Table):
            walker.table(block)
        else:
            walker.paragraph(block)
    return Statements(targets=_merge_targets(walker.targets), actuals=_merge_actuals(walker.actuals))


class _Walker:
    def __init__(self, doc: Document, ctx: DocContext):
        self.doc, self.ctx = doc, ctx
        self.targets: list[Target] = []
        self.actuals: list[Actual] = []
        self.section_year: dict[str, int] = {}

    def table(self, table: Table) -> None:
        itab = read_indicator_table(table)
        if itab is not None and itab.rows:
            tgt = itab.target_col
            past_only = tgt is not None and tgt.year and not self.ctx.is_plan and self.ctx.doc_year \
                and tgt.year <= self.ctx.doc_year
            if tgt is not None and not past_only:
                self.targets += table_targets(self.doc, itab, self.ctx.region, self.ctx.plan_end)
                self.actuals += table_actuals(self.doc, itab, self.ctx.region)
            else:
                cols = itab.baseline_cols + ((tgt,) if tgt is not None else ())
                everything = type(itab)(itab.rows, None, cols, itab.section)
                self.actuals += table_actuals(self.doc, everything, self.ctx.region)
            return
        for cell, year in prose_cells(table):
            for sent in split_sentences(self.doc.text, cell.start, cell.end, table.section):
                self.sentence(sent, deadline=year, year_carry=None)

    def paragraph(self, para: Paragraph) -> None:
        carry: list[int | None] = [None]
        for sent in para.sentences:
            self.sentence(sent, deadline=None, year_carry=carry)

    def _section_year(self, section: str | None) -> int | None:
        if not section:
            return None
        best = None
        for key, year in self.section_year.items():
            if section.startswith(key) and (best is None or len(key) > len(best[0])):
                best = (key, year)
        return best[1] if best else None

    def sentence(self, sent: Sentence, deadline: int | None, year_carry: list[int | None] | None) -> None:
        s = sent.text
        stated_target_year = target_year_in(s)
        if stated_target_year and _INTRO.search(s) and sent.section:
            self.section_year[sent.section] = stated_target_year
        past_years = [(m.start(), int(m.group(1))) for m in YEAR.finditer(s)
                      if not re.search(r"(?:到|至|力争|争取|预计)$", s[max(0, m.start() - 4):m.start()])
                      and not re.match(r"(?:底|末|前)", s[m.end():m.end() + 1])
                      and s[:m.start()].count("《") <= s[:m.start()].count("》")]
        if past_years and year_carry is not None:
            year_carry[0] = past_years[-1][1]
        if sent.section and _SKIP_SECTION.search(sent.section.split(" / ")[-1]):
            return
        if _POLICY.search(s):
            return
        mentions = find_mentions(s)
        if not mentions:
            return
        sentence_target = self._sentence_is_target(s, sent.section)
        for m in mentions:
            if self._mention_is_target(s, m, sentence_target, past_years):
                year = target_year_in(s, m.start)
                stated = year is not None
                year = year or deadline or self._section_year(sent.section) or self.ctx.plan_end
                self.targets.append(prose_target(self.doc, sent, m, self.ctx.region, self.ctx, year, stated))
            else:
                before = [y for p, y in past_years if p < m.start]
                year = before[-1] if before else (past_years[0][1] if past_years else None)
                stated = year is not None
                if year is None and year_carry is not None:
                    year = year_carry[0]
                if year is None:
                    year = self.ctx.doc_year if not self.ctx.is_plan else (
                        self.ctx.plan_start - 1 if self.ctx.plan_start else self.ctx.doc_year)
                a = prose_actual(self.doc, sent, m, self.ctx.region, year, stated)
                if a is not None:
                    self.actuals.append(a)

    def _sentence_is_target(self, s: str, section: str | None) -> bool:
        if _TARGET_CUE.search(s):
            return True
        if _PAST_CUE.search(s):
            return False
        if section and _BACKGROUND.search(section):
            return False
        return self.ctx.is_plan

    def _mention_is_target(self, s: str, m: Mention, sentence_target: bool,
                           past_years: list[tuple[int, int]]) -> bool:
        markers = [(p, "t") for p in (x.start() for x in re.finditer(
            r"(?:到|至|力争到|争取到|预计到)20\d\d年|20\d\d年(?:底|末|前)", s)) if p < m.start]
        cutoff = self.ctx.plan_start if self.ctx.is_plan and self.ctx.plan_start else self.ctx.doc_year
        for p, y in past_years:
            if p < m.start and (not self.ctx.is_plan or (cutoff and y < cutoff)):
                markers.append((p, "a"))
        if markers:
            return max(markers)[1] == "t"
        return sentence_target


def _same_target(a: Target, b: Target) -> bool:
    return (a.value == b.value and a.unit == b.unit and a.target_year == b.target_year
            and a.value_high == b.value_high
            and indicator_similarity(a.indicator_text, b.indicator_text) >= 0.6)


def _merge_targets(targets: list[Target]) -> list[Target]:
    """One target stated in a table and again in prose is one target: keep the table one (or the first)."""
    ordered = sorted(targets, key=lambda t: (t.method != "table", t.char_start))
    kept: list[Target] = []
    for t in ordered:
        for i, k in enumerate(kept):
            if _same_target(k, t):
                q = Quote(t.quote, t.char_start, t.char_end, t.method, t.section)
                kept[i] = _with_quote(k, q, t)
                break
        else:
            kept.append(t)
    return sorted(kept, key=lambda t: t.char_start)


def _with_quote(k: Target, q: Quote, other: Target) -> Target:
    from dataclasses import replace
    attribute = k.attribute or other.attribute
    comparator = other.comparator if k.comparator == "=" and other.comparator != "=" and k.method == other.method \
        else k.comparator
    return replace(k, other_quotes=k.other_quotes + (q,), attribute=attribute, comparator=comparator)


def _merge_actuals(actuals: list[Actual]) -> list[Actual]:
    """The same value reported twice (a summary and a section) is one actual."""
    ordered = sorted(actuals, key=lambda a: (a.method != "table", a.char_start))
    kept: list[Actual] = []
    for a in ordered:
        if any(k.value == a.value and k.unit == a.unit and k.period_year == a.period_year
               and k.period_label == a.period_label and k.measure == a.measure
               and indicator_similarity(k.indicator_text, a.indicator_text) >= 0.6 for k in kept):
            continue
        kept.append(a)
    return sorted(kept, key=lambda a: a.char_start)
