"""Document metadata detected from the canonical text. An undetectable field is None with a reason."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from datetime import date

from plantrack.documents.regions import (
    Gazetteer,
    RegionMatch,
    load_gazetteer,
    locate_document,
    region_by_name,
)
from plantrack.model import DocumentMeta

FIELDS = ("title", "doc_type", "issuer", "region_name", "region_code", "issued_on", "plan_start_year",
          "plan_end_year")
DOC_TYPES = ("plan", "opinions", "annual_plan", "bulletin", "economic_report", "work_review",
             "government_report", "release", "other")

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}
_NUM = r"(?:\d{1,4}|[０-９]{1,4}|[〇○零一二三四五六七八九十]{1,4})"
DATE = re.compile(rf"({_NUM})\s*年\s*({_NUM})\s*月\s*({_NUM})\s*日")
FIVE_YEAR = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025),
             "十五五": (2026, 2030)}
_DASH = r"\s*[-－—–~～至到]+\s*"
PERIOD = re.compile(rf"(\d{{4}}){_DASH}(\d{{4}})\s*年")
_TYPE_END = (r"(规划|纲要|行动方案|实施方案|工作方案|方案|行动计划|工作计划|计划|实施意见|指导意见|意见|若干政策|若干措施|政策措施|措施"
             r"|政府工作报告|统计公报|工作回眸|工作总结|工作要点|经济运行情况|运行情况)")
TITLE = re.compile(rf"^(?!各|根据|为|按照|现将|经)[^。；;，,：:]{{4,70}}?{_TYPE_END}((（[^）]{{1,24}}）)|(\([^)]{{1,24}}\)))*$")
_NOTICE = re.compile(r"关于(?:印发|转发|发布|公布|征求)?(.+?)(?:意见)?的(?:通知|公告|函|通告)$")
_ISSUER_END = (r"(人民政府办公室|人民政府办公厅|人民政府|人大常委会|委员会|管委会|办公室|办公厅|统计局|调查队|局|厅|委"
               r"|领导小组)")
ISSUER = re.compile(rf"^[\u4e00-\u9fff（）()]{{2,32}}?{_ISSUER_END}$")
_SELF_REFERENCE = (("本规划", "plan"), ("本纲要", "plan"), ("本行动方案", "plan"), ("本实施方案", "plan"),
                   ("本方案", "plan"), ("本行动计划", "plan"), ("本意见", "opinions"), ("本政策", "opinions"),
                   ("本措施", "opinions"), ("本公报", "bulletin"))


def _cn_int(token: str) -> int | None:
    token = token.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if token.isdigit():
        return int(token)
    if "十" in token:  # 十二 / 二十 / 二十八
        head, _, tail = token.partition("十")
        tens = _CN_DIGIT.get(head, 1) if head else 1
        return tens * 10 + (_CN_DIGIT.get(tail, 0) if tail else 0)
    digits = [_CN_DIGIT.get(c) for c in token]
    return None if None in digits else int("".join(map(str, digits)))


def parse_date(m: re.Match) -> date | None:
    y, mo, d = (_cn_int(g) for g in m.groups())
    try:
        return date(y, mo, d) if y and 1900 < y < 2200 else None
    except (TypeError, ValueError):
        return None


def classify(title: str) -> str | None:
    """doc_type from a title (the draft marker 征求意见稿 is not an 意见)."""
    t = re.sub(r"[（(](征求意见稿|送审稿|草案|试行|修订稿|讨论稿)[）)]", "", title)
    if "政府工作报告" in t:
        return "government_report"
    if "统计公报" in t:
        return "bulletin"
    if "经济运行" in t:
        return "economic_report"
    if re.search(r"工作回眸|工作总结|工作综述|年度总结", t):
        return "work_review"
    if re.search(r"工作要点|年度计划|年度工作计划|国民经济和社会发展计划", t) or (
            re.search(r"\d{4}年[^（(]*计划$", t) and not re.search(r"行动计划|\d{4}" + _DASH + r"\d{4}", t)):
        return "annual_plan"
    if re.search(r"意见|若干政策|若干措施|政策措施|措施$", t):
        return "opinions"
    if re.search(r"规划|纲要|方案|行动计划|计划", t):
        return "plan"
    return None


def _prose_lines(text: str) -> list[str]:
    return [x for x in text.split("\n") if x and not x.startswith("\t")]


def _find_title(lines: list[str]) -> tuple[str | None, str | None]:
    """(title, notice_title): a standalone title line near the top, and the title a notice names."""
    head = lines[:40]
    notice = None
    for i, line in enumerate(head[:15]):
        if "关于" not in line or len(line) > 90:
            continue
        joined = line
        for nxt in head[i + 1:i + 4]:
            if re.search(r"(通知|公告|函|通告)$", joined):
                break
            joined += nxt
        m = _NOTICE.search(joined[joined.index("关于"):])
        if m:
            inner = m.group(1)
            quoted = re.search(r"《(.+)》", inner)
            notice = (quoted.group(1) if quoted else inner).strip("《》")
            break
    for i in range(len(head)):
        for span in (1, 2, 3):
            parts = head[i:i + span]
            if len(parts) < span or any(len(p) > 45 and span > 1 for p in parts):
                break
            cand = "".join(parts)
            if i + span < len(head) and re.fullmatch(r"[（(][^）)]{2,24}[）)]", head[i + span]):
                cand += head[i + span]  # （2023－2027年） or （征求意见稿） on its own line
            if TITLE.match(cand) and not DATE.search(cand.split("（")[0]) and "关于印发" not in cand \
                    and not _LIST_ITEM.match(cand) and (span == 1 or _continues_title(parts)):
                return cand, notice
    return None, notice


_LIST_ITEM = re.compile(r"^(\d+[.、．]|附件|附表|[（(]\d+[）)])")


def _continues_title(parts: list[str]) -> bool:
    """Lines of a title broken over several lines: none is a title, a note or a wholly bracketed line."""
    return not any(TITLE.match(p) or re.fullmatch(r"[（(].*[）)]", p) or ISSUER.match(p) for p in parts)


def _fallback_title(lines: list[str]) -> str | None:
    """Reports often carry their title as a subtitle anywhere: ——区经济信息委2023年工作回眸."""
    for line in lines:
        stripped = line.lstrip("—-－ ")
        if len(stripped) <= 50 and re.search(r"(工作回眸|统计公报|政府工作报告|经济运行情况|工作总结)$", stripped):
            return stripped
    return None


def _find_dates(lines: list[str]) -> list[tuple[int, date, bool, str]]:
    """Standalone date lines (index, date, strong, text before the date)."""
    found = []
    for i, line in enumerate(lines):
        if len(line) > 60 or "。" in line:
            continue
        m = DATE.search(line)
        if not m:
            continue
        before, after = line[:m.start()].strip(), line[m.end():].strip(" 　")
        d = parse_date(m)
        if d is None:
            continue
        tail_ok = re.fullmatch(r"(印发|发布|印|签发|通过)?[）)]?", after) is not None
        if before == "" and tail_ok:
            found.append((i, d, bool(after), ""))
        elif tail_ok and ISSUER.match(before.strip("　 ")):
            found.append((i, d, True, before))
        elif before.startswith(("——", "（", "(")) and len(line) <= 60:
            found.append((i, d, False, ""))
    return found


def detect_metadata(text: str, gazetteer: Gazetteer | None = None) -> DocumentMeta:
    gazetteer = gazetteer or load_gazetteer()
    lines = _prose_lines(text)
    reasons: dict[str, str] = {}

    title, notice = _find_title(lines)
    if notice and (title is None or notice.split("（")[0] not in title):
        title = notice if title is None or len(notice) >= 6 else title
    title = title or _fallback_title(lines)
    if title:
        title = title.lstrip("—-－ ")
    if title is None:
        reasons["title"] = "no title line near the start (a short line ending in 规划/方案/意见/公报… ) was found"

    doc_type = classify(title) if title else None
    if doc_type is None:
        counts = Counter(kind for word, kind in _SELF_REFERENCE for _ in range(text.count(word)))
        doc_type = counts.most_common(1)[0][0] if counts else None
    if doc_type is None:
        doc_type = "other"
        reasons["doc_type"] = "neither the title nor the text names a known document type"

    dates = _find_dates(lines)
    issuer, issued_on = None, None
    chosen = next((d for d in dates if d[2]), None)
    if chosen is None:
        chosen = next((d for d in dates if d[0] < 30), None) or (dates[-1] if dates and dates[-1][0] >= len(lines) - 30 else None)
    if chosen:
        issued_on = chosen[1]
        if chosen[3]:
            issuer = chosen[3]
        elif chosen[0] > 0 and ISSUER.match(lines[chosen[0] - 1]):
            issuer = lines[chosen[0] - 1]  # the signature above the date
    else:
        reasons["issued_on"] = "no standalone issue date (e.g. 2023年12月28日 or …印发) was found"
    if issuer is None:
        issuer = next((x for x in lines[:10] if ISSUER.match(x)), None)
    if issuer is None:
        for line in lines[:15] + ([title] if title else []):
            m = re.match(rf"^(.{{2,30}}?{_ISSUER_END})(?:关于|\d{{4}}年)", line.lstrip("—- "))
            if m:
                issuer = m.group(1)
                break
    if issuer is None:
        reasons["issuer"] = "no issuing body (a line such as …人民政府 / …委员会 / …局) was found"

    region = _detect_region(text, issuer, title, gazetteer)
    region_name = region.name if region else None
    region_code = region.code if region else None
    if region is None:
        reasons["region_name"] = reasons["region_code"] = (
            "no region in the issuer or title, and no single region dominates the text")
    elif region.code is None and region.reason:
        reasons["region_code"] = region.reason
    sources, confidence = {}, {}
    if region is not None and region.how:
        # a former name, a sub-area or a single mention is said beside how the region was found
        detail = "; ".join(x for x in (region.note, region.reason if region.code else None) if x)
        for key in ("region_name", "region_code") if region.code else ("region_name",):
            sources[key] = f"{region.how}: {detail}" if detail else region.how
            confidence[key] = region.confidence

    start, end, why = _plan_period(text, title, doc_type)
    if start is None:
        reasons["plan_start_year"] = reasons["plan_end_year"] = why

    return DocumentMeta(title=title, doc_type=doc_type, issuer=issuer, region_name=region_name,
                        region_code=region_code, issued_on=issued_on, plan_start_year=start, plan_end_year=end,
                        reasons=reasons, sources=sources, confidence=confidence)


def _detect_region(text: str, issuer: str | None, title: str | None, gazetteer: Gazetteer) -> RegionMatch | None:
    # The logic lives in regions.py (complete division list, former names, sub-areas).
    return locate_document(text, issuer, title, gazetteer)


def _plan_period(text: str, title: str | None, doc_type: str) -> tuple[int | None, int | None, str]:
    if title:
        m = PERIOD.search(title)
        if m and int(m.group(1)) <= int(m.group(2)):
            return int(m.group(1)), int(m.group(2)), ""
        for term, (a, b) in FIVE_YEAR.items():
            if term in title:
                return a, b, ""
        if doc_type == "annual_plan":
            y = re.search(r"(\d{4})年", title)
            if y:
                return int(y.group(1)), int(y.group(1)), ""
    if doc_type not in ("plan", "opinions", "annual_plan"):
        return None, None, f"a {doc_type} document has no plan period"
    m = re.search(rf"(?:规划|实施|方案|计划)?期限?(?:为|是|：)?\s*(\d{{4}}){_DASH}(\d{{4}})\s*年", text)
    if m:
        return int(m.group(1)), int(m.group(2)), ""
    terms = Counter({t: text.count(t) for t in FIVE_YEAR if text.count(t)})
    ranked = terms.most_common(2)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 3 * ranked[1][1]):
        a, b = FIVE_YEAR[ranked[0][0]]
        return a, b, ""
    return None, None, "the title states no period (（2023－2027年） / “十四五”) and the text names none clearly"


def apply_overrides(meta: DocumentMeta, overrides: dict | None, gazetteer: Gazetteer | None = None) -> DocumentMeta:
    """Fields given by a person (sidecar, `plantrack add`) win over detected ones; they are recorded."""
    if not overrides:
        return meta
    unknown = set(overrides) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown metadata field(s): {', '.join(sorted(unknown))}; known: {', '.join(FIELDS)}")
    values = {k: v for k, v in overrides.items() if v is not None and v != ""}
    if "issued_on" in values and isinstance(values["issued_on"], str):
        values["issued_on"] = date.fromisoformat(values["issued_on"])
    for key in ("plan_start_year", "plan_end_year"):
        if key in values:
            values[key] = int(values[key])
    if "doc_type" in values and values["doc_type"] not in DOC_TYPES:
        raise ValueError(f"doc_type {values['doc_type']!r} is not one of {', '.join(DOC_TYPES)}")
    reasons = {k: v for k, v in meta.reasons.items() if k not in values}
    gazetteer = gazetteer or load_gazetteer()
    if "region_name" in values and "region_code" not in values:
        found = region_by_name(str(values["region_name"]), gazetteer)
        values["region_code"] = found.code
        if found.code is None:
            reasons["region_code"] = found.reason or "unknown region"
        else:
            reasons.pop("region_code", None)
    elif "region_code" in values and "region_name" not in values:
        region = gazetteer.by_code.get(str(values["region_code"]))
        values["region_name"] = region.name if region else meta.region_name
        reasons.pop("region_name", None)
    return replace(meta, **values, reasons=reasons, overridden=tuple(k for k in FIELDS if k in overrides
                                                                     and k in values))
