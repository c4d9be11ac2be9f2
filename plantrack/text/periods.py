"""Period words: 一季度 / 上半年 / 前三季度 / 1-7月, the labels of a whole year, five-year plan names."""

from __future__ import annotations

import re

from plantrack.text.numerals import cn_int

# A period label that stands for a whole year (the dbt macro is_full_year gets the same list, as the
# var full_year_labels: tests/text/test_vocabulary.py holds them equal).
FULL_YEAR_LABELS = ("全年", "年度", "全年度", "年末", "year", "FY")
FIVE_YEAR = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025),
             "十五五": (2026, 2030)}
# A five-year plan's short name: 十X五, or an earlier plan's one numeral (“八五”, “十五”), which needs its quotes
# (一九八五年, 八五折 and 十五个 are no plans)
FIVE_YEAR_NAME = r"“?十[一二三四五六七八九]五”?|“[三四五六七八九十]五”"
DASH = r"\s*[-－—–~～至到]+\s*"
# 是2007年的2.5倍 / 相当于2005年末的3倍: the base a multiple is measured against, never a year a text reports on
MULTIPLE_BASE = re.compile(r"(?:是|相当于|为)\s*(?:19|20)\d\d\s*年(?:末|底)?的\s*[\d.一二三四五六七八九十两]+\s*倍")

_PERIOD_WORDS = (
    (re.compile(r"(?:第一|一)季度|1\s*[-－—–~～至]\s*3月|一至三月"), "一季度", 3),
    (re.compile(r"上半年|1\s*[-－—–~～至]\s*6月|一至六月"), "上半年", 6),
    (re.compile(r"前三季度|一至三季度|1\s*[-－—–~～至]\s*9月|一至九月"), "前三季度", 9),
)
_MONTHS = re.compile(r"(?<!\d)(1|一)\s*[-－—–~～至]\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月")
# The short codes analysts write (Y, H1, Q1 …) and the labels they stand for
CODES = {"Y": "全年", "H1": "上半年", "H2": "下半年", "Q1": "一季度", "Q2": "二季度", "Q3": "三季度", "Q4": "四季度",
         "Q1-3": "前三季度", "1-3月": "一季度", "1-6月": "上半年", "1-9月": "前三季度", "1-12月": "全年"}


def period_words(s: str) -> tuple[str, int] | None:
    """(label, last month) of a part-year period named in s: 一季度, 上半年, 前三季度, 1-7月 (1-3/6/9月 are
    the quarters' names), or None."""
    found = []  # (position, label, last month): the period named first is the one the text is about
    for pattern, label, month in _PERIOD_WORDS:  # (1—7月…比上半年加快: 1-7月; 上半年…比一季度: 上半年)
        m = pattern.search(s)
        if m:
            found.append((m.start(), label, month))
    for m in _MONTHS.finditer(s):
        b = cn_int(m.group(2))
        if b and 1 < b <= 12 and b not in (3, 6, 9):
            found.append((m.start(), *(("全年", 12) if b == 12 else (f"1-{b}月", b))))
            break
    if not found:
        return None
    _, label, month = min(found)
    return label, month


def norm_label(label: str | None) -> str | None:
    """1—5月 / 1～5月 / 1至5月 are one period label (written 1-5月)."""
    if not label:
        return None
    label = re.sub(r"\s", "", label)
    return re.sub(r"[—–－~～至到]", "-", label)


def label_name(label: str | None) -> str | None:
    """A label or an analyst's code as the label it stands for (H1 -> 上半年, 1-6月 -> 上半年)."""
    norm = norm_label(label)
    return CODES.get(norm, norm) if norm else None


def is_full_year(label: str | None) -> bool:
    return label is None or label in FULL_YEAR_LABELS


def five_year_span(name: str) -> tuple[int, int] | None:
    """The years of a five-year plan by its short name (FIVE_YEAR_NAME): 十四五 2021-2025, 八五 1991-1995,
    十五 2001-2005; from the third plan on, which ran in fives (the first two did not)."""
    nth = cn_int(name.strip("“”")[:-1] or "")
    if nth is None or nth < 3:
        return None
    return 1951 + 5 * nth, 1955 + 5 * nth
