"""Actual values: from prose (releases, plans' background) and from plans' baseline table columns."""

from __future__ import annotations

import re

from plantrack.extract.blocks import Sentence
from plantrack.extract.mentions import Mention
from plantrack.extract.numbers import clean_float
from plantrack.extract.periods import FULL_YEAR, YEAR, Period, ValuePeriod, first_period, period_in
from plantrack.extract.similarity import core
from plantrack.extract.tables import IndicatorTable, PlaceTable, ReleaseTable, parse_cell_value
from plantrack.extract.units import COUNT_UNITS, normalize_unit
from plantrack.model import Actual, Document

_SHARE = re.compile(r"比重|占比|比例|率|覆盖|强度|占")
_GROWTH_WORD = re.compile(r"增速|增长率|增幅")
# A change measured against a named earlier time (相比2015年…增加82%, 较“十三五”初增长31%): growth
# accumulated over several years, not a one-year change and never a share.
_SINCE_BASE = re.compile(
    r"(?:相比于?|相较于?|较|比|与)(?:(?P<year>(?:19|20)\d\d)年(?:底|末)?|“?十[一二三四五六七八九]五”?(?:初|期初|前))"
)
_CHANGE_WORD = re.compile(r"增长|增加|提升|提高|上升|扩大|翻|下降|减少|降低|回落|缩小")
_DOWN_WORD = re.compile(r"下降|减少|降低|回落|缩小")


def table_actuals(doc: Document, itab: IndicatorTable, region: str | None) -> list[Actual]:
    """A plan's baseline columns (2020年, 2020年完成) state what was achieved: actual values."""
    out = []
    for col in itab.baseline_cols:
        if not col.year:
            continue
        for row in itab.rows:
            if col.index >= len(row.cells):
                continue
            cell = row.cells[col.index]
            if cell is None:
                continue
            cv = parse_cell_value(cell.text)
            if cv is None or cv.value is None or cv.comparator == "range" or cv.doubling:
                continue  # a doubling is a goal's wording, never a measured value
            unit_raw = cv.unit or row.unit
            unit, factor = normalize_unit(unit_raw)
            if unit == "%":
                measure = "yoy_growth" if _GROWTH_WORD.search(row.indicator) else "share"
            else:
                measure = "level"
            label, start, end = period_in("", col.year)
            conf, reason = (0.9, None) if len(core(row.indicator)) >= 2 else (0.6, "indicator name is short")
            out.append(Actual(
                document_id=doc.document_id, scope_name=region, scope_parent=None,
                indicator_text=row.indicator, measure=measure, period_year=col.year, period_label=label,
                period_start=start, period_end=end, value_raw=cv.raw, unit_raw=unit_raw,
                value=clean_float(cv.value * factor), unit=unit,
                quote=doc.text[row.quote_start:row.quote_end], char_start=row.quote_start,
                char_end=row.quote_end, section=itab.section, method="table", confidence=conf,
                confidence_reason=reason, year_evidence="table", year_confidence=0.9))
    return out


def release_table_actuals(doc: Document, rt: ReleaseTable, region: str | None, year: int | None,
                          period: Period | None = None, evidence: tuple[str | None, float | None] = ("table", 0.85),
                          empty_reason: str | None = None) -> list[Actual]:
    """A release's table: each row's level and its change on the year before, for the period its caption
    or heading names, else the release's period (`period`: a half-year report's tables are 上半年)."""
    out = []
    period = first_period(rt.section) or period or FULL_YEAR
    label, (start, end) = period.label, period.dates(year)
    for row in rt.rows:
        for col, growth in ((rt.level_col, False), (rt.growth_col, True), (rt.share_col, None)):
            if col is None or col >= len(row.cells) or row.cells[col] is None:
                continue
            cv = parse_cell_value(row.cells[col].text)
            if cv is None or cv.value is None or cv.comparator == "range":
                continue
            if growth is None and cv.value == 100:
                continue  # the whole's share of itself (地区生产总值 | … | 100.0) says nothing
            unit_raw = "%" if growth or growth is None else (cv.unit or row.unit or rt.level_unit)
            unit, factor = normalize_unit(unit_raw)
            if growth is None:
                measure = "share"
            elif growth:
                measure = "yoy_growth"
            elif unit == "%":
                measure = "yoy_growth" if _GROWTH_WORD.search(row.indicator) else "share"
            else:
                measure = "level"
            name = row.indicator + ("增长" if growth else "比重" if growth is None else "")
            conf, reason = (0.85, None) if year else (
                0.6, "release table: period year left empty: " + (empty_reason or "not found"))
            out.append(Actual(
                document_id=doc.document_id, scope_name=region, scope_parent=None, indicator_text=name,
                measure=measure, period_year=year, period_label=label, period_start=start, period_end=end,
                value_raw=cv.raw, unit_raw=unit_raw, value=clean_float(cv.value * factor), unit=unit,
                quote=doc.text[row.quote_start:row.quote_end], char_start=row.quote_start,
                char_end=row.quote_end, section=rt.section, method="table", confidence=conf,
                confidence_reason=reason, year_evidence=evidence[0] if year else "none",
                year_confidence=evidence[1] if year else None))
    return out


_ONE_MONTH = re.compile(r"(?:^|年)(\d{1,2})月(?:份)?$")  # 2017年5月: that month alone


def place_table_actuals(doc: Document, pt: PlaceTable, region: str | None, year: int | None,
                        period: Period | None, evidence: tuple[str | None, float | None],
                        empty_reason: str | None = None) -> list[Actual]:
    """A table of places: each place's (row's) value of each column's indicator. The whole (全省/全市) is
    the document's place; a column after a period head (2017年1-5月 | 同比增长) is of that period."""
    out = []
    for col in pt.columns:
        col_year, col_evidence = year, evidence
        col_period = first_period(pt.section) or period or FULL_YEAR
        if col.period_head:
            month = _ONE_MONTH.search(col.period_head)
            col_period = first_period(col.period_head) or (
                Period(f"{int(month.group(1))}月", (int(month.group(1)), 1), (int(month.group(1)), 0)) if month else None)
            if col_period is None:
                continue  # a period head read as no period: the column's period is not known
            y = YEAR.search(col.period_head)
            if y:
                col_year, col_evidence = int(y.group(1)), ("table", 0.85)
        elif "同月" in col.indicator and col_period.first[0] != col_period.last[0]:
            # 增长速度比上年同月 in a 1-11月 table: the change of the period's last month alone
            m = col_period.last[0]
            col_period = Period(f"{m}月", (m, 1), (m, 0))
        label, (start, end) = col_period.label, col_period.dates(col_year)
        for row in pt.rows:
            if col.index >= len(row.cells) or row.cells[col.index] is None:
                continue
            cv = parse_cell_value(row.cells[col.index].text)
            if cv is None or cv.value is None or cv.comparator == "range":
                continue
            unit_raw = cv.unit or col.unit
            unit, factor = normalize_unit(unit_raw)
            measure = "yoy_growth" if col.growth else ("share" if unit == "%" else "level")
            whole = row.indicator.startswith("全")
            reason = None if col_year else "table of places: period year left empty: " + (empty_reason or "not found")
            out.append(Actual(
                document_id=doc.document_id, scope_name=region if whole else row.indicator,
                scope_parent=None if whole else region, indicator_text=col.indicator, measure=measure,
                period_year=col_year, period_label=label, period_start=start, period_end=end,
                value_raw=cv.raw, unit_raw=unit_raw, value=clean_float(cv.value * factor), unit=unit,
                quote=doc.text[row.quote_start:row.quote_end], char_start=row.quote_start,
                char_end=row.quote_end, section=pt.section, method="table",
                confidence=0.8 if col_year else 0.6, confidence_reason=reason,
                year_evidence=col_evidence[0] if col_year else "none",
                year_confidence=col_evidence[1] if col_year else None))
    return out


_UP = re.compile(r"增长|提高")
_OVER_YEARS = ("new_in_period", "cumulative", "avg_growth")  # measures that span a multi-year period
_AVG_GROWTH = re.compile(r"(?:两|三|五)年平均增长|年均增长|平均增长")
_FALL = re.compile(r"下降|回落|减少|降低")
_FALL_BY = re.compile(r"(?:下降|减少|降低|减)了?$")  # right before the amount (下降至18 / 减少到 reach a level)
_RISE = re.compile(r"增长|增速|增幅|同比|比上年|较上年|提高")
_SHARE_WORD = re.compile(r"比重|占比|比例")
_TOTAL = re.compile(r"累计|总数|总量|共有|拥有|达到")
_NEW_IN_PERIOD = re.compile(r"新增|新培育|培育|建成|新建|新认定|新引进|引进|新开工|新入库|实施|完成|创建|认定|获评|新利用|盘活|"
                            r"签约|投产|净增|增加(?![值到至])")


def actual_measure(m: Mention, unit: str | None, year: int | None = None) -> tuple[str, float]:
    """(measure, multiplier) from the words around a prose value; 增长2.3倍 -> (yoy_growth, 100).

    A change against an earlier base (相比2015年增长82%) is `cumulative`, signed; against the year
    just before the period it is an ordinary `yoy_growth`.
    """
    if m.unchanged:
        return "yoy_growth", 1.0
    pre = m.pre
    base = _SINCE_BASE.search(pre) or _SINCE_BASE.search(m.clause_cue)
    if base and unit in ("%", "x") and _CHANGE_WORD.search(pre):
        base_year = int(base.group("year")) if base.group("year") else None
        sign = -1.0 if _DOWN_WORD.search(pre) else 1.0
        scale = 100.0 if unit == "x" else 1.0
        if base_year is not None and year is not None and base_year == year - 1:
            return "yoy_growth", sign * scale
        return "cumulative", sign * scale
    if unit not in ("%", "pp", "x") and _FALL_BY.search(pre):
        # 比上年减少587个 / 减少479亩: an amount lost is a change of the indicator, negative (since a base year's
        # level, 比2015年减少…, a cumulative one)
        since = int(base.group("year")) if base and base.group("year") else None
        return ("cumulative" if base and not (since and year and since == year - 1) else "yoy_growth"), -1.0
    if unit == "x":
        return ("yoy_growth", 100.0) if _UP.search(pre) else ("level", 1.0)
    if _AVG_GROWTH.search(pre):
        return "avg_growth", 1.0
    if unit == "pp" and _CHANGE_WORD.search(pre):
        return "yoy_growth", -1.0 if _DOWN_WORD.search(pre) else 1.0  # 比重提高1.8个百分点: a change of a share
    if unit in ("%", "pp"):
        if _FALL.search(pre) and not _SHARE.search(core(m.indicator).replace("下降", "")):
            return "yoy_growth", -1.0
        if _RISE.search(pre) and not _SHARE_WORD.search(m.indicator):
            return "yoy_growth", 1.0
        return "share", 1.0
    cue = m.clause_cue + pre
    if _TOTAL.search(cue) and "新增" not in pre:
        return "cumulative" if "累计" in cue else "level", 1.0
    if unit not in COUNT_UNITS:
        cue = cue.replace("完成", "")  # 完成收入32亿元: an amount achieved is a level; 完成评估的企业 are new
    if _NEW_IN_PERIOD.search(cue + m.indicator):
        return "new_in_period", 1.0
    return "level", 1.0


def prose_actual(doc: Document, sent: Sentence, m: Mention, region: str | None,
                 when: ValuePeriod) -> Actual | None:
    if m.doubling or m.comparator == "range":
        return None
    unit, factor = normalize_unit(m.unit_raw)
    year = when.year
    measure, mult = actual_measure(m, unit, year)
    if m.value is None:
        return None
    value = m.value * factor * mult
    if unit == "x" and mult != 1.0:
        unit = "%"
    if unit == "%" and measure in ("share", "level") and not 0 <= value <= 100:
        return None  # a share beyond 100 % is a misread change or ratio, not a share
    period = when.period
    if period.years and measure not in _OVER_YEARS:
        period = FULL_YEAR  # 十三五期间…集聚企业215家: a stock or a rate is read at the span's last year
    label = period.label
    start, end = period.dates(year)
    conf, reason = when.confidence, when.reason
    if m.comparator not in ("=", "~"):
        conf, reason = min(conf, 0.75), (reason or "value is approximate (余/以上/超过)")
    if len(core(m.indicator)) < 3:
        conf, reason = min(conf, 0.6), "indicator text is short or generic"
    if m.estimate:
        conf, reason = min(conf, 0.7), "; ".join(x for x in ("an estimate (预计) of the period under review", reason) if x)
    if m.converted:  # the figure as reported is the indicator's value, its conversion the lesser reading
        conf, reason = min(conf, 0.6), "; ".join(x for x in ("the figure before it converted at an exchange rate", reason) if x)
    a, e, quote = sent.quote(doc.text, (m.start, m.end))
    return Actual(
        document_id=doc.document_id, scope_name=m.scope or region, scope_parent=region if m.scope else None,
        indicator_text=m.indicator, measure=measure, period_year=year, period_label=label,
        period_start=start, period_end=end, value_raw=m.value_raw, unit_raw=m.unit_raw,
        value=clean_float(value), unit=unit, quote=quote, char_start=a, char_end=e,
        section=sent.section, method="prose", confidence=conf, confidence_reason=reason,
        year_evidence=when.evidence, year_confidence=when.year_confidence, is_estimate=m.estimate)


# 三次产业结构(比)为6.5:55.8:37.7 states the three sectors' shares of GDP in one ratio (traditional text is
# read through the reading view, so 產業結構 arrives simplified); 由上年的R调整为R' / 由2000年的R调整为R' states
# the base's shares too. 三产结构 is the same ratio, and a part may carry its % (23.1%：20.5%：56.4%).
_RATIO = r"(?P<{0}1>\d+(?:\.\d+)?)%?\s*[:：∶]\s*(?P<{0}2>\d+(?:\.\d+)?)%?\s*[:：∶]\s*(?P<{0}3>\d+(?:\.\d+)?)%?"
_GAP = r"[^，,。；;\d]{0,10}?"  # the ratio's words (结构比调整为, 增加值之比, 比达到): no number, no clause end
_YEAR_OF = r"(?:(?:19|20)\d\d\s*年[^，,。；;\d]{0,4})?"  # 从2021年的…: the year a ratio is of
STRUCTURE = re.compile(
    r"(?:(?:三次|一二三|一、二、三)产业|三产)(?P<va>增加值)?" + _GAP
    + r"(?:(?:由|从)[^，,。；;\d]{0,6}" + _YEAR_OF + r"\s*" + _RATIO.format("b") + _GAP + _YEAR_OF + r")?\s*"
    + _RATIO.format("p"))


def structure_actuals(doc: Document, sent: Sentence, region: str | None, m: re.Match, part: str,
                      when: ValuePeriod, estimate: bool = False) -> list[Actual]:
    """The three sector shares of one ratio of a STRUCTURE match (`part` "p", or "b" for its base), each a
    share (%) of the period `when` gives; named by the ratio's own words (增加值 only when it says so). A
    ratio whose parts do not add up to about 100 is not a structure of shares and is left alone."""
    groups = [f"{part}{i}" for i in (1, 2, 3)]
    if m.group(groups[0]) is None:
        return []
    parts = [float(m.group(g)) for g in groups]
    if abs(sum(parts) - 100) > 1.5:
        return []
    start, end = when.period.dates(when.year)
    out = []
    for i, g in enumerate(groups):
        a, e, quote = sent.quote(doc.text, (m.start(g), m.end(g)))
        out.append(Actual(
            document_id=doc.document_id, scope_name=region, scope_parent=None,
            indicator_text=f"第{'一二三'[i]}产业{m.group('va') or ''}占比",
            measure="share", period_year=when.year, period_label=when.period.label, period_start=start,
            period_end=end, value_raw=m.group(g), unit_raw=None, value=clean_float(parts[i]), unit="%", quote=quote,
            char_start=a, char_end=e, section=sent.section, method="prose",
            confidence=min(when.confidence, 0.8),
            confidence_reason=when.reason or "share read from a 三次产业结构 ratio (parts add up to 100)",
            year_evidence=when.evidence, year_confidence=when.year_confidence, is_estimate=estimate))
    return out
