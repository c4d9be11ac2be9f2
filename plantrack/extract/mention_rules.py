"""When a number in a sentence is not a value: the rejection rules of find_mentions, one named predicate each.

VALUE_RE finds every number with its unit; most numbers in a plan are not values of an indicator
(dates, ranks, names, sizes of what is counted, subsidies, gaps to another figure). Each predicate
below looks at one Candidate (the number, its unit, the text around it, the sentence's index) and
says whether it is such a non-value. find_mentions keeps a number only when no predicate rejects it.

Order: every predicate is a pure test of the candidate, so the order of REJECTIONS does not change
which numbers are kept (tests/extract/test_mention_rules.py shuffles it to show this). The order is
chosen for speed: cheap tests that reject many numbers (a title's brackets, a latin neighbour, a time
word after) come first, tests that scan the clause (comparisons, plan progress) last. Two things are
settled before any predicate runs, in Candidate.of: a bare 亿 after a money word is read as the
unit (产值突破百亿), a number of a list that writes its unit once takes it (0.15、1.34个百分点), and a share-of-base rule (按不低于…30%的比例) is recognised — predicates see
the unit after that reading and exempt the ratio rule's value. One prescreen runs before even that:
chinese_word_on_bare_match asks the first Chinese-numeral rule of VALUE_RE's match itself (most
Chinese numerals in prose, 一批 or 三大, stop there); it rejects nothing chinese_numeral_as_word keeps.

Fast paths: a predicate that asks a regex about the text right after the number first checks the
next character against the set of characters the regex can start with. Those sets are derived from
the regexes (first_chars), never written by hand.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from plantrack.extract.first_chars import first_chars, last_chars
from plantrack.extract.mention_index import SentenceIndex
from plantrack.extract.numbers import CN_NUMERAL, parse_number
from plantrack.extract.units import COUNT_UNITS, UNIT_PATTERN

# A bare 亿 after a money word (产值突破百亿): 亿元; elsewhere (人口突破1亿) it is not money.
MONEY_WORD = re.compile(r"产值|收入|营收|规模|投资|总额|增加值|税收|产出|总值|总量|销售额|利润|资产|贷款|存款|消费|出口|进口|交易额|GDP")
_BARE_YI_END = re.compile(r"(?:[，,；;。！？!?、：:）)]|$|以上|左右|大关|新?台阶|的目标)")
# 0.15、-5.64、1.34个百分点 / 分别为633.69、581.07亿元: a list that writes its unit once, after its last number
_LIST_UNIT_AFTER = re.compile(rf"(?:[、和及与]-?\d+(?:\.\d+)?)+(?P<unit>{UNIT_PATTERN})")
# 工业用地按不低于城市建设用地30%的比例配置: a share of the base named before the value, for the subject before 按
RATIO_RULE = re.compile(r"(?P<subj>[\u4e00-\u9fff]{2,10})按(?:照)?(?:原则上)?"
                        r"(?P<cmp>不低于|不高于|不少于|不超过|不多于)?(?P<base>[\u4e00-\u9fff]{2,12})$")
# A size class (2个千亿级产业, 迈入千亿级): read by find_mentions and the indicator steps too.
MAGNITUDE_CLASS = re.compile(r"[“”]?[一二两三四五六七八九十百千万\d]*[十百千万亿]+级")
MAGNITUDE_FIRST = first_chars(MAGNITUDE_CLASS)
# A quoted code such as “2349”, “1+2+8+N”, “4+2”: the name of a programme, its digits are no value.
CODE_NAME = re.compile(r"“[\dA-Za-z+＋N、.一二三四五六七八九十百千万亿]+”")
# A number measured against a plan, not the indicator's value: 完成年度目标的52%, 高于计划目标0.7个百分点,
# 超序时进度3个百分点.
VS_PLAN = re.compile(
    r"(?:完成|达到?|占|为)(?:年度|全年|年初|年|计划|预期|既定)*(?:目标|计划|任务)+的"
    r"|(?:高于|低于|快于|慢于|超出|超过|超|落后于?)(?:年度|全年|年初|既定)?(?:计划|预期|目标|任务|序时进度|时序进度)+"
    r"|序时进度|时序进度")

MONEY_UNITS = ("元", "万元", "亿元", "千元")
# as sets: every rule asks whether a unit is one of them
_COUNT_UNITS = frozenset(COUNT_UNITS)
_MONEY_UNITS = frozenset(MONEY_UNITS)


@dataclass(slots=True)
class Candidate:
    """A number VALUE_RE found, with what the rules read around it (clean indices into the sentence)."""

    s: str
    ix: SentenceIndex
    a: int  # the number starts here
    b: int  # its unit and suffix end here
    num: str  # the number as written (3.5, 1/3, 两)
    hi: str | None  # the upper end of a range (1－2个)
    unit: str | None
    post: str  # 以上, 左右, 多 … after the unit, or ""
    approx: bool  # 余 / 多 before the unit
    neg: bool
    chinese: bool  # written in Chinese numerals
    clause: int  # where its clause starts (after the last ，；：。 before it)
    ratio: re.Match | None  # RATIO_RULE before a 30%的比例
    vs_plan: bool  # the sentence measures something against a plan (VS_PLAN somewhere in it)
    nxt: str  # the character after it (most rules first check it can open their pattern)
    after: str  # the four characters after it
    # a number of a list that writes its unit once (800、900亿斤台阶): where the list's last number ends;
    # the listed numbers are read in its unit and kept only when it is
    list_end: int | None = None

    @classmethod
    def of(cls, s: str, ix: SentenceIndex, m: re.Match, vs_plan: bool) -> Candidate:
        num, unit, hi, post, approx, neg = m.group("num", "unit", "hi", "post", "approx", "neg")
        a, b = m.span()
        clause = ix.clause_start(a)
        if unit is None and s.startswith("亿", b) and _BARE_YI_END.match(s, b + 1) \
                and MONEY_WORD.search(s, clause, a):
            unit, b = "亿", b + 1  # 产值突破百亿: a sum of money in 亿元
        list_end = None
        if unit is None and not hi and s[b:b + 1] in "、和及与" and num[0] not in CN_NUMERAL \
                and (shared := _LIST_UNIT_AFTER.match(s, b)):
            unit, list_end = shared.group("unit"), shared.end()  # 0.15、-5.64、1.34个百分点
        ratio = None
        if unit == "%" and s.startswith("的比例", b):
            ratio = RATIO_RULE.search(s, clause, a)  # 工业用地按不低于城市建设用地30%的比例配置
        return cls(s, ix, a, b, num, hi, unit, post or "", approx is not None, neg is not None,
                   num[0] in CN_NUMERAL, clause, ratio, vs_plan, s[b:b + 1], s[b:b + 4], list_end)


# ---------------------------------------------------------------- the predicates, in REJECTIONS order

def chinese_numeral_without_unit(c: Candidate) -> bool:
    """三大产业, 一是…, 两个百分点以上: a Chinese numeral with no unit, a %, a range or a suffix is a word.

    Also asked on the bare match before a Candidate is built (find_mentions' prescreen): most Chinese
    numerals in prose stop here, and a candidate costs more than this test.
    """
    return c.chinese and (c.unit is None or c.unit == "%" or bool(c.post) or c.hi is not None)


def chinese_word_on_bare_match(s: str, m: re.Match) -> bool:
    """chinese_numeral_without_unit asked of VALUE_RE's match itself, before a Candidate is built.

    A prescreen, not a rule of its own: it rejects only what chinese_numeral_as_word rejects anyway. A
    numeral without a unit right before 亿 is left to the rules (Candidate.of may read the 亿 as 亿元).
    """
    unit = m.group("unit")
    return unit is None and not s.startswith("亿", m.end()) or unit == "%" or bool(m.group("post")) \
        or m.group("hi") is not None


def in_title_or_file_number(c: Candidate) -> bool:
    """《…2021—2025年…规划》, 〔2023〕5号: a number inside a title or a file number names, it measures nothing."""
    return not c.ix.depth_ok(c.a)


_LATIN = re.compile(r"[A-Za-z]")


def part_of_latin_name(c: Candidate) -> bool:
    """5G, PM2.5, GB50016: digits after a Latin letter belong to the name.

    A quantity with a measure unit after a product code (PET100万吨/年) stays a value.
    """
    return c.a > 0 and _LATIN.match(c.s, c.a - 1) is not None and (
        c.unit is None or c.unit in _COUNT_UNITS or c.unit == "%")


_RANK_AFTER = re.compile(r"(?:级|强)")
_TIME_AFTER = re.compile(r"(?:年|月|日|号|届|周年|期|季度|次会|批次|版|代|位|名)")
_RANK_TIME_FIRST = first_chars(_RANK_AFTER) | first_chars(_TIME_AFTER)


def rank_or_date(c: Candidate) -> bool:
    """3A级, 百强, 2026年, 第3届: a rank or class (级/强) after any number; a date or an order word after a bare one."""
    return c.nxt in _RANK_TIME_FIRST and (
        _RANK_AFTER.match(c.after) is not None or c.unit is None and _TIME_AFTER.match(c.after) is not None)


_SIZE_AFTER = re.compile(r"[亿万千百]")
_SIZE_FIRST = first_chars(_SIZE_AFTER)


def size_word(c: Candidate) -> bool:
    """500亿光伏产业园, 10万人口城市: a bare number before a magnitude word (no unit read) names a size."""
    return c.unit is None and c.nxt in _SIZE_FIRST and _SIZE_AFTER.match(c.after) is not None


_ORDINAL_BEFORE = re.compile(r"(?:第|前|后|每隔|满|连续)$")


def ordinal_or_span(c: Candidate) -> bool:
    """第3, 前10位, 连续5年: an order or a run, not an amount."""
    return _ORDINAL_BEFORE.search(c.s[max(0, c.a - 6):c.a]) is not None


_DURATION_AFTER = re.compile(r"[年月日天周]|季度|小时")  # 近3个月, 5个工作日 are spans of time
_DURATION_FIRST = first_chars(_DURATION_AFTER)


def span_of_time(c: Candidate) -> bool:
    """近3个月, 2个季度: a count of time units is a span of time, not a quantity of things."""
    return c.unit in _COUNT_UNITS and c.nxt in _DURATION_FIRST and _DURATION_AFTER.match(c.s, c.b) is not None


def days_not_counted(c: Candidate) -> bool:
    """连续327天无新增, 仅28天控制疫情: days are a duration, a value only of a count of days its sentence names
    before it (空气质量优良天数272天，比上年增加29天)."""
    return c.unit == "天" and "天数" not in c.s[:c.a]


def structure_ratio(c: Candidate) -> bool:
    """6.5：55.8：37.7 / 23.1%：20.5%：56.4%: the parts of a structure ratio are not named, so none of them is read as
    a value."""
    s, a, b = c.s, c.a, c.b
    return c.nxt in "：:∶" and s[b + 1:b + 2].isdigit() \
        or a > 1 and s[a - 1] in "：:∶" and (s[a - 2].isdigit() or s[a - 2] == "%" and s[a - 3:a - 2].isdigit())


def in_code_name(s: str, a: int) -> bool:
    """Does position a sit inside a quoted code (CODE_NAME)?"""
    open_at = s.rfind("“", 0, a + 1)
    if open_at < 0 or s.find("”", open_at, a) >= 0:
        return False
    return CODE_NAME.match(s, open_at) is not None


def in_quoted_code(c: Candidate) -> bool:
    """“2349”现代制造业集群体系, “1+2+8+N”: the digits of a programme's quoted code are its name."""
    return c.ix.quoted and in_code_name(c.s, c.a)


_CN_VERB_END = re.compile(r"(?:达到|达|培育|打造|建成|新增|引进|建设|形成|创建|认定|新建|争创|突破|超过|超|破|实现)$")
_CN_ROUND = re.compile(r"[一二两三四五六七八九]?[十百千]")
_CN_WORD_AFTER = re.compile(r"[“”\"]?(?:个|倍增|作用|批|方面|体系|层次)")
_CLAUSE_END_CHARS = frozenset("，,；;。！？!?")


def chinese_numeral_as_word(c: Candidate) -> bool:
    """三大产业, 千亿级集群: Chinese numerals are values only right after a verb (培育两个, 产值超千亿元).

    Also a round count closing its clause (实施技术改造项目千项). Money or a measure in Chinese numerals
    must be a round size (千亿元, 两百万吨; 一二三亿元 is no number), and a numeral before 个/批/方面 …
    (两个“一号工程”, 一批) is a word.
    """
    if not c.chinese:
        return False
    if chinese_numeral_without_unit(c):
        return True
    s, a, b = c.s, c.a, c.b
    if not _CN_VERB_END.search(s, max(0, a - 3), a) and not (
            c.unit in _COUNT_UNITS and _CN_ROUND.fullmatch(c.num) and (b == len(s) or s[b] in _CLAUSE_END_CHARS)):
        return True
    if c.unit not in _COUNT_UNITS and not _CN_ROUND.fullmatch(c.num):
        return True
    return _CN_WORD_AFTER.match(s[b:b + 3]) is not None


_BARE_VERB_END = re.compile(r"(?:达到|提高至|提高到|提升至|提升到|保持在|稳定在|控制在|超过|不低于|达)$")
# A unitless ratio or index stated as such: 人口性别比（以女性为100）为103.2, 恩格尔系数为28.5
_RATIO_NAME_IS = re.compile(r"(?:性别比|系数|指数)(?:[（(][^（）()]{0,12}[）)])?(?:为|是)$")
_CJK_AFTER = re.compile(r"[\u4e00-\u9fff]")
_APPROX_AFTER = re.compile(r"(?:以上|左右|以下)")


def bare_number_not_reached(c: Candidate) -> bool:
    """A number without a unit is a value only after a reaching verb (达到120, 控制在1.5以内) or as a named ratio.

    Named ratios: 恩格尔系数为28.5, 性别比为103.2. Even then a Chinese character right after it (other
    than 以上/左右/以下) shows it is part of a longer word.
    """
    if c.unit is not None:
        return False
    s, a = c.s, c.a
    if not _BARE_VERB_END.search(s, max(0, a - 4), a) and not _RATIO_NAME_IS.search(s, max(0, a - 20), a):
        return True
    return _CJK_AFTER.match(c.after) is not None and not c.post and _APPROX_AFTER.match(c.after) is None


_QUALIFIER_AFTER = re.compile(r"(?:（含）)?(?:以上|以下)?的")
_INCLUSIVE_AFTER = re.compile(r"（含）")
_QUALIFIER_FIRST = first_chars(_QUALIFIER_AFTER) | first_chars(_INCLUSIVE_AFTER)


def qualifies_a_noun(c: Candidate) -> bool:
    """年营业收入超1亿元的企业, 5000万元（含）以上: a threshold describing what is counted, not a value."""
    return c.ratio is None and c.nxt in _QUALIFIER_FIRST and (
        _QUALIFIER_AFTER.match(c.s[c.b:c.b + 6]) is not None or _INCLUSIVE_AFTER.match(c.s[c.b:c.b + 3]) is not None)


_MONEY_WON = re.compile(r"争取|获得|获批|到位|兑现|拨付")


def subsidy_amount(c: Candidate) -> bool:
    """给予最高50万元奖励: money in a subsidy clause is a policy term; money won (争取到位资金3亿元) is a result."""
    return c.unit in _MONEY_UNITS and c.ix.subsidy(c.clause) and not c.ix.seen("won", _MONEY_WON, 2, c.clause, c.a)


_SIZED_NOUN = re.compile(r"[\u4e00-\u9fff]{0,10}?(?:项目|企业)")
_COUNT_LATER = re.compile(rf"\d+(?:{'|'.join(COUNT_UNITS)})")


def sizes_what_is_counted_after(c: Candidate) -> bool:
    """新增10亿元以上先进制造业项目不低于15个: the money sizes the projects, the count after it is the value."""
    return c.unit in _MONEY_UNITS and c.post in ("以上", "及以上") and _SIZED_NOUN.match(c.s, c.b) is not None \
        and _COUNT_LATER.search(c.s, c.b, c.ix.clause_end(c.b)) is not None


_SIZE_CLASS_AFTER = re.compile(r"(?:企业|项目|工业企业|规上|规模以上|的)")
_SIZE_CLASS_FIRST = first_chars(_SIZE_CLASS_AFTER)


def size_class_of_a_noun(c: Candidate) -> bool:
    """50亿元以上项目2个, 百万吨级企业: an amount right before 企业/项目/的 is a size class, not a value."""
    return c.ratio is None and c.unit is not None and c.nxt in _SIZE_CLASS_FIRST \
        and c.unit not in _COUNT_UNITS and _SIZE_CLASS_AFTER.match(c.s[c.b:c.b + 4]) is not None


_COUNT_BEFORE = re.compile(rf"(?:\d+|[{CN_NUMERAL}]+)(?:{'|'.join(COUNT_UNITS)})$")
_COUNT_LAST = last_chars(_COUNT_BEFORE)


def sizes_what_is_counted_before(c: Candidate) -> bool:
    """1个50亿元及以上项目: an amount right after a count sizes what the count counts."""
    return c.unit is not None and c.unit not in _COUNT_UNITS and c.a > 1 and c.s[c.a - 1] in _COUNT_LAST \
        and _COUNT_BEFORE.search(c.s, max(0, c.a - 8), c.a) is not None


_TIMES_BEFORE = re.compile(r"[×*xX]$")
_TIMES_AFTER = re.compile(r"[×*]")
_TIMES_FIRST = first_chars(_TIMES_AFTER)


def factor_of_a_product(c: Candidate) -> bool:
    """2×660MW, 3*5万吨: a factor of a product (a line count, a unit size) is not the quantity."""
    return c.a > 0 and _TIMES_BEFORE.search(c.s, c.a - 1, c.a) is not None \
        or c.nxt in _TIMES_FIRST and _TIMES_AFTER.match(c.nxt) is not None


_NAME_END = re.compile(r"[\u4e00-\u9fff”）)]")
_TWO_NAME_CHARS = re.compile(r"[\u4e00-\u9fff“]{2}")
_ACHIEVED = re.compile(r"建成|获批|获评|荣获|入选|成功|已")


def counts_the_names_listed(c: Candidate) -> bool:
    """新材料、生物医药、数字经济3个未来产业: a count of exactly the names just listed is no outcome.

    Not a size class (A、B 2个千亿级产业: the indicator steps read that count), and not when the named
    items are already achieved (建成A和B2家实验室 is a fact).
    """
    if c.unit not in _COUNT_UNITS or c.nxt in MAGNITUDE_FIRST and MAGNITUDE_CLASS.match(c.s, c.b):
        return False
    s, a, b = c.s, c.a, c.b
    value = parse_number(c.num)
    if value is None or value < 2 or a <= c.clause or not _NAME_END.match(s, a - 1):
        return False
    if not _TWO_NAME_CHARS.match(s[b:b + 2]):
        return False
    pre = s[c.clause:a]
    last_comma = pre.rfind("、")
    depth, items = 0, 1
    for i, ch in enumerate(pre):
        if ch in "“《（(":
            depth += 1
        elif ch in "”》）)":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch == "、" or ch in "和及与" and i > 0 and i > last_comma):
            items += 1
            if items > value:
                return False  # items only grow: already more names than the count
    if items < 2 or items != value:
        return False
    return not _ACHIEVED.search(pre)


def counts_an_open_list(c: Candidate) -> bool:
    """郑州、洛阳等14市, 兰原、沿黄等5条高速公路: a count after 等 closes a list of names the text gives in part;
    it says how long the list is, no quantity the economy reached (CONVENTIONS: counts of named things)."""
    return c.unit in _COUNT_UNITS and c.a > c.clause + 2 and c.s[c.a - 1] == "等" \
        and _NAME_END.match(c.s, c.a - 2) is not None \
        and _SET_COUNTED.match(c.ix.noun_after(c.b)) is None and _BROUGHT_IN.search(c.s, c.clause, c.a) is None


# …but projects a period carries out, size classes (A、B等220个亿元以上项目, 等4个千亿级集群), industries a plan
# grows (培育壮大数字文创等9个新兴产业) and firms brought in (引进A、B等20户企业) are values (CONVENTIONS: counts
# of projects)
_SET_COUNTED = re.compile(r".*(?:项目|级|产业)")
_BROUGHT_IN = re.compile(r"引进|签约|落户|招引")


# N个X实现/完成 <figure>: the set's own figure follows the count in its clause
_SET_REPORTED_ON = re.compile(r"[\u4e00-\u9fff“”]{1,16}?(?:实现|完成)[^，,。；;、\d]{0,12}\d")
# firms above a statistical threshold are a population the statistics count (69家规模以上工业企业 is a value)
_STATISTICAL_POPULATION = re.compile(r"[^，,。；;]{0,6}?(?:规模以上|规上|限额以上|限上)")


def counts_the_set_reported_on(c: Candidate) -> bool:
    """158个重点项目完成投资189.4亿元, 8个国家高新区实现营业收入7831.36亿元: a count that only names the set
    whose own figure its clause reports is no value (CONVENTIONS: counts of projects); the figure is."""
    return c.unit in _COUNT_UNITS and _SET_REPORTED_ON.match(c.s, c.b) is not None \
        and _STATISTICAL_POPULATION.match(c.s, c.b) is None


_CATEGORY_NOUN = re.compile(
    r"(?:主导|特色|重点|优势|细分|核心)?(?:产业|领域|细分领域|方向|板块|赛道)(?!集群|园|基地|链|项目|联盟|化|集聚区|示范)")


def how_many_kinds(c: Candidate) -> bool:
    """每个组团确立不超过2个主导产业: a rule on how many kinds (产业, 领域, 方向), not a quantity to reach."""
    return c.unit in _COUNT_UNITS and _CATEGORY_NOUN.match(c.ix.noun_after(c.b)) is not None


def size_of_one_project(c: Candidate) -> bool:
    """支持某企业34万吨电解铝项目达产: a physical size before 项目/达产/投产 in its clause is one project's size."""
    return c.unit is not None and c.unit not in _COUNT_UNITS and c.unit != "%" and c.unit not in _MONEY_UNITS \
        and c.ix.project_size(c.b)


_CLAUSE_VERB = re.compile(r"达到|新增|培育|建成|打造|引进|创建|力争|实现|累计|提高|提升|增长")


def condition_of_a_batch(c: Candidate) -> bool:
    """培育一批年产值超过1亿元、税收超过1000万元的企业: conditions of an uncounted batch (一批 …X… 的 noun).

    A 的 between 一批 and the number closes the qualifier; a new verb in between starts a statement of
    its own (培育一批龙头企业，新增规上企业30家).
    """
    ix, a, b = c.ix, c.a, c.b
    starts, ends = ix.batches()
    if not starts:
        return False
    stops = ix.stops()
    k = bisect_left(stops, a)
    stop = stops[k - 1] if k else -1  # the last 。；; before the value
    j = bisect_right(ends, a) - 1  # the last 一批 ending before the value (no 一批 overlaps a value)
    if j < 0 or starts[j] <= stop:
        return False
    batch_end = ends[j]
    de_all = ix.de()
    k = bisect_left(de_all, batch_end)
    if k < len(de_all) and de_all[k] < a:
        return False
    k = bisect_left(stops, b)
    end = stops[k] if k < len(stops) else len(ix.s)
    k = bisect_left(de_all, b)
    de = de_all[k] if k < len(de_all) and de_all[k] < end else -1
    if de < 0 or de - b > 40:
        return False
    return not (ix.seen("clause_verb", _CLAUSE_VERB, 2, batch_end, a) or _CLAUSE_VERB.search(ix.s, b, de))


_SCOPE_VERB = r"(?:围绕|聚焦|依托|立足|针对|面向)"
_SCOPE_VERB_END = re.compile(_SCOPE_VERB + "$")
_SCOPE_VERB_START = re.compile(_SCOPE_VERB)
_OUTCOME_VERB = re.compile(r"培育|打造|建成|新增|达到")


def scope_of_a_programme(c: Candidate) -> bool:
    """围绕50家骨干企业: what a programme works on, not an outcome.

    Right after 围绕/聚焦/依托 …; or a count in a clause opening with one, unless an outcome verb
    (培育, 新增 …) comes between.
    """
    s, a = c.s, c.a
    return _SCOPE_VERB_END.search(s, max(c.clause, a - 3), a) is not None \
        or _SCOPE_VERB_START.match(s, c.clause, a) is not None and c.unit in _COUNT_UNITS \
        and not c.ix.seen("outcome", _OUTCOME_VERB, 2, c.clause, a)


_ESTIMATE = re.compile(r"预计")
_ESTIMATE_TO = re.compile(r"预计到")
# 预计全年地区生产总值增长5.5%, 2025年(预计,下同)…: the estimate of a period under review, named by its period
# 预计全省生产总值增长3.5%左右 (a review's estimate) vs 预计新增产值5.5亿元 / 建成后预计年产值 (a project's
# projection) / 预计到2027年 (a goal): a projection's words follow 预计 at once. A subject may be a Latin
# acronym (预计全市GDP增长5%左右)
ESTIMATE_OF_PERIOD = re.compile(
    r"预计[，,：:]?(?:全年|今年|本年|(?:19|20)\d\d年)|[（(]预计"
    r"|(?<!后)预计[，,：:]?(?!到|至|将|可|能|会|带动|新增|拉动|增加|年|每年|实现年|明年|今后|未来|建成|投产|达产|总投资|投资|完成投资)"
    r"(?:[\u4e00-\u9fffA-Za-z]|(?:19|20)\d\d年|[（(][^（()）\d]{0,6}[）)]){0,16}?(?:增长|下降|达到|实现|完成|为|突破|超过|(?=\d))")
# 增长4%（预计数，下同）: a note right after a value says it is an estimate (and those after it, above)
ESTIMATE_NOTE_AFTER = re.compile(r"\s*[（(]预计")
# （预计，同比，下同） / 预计（下同）: a note that every figure from here on is an estimate
ESTIMATE_BELOW = re.compile(r"[（(][^（()）]{0,8}?预计[^（()）]{0,8}?下同|预计[（(][^（()）]{0,8}?下同")


def estimate(c: Candidate) -> bool:
    """预计新增产值5.5亿元: a project's projection is neither a target nor an actual; 预计到2025年 opens a
    goal; 预计全年…增长5.5% estimates the period under review (kept, flagged: see estimate_of_period)."""
    return c.ix.seen("estimate", _ESTIMATE, 2, c.clause, c.a) \
        and not c.ix.seen("estimate_to", _ESTIMATE_TO, 3, c.clause, c.a) \
        and not estimate_of_period(c.s, c.a)


def estimate_of_period(s: str, a: int) -> bool:
    """Is the value at a the estimate of the period its text reviews (预计全年…, (预计,下同) before it)?"""
    # (a + 1: 预计全省生产总值2.97万亿元 names no verb, the value itself follows its subject)
    return "预计" in s and ESTIMATE_OF_PERIOD.search(s, 0, a + 1) is not None \
        and _ESTIMATE_TO.search(s, 0, a) is None


# A comparison's head (比全市, 高于全省, 快于周边区县): inside one clause the rest of the comparison
# (…高/低/快 N个百分点) always follows, so the head decides.
_COMPARISON_HEAD = re.compile(
    r"(?:比|较|高于|低于|快于|慢于|好于|优于|超过|领先)(?:全国|全省|全市|全区|全县|平均|同类|周边|[\u4e00-\u9fff]{1,4}(?:省|市|区|县))")
_VS_YEAR = re.compile(r"(?:较|比)20\d\d年")


def comparison_with_another_place(c: Candidate) -> bool:
    """增速比全市高2.0个百分点, 高于全省1.3个百分点: a comparison with another place, not a value of the indicator.

    较2020年 (a change against a base year) is a value; so is the ratio rule's share.
    """
    return c.ratio is None and c.ix.seen("comparison", _COMPARISON_HEAD, 7, c.clause, c.a) \
        and not c.ix.seen("vs_year", _VS_YEAR, 7, c.clause, c.a)


def progress_against_plan(c: Candidate) -> bool:
    """完成年度目标的52%, 超序时进度3个百分点: progress against a plan is neither the target nor the actual."""
    return c.vs_plan and c.ix.seen("vs_plan", VS_PLAN, 12, c.clause, c.a)


_SHARE_OF_HIGHER = re.compile(r"占全(?:国|省|市)(?:的)?(?:比重|份额|比例)?(?:为|达到|达|约|近|超过)?$")


def share_of_a_larger_place(c: Candidate) -> bool:
    """占全市的1/5, 占全省比重为12%: the place's weight in a larger one, not a value of its own indicator."""
    return "占全" in c.s and _SHARE_OF_HIGHER.search(c.s, max(c.clause, c.a - 14), c.a) is not None


_ABOVE = re.compile(r"高于|低于|快于|慢于|好于|优于|领先|落后|高出|低出")


def gap_in_points(c: Candidate) -> bool:
    """高于社会消费品零售总额增速11.1个百分点: percentage points after 高于/低于 are a gap to another figure."""
    return c.unit in ("个百分点", "百分点") and c.ix.seen("above", _ABOVE, 2, c.clause, c.a)


_GAP_TO_RATE = re.compile(r"(?:高于|低于|快于|慢于|领先|落后|高出)[^，,。；;]{0,16}(?:增速|增幅|速度|平均水平)$")


def gap_to_another_rate(c: Candidate) -> bool:
    """快于全国平均水平3.2, 高于社零增速11.1: whatever unit follows (or none, cut off), a gap to another rate."""
    return _GAP_TO_RATE.search(c.s, max(c.clause, c.a - 24), c.a) is not None


_VS_PERIOD = re.compile(
    r"(?:比|较)(?:今年|本年|去年|上年)?(?:同期|一季度|第[一二三]季度|上半年|前三季度|上个?月|上个?季度|全年|\d{1,2}月份?"
    r"|\d{1,2}\s*(?:[-－~～–]|—{1,2}|至)\s*\d{1,2}月份?|[一二三四五六七八九十]{1,2}至[一二三四五六七八九十]{1,3}月份?)"
    r"(?:的)?(?:增速|增幅|降幅)?(?:加快|放缓|回落|回升|收窄|扩大|提高|提升|上升|下降|降低|高出|高|低|快|慢)了?$")


# the rate whose change is measured is a growth rate: its points are the gap between two growths
_GROWTH_RATE = re.compile(r"增速|增幅|降幅|涨幅|增长速度")
# 拉动…增速1.2个百分点 is a contribution, a level of its own
_CONTRIBUTION = re.compile(r"拉动|上拉|拉升|拉高|带动|贡献")


def change_against_another_period(c: Candidate) -> bool:
    """增速比一季度加快3.1个百分点, 降幅较1-6月收窄4个百分点, 增速比2021年减低2.2个百分点: a growth rate's
    change against another period (of the year, the year before, a base year) compares two rates; it is no
    value of the indicator. A share's change (城镇化率比上年提高0.9个百分点) names no growth rate and stays."""
    if c.unit not in ("个百分点", "百分点"):
        return False
    if (vs := _VS_PERIOD.search(c.s, max(c.clause, c.a - 16), c.a)) is not None:
        # 第三产业占比为56.1%，较去年同期提高1个百分点: a share (the last quantity named before) changed on the
        # year before stays; against another part of the year (较一季度提升) it compares two periods' shares
        if not _YEAR_BEFORE.search(vs.group()):
            return True
        lead = c.s[max(0, vs.start() - _LEAD):vs.start()]
        shares, rates = list(_SHARE_NAMED.finditer(lead)), list(_RATE_NAMED.finditer(lead))
        return not shares or bool(rates) and rates[-1].start() > shares[-1].start()
    return _GROWTH_RATE.search(c.s, c.clause, c.a) is not None and _CONTRIBUTION.search(c.s, c.clause, c.a) is None


_LEAD = 24
_YEAR_BEFORE = re.compile(r"同期|去年|上年")
_SHARE_NAMED = re.compile(r"占比|比重")
_RATE_NAMED = re.compile(r"增速|增幅|降幅|涨幅|增长|下降")


# 38个大类行业中有24个 / 40个行业大类中，25个行业… / 35个行业中22个行业 / …中较1-5月份回升的有35个
_AMONG = re.compile(r"[\u4e00-\u9fff]{0,8}?中(?:有|[，,]?\s*有?\s*\d|[^，,。；;]{0,16}?有\s*\d)")


# 25个行业增加值实现增长, 41个大类行业有23个…: industries counted (how many grew, how many there are); a
# sector's 龙头企业 or 协会 are things, not industries
_INDUSTRIES_AFTER = re.compile(r"(?:工业|制造业)?(?:大类|重点|主要)?行业(?!龙头|领军|标杆|协会|商会|企业|骨干|组织)")


# …and the count of those among them that the sentence goes on to say something of (中有33个增加值实现增长)
_AMONG_BEFORE = re.compile(r"\d+个[\u4e00-\u9fff]{0,8}?中[，,]?\s*有?\s*$")


def tally_of_categories(c: Candidate) -> bool:
    """38个大类行业中有24个行业增长 / 38个行业大类中有33个增加值实现增长: how many categories a count is taken
    among, and how many of them grew (its breadth, 增长面, is the share the text gives), is no quantity of the
    economy."""
    return c.unit in _COUNT_UNITS and ("中" in c.s and (_AMONG.match(c.s, c.b) is not None
                                                        or _AMONG_BEFORE.search(c.s, max(0, c.a - 16), c.a) is not None)
                                       or c.unit == "个" and _INDUSTRIES_AFTER.match(c.s, c.b) is not None)


_EVERY_BEFORE = re.compile(r"每[\u4e00-\u9fff]{0,6}$")
_THEN_ONE_IN = re.compile(r"[\u4e00-\u9fff]{0,8}?就有")


def ratio_in_words(c: Candidate) -> bool:
    """全国每出口4辆汽车就有1辆安徽造: the two numbers of a ratio in words are no quantities of their own."""
    if _EVERY_BEFORE.search(c.s, max(c.clause, c.a - 7), c.a) and _THEN_ONE_IN.match(c.s, c.b):
        return True
    return c.s.startswith("就有", c.a - 2) and c.s.rfind("每", max(c.clause, c.a - 20), c.a - 2) >= 0


_RANKING = re.compile(r"排名|排位|名次|位次|位列|位居")


def place_in_a_ranking(c: Candidate) -> bool:
    """综合排名由2020年的161位上升至目前的84位, 排名上升2个位次: a place in a ranking or a move in it, no
    quantity of the economy (位 counting people, 引进博士10位, names no ranking)."""
    return (c.unit == "位" or c.s.startswith("位次", c.b)) and _RANKING.search(c.s, max(0, c.clause - 12, c.a - 40), c.b + 2) is not None


_SURVEY_AFTER = re.compile(r"的?[\u4e00-\u9fff]{0,6}?抽样调查")


def sample_rate_of_a_survey(c: Candidate) -> bool:
    """据5‰人口变动抽样调查推算: the share of people a survey samples names the survey, it measures nothing."""
    return c.unit in ("‰", "%", "％") and c.nxt in "的人抽样" and c.nxt != "" \
        and _SURVEY_AFTER.match(c.s, c.b) is not None


# a count of a plan's indicators or goals earlier in the sentence (12项主要预期目标中…, 37项指标完成…)
_INDICATORS_COUNTED = re.compile(r"\d+项[\u4e00-\u9fff]{0,6}?(?:指标|目标)")


def tally_of_indicators(c: Candidate) -> bool:
    """32项指标中，17项…, 12项主要预期目标中11项较好完成, 37项指标完成或基本完成23项，未达预期14项: a tally of a
    plan's indicators (how many there are, how many were met), not a quantity of the economy."""
    return c.unit in _COUNT_UNITS and (
        c.s.startswith("指标", c.b)
        or c.unit == "项" and _INDICATORS_COUNTED.search(c.s, max(0, c.a - 30), c.a) is not None)


_STEP_AFTER = re.compile(r"[^，,。；;\d]{0,8}台阶")
_STEPS_COUNTED = re.compile(r"[一二三四五六七八九十两\d]+个台阶")


def steps_climbed(c: Candidate) -> bool:
    """连跨2个万亿元台阶, 连续跨越3个千亿台阶: how many steps (台阶) an amount climbed is no value of it, nor is
    the last of the steps it lists (越过800、900、1000亿斤三个台阶); 跨上5万亿元台阶, a step's own size, is a
    floor on the amount and stays."""
    if c.s.find("台阶", c.b, c.b + 10) < 0:
        return False
    return c.unit in _COUNT_UNITS and _STEP_AFTER.match(c.s, c.b) is not None \
        or _STEPS_COUNTED.match(c.s, c.b) is not None


# A policy package named by how many articles it has: 稳增长“21条”, “双20条”政策, 稳增长26条等一揽子措施.
_ARTICLES_CLOSE = re.compile(r"[”\"]")
_POLICY_AFTER = re.compile(r"[^。；;！？!?]{0,12}?(?:政策|措施|举措|细则)")


def policy_named_by_its_articles(c: Candidate) -> bool:
    """“雄才16条”, 稳增长26条等一揽子措施: a count of 条 that closes a quoted name, or that a policy word
    follows, names a policy package; it is no quantity of the economy."""
    return c.unit == "条" and (_ARTICLES_CLOSE.match(c.s, c.b) is not None or _POLICY_AFTER.match(c.s, c.b) is not None)


_AT_A_MEETING = re.compile(r"(?:应到|实到|出席|列席|到会|参会|参加会议)(?:会议的?)?(?:代表|委员|人员)?$|赞成|反对|弃权|投票")


def attendance_or_votes(c: Candidate) -> bool:
    """应到代表457名，实到代表445名, 赞成598票: who came to a meeting and how they voted are no quantity of
    the economy."""
    return c.unit in ("名", "人", "票", None) and (
        _AT_A_MEETING.search(c.s, max(c.clause, c.a - 10), c.a) is not None
        or c.s.startswith(("人投票", "票"), c.a + len(c.num)))


# the items of a government's own programme: its tasks, 民生实事, policies, services and indicators (工作岗位
# are jobs; 工程 may be a programme's name or the projects it builds, so it is left to the other rules), also
# when the sentence says they were done (10件民生实事全面完成): how many items were completed is no value either
_WORK_ITEMS_AFTER = re.compile(
    r"方面|[“”\"\u4e00-\u9fff]{0,6}?(?:工作(?!岗位)|任务|举措|实事|政策|措施|事项|指标)")


# …the same items named before their count: 主要经济指标任务10项, 完成年度任务200项, 办理服务事项1449件
_WORK_ITEMS_BEFORE = re.compile(r"(?:任务|实事|事项|指标)(?:共|有|计)?$")


def aspects_of_the_work(c: Candidate) -> bool:
    """重点做好10个方面工作, 8项重点工作, 50项具体举措, 完成年度任务200项: how many parts a report's work
    has is no value."""
    return c.unit in ("个", "项", "件", "大") and (
        _WORK_ITEMS_AFTER.match(c.s, c.b) is not None
        or _WORK_ITEMS_BEFORE.search(c.s, max(c.clause, c.a - 4), c.a) is not None)


_PLACES_AFTER = re.compile(r"(?:设区市|地级市|地州市|市州|县市区|县（市、区）|县\(市\)|县（市）|区县|县区|县市|乡镇|街道"
                           # 4个市级绿色工厂, 3个县级…: 市级/县级/区级 are levels of the thing counted, not places
                           r"|省份|省区市|盟市|地市|大中城市|市(?![级场])|县(?![级域])|区(?!域|块|位|级)"
                           r"|镇(?!级)|乡(?![级村]))")


def tally_of_places(c: Candidate) -> bool:
    """13个设区市规上工业增速均保持正增长, 14个地州市: a count of places the text speaks about (all its cities,
    the counties above the average) is no quantity of the economy."""
    return c.unit == "个" and _PLACES_AFTER.match(c.s, c.b) is not None


# a government's own effort: firms it visited (拜访企业305家), partners it works with (与78家央企合作), groups it
# sent (组织14个调研组); 合作社 are cooperatives, counted as values
_CONTACT_BEFORE = re.compile(r"(?:拜访|走访|接待|考察)[\u4e00-\u9fff]{0,4}$")
_GROUP_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:调研组|工作组|督导组|督查组|工作专班)")
_PARTNERS_AFTER = re.compile(r"[\u4e00-\u9fff]{1,8}?合作(?!社)")


def effort_of_the_government(c: Candidate) -> bool:
    """拜访企业305家, 与78家央企合作, 先后组织14个调研组: what a government did to get results (visits,
    partners, working groups) is its effort, no quantity of the economy."""
    if c.unit not in _COUNT_UNITS:
        return False
    s, a, b = c.s, c.a, c.b
    return _CONTACT_BEFORE.search(s, max(c.clause, a - 6), a) is not None \
        or _GROUP_AFTER.match(s, b) is not None \
        or a > 0 and s[a - 1] == "与" and _PARTNERS_AFTER.match(s, b) is not None


# an honour or a place on a list won (国家科技奖, 荣誉, 称号, 上榜…250强): 奖励/奖补/奖金/以奖代补 are money, not honours
_HONOUR = re.compile(r"奖(?!励|补|金|惩|学|代)|荣誉|称号|上榜|榜单")
# …but honours a plan sets out to win (力争入围各类试点示范荣誉60个以上) are its goal, judged like any other
_AIM_TO_WIN = re.compile(r"力争|争创|确保|目标")


def honours_won(c: Candidate) -> bool:
    """13个项目获国家科技奖, 荣获国家和省市荣誉112项, 7家企业上榜250强: how many honours (or winners) a place
    counts is a tally of distinctions, no quantity of the economy; a goal to win them is a goal."""
    return c.unit in _COUNT_UNITS and _HONOUR.search(c.s, c.clause, c.ix.clause_end(c.b)) is not None \
        and _AIM_TO_WIN.search(c.s, c.clause, c.a) is None


# the industries, chains and clusters a government works on, counted: 聚焦11条产业链, 重点发展12条制造业产业链,
# 34条重点产业链, 拥有全部41个工业大类. A size class (千亿级, 超千亿元的) makes the count a value (4个千亿级产业集群),
# and so does a verb that makes them (打造, 培育, 形成)
_INDUSTRY_SET_AFTER = re.compile(r"[^，,。；;\d级亿]{0,8}?(?:产业链|产业集群|集群|产业群|工业大类|战略性新兴产业)")
_DESIGNATED = re.compile(r"重点|主导")
_FOCUS_BEFORE = re.compile(r"(?:聚焦|重点发展|壮大|支持|围绕|落实|拥有)[^，,。；;\d]{0,6}$")


def set_of_industries_worked_on(c: Candidate) -> bool:
    """34条重点产业链, 聚焦11条产业链, 壮大7个先进制造业集群: how many chains or clusters a government names as
    those it works on is the scope of its work, no quantity of the economy."""
    if c.unit not in ("个", "条") or (end := _INDUSTRY_SET_AFTER.match(c.s, c.b)) is None:
        return False
    return _DESIGNATED.match(c.s, c.b) is not None \
        or _FOCUS_BEFORE.search(c.s, max(c.clause, c.a - 10), c.a) is not None and "级" not in c.s[end.end():end.end() + 1]


# N个<members>…(均)超过 X: a count of members (cities, industries) in the clause, then a bound each passes
_GROUP_PASSES = re.compile(r"(?:\d+|[一二三四五六七八九十两]+)\s*个[^，,。；;\d]{1,16}?(?:均|都|全部)?(?:超过了?|超出|超|高于|快于)\s*$")


def bound_passed_by_each_of_a_group(c: Candidate) -> bool:
    """6个盟市的工业增加值增速均超过了32%, 4个行业投资增速超50%: the bound a counted group of members passes is
    no figure of the place (nor of any one member)."""
    # (rates only: an amount so passed, 6个城区的地区生产总值超过500亿元, names what the next place's figure is of)
    return c.unit in ("%", "％") and c.a - c.clause > 4 and "个" in c.s[c.clause:c.a] \
        and _GROUP_PASSES.search(c.s, max(c.clause, c.a - 30), c.a) is not None


Rejection = Callable[[Candidate], bool]

# Cheap and frequent first, clause scans last (the order does not change the result: see the docstring).
REJECTIONS: tuple[Rejection, ...] = (
    in_title_or_file_number,
    part_of_latin_name,
    rank_or_date,
    size_word,
    ordinal_or_span,
    span_of_time,
    days_not_counted,
    structure_ratio,
    in_quoted_code,
    chinese_numeral_as_word,
    bare_number_not_reached,
    qualifies_a_noun,
    subsidy_amount,
    sizes_what_is_counted_after,
    size_class_of_a_noun,
    sizes_what_is_counted_before,
    factor_of_a_product,
    counts_the_names_listed,
    counts_an_open_list,
    counts_the_set_reported_on,
    how_many_kinds,
    size_of_one_project,
    condition_of_a_batch,
    scope_of_a_programme,
    estimate,
    comparison_with_another_place,
    progress_against_plan,
    share_of_a_larger_place,
    gap_in_points,
    gap_to_another_rate,
    change_against_another_period,
    tally_of_categories,
    sample_rate_of_a_survey,
    place_in_a_ranking,
    ratio_in_words,
    tally_of_indicators,
    steps_climbed,
    policy_named_by_its_articles,
    attendance_or_votes,
    aspects_of_the_work,
    tally_of_places,
    honours_won,
    effort_of_the_government,
    set_of_industries_worked_on,
    bound_passed_by_each_of_a_group,
)


def rejected_by(c: Candidate, rules: tuple[Rejection, ...] = REJECTIONS) -> Rejection | None:
    """The first rule that rejects the candidate, or None when it is a value."""
    for rule in rules:
        if rule(c):
            return rule
    return None

