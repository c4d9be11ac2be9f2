"""Do two indicator texts name the same thing? Character-bigram containment after dropping generic words.

The rule (used by de-duplication and by `plantrack eval`): remove words that qualify almost every
indicator (规模以上/规上/全区/累计/数量/quotes and brackets …), take the set of character bigrams of
each side, and score |A ∩ B| / min(|A|, |B|). One text contained in the other scores 1.0.
"""

from __future__ import annotations

import re

_GENERIC = re.compile(
    r"规模以上|规上|规模|全区|全市|全省|全县|全镇|我区|我市|本区|累计|总数|数量|个数|总量|达到|以上|及以上|"
    r"[“”\"'‘’《》（）()【】\s、，,：:的]"
)


def core(text: str) -> str:
    return _GENERIC.sub("", text or "")


def _grams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} if len(s) > 1 else set(s)


def indicator_similarity(a: str, b: str) -> float:
    ca, cb = core(a), core(b)
    if not ca or not cb:
        return 0.0
    if ca in cb or cb in ca:
        return 1.0
    ga, gb = _grams(ca), _grams(cb)
    return len(ga & gb) / min(len(ga), len(gb))
