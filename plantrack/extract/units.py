"""Units as written -> a normalized unit and the factor that converts the value into it."""

from __future__ import annotations

import re
from functools import lru_cache

# Counting words: different words for "how many" of something; comparable with each other.
COUNT_UNITS = ("家", "户", "个", "项", "件", "座", "台", "套", "条", "名", "人", "场", "所", "款", "种", "处",
               "栋", "只", "辆", "位", "支", "块", "部", "头", "艘", "架")
# Quantities of goods or capacity, optionally scaled (万台, 亿平方米) and per year (万吨/年).
_QUANTITY_BASES = ("台", "辆", "部", "块", "套", "件", "吨", "方", "平方米", "立方米", "头", "只", "标准机架",
                   "千瓦时", "GWh", "千瓦", "度")
_SCALES = {"": 1.0, "万": 1e4, "亿": 1e8, "千万": 1e7, "百万": 1e6}

# Longest first so the unit regex prefers 万元/人 over 万元 over 元.
_UNITS: dict[str, tuple[str, float]] = {
    "亿元/平方公里": ("亿元/平方公里", 1.0),
    "万元/亩": ("万元/亩", 1.0),
    "万元/人": ("万元/人", 1.0),
    "元/人": ("万元/人", 1e-4),
    "个百分点": ("pp", 1.0),
    "百分点": ("pp", 1.0),
    "吨标准煤": ("吨标煤", 1.0),
    "吨标煤": ("吨标煤", 1.0),
    "万吨标准煤": ("吨标煤", 1e4),
    "万吨标煤": ("吨标煤", 1e4),
    "万平方米": ("平方米", 1e4),
    "平方米": ("平方米", 1.0),
    "平方公里": ("平方公里", 1.0),
    "万千瓦": ("千瓦", 1e4),
    "千瓦": ("千瓦", 1.0),
    "立方米": ("立方米", 1.0),
    "万亿元": ("亿元", 1e4),  # 地区生产总值达到13.57万亿元
    "万亿美元": ("亿美元", 1e4),
    "兆元": ("亿元", 1e4),  # 5.2兆元 in a Taiwan / Hong Kong repost: 兆 is 万亿 there (兆瓦 stays MW: not money)
    "兆美元": ("亿美元", 1e4),
    "亿元": ("亿元", 1.0),
    "万元": ("亿元", 1e-4),
    "千元": ("亿元", 1e-5),
    "元": ("亿元", 1e-8),
    "亿美元": ("亿美元", 1.0),
    "万美元": ("亿美元", 1e-4),
    "美元": ("亿美元", 1e-8),  # 人均地区生产总值…按年平均汇率折算为17745美元
    "万吨": ("吨", 1e4),
    "吨": ("吨", 1.0),
    # 粮食产量515.6亿斤: the 市斤 (500 g) of grain and farm output, in 吨 so that it meets figures in 万吨
    "亿斤": ("吨", 5e4),
    "万斤": ("吨", 5.0),
    "万人次": ("人次", 1e4),
    "人次": ("人次", 1.0),
    "万人": ("人", 1e4),
    "万户": ("户", 1e4),
    "万家": ("家", 1e4),
    "万个": ("个", 1e4),
    "万台": ("台", 1e4),
    "万辆": ("辆", 1e4),
    "万亩": ("亩", 1e4),
    "亩": ("亩", 1.0),
    "公里": ("公里", 1.0),
    "GW": ("GW", 1.0),
    "MW": ("GW", 1e-3),
    "%": ("%", 1.0),
    "‰": ("‰", 1.0),  # 人口自然增长率为-3.36‰: kept per mille, a rate of its own
    "％": ("%", 1.0),
    "倍": ("x", 1.0),
    "万件": ("件", 1e4),
    "件次": ("件", 1.0),
    **{u: (u, 1.0) for u in COUNT_UNITS},
}
for _base in _QUANTITY_BASES:
    for _prefix, _factor in _SCALES.items():
        for _per in ("", "/年"):
            _UNITS.setdefault(_prefix + _base + _per, (_base + _per, _factor))
# Areas, lengths, weights, visits and containers in tens of thousands or hundreds of millions (播种面积1.26亿亩,
# 造林3.5万公顷, 接待游客1.93亿人次, 集装箱吞吐量1800万标准箱), as statistics write them
for _base in ("亩", "公顷", "公里", "平方公里", "公斤", "人次", "标准箱", "标箱", "千伏安"):
    for _prefix, _factor in (("", 1.0), ("万", 1e4), ("亿", 1e8)):
        _UNITS.setdefault(_prefix + _base, (_base, _factor))
_UNITS["微克/立方米"] = ("微克/立方米", 1.0)  # PM2.5平均浓度32微克/立方米
_UNITS["天"] = ("天", 1.0)  # 空气质量优良天数272天 (mention_rules.days_not_counted: elsewhere a duration)
# 温室大棚1.3万座, 脱贫人口14.2万名: tens of thousands of a counted thing (not 万条: records and messages,
# 排查数据1.83万条, are the work done, not an indicator)
for _count in set(COUNT_UNITS) - {"条"}:
    _UNITS.setdefault("万" + _count, (_count, 1e4))
# Livestock counted in one figure across kinds, as statistics write its unit: 万头(只), 万头只, 万(头、只、匹)
_HEADS = ("头只", "头(只)", "头（只）", "(头、只)", "（头、只）", "(头、只、匹)", "（头、只、匹）")
for _heads in _HEADS:
    for _prefix in ("", "万"):
        _UNITS[_prefix + _heads] = ("头", 1e4 if _prefix else 1.0)
_HEAD_WORDS = re.compile(r"[(（]?[头只匹](?:[、/()（）]*[头只匹])+[)）]?")

UNIT_PATTERN = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))


@lru_cache(maxsize=512)  # a few dozen units, asked about for every value
def normalize_unit(unit_raw: str | None) -> tuple[str | None, float]:
    """('万元') -> ('亿元', 1e-4). Unknown units pass through unchanged with factor 1."""
    if not unit_raw:
        return None, 1.0
    u = unit_raw.strip().replace("（", "(").replace("）", ")")
    u = _HEAD_WORDS.sub("头", u).strip("()")  # 万(头、只、匹) is 万头
    if u in _UNITS:
        return _UNITS[u]
    if u == "亿":  # read only after a money word (产值突破百亿), see mentions
        return "亿元", 1.0
    return u, 1.0


def is_count_unit(unit: str | None) -> bool:
    return unit in COUNT_UNITS


def same_unit(a: str | None, b: str | None) -> bool:
    """Normalized units name the same measure; counting words are interchangeable (家/户/个)."""
    na, _ = normalize_unit(a)
    nb, _ = normalize_unit(b)
    if na == nb:
        return True
    return is_count_unit(na) and is_count_unit(nb)
