"""Value mentions in a prose sentence: the number, its unit, comparator, the indicator it measures, cues.

Works on a Sentence's clean view (no whitespace, half-width digits). Shared by targets and actuals:
what a mention *is* (target or actual, which kind) is decided by the caller from the cues here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from plantrack.extract.numbers import CN_NUMERAL, parse_number
from plantrack.extract.units import COUNT_UNITS, UNIT_PATTERN

_NUM = r"\d+(?:\.\d+)?"
_CN = f"[{CN_NUMERAL}]+"
VALUE_RE = re.compile(
    rf"(?<![\d.{CN_NUMERAL}])(?P<neg>-)?(?P<num>{_NUM}/{_NUM}|{_NUM}|{_CN})"
    rf"(?:(?:-|~|至|—{{1,2}}|－)(?P<hi>{_NUM}|{_CN}))?"
    rf"(?P<approx>余|多)?(?P<unit>{UNIT_PATTERN})?(?P<post>及以上|以上|以下|以内|左右|多|余)?"
)
# The same matches, found about twice as fast: the lookahead names the characters every match starts with
# (the leading lookbehind keeps the regex engine from skipping ahead to them by itself).
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
# the last character of every _PRE_COMPARATOR word (and a newline, which `$` may stand before)
_COMPARATOR_LAST = set("于≥=上的以内在过超>≤<\n") | {w[-1] for p, _ in _PRE_COMPARATOR
                                                      for w in p.pattern[1:p.pattern.index(")")].split("|")}
_POST_COMPARATOR = {"以上": ">=", "及以上": ">=", "以下": "<=", "以内": "<=", "左右": "~", "多": ">", "余": ">"}

HARD_DELIMS = "，,；;：:。！？!?"
_LEADING = re.compile(
    r"^(?:[、和及与并且或——\-]+|[一二三四五六七八九十]+[、.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、]"
    r"|(?:力争|争取|确保|努力|预计|计划|其中|同时|并且|并|全面|进一步|持续|基本|年内|此外|另外|总体上?|力求|累计)"
    r"|(?:到|至|在|截至|截止)?(?:20\d\d|“十[一二三四五六七八九]五”|十[一二三四五六七八九]五)(?:年)?(?:底|末|期末|前|期间|时期|以来)?"
    r"|(?:到|至)?(?:期末|末期|规划期末|规划期内|规划期)"
    r"|(?:目前|现有|现已|已|共有|拥有|集聚|聚集|产出|生产(?![总性率力])|去年|今年|上年(?!末))"
    r"|全(?:区|县|市|省|州|旗|盟|年)(?=[\u4e00-\u9fff])(?!首)"
    r"|(?:相比于?|相较于?|较|与)(?:20\d\d年(?:底|末)?|“?十[一二三四五六七八九]五”?(?:初|期初|末))(?:相比)?"
    r"|(?:培育|打造|建设|引进|认定|创建|实施|推动|引导|开展|完成|形成|争创|新培育|新认定|实现|推进|支持|鼓励))+"
)
_TRAILING = re.compile(
    r"(?:达到|达|提高至|提高到|提升至|提升到|增加至|增加到|增长至|增长到|突破|超过|超|不低于|不少于|不高于|"
    r"不超过|低于|高于|大于|小于|力争|争取|保持在|稳定在|控制在|降至|降低至|降低到|下降到|下降至|下降|降低|减少|增长|"
    r"年均增长|年均|分别|均|为|在|实现|完成|稳定|保持|提高|提升|累计|共|总计|合计|较\d{4}年|比\d{4}年|接近|将近|可比|"
    r"迈上|跃上|跨上|站上|迈入|跻身|跨入|升至|"
    r"较基期|同比|比上年|较上年|平均|两年平均|三年平均|约|近|逾|已|有|共有|拥有|新增|达到了|由[^，]*?)+$"
)
_VERB_WORDS = (
    "累计新增|累计建成|累计培育|新培育|新认定|新引进|新开展|新增|新建|培育|建成|打造|建设|引进|认定|创建|实施|推动|"
    "引导|完成|形成|争创|累计|开展|获评|评为|入选|拥有|每年|构建|建立|至少|加速|加快|着力|大力|重点|力争|争取|确保|"
    "全力|积极|逐步|初步|组建|布局|招引|引育|落地|开工|达到|实现|共|再|新|规划|扶持|支持|开发|认证|引入|发展|包括|包含|"
    "推进|遴选|储备|争取|力求|努力|计划|预计|将|要|并|和|及|与|在|年产能|年产|产能|规模|全区|全市|全县|我区|我市|聚焦"
)
_VERB_ONLY = re.compile(f"^(?:{_VERB_WORDS})*$")
_CREATE_VERB_END = re.compile(
    r"(?:培育|创建|开发|建成|打造|建设|引进|认定|新增|新建|实施|形成|争创|招引|引育|组建|建立|构建|创成|获评|培养|"
    r"推广|研发|新培育|新认定|新引进|落地|开工|布局|储备|遴选|入选|评为|完成|推出|推荐)(?:至少|不少于|超过|了)?$"
)
_MEASURE_ONLY = re.compile(r"^(?:占|比重|占比|增速|增幅|增长率|年均增速|年均增长率|年平均增长率|平均增长率|年均增长|年平均增长)")
_SCOPE = re.compile(r"^([\u4e00-\u9fff]{2,8}?(?:组团|片区|工业园区|产业园区|工业园|产业园|示范园|开发区|高新区|集聚区|新城|园区))")
_NEXT_NOUN_END = re.compile(rf"[，,；;。、：:]|(?:和|及|与|并)(?:{_VERB_WORDS})|\d+(?:\.\d+)?(?:{UNIT_PATTERN})")
_TAIL_START = re.compile(r"的|增加值|产值|营业收入|占|比重|比例|企业")
_MEASURE_END = re.compile(r"(率|比重|比例|值|额|数|量|收入|企业|强度|指数|占比)$")
_COUNTED = re.compile(r"([一二三四五六七八九十两]+|\d+)[类个项家大种]")

SUBSIDY = re.compile(r"给予|奖励|补助|补贴|奖补|资助|贴息|一次性|最高|扶持资金|专项资金|资金支持")
COMPARISON = re.compile(
    r"(?:比|较|高于|低于|快于|慢于|超过|领先)(?:全国|全省|全市|全区|全县|平均|同类|周边|[\u4e00-\u9fff]{1,4}(?:省|市|区|县))"
    r"[^，,；;。]*?(?:高|低|快|慢|多|少)?$"
)


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
    bracket: bool = False
    noun_after: str | None = None
    scope: str | None = None
    goal: bool = False  # 目标X: the value is the goal of the year, whatever the document is
    done: bool = False  # …，完成Y after a goal: what was achieved against it
    first: bool = False  # 首家: a count of one written as a word
    magnitude: bool = False  # 迈入千亿级: a size class read as a floor on the amount


_HARD_DELIM = re.compile(f"[{re.escape(HARD_DELIMS)}]")
_STOP = re.compile("[。；;]")


def _positions(pattern: re.Pattern, s: str) -> list[int]:
    return [m.start() for m in pattern.finditer(s)]


class _Seen:
    """Does `pattern` (matches at most `longest` characters) match inside s[start:end]?

    For one start and growing ends (the values of a sentence, in order) each stretch of the text is
    searched about once, so a clause with thousands of values costs linear time, not quadratic.
    """

    __slots__ = ("s", "pattern", "longest", "state")

    def __init__(self, s: str, pattern: re.Pattern, longest: int) -> None:
        self.s, self.pattern, self.longest = s, pattern, longest
        self.state: dict[int, tuple[int, bool]] = {}

    def __call__(self, start: int, end: int) -> bool:
        if end - start <= 64:
            return self.pattern.search(self.s, start, end) is not None
        upto, found = self.state.get(start, (start, False))
        if end < upto:
            return self.pattern.search(self.s, start, end) is not None
        if not found:  # a match not seen yet ends after `upto`, so it starts after upto - longest
            found = self.pattern.search(self.s, max(start, upto - self.longest + 1), end) is not None
            self.state[start] = (end, found)
        return found


class _Index:
    """Positions in one sentence, found once: clause and sentence stops, brackets, 一批, 的.

    Replaces scans of the text before or after each value (rfind, s[:i].count, finditer from the
    clause start), which made a sentence with thousands of values quadratic.
    """

    def __init__(self, s: str) -> None:
        self.s = s
        self._delims: list[int] | None = None
        self._stops: list[int] | None = None
        self._de: list[int] | None = None
        self._brackets: tuple[list[int], ...] | None = None
        self._batches: tuple[list[int], list[int]] | None = None
        self._seen: dict[str, _Seen] = {}
        self._subsidy: dict[int, bool] = {}
        self._nouns: dict[int, str] = {}
        self._projects: list[int] | None = None
        self.nested = "《" in s or "〔" in s

    @property
    def delims(self) -> list[int]:
        if self._delims is None:
            self._delims = _positions(_HARD_DELIM, self.s)
        return self._delims

    def clause_start(self, i: int) -> int:
        """max(s.rfind(d, 0, i) for d in HARD_DELIMS) + 1"""
        k = bisect_left(self.delims, i)
        return self.delims[k - 1] + 1 if k else 0

    def clause_end(self, i: int) -> int:
        """min(s.find(d, i) for d in HARD_DELIMS), else len(s)"""
        k = bisect_left(self.delims, i)
        return self.delims[k] if k < len(self.delims) else len(self.s)

    def depth_ok(self, i: int) -> bool:
        if not self.nested:
            return True
        if self._brackets is None:
            self._brackets = tuple([j for j, ch in enumerate(self.s) if ch == c] for c in "《》〔〕")
        o1, c1, o2, c2 = (bisect_left(p, i) for p in self._brackets)
        return o1 <= c1 and o2 <= c2

    def stops(self) -> list[int]:
        if self._stops is None:
            self._stops = _positions(_STOP, self.s)
        return self._stops

    def de(self) -> list[int]:
        if self._de is None:
            self._de = [j for j, ch in enumerate(self.s) if ch == "的"] if "的" in self.s else []
        return self._de

    def batches(self) -> tuple[list[int], list[int]]:
        if self._batches is None:
            found = list(_BATCH.finditer(self.s))
            self._batches = ([m.start() for m in found], [m.end() for m in found])
        return self._batches

    def subsidy(self, clause_start: int) -> bool:
        """SUBSIDY anywhere in the clause (the same for every value in it)."""
        found = self._subsidy.get(clause_start)
        if found is None:
            found = self._subsidy[clause_start] = bool(SUBSIDY.search(self.s, clause_start,
                                                                      self.clause_end(clause_start)))
        return found

    def project_size(self, b: int) -> bool:
        """_PROJECT_SIZE in s[b:clause end] (its words never overlap, so finditer finds every one)."""
        if self._projects is None:
            self._projects = _positions(_PROJECT_SIZE, self.s)
        k = bisect_left(self._projects, b)
        return k < len(self._projects) and self._projects[k] + 2 <= self.clause_end(b)

    def noun_after(self, end: int) -> str:
        """_noun_after(s, end), found once (the filters and the indicator rules ask up to five times)."""
        noun = self._nouns.get(end)
        if noun is None:
            noun = self._nouns[end] = _noun_after(self.s, end)
        return noun

    def seen(self, name: str, pattern: re.Pattern, longest: int, start: int, end: int) -> bool:
        seen = self._seen.get(name)
        if seen is None:
            seen = self._seen[name] = _Seen(self.s, pattern, longest)
        return seen(start, end)


_CATEGORY_NOUN = re.compile(
    r"(?:主导|特色|重点|优势|细分|核心)?(?:产业|领域|细分领域|方向|板块|赛道)(?!集群|园|基地|链|项目|联盟|化|集聚区|示范)")
_PROJECT_SIZE = re.compile(r"项目|达产|投产")
_SCOPE_VERB = r"(?:围绕|聚焦|依托|立足|针对|面向)"
_BATCH = re.compile(r"一批|一大批|若干")
_CLAUSE_VERB = re.compile(r"达到|新增|培育|建成|打造|引进|创建|力争|实现|累计|提高|提升|增长")


_NAME_END = re.compile(r"[\u4e00-\u9fff”）)]")
_TWO_NAME_CHARS = re.compile(r"[\u4e00-\u9fff“]{2}")
_ACHIEVED = re.compile(r"建成|获批|获评|荣获|入选|成功|已")


def _names_categories(s: str, clause_start: int, a: int, b: int, num: str) -> bool:
    """A count right after an enumeration of that many names, followed by the noun naming them."""
    value = parse_number(num)
    if value is None or value < 2 or a <= clause_start or not _NAME_END.match(s, a - 1):
        return False
    if not _TWO_NAME_CHARS.match(s[b:b + 2]):
        return False
    pre = s[clause_start:a]
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
    # 建成A和B2家实验室: counting named items already achieved is a fact; naming what to pursue is not a count
    return not _ACHIEVED.search(pre)


def _inside_batch_qualifier(ix: _Index, a: int, b: int) -> bool:
    """一批 …X… 的 noun: X qualifies the batch (年产值超过1亿元的企业), it is not a value of its own."""
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
        return False  # a 的 between 一批 and the value closes the qualifier
    k = bisect_left(stops, b)
    end = stops[k] if k < len(stops) else len(ix.s)
    k = bisect_left(de_all, b)
    de = de_all[k] if k < len(de_all) and de_all[k] < end else -1
    if de < 0 or de - b > 40:
        return False
    # a new verb in between starts a statement of its own (培育一批龙头企业，新增规上企业30家…)
    return not (ix.seen("clause_verb", _CLAUSE_VERB, 2, batch_end, a) or _CLAUSE_VERB.search(ix.s, b, de))


def _in_code_name(s: str, a: int, b: int) -> bool:
    """The number sits inside a quoted code (“2349”现代制造业集群体系, “1+2+8+N”)."""
    open_at = s.rfind("“", 0, a + 1)
    if open_at < 0 or s.find("”", open_at, a) >= 0:
        return False
    return _CODE_NAME.match(s, open_at) is not None


def _clause_start(s: str, i: int) -> int:
    return max(s.rfind(d, 0, i) for d in HARD_DELIMS) + 1


def _trailing_last_chars() -> frozenset[str]:
    """The characters a _TRAILING match can end with: each word's last one (由… can end anywhere)."""
    words = _TRAILING.pattern[3:-3].split("|")
    assert _TRAILING.pattern.startswith("(?:") and _TRAILING.pattern.endswith(")+$")
    last = {w[-1] for w in words if not w.startswith("由")}
    assert all("\u4e00" <= c <= "\u9fff" for c in last), last  # literal CJK endings only
    return frozenset(last | {"\n"})  # `$` also matches before a final newline


_TRAILING_LAST = _trailing_last_chars()


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


_NOUN_QUALIFIER_END = re.compile(r"(?:超过|超|不低于|以上|达到|达|年产值|产值|收入)$")
_NOUN_LEAD = re.compile(r"^(?:以上|左右|以下|的)+")
_CAPACITY_WORD = re.compile(r"生产能力|产能|生产规模")


def _noun_after(s: str, end: int) -> str:
    """The noun a value counts when it comes first (新增5家 国家级企业); internal qualifiers are kept."""
    stop = len(s)
    for m in _NEXT_NOUN_END.finditer(s, end):
        if m.group()[0].isdigit() and (m.start() == end or _NOUN_QUALIFIER_END.search(s[end:m.start()])):
            continue  # 年产值超过50亿元企业 / 1个50亿元以上项目: the 50亿元 belongs to the noun
        stop = m.start()
        break
    noun = s[end:stop]
    noun = _NOUN_LEAD.sub("", noun)
    cap = _CAPACITY_WORD.search(noun)
    if cap:
        noun = noun[:cap.end()]  # 千万吨骨料和水泥产能保障基地: what is measured ends at 产能
    return noun.rstrip("的和及与、")


MAYBE_VALUE = re.compile(rf"[\d{CN_NUMERAL}]|翻|全|首")  # every value, doubling, coverage or 首家 word has one
_LATIN = re.compile(r"[A-Za-z]")
_RANK_AFTER = re.compile(r"(?:级|强)")
_TIME_AFTER = re.compile(r"(?:年|月|日|号|届|周年|期|季度|次会|批次|版|代|位|名)")
_SIZE_AFTER = re.compile(r"[亿万千百]")
_ORDINAL_BEFORE = re.compile(r"(?:第|前|后|每隔|满|连续)$")
_DURATION_AFTER = re.compile(r"[年月日天周]|季度|小时")  # 近3个月, 5个工作日 are spans of time
_DURATION_FIRST = frozenset("年月日天周季小")
_NOTE_FIRST = frozenset("注【[图表") | {chr(c) for c in range(ord("①"), ord("⑳") + 1)}
# A number measured against a plan, not the indicator's value: 完成年度目标的52%, 高于计划目标0.7个百分点,
# 超序时进度3个百分点.
_VS_PLAN = re.compile(
    r"(?:完成|达到?|占|为)(?:年度|全年|年初|年|计划|预期|既定)*(?:目标|计划|任务)+的"
    r"|(?:高于|低于|快于|慢于|超出|超过|超|落后于?)(?:年度|全年|年初|既定)?(?:计划|预期|目标|任务|序时进度|时序进度)+"
    r"|序时进度|时序进度")
VS_PLAN = _VS_PLAN  # statements: a 目标 inside a comparison with the plan is no target cue
# A quoted code such as “2349”, “1+2+8+N”, “4+2”: the name of a programme, its digits are no value.
_CODE_NAME = re.compile(r"“[\dA-Za-z+＋N、.一二三四五六七八九十百千万亿]+”")
# Lines that explain or caption, not report: 注1：…, 【1】…, ①…, [2]…, 图1 …, 表2 …
_NOTE_LINE = re.compile(r"^\s*(?:注\s*\d*\s*[：:]|注释|【\d+】|\[\d+\]|[①-⑳]|[图表]\s*\d+(?:[-.－]\d+)?(?![\d.%]))")
# A size class as the complement of a reaching verb (产业规模迈入千亿级) or of a named cluster being built
# (打造千亿级汽车产业集群) is a floor on the amount; before a count (2个千亿级产业) or a batch (一批百亿级…)
# it only classifies.
_CLASS_VALUE = re.compile(
    r"(?:(?:达到|迈入|迈上|跻身|跨入|突破|成为|升至)(?:[“”])?(?P<num>[一二两三四五六七八九十百千\d]*[十百千万])亿"
    r"(?P<cls>级)(?:产业|规模|水平|行列|大关)?(?=[，。；;,]|$)"
    r"|(?<=打造|建成|培育|壮大)(?P<num2>[一二两三四五六七八九十百千\d]*[十百千万])亿(?P<cls2>级)"
    r"(?P<noun>[\u4e00-\u9fff]{2,8}?(?:产业集群|产业链|产业))(?=[，。；;,、]|$))")
_SHARE_OF_HIGHER = re.compile(r"占全(?:国|省|市)(?:的)?(?:比重|份额|比例)?(?:为|达到|达|约|近|超过)?$")
_COUNT_CHARS = frozenset(COUNT_UNITS)
_COUNT_BEFORE = re.compile(rf"(?:\d+|[{CN_NUMERAL}]+)(?:{'|'.join(COUNT_UNITS)})$")
_SIZED_NOUN = re.compile(r"[\u4e00-\u9fff]{0,10}?(?:项目|企业)")
_COUNT_LATER = re.compile(rf"\d+(?:{'|'.join(COUNT_UNITS)})")
# 工业用地按不低于城市建设用地30%的比例配置: a share of the base named before the value, for the subject before 按
_RATIO_RULE = re.compile(r"(?P<subj>[\u4e00-\u9fff]{2,10})按(?:照)?(?:原则上)?"
                         r"(?P<cmp>不低于|不高于|不少于|不超过|不多于)?(?P<base>[\u4e00-\u9fff]{2,12})$")
_PRE_COMPARATOR_WORDS = {"不低于": ">=", "不少于": ">=", "不高于": "<=", "不超过": "<=", "不多于": "<="}
_ABOVE = re.compile(r"高于|低于|快于|慢于|领先|落后")
_GAP_TO_RATE = re.compile(r"(?:高于|低于|快于|慢于|领先|落后)[^，,。；;]{0,16}(?:增速|增幅|速度|平均水平)$")
_FIRST_VERB = re.compile(r"(?:建成|打造|创建|培育|建设|引进|落地|争创|创成|获批|设立|组建)[\u4e00-\u9fff]{0,6}$")
_FIRST_RE = re.compile(r"(?<=[国省市区县内部南北东西内外])首(?P<unit>家|个|座|台|条|所|艘|款)")
# A bare 亿 after a money word (产值突破百亿): 亿元; elsewhere (人口突破1亿) it is not money.
_MONEY_WORD = re.compile(r"产值|收入|营收|规模|投资|总额|增加值|税收|产出|总值|总量|销售额|利润|资产|贷款|存款|消费|出口|进口|交易额|GDP")
_BARE_YI_END = re.compile(r"(?:[，,；;。！？!?、：:）)]|$|以上|左右|大关|新?台阶|的目标)")
_CLAUSE_END_CHARS = frozenset("，,；;。！？!?")
# `$`-anchored patterns are searched in a window before the value as wide as their longest match
# (+1: `$` also matches before a final newline), not in the whole text before it.
_CN_VERB_END = re.compile(r"(?:达到|达|培育|打造|建成|新增|引进|建设|形成|创建|认定|新建|争创|突破|超过|超|破|实现)$")
_CN_ROUND = re.compile(r"[一二两三四五六七八九]?[十百千]")
_CN_WORD_AFTER = re.compile(r"[“”\"]?(?:个|倍增|作用|批|方面|体系|层次)")
_BARE_VERB_END = re.compile(r"(?:达到|提高至|提高到|提升至|提升到|保持在|稳定在|控制在|超过|不低于|达)$")
# A unitless ratio or index stated as such: 人口性别比（以女性为100）为103.2, 恩格尔系数为28.5
_RATIO_NAME_IS = re.compile(r"(?:性别比|系数|指数)(?:[（(][^（）()]{0,12}[）)])?(?:为|是)$")
_CJK_AFTER = re.compile(r"[\u4e00-\u9fff]")
_APPROX_AFTER = re.compile(r"(?:以上|左右|以下)")
_QUALIFIER_AFTER = re.compile(r"(?:（含）)?(?:以上|以下)?的")
_INCLUSIVE_AFTER = re.compile(r"（含）")
_MONEY_UNITS = ("元", "万元", "亿元", "千元")
_MONEY_WON = re.compile(r"争取|获得|获批|到位|兑现|拨付")
_SIZE_CLASS_AFTER = re.compile(r"(?:企业|项目|工业企业|规上|规模以上|的)")
_TIMES_BEFORE = re.compile(r"[×*xX]$")
_TIMES_AFTER = re.compile(r"[×*]")
_SCOPE_VERB_END = re.compile(_SCOPE_VERB + "$")
_SCOPE_VERB_START = re.compile(_SCOPE_VERB)
_OUTCOME_VERB = re.compile(r"培育|打造|建成|新增|达到")
_ESTIMATE = re.compile(r"预计")
_ESTIMATE_TO = re.compile(r"预计到")
# COMPARISON's head: inside one clause (no ，,；;。) the rest of COMPARISON always matches up to its end.
_COMPARISON_HEAD = re.compile(
    r"(?:比|较|高于|低于|快于|慢于|超过|领先)(?:全国|全省|全市|全区|全县|平均|同类|周边|[\u4e00-\u9fff]{1,4}(?:省|市|区|县))")
_VS_YEAR = re.compile(r"(?:较|比)20\d\d年")
_PROGRAMME_AFTER = re.compile(r"行动|工程|计划|战略|专项|活动")
_DIGIT = re.compile(r"\d")
# the characters the patterns above can open with
_RANK_TIME_FIRST = frozenset("级强年月日号届周期季次批版代位名")
_SIZE_FIRST = frozenset("亿万千百")
_QUALIFIER_FIRST = frozenset("（以的")
_SIZE_CLASS_FIRST = frozenset("企项工规的")
_TIMES_FIRST = frozenset("×*")


def find_mentions(s: str) -> list[Mention]:
    """Every plausible value in a sentence, with the indicator it belongs to."""
    if not MAYBE_VALUE.search(s):
        return []  # no digit, numeral, 翻, 全 or 首: nothing below can match
    if s.lstrip()[:1] in _NOTE_FIRST and _NOTE_LINE.match(s):
        return []  # a footnote or a caption explains the figures, it reports none
    ix = _Index(s)
    raw: list[Mention] = []
    # asked once per sentence: most sentences hold no quote and no plan comparison
    quoted = "“" in s
    ratios: dict[int, str] = {}
    vs_plan = _VS_PLAN.search(s) is not None
    for m in _VALUE_SCAN.finditer(s):
        num, unit, post = m.group("num"), m.group("unit"), m.group("post") or ""
        chinese = num[0] in CN_NUMERAL
        if chinese and (unit is None and not s.startswith("亿", m.end()) or unit == "%" or post or m.group("hi")):
            continue  # the first rule for Chinese numerals below, checked first: most of them stop here
        a, b = m.start(), m.end()
        after = s[b:b + 4]
        nxt = s[b:b + 1]  # the patterns read after the value are tried only when it can open one of them
        before = s[max(0, a - 6):a]
        if not ix.depth_ok(a):
            continue
        if unit is None and nxt == "亿" and _BARE_YI_END.match(s, b + 1) \
                and _MONEY_WORD.search(s, ix.clause_start(a), a):
            unit, b = "亿", b + 1  # 产值突破百亿: a sum of money in 亿元
            after, nxt = s[b:b + 4], s[b:b + 1]
        if a and _LATIN.match(s, a - 1) and (unit is None or unit in COUNT_UNITS or unit == "%"):
            continue  # 5G, PM2.5, GB50016: part of a name; PET100万吨/年 is a quantity after a product code
        if nxt in _RANK_TIME_FIRST and (_RANK_AFTER.match(after) or unit is None and _TIME_AFTER.match(after)):
            continue
        if unit is None and nxt in _SIZE_FIRST and _SIZE_AFTER.match(after):
            continue  # 500亿光伏产业园: a size word, not a value
        if _ORDINAL_BEFORE.search(before):
            continue
        if unit in COUNT_UNITS and nxt in _DURATION_FIRST and _DURATION_AFTER.match(s, b):
            continue  # 近3个月: a span of time
        if nxt in "：:" and s[b + 1:b + 2].isdigit() or a > 1 and s[a - 1] in "：:" and s[a - 2].isdigit():
            continue  # 6.5：55.8：37.7, a structure ratio: its parts are not named, so no value is read
        if quoted and _in_code_name(s, a, b):
            continue
        if chinese:
            # Chinese numerals only right after a verb (培育两个, 建成千家, 产值超千亿元, 形成千万吨产能):
            # elsewhere (三大产业, 千亿级集群) they are words.
            if unit is None or unit == "%" or m.group("hi") or post:
                continue
            if not _CN_VERB_END.search(s, max(0, a - 3), a) and not (
                    unit in COUNT_UNITS and _CN_ROUND.fullmatch(num) and (b == len(s) or s[b] in _CLAUSE_END_CHARS)):
                continue  # 实施技术改造项目千项: a round count closing its clause is a value too
            if unit not in COUNT_UNITS and not _CN_ROUND.fullmatch(num):
                continue  # 千亿元 / 两百万吨 read as a round size; 一二三亿元 is not a number
            if _CN_WORD_AFTER.match(s[b:b + 3]):
                continue
        if unit is None:
            if not _BARE_VERB_END.search(s, max(0, a - 4), a) and not _RATIO_NAME_IS.search(s, max(0, a - 20), a):
                continue
            if _CJK_AFTER.match(after) and not post:
                if not _APPROX_AFTER.match(after):
                    continue
        ratio = None
        if unit == "%" and s.startswith("的比例", b):
            ratio = _RATIO_RULE.search(s, ix.clause_start(a), a)  # 工业用地按不低于城市建设用地30%的比例配置
        if ratio is None and nxt in _QUALIFIER_FIRST and (
                _QUALIFIER_AFTER.match(s[b:b + 6]) or _INCLUSIVE_AFTER.match(s[b:b + 3])):
            continue  # 年营业收入超1亿元的企业: a qualifier, not a value
        start_clause = ix.clause_start(a)
        if unit in _MONEY_UNITS and ix.subsidy(start_clause) \
                and not ix.seen("won", _MONEY_WON, 2, start_clause, a):  # money won is a result
            continue
        if unit in _MONEY_UNITS and post in ("以上", "及以上") and _SIZED_NOUN.match(s, b) \
                and _COUNT_LATER.search(s, b, ix.clause_end(b)):
            continue  # 新增10亿元以上先进制造业项目不低于15个: the money sizes the projects counted after
        if ratio is None and unit and nxt in _SIZE_CLASS_FIRST and unit not in COUNT_UNITS \
                and _SIZE_CLASS_AFTER.match(s[b:b + 4]):
            continue  # 50亿元以上项目2个: a size class, the value is the count that follows
        if unit and unit not in COUNT_UNITS and a > 1 and s[a - 1] in _COUNT_CHARS \
                and _COUNT_BEFORE.search(s, max(0, a - 8), a):
            continue  # 1个50亿元及以上项目: the money sizes what the count before it counts
        if a and _TIMES_BEFORE.search(s, a - 1, a) or nxt in _TIMES_FIRST and _TIMES_AFTER.match(nxt):
            continue
        if unit in COUNT_UNITS and not (nxt in _MAGNITUDE_FIRST and _MAGNITUDE_CLASS.match(s, b)) \
                and _names_categories(s, start_clause, a, b, m.group("num")):
            continue  # 新材料、生物医药、数字经济3个未来产业: counts the listed names, not an outcome
        if unit in COUNT_UNITS and _CATEGORY_NOUN.match(ix.noun_after(b)):
            continue  # 每个组团确立不超过2个主导产业: a rule on how many kinds, not a quantity to reach
        if unit and unit not in COUNT_UNITS and unit != "%" and unit not in _MONEY_UNITS \
                and ix.project_size(b):
            continue  # 支持某企业34万吨电解铝项目达产: the size of one project, not the district's goal
        if _inside_batch_qualifier(ix, a, b):
            continue  # 培育一批年产值超过1亿元、税收超过1000万元的企业: conditions of an uncounted batch
        if _SCOPE_VERB_END.search(s, max(start_clause, a - 3), a) or _SCOPE_VERB_START.match(s, start_clause, a) \
                and unit in COUNT_UNITS \
                and not ix.seen("outcome", _OUTCOME_VERB, 2, start_clause, a):
            continue  # 围绕50家骨干企业: the programme's scope, not an outcome
        if ix.seen("estimate", _ESTIMATE, 2, start_clause, a) \
                and not ix.seen("estimate_to", _ESTIMATE_TO, 3, start_clause, a):
            continue  # 预计新增产值5.5亿元: an estimate, neither a target nor an actual
        if ratio is None and ix.seen("comparison", _COMPARISON_HEAD, 7, start_clause, a) \
                and not ix.seen("vs_year", _VS_YEAR, 7, start_clause, a):
            continue
        if vs_plan and ix.seen("vs_plan", _VS_PLAN, 12, start_clause, a):
            continue  # 完成年度目标的52%: progress against a plan is neither the target nor the actual
        if "占全" in s and _SHARE_OF_HIGHER.search(s, max(start_clause, a - 14), a):
            continue  # 占全市的1/5: the place's weight in a larger one, not a value of its own indicator
        if unit in ("个百分点", "百分点") and ix.seen("above", _ABOVE, 2, start_clause, a):
            continue  # 高于社会消费品零售总额增速11.1个百分点: a gap to another figure, not a change of its own
        if _GAP_TO_RATE.search(s, max(start_clause, a - 24), a):
            continue  # 高于社零增速11.1(个百分点, cut off): whatever unit follows, a gap to another rate
        if unit in COUNT_UNITS and s.startswith("指标", b):
            continue  # 32项指标中，17项…: a tally of a plan's indicators
        comparator = "="
        if a and s[a - 1] in _COMPARATOR_LAST:
            for pattern, comp in _PRE_COMPARATOR:
                if pattern.search(s, max(start_clause, a - 6), a):
                    comparator = comp
                    break
        if post in _POST_COMPARATOR:
            comparator = _POST_COMPARATOR[post]
        elif m.group("approx") and unit:
            comparator = ">"
        hi = m.group("hi")
        if hi:
            comparator = "range"
        value_raw = ("-" if m.group("neg") else "") + num
        if "/" in num:
            value = parse_number(num)
            value = None if value is None else round(value * 100, 2)
            unit = unit or "%"
        else:
            value = parse_number(value_raw)
        bracket = s[max(0, a - 1):a] == "【"
        # `pre` is set by _assign_indicators
        raw.append(Mention(a, b, value_raw, value, hi, parse_number(hi) if hi else None, unit, comparator,
                           "", "", "", chinese=chinese, bracket=bracket))
        if ratio is not None:
            subject = re.split(r"[中在将把]", ratio.group("subj"))[-1]  # 规划中工业用地: the subject after 中
            ratios[a] = (subject if len(subject) >= 2 else ratio.group("subj")) + "占" + ratio.group("base") + "比例"
            if ratio.group("cmp"):
                raw[-1].comparator = _PRE_COMPARATOR_WORDS.get(ratio.group("cmp"), comparator)
    if "首" in s:
        for m in _FIRST_RE.finditer(s):
            lead = s[max(ix.clause_start(m.start()), m.start() - 8):m.start()]
            # 建成全市首家零碳产业园 creates one; 成为全市首家上市企业 is a firm's distinction, not a count
            if ix.depth_ok(m.start()) and _FIRST_VERB.search(lead) and "成为" not in lead:
                raw.append(Mention(m.start(), m.end(), m.group(), 1.0, None, None, m.group("unit"), "=", "", "", "",
                                   first=True))
    class_nouns: dict[int, str] = {}
    if "级" in s:
        for m in _CLASS_VALUE.finditer(s):
            if not ix.depth_ok(m.start()) or (quoted and _in_code_name(s, m.start(), m.end())):
                continue
            num = m.group("num") or m.group("num2")
            value = parse_number(num)
            if value is None:
                continue
            a, b = (m.start("num"), m.end()) if m.group("num") else (m.start("num2"), m.end("cls2"))
            raw.append(Mention(a, b, num, value, None, None, "亿", ">=", "", "", "", chinese=True,
                               magnitude=True))
            if m.group("noun"):  # 打造千亿级汽车产业集群: the class is the named cluster's output
                class_nouns[a] = m.group("noun")
    if "翻" in s:
        for m in DOUBLING_RE.finditer(s):
            if not ix.depth_ok(m.start()):
                continue
            if s[:m.start()].count("“") > s[:m.start()].count("”") and \
                    _PROGRAMME_AFTER.search(s, m.end(), ix.clause_end(m.end())):
                continue  # 实施“三年翻番”、…等四大行动: the name of a programme, not its goal
            pct = "300" if m.group() == "翻两番" else "100"
            raw.append(Mention(m.start(), m.end(), m.group(), float(pct), None, None, "%", "=", "", "", "",
                               doubling=True))
    if "全" in s:
        for m in FULL_COVERAGE_RE.finditer(s):
            ce = ix.clause_end(m.end())
            if _DIGIT.search(s, m.end(), ce) or "平均" in s[m.end():ce]:
                continue
            raw.append(Mention(m.start(), m.end(), m.group(), 100.0, None, None, "%", "=", "", "", "",
                               coverage=True))
    if not raw:
        return raw
    raw.sort(key=lambda x: x.start)
    _assign_indicators(s, raw, ix)
    for x in raw:
        if x.first:  # 建成全市首家零碳产业园: the thing counted follows the word
            x.indicator = clean_indicator(ix.noun_after(x.end))
        elif x.start in ratios:
            x.indicator = ratios[x.start]
        elif x.magnitude and x.start in class_nouns:
            x.indicator = class_nouns[x.start] + "产值"
        elif x.magnitude and x.noun_after:
            x.indicator = ""  # 全区跻身千亿级行列: no subject is named
        elif x.magnitude and x.indicator and not _MONEY_WORD.search(x.indicator):
            x.indicator += "规模"  # 智能装备产业迈入千亿级: the industry's size
    _pair_lists(s, raw)
    _share_capacity_tail(s, raw)
    return [x for x in raw if x.indicator]


_OPEN_BRACKETS_END = re.compile(r"[【（(“]+$")
_GROWTH_END = re.compile(r"(同比增长|同比下降|比上年增长|比上年下降|年均增长|平均增长|增长|下降|回落|提高|提升|增加)$")
_COUNT_LEAD = re.compile(r"^(?:年末|年底|全年|全区|全市|全县|全省|新增|新培育|培育|新建|建成|新认定|认定|累计|共有|拥有|现有|共)+")
_VS_LAST_YEAR = re.compile(r"^(?:比上年末?|较上年末?)")
_REACHES = re.compile(r"(?:并|且|将|力争|争取)?(?:达到|达|增至|提高到|提高至|提升到|提升至|升至|降至|为)")
_CHANGE_END = re.compile(r"(?:提高|提升|增长|增加|下降|降低|减少)$")
_CJK_CHARS = re.compile(r"[\u4e00-\u9fff]")
_AIM_LEAD = re.compile(r"^(?:力争|争取|确保|努力|其中|同时|并|实现)+")
_NEW_LEAD = re.compile(r"新增|新建|新培育|新认定|新引进|累计|每年")
_LEAD_NOISE = re.compile(r"\d{4}年|到|至少|至|以上|力争|累计")


def _assign_indicators(s: str, ms: list[Mention], ix: _Index) -> None:
    noun_after = ix.noun_after
    prev: Mention | None = None
    for m in ms:
        cs = ix.clause_start(m.start)
        same_clause = prev is not None and prev.end > cs
        seg_start = prev.end if same_clause else cs
        pre = s[seg_start:m.start]
        m.pre = pre
        # the clause's opening verb (建成 A 1个、B 15个) carries over its 、 list
        m.clause_cue = prev.clause_cue if same_clause and prev else s[cs:m.start]
        ind = clean_indicator(pre.lstrip("、和及与"))
        if ind and ind[-1] in "【（(“\n":  # _OPEN_BRACKETS_END ends the text (or stands before a final newline)
            ind = _OPEN_BRACKETS_END.sub("", ind)
        subject = _SUBJECT_HEAD.match(pre) if (
            same_clause and prev is not None and prev.noun_after == pre and prev.unit_raw in COUNT_UNITS) else None
        if subject:
            # 13家企业新利用闲置用地面积409亩: the count is of the subjects doing what the next value measures
            head, rest = subject.group(1), subject.group(2)
            noun = noun_after(m.end)
            if noun and len(rest) <= 4:  # 7家企业新利用6.9万平方米闲置厂房: the value comes before its noun
                rest = rest + noun
                m.noun_after = noun
            ind = rest
            prev.indicator = _MEASURE_TAIL.sub("", rest) + head
        elif prev is not None and prev.unit_raw == m.unit_raw and prev.indicator and not noun_after(m.end) and (
                bare := _BARE_COUNT.fullmatch(pre.lstrip("，,、"))):
            # 新增A 9家，累计32家 / 共有A 428家，新认定112家: a bare count belongs to the item just named
            base = _COUNT_LEAD.sub("", prev.indicator)
            verb = _VS_LAST_YEAR.sub("", bare.group(1))
            ind = base + "累计" if verb in ("累计", "共", "总计", "合计", "总数") else verb + base
        elif not ind and prev is not None and prev.indicator and not noun_after(m.end) \
                and _REACHES.fullmatch(pre.lstrip("，,")):
            # 比重提高2个百分点，达到32%: the level reached belongs to the subject just named
            ind = _CHANGE_END.sub("", prev.indicator)
        elif (not ind or _VERB_ONLY.match(ind)) \
                and (growth := _GROWTH_END.search(_TRAILING_SOFT.sub("", pre))) and prev is not None \
                and same_clause_or_near(prev, s, m.start):
            own = ind if ind and ind not in prev.indicator else ""  # 产能 in 摩托车…，产能提升x%
            ind = prev.indicator.split("同比")[0] + own + growth.group(1)
        elif m.unit_raw in COUNT_UNITS and (ind.endswith("等") or s[m.end:m.end + 1] in _MAGNITUDE_FIRST
                                            and _MAGNITUDE_CLASS.match(s, m.end)) \
                and len(_CJK_CHARS.findall(noun_after(m.end))) >= 2:
            # A、B 2个千亿级主导产业 / 榨菜等4个百亿级产业: the count is of the class named after it
            ind = noun_after(m.end)
            m.noun_after = ind
        elif not ind or _VERB_ONLY.match(ind) or (
                same_clause and prev is not None and prev.noun_after and pre.startswith(prev.noun_after)
                and _VERB_ONLY.match(pre[len(prev.noun_after):].strip("、和及与"))) or (
                m.unit_raw in COUNT_UNITS and _CREATE_VERB_END.search(pre)
                and len(_CJK_CHARS.findall(noun_after(m.end))) >= 2):
            # 在…企业中培育20家区级绿色工厂: a creating verb before the count, the noun after it is what is counted
            noun = noun_after(m.end)
            lead = _AIM_LEAD.sub("", s[cs:m.start] if not same_clause else "")
            lead = lead if _NEW_LEAD.search(lead) else ""
            lead = _LEAD_NOISE.sub("", lead)
            ind = (lead + noun) if noun else ""
            m.noun_after = noun or None
        elif _BARE_MEASURE.fullmatch(ind) and prev is not None and prev.indicator:
            # 新能源汽车产量突破30万辆，产值超千亿元: a bare measure word takes the subject just named
            ind = _BARE_MEASURE.sub("", _CHANGE_END.sub("", prev.indicator)) + ind
        elif _MEASURE_ONLY.match(ind) and prev is not None:
            subject = prev.indicator.split("占")[0]
            if prev.unit_raw in ("%", "％"):  # 增加值941亿元，增长0.9%，占…62.6%: the share is of the level
                subject = _GROWTH_END.sub("", subject)
            ind = subject + ind
        ind = ind.strip("，,、：:；;（(“”\"")
        if ind.count("“") != ind.count("”"):  # 新星”产业 after stripping: drop the orphaned quote
            ind = ind.replace("“", "").replace("”", "")
        goal = _GOAL_PRE.search(pre) if "目标" in pre or "计划" in pre else None
        if goal:
            # 规上工业产值目标500亿元 / 地区生产总值：年度目标增长7%: the year's goal, named by what precedes
            # the goal word, else by the subject the sentence opens with before its colon
            m.goal = True
            ind = clean_indicator(pre[:goal.start()]) or _colon_subject(s, m.start) or ""
        elif prev is not None and prev.goal and _DONE_AGAINST_GOAL.fullmatch(
                _PERIOD_LEAD.sub("", pre.lstrip("，,"))):
            # …，完成520亿元 / 实际完成增长12.3%: the result against the goal just stated
            m.done, ind = True, prev.indicator + (
                growth.group() if (growth := _GROWTH_WORD_END.search(pre)) else "")
        if ind.endswith("等") and "、" in ind:
            ind = ind.split("、")[0] + "等"  # A、B、C等7711.5万元: name the total by its first item
        if len(ind) > 40:
            ind = ind[-40:]
        m.indicator = ind
        sm = _SCOPE.match(ind)
        if sm and sm.group(1) != ind:
            m.scope = sm.group(1)
        prev = m


_GOAL_PRE = re.compile(r"(?:(?:年度|全年|预期|计划)?目标(?:值|任务)?|(?:年度|全年)?计划)(?:为|是)?[：:]?"
                       r"(?:增长|下降|达到|完成)?$")
_DONE_AGAINST_GOAL = re.compile(
    r"(?:实际|全年|累计)?(?:完成|实现|达到|达)?(?:值)?(?:为)?(?:同比)?(?:增长|下降)?(?<=.)")
# the period a result is reported for (1-6月完成增长6.2%), read by the period logic, no part of the wording
_PERIOD_LEAD = re.compile(r"^(?:\d{1,2}[-—－~至]\d{1,2}月|[一二三四]季度|上半年|前三季度|全年)")


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
_MAGNITUDE_CLASS = re.compile(r"[“”]?[一二两三四五六七八九十百千万\d]*[十百千万亿]+级")
_MAGNITUDE_FIRST = frozenset("“”一二两三四五六七八九十百千万0123456789")
_BARE_MEASURE = re.compile(r"(?:总产值|产值|增加值|营业收入|营收|主营业务收入|产量|销量|税收|利润|利润总额|出口额|投资)$")
_BARE_COUNT = re.compile(
    r"(累计|共|总计|合计|总数|新增|新认定|新培育|新建|新引进|净增|(?:比上年末?|较上年末?)(?:增加|净增|新增|减少))"
    r"(?:达到|达|为)?"
)
_SUBJECT_HEAD = re.compile(r"^([\u4e00-\u9fff]{0,6}?(?:企业|项目|单位|工厂|农户|园区))([\u4e00-\u9fff（(“].+)$")
_MEASURE_TAIL = re.compile(r"(?:面积|总面积|产值|投资额|投资|金额|收入|产量|规模|数量)$")
_TRAILING_SOFT = re.compile(r"(?:超过|超|不低于|达到|为|约|近|逾|了)+$")


_VS_PLAN_CLAUSE = re.compile(r"[，,][^，,]*(?:目标|计划|任务|进度)[^，,]*(?=[，,])")
_PRICE_BASIS = re.compile(r"[，,]?(?:按|以)(?:不变|可比)价(?:格)?(?:计算)?")


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
    return ("按" in gap or "以" in gap) and len(_PRICE_BASIS.sub("", gap)) <= 12 and bool(_PRICE_BASIS.search(gap))


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
    m = _TAIL_START.search(last, 1)
    if not m:
        return items
    tail = last[m.start():]
    return [it if _MEASURE_END.search(it) else it + tail for it in items[:-1]] + [last]


_ORDINAL_ITEMS = re.compile(r"第?((?:[一二三四五六七八九十]、)+[一二三四五六七八九十])(产业[^、]*)$")
_LIST_VERB = re.compile(r"^(?:增长|下降|提高|提升|回落|增加|减少)")


def _pair_with_levels(ms: list[Mention], values: list[Mention], starts: list[int], cs: int, verb: str) -> bool:
    """第一产业增加值40.1亿元，第二产业…，分别增长6.4%、6.7%…: the n changes belong to the n levels before."""
    if not _LIST_VERB.match(verb):
        return False
    k = bisect_left(starts, cs)
    before = [m for m in ms[:k] if m.indicator and not m.paired]
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


def _pair_lists(s: str, ms: list[Mention]) -> None:
    """A、B分别提高至50%、70%: pair the named items with the listed values in order."""
    if "分别" not in s:
        return
    starts = [m.start for m in ms]
    for k in re.finditer(r"分别", s):
        cs = _clause_start(s, k.start())
        ce_candidates = [s.find(d, k.end()) for d in HARD_DELIMS]
        ce = min([c for c in ce_candidates if c >= 0], default=len(s))
        values = ms[bisect_left(starts, k.end()):bisect_left(starts, ce)]
        if len(values) < 2:
            continue
        item_text = s[cs:k.start()]
        verb = s[k.end():values[0].start]
        for m in values[1:]:
            if not m.pre.strip("、，,和及与"):
                m.pre = verb + m.pre  # 分别增长6.4%、6.7%: every listed value is read with the list's verb
        ordinal = _ORDINAL_ITEMS.search(item_text)
        if not clean_indicator(item_text) and _pair_with_levels(ms, values, starts, cs, verb):
            continue
        if ordinal and len(values) == ordinal.group(1).count("、") + 1:
            # 一、二、三产业增加值 / 第一、二、三产业: each numeral takes the shared name
            numerals = ordinal.group(1).split("、")
            items = [f"第{n}{ordinal.group(2)}" for n in numerals]
        else:
            items = _split_items(clean_indicator(item_text), len(values))
            if len(items) == 1 and len(values) == 2 and items[0].startswith("城乡"):
                # 城乡居民人均可支配收入分别增长4.5%、6.5%: 城乡 names the two, 城镇 and 农村, in that order
                items = ["城镇" + items[0][2:], "农村" + items[0][2:]]
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
            if not items:
                continue
            items[-1] = re.sub(r"[一二三四五六七八九十两\d]+[类个项家大种].*$", "", items[-1])
        items = [clean_indicator(i) for i in items]
        items = [re.sub(r"^[“”]+|[“”]+$", "", i) for i in items]
        if not all(items):
            continue
        items = _shared_tail(items)
        for item, m in zip(items, values, strict=True):
            m.indicator = item
            m.paired = True
            m.clause_cue = s[cs:m.start]
        # values named inside the item list (年营业收入超100亿级) are qualifiers
        for m in ms[bisect_left(starts, cs):bisect_left(starts, k.start())]:
            m.indicator = ""
