"""Traditional -> simplified characters (OpenCC t2s), and the pinyin glosses reposts add (區(qū))."""

from __future__ import annotations

import re
from functools import lru_cache

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# A pinyin syllable with a tone mark in parentheses (after a CJK character: the caller checks)
GLOSS = re.compile(rf"[(（][a-zü{_TONED}]*[{_TONED}][a-zü{_TONED}]*[)）]")
# For comparing names: any lower-case syllable in parentheses (a gloss whose tone mark was lost too)
LOOSE_GLOSS = re.compile(rf"[(（][a-zü{_TONED}]{{1,8}}[)）]")


@lru_cache(maxsize=1)
def converter():
    import opencc  # 10 ms to load the t2s dictionaries; only when a text needs it

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """OpenCC t2s with the length kept: a line whose phrase conversion changes its length is converted
    character by character instead (each character kept when its own conversion is not one character)."""
    cc = converter()
    out = cc.convert(text)
    if len(out) == len(text):
        return out
    lines = []
    for line in text.split("\n"):
        conv = cc.convert(line)
        if len(conv) != len(line):
            conv = "".join(c if len(c2 := cc.convert(c)) != 1 else c2 for c in line)
        lines.append(conv)
    return "\n".join(lines)


def strip_glosses(text: str) -> str:
    return LOOSE_GLOSS.sub("", text) if "(" in text or "（" in text else text


@lru_cache(maxsize=65536)
def simplified(text: str) -> str:
    """For comparing names and indicator texts: simplified characters, pinyin glosses dropped (區(qū) -> 区).
    Not length-preserving: never for text whose offsets matter (use to_simplified)."""
    return converter().convert(strip_glosses(text)) if text else text
