"""Helpers for the indicator catalog's seeds (not wired into extraction).

The catalog's mapping runs in dbt (int_indicator_mapping), which cannot call OpenCC. So OpenCC's
traditional -> simplified table is frozen into the seed `indicator_chars.csv`, one character a row,
and the model applies it with one `translate()`. Regenerate the seed after an OpenCC upgrade:

    python -m plantrack.indicators > dbt_project/seeds/indicator_chars.csv

Only one-to-one character conversions of characters that are not themselves simplified Chinese are
kept (a GB2312 character such as 著 or 乾 is also correct simplified text: 显著, 乾坤); OpenCC's
phrase-level rules need context, and a wrong guess would change an indicator's identity.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from dataclasses import dataclass

# The CJK Unified Ideographs block and its Extension A hold every character of the sources so far.
CJK_RANGES: tuple[tuple[int, int], ...] = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))


@dataclass(frozen=True)
class CharMapping:
    traditional: str
    simplified: str


def traditional_chars(converter=None) -> Iterator[CharMapping]:
    """Every CJK character OpenCC's t2s turns into exactly one other character."""
    if converter is None:
        import opencc  # imported here: ~20 ms, and only the seed generator needs it

        converter = opencc.OpenCC("t2s")
    for lo, hi in CJK_RANGES:
        for code in range(lo, hi + 1):
            ch = chr(code)
            out = converter.convert(ch)
            if out != ch and len(out) == 1 and not _is_gb2312(ch):
                yield CharMapping(ch, out)


def _is_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def write_seed(rows: Iterator[CharMapping], out=sys.stdout) -> None:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["traditional", "simplified"])
    for r in rows:
        w.writerow([r.traditional, r.simplified])


if __name__ == "__main__":
    write_seed(traditional_chars())
