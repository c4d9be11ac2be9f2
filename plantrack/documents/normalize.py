"""Render every format to one canonical text, so the extractor parses one thing.

Canonical form: blocks separated by exactly one blank line. A paragraph block is one line. A table
is a run of row blocks; each row is its cells, one per line, each starting with a TAB. Digits, units
and punctuation are kept as written (no NFKC): the extractor reports values exactly as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plantrack.text.page import KEY_WITH_COLON

CJK = r"\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef“”‘’—…·"
_SPACE = r"[ \u3000\u00a0\u2002-\u200b]"
# Spaces between two CJK characters, or between a CJK character and a digit, are layout, not text;
# except before a web page's field key and its colon ("信息来源:市经信局 发布时间:2023-09-25"), where the
# space is what tells the metadata reader a new field starts.
_CJK_GAP = re.compile(rf"(?<=[{CJK}]){_SPACE}+(?=[{CJK}0-9])(?!{KEY_WITH_COLON})"
                      rf"|(?<=[{CJK}0-9]){_SPACE}+(?=[{CJK}])(?!{KEY_WITH_COLON})")
_MULTI_SPACE = re.compile(rf"{_SPACE}{{2,}}")
_ARTIFACT = re.compile(r"\[bookmark: [^\]]*\]")  # left behind by docx-to-text converters
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200e\u200f\ufeff]")

TERMINAL = "。！？!?；;：:"
_HEADING = re.compile(r"^(第[一二三四五六七八九十百零〇\d]+[章节条部篇]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）"
                      r"|\([一二三四五六七八九十]+\)|\d+[、．.](?!\d)|[（(]\d+[）)]|[①-⑳]|——|附件|附表|表\s*\d)")


@dataclass(frozen=True)
class Table:
    rows: list[list[str]]


# A document body as the format readers produce it: lines of text ("" is a blank line) and tables.
Item = str | Table


_HAS_SPACE = re.compile(_SPACE)


def clean_line(text: str) -> str:
    """One line of prose: converter artifacts and layout spaces removed, digits and punctuation kept."""
    # Each pattern runs only where it can match: this is called for every line and fragment of every document.
    if "[bookmark" in text:
        text = _ARTIFACT.sub("", text)
    if not text.isprintable():
        text = _CONTROL.sub("", text).replace("\t", " ")
    if _HAS_SPACE.search(text):
        text = _CJK_GAP.sub("", text)
        text = _MULTI_SPACE.sub(" ", text)
    return text.strip(" \u3000\u00a0\u2002\u2003\u2009\u200b")


def join_fragments(parts: list[str]) -> str:
    """Join pieces of one sentence or cell: no separator between CJK, a space between Latin words."""
    out = ""
    for part in (clean_line(p) for p in parts):
        if not part:
            continue
        # a space between Latin words; none inside a number a layout broke (（2|024—2026年）, 1|7.5%)
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum() \
                and not (out[-1].isdigit() and part[0].isdigit()):
            out += " "
        out += part
    return clean_line(out)


def _is_wrapped(lines: list[str]) -> tuple[bool, int]:
    """Text converted from a fixed-width layout (magazine columns, PDF lines) breaks sentences at a width."""
    lengths = sorted(len(x) for x in lines if len(x) >= 4)
    if not lengths:
        return False, 0
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if len(lengths) < 8 or width > 70:
        return False, width
    open_ended = sum(1 for x in lines if len(x) >= 0.7 * width and x[-1] not in TERMINAL and not x.endswith("。”"))
    return open_ended >= 0.3 * len(lengths), width


_OPEN_END = "，、（(“‘《〈—-／/"
_CLOSED = re.compile(r"(规划|纲要|方案|意见|公报|报告|回眸|总结|要点|计划|情况|简况|分析)([（(][^）)]*[）)])?$")
# A date on its own line (a signature's or a release's) is a line of its own, as is the line above it.
_DATE_LINE = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                        r"(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")


def _open(line: str, nxt: str, width: int) -> bool:
    """Does a layout line go on in the next one? Not after a sentence end, a title, or before a heading."""
    if line[-1] in TERMINAL or line.endswith("。”") or _CLOSED.search(line) or _HEADING.match(nxt):
        return False
    if _DATE_LINE.fullmatch(line) or _DATE_LINE.fullmatch(nxt):
        return False
    return line[-1] in _OPEN_END or len(line) >= 0.7 * width or len(line) >= 0.8 * len(nxt)


def join_soft_breaks(items: list[Item], force: bool = False) -> list[Item]:
    """Join lines a layout broke inside a sentence (also across one blank line) into paragraphs."""
    prose = [x for x in items if isinstance(x, str) and x]
    wrapped, width = _is_wrapped(prose)
    if not (wrapped or (force and width)):
        return [x for x in items if not (isinstance(x, str) and not x)]
    # A paragraph's lines are collected and joined once (joining line by line re-cleaned the growing
    # paragraph at every line: quadratic in a long wrapped paragraph).
    out: list[Item | list[str]] = []
    last: str | None = None  # the raw layout line the last output paragraph ends with
    blanks = 0
    for item in items:
        if isinstance(item, Table):
            out.append(item)
            last, blanks = None, 0
            continue
        if not item:
            blanks += 1
            continue
        if last is not None and blanks <= 1 and isinstance(out[-1], list) and _open(last, item, width):
            out[-1].append(item)
        else:
            out.append([item])
        last, blanks = item, 0
    return [x if isinstance(x, Table) else x[0] if len(x) == 1 else join_fragments(x) for x in out]


def render(items: list[Item], force_wrapped: bool = False) -> str:
    """The canonical text of a document body."""
    cleaned: list[Item] = []
    for item in items:
        if isinstance(item, Table):
            rows = [[join_fragments(c.split("\n")) for c in row] for row in item.rows]
            rows = [r for r in rows if any(r)]
            if rows:
                cleaned.append(Table(rows))
        else:
            cleaned.append(clean_line(item))
    blocks: list[str] = []
    for item in join_soft_breaks(cleaned, force=force_wrapped):
        if isinstance(item, Table):
            blocks.extend("\n".join("\t" + cell for cell in row) for row in item.rows)
        elif item:
            blocks.append(item)
    return "\n\n".join(blocks) + "\n" if blocks else ""


def parse_plain(text: str) -> list[Item]:
    """Plain text: tab-indented cells (one per line, rows split by blank lines) and pipe tables."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    items: list[Item] = []
    rows: list[list[str]] = []
    prev_blank = True
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t"):
            cells = line[1:].split("\t")
            if rows and not prev_blank:
                rows[-1].extend(cells)  # the next cell of the same row
            else:
                rows.append(cells)
            prev_blank = False
        elif rows and _filled(line) and not prev_blank:
            rows[-1][-1] += "\n" + line  # a cell that goes on over the next line without a tab
        elif rows and not _filled(line):
            j = i
            while j < len(lines) and not _filled(lines[j]):
                j += 1
            if j < len(lines) and lines[j].startswith("\t"):
                prev_blank = True  # a row separator inside the table
                i = j
                continue
            items.append(Table(rows))
            rows = []
            items.append("")
            prev_blank = True
            i = j
            continue
        else:
            pipe = _pipe_table(lines, i) or _cell_stream(lines, i) or _name_figure_lines(lines, i)
            if pipe:
                table, i = pipe
                if isinstance(table, tuple):  # a flattened table: its caption lines, the table, its notes
                    before, table, after = table
                    items.extend(before)
                    items.append(table)
                    items.extend(after)
                else:
                    items.append(table)
                prev_blank = False
                continue
            items.append(line)
            prev_blank = not _filled(line)
        i += 1
    if rows:
        items.append(Table(rows))
    return items


def _filled(line: str) -> bool:
    """Not a blank line: a tab-only line is an empty table cell, not a blank."""
    return line.startswith("\t") or bool(line.strip())


_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _pipe_cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", body)]


def _pipe_table(lines: list[str], i: int) -> tuple[Table, int] | None:
    """A Markdown pipe table: a header row, a |---| separator, then rows while lines hold pipes."""
    if "|" not in lines[i] or i + 1 >= len(lines) or not _PIPE_SEP.match(lines[i + 1]) or "-" not in lines[i + 1]:
        return None
    rows = [_pipe_cells(lines[i])]
    j = i + 2
    while j < len(lines) and "|" in lines[j] and lines[j].strip():
        rows.append(_pipe_cells(lines[j]))
        j += 1
    return Table(rows), j


_NUMBER_CELL = re.compile(r"^[-−－]?\d+(?:\.\d+)?%?$")
_CORNER = re.compile(r"单位|项目|指标|名称|地区|市州|地市|区县|县市|分组|[:：]")


def _cell_stream(lines: list[str], i: int) -> tuple[tuple[list[str], Table, list[str]], int] | None:
    """A table a web page's copy flattened to one cell a line, each cell closed by "|" (a cell may run over
    two lines; a "|" alone closes the cell above or opens a row): rows are a name and the same number of
    figures each, the header is the cells before the first such row (its last cells head the figures'
    columns; a cell between the corner and them heads them all). Its caption cells and the cells after
    its last row (notes) come back as lines. None when the lines do not make at least three such rows."""
    if i and lines[i - 1].strip().endswith("|"):
        return None  # inside a run of bar lines already looked at from its first line: no rescans
    j, block = i, []
    while j < len(lines):
        line = lines[j].strip()
        nxt = lines[j + 1].strip() if j + 1 < len(lines) else ""
        if line.endswith("|") or line and len(line) <= (12 if j == i else 30) and nxt.endswith("|"):
            block.append(line)
            j += 1
            continue
        break
    if sum(b.count("|") for b in block) < 8:  # (one cell a line, or a row a line: 指 标 | 绝对量 | 比重 |)
        return None
    by_bars = _rows_between_bars(block)
    if by_bars is not None:
        return by_bars, j
    cells = [join_fragments(c.split("\n")) for c in "\n".join(block).split("|")]
    cells = [c for c in cells if c]
    numeric = [bool(_NUMBER_CELL.match(c.replace(" ", ""))) for c in cells]
    runs: dict[int, int] = {}  # figures after a name -> how many names have that many
    k = 0
    while k < len(cells):
        if not numeric[k]:
            n = 0
            while k + 1 + n < len(cells) and numeric[k + 1 + n]:
                n += 1
            if n:
                runs[n] = runs.get(n, 0) + 1
            k += 1 + n
        else:
            k += 1
    if not runs:
        return None
    width = max(runs, key=lambda n: (runs[n], n))
    if runs[width] < 3:
        return None

    def is_row(at: int) -> bool:
        return (not numeric[at] and at + width < len(cells) and all(numeric[at + 1:at + 1 + width])
                and (at + 1 + width == len(cells) or not numeric[at + 1 + width]))

    first = next(at for at in range(len(cells)) if is_row(at))
    header = cells[:first]
    if len(header) < width or any(numeric[:first]):
        return None
    heads, before = header[len(header) - width:], header[:len(header) - width]
    corner = ""
    if before and _CORNER.search(before[-1]):
        corner = before.pop()
    elif len(before) >= 2 and _CORNER.search(before[-2]):  # 市州 | 增长速度 | 比上年同月 | 比上年同期
        group = before.pop()
        corner = before.pop()
        heads = [group + h for h in heads]
    rows = [[corner, *heads]]
    at = first
    while at < len(cells):
        if is_row(at):
            rows.append(cells[at:at + 1 + width])
            at += 1 + width
        elif not numeric[at] and at + 1 < len(cells) and is_row(at + 1):
            at += 1  # a group's heading row (按区划分) between rows: no figures of its own
        else:
            break
    if sum(len(r) == 1 + width for r in rows[1:]) < 3:
        return None  # (a row number after a head, 年均[累计] / 1, is no row of figures)
    return (before, Table(rows), cells[at:]), j


# A cell of a two-column table copied one cell a line: a short name (no sentence or clause mark) or a figure.
_NAME_LINE = re.compile(r"^[^。，,；;：:！？!?|]{1,30}$")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
# A prose line a copy cut at each number goes on with the number's unit (28 / 年以来…, 18 / 个月…).
_PURE_CORNER = re.compile(r"^(?:指\s*标|项\s*目|名\s*称|指标名称)$")
_UNIT_ALONE = re.compile(r"^[（(][^（）()\d]{1,6}[）)]$")
_UNIT_FIRST = re.compile(r"^[个万亿元倍%％家项位名户只台次]")


def _is_figure(line: str) -> bool:
    return bool(_NUMBER_CELL.match(line.replace(" ", "")))


def _is_name(line: str) -> bool:
    return not _is_figure(line) and bool(_NAME_LINE.match(line))


def _name_figure_lines(lines: list[str], i: int) -> tuple[tuple[list[str], Table, list[str]], int] | None:
    """A two-column table (指标 / 数值) a web page's copy flattened to one cell a line, no bars: a name
    line, then its figure on the next non-blank line, with group headings (人口（万人）) between. At least
    five names with a figure, no two figures in a row, and as many named figures as headings; a copy that
    cut prose at each number (…连续 / 18 / 个月负增长…) goes on with a unit after the figure and is not one.
    The header is the corner cell (指标) before the first row, if any, over an empty figure head; the lines
    before it come back as lines."""
    k = i - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    if k >= 0 and (_is_name(lines[k].strip()) or _is_figure(lines[k].strip())):
        return None  # inside a run of cell lines already looked at from its first line
    if not _is_name(lines[i].strip()):
        return None
    cells: list[str] = []
    j = end = i
    while j < len(lines):
        line = lines[j].strip()
        if line and not (_is_name(line) or _is_figure(line)) or lines[j].startswith("\t"):
            break  # (a tab opens a cell of a table already written as one)
        if line and cells and _UNIT_ALONE.match(line) and not _is_figure(cells[-1]):
            cells[-1] += line  # 绝对数 / (亿元): a head's unit its copy put on a line of its own
            end = j + 1
        elif line:
            cells.append(line)
            end = j + 1
        j += 1
    figure = [_is_figure(c) for c in cells]
    wide = _name_figures_lines(cells, figure)
    if wide is not None:
        return wide, end
    named = [at for at in range(1, len(cells)) if figure[at] and not figure[at - 1]
             and len(_CJK_CHAR.findall(cells[at - 1])) >= 2]
    if len(named) < 5:
        return None
    first = named[0] - 1
    stop = next((at for at in range(first, len(cells)) if figure[at] and at not in named), len(cells))
    last = max(at for at in named if at < stop)
    pairs = [at for at in named if at <= last]
    body = cells[first:last + 1]
    headings = len(body) - 2 * len(pairs)
    after_figure = [cells[at + 1] for at in pairs if at + 1 < len(cells)]
    if len(pairs) < 5 or headings > len(pairs) or sum(bool(_UNIT_FIRST.match(c)) for c in after_figure) * 4 > len(pairs):
        return None
    before = cells[:first]
    heads = []  # group headings right before the first row belong to the table (人口与就业 / 人口（万人）)
    while before and not _PURE_CORNER.match(before[-1]) and len(heads) < 3 and not re.search(r"\d", before[-1]):
        heads.insert(0, before.pop())
    corner = before.pop().replace(" ", "") if before and _PURE_CORNER.match(before[-1]) else ""
    rows: list[list[str]] = [[corner, ""]] + [[h] for h in heads]
    at = first
    while at <= last:
        if at + 1 <= last and figure[at + 1] and not figure[at]:
            rows.append([cells[at], cells[at + 1]])
            at += 2
        else:
            rows.append([cells[at]])
            at += 1
    return (before, Table(rows), cells[last + 1:]), end


def _name_figures_lines(cells: list[str], figure: list[bool]) -> tuple[list[str], Table, list[str]] | None:
    """The same copy of a table with two to four figure columns (单位数（万个） / 比重（%）, then 企业法人 / 38.6 /
    93.9 …): at least four names each followed by that many figures, the column heads the names right before
    the first row (under an empty corner), one-cell headings allowed between rows."""
    runs: dict[int, int] = {}
    at = 0
    while at < len(cells):
        n = 0
        while at + 1 + n < len(cells) and figure[at + 1 + n]:
            n += 1
        if not figure[at] and n:
            runs[n] = runs.get(n, 0) + 1
        at += 1 + n
    width = max(runs, key=lambda n: (runs[n], n), default=0)
    if not 2 <= width <= 4 or runs[width] < 4:
        return None

    def is_row(k: int) -> bool:
        return (not figure[k] and k + width < len(cells) and all(figure[k + 1:k + 1 + width])
                and (k + 1 + width == len(cells) or not figure[k + 1 + width]))

    first = next(k for k in range(len(cells)) if is_row(k))
    heads = cells[first - width:first] if first >= width else []
    if len(heads) != width or any(figure[first - width:first]):
        return None
    rows: list[list[str]] = [["", *heads]]
    at, last = first, first
    while at < len(cells):
        if is_row(at):
            rows.append(cells[at:at + 1 + width])
            at += 1 + width
            last = at
        elif not figure[at] and at + 1 < len(cells) and (is_row(at + 1) or not figure[at + 1]):
            rows.append([cells[at]])
            at += 1
        else:
            break
    while rows and len(rows[-1]) == 1:
        rows.pop()  # headings after the last row are text again
    return cells[:first - width], Table(rows), cells[last:]


_BARS_ONLY = re.compile(r"^\|+$")


def _rows_between_bars(block: list[str]) -> tuple[list[str], Table, list[str]] | None:
    """Rows each opened by a line of bars alone (指标 | 2015年 | 2020年 | 属性 |, then | and the next row):
    when those lines cut the cells into at least three rows of one width (three or more cells), the first
    such row is the header, rows of one cell between are headings inside the table."""
    groups: list[list[str]] = [[]]
    for line in block:
        if _BARS_ONLY.match(line):
            groups.append([])
        else:
            groups[-1].append(line)
    rows = [[c for c in (join_fragments(x.split("\n")) for x in "\n".join(g).split("|")) if c] for g in groups]
    rows = [r for r in rows if r]
    if not rows:
        return None
    widths: dict[int, int] = {}
    for r in rows:
        widths[len(r)] = widths.get(len(r), 0) + 1
    width = max(widths, key=lambda n: (widths[n], n))
    if width < 3 or widths[width] < 3:
        return None
    first = next(k for k, r in enumerate(rows) if len(r) == width)
    last = max(k for k, r in enumerate(rows) if len(r) == width)
    table = [r for r in rows[first:last + 1] if len(r) in (1, width)]
    before = [c for r in rows[:first] for c in r]
    after = [c for r in rows[last + 1:] for c in r]
    return before, Table(table), after


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_MD_EMPH = re.compile(r"(\*\*|__)(.+?)\1")


def strip_markdown(items: list[Item]) -> list[Item]:
    """Markdown markup is not text: heading hashes, bullets, bold and blockquote markers go."""
    out: list[Item] = []
    for item in items:
        if isinstance(item, str):
            line = _MD_HEADING.sub("", item)
            line = _MD_BULLET.sub("", line)
            line = re.sub(r"^\s*>\s?", "", line)
            item = _MD_EMPH.sub(r"\2", line)
        out.append(item)
    return out
