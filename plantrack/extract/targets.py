"""Targets from indicator tables and from prose mentions."""

from __future__ import annotations

import re

from plantrack.extract.blocks import Sentence
from plantrack.extract.mentions import Mention
from plantrack.extract.numbers import clean_float
from plantrack.extract.periods import DocContext
from plantrack.extract.similarity import core
from plantrack.extract.tables import IndicatorTable, parse_cell_value
from plantrack.extract.units import COUNT_UNITS, normalize_unit
from plantrack.model import Document, Target

_FLOW = re.compile(r"新增|新建|新实施|新开展|新培育|新引进|累计新|累计实施|累计建成|累计完成|累计培育|“十[一-九]五”新")
_GROWTH = re.compile(r"增速|增长率|增幅|增长（|增长\(|年均增长|^.*增长$")
_DECLINE = re.compile(r"下降|降低|减少|降幅")
_SHARE = re.compile(r"比重|占比|比例|率|覆盖|强度|占")
_VS_BASE = re.compile(r"(?:较|比|相比于?|相较于?)(?:20\d\d年|“?十[一二三四五六七八九]五”?(?:末|初))")


def _norm(value: float | None, unit_raw: str | None) -> tuple[float | None, str | None]:
    unit, factor = normalize_unit(unit_raw)
    return (clean_float(value * factor) if value is not None else None), unit


def table_targets(doc: Document, itab: IndicatorTable, region: str | None, plan_end: int | None) -> list[Target]:
    col = itab.target_col
    if col is None:
        return []
    out = []
    for row in itab.rows:
        if col.index >= len(row.cells):
            continue
        cell = row.cells[col.index]
        if cell is None:
            continue
        cv = parse_cell_value(cell.text)
        if cv is None or cv.value is None:
            continue
        unit_raw = cv.unit or row.unit
        value = cv.value
        name = row.indicator
        if cv.doubling:
            kind = "change_vs_base"
        elif cv.unit == "倍":
            kind = "level"
        elif _DECLINE.search(name) and (unit_raw in ("%", "％")):
            kind, value = "change_vs_base", -abs(value)
        elif cv.cumulative or _FLOW.search(name):
            kind = "cumulative"
        elif unit_raw in ("%", "％") and _GROWTH.search(name):
            kind = "growth_rate"
        elif unit_raw in ("%", "％"):
            kind = "share"
        else:
            kind = "level"
        year = col.year or plan_end
        base_year = base_value = base_raw = None
        earlier = [b for b in itab.baseline_cols if not col.year or b.year < col.year]
        for b in sorted(earlier, key=lambda c: c.year, reverse=True):
            if b.index < len(row.cells) and row.cells[b.index] is not None:
                bv = parse_cell_value(row.cells[b.index].text)
                if bv is not None and bv.value is not None:
                    base_year, base_raw = b.year, bv.raw
                    base_value, _ = _norm(bv.value, unit_raw)
                    break
        if kind == "change_vs_base" and base_year is None and earlier:
            base_year = max(b.year for b in earlier)
        norm_value, unit = _norm(value, unit_raw)
        high, _ = _norm(cv.high, unit_raw)
        conf, reason = 0.95, None
        if not col.year:
            conf, reason = 0.7, "target column names no year; plan end year used"
        elif not name or len(core(name)) < 2:
            conf, reason = 0.6, "indicator name is short or generic"
        raw = doc.text[row.quote_start:row.quote_end]
        out.append(Target(
            document_id=doc.document_id, scope_name=region, scope_parent=None, indicator_text=name,
            target_kind=kind, comparator=cv.comparator, value_raw=cv.raw, value_high_raw=cv.high_raw,
            unit_raw=unit_raw, value=norm_value, value_high=high, unit=unit, target_year=year,
            baseline_year=base_year, baseline_value=base_value, baseline_value_raw=base_raw,
            attribute=row.attribute, quote=raw, char_start=row.quote_start, char_end=row.quote_end,
            section=itab.section, method="table", confidence=conf, confidence_reason=reason,
            year_evidence=("table" if col.year else "plan_period") if year else "none",
            year_confidence=(0.95 if col.year else 0.7) if year else None))
    return out


_CHANGE = re.compile(r"提高|提升|增加|增长|上升|下降|降低|减少")
_DOWN_TO = re.compile(r"降至|降低至|降低到|下降到|下降至|控制在")
_INCREASE = re.compile(r"增长|增加|提升|提高|上升")
_GROWTH_END = re.compile(r"(?:增长|增速|增幅)(?:率)?(?:达到|为|保持在|在|超过|不低于|高于)?$")
_GROWTH_WORD = re.compile(r"增长|增速|增幅")
_ANNUAL = re.compile(r"每年|年均新增|每年度|年均")
_CUMULATIVE = re.compile(r"累计|新增|新建|新实施|新开展|新培育|净增|“十[一-九]五”期间|规划期内")
_TOTAL_LEVEL = re.compile(r"累计数量|总数|总量")
# A count of things the plan creates (培育20家, 打造示范项目20个, 引进1-2家) adds to what exists: cumulative.
_CREATES = re.compile(r"培育|打造|引进|建成|创建|新建|开发|推广|引育|招引|创成|争创")
_COUNT_UNIT_WORDS = frozenset(COUNT_UNITS)
_VERSUS = re.compile(r"较|比")
_BASE_YEAR = re.compile(r"(?:较|比)(20\d\d)年")


def prose_target_kind(m: Mention, unit: str | None, every_year: bool = False) -> tuple[str, bool]:
    """(kind, negate) from the words around a prose value; every_year: 每年 opens the sentence's list."""
    cue = m.clause_cue + m.pre
    if m.doubling:
        return "change_vs_base", False
    if m.unchanged:
        return "growth_rate", False
    if unit == "x":
        return "level", False
    if unit == "pp" and _CHANGE.search(m.pre):
        # 比重提高2个百分点: a change against the base, in points
        return "change_vs_base", bool(_DECLINE.search(m.pre))
    if unit == "%":
        if _DECLINE.search(m.pre) and not _DOWN_TO.search(m.pre):
            return "change_vs_base", True
        if _VS_BASE.search(m.pre) and _INCREASE.search(m.pre) and "年均" not in m.pre:
            return "change_vs_base", False  # 较2020年增长50%: the whole span's change, not a yearly rate
        if _GROWTH_END.search(m.pre) or (
                _GROWTH_WORD.search(m.pre) and not _SHARE.search(m.indicator)):
            return "growth_rate", False
        return "share", False
    if _ANNUAL.search(cue) or every_year and unit in _COUNT_UNIT_WORDS:
        return "annual", False
    if unit in _COUNT_UNIT_WORDS and _CREATES.search(cue) and not _TOTAL_LEVEL.search(cue) and not m.magnitude:
        return "cumulative", False
    if _CUMULATIVE.search(cue + m.indicator) and \
            not _TOTAL_LEVEL.search(cue):
        return "cumulative", False
    if _DECLINE.search(m.pre) and _VERSUS.search(m.pre):
        return "change_vs_base", True
    return "level", False


_YEAR_WORD = re.compile(r"\d{4}年|年均|累计")


def _every_year(s: str, start: int) -> bool:
    """力争每年新增A 5个，实施B 40个: 每年 governs the clauses of its sentence that follow, until a time word."""
    head = s[:start]
    k = head.rfind("每年")
    return k >= 0 and not _YEAR_WORD.search(head, k + 2) and "。" not in head[k:] and "；" not in head[k:]


NO_TARGET_YEAR = "no target year found in the sentence or the plan period"


def prose_target(doc: Document, sent: Sentence, m: Mention, region: str | None, ctx: DocContext,
                 year: int | None, year_stated: bool,
                 evidence: tuple[str | None, float | None] = (None, None)) -> Target:
    """A target of prose; `evidence` is what gave its year (YEAR_EVIDENCE) and how sure it is."""
    unit_raw = m.unit_raw
    kind, negate = prose_target_kind(m, normalize_unit(unit_raw)[0], _every_year(sent.text, m.start))
    value = m.value
    if negate and value is not None:
        value = -abs(value)
    norm_value, unit = _norm(value, unit_raw)
    high, _ = _norm(m.high, unit_raw)
    base_year = None
    b = _BASE_YEAR.search(m.pre + m.clause_cue)
    if b:
        base_year = int(b.group(1))
    conf, reason = 0.9, None
    if year is None:
        conf, reason = 0.5, NO_TARGET_YEAR
    elif not year_stated:
        conf, reason = 0.75, "target year taken from the section or plan period, not the sentence"
    if m.paired:
        conf, reason = min(conf, 0.75), (reason or "value paired with an item of a 分别 list")
    if m.magnitude:
        conf, reason = min(conf, 0.7), "size class (千亿级) read as a floor on the amount"
    elif m.first:
        conf, reason = min(conf, 0.75), (reason or "首家/首个 read as a count of one")
    elif m.chinese:
        conf, reason = min(conf, 0.7), (reason or "value written in Chinese numerals")
    if len(core(m.indicator)) < 3:
        conf, reason = min(conf, 0.6), "indicator text is short or generic"
    a, e, quote = sent.quote(doc.text, (m.start, m.end))
    return Target(
        document_id=doc.document_id, scope_name=m.scope or region, scope_parent=region if m.scope else None,
        indicator_text=m.indicator, target_kind=kind, comparator=m.comparator, value_raw=m.value_raw,
        value_high_raw=m.high_raw, unit_raw=unit_raw, value=norm_value, value_high=high, unit=unit,
        target_year=year, baseline_year=base_year, baseline_value=None, baseline_value_raw=None,
        attribute=None, quote=quote, char_start=a, char_end=e, section=sent.section,
        method="prose", confidence=conf, confidence_reason=reason,
        year_evidence=(evidence[0] or ("own" if year_stated else None)) if year is not None else "none",
        year_confidence=(evidence[1] if evidence[1] is not None else (0.9 if year_stated else 0.75))
        if year is not None else None)
