"""Goals of many places compared in one text: news that lines up each city's goal for one indicator.

    从固定资产投资增长目标对比来看，南阳的目标依然不低，为“增长17%左右”，其次是新乡市，为“增长15%以上”。
    洛阳、开封、焦作、濮阳、许昌的目标是“增长11%”。
    “增长8%以上”的地市有郑州、周口、信阳。

The indicator is the paragraph's topic (从X…来看 / 从X方面来比较, in a sentence about goals), carried to
the following paragraphs until another topic is named; the value belongs to the places named with it
(one goal per place), and its own words say nothing but who and 的目标是. A value whose words name an
indicator of their own is not one of these. Places are names of the region list (full or short: 郑州,
南阳市), never guessed from their suffix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# 从“规模以上工业增加值”方面来比较 / 单从GDP增长目标来看 / 从固定资产投资增长目标对比来看
_TOPIC = re.compile(r"从[“\"]?(?P<x>[^，,。；;：:“”\"\d%]{2,24}?)[”\"]?(?P<g>增长|增速)?(?:预期)?(?:目标)?(?:值)?"
                    r"(?:方面|指标|数据)?(?:对比|比较)?(?:来看|来比较|来说|看)")
# 多地将今年GDP增长目标定在6%左右: the indicator the places' goals that follow are of
_SET_GOAL = re.compile(r"将(?:今年|明年|本年度?|(?:19|20)\d\d年)?(?:的)?(?P<x>[^，,。；;：:“”\"\d%]{2,16}?)(?P<g>增长|增速)?"
                       r"(?:预期)?目标(?:值)?定(?:在|为)")
# what a place-goal value's own words may hold besides the places (P): who, 的(预期)目标, 一致/均, 是/为, 保/争
_FILLER = re.compile(r"[、，,]?(?:而|其次是?|其中|则|其)?(?:P(?:[、，,和及与]|以及)?)*(?:等(?:地市?|城市|市|县区?|县市区?))?"
                     r"(?:的)?T?(?:增长|增速)?(?:预期|增长)?(?:目标)?(?:值)?(?:一致)?[，,]?(?:均|都|也|依然)?(?:是|为)?[“\"]?"
                     r"(?:增长)?(?:保|争)?")
# “增长8%以上”的地市有郑州、周口、信阳: the places named after the value
_PLACES_AFTER = re.compile(r"[”\"]?的(?:地市|城市|地区|地方|县区|县市区|市|县)有")
_CUT = re.compile(r"[。；;：:]")


@dataclass(frozen=True)
class Topic:
    indicator: str
    growth: bool  # the topic names a growth (X增长目标): its % values are growth rates


def goal_topic(s: str) -> Topic | None:
    """The indicator a sentence about goals says it compares (从X…来看), else None."""
    if "目标" not in s:
        return None
    m = _TOPIC.search(s) if "从" in s else None
    m = m or (_SET_GOAL.search(s) if "定" in s else None)
    if m is None:
        return None
    x = m.group("x").strip()
    x = re.sub(r"^(?:单|仅|如果|若|而)+", "", x)
    if len(x) < 2 or "目标" in x:
        return None
    return Topic(x, m.group("g") is not None)


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], int]:
    from plantrack.documents.regions import load_gazetteer

    g = load_gazetteer()
    names = frozenset(n for n in (*g.by_name, *g.by_short) if len(n) >= 2)
    return names, max(map(len, names))


@lru_cache(maxsize=1)
def _lengths_by_opening() -> dict[str, tuple[int, ...]]:
    """The lengths of the names opening with each two characters, longest first: a lookup per length a
    name can have here, not one per length up to the longest name (every value's indicator asks)."""
    lengths: dict[str, set[int]] = {}
    for n in _names()[0]:
        lengths.setdefault(n[:2], set()).add(len(n))
    return {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}


def is_place_name(name: str) -> bool:
    """Is name a region of the list, full or short (毕节, 毕节市)?"""
    return name in _names()[0]


def leading_place(text: str) -> str | None:
    """The longest region name text opens with (贵阳地区生产总值 -> 贵阳), else None."""
    names = _names()[0]
    return next((text[:n] for n in _lengths_by_opening().get(text[:2], ()) if n <= len(text) and text[:n] in names),
                None)


def place_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of the region names in text, longest first, left to right, no overlaps."""
    names, by_opening = _names()[0], _lengths_by_opening()
    out, i = [], 0
    while i < len(text) - 1:
        for length in by_opening.get(text[i:i + 2], ()):
            if length > len(text) - i:
                continue
            name = text[i:i + length]
            if name in names:
                out.append((i, i + length, name))
                i += length
                break
        else:
            i += 1
    return out


def _masked(words: str, topic: str | None = None) -> tuple[str, list[str]]:
    """words with each region name replaced by P (and the topic's name by T), and the names."""
    if topic and topic in words:
        k = words.index(topic)
        masked, names = _masked(words[:k])
        rest, more = _masked(words[k + len(topic):])
        return masked + "T" + rest, names + more
    found = place_names(words)
    parts, last = [], 0
    for a, b, _ in found:
        parts.append(words[last:a] + "P")
        last = b
    parts.append(words[last:])
    return "".join(parts), [n for _, _, n in found]


def only_places(words: str, topic: str | None = None) -> list[str] | None:
    """The places of a value's own words when they say nothing else than who and the topic (洛阳、开封等地的
    目标是“增长 / 漯河GDP预期目标为), else None; [] when they name no place but say nothing else either
    (为“ / 均是 / 争)."""
    masked, names = _masked(words, topic)
    if not _FILLER.fullmatch(masked):
        return None
    # 漯河GDP增长6.8%: a place and its indicator without 目标/是/为 state a result, not a goal
    named = "P" in masked or "T" in masked
    return names if not named or "目标" in masked or "是" in masked or "为" in masked else None


def places_before(words: str) -> list[str]:
    """南阳的目标依然不低，(为“增长17%): the places of the nearest clause before a value that names any."""
    for clause in reversed(re.split(r"[，,]", words)):
        if names := [n for _, _, n in place_names(clause)]:
            return names
    return []


_LIST = re.compile(r"P(?:(?:[、，,和及与]|以及)P)*(?:等(?:地市?|城市)?)?")


def places_after(s: str, end: int) -> list[str]:
    """“增长8%以上”的地市有郑州、周口、信阳: the places a value's sentence lists right after it."""
    m = _PLACES_AFTER.match(s, end)
    if m is None:
        return []
    stop = _CUT.search(s, m.end())
    masked, names = _masked(s[m.end():stop.start() if stop else len(s)].rstrip("。，,"))
    return names if names and _LIST.fullmatch(masked) else []
