"""A list of industries given a size class together: 卷烟及配套、新材料形成“双百”亿级产业 / 打造A、B两个千亿级产业.

双百亿级 reads "two industries of the 百亿 class": each listed industry's output is to reach the class
(a floor, 亿, >=). The count (双, 两个, 3个 …) must equal the number of items listed, otherwise the
reading is unsure and nothing is produced; a list ending in 等 is open, so it is skipped too.
"""

from __future__ import annotations

import re

from plantrack.extract.mentions import Mention
from plantrack.extract.numbers import parse_number

# the count of industries, then the class, quotes allowed around either (“双百”亿级, “两个千亿级”)
_LIST_CLASS = re.compile(
    r"[“\"]?(?P<count>双|[两二三四五六七八九2-9]个)[“\"]?"
    r"(?P<num>[一二两三四五六七八九十百千万\d]*[十百千万])[”\"]?亿级[”\"]?"
    r"(?P<noun>[\u4e00-\u9fff]{0,6}?(?:产业集群|产业链|产业|集群|企业))?")
_COUNT = {"双": 2, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CLAUSE_END = "，,；;。：:！？!?"
# the verb joining a list (the subject) to its class: 卷烟、新材料形成/成为/迈入…
_JOIN_VERB = re.compile(r"(?:分别|均|都)?(?:形成|成为|打造成为?|建成为?|发展成为?|发展为|成长为|培育成为?|壮大为|"
                        r"迈入|跻身|达到|为)$")
# the verb governing a list as its object: 打造A、B两个千亿级产业 (the first item starts after it)
_LEAD_VERB = re.compile(r"^.*?(?:其中|打造|培育|壮大|做大做强|做强|发展|建设|形成|推动)")
_ITEM = re.compile(r"[\u4e00-\u9fff]{2,16}")


def _count(raw: str) -> int | None:
    if raw == "双":
        return 2
    head = raw[0]
    return int(head) if head.isdigit() else _COUNT.get(head)


def _items(head: str) -> list[str] | None:
    """The industries listed before the class, or None when the list is open (等) or not a list of names."""
    head = _JOIN_VERB.sub("", head)
    parts = head.split("、")
    parts[-1:] = re.split(r"[和与]", parts[-1])  # A、B和C: the last pair is joined by 和/与
    parts[0] = _LEAD_VERB.sub("", parts[0])
    parts = [p.strip() for p in parts]
    if parts[-1].endswith("等") or not all(_ITEM.fullmatch(p) for p in parts):
        return None
    return parts


def list_class_mentions(s: str, taken: list[Mention] = ()) -> list[Mention]:
    """One floor mention per listed industry: 卷烟及配套、新材料形成“双百”亿级产业 -> 卷烟及配套产业产值 >= 100亿,
    新材料产业产值 >= 100亿 (the value span is the class, shared by the items).

    Not where a mention in `taken` already reads the phrase (A、B 2个千亿级主导产业: a count of the class).
    """
    out: list[Mention] = []
    if "级" not in s:
        return out
    for m in _LIST_CLASS.finditer(s):
        if s.count("《", 0, m.start()) > s.count("》", 0, m.start()):
            continue  # inside a title
        if any(x.start < m.end() and m.start() < x.end for x in taken):
            continue  # one reading per phrase: the count already read stays the phrase's value
        count, value = _count(m.group("count")), parse_number(m.group("num"))
        if count is None or value is None:
            continue
        cs = max(s.rfind(d, 0, m.start()) for d in _CLAUSE_END) + 1
        items = _items(s[cs:m.start()])
        if items is None or len(items) != count:
            continue  # the count does not match the list: which industries are meant is unsure
        noun = m.group("noun") or ""
        a, b = m.start("num"), m.end("num") + 3 if s.startswith("”", m.end("num")) else m.end("num") + 2
        for item in items:
            if noun.endswith("企业"):
                indicator = item + "营业收入"
            else:
                indicator = item + ("" if item.endswith(("产业", "集群")) else "产业") + "产值"
            out.append(Mention(a, b, m.group("num"), value, None, None, "亿", ">=", indicator,
                               s[cs:a], "", chinese=True, magnitude=True))
    return out
