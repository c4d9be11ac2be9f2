"""What 今年 means when a text has no issue date, from what the text itself says of the year it is in.

Two shapes every report and its news summaries use:
- 今年是“十五五”开局起步之年 / 今年是“十四五”规划收官之年: the year is counted from the five-year plan
  (开局/起步/第一年/首年 its first year, 收官/最后一年 its last, 第N年 the N-th);
- 报告首先回顾了2017年工作 / 一、2023年工作回顾: a 政府工作报告 reviews the year before the one it is given in,
  so its 今年 is the year after the one it reviews.
Texts whose statements disagree give no year (never a guess).

A news dateline (中新社杭州1月14日电 / 观点网讯：1月23日) names the month a text was written but not its year:
`dateline_month` reads it, for a text whose whole-year results then say which year has just ended.
"""

from __future__ import annotations

import re

from plantrack.extract.numbers import parse_chinese_numeral
from plantrack.extract.periods import five_year_end

_FIVE_YEAR_PLACE = re.compile(r"今年是[^。；;，,]{0,8}?“?(十[一二三四五六七八九]五)”?(?:规划)?(?:的)?"
                              r"(开局|起步|第一年|首年|收官|最后一年|第[一二三四五]年)")
_REVIEWED = re.compile(r"回顾了?((?:19|20)\d\d)年(?:的)?(?:政府)?工作|((?:19|20)\d\d)年(?:的)?(?:政府)?工作回顾")


# A dateline without a year, where news opens: 中新社杭州1月14日电 / 东北网1月26日讯 / 央广网西安3月25日消息 /
# 观点网讯：1月23日 (the reading view has made 電/訊 simplified and digits half-width). A date with its year is the
# reader's issue date, not this.
_DATELINE = re.compile(r"(?<![\d年〇○零一二三四五六七八九十])(\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日\s*(?:电|讯|消息)"
                       r"|讯\s*[:：]\s*(\d{1,2})月\d{1,2}日")
_DATELINE_SCAN = 1000  # a dateline stands in a news text's first lines (after a headline, a photo caption)


def dateline_month(text: str) -> int | None:
    """The month of a news dateline without a year at the opening of a text, else None."""
    m = _DATELINE.search(text[:_DATELINE_SCAN])
    if m is None:
        return None
    word = m.group(1) or m.group(2)
    month = int(word) if word.isdigit() else parse_chinese_numeral(word)
    return int(month) if month is not None and 1 <= month <= 12 else None


def _nth(word: str) -> int | None:
    if word in ("开局", "起步", "第一年", "首年"):
        return 1
    if word in ("收官", "最后一年"):
        return 5
    n = parse_chinese_numeral(word[1:2])
    return None if n is None else int(n)


def stated_this_year(text: str) -> int | None:
    """The year a text's 今年 is, by the text's own words (see the module), else None."""
    years = set()
    for m in _FIVE_YEAR_PLACE.finditer(text) if "今年是" in text else ():
        end, nth = five_year_end(m.group(1)), _nth(m.group(2))
        if end is not None and nth is not None:
            years.add(end - 5 + nth)
    if "回顾" in text:
        years |= {int(m.group(1) or m.group(2)) + 1 for m in _REVIEWED.finditer(text)}
    return years.pop() if len(years) == 1 else None
