"""Normalized text -> tables (rows of cells) and prose sentences, each with offsets into the text.

Prose is read through a *clean* view (whitespace removed, full-width digits made ASCII) so that
"新增 5 家" and sentences broken across lines read as one; every clean index maps back to an offset
in the original text, so quotes stay verbatim.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise

from plantrack.extract.numbers import to_halfwidth
from plantrack.extract.sections import SectionTracker, heading_level, is_caption
from plantrack.extract.units import UNIT_PATTERN
from plantrack.text.bullets import bullet_of

_LINE = re.compile(r"[^\n]*")
_PIECE = re.compile(r"\S+")
_SPACE = re.compile(r"\s")
_SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]*")
_TERMINAL = ("。", "！", "？", "；", "!", "?", ";", "：", ":")
_CLOSING = ("”", "）", ")")
_STOP_INSIDE = ("。", "！", "？", "!", "?", "…")
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


MAX_QUOTE = 500  # characters: a longer sentence is quoted clause by clause
CLAUSE_MARKS = ("，", "；", "、", ",", ";")


class Sentence:
    """A prose sentence. `text` is the clean view; `span(i, j)` maps a clean slice to the original.

    A sentence shares its paragraph's map (clean start and original start of each whitespace-free
    piece) and knows where it starts in it: cutting a paragraph into sentences copies nothing.
    Offsets are those of the sentence's own pieces (`lo`..`hi`-1), as if it had been read alone.
    """

    __slots__ = ("text", "section", "_clean_starts", "_orig_starts", "_base", "_lo", "_hi", "_quote")

    def __init__(self, text: str, section: str | None, clean_starts: list[int], orig_starts: list[int],
                 base: int = 0, lo: int = 0, hi: int | None = None) -> None:
        self.text, self.section = text, section
        self._clean_starts, self._orig_starts = clean_starts, orig_starts
        self._base, self._lo = base, lo
        self._hi = len(clean_starts) if hi is None else hi
        self._quote: tuple[int, int, str] | None = None

    def __repr__(self) -> str:
        return f"Sentence(text={self.text!r}, section={self.section!r})"

    def quote(self, text: str, at: tuple[int, int] | None = None) -> tuple[int, int, str]:
        """(start, end, text[start:end]) of the whole sentence, made once: every value in it shares the string.

        A sentence longer than MAX_QUOTE (a run-on list of thousands of values) is not repeated in
        full for each of its values: the quote of the value at clean slice `at` is then its clause
        (between the nearest clause marks), at most MAX_QUOTE characters around the value.
        """
        if at is not None and len(self.text) > MAX_QUOTE:
            i, j = at
            # marks are looked for only within reach of the window, so a sentence of n values costs
            # O(n), not O(n²) scans to its ends
            floor, ceiling = max(0, i - MAX_QUOTE // 2), j + MAX_QUOTE
            lo = max(floor, max(self.text.rfind(mark, floor, i) for mark in CLAUSE_MARKS) + 1)
            hi = min((k for k in (self.text.find(mark, j, ceiling) for mark in CLAUSE_MARKS) if k >= 0),
                     default=len(self.text))
            hi = min(hi, max(j, lo + MAX_QUOTE))
            a, e = self.span(lo, hi)
            return a, e, text[a:e]
        if self._quote is None:
            a, e = self.span()
            self._quote = (a, e, text[a:e])
        return self._quote

    def _at(self, c: int) -> int:
        """Original offset of paragraph clean index c, within this sentence's pieces."""
        k = bisect_right(self._clean_starts, c, self._lo, self._hi) - 1
        return self._orig_starts[k] + (c - self._clean_starts[k])

    def offset(self, i: int) -> int:
        return self._at(self._base + i)

    def span(self, i: int = 0, j: int | None = None) -> tuple[int, int]:
        j = len(self.text) if j is None else j
        if j <= i:
            return self.offset(i), self.offset(i)
        return self.offset(i), self._at(self._base + j - 1) + 1

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
    if _SPACE.search(text, start, end) is None:  # one piece (most paragraphs): the loop below, once
        return Sentence(to_halfwidth(text[start:end]), section, [0], [start])
    parts: list[str] = []
    clean_starts: list[int] = []
    orig_starts: list[int] = []
    pos = 0
    for m in _PIECE.finditer(text, start, end):
        piece = to_halfwidth(m.group())
        if parts and _ASCII_ALNUM.match(piece) and _ASCII_ALNUM.match(parts[-1][-1]) \
                and not parts[-1][-1].isdigit():
            parts.append(" ")
            clean_starts.append(pos)
            orig_starts.append(m.start() - 1)
            pos += 1
        parts.append(piece)
        clean_starts.append(pos)
        orig_starts.append(m.start())
        pos += len(piece)
    if not parts:
        return Sentence("", section, [0], [start])
    return Sentence("".join(parts), section, clean_starts, orig_starts)


def split_sentences(text: str, start: int, end: int, section: str | None) -> list[Sentence]:
    whole = clean_view(text, start, end, section)
    clean_starts, orig_starts = whole._clean_starts, whole._orig_starts
    one_piece = len(clean_starts) == 1
    out = []
    for m in _SENTENCE.finditer(whole.text):
        sentence = m.group()
        if sentence.strip():
            i, j = m.span()
            # the pieces under whole.text[i:j]: a sentence never starts or ends on an inserted space
            # (a terminator precedes and ends it), so its offsets are those of reading the span alone
            if one_piece:
                out.append(Sentence(sentence, section, clean_starts, orig_starts, i, 0, 1))
            else:
                out.append(Sentence(sentence, section, clean_starts, orig_starts, i,
                                    bisect_right(clean_starts, i) - 1, bisect_right(clean_starts, j - 1)))
    return out


# a line that names something and ends on its figure (社会消费品零售总额增长8.7%): a headline's or a summary's
# item, complete, unless the next line carries the figure on (以上, 左右, 、…, 增长…, a number)
_ENDS_ON_FIGURE = re.compile(rf"[\u4e00-\u9fff]{{4}}[^，,。；;：:]*?\d(?:\.\d+)?\s*(?:{UNIT_PATTERN})$")
_UNIT_LAST = frozenset(u[-1] for u in UNIT_PATTERN.replace("\\", "").split("|") if u) - {"年"}  # 到2025年 ⏎ …: a wrap
_CARRIES_ON = re.compile(r"[\d.%％、，,。；;：:）)和及与或以左多余增下同比较占分至到—\-~～（(]")


def _joins(p: str, p_level: int | None, next_line: str, next_level: int | None) -> bool:
    """Is the break between two prose lines a soft one (a sentence carried onto the next line)?

    `p` is the previous line stripped, the levels are heading_level of each (computed once per line).
    """
    if not p or p.endswith(_TERMINAL) or p.endswith(_CLOSING) and (
            len(p) < 25 or p.rstrip("".join(_CLOSING)).endswith(_STOP_INSIDE)):
        return False  # (…增长。” / …成效。） : a sentence closed inside its quote or bracket ends the paragraph)
    if next_level is not None or is_caption(next_line):
        return False
    if bullet_of(next_line) is not None and bullet_of(next_line) not in "·":
        return False  # ●经济增长6%左右: a bullet opens an item of its own, whatever the line before ends with
    if p_level is not None and len(p) < 25 or is_caption(p) and len(p) < 60:
        return False  # (a chart's caption, 图1 2015-2023年全区生产总值及其增长速度, ends without a stop)
    return True


# A line of this length or more that ends without a stop is whole (a headline, a page's bar, a list item):
# layouts that wrap sentences at a width are rejoined before (documents.normalize.join_soft_breaks), so a
# break after it is not inside a sentence, though its paragraph may go on.
WHOLE_LINE = 30
_BARE_TIME = re.compile(r"\d年$")  # …辽宁落点2026年 ⏎ …: a time at a line's end heads what follows


def _ends_a_sentence(p: str, next_line: str) -> bool:
    """社会消费品零售总额增长8.7% ⏎ 地方一般公共预算收入增长29.3%: a line ending on its figure is an item of its
    own (its sentence ends there), though the paragraph (a list under 主要预期目标…) goes on."""
    return p[-1] in _UNIT_LAST and _ENDS_ON_FIGURE.search(p) is not None \
        and _CARRIES_ON.match(next_line.lstrip()) is None


def parse_blocks(text: str) -> list[Table | Paragraph]:
    """Walk the normalized text in order: tab-indented cell lines form tables, the rest is prose."""
    blocks: list[Table | Paragraph] = []
    tracker = SectionTracker()
    rows: list[list[list[int]]] = []  # each cell as [start, end]
    row: list[list[int]] = []
    table_start = -1
    last_was_cell = False
    para: list[tuple[int, int]] = []  # (start, end) of lines in the current paragraph
    cuts: list[int] = []  # indices in para of lines that open a sentence (the line before ended on its figure)
    caption: str | None = None
    last_prose_line = ""  # stripped: the text of para's last line while para is open
    last_level: int | None = None  # its heading level
    time_heads = False  # whether the sentence being read goes on from a line ending on a bare time

    def flush_table(end: int) -> None:
        nonlocal rows, row, table_start
        if row:
            rows.append(row)
        if rows:
            cells = tuple(tuple(Cell(text[a:b].strip(), a, b) for a, b in r) for r in rows)
            blocks.append(Table(cells, table_start, end, tracker.path, caption))
        rows, row, table_start = [], [], -1

    def flush_para() -> None:
        nonlocal para, cuts
        if para:
            a, b = para[0][0], para[-1][1]
            sents = [sent for i, j in pairwise([0, *cuts, len(para)])
                     for sent in split_sentences(text, para[i][0], para[j - 1][1], tracker.path)]
            if sents:
                blocks.append(Paragraph(tuple(sents), tracker.path, a, b))
        para, cuts = [], []

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
        level = heading_level(line)
        if para and not _joins(last_prose_line, last_level, line, level):
            flush_para()
        elif para and (_ends_a_sentence(last_prose_line, line) or len(last_prose_line) >= WHOLE_LINE
                       and not time_heads and _BARE_TIME.search(last_prose_line) is None):
            cuts.append(len(para))
        if level is not None:
            flush_para()  # a heading starts a paragraph of its own (nothing to flush when para is empty)
            tracker.open(line, level)
        # a time at a line's end governs the lines after it up to the sentence's stop
        time_heads = bool(para) and (time_heads and (not cuts or cuts[-1] != len(para))
                                     or _BARE_TIME.search(last_prose_line) is not None)
        para.append((a + (len(line) - len(line.lstrip())), a + len(line.rstrip())))
        last_prose_line = line.strip()
        last_level = level
    flush_para()
    flush_table(len(text))
    return blocks
