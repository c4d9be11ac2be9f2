"""One sentence's positions, found once, and the noun a value counts: shared by the rules and the indicator steps.

The rules in mention_rules ask, for every value, about the text around it (the clause it sits in, the
nearest 一批 or 的, whether a word occurs earlier in the clause). Scanning that text anew for each value
made a sentence with thousands of values quadratic; the index answers each question from positions
found once per sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from plantrack.extract.units import UNIT_PATTERN

HARD_DELIMS = "，,；;：:。！？!?"
_HARD_DELIM = re.compile(f"[{re.escape(HARD_DELIMS)}]")
_STOP = re.compile("[。；;]")
# Verbs and lead words that open a value's clause (培育, 新增, 力争 …): no part of what the value counts.
VERB_WORDS = (
    "累计新增|累计建成|累计培育|新培育|新认定|新引进|新开展|新增|新建|培育|建成|打造|建设|引进|认定|创建|实施|推动|"
    "引导|完成|形成|争创|累计|开展|获评|评为|入选|拥有|每年|构建|建立|至少|加速|加快|着力|大力|重点|力争|争取|确保|"
    "全力|积极|逐步|初步|组建|布局|招引|引育|落地|开工|达到|实现|共|再|新|规划|扶持|支持|开发|认证|引入|发展|包括|包含|"
    "推进|遴选|储备|争取|力求|努力|计划|预计|将|要|并|和|及|与|在|年产能|年产|产能|规模|全区|全市|全县|我区|我市|聚焦"
)
_NEXT_NOUN_END = re.compile(rf"[，,；;。、：:]|(?:和|及|与|并)(?:{VERB_WORDS})|\d+(?:\.\d+)?(?:{UNIT_PATTERN})")
SUBSIDY = re.compile(r"给予|奖励|补助|补贴|奖补|资助|贴息|一次性|最高|扶持资金|专项资金|资金支持")
BATCH = re.compile(r"一批|一大批|若干")
PROJECT_SIZE = re.compile(r"项目|达产|投产")


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


class SentenceIndex:
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
        self.quoted = "“" in s  # asked once: most sentences hold no quote

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
            found = list(BATCH.finditer(self.s))
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
        """PROJECT_SIZE in s[b:clause end] (its words never overlap, so finditer finds every one)."""
        if self._projects is None:
            self._projects = _positions(PROJECT_SIZE, self.s)
        k = bisect_left(self._projects, b)
        return k < len(self._projects) and self._projects[k] + 2 <= self.clause_end(b)

    def noun_after(self, end: int) -> str:
        """noun_after(s, end), found once (the filters and the indicator rules ask up to five times)."""
        noun = self._nouns.get(end)
        if noun is None:
            noun = self._nouns[end] = noun_after(self.s, end)
        return noun

    def seen(self, name: str, pattern: re.Pattern, longest: int, start: int, end: int) -> bool:
        seen = self._seen.get(name)
        if seen is None:
            seen = self._seen[name] = _Seen(self.s, pattern, longest)
        return seen(start, end)


_NOUN_QUALIFIER_END = re.compile(r"(?:超过|超|不低于|以上|达到|达|年产值|产值|收入)$")
_NOUN_LEAD = re.compile(r"^(?:以上|左右|以下|的)+")
_CAPACITY_WORD = re.compile(r"生产能力|产能|生产规模")


def noun_after(s: str, end: int) -> str:
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
