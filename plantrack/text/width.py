"""Full-width and half-width forms: Chinese pages write digits and number punctuation either way."""

from __future__ import annotations

import re

# Digits and the punctuation of numbers, dates and ranges; same length, so offsets stay valid.
FULLWIDTH = str.maketrans("０１２３４５６７８９．－～／％＋＜＞", "0123456789.-~/%+<>")
_ANY_FULLWIDTH = re.compile("[０-９．－～／％＋＜＞]")
_DIGITS_ONLY = str.maketrans("０１２３４５６７８９", "0123456789")
_ANY_FULLWIDTH_DIGIT = re.compile("[０-９]")


def to_halfwidth(text: str) -> str:
    """Full-width digits and number punctuation to ASCII (same length, so offsets stay valid)."""
    # str.translate looks up every character in Python; most text has nothing to translate
    return text.translate(FULLWIDTH) if _ANY_FULLWIDTH.search(text) else text


def halfwidth_digits(text: str) -> str:
    """Only the digits ０-９ to 0-9 (and the full-width hyphen of a date or span): for reading years."""
    # (metadata asks this of whole texts: translating one without a full-width digit was ~2 % of reading)
    return (text.translate(_DIGITS_ONLY) if _ANY_FULLWIDTH_DIGIT.search(text) else text).replace("－", "-")
