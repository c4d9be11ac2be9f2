"""Years and periods: target years (到2025年), actual periods (上半年, 1-7月), and a document's context."""

from __future__ import annotations

import re
from calendar import monthrange
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from plantrack.extract.numbers import parse_chinese_numeral, to_halfwidth
from plantrack.model import Document

TARGET_YEAR = re.compile(r"(?:到|至|力争到|力争|争取到|预计到|在)(20\d\d)年|(20\d\d)年(?:底|末|前|时)")
FIVE_YEAR_END = re.compile(r"“?(十[一二三四五六七八九]五)”?(?:末|期末|时期末)")
YEAR = re.compile(r"(?<![\d－\-~至])(20\d\d|19\d\d)年")
# The same matches, found faster in long texts: the lookahead names the digit every match starts with
# (the leading lookbehind keeps the regex engine from skipping ahead to it by itself).
YEAR_SCAN = re.compile(r"(?=[12])" + YEAR.pattern)
PLAN_PERIOD = re.compile(r"[（(](20\d\d)\s*[－\-—–~至到]\s*(20\d\d)年?[）)]")
FIVE_YEAR = re.compile(r"“?十([一二三四五六七八九])五”?")
_REGION = re.compile(r"(?:重庆市|[\u4e00-\u9fff]{2,3}省)?([\u4e00-\u9fff]{2,4}?(?:区|县|市))(?:人民政府|委员会|经济和信息化|发展和改革|经济信息委|统计局|区委|县委|市委)")
_REGION_WORD = re.compile(r"([\u4e00-\u9fff]{2}(?:区|县))")

_PERIODS = (
    (re.compile(r"(?:第一季度|一季度)"), "一季度", (1, 1), (3, 31)),
    (re.compile(r"上半年"), "上半年", (1, 1), (6, 30)),
    (re.compile(r"前三季度"), "前三季度", (1, 1), (9, 30)),
)
_MONTH_RANGE = re.compile(r"(\d{1,2}|[一二三四五六七八九十]{1,2})\s*[-－~至—]\s*(\d{1,2}|[一二三四五六七八九十]{1,2})月")


@dataclass(frozen=True)
class DocContext:
    region: str | None
    plan_start: int | None
    plan_end: int | None
    doc_year: int | None
    is_plan: bool


_PLAN_WORDS = re.compile(r"规划|方案|行动计划|意见|纲要|到20\d\d年")
_RELEASE_WORDS = re.compile(r"公报|回眸|工作总结|运行情况|年鉴|总结|工作报告|经济运行")


def _strip_titles(text: str) -> str:
    """Drop 《cited titles》: their 方案/规划/years describe other documents."""
    return re.sub(r"《[^》]{0,80}》", "", text)


_GENERIC_PLACE = "全我本城园市该各辖山新高开景片老社校小街镇乡省地一二三四五六七八九十大中管分"
_ISSUE_DATE = re.compile(r"(20\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


_YEAR_FULLWIDTH = re.compile("[０-９～]")


def _digits_halfwidth(text: str) -> str:
    """to_halfwidth(text) as YEAR and _ISSUE_DATE see it: only full-width digits and ～ (which YEAR's
    lookbehind tells from ~) change what they match, so a text without them is used as it is."""
    return to_halfwidth(text) if _YEAR_FULLWIDTH.search(text) else text


def document_context(doc: Document) -> DocContext:
    """What the extractor needs from the document; the reader's metadata wins, the text fills gaps."""
    meta = doc.meta
    head = _strip_titles(to_halfwidth(doc.text[:3000]))
    region = meta.region_name
    if not region:
        named = Counter(re.findall(r"(?:市|省)([\u4e00-\u9fff]{2}[区县])(?!域|级|委|内)", doc.text))
        words = named or Counter(_REGION_WORD.findall(doc.text))
        for w, _ in words.most_common(8):
            if w[0] not in _GENERIC_PLACE and w[1] not in "园地片城社矿景辖山市县街校厂业":
                region = w
                break
    doc_type = meta.doc_type or ""
    plan_words = len(_PLAN_WORDS.findall(head))
    release_words = len(_RELEASE_WORDS.findall(head))
    if doc_type:
        is_plan = doc_type in ("plan", "opinions", "annual_plan")
    else:
        is_plan = plan_words > release_words
    start, end = meta.plan_start_year, meta.plan_end_year
    if (start is None or end is None) and is_plan:
        m = PLAN_PERIOD.search(head) or re.search(r"(20\d\d)\s*(?:至|到|-)\s*(20\d\d)\s*年", head)
        if m:
            start, end = int(m.group(1)), int(m.group(2))
        else:
            f = FIVE_YEAR.search(head)
            if f:
                e = five_year_end("十" + f.group(1) + "五")
                if e:
                    start, end = e - 4, e
    doc_year = meta.issued_on.year if meta.issued_on else None
    if not is_plan:
        title_years = [int(y) for y in YEAR.findall(to_halfwidth(meta.title or ""))]
        counts = Counter(int(y) for y in YEAR_SCAN.findall(_strip_titles(_digits_halfwidth(doc.text))))
        doc_year = max(title_years) if title_years else (counts.most_common(1)[0][0] if counts else doc_year)
    elif doc_year is None:
        dates = [int(y) for y in _ISSUE_DATE.findall(_digits_halfwidth(doc.text))]
        doc_year = dates[-1] if dates else start
    return DocContext(region, start, end, doc_year, is_plan)


def target_year_in(s: str, before: int | None = None) -> int | None:
    """The year a target is set for, nearest before position `before` (else anywhere in the sentence)."""
    hits = [(m.start(), int(m.group(1) or m.group(2))) for m in TARGET_YEAR.finditer(s)]
    hits += [(m.start(), y) for m in FIVE_YEAR_END.finditer(s) if (y := five_year_end(m.group(1)))]
    if not hits:
        return None
    hits.sort()
    if before is not None:
        earlier = [y for p, y in hits if p < before]
        if earlier:
            return earlier[-1]
    return hits[0][1]


def five_year_end(word: str) -> int | None:
    n = parse_chinese_numeral(word[1:2])
    return None if n is None else 1955 + 5 * (10 + int(n))


@lru_cache(maxsize=256)  # every value of a sentence asks about the same sentence
def period_in(s: str, year: int | None) -> tuple[str, date | None, date | None]:
    """(label, start, end) of the period a sentence reports on; 全年 when none is named."""
    for pattern, label, (m0, d0), (m1, d1) in _PERIODS:
        if pattern.search(s):
            return label, _d(year, m0, d0), _d(year, m1, d1)
    m = _MONTH_RANGE.search(s)
    if m:
        a, b = (int(x) if x.isdigit() else int(parse_chinese_numeral(x) or 0) for x in m.groups())
        if 1 <= a <= b <= 12:
            end = _d(year, b, monthrange(year, b)[1]) if year else None
            return f"{a}-{b}月", _d(year, a, 1), end
    return "全年", _d(year, 1, 1), _d(year, 12, 31)


def _d(year: int | None, month: int, day: int) -> date | None:
    return date(year, month, day) if year else None
