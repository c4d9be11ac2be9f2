"""Years and periods: target years (到2025年), actual periods (上半年, 1-7月), and a document's context.

An actual value's period is the one its own words name (the nearest time word before it in its
sentence), else its paragraph's, else its heading's, else the document's (meta.period_label / title /
opening); relative years (今年, 去年, 上年) are counted from the issue date (上年 from the reported year).
One span has one label (1-6月 = 一至六月 = 上半年) so values of different reports meet; a five-year span
(十三五期间) is filed under its last year.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from calendar import monthrange
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from plantrack.extract.first_chars import gated
from plantrack.extract.numbers import parse_chinese_numeral, to_halfwidth
from plantrack.model import Document
from plantrack.text.periods import FIVE_YEAR_NAME, MULTIPLE_BASE, five_year_span

# not the second year of a range (2011至2016年, 2011年底至2016年, 2011-2016年); 提升至2025年的X, 截至2016年 and
# 至2020年底 opening a clause name a year of their own
YEAR = re.compile(r"(?<![\d－\-~])(?<!(?<=[\d年末底])至)(20\d\d|19\d\d)年")
# The same matches, found faster in long texts: the lookahead names the digit every match starts with
# (the leading lookbehind keeps the regex engine from skipping ahead to it by itself).
YEAR_SCAN = re.compile(r"(?=[12])" + YEAR.pattern)
PLAN_PERIOD = re.compile(r"[（(](20\d\d)\s*[－\-—–~至到]\s*(20\d\d)年?[）)]")
FIVE_YEAR = re.compile(r"“?十([一二三四五六七八九])五”?")
_REGION_WORD = re.compile(r"([\u4e00-\u9fff]{2}(?:区|县))")

@dataclass(frozen=True)
class DocContext:
    region: str | None
    plan_start: int | None
    plan_end: int | None
    doc_year: int | None
    is_plan: bool
    issued_on: date | None = None
    period_year: int | None = None  # the year the document reports on, when the reader found it
    period: Period | None = None  # the period the document reports on (上半年 …), when it names one
    # What gave doc_year (YEAR_EVIDENCE: title, metadata, issue_date, file_name, text, plan_period …), how
    # sure it is, and, when doc_year is None, why the document gives no year its values may borrow.
    year_from: str | None = None
    year_confidence: float | None = None
    year_reason: str | None = None

    @property
    def this_year(self) -> int | None:
        """What 今年 means: the issue date's year, else the year the document's title or metadata says it is
        about (a year guessed from the text's words counts no 今年)."""
        if self.issued_on:
            return self.issued_on.year
        if self.doc_year is None or self.year_from not in ("title", "metadata", "plan_period"):
            return None  # a year guessed from the text's words (the one it names most) counts no 今年
        return self.doc_year

    @property
    def goal_year(self) -> int | None:
        """The year a non-plan's goals without a year are for: a report issued after the year it reviews
        (a 政府工作报告 in January) sets goals for the year of issue; issued later still, it is a repost or a
        late copy whose goals may be of any year between (none)."""
        if self.issued_on and self.period_year and self.issued_on.year > self.period_year:
            return self.issued_on.year if self.issued_on.year == self.period_year + 1 else None
        return self.doc_year


_PLAN_WORDS = re.compile(r"规划|方案|行动计划|意见|纲要|到20\d\d年")
_RELEASE_WORDS = re.compile(r"公报|回眸|工作总结|运行情况|年鉴|总结|工作报告|经济运行|执行情况")


def _strip_titles(text: str) -> str:
    """Drop 《cited titles》: their 方案/规划/years describe other documents."""
    return re.sub(r"《[^》]{0,80}》", "", text)


_ONE_YEAR_TITLE = re.compile(r"(?<![到至\d])(20\d\d)年")
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
    title_years = set(_ONE_YEAR_TITLE.findall(_strip_titles(to_halfwidth(meta.title or ""))))
    if (start is None or end is None) and is_plan and len(title_years) == 1 and not RANGE_YEAR.search(meta.title or ""):
        # 高新区2024年工作规划: a plan whose title names one year (not a deadline, 到2025年) is that year's
        start = end = int(title_years.pop())
    # an annual plan's period is its one year: a span its opening names (“十四五”) is the plan it serves
    if (start is None or end is None) and is_plan and doc_type != "annual_plan":
        m = PLAN_PERIOD.search(head) or re.search(r"(20\d\d)\s*(?:至|到|-)\s*(20\d\d)\s*年", head)
        if m:
            start, end = int(m.group(1)), int(m.group(2))
        else:
            f = FIVE_YEAR.search(head)
            if f:
                e = five_year_end("十" + f.group(1) + "五")
                if e:
                    start, end = e - 4, e
    # a date the text only implies (its latest date: a lower bound of when it was written) is no year of its own
    implied = meta.sources.get("issued_on") == "implied"
    doc_year = meta.issued_on.year if meta.issued_on and not implied else None
    year_from, year_conf, year_reason = ("issue_date", 0.6, None) if doc_year else (None, None, None)
    period = None
    if not is_plan:
        # the reader's period, else one the title names, else the first one the opening names (a report
        # without a title line opens with its period: 1-7月，全县…)
        period = first_period(meta.period_label) or first_period(to_halfwidth(meta.title or "")) \
            or first_period(to_halfwidth(doc.text[:300]))
        title_years = [int(y) for y in YEAR.findall(to_halfwidth(meta.title or ""))]
        if meta.period_year:
            doc_year = meta.period_year
            source = meta.sources.get("period_year")
            year_from = _META_EVIDENCE.get(source or "", "metadata")
            year_conf = meta.confidence.get("period_year", 0.9 if source == "title" else 0.6)
        elif title_years:
            doc_year, year_from, year_conf = max(title_years), "title", 0.9
        elif meta.issued_on and period is not None and not implied and not (
                period.label == "全年" and meta.sources.get("issued_on") == "bar"):
            # the latest year whose period had ended shortly before the issue (a date the text only implies
            # is a lower bound of when it was written, which bounds nothing); a whole-year report by its kind
            # (统计公报, 执行情况) can only be of a year already over, so any issue within a year names it. A page's
            # bar dates the page, which may repost a year's review a year on: a 全年 needs the document's own date
            whole_year_kind = doc_type in ("bulletin", "execution_report", "work_review") and period.label == "全年"
            doc_year = year_ended_by(period, meta.issued_on, 365 if whole_year_kind else None)
            year_from, year_conf = "issue_date", 0.6
            if doc_year is None:
                year_from, year_conf, year_reason = None, None, late_issue_reason(period, meta.issued_on)
        elif "disagree" in (meta.reasons.get("period_year") or ""):
            # the reader found the text's evidence of its year disagreeing: no weaker guess overrides that
            doc_year, year_from, year_conf, year_reason = None, None, None, meta.reasons["period_year"]
        else:  # a report naming no period: the year its own words name, when one stands out; never the
            # issue year alone (a text issued in a year may report on that year or on the one before)
            named, conf, year_reason = named_year(doc.text)
            if named is not None:
                doc_year, year_from, year_conf = named, "text", conf
            else:
                doc_year, year_from = None, None
                if meta.issued_on and not implied:
                    year_reason = (f"only the issue date ({meta.issued_on:%Y-%m-%d}) gives a year, and a text "
                                   "naming no period, issued then, may report on that year or the one before")
    elif doc_year is None:
        dates = [int(y) for y in _ISSUE_DATE.findall(_digits_halfwidth(doc.text))]
        doc_year = dates[-1] if dates else start
        year_from, year_conf = ("text", 0.6) if dates else (("plan_period", 0.8) if start else (None, None))
    if period is not None and period.years and doc_year is not None and period.years[1] > doc_year:
        period = None  # “十四五”时期 in a text about 2024: the span has not ended, no value is of its end
    if not is_plan and doc_year is not None and year_from in ("issue_date", "title", "file_name"):
        # the document's year against the year its own words name: when they disagree, neither dates a value
        named, _, _ = named_year(doc.text)
        allowed = {doc_year, doc_year + 1} if meta.doc_type == "government_report" else {doc_year}
        if named is not None and named not in allowed and not (
                year_from == "issue_date" and meta.issued_on and named > meta.issued_on.year
                and period is not None and period.label != "全年" and not period.years):
            # (a report on part of a year, 1—9月 issued in November: a later year its text names is a
            # deadline it mentions, never the period it reports on)
            whole_year = period is None or period.label == "全年"
            if year_from == "issue_date" and whole_year and meta.issued_on and named <= meta.issued_on.year:
                # a review of a whole year is issued after it, at any lag: the year its words name, issued
                # since, is the year it reports on (2025 in a piece issued 2026-02)
                doc_year, year_from, year_conf = named, "text", 0.5
            else:
                year_reason = (f"the document's {year_from.replace('_', ' ')} gives {doc_year}, the years its text "
                               f"names give {named}: they disagree")
                doc_year, year_from, year_conf = None, None, None
    if doc_year is None and year_reason is None:
        year_reason = "the document names no year of its own (no title year, issue date or dated period)"
    return DocContext(region, start, end, doc_year, is_plan, meta.issued_on, meta.period_year, period,
                      year_from, year_conf, year_reason)


# the reader's metadata sources (DocumentMeta.sources) as year evidence
_META_EVIDENCE = {"text_years": "text", "caption_span_end": "text", "title": "title", "issue_date": "issue_date", "file_name": "file_name", "filename": "file_name",
                  "sidecar": "metadata", "meta_tag": "metadata", "metadata_block": "metadata", "text": "text"}
# A year that names no time of the text's own: either end of a range (图4 2018年—2022年粮食产量, 从2017年的…),
# a base of comparison (比2018年末, 较2013年) or a span's start (2015年以来), a year inside a cited title (《…2021—2025年…》).
RANGE_YEAR = re.compile(r"(?:19|20)\d\d年?\s*(?:[-－~～–至到]|—{1,2})\s*(?:19|20)\d\d年")
_BASE_YEAR = re.compile(r"(?:比|较|与|同|相比|从|由|自)(?:19|20)\d\d年|(?:19|20)\d\d年(?:以来|起|开始)")


# 2024年主要预期目标是 / 2019年,河北经济社会发展的主要预期目标是: a goal year (across one comma for a goal phrase)
# 2024年，我们将锚定… / 2009年将是…机遇期 / 2023年河北将继续…: what a year's clause says it will do (将, not 将近) looks
# ahead to it
GOAL_AFTER_YEAR = re.compile(r"[^，,。；;]{0,12}?(?:目标|预期|计划|力争|争取|确保)"
                              r"|[，,][^，,。；;]{0,16}?(?:预期目标|主要目标|目标是|目标为)"
                              r"|[，,]?[^，,。；;\d]{0,8}?将(?!近)")
_LOOKS_BACK = re.compile(r"过去(?:的)?[一二三四五几]年|[一五]年来|去年|刚刚过去|比上年|较上年|上年同期")
_GOAL_YEAR = re.compile(r"(?:19|20)\d\d年(?=" + GOAL_AFTER_YEAR.pattern + ")")


_AVERAGE_SINCE = re.compile(r"比((?:19|20)\d\d)年[^。；;]{0,40}?(两|二|三|四)年平均")
_AVERAGE_YEARS = {"两": 2, "二": 2, "三": 3, "四": 4}
_SINCE_YEAR_END = re.compile(r"(?:较|比)((?:19|20)\d\d)年(?:末|底)")


def named_year(text: str) -> tuple[int | None, float | None, str | None]:
    """The year a text without title, date or period is about, by its own words: the one year named most
    once ranges, bases of comparison, full dates (the issue date's line), years it looks ahead to and cited
    titles are set aside, and only when it stands out (the only one, named in its opening, or named at least
    twice and more than twice as often as any other). (year, confidence, reason when None)."""
    t = MULTIPLE_BASE.sub("", _BASE_YEAR.sub("", RANGE_YEAR.sub("", _ISSUE_DATE.sub("", _strip_titles(
        _digits_halfwidth(text))))))
    # 2013年…主要预期目标是 / 2024年，我们将…: a year the text looks ahead to is not the one its results are of,
    # when it names another or looks back (去年 / 过去一年 / 比上年); a piece on goals alone is about their year
    ahead = _GOAL_YEAR.sub("", t) if "年" in t else t
    if YEAR_SCAN.search(ahead) or _LOOKS_BACK.search(t):
        t = ahead
    counts = Counter(int(y) for y in YEAR_SCAN.findall(t)).most_common(2)
    if not counts and (average := _AVERAGE_SINCE.search(_digits_halfwidth(text))):
        # 比2019年上半年增长7.1%，两年平均增长3.5%: an average over two years since 2019 is of 2021
        return int(average.group(1)) + _AVERAGE_YEARS[average.group(2)], 0.5, None
    if not counts:
        ends = {int(y) for y in _SINCE_YEAR_END.findall(_digits_halfwidth(text))}
        if len(ends) == 1:  # 较2023年末增长12%: a stock measured since the end of the year before
            return ends.pop() + 1, 0.4, None
    if not counts:
        return None, None, "the text names no year of its own (only ranges, bases of comparison or years it looks ahead to, if any)"
    (top, n), second = counts[0], (counts[1][1] if len(counts) > 1 else 0)
    if n >= 2 and n > 2 * second:
        return top, 0.5, None
    first = YEAR_SCAN.search(t)
    if second == 0 and first is not None and first.start() < 200:
        return top, 0.4, None  # the only year the text names, in its opening (2018年上半年,…)
    return None, None, (f"no title, issue date or period, and no year stands out in the text "
                        f"({top} named {n}×, another {second}×)")


def five_year_end(word: str) -> int | None:
    span = five_year_span(word)
    return span[1] if span else None



# ---- the period an actual value reports on ------------------------------------------------------

_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
# half-width, full-width and em/en dashes (— is often doubled), 至/到, ~ (sentences are half-width here)
_DASH = r"\s*(?:[-－~～–]|—{1,2}|至|到)\s*"
_QUARTER = r"(?:[一二三四1-4])"
_PERIOD_WORD = re.compile(
    rf"(?P<ytd>前(?:三|3)季度|(?:一|1){_DASH}(?:三|3)季度)|(?P<h1q>(?:一|1){_DASH}(?:二|2)季度)"
    rf"|(?P<q>第?{_QUARTER})季度"
    r"|(?P<h1>上半年)|(?P<h2>下半年)"
    r"|(?P<year>全年(?:度)?)(?!目标|计划|任务|预期)"  # 完成全年目标的52%: the plan's year, not the value's
    rf"|(?P<a>{_MONTH})月?{_DASH}(?P<b>{_MONTH})月(?!\d{{1,2}}日)"
    rf"|(?:截至|截止|截止到)(?:(?:19|20)\d\d年)?(?P<upto>{_MONTH})月(?:底|末|份)?"
    rf"|(?<!\d)(?P<mend>{_MONTH})月(?:底|末)"
    r"|(?P<yend>年末|年底)"
    rf"|(?<!\d)(?P<month>{_MONTH})月(?:份|(?![\d日底末初中上下旬]|[一二三四五六七八九十廿卅]{{1,3}}日|以来))"  # 10月 / 10月份, not 10月18日 / 一月二十八日 / 6月以来
    rf"|前(?P<first>{_MONTH})个?月"  # 前9月: the months so far, 1-9月
    rf"|(?P<fyp>{FIVE_YEAR_NAME})”?(?:期间|时期)(?!以来)"  # (“十四五”时期以来: up to now, see the markers)
    r"|(?:过去|近|这)(?P<past>[两二三四五六七八九十]|\d{1,2})年(?:来|间|中|里)?|(?P<pastn>[两三四五六七八九十])年来"
)
# 今年/去年 as the value's own year; after 比/较/与/同/高于 or before 同期 they name the base of a change
_RELATIVE_YEAR = re.compile(r"(?P<w>今年|本年|去年|上年|上一年|过去一年|过去的一年|前年|明年)(?!度?同期)")
_RELATIVE_OFFSET = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "上一年": -1, "过去一年": -1, "过去的一年": -1,
                    "前年": -2, "明年": 1}
# 由上年的14.1:44.7:41.2调整为…: the start of a change, a base as well; 恢复到上年的95%: the level measured against
_BASE_LEAD = re.compile(r"(?:比|较|与|同|相比|相较|高于|低于|快于|慢于|超过|对比|由|从|恢复到|恢复至)(?:上|去|今|本)?$")
_QUARTER_NO = {"一": 1, "二": 2, "三": 3, "四": 4}


@dataclass(frozen=True)
class Period:
    """A span of the year (first and last (month, day); day 0 = the month's last day), or several years."""

    label: str
    first: tuple[int, int] = (1, 1)
    last: tuple[int, int] = (12, 31)
    years: tuple[int, int] | None = None  # 十三五期间: 2016, 2020
    span: int | None = None  # 过去五年: the last five years up to the one the text reviews (see over_years)

    def dates(self, year: int | None) -> tuple[date | None, date | None]:
        if self.years:
            return date(self.years[0], *self.first), _day(self.years[1], *self.last)
        if year is None:
            return None, None
        return _day(year, *self.first), _day(year, *self.last)

    def over_years(self, end: int | None) -> Period:
        """过去五年 of a text reviewing `end`: the years end-4 … end (itself when `end` is unknown)."""
        if not self.span or end is None:
            return self
        return Period(f"{end - self.span + 1}-{end}年", years=(end - self.span + 1, end))

    def year_of(self, year: int | None) -> int | None:
        """The period year a value of this period is filed under: a multi-year period's last year."""
        return self.years[1] if self.years else year


FULL_YEAR = Period("全年")


def _day(year: int, month: int, day: int) -> date:
    return date(year, month, day or monthrange(year, month)[1])


def _month(token: str) -> int:
    return int(token) if token.isdigit() else int(parse_chinese_numeral(token) or 0)


def _month_range(a: int, b: int) -> Period | None:
    if not 1 <= a <= b <= 12:
        return None
    # the same span has one name, so values of 1-6月 and 上半年 reports meet in the warehouse
    label = {(1, 3): "一季度", (1, 6): "上半年", (1, 9): "前三季度", (1, 12): "全年"}.get((a, b), f"{a}-{b}月")
    return Period(label, (a, 1), (b, 0))


def _period_of(m: re.Match) -> Period | None:
    g = m.lastgroup
    if g == "ytd":
        return Period("前三季度", (1, 1), (9, 30))
    if g == "q":
        n = _QUARTER_NO.get(m.group("q")[-1]) or int(m.group("q")[-1])
        return Period("一季度", (1, 1), (3, 31)) if n == 1 else Period(f"第{'一二三四'[n - 1]}季度", (3 * n - 2, 1), (3 * n, 0))
    if g == "month":
        n = _month(m.group("month"))
        return Period(f"{n}月", (n, 1), (n, 0)) if 1 <= n <= 12 else None
    if g in ("h1", "h1q"):
        return Period("上半年", (1, 1), (6, 30))
    if g == "h2":
        return Period("下半年", (7, 1), (12, 31))
    if g == "year":
        return FULL_YEAR
    if g == "b":
        return _month_range(_month(m.group("a")), _month(m.group("b")))
    if g == "first":
        return _month_range(1, _month(m.group("first"))) if _month(m.group("first")) > 1 else None
    if g in ("upto", "mend"):
        n = _month(m.group(g))
        if n == 12:
            return Period("年末", (12, 31), (12, 31))
        return Period(f"{n}月末", (n, 0), (n, 0)) if 1 <= n <= 12 else None
    if g == "yend":
        return Period("年末", (12, 31), (12, 31))  # a stock counted on the last day of the year
    if g == "fyp":
        span = five_year_span(m.group("fyp"))
        return Period(f"{m.group('fyp').strip('“”')}期间", years=span) if span else None
    if g in ("past", "pastn"):
        n = _month(m.group(g).replace("两", "二"))  # a small numeral, as months are read
        return Period(f"过去{n}年", span=n) if 2 <= n <= 10 else None
    return None


@dataclass(frozen=True)
class PeriodMark:
    """A time word in a sentence: a period (上半年, 1-7月) or a year relative to the issue date (去年)."""

    start: int
    end: int
    period: Period | None = None
    offset: int | None = None  # 今年 0, 去年 -1 …


@lru_cache(maxsize=512)  # every value of a sentence asks about the same sentence
def period_marks(s: str) -> tuple[PeriodMark, ...]:
    out = []
    if "月" in s or "年" in s or "季" in s or "五" in s:
        for m in _PERIOD_WORD.finditer(s):
            p = _period_of(m)
            if p is not None and not _BASE_LEAD.search(s[max(0, m.start() - 3):m.start()]):
                out.append(PeriodMark(m.start(), m.end(), period=p))
    if "年" in s:
        for m in _RELATIVE_YEAR.finditer(s):
            if not _BASE_LEAD.search(s[max(0, m.start() - 3):m.start()]):
                out.append(PeriodMark(m.start(), m.end(), offset=_RELATIVE_OFFSET[m.group("w")]))
    return tuple(sorted(out, key=lambda k: k.start))


@lru_cache(maxsize=512)
def _by_kind(s: str) -> tuple[tuple[list[int], list[PeriodMark]], tuple[list[int], list[PeriodMark]]]:
    """The sentence's period marks and relative-year marks, each with their starts (for bisect: a run-on
    sentence's thousands of values each look up the mark before them)."""
    periods = [k for k in period_marks(s) if k.period is not None]
    relative = [k for k in period_marks(s) if k.period is None]
    return ([k.start for k in periods], periods), ([k.start for k in relative], relative)


def _nearest(s: str, pos: int, want_period: bool) -> PeriodMark | None:
    """The mark of that kind nearest before pos."""
    starts, marks = _by_kind(s)[0 if want_period else 1]
    i = bisect_left(starts, pos)
    return marks[i - 1] if i else None


def relative_mark_before(s: str, pos: int) -> PeriodMark | None:
    """The relative-year word (今年, 去年 …) nearest before pos, whether or not it can be counted."""
    return _nearest(s, pos, False)


def period_mark_before(s: str, pos: int) -> PeriodMark | None:
    """The period word nearest before position pos of a sentence, with where it stands."""
    return _nearest(s, pos, True)


def period_before(s: str, pos: int) -> Period | None:
    """The period named nearest before position pos of a sentence (its clause's, else its sentence's)."""
    k = _nearest(s, pos, True)
    return k.period if k else None


def relative_year_before(s: str, pos: int, this_year: int | None, heading_year: int | None = None,
                         report_year: int | None = None, heading_looks_back: bool = False) -> tuple[int, int] | None:
    """(position, year) of the relative year word nearest before pos: 去年 -> this_year - 1; 今年 ->
    the year its heading names (一、2021年计划执行情况 / 今年以来…, written before the January it was
    delivered in), else this_year. 上年 is the statisticians' word: the year before the one reported on
    (report_year), which a bulletin issued in March is not; 本年 is the year reported on itself. 过去一年 under
    a heading that looks back on a year it names (一、2024年工作回顾) is that year."""
    k = _nearest(s, pos, False)
    if k is None:
        return None
    if k.offset == 0 and heading_year is not None:
        return k.start, heading_year
    if s.startswith("过去", k.start) and heading_year is not None and (
            heading_looks_back or this_year is None or heading_year < this_year + (k.offset or 0)):
        # 过去一年 under 一、2020年工作回顾 in a page posted in 2022: the year the review's heading names (a
        # later date is a repost's; a later heading year names goals, not the year looked back on)
        return k.start, heading_year
    if s.startswith("上", k.start) and report_year is not None:
        return k.start, report_year - 1
    if s.startswith("本年", k.start) and report_year is not None:
        return k.start, report_year  # 本年新开工项目: the statisticians' word for the year reported on
    return (k.start, this_year + (k.offset or 0)) if this_year is not None else None


def first_period(s: str | None) -> Period | None:
    for k in period_marks(s or ""):
        if k.period is not None:
            return k.period
    return None


# How long after its period a report comes out: a part of a year within a quarter or so (the next period's
# figures follow), a whole year within half a year (bulletins by spring, 政府工作报告 by March). Issued later,
# the date is a repost's or the period one the text mentions, and the issue date no longer names its year.
PART_YEAR_LAG_DAYS, WHOLE_YEAR_LAG_DAYS = 122, 183


def year_ended_by(period: Period, issued_on: date, lag_days: int | None = None) -> int | None:
    """The latest year whose `period` had ended by the issue date, when it ended shortly before (see the
    lags above): a 1-7月 report issued on 2023-09-25 is of 2023, a 全年 bulletin issued in March 2024 is of
    2023; a 全年 issued in October, or a 上半年 issued in March, names no year (None)."""
    year = issued_on.year if _day(issued_on.year, *period.last) <= issued_on else issued_on.year - 1
    lag = lag_days or (WHOLE_YEAR_LAG_DAYS if period.last[0] == 12 else PART_YEAR_LAG_DAYS)
    return year if (issued_on - _day(year, *period.last)).days <= lag else None


def late_issue_reason(period: Period, issued_on: date) -> str:
    return (f"only the issue date ({issued_on:%Y-%m-%d}) gives a year, and no {period.label} ended shortly "
            "before it: the text may report on that period of this year, of the year before, or mention it")


@lru_cache(maxsize=256)
def period_in(s: str, year: int | None) -> tuple[str, date | None, date | None]:
    """(label, start, end) of the first period a text names (a table's caption or heading); 全年 when none."""
    p = first_period(s) or FULL_YEAR
    start, end = p.dates(year)
    return p.label, start, end


@dataclass(frozen=True)
class ValuePeriod:
    """An actual value's period and where each half of it came from: own (its sentence), paragraph,
    heading or document."""

    year: int | None
    period: Period
    year_from: str = "own"
    period_from: str = "own"
    since: str | None = None  # “十四五”以来 / 2021年以来: the value sums a span from then up to `year`
    # YEAR_EVIDENCE of the year (own, sentence, paragraph, heading, or the document's: title, metadata,
    # issue_date, text …; none when left empty), how sure it is, and why a year was left empty
    evidence: str | None = None
    evidence_confidence: float | None = None
    empty_reason: str | None = None

    @property
    def reason(self) -> str | None:
        if self.year is None and self.empty_reason:
            return "period year left empty: " + self.empty_reason
        borrowed = [f"period year {self.year} from its {self.year_from}" if self.year_from != "own" else "",
                    f"period {self.period.label} from its {self.period_from}" if self.period_from != "own" else ""]
        if self.since:
            borrowed.insert(0, f"{self.since}: a span up to {self.year}, filed under that year")
        text = "; ".join(b for b in borrowed if b)
        if self.year_from == "document" and self.evidence:
            text = text.replace("from its document", f"from the document's {self.evidence.replace('_', ' ')}")
        text = text.replace("its document", "the document")
        return text.replace("from its relative word", "counted from the document's year (no issue date)") or None

    @property
    def year_confidence(self) -> float | None:
        """How sure the evidence is of the year (None when the year is empty)."""
        if self.year is None:
            return None
        return self.evidence_confidence if self.evidence_confidence is not None else self.confidence

    @property
    def confidence(self) -> float:
        if self.year is None:
            return 0.5
        own = {"own": 0.85, "paragraph": 0.8, "heading": 0.8}.get(self.year_from)
        if own is not None:
            return own
        return min(0.7, self.evidence_confidence or 0.7) if self.year_from == "document" else 0.7


# Searched across whole sentences: behind a look-ahead for their first characters (same matches, fewer tries)
_PERIOD_WORD = gated(_PERIOD_WORD)
