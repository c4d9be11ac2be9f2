"""The characters a regex match can open (or close) with, read from the compiled pattern itself.

Extraction asks a cheap question before an expensive one: `s[b] in FIRST and PATTERN.match(s, b)`.
The character set must hold every character a match can start with, or the fast path skips a match the
pattern would have made. Deriving the set from the pattern keeps the two in step when the pattern
changes. Costs nothing measurable: a few dozen small patterns walked once at import.

Only what the patterns here use is understood: literals, character classes, groups, alternation,
repeats, anchors and look-arounds (zero-width, so they add no character). `\\d` is read as the ASCII
digits: the text searched is a sentence's clean view, whose digits are half-width
(numbers.to_halfwidth). Anything else (`.`, a negated class, `\\w`, `\\s` at an edge) raises ValueError:
then no finite set exists and the caller must not use a fast path.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # the standard parser behind re (public alias `sre_parse` is deprecated)
from re._constants import (
    ANY,
    ASSERT,
    ASSERT_NOT,
    AT,
    AT_END,
    BRANCH,
    CATEGORY,
    CATEGORY_DIGIT,
    IN,
    LITERAL,
    MAX_REPEAT,
    MIN_REPEAT,
    NEGATE,
    NOT_LITERAL,
    RANGE,
    SUBPATTERN,
)

_ASCII_DIGITS = frozenset("0123456789")


def first_chars(pattern: re.Pattern | str) -> frozenset[str]:
    """Every character a match of `pattern` can start with (ValueError if it can be empty or unbounded)."""
    return _edge(pattern, last=False)


def last_chars(pattern: re.Pattern | str) -> frozenset[str]:
    """Every character a match can end with; a final `$` adds "\\n" (it also matches before a last newline)."""
    return _edge(pattern, last=True)


def _edge(pattern: re.Pattern | str, last: bool) -> frozenset[str]:
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    flags = pattern.flags if isinstance(pattern, re.Pattern) else 0
    if flags & re.IGNORECASE:
        raise ValueError("case-insensitive patterns are not supported")
    chars, nullable = _seq(list(sre_parse.parse(source, flags)), last)
    if nullable:
        raise ValueError(f"{source!r} can match the empty string: no character is certain")
    return frozenset(chars)


def _seq(items: list, last: bool) -> tuple[set[str], bool]:
    """(edge characters, can the whole sequence match empty) of a parsed sequence."""
    chars: set[str] = set()
    for op, av in (reversed(items) if last else items):
        got, nullable = _item(op, av, last)
        chars |= got
        if not nullable:
            return chars, False
    return chars, True


def _item(op, av, last: bool) -> tuple[set[str], bool]:
    if op is LITERAL:
        return {chr(av)}, False
    if op is IN:
        return _charset(av), False
    if op is SUBPATTERN:
        return _seq(list(av[-1]), last)
    if op is BRANCH:
        chars: set[str] = set()
        nullable = False
        for alternative in av[1]:
            got, empty = _seq(list(alternative), last)
            chars |= got
            nullable = nullable or empty
        return chars, nullable
    if op in (MAX_REPEAT, MIN_REPEAT):
        low, _high, body = av
        got, empty = _seq(list(body), last)
        return got, empty or low == 0
    if op in (ASSERT, ASSERT_NOT):
        return set(), True  # a look-around consumes nothing
    if op is AT:
        # `$` also matches before a final newline, so a match can end just before a "\n" it leaves out
        return ({"\n"} if last and av is AT_END else set()), True
    if op in (ANY, NOT_LITERAL, CATEGORY):
        raise ValueError(f"{op} at a match's edge: no finite set of characters")
    raise ValueError(f"unsupported pattern element {op}")


def _charset(members) -> set[str]:
    chars: set[str] = set()
    for op, av in members:
        if op is LITERAL:
            chars.add(chr(av))
        elif op is RANGE:
            chars |= {chr(c) for c in range(av[0], av[1] + 1)}
        elif op is CATEGORY and av is CATEGORY_DIGIT:
            chars |= _ASCII_DIGITS
        elif op is NEGATE:
            raise ValueError("a negated class at a match's edge: no finite set of characters")
        else:
            raise ValueError(f"unsupported class member {op} {av}")
    return chars


def gated(pattern: re.Pattern) -> re.Pattern:
    """`pattern` behind a look-ahead for its first characters: the same matches, found faster by search and
    finditer when the pattern opens with a look-around, an optional part or a class among its alternatives
    (the engine then tries every branch at every position; the look-ahead turns most positions away with one
    set test). Not for alternatives of plain words (目标|确保|…): the engine already scans for their first
    characters, and the look-ahead makes that slower. The pattern itself when no finite set exists."""
    try:
        chars = first_chars(pattern)
    except ValueError:
        return pattern
    members = "".join(re.escape(c) for c in sorted(chars))
    if _ASCII_DIGITS <= chars:
        members += r"\d"  # first_chars reads \d as ASCII; the pattern's \d also takes other digits (１)
    return re.compile(f"(?=[{members}])(?:{pattern.pattern})", pattern.flags)
