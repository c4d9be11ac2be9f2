"""Headings (第一章 / 一、 or 第一节 / （一） / 1． / 表1 / 附件1) and the section path they open."""

from __future__ import annotations

import re

_LEVELS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(r"^(第[一二三四五六七八九十百]+[章篇部分]|附件\s*\d*(?![：:]))")),
    (1, re.compile(r"^(?:[一二三四五六七八九十]+[、．.]|第[一二三四五六七八九十]+节(?![，,。、的]))")),
    (2, re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    (3, re.compile(r"^\d{1,2}[．.、](?!\d)")),
    (4, re.compile(r"^[（(]\d{1,2}[）)]")),
)
# The five patterns as one alternation, tried in the same order: the first that matches names the level.
_ANY_LEVEL = re.compile("|".join(f"(?P<l{level}>{pattern.pattern[1:]})" for level, pattern in _LEVELS))
_CAPTION = re.compile(r"^(表\s*\d+|附表\s*\d*|专栏\s*\d+|图\s*\d+)")
_TITLE_END = re.compile(r"[。；;：:！？]")
MAX_TITLE = 40


def heading_level(line: str) -> int | None:
    """The level a line opens, or None when it is not a heading."""
    # only the start is matched, and no pattern reads past trailing whitespace into what follows, so
    # stripping the start alone gives the same answer without copying the line
    s = line.lstrip().lstrip("—").lstrip()
    m = _ANY_LEVEL.match(s)
    return None if m is None else int(m.lastgroup[1:])


def is_caption(line: str) -> bool:
    return bool(_CAPTION.match(line.lstrip()))


def heading_title(line: str) -> str:
    """The heading's own words: up to its first sentence stop, kept short."""
    s = line.strip()
    m = _TITLE_END.search(s)
    if m:
        s = s[: m.start()]
    return s[:MAX_TITLE]


class SectionTracker:
    """Keeps the stack of open headings as the text is walked in order."""

    def __init__(self) -> None:
        self._stack: list[tuple[int, str]] = []
        self._path: str | None = None

    def see(self, line: str) -> bool:
        level = heading_level(line)
        if level is None:
            return False
        self.open(line, level)
        return True

    def open(self, line: str, level: int) -> None:
        """A heading of `level` (heading_level(line)) closes those at its level and below."""
        while self._stack and self._stack[-1][0] >= level:
            self._stack.pop()
        self._stack.append((level, heading_title(line)))
        self._path = " / ".join(t for _, t in self._stack) or None

    @property
    def path(self) -> str | None:
        return self._path
