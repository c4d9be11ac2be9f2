"""Numbers as Chinese documents write them: full-width digits, Chinese numerals, fractions, ranges."""

from __future__ import annotations

import re

# The tables and readers of numerals live in plantrack.text (one home for the reader, the extractor and
# the evaluator); re-exported here for the extractor's modules.
from plantrack.text.numerals import CN_NUMERAL, parse_chinese_numeral  # noqa: F401
from plantrack.text.width import to_halfwidth  # noqa: F401

# 一万二 (= 12000) abbreviates the next place; the hand-written reader would add 2.
_ABBREVIATED = re.compile(f"[{CN_NUMERAL}]*[万千百][一二两三四五六七八九]$")
_CN2AN_FORM = re.compile(r"[\d.点零〇一二两三四五六七八九十百千万亿]+")


def _cn2an(text: str) -> float | None:
    """cn2an's reading of mixed and decimal forms (2万, 1.5亿, 零点五, 一万二), imported on first use.

    Measured on 25 forms: the hand-written reader gets 20 right (not 2万, 零点五, 一万二), cn2an 21
    (it rejects bare magnitudes 千, 百万); together 25. cn2an costs 0.24 s at import and ~23 µs a call
    against ~4 µs, so it only reads what the hand-written reader cannot.
    """
    if not _CN2AN_FORM.fullmatch(text):
        return None
    import cn2an  # noqa: PLC0415 - 0.24 s import, paid only when a document needs it

    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


_FRACTION = re.compile(r"([+-]?\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)")


_PLAIN = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def parse_number(raw: str) -> float | None:
    """A single number as written: '855', '2.1', '４６', '1/3', '两', '千', '-16', '1,200'."""
    if _PLAIN.fullmatch(raw):
        return float(raw)  # what the steps below come to for plain ASCII digits
    s = to_halfwidth(raw).strip().replace(",", "")
    if not s:
        return None
    m = _FRACTION.fullmatch(s)
    if m:
        den = float(m.group(2))
        return float(m.group(1)) / den if den else None
    try:
        return float(s)
    except ValueError:
        pass
    if _ABBREVIATED.fullmatch(s):
        return _cn2an(s)
    value = parse_chinese_numeral(s)
    return value if value is not None else _cn2an(s)


def clean_float(v: float | None) -> float | None:
    """Round away binary noise so 0.3 stays 0.3 after unit conversions."""
    return None if v is None else round(v, 10)
