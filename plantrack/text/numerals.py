"""Chinese numerals and magnitudes: 〇一二…九, 十百千, 万 亿 万亿 (and the written-out year 二〇二三)."""

from __future__ import annotations

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL = "零〇一二两三四五六七八九十百千"
# The magnitude words before a unit (万元, 亿元, 万亿元, 千万元 …): longest first when matched.
MAGNITUDES = {"": 1.0, "十": 10.0, "百": 100.0, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7,
              "亿": 1e8, "十亿": 1e9, "百亿": 1e10, "千亿": 1e11, "万亿": 1e12}


def parse_chinese_numeral(text: str) -> float | None:
    """两 -> 2, 十五 -> 15, 一百二十 -> 120, 千 -> 1000 (a bare unit word counts as one of it),
    三万五千 -> 35000, 一万亿 -> 1e12."""
    if not text or any(ch not in CN_DIGITS and ch not in CN_UNITS and ch not in CN_BIG for ch in text):
        return None
    total, section, digit = 0, 0, None
    last_big = None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:  # 万 / 亿; 万亿 multiplies what came before by both
            section += digit or 0
            if last_big == "万" and ch == "亿" and not section:
                total *= CN_BIG[ch]
            else:
                total = (total + (section or 1)) * CN_BIG[ch]
            section, digit, last_big = 0, None, ch
            continue
        last_big = None
    return float(total + section + (digit or 0))


def cn_int(token: str) -> int | None:
    """A small whole number as dates write it: 2023 / ２０２３ / 二〇二三 (digit by digit) / 十二 / 二十八."""
    token = token.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if token.isdigit():
        return int(token)
    if "十" in token:  # 十二 / 二十 / 二十八
        head, _, tail = token.partition("十")
        tens = CN_DIGITS.get(head, 1) if head else 1
        return tens * 10 + (CN_DIGITS.get(tail, 0) if tail else 0)
    digits = [CN_DIGITS.get(c) for c in token]
    return None if not digits or None in digits else int("".join(map(str, digits)))
