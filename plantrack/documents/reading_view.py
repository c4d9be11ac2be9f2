"""The reading view: the text as the reader and the extractor see it, with a map back to the original.

Documents arrive as they are published: traditional characters (reposts for Hong Kong / Taiwan readers,
sometimes with pinyin glosses such as 區(qū)), half-width , ; : ( ) inside Chinese sentences, the
share/print/font-size bars of web pages and the metadata block of a government web page
("[ 发布机构 ] …人民政府 [ 发布日期 ] 2022-09-14"). The view is the text with all that normalised:

- traditional -> simplified with OpenCC (t2s), one character for one character so offsets survive
  (a phrase conversion that changes a line's length falls back to per-character conversion);
- pinyin glosses after a CJK character dropped;
- half-width , ; : ( ) in a line with Chinese text turned full-width, except between digits
  (1,504.37; 6.5 : 55.8 ratios; 17:33 times) and in URLs;
- web page UI lines (share/print/font-size bars, visit counters) dropped, decided by shape: a short
  line that is nothing but UI words, separators, single characters and counters;
- metadata-block lines and table rows (索引号 / 发布机构 / 成文日期 / 发文字号 … key-value pairs) dropped
  from the content and returned in `fields`, for the metadata reader.

`origin[i]` is the index in the original text of view character i, so any span of the view maps back
(`span`), and quotes keep the original characters. When nothing changes the view is the text itself
(`origin is None`) and mapping costs nothing.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from plantrack.model import Quote, Statements, Target
from plantrack.text.page import KEYS, STRONG_KEYS, WEAK_KEYS, key_name, spaced
from plantrack.text.script import GLOSS as _GLOSS  # after a CJK char: checked in code
from plantrack.text.script import LOOSE_GLOSS as _LOOSE_GLOSS
from plantrack.text.script import to_simplified

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{_CJK}]")
# Lower-case syllables in parentheses after this many characters make a text a glossed repost (tone marks lost)
_GLOSSED_TEXT = 8

# A pinyin syllable with a tone mark, in parentheses right after a Chinese character: 區(qū), 經(jīng).

# Half-width punctuation that has a full-width form in Chinese text; which ones stay is decided below.
_HALF = re.compile(r"[,;:()]")
_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}
# between digits (a space or two allowed: 6.5 : 55.8), and the colon of a URL
_KEEP_HALF = re.compile(r"(?:(?<=\d)|(?<=\d )|(?<=\d  ))[,:](?= {0,2}\d)|:(?=//)")
_NO_CJK_LINE = re.compile(rf"(?m)^(?=[^\n{_CJK}]*[,;:()])[^\n{_CJK}]*$")

# The fields of the Chinese government information disclosure catalogue (政府信息公开目录) that web pages
# print above a document. Strong keys only ever label metadata; weak ones only with a colon or bracket.
_STRONG_KEYS, _WEAK_KEYS, _KEYS = STRONG_KEYS, WEAK_KEYS, KEYS
_KEY = re.compile(r"[\[【［]?\s*(" + spaced(_KEYS) + r")\s*[\]】］]?\s*[:：]?")
_WEAK_WITH_MARK = re.compile(r"^[\[【［]?\s*(?:" + spaced(_WEAK_KEYS) + r")\s*(?:[\]】］]|[:：])")

# Web page furniture: the verbs and labels of share/print/font bars. A line is noise when, once these,
# separators, single characters and numbers are taken out, nothing of substance is left.
_UI = re.compile(r"打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|收藏本页|收藏|分享到|分享|返回顶部|返回首页|返回|字体|字号"
                 r"|默认|大中小|扫一扫|二维码|在手机上查看|手机查看|微信|微博|朋友圈|QQ空间|上一篇|下一篇|相关链接|相关文章"
                 r"|浏览次数|浏览量|访问量|阅读量|点击量|次数|【|】|[\[\]［］|｜/]")
_UI_REST = re.compile(rf"[\s:：,，、.·•\-—_>»<«()（）0-9A-Za-z+]|(?<![{_CJK}])[{_CJK}](?![{_CJK}])")
_BRACKETED = re.compile(r"[【\[［][^】\]］]*[】\]］]")
_UI_TAIL = re.compile(r"(?:\s+(?:打印本页|打印|关闭窗口|关闭|收藏|分享到?|字体|字号|[大中小](?=\s|$)))+[\s:：]*$")
# 首页 > 政务公开 > 统计数据: a site's breadcrumb trail
_BREADCRUMB = re.compile(r"^(?:(?:当前位置|您的位置|您现在的位置)[:：]?\s*|(?=首页))?[^。，,>»›\d]{1,12}"
                         r"(?:\s*[>»›]\s*[^。，,>»›\d]{1,12}){2,}$|^(?:当前位置|您的位置|您现在的位置|首页)[^。，,\d]{0,40}[>»›]")
# (a one-character class before each alternation lets the scan skip most positions cheaply)
_CANDIDATE = re.compile(r"(?m)^\t?[\[【［]?[ \u3000]*(?=[" + "".join({k[0] for k in _KEYS}) + r"])(?:" + spaced(_KEYS)
                        + r")|(?=[打关收分返字扫二手微上下相浏访阅点>»›])(?:打印|关闭|收藏|分享|返回|字体|字号|扫一扫"
                        r"|二维码|手机|微信|微博|上一篇|下一篇|相关链接|浏览|访问量|阅读量|点击量|[>»›])")
_SENTENCE = re.compile(r"[。；！？]")
_COLON_AFTER = re.compile(r"[ \u3000]*[\]】］]?[ \u3000]*[:：]")


@dataclass(frozen=True)
class ReadingView:
    text: str
    origin: array | None = None  # origin[i]: index in the original of view character i; None: identity
    fields: dict[str, str] = field(default_factory=dict)  # metadata-block key -> value, as written
    dropped_lines: int = 0

    @property
    def identity(self) -> bool:
        return self.origin is None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of view span [start, end): from its first character to its last one."""
        if self.origin is None:
            return start, end
        if end <= start:
            pos = self.origin[start] if start < len(self.origin) else (self.origin[-1] + 1 if self.origin else 0)
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


def parse_fields(line: str) -> dict[str, str] | None:
    """The key-value pairs of a metadata line or row ("[ 发布机构 ] 梁平区人民政府 [ 发布日期 ] 2022-09-14",
    "索引号：11500…", "发布时间:2023-09-25 来源:统计局"), or None when the line is not one."""
    body = line.strip().lstrip("\t")
    if not body or _SENTENCE.search(body) or len(body) > 300:
        return None
    first = _KEY.match(body)
    if not first or not (key_name(first.group(1)) in _STRONG_KEYS or _WEAK_WITH_MARK.match(body)):
        return None
    keys = list(_KEY.finditer(body))
    # a key is a key only at the start of the line or after a separator, not inside a value (标题中的时间)
    # (or glued to the value before it when its colon follows: 来源:本网专稿作者:时间:2024-02-28)
    keys = [k for k in keys if k.start(1) == 0 or body[k.start(1) - 1] in " \t\u3000[【［]】］|｜"
            or _COLON_AFTER.match(body, k.end(1))]
    pairs: dict[str, str] = {}
    for k, nxt in zip(keys, keys[1:] + [None], strict=True):
        value = body[k.end():nxt.start() if nxt else len(body)]
        value = _BRACKETED.sub(" ", value)  # 【字体：大 中 小】 or [打印] riding on the line
        value = _UI_TAIL.sub("", value.strip())
        value = value.strip(" \t\u3000:：[]【】［］|｜")
        if len(value) > 120:
            return None
        pairs.setdefault(key_name(k.group(1)), value)
    return pairs


def _is_noise(line: str) -> bool:
    """A web page's UI line: short, no sentence, and nothing left once UI words and separators go."""
    body = line.strip()
    if _BREADCRUMB.match(body):
        return True
    if not body or len(body) > 60 or _SENTENCE.search(body) or not _UI.search(body):
        return False
    rest = _UI_REST.sub("", _UI.sub(" ", body))
    return len(rest) <= 1


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _units(text: str, spans: list[tuple[int, int]], lines: set[int]) -> list[tuple[int, int]]:
    """Line index ranges [a, b) to decide on as one, among the given lines: a prose line, or a table row
    (its run of tab lines)."""
    units, done = [], -1
    for i in sorted(lines):
        if i <= done:
            continue
        a = b = i
        if text.startswith("\t", spans[i][0]):
            while a > 0 and text.startswith("\t", spans[a - 1][0]):
                a -= 1
            while b + 1 < len(spans) and text.startswith("\t", spans[b + 1][0]):
                b += 1
        units.append((a, b + 1))
        done = b
    return units


def build_view(text: str) -> ReadingView:
    # t2s first: it keeps every line's length, so the simplified text lines up with the original and
    # the furniture and metadata keys (發布機構) are recognised in either script.
    simple = to_simplified(text)
    spans = _line_spans(text)
    starts = [s for s, _ in spans]
    # Only lines that open with a metadata key or hold a UI word or breadcrumb are looked at (one regex
    # pass over the text, not one per line: ordinary documents pay little).
    candidates = {bisect_right(starts, m.start()) - 1 for m in _CANDIDATE.finditer(simple)}
    fields: dict[str, str] = {}
    drop = [False] * len(spans)
    dropped = 0
    for a, b in _units(simple, spans, candidates):
        chunk = " ".join(simple[s:e].lstrip("\t") for s, e in spans[a:b])
        if a == b - 1 and _is_noise(chunk):
            drop[a] = True
        else:
            pairs = parse_fields(chunk)
            if pairs is None:
                continue
            drop[a:b] = [True] * (b - a)
            last = list(pairs)[-1]
            if not pairs[last] and (nxt := _value_line(simple, spans, b)) is not None:
                pairs[last] = simple[slice(*spans[nxt])].strip()  # 发布机构： / 梁平区人民政府 on two lines
                drop[nxt] = True
            for k, v in pairs.items():
                if v:
                    fields.setdefault(k, v)
        dropped += 1
    dropped += _drop_related_links(simple, spans, starts, drop)
    glosses = [g.span() for g in _GLOSS.finditer(text) if g.start() > 0 and _HAS_CJK.match(text, g.start() - 1)]
    if "(" in text or "（" in text:
        # 常住人(ren)口城镇化率: a repost glossing many characters, its tone marks lost: all its glosses go
        loose = [g.span() for g in _LOOSE_GLOSS.finditer(text) if g.start() > 0 and _HAS_CJK.match(text, g.start() - 1)]
        if len(loose) >= _GLOSSED_TEXT:
            glosses = loose
    simple = _punctuate(simple)
    if not dropped and not glosses and simple == text:
        return ReadingView(text)
    # Kept pieces of the original: every kept line with its newline, glosses cut out of it.
    cuts = iter(glosses)
    cut = next(cuts, None)
    pieces: list[tuple[int, int]] = []
    for idx, (s, e) in enumerate(spans):
        if drop[idx]:
            continue
        if s == e and idx > 0 and drop[idx - 1]:
            drop[idx] = True  # a dropped line takes its blank separator along: blocks stay one blank apart
            continue
        end = e + 1 if e < len(text) else e
        pos = s
        while cut is not None and cut[0] < e:
            if cut[0] >= s:
                pieces.append((pos, cut[0]))
                pos = cut[1]
            cut = next(cuts, None)
        pieces.append((pos, end))
    origin = array("i")
    for s, e in pieces:
        origin.extend(range(s, e))
    view = "".join(simple[s:e] for s, e in pieces)
    return ReadingView(view, origin, fields, dropped)


# A web page's list of links to other pages under the article (相关文章 / 相关新闻 / 相关链接：…).
_RELATED = re.compile(r"(?m)^[ \u3000]*(?:相关(?:文章|新闻|链接|阅读|报道|推荐)|延伸阅读|推荐阅读|热点(?:新闻|文章|推荐)|往期回顾"
                      r"|更多(?:新闻|阅读))[ \u3000]*[:：]?[ \u3000]*$")


def _drop_related_links(text: str, spans: list[tuple[int, int]], starts: list[int], drop: list[bool]) -> int:
    """The heading of a list of links to other pages and the headlines under it (short lines, no sentence):
    their figures are other pages' news (贵州茅台：一季度净利润同比增长11.56%), not this text's. Returns how
    many lines it dropped."""
    n = 0
    for m in _RELATED.finditer(text):
        i = bisect_right(starts, m.start()) - 1
        n += not drop[i]
        drop[i] = True
        for j in range(i + 1, len(spans)):
            line = text[slice(*spans[j])].strip()
            if not line:
                continue
            if _SENTENCE.search(line) or text.startswith("\t", spans[j][0]):
                break  # (headlines a copy joined into one line stay headlines: no sentence ends in them)
            drop[j] = True
            n += 1
    return n


def _value_line(text: str, spans: list[tuple[int, int]], i: int) -> int | None:
    """The line after a key without a value, when it reads as that value: short, no sentence, no key."""
    while i < len(spans) and spans[i][0] == spans[i][1]:
        i += 1
    if i >= len(spans):
        return None
    if text.startswith("\t", spans[i][0]):
        return None  # a table cell is not a loose value
    line = text[slice(*spans[i])].strip()
    if not line or len(line) > 60 or _SENTENCE.search(line) or parse_fields(line) is not None:
        return None
    return i


def _punctuate(text: str) -> str:
    """Half-width , ; : ( ) made full-width where they sit in a line with Chinese text; kept between
    digits (1,504.37; 6.5 : 55.8 ratios; 17:33) and in URLs. Regexes find the marks and the exceptions:
    a Python loop over every line costs far more per MB."""
    hits = [m.start() for m in _HALF.finditer(text)]
    if not hits:
        return text
    keep = {h.start() for line in _NO_CJK_LINE.finditer(text) for h in _HALF.finditer(text, line.start(), line.end())}
    # the exceptions between digits are asked only where a mark is (a scan of the whole text for them, and a
    # list of every character, cost 7 % of reading); the text between changed marks is copied in slices
    keeps_half = _KEEP_HALF.match
    pieces: list[str] = []
    last = 0
    for i in hits:
        if i not in keep and not keeps_half(text, i):
            pieces += (text[last:i], _FULL[text[i]])
            last = i + 1
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


@lru_cache(maxsize=4)
def reading_view(text: str) -> ReadingView:
    """build_view, remembered for the last few texts: the metadata reader and the extractor share it."""
    return build_view(text)


def _replaced(x, **changes):
    """dataclasses.replace for a frozen dataclass with no __post_init__ and no slots, without re-running its
    __init__ (a frozen __init__ sets each of ~35 fields through object.__setattr__: most of map_back's cost)."""
    y = object.__new__(type(x))
    y.__dict__.update(x.__dict__, **changes)
    return y


def map_back(statements: Statements, view: ReadingView, original: str) -> Statements:
    """Statements extracted from the view, with offsets and quotes on the original text (so quotes keep
    traditional characters and glosses: original[char_start:char_end] == quote)."""
    if view.origin is None:
        return statements

    def quote(q: Quote) -> Quote:
        s, e = view.span(q.char_start, q.char_end)
        return _replaced(q, quote=original[s:e], char_start=s, char_end=e)

    def moved(x):
        s, e = view.span(x.char_start, x.char_end)
        extra = {"other_quotes": tuple(quote(q) for q in x.other_quotes)} if isinstance(x, Target) else {}
        return _replaced(x, quote=original[s:e], char_start=s, char_end=e, **extra)

    return Statements(targets=[moved(t) for t in statements.targets], actuals=[moved(a) for a in statements.actuals])
