"""Value mentions in a prose sentence: the number, its unit, comparator, the indicator it measures, cues.

Works on a Sentence's clean view (no whitespace, half-width digits). Shared by targets and actuals:
what a mention *is* (target or actual, which kind) is decided by the caller from the cues here.

find_mentions reads a sentence in four steps: the numbers VALUE_RE finds, less those a rejection rule
of mention_rules says are no values (dates, names, sizes of what is counted, subsidies, comparisons);
the values written as words (首家, 千亿级, 翻番, 全覆盖); the indicator each value measures
(_assign_indicators, in named steps); and lists (A、B分别…) paired with their values.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from itertools import pairwise

from plantrack.extract.first_chars import first_chars, gated, last_chars
from plantrack.extract.mention_index import HARD_DELIMS, VERB_WORDS, SentenceIndex
from plantrack.extract.mention_rules import (
    ESTIMATE_NOTE_AFTER,
    MAGNITUDE_CLASS,
    MAGNITUDE_FIRST,
    MONEY_WORD,
    REJECTIONS,
    VS_PLAN,
    Candidate,
    chinese_word_on_bare_match,
    estimate_of_period,
    in_code_name,
)
from plantrack.extract.numbers import CN_NUMERAL, parse_number
from plantrack.extract.periods import period_marks
from plantrack.extract.place_goals import is_place_name, leading_place
from plantrack.extract.similarity import core
from plantrack.extract.units import COUNT_UNITS, UNIT_PATTERN
from plantrack.text.bullets import BULLETS

__all__ = ["MAYBE_VALUE", "VALUE_RE", "VS_PLAN", "Mention", "clean_indicator", "continued_mentions", "find_mentions",
           "LIST_SPAN",
           "subject_of", "same_clause_or_near"]

_NUM = r"\d+(?:\.\d+)?"
_CN = f"[{CN_NUMERAL}]+"
VALUE_RE = re.compile(
    rf"(?<![\d.{CN_NUMERAL}])(?P<neg>-)?(?P<num>{_NUM}/{_NUM}|{_NUM}|{_CN})"
    # 5%—5.5%: a range whose low end repeats the unit (only a % before the dash and a number after it)
    rf"(?:(?:[%％](?=(?:-|~|～|至|—{{1,2}}|－)\d))?(?:-|~|～|至|—{{1,2}}|－)(?P<hi>{_NUM}|{_CN}))?"
    rf"(?P<approx>余|多)?(?P<unit>{UNIT_PATTERN})?(?P<post>及以上|以上|以下|以内|左右|多|余)?"
)
# The same matches, found about twice as fast: the lookahead names the characters every match starts with
# (the leading lookbehind keeps the regex engine from skipping ahead to them by itself).
# (tests/extract/test_mention_rules.py checks the class against first_chars(VALUE_RE); `\d` is kept
# rather than the derived ASCII digits so no digit VALUE_RE reads is ever skipped.)
_VALUE_SCAN = re.compile(rf"(?=[-\d{CN_NUMERAL}])" + VALUE_RE.pattern)
DOUBLING_RE = re.compile(r"(翻一番|翻两番|翻番)")
FULL_COVERAGE_RE = re.compile(r"全覆盖|全部达到|全面覆盖")

_PRE_COMPARATOR = (
    (re.compile(r"(不低于|不少于|≥|>=|大于等于|至少有|至少|以上的?)$"), ">="),
    (re.compile(r"(不高于|不超过|不多于|≤|<=|控制在|以内)$"), "<="),
    (re.compile(r"(超过|突破|大于|高于|超|>)$"), ">"),
    (re.compile(r"(低于|小于|少于|<)$"), "<"),
    (re.compile(r"(接近|将近|近)$"), "~"),
)
# the characters a _PRE_COMPARATOR word can end with: no comparator is looked for before any other
_COMPARATOR_LAST = frozenset().union(*(last_chars(p) for p, _ in _PRE_COMPARATOR))
_POST_COMPARATOR = {"以上": ">=", "及以上": ">=", "以下": "<=", "以内": "<=", "左右": "~", "多": ">", "余": ">"}
_PRE_COMPARATOR_WORDS = {"不低于": ">=", "不少于": ">=", "不高于": "<=", "不超过": "<=", "不多于": "<="}

# 按不变价格计算, 按快报不变价格计算, 按可比口径计算: how a growth is measured, never its subject
_PRICE_BASIS_WORDS = r"(?:按|以)[\u4e00-\u9fff]{0,4}?(?:不变|可比|现行)(?:价格?|口径)(?:计算)?"
_LEADING = re.compile(
    r"^(?:[、和及与并且或" + re.escape(BULLETS) + r"]+|[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、]"
    r"|(?:力争|争取|确保|努力|预计|计划|其中|同时|并且|并|全面|进一步|持续|基本|年内|此外|另外|总体上?|力求|累计)"
    r"|(?:到|至|在|截至|截止)?(?:20\d\d|“十[一二三四五六七八九]五”|十[一二三四五六七八九]五)(?:年)?(?:底|末|期末|前|期间|时期|以来)?"
    r"|(?:到|至)?(?:期末|末期|规划期末|规划期内|规划期)"
    r"|(?:目前|现有|现已|已|共有|拥有|集聚|聚集|产出|生产(?![总性率力])|去年|今年|上年(?!末))"
    r"|全(?:区|县|市|省|州|旗|盟|年)(?=[\u4e00-\u9fff])(?!首)"
    r"|(?:相比于?|相较于?|较|与)(?:20\d\d年(?:底|末)?|“?十[一二三四五六七八九]五”?(?:初|期初|末))(?:相比)?"
    r"|(?:培育|打造|建设|引进|认定|创建|实施|推动|引导|开展|完成|形成|争创|新培育|新认定|实现|推进|支持|鼓励)"
    rf"|{_PRICE_BASIS_WORDS})+"
)
_TRAILING_WORDS = (
    r"达到|达|提高至|提高到|提升至|提升到|增加至|增加到|增长至|增长到|突破|超过|超|不低于|不少于|不高于|"
    r"不超过|低于|高于|大于|小于|力争|争取|保持在|稳定在|控制在|降至|降低至|降低到|下降到|下降至|下降|降低|减少|增长|"
    r"年均增长|年均|分别|均|为|在|实现|完成|稳定|保持|提高|提升|累计|共|总计|合计|较\d{4}年|比\d{4}年|接近|将近|可比|"
    r"迈上|跃上|跨上|站上|迈入|跻身|跨入|跨过|跨越|连续|相继|升至|"
    r"较基期|同比|比上年|较上年|平均|两年平均|三年平均|约|近|逾|已|有|共有|拥有|新增|达到了|人民币"
)
_TRAILING = re.compile(rf"(?:{_TRAILING_WORDS}|由[^，]*?)+$")
# The characters a _TRAILING match can end with, but for 由… (which can end anywhere: clean_indicator
# looks for 由 itself).
_TRAILING_LAST = last_chars(rf"(?:{_TRAILING_WORDS})$")
_VERB_ONLY = re.compile(f"^(?:{VERB_WORDS})*$")
_CREATE_VERB_END = re.compile(
    r"(?:培育|创建|开发|建成|打造|建设|引进|认定|新增|新建|实施|形成|争创|招引|引育|组建|建立|构建|创成|获评|培养|"
    r"推广|研发|新培育|新认定|新引进|落地|开工|布局|储备|遴选|入选|评为|完成|推出|推荐)(?:至少|不少于|超过|了)?$"
)
_MEASURE_ONLY = re.compile(r"^(?:占|比重|占比|增速|增幅|增长率|年均增速|年均增长率|年平均增长率|平均增长率|年均增长|年平均增长)")
_SCOPE = re.compile(r"^([\u4e00-\u9fff]{2,8}?(?:组团|片区|工业园区|产业园区|工业园|产业园|示范园|开发区|高新区|集聚区|新城|园区))")
_TAIL_START = re.compile(r"的|增加值|产值|营业收入|占|比重|比例|企业|地区生产总值")
_MEASURE_END = re.compile(r"(率|比重|比例|值|额|数|量|收入|企业|强度|指数|占比)$")
_COUNTED = re.compile(r"([一二三四五六七八九十两]+|\d+)[类个项家大种]")


@dataclass
class Mention:
    start: int  # clean indices in the sentence, the value with its unit and suffix
    end: int
    value_raw: str
    value: float | None
    high_raw: str | None
    high: float | None
    unit_raw: str | None
    comparator: str
    indicator: str
    pre: str  # clause text before the value (cues live here)
    clause_cue: str  # the clause's opening words, carried across 、 lists
    chinese: bool = False
    paired: bool = False
    doubling: bool = False
    coverage: bool = False
    unchanged: bool = False  # 同比持平: a growth of 0 on the year before
    bracket: bool = False
    noun_after: str | None = None
    scope: str | None = None
    goal: bool = False  # 目标X: the value is the goal of the year, whatever the document is
    done: bool = False  # …，完成Y after a goal: what was achieved against it
    first: bool = False  # 首家: a count of one written as a word
    magnitude: bool = False  # 迈入千亿级: a size class read as a floor on the amount
    estimate: bool = False  # 预计增长6%左右: the reviewed period's estimate (kept as an actual, flagged)
    converted: bool = False  # 40818元，按现行汇率计算为6554美元: the value before, in another currency
    place: str | None = None  # 海城市305亿元: the one place whose figure this is (its own words name no more)
    places: bool = False  # 黔东南、安顺低于1000亿元: its own words name several places, nothing else
    listed_at: tuple[int, int] | None = None  # (its place, the count) in a run of values after 分别


def _clause_start(s: str, i: int) -> int:
    return max(s.rfind(d, 0, i) for d in HARD_DELIMS) + 1


_NOTE_MARK = re.compile(r"【\d+】|\[\d+\]|[①-⑳]")


def clean_indicator(text: str) -> str:
    t = text.strip()
    t = _NOTE_MARK.sub("", t)  # 地区生产总值【1】: a footnote marker is no part of the name
    for _ in range(3):
        t2 = _LEADING.sub("", t)
        if t2 and (t2[-1] in _TRAILING_LAST or "由" in t2):  # else _TRAILING cannot match (it scans every start)
            t2 = _TRAILING.sub("", t2)
        t2 = t2.strip("，,、：:；; ")
        if t2 == t:
            break
        t = t2
    return t


MAYBE_VALUE = re.compile(rf"[\d{CN_NUMERAL}]|翻|全|首")  # every value, doubling, coverage or 首家 word has one
# Lines that explain or caption, not report: 注1：…, 【1】…, ①…, [2]…, 图1 …, 表2 …
_NOTE_HEAD = re.compile(r"(?:注\s*\d*\s*[：:]|注释|【\d+】|\[\d+\]|[①-⑳]|[图表]\s*\d+(?:[-.－]\d+)?(?![\d.%]))")
_NOTE_LINE = re.compile(r"^\s*" + _NOTE_HEAD.pattern)
_NOTE_FIRST = first_chars(_NOTE_HEAD)


def _holds_no_value(s: str) -> bool:
    """No digit, numeral, 翻, 全 or 首: none of the value patterns below can match."""
    return not MAYBE_VALUE.search(s)


def _note_or_caption(s: str) -> bool:
    """注1：…, 【1】…, 图2 …: a footnote or a caption explains the figures, it reports none."""
    return s.lstrip()[:1] in _NOTE_FIRST and _NOTE_LINE.match(s) is not None


def find_mentions(s: str) -> list[Mention]:
    """Every plausible value in a sentence, with the indicator it belongs to."""
    if _holds_no_value(s) or _note_or_caption(s):  # the sentence-level rejections, cheapest first
        return []
    ix = SentenceIndex(s)
    vs_plan = VS_PLAN.search(s) is not None  # asked once per sentence: most sentences compare with no plan
    ratios: dict[int, str] = {}
    raw = _number_mentions(s, ix, vs_plan, ratios)
    numbers = len(raw)
    class_nouns: dict[int, str] = {}
    # values written as words, each looked for only when its word's character is in the sentence
    if "首" in s:
        raw.extend(_first_mentions(s, ix))
    if "级" in s:
        raw.extend(_class_mentions(s, ix, class_nouns))
    if "翻" in s:
        raw.extend(_doubling_mentions(s, ix))
    if "全" in s:
        raw.extend(_coverage_mentions(s, ix))
    if "持平" in s:
        raw.extend(_unchanged_mentions(s, ix))
    if "百分之" in s:
        raw.extend(_percent_word_mentions(s, ix))
    if not raw:
        return raw
    if "预计" in s:  # 预计全市GDP增长5%左右，…CPI与上年基本持平: a value in words is the estimate its figures are
        for x in raw[numbers:]:
            x.estimate = estimate_of_period(s, x.start)
    raw.sort(key=lambda x: x.start)
    _assign_indicators(s, raw, ix)
    for x in raw:
        _name_word_value(x, ix, ratios, class_nouns)
    _pair_lists(s, raw)
    _share_capacity_tail(s, raw)
    earlier: list[Mention] = []
    for x in raw:
        if x.indicator:
            _place_as_subject(s, x, earlier)
            earlier.append(x)
    return [z for x in raw if x.indicator or x.place for y in _each_doubled(x) for z in _each_of_a_list(y)]


_DIGIT = re.compile(r"\d")


def continued_mentions(before: str, s: str, alone: list[Mention]) -> list[Mention]:
    """…比上年下降4.1%；与2020年相比，两年平均增长2.5%: a sentence cut at a semicolon whose first value names no
    subject of its own (only a growth or a base before it) is of the subject the clause before named.

    `alone` is find_mentions(s); only that first value is named from `before`, the rest stay as read alone.
    """
    if alone and _BASE_TAIL.sub("", _GROWTH_END.sub("", alone[0].indicator)) and not _DIGIT.search(s, 0, alone[0].start):
        return alone  # the first value names its subject (most sentences): nothing to read again
    k = len(before)
    joined = next((m for m in find_mentions(before + s) if m.start >= k), None)
    if joined is None:
        return alone
    at = joined.start - k
    own = next((m for m in alone if m.start == at), None)
    if own is not None and _BASE_TAIL.sub("", _GROWTH_END.sub("", own.indicator)):
        return alone  # it names its own subject
    if own is None and any(m.start < at for m in alone):
        return alone  # not the sentence's first value
    first = replace(joined, start=at, end=joined.end - k)
    return sorted([first, *(m for m in alone if m is not own)], key=lambda m: m.start)


_RATE_TAIL = re.compile(r"(?:年均)?(?:增速|增幅|增长率)$")
_EACH = re.compile(r"(?<![年平])(?:均|都)(?:增长|下降|在|达到|达|超过|保持在?|为|实现|提高)[^，,；;、]{0,3}$")


def _each_of_a_list(m: Mention) -> list[Mention]:
    """固定资产投资、工业投资、服务业投资均增长12%左右: 均/都 gives each item listed the value, one each (a list of
    places, 黔南、铜仁均超过1000亿元, is a band the places fall in, left as read)."""
    if m.doubling or m.places or m.place or not _EACH.search(m.pre) or not re.search(r"[、和及]", m.indicator):
        return [m]
    named = m.indicator.rstrip("均都")
    items = _split_items(named, 1 + len(re.findall(r"[、和及与]", named)))  # every item listed, 及 too
    if len(items) < 2 or any(_places(it) is not None or _SUFFIXED_PLACE.match(it) for it in items) \
            or any(len(_CJK_CHARS.findall(it)) < 3 for it in items):
        return [m]
    if rate := _RATE_TAIL.search(items[-1]):  # A数量、B数量、C年均增速都在30%: the rate is each one's
        items = [it if it.endswith(rate.group()) else it + rate.group() for it in items]
    return [replace(m, indicator=i) for i in _shared_tail(items)]


def _each_doubled(m: Mention) -> list[Mention]:
    """地区生产总值和城乡居民人均收入比2010年翻一番: each of the two doubles, one goal each (a sum is never doubled
    as one); 研究与试验发展经费 stays one (the first item must name a quantity of its own: …值, …收入, …率)."""
    if not m.doubling or not re.search(r"和|及|与", m.indicator):
        return [m]
    items = _split_items(m.indicator, 2)
    if len(items) != 2 or not _MEASURE_END.search(items[0]) or len(core(items[1])) < 4:
        return [m]
    return [replace(m, indicator=i) for i in items]


def _number_mentions(s: str, ix: SentenceIndex, vs_plan: bool, ratios: dict[int, str]) -> list[Mention]:
    """The numbers VALUE_RE finds that no rejection rule rejects, with comparator and value read."""
    found: list[Mention] = []
    listed: list[tuple[int, Mention]] = []  # the numbers of lists that write their unit once, by list end
    rejected_ends: set[int] = set()
    for m in _VALUE_SCAN.finditer(s):
        if m.group("num")[0] in CN_NUMERAL and chinese_word_on_bare_match(s, m):
            continue  # most Chinese numerals in prose stop here, before a candidate is built
        c = Candidate.of(s, ix, m, vs_plan)
        for rule in REJECTIONS:  # rejected_by, inlined: this loop runs for every number of every sentence
            if rule(c):
                rejected_ends.add(c.b)
                break
        else:
            mention = _read_value(c, ratios)
            mention.estimate = estimate_of_period(s, c.a) or ESTIMATE_NOTE_AFTER.match(s, c.b) is not None
            found.append(mention)
            if c.list_end is not None:
                listed.append((c.list_end, mention))
    if listed:  # 越过800、900、1000亿斤台阶: a listed number is what its list's last one is
        dropped = {id(m) for end, m in listed if end in rejected_ends}
        found = [m for m in found if id(m) not in dropped]
    return found


def _read_value(c: Candidate, ratios: dict[int, str]) -> Mention:
    """A kept number as a Mention; a share-of-base rule's indicator goes to `ratios` by start."""
    mention = _value_mention(c)
    if c.ratio is not None:
        subject = re.split(r"[中在将把]", c.ratio.group("subj"))[-1]  # 规划中工业用地: the subject after 中
        ratios[c.a] = (subject if len(subject) >= 2 else c.ratio.group("subj")) + "占" \
            + c.ratio.group("base") + "比例"
        if c.ratio.group("cmp"):
            mention.comparator = _PRE_COMPARATOR_WORDS.get(c.ratio.group("cmp"), mention.comparator)
    return mention


def _value_mention(c: Candidate) -> Mention:
    """A kept number as a Mention: its comparator (不低于 before, 以上 after, a range), value and unit."""
    s, a = c.s, c.a
    comparator = "="
    if a and s[a - 1] in _COMPARATOR_LAST:
        for pattern, comp in _PRE_COMPARATOR:
            if pattern.search(s, max(c.clause, a - 6), a):
                comparator = comp
                break
    if c.post in _POST_COMPARATOR:
        comparator = _POST_COMPARATOR[c.post]
    elif c.approx and c.unit:
        comparator = ">"
    if c.hi:
        comparator = "range"
    value_raw = ("-" if c.neg else "") + c.num
    unit = c.unit
    if "/" in c.num:
        value = parse_number(c.num)
        value = None if value is None else round(value * 100, 2)
        unit = unit or "%"
    else:
        value = parse_number(value_raw)
    bracket = s[max(0, a - 1):a] == "【"
    # `pre` is set by _assign_indicators
    return Mention(a, c.b, value_raw, value, c.hi, parse_number(c.hi) if c.hi else None, unit, comparator,
                   "", "", "", chinese=c.chinese, bracket=bracket)


_FIRST_VERB = re.compile(r"(?:建成|打造|创建|培育|建设|引进|落地|争创|创成|获批|设立|组建)[\u4e00-\u9fff]{0,6}$")
_FIRST_RE = re.compile(r"(?<=[国省市区县内部南北东西内外])首(?P<unit>家|个|座|台|条|所|艘|款)")


def _first_mentions(s: str, ix: SentenceIndex) -> Iterator[Mention]:
    """建成全市首家零碳产业园: creating the place's first one is a count of one.

    成为全市首家上市企业 is a firm's distinction, not a count; nor is a 首家 without a creating verb.
    """
    for m in _FIRST_RE.finditer(s):
        lead = s[max(ix.clause_start(m.start()), m.start() - 8):m.start()]
        if ix.depth_ok(m.start()) and _FIRST_VERB.search(lead) and "成为" not in lead:
            yield Mention(m.start(), m.end(), m.group(), 1.0, None, None, m.group("unit"), "=", "", "", "",
                          first=True)


# A size class as the complement of a reaching verb (产业规模迈入千亿级) or of a named cluster being built
# (打造千亿级汽车产业集群) is a floor on the amount; before a count (2个千亿级产业) or a batch (一批百亿级…)
# it only classifies.
_CLASS_VALUE = re.compile(
    r"(?:(?:达到|迈入|迈上|跻身|跨入|突破|成为|升至)(?:[“”])?(?P<num>[一二两三四五六七八九十百千\d]*[十百千万])亿"
    r"(?P<cls>级)(?:产业|规模|水平|行列|大关)?(?=[，。；;,]|$)"
    r"|(?<=打造|建成|培育|壮大)(?P<num2>[一二两三四五六七八九十百千\d]*[十百千万])亿(?P<cls2>级)"
    r"(?P<noun>[\u4e00-\u9fff]{2,8}?(?:产业集群|产业链|产业))(?=[，。；;,、]|$))")


def _class_mentions(s: str, ix: SentenceIndex, class_nouns: dict[int, str]) -> Iterator[Mention]:
    """迈入千亿级, 打造百亿级汽车产业集群: a size class reached is a floor on the amount (亿, >=).

    Not inside a title or a quoted code. Records a named cluster (汽车产业集群) in `class_nouns` by start.
    """
    for m in _CLASS_VALUE.finditer(s):
        if not ix.depth_ok(m.start()) or (ix.quoted and in_code_name(s, m.start())):
            continue
        num = m.group("num") or m.group("num2")
        value = parse_number(num)
        if value is None:
            continue
        a, b = (m.start("num"), m.end()) if m.group("num") else (m.start("num2"), m.end("cls2"))
        if m.group("noun"):  # 打造千亿级汽车产业集群: the class is the named cluster's output
            class_nouns[a] = m.group("noun")
        yield Mention(a, b, num, value, None, None, "亿", ">=", "", "", "", chinese=True, magnitude=True)


_PROGRAMME_AFTER = re.compile(r"行动|工程|计划|战略|专项|活动")


def _doubling_mentions(s: str, ix: SentenceIndex) -> Iterator[Mention]:
    """翻番 (+100%), 翻两番 (+300%): a doubling is a growth target.

    Not inside a title, nor as the quoted name of a programme (实施“三年翻番”、…等四大行动).
    """
    for m in DOUBLING_RE.finditer(s):
        if not ix.depth_ok(m.start()):
            continue
        if s[:m.start()].count("“") > s[:m.start()].count("”") and \
                _PROGRAMME_AFTER.search(s, m.end(), ix.clause_end(m.end())):
            continue
        pct = "300" if m.group() == "翻两番" else "100"
        yield Mention(m.start(), m.end(), m.group(), float(pct), None, None, "%", "=", "", "", "", doubling=True)


_DIGIT = re.compile(r"\d")


def _coverage_mentions(s: str, ix: SentenceIndex) -> Iterator[Mention]:
    """全覆盖, 全部达到: 100%, unless a number or an average later in the clause is what is reached."""
    for m in FULL_COVERAGE_RE.finditer(s):
        ce = ix.clause_end(m.end())
        if _DIGIT.search(s, m.end(), ce) or "平均" in s[m.end():ce]:
            continue
        yield Mention(m.start(), m.end(), m.group(), 100.0, None, None, "%", "=", "", "", "", coverage=True)


# 同比持平 / 与上年(同期)基本持平: no change on the year before, a growth of 0 (与全国持平 / 与一季度持平 compare
# with another place or period: no growth of the subject's own)
_UNCHANGED = re.compile(r"(?:同比|(?:与|较|比)(?:上年|去年)(?:同期)?)(?P<about>基本)?持平")


def _unchanged_mentions(s: str, ix: SentenceIndex) -> Iterator[Mention]:
    for m in _UNCHANGED.finditer(s):
        if ix.depth_ok(m.start()):
            yield Mention(m.start(), m.end(), m.group(), 0.0, None, None, "%", "~" if m.group("about") else "=",
                          "", "", "", chinese=True, unchanged=True)


# 增长百分之九点五, 百分之八十以上: a percentage written in words, as older reports and speeches write them
_PERCENT_WORDS = re.compile(rf"百分之(?P<num>[{CN_NUMERAL}]+(?:点[{CN_NUMERAL}]+)?)(?P<post>及以上|以上|以下|以内|左右)?")


def _percent_word_mentions(s: str, ix: SentenceIndex) -> Iterator[Mention]:
    for m in _PERCENT_WORDS.finditer(s):
        value = parse_number(m.group("num"))
        if value is None or not ix.depth_ok(m.start()):
            continue
        comparator = _POST_COMPARATOR.get(m.group("post") or "", "=")
        if comparator == "=":
            lead = s[max(ix.clause_start(m.start()), m.start() - 6):m.start()]
            comparator = next((comp for pattern, comp in _PRE_COMPARATOR if pattern.search(lead)), "=")
        yield Mention(m.start(), m.end(), m.group("num"), value, None, None, "%", comparator, "", "", "",
                      chinese=True)


def _name_word_value(x: Mention, ix: SentenceIndex, ratios: dict[int, str], class_nouns: dict[int, str]) -> None:
    """The indicator of a value written as a word, where the general steps cannot name it."""
    if x.first:  # 建成全市首家零碳产业园: the thing counted follows the word
        x.indicator = clean_indicator(ix.noun_after(x.end))
    elif x.start in ratios:
        x.indicator = ratios[x.start]
    elif x.magnitude and x.start in class_nouns:
        x.indicator = class_nouns[x.start] + "产值"
    elif x.magnitude and x.noun_after:
        x.indicator = ""  # 全区跻身千亿级行列: no subject is named
    elif x.magnitude and x.indicator and not MONEY_WORD.search(x.indicator):
        x.indicator += "规模"  # 智能装备产业迈入千亿级: the industry's size


_OPEN_BRACKETS_END = re.compile(r"[【（(“]+$")
_GROWTH_END = re.compile(r"((?:两|二|三|四)年平均增长|同比增长|同比下降|比上年增长|比上年下降|年均增长|平均增长|增长|下降|回落"
                         r"|提高|提升|增加|减少)$")
# 比上年同期 / 比2019年一季度: a comparison's base, which names no noun (its year, when it has one, stays in the name)
_BASE = r"(?:比|较)(?:(?:(?:19|20)\d\d年)(?:同期|一季度|上半年|前三季度|1-\d{1,2}月)?|(?:上年|去年)(?:同期)?)"
_BASE_ONLY = re.compile(f"^{_BASE}$")
_BASE_TAIL = re.compile(f"{_BASE}$")
_YEAR_IN = re.compile(r"\d{4}年")
_COUNT_LEAD = re.compile(r"^(?:年末|年底|全年|全区|全市|全县|全省|新增|新培育|培育|新建|建成|新认定|认定|累计|共有|拥有|现有|共)+")
_VS_LAST_YEAR = re.compile(r"^(?:比上年末?|较上年末?)")
_REACHES = re.compile(r"(?:并|且|将|力争|争取)?(?:达到|达|增至|提高到|提高至|提升到|提升至|升至|降至|为)")
_CHANGE_END = re.compile(r"(?:提高|提升|增长|增加|下降|降低|减少)$")
_CJK_CHARS = re.compile(r"[\u4e00-\u9fff]")
_AIM_LEAD = re.compile(r"^(?:力争|争取|确保|努力|其中|同时|并|实现)+")
_NEW_LEAD = re.compile(r"新增|新建|新培育|新认定|新引进|累计|每年")
_LEAD_NOISE = re.compile(r"\d{4}年|到|至少|至|以上|力争|累计")


@dataclass(slots=True)
class _Naming:
    """What the indicator steps read for one value: the text before it and the value named just before."""

    s: str
    ix: SentenceIndex
    m: Mention
    prev: Mention | None  # the value before it in the sentence, already named
    cs: int  # its clause's start
    same_clause: bool  # prev ends inside this value's clause
    pre: str  # the text since prev (same clause) or since the clause's start
    ind: str  # that text cleaned (clean_indicator): the indicator unless a step below says otherwise

    def noun_after(self) -> str:
        return self.ix.noun_after(self.m.end)


def _counted_subjects_act(n: _Naming) -> str | None:
    """13家企业新利用闲置用地面积409亩: the count before is of the subjects doing what this value measures.

    Renames the count before (闲置用地企业) as well.
    """
    prev, pre = n.prev, n.pre
    if not (n.same_clause and prev is not None and prev.noun_after == pre and prev.unit_raw in COUNT_UNITS):
        return None
    subject = _SUBJECT_HEAD.match(pre)
    if not subject:
        return None
    head, rest = subject.group(1), subject.group(2)
    noun = n.noun_after()
    if noun and len(rest) <= 4:  # 7家企业新利用6.9万平方米闲置厂房: the value comes before its noun
        rest = rest + noun
        n.m.noun_after = noun
    prev.indicator = _MEASURE_TAIL.sub("", rest) + head
    return rest


def _bare_count_of_item_just_named(n: _Naming) -> str | None:
    """新增A 9家，累计32家 / 共有A 428家，新认定112家: a bare count belongs to the item just named."""
    prev = n.prev
    if prev is None or prev.unit_raw != n.m.unit_raw or not prev.indicator or n.noun_after():
        return None
    bare = _BARE_COUNT.fullmatch(n.pre.lstrip("，,、"))
    if not bare:
        return None
    base = _COUNT_LEAD.sub("", prev.indicator)
    verb = _VS_LAST_YEAR.sub("", bare.group(1))
    return base + "累计" if verb in ("累计", "共", "总计", "合计", "总数") else verb + base


def _level_reached_by_subject_just_named(n: _Naming) -> str | None:
    """比重提高2个百分点，达到32%: the level reached belongs to the subject just named."""
    prev = n.prev
    if n.ind or prev is None or not prev.indicator or n.noun_after() or not _REACHES.fullmatch(n.pre.lstrip("，,")):
        return None
    return _CHANGE_END.sub("", prev.indicator)


def _growth_of_value_just_named(n: _Naming) -> str | None:
    """地区生产总值352.6亿元，增长5.8%: a bare growth word takes the value named just before (near enough)."""
    base_only = bool(n.ind) and _BASE_ONLY.match(n.ind) is not None  # 比上年同期增长8.8%: a base, no noun
    if n.ind and not _VERB_ONLY.match(n.ind) and not base_only:
        return None
    growth = _GROWTH_END.search(_TRAILING_SOFT.sub("", n.pre))
    prev = n.prev
    if not growth or prev is None or not same_clause_or_near(prev, n.s, n.m.start):
        return None
    # 产能 in 摩托车…，产能提升x%; 比2019年一季度 in …同比增长12.7%、比2019年一季度增长7.3% (a base year's growth)
    own = n.ind if n.ind and (not base_only or _YEAR_IN.search(n.ind)) and n.ind not in prev.indicator else ""
    if not own and (base := _BASE_CLAUSE.search(n.s, prev.end, n.m.start)) and _YEAR_IN.search(base.group()):
        own = base.group().strip("，,；;")  # 与2020年相比，两年平均增长2.5%: a base year stays in the name, as 比2019年…
    named = prev.indicator.split("同比")[0]
    if growth.group(1) != "增长" or base_only:
        # …增长8.8%，两年平均增长5.4%: the rate just named is of the same thing, not the thing itself (nor of its base)
        named = _GROWTH_END.sub("", named) or named
        named = _BASE_TAIL.sub("", named) or named
    return named + own + growth.group(1)


_WORD_AMOUNT = re.compile(rf"[{CN_NUMERAL}万亿点]{{2,}}多?(?:{UNIT_PATTERN})")


def _growth_of_subject_of_clause_before(n: _Naming) -> str | None:
    """其中，制造业投资支撑有力，同比增长15.3%: a sentence's first value, a bare growth, is of the subject the clause
    just before it names (a clause with no figure of its own: what it says is said of the growth)."""
    if n.prev is not None or n.ind and not _VERB_ONLY.match(n.ind) and not _BASE_ONLY.match(n.ind) \
            or not n.cs or not _GROWTH_END.search(_TRAILING_SOFT.sub("", n.pre)):
        return None
    before = n.s[n.ix.clause_start(n.cs - 1):n.cs - 1]
    if amount := _WORD_AMOUNT.search(before):
        before = before[:amount.start()]  # 国内生产总值二千零一十五亿元，增长9%: its level in words is no name
    before = clean_indicator(before)
    if len(_CJK_CHARS.findall(before)) < 4 or re.search(r"\d", before):
        return None
    return before + (n.ind or "") + _GROWTH_END.search(_TRAILING_SOFT.sub("", n.pre)).group(1)


_LABEL_OPENS = "。；;，,、\n" + BULLETS.replace("·", "")  # (• 地区生产总值：…• 进出口总额：…: a bullet opens a label)


def _value_after_its_label(n: _Naming) -> str | None:
    """地区生产总值：14万亿元 / 规模以上工业增加值：增长4.2%: a value that opens the clause after a colon (nothing
    but a growth or a lead verb before it) is of what the label before the colon names."""
    if n.prev is not None and n.prev.end >= n.cs or n.cs < 2 or n.s[n.cs - 1] not in "：:" \
            or n.ind and not _VERB_ONLY.match(n.ind) and not _GROWTH_END.fullmatch(n.ind):
        return None
    k = n.cs - 1
    label = clean_indicator(n.s[max(n.s.rfind(c, 0, k) for c in _LABEL_OPENS) + 1:k])
    if not 2 <= len(_CJK_CHARS.findall(label)) <= 20 or _DIGIT.search(label) or _VERB_ONLY.match(label) \
            or _AIM_LEAD.fullmatch(label) or _PERIOD_LEAD.fullmatch(label):
        return None  # 其中：5家 / 全年：… / 2024年：…: no name
    growth = _GROWTH_END.search(_TRAILING_SOFT.sub("", n.pre))
    return label + (growth.group(1) if growth else "")


def _count_of_class_named_after(n: _Naming) -> str | None:
    """A、B 2个千亿级主导产业 / 榨菜等4个百亿级产业: the count is of the class named after it."""
    m, s = n.m, n.s
    if m.unit_raw not in COUNT_UNITS or not (
            n.ind.endswith("等") or s[m.end:m.end + 1] in MAGNITUDE_FIRST and MAGNITUDE_CLASS.match(s, m.end)):
        return None
    noun = n.noun_after()
    if len(_CJK_CHARS.findall(noun)) < 2:
        return None
    m.noun_after = noun
    return noun


def _noun_after_verb(n: _Naming) -> str | None:
    """培育20家区级绿色工厂: with only a verb (or nothing) before the value, the noun after it is what is counted.

    Also when the text since the value before is that value's noun and a verb (…企业5家，建成…), and after
    a creating verb before a count (在…企业中培育20家…). A new-count lead of the clause (新增, 累计) is kept.
    """
    m, prev, pre = n.m, n.prev, n.pre
    if not (not n.ind or _VERB_ONLY.match(n.ind) or (
            n.same_clause and prev is not None and prev.noun_after and pre.startswith(prev.noun_after)
            and _VERB_ONLY.match(pre[len(prev.noun_after):].strip("、和及与"))) or (
            m.unit_raw in COUNT_UNITS and _CREATE_VERB_END.search(pre)
            and len(_CJK_CHARS.findall(n.noun_after())) >= 2)):
        return None
    noun = n.noun_after()
    lead = _AIM_LEAD.sub("", n.s[n.cs:m.start] if not n.same_clause else "")
    lead = lead if _NEW_LEAD.search(lead) else ""
    lead = _LEAD_NOISE.sub("", lead)
    m.noun_after = noun or None
    return (lead + noun) if noun else ""


def _bare_measure_of_subject_just_named(n: _Naming) -> str | None:
    """新能源汽车产量突破30万辆，产值超千亿元: a bare measure word takes the subject just named."""
    prev = n.prev
    if not _BARE_MEASURE.fullmatch(n.ind) or prev is None or not prev.indicator:
        return None
    return _BARE_MEASURE.sub("", _CHANGE_END.sub("", prev.indicator)) + n.ind


def _share_or_rate_of_value_just_named(n: _Naming) -> str | None:
    """增加值941亿元，增长0.9%，占…62.6%: 占/比重/增速 alone take the subject of the value before.

    After a percentage (a growth) the share is of the level, so the growth word is dropped.
    """
    prev = n.prev
    if not _MEASURE_ONLY.match(n.ind) or prev is None:
        return None
    subject = prev.indicator.split("占")[0]
    if prev.unit_raw in ("%", "％"):
        subject = _GROWTH_END.sub("", subject)
    return subject + n.ind


# The steps that name a value from its neighbours, tried in order; the first that applies names it, else
# the cleaned text before it does. Order matters where two apply: a subject or count relation with the
# value before (the first three) is more specific than a growth word, which is more specific than "the
# noun after", which is tried before the bare measure and share words take the subject before.
_SPAN_FROM = re.compile(r"(?:从|由)(?:(?:19|20)\d\d年(?:底|末)?的?)?$")
_SPAN_TO_PRE = re.compile(r"(?:增加|增长|提高|提升|扩大|上升|下降|降低|减少|跃升|发展)?(?:到|至)了?"
                          r"(?:(?:19|20)\d\d年(?:底|末)?的?)?")  # …增长到2020年的70790元: the span's end year


def _end_of_span_just_named(n: _Naming) -> str | None:
    """地区生产总值从2017年的650亿元增加到1020亿元: the span's end value is the subject's, as its start was."""
    prev = n.prev
    # the span's end follows its start at once, in its clause or the next (…的242.6亿元，跃升至2024年的527.6亿元)
    if prev is None or not prev.indicator or not _SPAN_TO_PRE.fullmatch(n.s[prev.end:n.m.start].lstrip("，,")) \
            or _SPAN_FROM.search(n.s, n.ix.clause_start(prev.start), prev.start) is None and not _SPAN_FROM.search(prev.pre):
        return None
    return _SPAN_FROM.sub("", prev.indicator) or None


_STEPS_THEN_LEVEL = re.compile(
    r"(?P<subj>[^，,；;。、]{2,24}?)(?:连续|接连|接续)?(?:迈上|跨上|跨越|迈过|跃上|登上|连跨|跨过|站上)[^，,；;。]{0,12}台阶"
    r"[、，,]?(?:(?:19|20)\d\d年)?(?:达到|达|为|增至|突破|超过)?(?:约|近)?$")


def _level_after_its_steps(n: _Naming) -> str | None:
    """地区生产总值连跨2个万亿元台阶，达到4.5万亿元: the level reached after the steps (台阶) it climbed is
    the subject's that climbed them (the steps are thresholds, no values)."""
    if "台阶" not in n.s:
        return None
    m = _STEPS_THEN_LEVEL.search(n.s, max(0, n.cs - 40), n.m.start)
    if m is None or m.end() != n.m.start:
        return None
    return clean_indicator(m.group("subj")) or None


# a threshold passed (首次突破2000亿元): a milestone of the level, no value of its own
_THRESHOLD_PRE = re.compile(r"(?:首次|率先|成功|一举)?(?:突破|超过)了?$")
_THRESHOLD_LEAD = re.compile(r"(?:首次|率先|成功|一举)*")
_THRESHOLD_LEAD_END = re.compile(r"(?:首次|率先|成功|一举)+$")
# what a threshold is called (突破700亿元大关): no indicator
_MILESTONE = r"(?:历史性|新的?)?(?:大关|关口|台阶|节点)"
_THEN_LEVEL = re.compile(rf"(?:{_MILESTONE})?\s*[、，,]\s*(?:(?:19|20)\d\d年)?(?:达到|达|增至|为)")
_MILESTONE_NOUN = re.compile(_MILESTONE)


def _milestone_of_subject_just_named(n: _Naming) -> str | None:
    """地区生产总值连续突破4000亿元、5000亿元大关: a listed threshold is the subject's, not the milestone word's,
    and the higher one passed says all the lower one did (which is dropped)."""
    prev = n.prev
    if prev is None or not prev.indicator or not n.same_clause or n.pre.strip("、和及与 ") \
            or prev.unit_raw != n.m.unit_raw or prev.unit_raw in (None, "%", "％") \
            or not _MILESTONE_NOUN.match(n.s, n.m.end):
        return None
    name = prev.indicator
    if prev.value is not None and n.m.value is not None and prev.value < n.m.value:
        prev.indicator = ""
    return name


def _level_after_its_threshold(n: _Naming) -> str | None:
    """经济总量首次突破2000亿元、达2010.9亿元 / 地区生产总值超过3万亿元，2024年达到3.55万亿元: the level reached is
    the subject's that passed the threshold; the threshold is a milestone, no value (its name is dropped)."""
    t, m = n.prev, n.m
    if t is None or not t.indicator or t.unit_raw in (None, "%", "％") or m.unit_raw in (None, "%", "％") \
            or not _THRESHOLD_PRE.search(t.pre) or not _THEN_LEVEL.fullmatch(n.s, t.end, m.start) \
            or t.indicator not in t.pre:
        return None
    subject = _THRESHOLD_LEAD_END.sub("", clean_indicator(_THRESHOLD_PRE.sub("", t.pre)))
    if not subject:
        return None
    t.indicator = ""
    return subject


_PERIOD_FILLER = re.compile(r"(?:当月|累计|份|为|的|以来)")


def _only_a_period(text: str) -> bool:
    """6月份 / 1-9月累计 / 上半年为: words that name a time, and no indicator."""
    marks = period_marks(text)
    if not marks:
        return False
    rest = "".join(text[a.end:b.start] for a, b in zip(marks, marks[1:], strict=False))
    return not _PERIOD_FILLER.sub("", text[:marks[0].start] + rest + text[marks[-1].end:])


def _value_of_another_period_of_the_subject(n: _Naming) -> str | None:
    """规上工业增加值同比增长5.6%，6月份增长5.9% / 增长速度一季度为10.7%，上半年为11%: a value whose own words are
    only a time is the subject's just named, of that time (the period is read from its words)."""
    prev = n.prev
    if not n.ind or prev is None or not prev.indicator or prev.unit_raw != n.m.unit_raw \
            or not _only_a_period(n.ind):
        return None
    marks = period_marks(prev.indicator)
    name = prev.indicator
    if marks and marks[-1].end == len(name):
        name = name[:marks[-1].start]  # 增长速度一季度: the time is the value's, not the name's
    if marks and marks[0].start == 0:
        name = _PERIOD_FILLER.sub("", name[marks[0].end:], count=1) if name[marks[0].end:] else name
    return clean_indicator(name) or None


_CONVERTED = re.compile(r"[，,（(]\s*(?:按|以)[^，,。；;（()）]{0,12}汇率(?:计算|折算|换算)?(?:为|约|达)?$")


def _value_converted_just_named(n: _Naming) -> str | None:
    """人均地区生产总值40818元，按现行平均汇率计算为6554美元: the same figure in another currency, same name."""
    prev = n.prev
    if prev is None or not prev.indicator or prev.unit_raw in (None, "%", "％") \
            or not _CONVERTED.fullmatch(n.s, prev.end, n.m.start):
        return None
    n.m.converted = True
    return prev.indicator


_LEVEL_AFTER_GROWTH_PRE = re.compile(r"[、，,](?:总量|规模)?(?:达到|达|为|约|近|突破|超过|逾)*")


def _level_after_its_growth(n: _Naming) -> str | None:
    """地区生产总值增长5.2%、约4.4万亿元: an amount right after a growth, with no name of its own, is the
    level of the subject whose growth it follows."""
    prev, m = n.prev, n.m
    if prev is None or not prev.indicator or n.ind and not _VERB_ONLY.match(n.ind) or n.noun_after() \
            or prev.unit_raw not in ("%", "％") or m.unit_raw in (None, "%", "％", "个百分点", "百分点", "倍") \
            or not _LEVEL_AFTER_GROWTH_PRE.fullmatch(n.pre) or not _GROWTH_END.search(prev.pre):
        return None
    return _GROWTH_END.sub("", prev.indicator) or None


_NAMING_STEPS: tuple[Callable[[_Naming], str | None], ...] = (
    _level_after_its_threshold,
    _milestone_of_subject_just_named,
    _value_converted_just_named,
    _value_of_another_period_of_the_subject,
    _level_after_its_steps,
    _level_after_its_growth,
    _end_of_span_just_named,
    _counted_subjects_act,
    _bare_count_of_item_just_named,
    _level_reached_by_subject_just_named,
    _growth_of_value_just_named,
    _growth_of_subject_of_clause_before,
    _value_after_its_label,
    _count_of_class_named_after,
    _noun_after_verb,
    _bare_measure_of_subject_just_named,
    _share_or_rate_of_value_just_named,
)


def _goal_or_result(n: _Naming, ind: str) -> str:
    """A year's goal (规上工业产值目标500亿元) and the result stated against it (…，完成520亿元).

    The goal is named by what precedes the goal word, else by the subject the sentence opens with
    before its colon (地区生产总值：年度目标增长7%); the result takes the goal's indicator.
    """
    m, prev, pre = n.m, n.prev, n.pre
    goal = _GOAL_PRE.search(pre) if "目标" in pre or "计划" in pre else None
    if goal:
        m.goal = True
        return clean_indicator(pre[:goal.start()]) or _colon_subject(n.s, m.start) or ""
    if "计划" in pre and _PLANNED.search(pre):
        m.goal = True  # 年计划完成地区生产总值617亿元 / 计划投资额是78080万元: what was planned, not what was done
        return ind
    if prev is not None and prev.goal and _DONE_AGAINST_GOAL.fullmatch(_PERIOD_LEAD.sub("", pre.lstrip("，,"))):
        m.done = True  # …，完成520亿元 / 实际完成增长12.3%: the result against the goal just stated
        growth = _GROWTH_WORD_END.search(pre)
        return prev.indicator + (growth.group() if growth else "")
    return ind


def _assign_indicators(s: str, ms: list[Mention], ix: SentenceIndex) -> None:
    """Name the indicator of every value, in sentence order (a value may take its name from the one before)."""
    prev: Mention | None = None
    for m in ms:
        cs = ix.clause_start(m.start)
        same_clause = prev is not None and prev.end > cs
        pre = s[prev.end if same_clause else cs:m.start]
        m.pre = pre
        # the clause's opening verb (建成 A 1个、B 15个) carries over its 、 list
        m.clause_cue = prev.clause_cue if same_clause and prev else s[cs:m.start]
        ind = clean_indicator(pre.lstrip("、和及与"))
        if ind and ind[-1] in "【（(“\n":  # _OPEN_BRACKETS_END ends the text (or stands before a final newline)
            ind = _OPEN_BRACKETS_END.sub("", ind)
        n = _Naming(s, ix, m, prev, cs, same_clause, pre, ind)
        for step in _NAMING_STEPS:
            named = step(n)
            if named is not None:
                ind = named
                break
        ind = ind.strip("，,、：:；;（(“”\"")
        if ind[-1:] in ("从", "由", "的", "年"):
            ind = _SPAN_FROM.sub("", ind) or ind  # 地区生产总值从2017年的650亿元: 从… opens a span, no part of the name
        if ind.count("“") != ind.count("”"):  # 新星”产业 after stripping: drop the orphaned quote
            ind = ind.replace("“", "").replace("”", "")
        ind = _goal_or_result(n, ind)
        if ind.endswith("等") and "、" in ind:
            ind = ind.split("、")[0] + "等"  # A、B、C等7711.5万元: name the total by its first item
        if len(ind) > 40:
            ind = ind[-40:]
        m.indicator = ind
        sm = _SCOPE.match(ind)
        if sm and sm.group(1) != ind:
            m.scope = sm.group(1)
        if prev and _THRESHOLD_PRE.search(pre) and _THRESHOLD_LEAD.fullmatch(ind):
            m.indicator = ""  # 405.3亿元，首次突破400亿，增长15.2%: the level's milestone, and the growth is the level's
        else:
            prev = m


# a name ending in a place's suffix (临高县, 海城市, 金州新区): a short proper noun, no particle in it (的地市有郑州 is
# words), not a generic part of a place (地区, 城区, 园区), not a class of places (国家高新区, 省级开发区)
_SUFFIXED_PLACE = re.compile(r"(?!国家)[^\W\d的之有是为在和与及等或以了较比由从对向将已均各每该本我全其此于级]{2,4}?"
                             r"(?:新区|开发区|市|县|旗|州|盟|(?<![地城园片社辖景矿山郊老市])区)")
_PLACE_SEP = re.compile(r"[、和及与]")
_COUNTED_BEFORE = re.compile(r"(?:\d+|[一二三四五六七八九十两几多]+)个$")


def _places(words: str) -> list[str] | None:
    """The places words consist of (names of the region list, or names ending in a place's suffix), else None."""
    out = []
    for part in _PLACE_SEP.split(words):
        if is_place_name(part) or _SUFFIXED_PLACE.fullmatch(part):
            out.append(part)
        else:
            return None
    return out


def _without_places(ind: str) -> str:
    """贵阳地区生产总值 -> 地区生产总值: an indicator's name without the place it opens with."""
    if place := leading_place(ind):
        return ind[len(place):]
    m = _SUFFIXED_PLACE.match(ind)
    return ind[m.end():] if m else ind


def _place_as_subject(s: str, m: Mention, earlier: list[Mention]) -> None:
    """A value whose own words name only a place (海城市305亿元、瓦房店市304亿元 / 毕节…，达到1585.86亿元) is that
    place's figure of the subject last named with a figure of the same unit: the place is its scope, never the
    document's. The subject comes from the sentence here, else from the paragraph (statements); several places
    for one figure (黔东南、安顺低于1000亿元) are flagged: a value only in a comparison of places' goals, where each
    place gets its own (statements). A place is never an indicator."""
    places = _places(m.indicator) if m.indicator else None
    if not places or (m.unit_raw or "").endswith(COUNT_UNITS):
        return  # 国家级高新区9家: a count of places is no place's figure
    if len(places) > 1 or _COUNTED_BEFORE.search(s, 0, max(0, s.rfind(m.indicator, 0, m.start))):
        m.places = True  # 6个城区超5亿美元: places counted (or listed) for one figure are no one place's
        return
    m.indicator = _colon_lead(s, m, earlier) or next(
        (x for p in reversed(earlier) if p.unit_raw == m.unit_raw and p.indicator
         and len(core(x := subject_of(p.indicator))) >= 2 and not re.fullmatch(_BAND_VERB, x)), "")
    m.place = places[0]


def _colon_lead(s: str, m: Mention, earlier: list[Mention]) -> str | None:
    """县域GDP规模超过100亿元的8个县(市)是：海城市305亿元、…: a list of places' figures after a colon is of what the
    colon's lead names (up to its first number), when no figure of that unit stands between them."""
    k = max(s.rfind("：", 0, m.start), s.rfind(":", 0, m.start))
    if k < 0 or any(p.unit_raw == m.unit_raw and p.indicator and k < p.start for p in earlier):
        return None
    lead = re.split(r"\d", s[_clause_start(s, k):k], maxsplit=1)[0]
    lead = clean_indicator(lead)
    return subject_of(lead) if len(core(lead)) >= 2 else None


def _listed_places(items: list[str]) -> tuple[list[str], str] | None:
    """The places a 分别 list names, all but the last alone, the last before what they share (天水GDP总量:
    GDP总量, "" when nothing follows), else None."""
    first = _PERIOD_LEAD.sub("", items[0])  # 前三季度酒泉、天水…: the period is read apart
    places = [_places(it) for it in [first, *items[1:-1]]]
    if not all(p is not None and len(p) == 1 for p in places):
        return None
    last = items[-1] if len(items) > 1 else first
    shared = subject_of(last)
    lead = last[:len(last) - len(shared)] if shared and last.endswith(shared) else last
    if (tail := _places(lead.rstrip("的"))) is None or len(tail) != 1:
        return None
    return [p[0] for p in places[:len(items) - 1]] + tail, shared


def subject_of(indicator: str) -> str:
    """What an indicator names without the place it opens with; "" when it names only places."""
    if _places(indicator) is not None:
        return ""
    rest = _without_places(indicator)
    while rest[:1] in ("、", "和") and (after := _without_places(rest[1:])) != rest[1:]:
        rest = after  # 黔南、铜仁、六盘水位于…: every place of the list
    return rest.lstrip("的")


_GOAL_PRE = re.compile(r"(?:(?:年度|全年|预期|计划)?目标(?:值|任务)?(?:定(?=[在为]))?|(?:年度|全年)?计划)(?:为|是|在)?[：:]?"
                       r"(?:增长|下降|达到|完成)?$")
# a period's plan before the value in its clause (年计划完成…, 1-4月计划投资额是…, 每年计划完成造林…); not 完成年计划的97%,
# 超计划目标, 计划执行情况, nor a project's own 计划总投资 after its count (新签约项目42个，计划总投资140.62亿元)
_PLANNED = re.compile(r"(?<![超完成])[年月]计划(?!的|目标|执行|生育|单列)[^，,。；;：:的]*$")
_DONE_AGAINST_GOAL = re.compile(
    r"(?:实际|全年|累计)?(?:已经?)?(?:完成|实现|达到|达)?(?:值)?(?:为)?(?:同比)?(?:增长|下降)?(?<=.)")
# the period a result is reported for (1-6月完成增长6.2%), read by the period logic, no part of the wording
_PERIOD_LEAD = re.compile(r"^(?:\d{1,2}[-—－~至]\d{1,2}月|[一二三四]季度|上半年|前三季度|全年)[，,]?")


def _colon_subject(s: str, i: int) -> str | None:
    """地区生产总值：年度目标增长7%，1-6月完成增长6.2%: the subject named before the sentence's colon."""
    k = max(s.rfind("：", 0, i), s.rfind(":", 0, i))
    if k <= 0:
        return None
    start = max(s.rfind(c, 0, k) for c in "。；;\n，,") + 1
    subject = s[start:k]
    if not 2 <= len(subject) <= 20 or _DIGIT.search(subject):
        return None
    return clean_indicator(subject) or None
_GROWTH_WORD_END = re.compile(r"(?:增长|下降)$")
_BARE_MEASURE = re.compile(r"(?:总产值|产值|增加值|营业收入|营收|主营业务收入|产量|销量|税收|利润|利润总额|出口额|投资)$")
_BARE_COUNT = re.compile(
    r"(累计|共|总计|合计|总数|新增|新认定|新培育|新建|新引进|净增|(?:比上年末?|较上年末?)(?:增加|净增|新增|减少))"
    r"(?:达到|达|为)?"
)
_SUBJECT_HEAD = re.compile(r"^([\u4e00-\u9fff]{0,6}?(?:企业|项目|单位|工厂|农户|园区))([\u4e00-\u9fff（(“].+)$")
_MEASURE_TAIL = re.compile(r"(?:面积|总面积|产值|投资额|投资|金额|收入|产量|规模|数量)$")
_TRAILING_SOFT = re.compile(r"(?:超过|超|不低于|达到|为|约|近|逾|了)+$")


_VS_PLAN_CLAUSE = re.compile(r"[，,][^，,]*(?:目标|计划|任务|进度)[^，,]*(?=[，,])")
_THRESHOLD_CLAUSE = re.compile(r"[，,](?:首次|率先|成功|一举)?(?:突破|超过)[^，,；;。]*(?=[，,])")
_PRICE_BASIS = re.compile(rf"[，,]?{_PRICE_BASIS_WORDS}")


def same_clause_or_near(prev: Mention, s: str, start: int) -> bool:
    """A bare 增长8% refers to the value just before it (same or next clause).

    A price basis between them (352.6亿元，按不变价格计算，比上年增长5.8%) says how the growth is measured;
    it does not start another subject.
    """
    if start - prev.end <= 12:
        return True
    gap = s[prev.end:start]
    if ("目标" in gap or "计划" in gap or "任务" in gap or "进度" in gap) and len(_VS_PLAN_CLAUSE.sub("", gap)) <= 12:
        return True  # 280亿元，完成年度目标的52%，增长6.1%: the dropped progress clause separates nothing
    if ("突破" in gap or "超过" in gap) and len(_THRESHOLD_CLAUSE.sub("", gap)) <= 12:
        return True  # 405.3亿元，首次突破400亿，同比增长15.2%: a milestone of the level passed, no other subject
    if _STANDING_CLAUSE.search(gap) and len(_STANDING_CLAUSE.sub("", gap)) <= 12:
        return True  # 423.46亿元，总量稳居全市第一，增长5.4% / 8141.69亿元，成功跨越八千亿新台阶，同比增长4.7%: its standing
    if "百分点" in gap and len(_RATE_CHANGE_CLAUSE.sub("", gap)) <= 12:
        return True  # 增长3.6%，比1-7月回落3.8个百分点，比2019年1-8月增长16.7%: the rate's change, no other subject
    if "相比" in gap and len(_BASE_CLAUSE.sub("", gap)) <= 12:
        return True  # 下降4.1%；与2020年相比，两年平均增长2.5%: the base of the comparison, no other subject
    return ("按" in gap or "以" in gap) and len(_PRICE_BASIS.sub("", gap)) <= 12 and bool(_PRICE_BASIS.search(gap))


# the level's rank or the step it climbed (居全省第4位 / 稳居…前列 / 跨越八千亿新台阶): no other subject
_STANDING_CLAUSE = re.compile(r"[，,](?:总量|经济总量)?(?:首次|成功|一举|连续|继续)?(?:稳居|位居|居|跨越|迈上|跨上|迈入|站上|跃上|登上)"
                              r"[^，,；;。]*(?=[，,])")
_BASE_CLAUSE = re.compile(r"[，,；;]?(?:与|同|和|跟)[^，,；;。]{1,10}?相比[，,]?")
_RATE_CHANGE_CLAUSE = re.compile(r"[，,；;]?(?:增速|增幅|降幅)?(?:比|较)[^，,；;。]{1,10}?"
                                 r"(?:加快|放缓|回落|回升|收窄|扩大|提高|提升|上升|下降)\d+(?:\.\d+)?个?百分点")


_CAPACITY_TAIL = re.compile(r"(?:的)?((?:年)?(?:生产能力|生产产能|产能|生产规模|处理能力|承载能力|能力))(?:[，,；;。]|$)")


def _share_capacity_tail(s: str, ms: list[Mention]) -> None:
    """形成A 50万吨、B 100万吨生产能力: every listed quantity is a capacity named by the closing noun."""
    if "能" not in s and "规模" not in s:
        return  # every capacity word has one of these
    for i, last in enumerate(ms):
        tail = _CAPACITY_TAIL.match(s, last.end)
        if not tail:
            continue
        group = [last]
        for j in range(i - 1, -1, -1):
            m = ms[j]
            gap = s[m.end:group[0].start]
            if re.search(r"[。；;]", gap) or not re.match(r"[、，,和及]", gap) or m.unit_raw is None:
                break
            group.insert(0, m)
        for m in group:
            name = re.sub(r"^(?:加快|加速|大力|着力|积极|推动)?(?:形成|构建|建成|建设|打造|具备)?(?:年产)?", "",
                          m.indicator)
            if name and tail.group(1) not in name:
                m.indicator = name + tail.group(1)


def _split_items(text: str, n: int) -> list[str]:
    """Split an enumeration on 、 outside quotes; 和/及/与 only when needed to reach n items (普及率 stays whole)."""
    items, depth, cur = [], 0, ""
    for ch in text:
        if ch in "“《（(":
            depth += 1
        elif ch in "”》）)":
            depth = max(0, depth - 1)
        if depth == 0 and ch == "、":
            items.append(cur)
            cur = ""
            continue
        cur += ch
    items.append(cur)
    items = [x for x in (i.strip() for i in items) if x]
    while items and len(items) < n:
        last = items[-1]
        m = None
        for cand in re.finditer(r"以及|和|及|与", last):
            if cand.group() == "及" and last[cand.start() - 1:cand.start()] in ("普", "涉", "以", "危"):
                continue
            m = cand
        if m is None or m.start() == 0:
            break
        items[-1:] = [last[:m.start()], last[m.end():]]
    return items


def _shared_tail(items: list[str]) -> list[str]:
    """战略性新兴产业、高技术制造业增加值占…比重 -> both items get 增加值占…比重."""
    last = items[-1]
    if len(items) > 1 and all(len(it) <= 2 for it in items[:-1]) and len(last) >= len(items[0]) + 3 \
            and all(re.fullmatch(r"[\u4e00-\u9fff]+", it) for it in items):
        # 城镇和农村居民人均可支配收入, 进、出口总额: the short items are modifiers of the last one's head
        return [it + last[len(it):] for it in items[:-1]] + [last]
    m = _TAIL_START.search(last, 1)
    if not m:
        return items
    tail = last[m.start():]
    return [it if _MEASURE_END.search(it) else it + tail for it in items[:-1]] + [last]


# 黔东南、安顺低于1000亿元 / 位于1000亿元至1500亿元之间: the band the places before fall in
_BAND_VERB = r"(?:均|都)?(?:位于|介于|超过|突破|低于|高于|不足|在)"
_BAND = re.compile(_BAND_VERB + r"[^，,；;。]*?\d")
# what is left of 4年年均分别增长…, 五年来分别…: a span of time, no item of its own
_SPAN_ONLY = re.compile(r"(?:(?:近|过去)?(?:\d+|[一二三四五六七八九十两]+)年(?:来|间|以来)?)?")


def _implied_items(item: str) -> list[str] | None:
    """城乡居民收入 names two items, 城镇 and 农村 (in that order); 三次产业 three, 第一、第二、第三产业."""
    # 设定城乡居民收入: a short lead before 城乡 is no part of the name; a long one is another clause's
    k = item.find("城乡")
    if 0 <= k <= 4:
        return ["城镇" + item[k + 2:], "农村" + item[k + 2:]]
    if item.startswith("三次产业"):
        return [item.replace("三次产业", f"第{x}产业", 1) for x in "一二三"]
    return None


_RUN_VERB = re.compile(r"[、，,和]?((?:同比|比上年)?(?:年均)?(?:增长|下降|提高|提升|回落|增加|减少))")


def _joined(s: str, run: list[Mention]) -> bool:
    return all(_RUN_JOIN.fullmatch(s[a.end:b.start]) for a, b in pairwise(run))


def _later_runs(s: str, values: list[Mention], n: int) -> list[tuple[str, list[Mention]]]:
    """分别达到37462元和17597元、增长7%和10%: the n items' values, then as many again after a change verb,
    each run in the items' order. [] unless every value falls in such a run."""
    if len(values) % n or len(values) == n:
        return []
    if not _joined(s, values[:n]):
        return []
    out = []
    for k in range(n, len(values), n):
        run = values[k:k + n]
        verb = _RUN_VERB.fullmatch(s, values[k - 1].end, run[0].start)
        if verb is None or not _joined(s, run):
            return []
        out.append((verb.group(1), run))
    return out


_ORDINAL_ITEMS = re.compile(r"第?((?:[一二三四五六七八九十]、)+[一二三四五六七八九十])(产业?[^、]*)$")  # 一、二、三产(业)
_LIST_VERB = re.compile(r"^(?:增长|下降|提高|提升|回落|增加|减少)")
_CHANGE_VERB = re.compile(r"(?:同比|比上年)?(?:增长|下降|提高|提升|回落|增加|减少)")


def _pair_with_levels(ms: list[Mention], values: list[Mention], starts: list[int], cs: int, verb: str) -> bool:
    """第一产业增加值40.1亿元，第二产业…，分别增长6.4%、6.7%…: the n changes belong to the n levels before."""
    if not _LIST_VERB.match(verb):
        return False
    k = bisect_left(starts, cs)
    # levels a 分别 list named already count (分别为X元、Y元，分别增长a%、b%)
    before = [m for m in ms[:k] if m.indicator and not (m.paired and m.unit_raw in ("%", "％"))]
    if len(before) < len(values):
        return False
    levels = before[-len(values):]
    if any(m.unit_raw in ("%", "％") or m.unit_raw is None for m in levels):
        return False
    for level, m in zip(levels, values, strict=True):
        m.indicator = level.indicator + _LIST_VERB.match(verb).group()
        m.paired = True
        m.clause_cue = m.pre = verb
    return True


def _changes_of_the_levels_listed(s: str, ms: list[Mention], starts: list[int], levels: list[Mention],
                                  ce: int) -> None:
    """A、B分别为X元、Y元，增长a%、b%: the next clause opens with a change verb and lists as many rates, in
    the same order as the levels (without 分别 of its own)."""
    if ce >= len(s) or s[ce] not in "，," or any(m.unit_raw in ("%", "％") or m.unit_raw is None for m in levels):
        return
    verb = _CHANGE_VERB.match(s, ce + 1)
    if verb is None:
        return
    ends = [e for e in (s.find(d, ce + 1) for d in HARD_DELIMS) if e >= 0]
    rates = ms[bisect_left(starts, ce + 1):bisect_left(starts, min(ends, default=len(s)))]
    if len(rates) != len(levels) or any(m.paired or m.unit_raw not in ("%", "％") for m in rates) \
            or s[verb.end():rates[0].start].strip():
        return
    for level, m in zip(levels, rates, strict=True):
        m.indicator = level.indicator + verb.group()
        m.paired = True
        m.clause_cue = m.pre = verb.group()


_RUN_JOIN = re.compile(r"\s*(?:、|和|及|与)\s*")


def _pair_unstated_lists(s: str, ms: list[Mention]) -> None:
    """城镇和农村居民人均可支配收入44178元、25396元 / 城乡居民人均可支配收入增长2%和6%: a run of values joined by
    nothing but 、/和 after a name that lists as many items pairs them in order, as 分别 would (often left out).
    Only the first value of such a run has a name of its own; the others would be lost."""
    i = 0
    while i < len(ms):
        run = [ms[i]]
        while i + len(run) < len(ms):
            nxt = ms[i + len(run)]
            if nxt.indicator or nxt.unit_raw != run[0].unit_raw \
                    or not _RUN_JOIN.fullmatch(s[run[-1].end:nxt.start]):
                break
            run.append(nxt)
        i += len(run)
        first = run[0]
        if len(run) < 2 or not first.indicator or first.paired or first.unit_raw is None \
                or "分别" in s[_clause_start(s, first.start):first.start]:
            continue
        items = _split_items(first.indicator, len(run))
        if len(items) == 1:
            items = _implied_items(items[0]) or items
        items = [clean_indicator(x) for x in items]
        if len(items) != len(run) or not all(items):
            continue
        verb = first.pre[first.pre.rfind(first.indicator) + len(first.indicator):] \
            if first.indicator in first.pre else ""
        for item, m in zip(_shared_tail(items), run, strict=True):
            m.indicator, m.paired = item, True
            if m is not first:
                m.pre, m.clause_cue = verb + m.pre, first.clause_cue


# a name right after a value: the next item of a summary without stops, unless it is what the value sizes
# or the next of a list of sizes (10亿元企业数量分别…, 100亿级、10亿元和上市工业企业…)
_RUN_ON = re.compile(r"(?!的|级|企业|项目|以上|以下|及以上|和|及|与|或)[\u4e00-\u9fff]")


def _list_run(s: str, values: list[Mention]) -> list[Mention]:
    """The values of a 分别 list: up to the first that a name, not a join or a change verb, sets apart (a summary
    without stops runs on: 分别增长4.3%、5.3%粮食产量515.6亿斤); a lost 、 still joins values of one unit."""
    for i in range(1, len(values)):
        a, b = values[i - 1], values[i]
        gap = s[a.end:b.start]
        if not (_RUN_JOIN.fullmatch(gap) or _RUN_VERB.fullmatch(gap) or not gap and a.unit_raw == b.unit_raw):
            return values[:i]
    return values


# 2016年至2018年，分别…: a span of years a 分别 list runs over (no figure between them)
LIST_SPAN = re.compile(r"((?:19|20)\d\d)年?\s*(?:[-－~～–至到]|—{1,2})\s*((?:19|20)\d\d)年[^\d。]{0,20}?分别")


def _pair_lists(s: str, ms: list[Mention]) -> None:
    """A、B分别提高至50%、70%: pair the named items with the listed values in order."""
    _pair_unstated_lists(s, ms)
    if "分别" not in s:
        return
    starts = [m.start for m in ms]
    named: list[str] = []  # the items the sentence's last 分别 list named
    for k in re.finditer(r"分别", s):
        cs = _clause_start(s, k.start())
        ce_candidates = [s.find(d, k.end()) for d in HARD_DELIMS]
        ce = min([c for c in ce_candidates if c >= 0], default=len(s))
        values = _list_run(s, ms[bisect_left(starts, k.end()):bisect_left(starts, ce)])
        if len(values) < 2:
            continue
        for i, m in enumerate(values):
            m.listed_at = (i, len(values))  # 2016年至2018年，分别完成…: the years of a span, in order (statements)
        span = next((x for x in LIST_SPAN.finditer(s, max(0, cs - 40), k.end()) if x.end() == k.end()), None)
        if span and int(span.group(2)) - int(span.group(1)) + 1 == len(values) and values[0].indicator \
                and not any(m.indicator for m in values[1:]):
            # 2016年至2018年，分别完成国内生产总值236.3亿元、314.5亿元、365亿元: one item, one value a year
            name = re.sub(r"^分别", "", values[0].indicator)
            for m in values:
                m.indicator, m.paired = name, True
            continue
        # a value before 分别 with a name of its own ends the clause in a summary without stops
        # (增长2.2%城乡居民人均可支配收入分别增长…)
        cs = max([cs] + [m.end for m in ms[bisect_left(starts, cs):bisect_left(starts, k.start())]
                         if m.indicator and m.unit_raw and _RUN_ON.match(s, m.end)])
        item_text = s[cs:k.start()]
        verb = s[k.end():values[0].start]
        for m in values[1:]:
            if not m.pre.strip("、，,和及与"):
                m.pre = verb + m.pre  # 分别增长6.4%、6.7%: every listed value is read with the list's verb
        ordinal = _ORDINAL_ITEMS.search(item_text)
        ordinal_items = False
        if not clean_indicator(item_text) and _pair_with_levels(ms, values, starts, cs, verb):
            continue
        if _SPAN_ONLY.fullmatch(clean_indicator(item_text)) and len(named) == len(values):
            # A、B、C年均分别增长…，2011年分别达到X、Y、Z: a list with no items of its own lists the same ones
            for item, m in zip(named, values, strict=True):
                m.indicator, m.paired, m.clause_cue = item, True, s[cs:m.start]
            continue
        if ordinal and len(values) == ordinal.group(1).count("、") + 1:
            # 一、二、三产业增加值 / 第一、二、三产业: each numeral takes the shared name
            numerals = ordinal.group(1).split("、")
            shared = re.sub(r"^产(?!业)", "产业", ordinal.group(2))  # 三产: the shorthand of 第三产业
            items = [f"第{n}{shared}" for n in numerals]
            ordinal_items = True
        else:
            items = _split_items(clean_indicator(item_text), len(values))
            if len(items) == 1:
                # 城乡居民人均可支配收入分别增长4.5%、6.5%, 三次产业…比重分别为9.0%、48.2%和42.8%
                implied = _implied_items(items[0])
                items, ordinal_items = (implied, True) if implied else (items, False)
        later = _later_runs(s, values, len(items)) if len(items) >= 2 else []
        if later:
            values = values[:len(items)]
        if len(items) != len(values):
            counted = _COUNTED.search(item_text)
            items = []
            if counted:
                earlier = s[:cs]
                for clause in reversed(re.split(r"[，,；;。]", earlier)):
                    cand = _split_items(clause, len(values))
                    if len(cand) == len(values):
                        items = cand
                        break
            elif not clean_indicator(item_text):
                # 遵义、黔西南、安顺地区生产总值…保持两位数增长，分别增长11.7%、…: the places of the clause before
                cand = _split_items(re.split(r"[，,；;。]", s[:cs].rstrip("，,"))[-1], len(values))
                if cand and (place := leading_place(cand[-1])) and _BAND.match(cand[-1], len(place)):
                    cand[-1] = place  # 南明、云岩超过500亿元，分别为…: the places, not the band they fall in
                items = cand if len(cand) == len(values) and _listed_places(cand) is not None else []
            if not items:
                continue
            items[-1] = re.sub(r"[一二三四五六七八九十两\d]+[类个项家大种].*$", "", items[-1])
        items = [clean_indicator(i) for i in items]
        items = [re.sub(r"^[“”]+|[“”]+$", "", i) for i in items]
        if not all(items):
            continue
        listed = None if later else _listed_places(items)
        # 第一、二、三产业…, 三次产业…: each numbered item already carries the whole shared name
        items = _shared_tail(items) if listed is None and not ordinal_items else items
        for item, m in zip(items, values, strict=True):
            m.indicator = item
            m.paired = True
            m.clause_cue = s[cs:m.start]
        if listed is not None:
            places, shared = listed
            for place, m in zip(places, values, strict=True):
                # 酒泉、天水GDP总量分别为…: each place's figure of what the last item names; with places alone
                # (铜仁、黔南、六盘水分别增长…) each is named as a place, and takes the subject named before
                m.place, m.indicator = (place, shared) if shared else (None, place)
        for verb, run in later:
            for item, m in zip(items, run, strict=True):
                m.indicator, m.paired, m.clause_cue, m.pre = item + verb, True, verb, verb
        named = items
        _changes_of_the_levels_listed(s, ms, starts, values, ce)
        # values named inside the item list (年营业收入超100亿级) are qualifiers
        for m in ms[bisect_left(starts, cs):bisect_left(starts, k.start())]:
            m.indicator = ""


# Searched across whole sentences: behind a look-ahead for their first characters (same matches, fewer tries)
_TRAILING, _GOAL_PRE = gated(_TRAILING), gated(_GOAL_PRE)
