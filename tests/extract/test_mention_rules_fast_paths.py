"""The character sets that let find_mentions skip a regex are the patterns' own first (or last) characters.

A fast path `s[b] in FIRST and PATTERN.match(s, b)` is only right when FIRST holds every character a
match can open with; the sets are derived from the patterns (first_chars), and these tests check the
derivation against the regex engine on generated strings.
"""

from __future__ import annotations

import random
import re
import re._parser as sre_parse
from re._constants import BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN

import pytest

from plantrack.extract import mention_rules as rules
from plantrack.extract import mentions
from plantrack.extract.first_chars import first_chars, gated, last_chars
from plantrack.extract.numbers import CN_NUMERAL

# (pattern, the set its fast path checks the next character against)
FIRST_CHAR_PATHS = {
    "rank or time word": (re.compile(f"{rules._RANK_AFTER.pattern}|{rules._TIME_AFTER.pattern}"),
                          rules._RANK_TIME_FIRST),
    "size word": (rules._SIZE_AFTER, rules._SIZE_FIRST),
    "duration": (rules._DURATION_AFTER, rules._DURATION_FIRST),
    "qualifier": (re.compile(f"{rules._QUALIFIER_AFTER.pattern}|{rules._INCLUSIVE_AFTER.pattern}"),
                  rules._QUALIFIER_FIRST),
    "size class": (rules._SIZE_CLASS_AFTER, rules._SIZE_CLASS_FIRST),
    "times": (rules._TIMES_AFTER, rules._TIMES_FIRST),
    "magnitude class": (rules.MAGNITUDE_CLASS, rules.MAGNITUDE_FIRST),
    "note line": (mentions._NOTE_HEAD, mentions._NOTE_FIRST),
}
# (pattern searched with `$` before a position, the set the character before it is checked against)
LAST_CHAR_PATHS = {
    "count before": (rules._COUNT_BEFORE, rules._COUNT_LAST),
    **{f"comparator {comp}": (pattern, mentions._COMPARATOR_LAST) for pattern, comp in mentions._PRE_COMPARATOR},
    "trailing words": (re.compile(rf"(?:{mentions._TRAILING_WORDS})$"), mentions._TRAILING_LAST),
}


def _alphabet(pattern: re.Pattern) -> str:
    """The pattern's own literal characters plus digits, numerals and a few unrelated ones."""
    own = {ch for ch in pattern.pattern if not ch.isascii() or ch.isalnum()}
    return "".join(sorted(own | set("0123456789") | set(CN_NUMERAL) | set("的企业年产值，。%：“”")))


def _samples(pattern: re.Pattern, n: int = 3000, seed: int = 7) -> list[str]:
    """Random strings over the pattern's alphabet, and its own words (so matches are frequent)."""
    rng = random.Random(seed)
    alphabet = _alphabet(pattern)
    words = [w for w in re.split(r"[^\u4e00-\u9fff]+", pattern.pattern) if w]
    out = []
    for _ in range(n):
        parts = [rng.choice(words) if words and rng.random() < 0.5 else rng.choice(alphabet)
                 for _ in range(rng.randint(1, 6))]
        out.append("".join(parts))
    return out


@pytest.mark.parametrize("name", FIRST_CHAR_PATHS)
def test_every_match_opens_with_a_character_of_the_fast_path_set(name):
    pattern, chars = FIRST_CHAR_PATHS[name]
    matched = [t for t in _samples(pattern) if pattern.match(t) and pattern.match(t).end() > 0]
    assert matched, "the samples must exercise the pattern"
    assert all(t[0] in chars for t in matched)


@pytest.mark.parametrize("name", FIRST_CHAR_PATHS)
def test_the_fast_path_set_is_no_wider_than_the_pattern(name):
    pattern, chars = FIRST_CHAR_PATHS[name]
    assert chars == first_chars(pattern)


@pytest.mark.parametrize("name", LAST_CHAR_PATHS)
def test_every_match_before_a_position_ends_with_a_character_of_the_set(name):
    pattern, chars = LAST_CHAR_PATHS[name]
    matched = [t for t in _samples(pattern) if pattern.search(t)]
    assert matched, "the samples must exercise the pattern"
    assert all(t[-1] in chars for t in matched)
    assert all((t + "\n")[-1] in chars for t in matched if pattern.search(t + "\n"))


def test_the_value_scan_lookahead_holds_every_first_character_of_a_value():
    lookahead = re.compile(mentions._VALUE_SCAN.pattern[3:mentions._VALUE_SCAN.pattern.index("]") + 1])
    assert all(lookahead.fullmatch(ch) for ch in first_chars(mentions.VALUE_RE))


def _required(items) -> set[str]:
    """Characters every match of a parsed sequence contains (a simple, conservative reading)."""
    need: set[str] = set()
    for op, av in items:
        if op is LITERAL:
            need.add(chr(av))
        elif op is IN and len(av) == 1 and av[0][0] is LITERAL:
            need.add(chr(av[0][1]))
        elif op is SUBPATTERN:
            need |= _required(av[-1])
        elif op is BRANCH:
            need |= set.intersection(*(_required(alt) for alt in av[1]))
        elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
            need |= _required(av[2])
    return need


@pytest.mark.parametrize(("pattern", "guard"), [
    (mentions._FIRST_RE, "首"), (mentions._CLASS_VALUE, "级"), (mentions.DOUBLING_RE, "翻"),
    (mentions.FULL_COVERAGE_RE, "全"), (rules._SHARE_OF_HIGHER, "占"), (rules._SHARE_OF_HIGHER, "全"),
    (rules.CODE_NAME, "“"),
], ids=["first", "class", "doubling", "coverage", "share-占", "share-全", "code"])
def test_a_word_guard_is_in_every_match_of_its_pattern(pattern, guard):
    assert guard in _required(sre_parse.parse(pattern.pattern))


def test_maybe_value_finds_every_value_patterns_guard():
    # a value's number opens after its optional minus sign
    number = re.compile(mentions.VALUE_RE.pattern.replace("(?P<neg>-)?", "", 1))
    assert number.pattern != mentions.VALUE_RE.pattern
    for ch in first_chars(number) | {"首", "翻", "全"}:
        assert mentions.MAYBE_VALUE.search(ch), ch


def test_first_chars_reads_alternatives_optional_prefixes_and_classes():
    assert first_chars(re.compile(r"(?:（含）)?(?:以上|以下)?的")) == frozenset("（以的")
    assert first_chars(re.compile(r"[×*]|\d+倍")) == frozenset("×*0123456789")


def test_first_chars_ignores_lookarounds():
    assert first_chars(re.compile(r"(?=[甲乙])(?<!丙)甲|乙")) == frozenset("甲乙")


def test_first_chars_refuses_a_pattern_that_can_match_empty():
    with pytest.raises(ValueError):
        first_chars(re.compile(r"(?:以上)?"))


def test_first_chars_refuses_an_unbounded_edge():
    with pytest.raises(ValueError):
        first_chars(re.compile(r"[^，]+项目"))


@pytest.mark.parametrize("pattern", [
    r"(?P<h1>上半年)|(?P<a>[1-9])月?[-至](?P<b>[1-9])月|“?十(?P<f>[一二三四五])五”?(?:期间|以来)",  # alternatives
    r"(?:以上|左右|由[^，]*?)+$",  # a tail removed with sub
    r"(?<!完成)((?:19|20)\d\d)年(?:度)?[\u4e00-\u9fff]{0,4}?目标",  # a look-behind first
    r"\d+年|[一二]季度",  # \d also matches full-width digits (１２)
])
def test_a_gated_pattern_finds_exactly_the_matches_of_the_pattern(pattern):
    ungated = re.compile(pattern)
    gate = gated(ungated)
    rng = random.Random(5)
    alphabet = "".join(first_chars(ungated)) + "１２９年月季度至完成十五以来目标，。的由增长上半-”"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30))) for _ in range(3000)]
    for t in texts:
        assert [(m.span(), m.groups()) for m in gate.finditer(t)] == \
               [(m.span(), m.groups()) for m in ungated.finditer(t)], t
        assert gate.sub("", t) == ungated.sub("", t), t


def test_a_pattern_with_no_finite_first_characters_is_not_gated():
    pattern = re.compile(r"[^，]+项目")
    assert gated(pattern) is pattern


def test_last_chars_of_an_end_anchor_include_a_final_newline():
    assert last_chars(re.compile(r"(?:达到|超过)$")) == frozenset("到过\n")


def test_a_count_of_yi_class_industries_is_read_like_any_size_class():
    # 亿级 opens with 亿, which the hand-kept set once left out: the count was dropped
    for sentence in ("做强智能家居、新能源汽车2个亿级产业", "做强智能家居、新能源汽车2个百亿级产业"):
        assert [(m.value, m.unit_raw) for m in mentions.find_mentions(sentence)] == [(2.0, "个")]
