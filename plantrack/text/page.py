"""What a government web page says about itself, by name.

The bar under a title and the disclosure catalogue (政府信息公开目录) print key-value fields
("信息来源:市经信局 发布时间:2023-09-25 06:40", "[ 发布机构 ] …人民政府 [ 发布日期 ] 2022-09-14"); a saved
page also keeps the <meta name=…> the national guideline for government websites (国务院办公厅《政府网站
发展指引》, 2017) and GB/T 42147-2022 ask every page to carry (ArticleTitle, PubDate, ContentSource,
SiteName, ColumnName …).
"""

from __future__ import annotations

import re

# Strong keys only ever label metadata; weak ones only with a colon or a bracket.
STRONG_KEYS = ("索引号", "主题分类", "体裁分类", "组配分类", "服务对象", "发文机关", "发布机构", "发布机关", "发文单位",
               "成文日期", "印发日期", "发布日期", "发布时间", "发文日期", "生效日期", "废止日期", "有效性", "发文字号", "信息来源",
               "浏览次数", "点击数", "阅读次数", "访问次数", "责任编辑", "公开方式", "公开范围", "公开时限")
WEAK_KEYS = ("文号", "标题", "名称", "主题词", "关键词", "来源", "作者", "编辑", "日期", "时间", "机构")
KEYS = tuple(sorted(STRONG_KEYS + WEAK_KEYS, key=len, reverse=True))


def spaced(keys) -> str:
    """An alternation of keys as pages print them, spaced out to a column's width or not (索 引 号, 名  称)."""
    return "|".join(r"[ \u3000]{0,3}".join(map(re.escape, k)) for k in keys)


def key_name(printed: str) -> str:
    """The key a printed one stands for (名  称 -> 名称)."""
    return re.sub(r"[ \u3000]", "", printed)


# A key followed by its colon: the start of a field, so the space before it separates fields and is
# not layout between two Chinese characters ("信息来源:市经信局 发布时间:2023-09-25").
KEY_WITH_COLON = "(?:" + spaced(KEYS) + r")[ \u3000]*[:：]"

# <meta name=…> of a government page: name (case-insensitive) -> the metadata field it gives
PAGE_META = {
    "articletitle": "title", "pubdate": "issued_on", "contentsource": "issuer", "sitename": "site",
    "columnname": "column", "firstimgsrc": None, "keywords": None, "description": None,
    "author": None, "publishdate": "issued_on", "title": "title",
}

# A saved page's file name: "…统计公报_重庆市江北区人民政府.html" (title, separator, site)
SAVED_PAGE_NAME = re.compile(r"^(?P<title>.+?)(?:\s*[_|｜]\s*|\s+[-—–]\s+)(?P<site>[^_|｜]{2,40})$")
