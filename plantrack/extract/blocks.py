"""Normalized text -> tables (rows of cells) and prose sentences, each with offsets into the text.

Prose is read through a *clean* view (whitespace removed, full-width digits made ASCII) so that
"新增 5 家" and sentences broken across lines read as one; every clean index maps back to an offset
in the original text, so quotes stay verbatim.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from plantrack.extract.numbers import to_halfwidth
from plantrack.extract.sections import SectionTracker, heading_level, is_caption

_LINE = re.compile(r"[^\n]*")
_PIECE = re.compile(r"\S+")
_SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]*")
_TERMINAL = ("。", "！", "？", "；", "!", "?", ";", "：", ":")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]
    start: int
    end: int
    section: str | None
    caption: str | None


@dataclass
class Sentence:
    """A prose sentence. `text` is the clean view; `span(i, j)` maps a clean slice to the original."""

    text: str
    section: str | None
    _clean_starts: list[int] = field(repr=False)
    _orig_starts: list[int] = field(repr=False)
    _orig_ends: list[int] = field(repr=False)
    _quote: tuple[int, int, str] | None = field(default=None, init=False, repr=False, compare=False)

    def quote(self, text: str) -> tuple[int, int, str]:
        """(start, end, text[start:end]) of the whole sentence, made once: every value in it shares the string."""
        if self._quote is None:
            a, e = self.span()
            self._quote = (a, e, text[a:e])
        return self._quote

    def offset(self, i: int) -> int:
        k = bisect_right(self._clean_starts, i) - 1
        return self._orig_starts[k] + (i - self._clean_starts[k])

    def span(self, i: int = 0, j: int | None = None) -> tuple[int, int]:
        j = len(self.text) if j is None else j
        if j <= i:
            return self.offset(i), self.offset(i)
        k = bisect_right(self._clean_starts, j - 1) - 1
        return self.offset(i), self._orig_starts[k] + (j - 1 - self._clean_starts[k]) + 1

    @property
    def start(self) -> int:
        return self.span()[0]

    @property
    def end(self) -> int:
        return self.span()[1]


@dataclass(frozen=True)
class Paragraph:
    sentences: tuple[Sentence, ...]
    section: str | None
    start: int
    end: int


def clean_view(text: str, start: int, end: int, section: str | None) -> Sentence:
    """Whitespace-free, half-width view of text[start:end] (a space is kept between ASCII words)."""
    parts: list[str] = []
    clean_starts: list[int] = []
    orig_starts: list[int] = []
    orig_ends: list[int] = []
    pos = 0
    for m in _PIECE.finditer(text, start, end):
        piece = to_halfwidth(m.group())
        if parts and _ASCII_ALNUM.match(piece) and _ASCII_ALNUM.match(parts[-1][-1]) \
                and not parts[-1][-1].isdigit():
            parts.append(" ")
            clean_starts.append(pos)
            orig_starts.append(m.start() - 1)
            orig_ends.append(m.start())
            pos += 1
        parts.append(piece)
        clean_starts.append(pos)
        orig_starts.append(m.start())
        orig_ends.append(m.end())
        pos += len(piece)
    if not parts:
        return Sentence("", section, [0], [start], [start])
    return Sentence("".join(parts), section, clean_starts, orig_starts, orig_ends)


def split_sentences(text: str, start: int, end: int, section: str | None) -> list[Sentence]:
    whole = clean_view(text, start, end, section)
    out = []
    for m in _SENTENCE.finditer(whole.text):
        sent = _sub_view(whole, m.start(), m.end())
        if sent.text.strip():
            out.append(sent)
    return out


def _sub_view(whole: Sentence, i: int, j: int) -> Sentence:
    """clean_view of the original span under whole.text[i:j], cut from the whole view (no re-scan).

    Equal to re-reading the span because the view is made char by char (to_halfwidth keeps length)
    and a sentence never starts or ends on an inserted space (a terminator precedes and ends it).
    """
    cs, os_, oe = whole._clean_starts, whole._orig_starts, whole._orig_ends
    first = bisect_right(cs, i) - 1
    last = bisect_right(cs, j - 1) - 1
    clean_starts = [0] + [c - i for c in cs[first + 1:last + 1]]
    orig_starts = [os_[first] + (i - cs[first])] + os_[first + 1:last + 1]
    orig_ends = oe[first:last + 1]
    orig_ends[-1] = os_[last] + (j - 1 - cs[last]) + 1
    return Sentence(whole.text[i:j], whole.section, clean_starts, orig_starts, orig_ends)


def _joins(prev_line: str, next_line: str) -> bool:
    """Is the break between two prose lines a soft one (a sentence carried onto the next line)?"""
    p = prev_line.rstrip()
    if not p or p.endswith(_TERMINAL) or p.endswith(("”", "）", ")")) and len(p) < 25:
        return False
    if heading_level(next_line) is not None or is_caption(next_line):
        return False
    if (heading_level(p) is not None or is_caption(p)) and len(p) < 25:
        return False
    return True


def parse_blocks(text: str) -> list[Table | Paragraph]:
    """Walk the normalized text in order: tab-indented cell lines form tables, the rest is prose."""
    blocks: list[Table | Paragraph] = []
    tracker = SectionTracker()
    rows: list[list[list[int]]] = []  # each cell as [start, end]
    row: list[list[int]] = []
    table_start = -1
    last_was_cell = False
    para: list[tuple[int, int]] = []  # (start, end) of lines in the current paragraph
    caption: str | None = None
    last_prose_line = ""

    def flush_table(end: int) -> None:
        nonlocal rows, row, table_start
        if row:
            rows.append(row)
        if rows:
            cells = tuple(tuple(Cell(text[a:b].strip(), a, b) for a, b in r) for r in rows)
            blocks.append(Table(cells, table_start, end, tracker.path, caption))
        rows, row, table_start = [], [], -1

    def flush_para() -> None:
        nonlocal para
        if para:
            a, b = para[0][0], para[-1][1]
            sents = split_sentences(text, a, b, tracker.path)
            if sents:
                blocks.append(Paragraph(tuple(sents), tracker.path, a, b))
        para = []

    for m in _LINE.finditer(text):
        a, b = m.start(), m.end()
        line = m.group()
        if a == b and a > 0 and text[a - 1] != "\n":
            continue  # finditer's empty match right after a line
        if line.startswith("\t"):
            flush_para()
            if table_start < 0:
                table_start = a
                caption = last_prose_line if len(last_prose_line) < 80 else None
            stripped_start = a + 1 + (len(line) - 1 - len(line[1:].lstrip()))
            row.append([stripped_start, max(stripped_start, a + len(line.rstrip()))])
            last_was_cell = True
            continue
        if not line.strip():
            if table_start >= 0 and row:
                rows.append(row)
                row = []
            last_was_cell = False
            continue
        if table_start >= 0:
            if last_was_cell and row:
                row[-1][1] = a + len(line.rstrip())  # a cell carried onto the next line
                continue
            flush_table(a)
        last_was_cell = False
        if para:
            prev = text[para[-1][0]:para[-1][1]]
            if not _joins(prev, line):
                flush_para()
        if not para and tracker.see(line):
            pass
        elif para and heading_level(line) is not None:
            flush_para()
            tracker.see(line)
        para.append((a + (len(line) - len(line.lstrip())), a + len(line.rstrip())))
        last_prose_line = line.strip()
    flush_para()
    flush_table(len(text))
    return blocks
