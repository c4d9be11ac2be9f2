"""Document metadata detected from the reading view of the canonical text (simplified characters, web page
furniture dropped, a government web page's metadata block read). Each field found says where from
(meta.sources) and how sure (meta.confidence); an undetectable field is None with a reason."""

from __future__ import annotations

import re
from calendar import monthrange
from collections import Counter
from dataclasses import dataclass, replace
from dataclasses import field as dc_field
from datetime import date

from plantrack.documents.reading_view import reading_view, to_simplified
from plantrack.documents.regions import (
    Gazetteer,
    find_mentions,
    load_gazetteer,
    locate_document,
    region_by_name,
    region_in_name,
)
from plantrack.model import DocumentMeta
from plantrack.text.numerals import cn_int
from plantrack.text.page import SAVED_PAGE_NAME
from plantrack.text.periods import FIVE_YEAR, MULTIPLE_BASE, period_words
from plantrack.text.width import halfwidth_digits

FIELDS = ("title", "doc_type", "issuer", "region_name", "region_code", "issued_on", "plan_start_year",
          "plan_end_year", "period_year", "period_label", "doc_number")
DOC_TYPES = ("plan", "opinions", "annual_plan", "bulletin", "economic_report", "execution_report", "work_review",
             "government_report", "release", "other")
# Kinds that report on a whole year, and so (without a year in the title) on the year before an early release.
_FULL_YEAR_KINDS = ("bulletin", "execution_report", "work_review", "government_report")

_NUM = r"(?:\d{1,4}|[０-９]{1,4}|[〇○零一二三四五六七八九十]{1,4})"
DATE = re.compile(rf"({_NUM})\s*年\s*({_NUM})\s*月\s*({_NUM})\s*日")
_DASH = r"\s*[-－—–~～至到]+\s*"
PERIOD = re.compile(rf"(\d{{4}}){_DASH}(\d{{4}})\s*年")
_TYPE_END = (r"(规划|纲要|行动方案|实施方案|工作方案|方案|行动计划|工作计划|计划|实施意见|指导意见|意见|若干政策|若干措施|政策措施|措施"
             r"|政府工作报告|统计公报|工作回眸|工作总结|工作要点|经济运行情况|运行情况|运行简况|经济简况|运行分析"
             r"|执行情况|执行情况的报告|草案的报告)")
TITLE = re.compile(rf"^(?!各|根据|为|按照|现将|经)[^。；;，,：:]{{4,70}}?{_TYPE_END}((（[^）]{{1,24}}）)|(\([^)]{{1,24}}\)))*$")
_NOTICE = re.compile(r"关于(?:印发|转发|发布|公布|征求)?(.+?)(?:意见)?的(?:通知|公告|函|通告)$")
_ISSUER_END = (r"(人民政府办公室|人民政府办公厅|人民政府|人大常委会|委员会|管委会|办公室|办公厅|统计局|调查队|局|厅|委"
               r"|领导小组)")
ISSUER = re.compile(rf"^[\u4e00-\u9fff（）()]{{2,32}}?{_ISSUER_END}$")
_SELF_REFERENCE = (("本规划", "plan"), ("本纲要", "plan"), ("本行动方案", "plan"), ("本实施方案", "plan"),
                   ("本方案", "plan"), ("本行动计划", "plan"), ("本意见", "opinions"), ("本政策", "opinions"),
                   ("本措施", "opinions"), ("本公报", "bulletin"))


_cn_int = cn_int


def parse_date(m: re.Match) -> date | None:
    y, mo, d = (_cn_int(g) for g in m.groups())
    try:
        return date(y, mo, d) if y and 1900 < y < 2200 else None
    except (TypeError, ValueError):
        return None


def classify(title: str) -> str | None:
    """doc_type from a title (the draft marker 征求意见稿 is not an 意见)."""
    t = re.sub(r"[（(](征求意见稿|送审稿|草案|试行|修订稿|讨论稿)[）)]", "", title)
    t = t.replace("征求意见稿", "")
    if "政府工作报告" in re.sub(r"《[^》]*》", "", t):  # 《政府工作报告》重点工作分工方案 is about one, not one
        return "government_report"
    if "统计公报" in t:
        return "bulletin"
    # 计划执行情况(与…计划草案)的报告: reports the year's results first, so before annual_plan
    if re.search(r"(?:计划|规划)(?:的)?(?:执行|实施)情况", t):
        return "execution_report"
    if re.search(r"经济运行|运行简况|经济简况|经济(?:发展)?(?:形势)?分析|运行分析", t):
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
    """Lines of a title broken over several lines: none is a title, a note or a wholly bracketed line. The
    last may be a title when the first opens one (关于… or a place's full name: 重庆市渝中区2023年国民经济和社会发展 /
    计划执行情况及2024年计划草案的报告), not a menu or a column name run into it."""
    opens = parts[0].startswith("关于") or any(m.start == 0 for m in find_mentions(parts[0], load_gazetteer()))
    return not any(TITLE.match(p) and (i < len(parts) - 1 or not opens) or re.fullmatch(r"[（(].*[）)]", p)
                   or ISSUER.match(p) for i, p in enumerate(parts))


def _fallback_title(lines: list[str]) -> str | None:
    """Reports often carry their title as a subtitle anywhere: ——区经济信息委2023年工作回眸."""
    for line in lines:
        stripped = line.lstrip("—-－ ")
        if len(stripped) <= 50 and re.search(r"(工作回眸|统计公报|政府工作报告|经济运行情况|运行简况|执行情况|工作总结)$", stripped):
            return stripped
    return None


_ISO_DATE = re.compile(r"(?<!\d)(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)")
_MONTH_ONLY = re.compile(rf"^({_NUM})\s*年\s*({_NUM})\s*月$")
_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［【（(]\s*(?:19|20)\d\d\s*[〕\]］】）)]\s*\d{1,4}\s*号")
# Metadata-block keys, most to least specific, per field (see reading_view).
_BLOCK_ISSUER = ("发文机关", "发布机构", "发布机关", "发文单位", "机构")
_BLOCK_DATE = ("成文日期", "印发日期", "发文日期", "发布日期", "发布时间", "日期", "时间")
_SIGNED_KEYS = ("成文日期", "印发日期", "发文日期")  # the document's own date, not the page's
_BLOCK_TITLE = ("标题", "名称")
_BLOCK_NUMBER = ("发文字号", "文号")


def parse_any_date(s: str) -> tuple[date, bool] | None:
    """(date, day_known) from 2023-09-25, 2023/09/25, 2023.9.25, 2023年9月25日, 二〇二三年九月二十五日, or
    2021年8月 alone: a month without a day is taken as its last day (published by then), day_known False."""
    m = DATE.search(s)
    if m:
        d = parse_date(m)
        if d:
            return d, True
    m = _ISO_DATE.search(s)
    if m:
        try:
            y, mo, d = (int(g) for g in m.groups())
            if 1900 < y < 2200:
                return date(y, mo, d), True
        except ValueError:
            pass
    m = _MONTH_ONLY.match(s.strip())
    if m:
        y, mo = _cn_int(m.group(1)), _cn_int(m.group(2))
        if y and mo and 1900 < y < 2200 and 1 <= mo <= 12:
            return date(y, mo, monthrange(y, mo)[1]), False
    return None


@dataclass
class _Found:
    """Fields as they are detected, each with where it was found and how sure the reader is."""

    values: dict = dc_field(default_factory=dict)
    sources: dict = dc_field(default_factory=dict)
    confidence: dict = dc_field(default_factory=dict)
    reasons: dict = dc_field(default_factory=dict)

    def set(self, name: str, value, source: str, confidence: float, note: str | None = None) -> None:
        self.values[name] = value
        self.sources[name] = source
        self.confidence[name] = round(confidence, 2)
        if note:
            self.reasons[name] = note

    def get(self, name: str):
        return self.values.get(name)


_SITE = re.compile(r"(?:人民政府|政府网|政府门户网站|门户网站|网站|统计局|统计信息网|发展和改革委员会|发改委|[局委办厅])$")


def _page_evidence(page: dict[str, str], file_name: str | None) -> dict[str, str]:
    """What a page says about itself, in simplified characters, with <title> split into its title and its
    site ("2023年…统计公报_重庆市江北区人民政府") and, weakest, the same read from a saved page's file name."""
    out = {k: to_simplified(v) for k, v in page.items() if v}
    for key, raw in (("<title>", out.get("<title>")), ("file_name", _saved_page_stem(file_name))):
        if not raw:
            continue
        m = SAVED_PAGE_NAME.match(raw)
        if m and _SITE.search(m.group("site")):
            title, site = m.group("title").strip(), m.group("site").strip()
        elif key == "<title>":
            title, site = raw, None
        else:
            continue  # a file name is evidence only in the shape a browser gives a saved page
        prefix = "<title>" if key == "<title>" else "file_name_title"
        if TITLE.match(title) or classify(title):
            out[prefix] = title
        elif key == "<title>":
            out.pop("<title>", None)
        if site:
            out["<title>_site" if key == "<title>" else "file_name_site"] = site
    return out


def _saved_page_stem(file_name: str | None) -> str | None:
    if not file_name:
        return None
    name = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = re.sub(r"\.(?:html?|mhtml?|txt|md|pdf|docx)$", "", name, flags=re.I)
    return to_simplified(stem) if stem != name else None


def _page_issue(f: _Found, page: dict[str, str]) -> None:
    """A page's PubDate dates it where the text gave no date or only a weak one; its ContentSource is the
    issuer when it reads as one (not a newspaper)."""
    raw = page.get("pubdate") or page.get("publishdate")
    got = parse_any_date(raw) if raw else None
    if got and (f.get("issued_on") is None or f.confidence.get("issued_on", 0) < 0.8):
        f.reasons.pop("issued_on", None)
        f.set("issued_on", got[0], "page_meta:PubDate", 0.9 if got[1] else 0.5)
    source = page.get("contentsource")
    if source and f.get("issuer") is None and ISSUER.match(source):
        f.reasons.pop("issuer", None)
        f.set("issuer", source, "page_meta:ContentSource", 0.85)


def _block_value(fields: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((fields[k] for k in keys if fields.get(k)), None)


def detect_metadata(text: str, gazetteer: Gazetteer | None = None, page: dict[str, str] | None = None,
                    file_name: str | None = None) -> DocumentMeta:
    """Metadata of a document, read from its reading view (simplified, without web page furniture), from
    a government web page's metadata block where there is one, from what a saved page's <head> says
    about it (`page`: <meta name=…> lower-cased -> content, "<title>") and, weakest, from the name a
    browser gives a saved page (`file_name`: "…统计公报_重庆市江北区人民政府.html"). Every field found says
    where from (meta.sources) and how sure (meta.confidence); a field not found is None with
    meta.reasons[field]."""
    gazetteer = gazetteer or load_gazetteer()
    page = _page_evidence(page or {}, file_name)
    view = reading_view(text)
    text = view.text
    block = view.fields
    lines = _prose_lines(text)
    f = _Found()

    title, notice = _find_title(lines)
    title_source, title_conf = "title", 0.9
    if notice and (title is None or notice.split("（")[0] not in title):
        if title is None or len(notice) >= 6:
            title, title_source = notice, "notice"
    if title is None:
        title, title_source, title_conf = _fallback_title(lines), "subtitle", 0.7
    block_title = _block_value(block, _BLOCK_TITLE)
    if block_title:
        m = _NOTICE.search(block_title)
        block_title = (m.group(1).strip("《》") if m else block_title).strip()
    # the disclosure catalogue's 名称/标题 is the page's declared title: it outranks a title line read from
    # the text (which a page may break over lines or cut)
    if block_title and (title is None or title_source in ("subtitle", "title", "heading")):
        title, title_source, title_conf = block_title, "metadata_block", 0.95
    for key, source, conf in (("articletitle", "page_meta:ArticleTitle", 0.95), ("<title>", "page_title", 0.8),
                              ("file_name_title", "file_name", 0.5)):
        declared = page.get(key)
        if not declared:
            continue
        # the page's own ArticleTitle outranks a title line read from the text; <title> and the file
        # name only stand in for a title the text does not show
        if key == "articletitle" or title is None or title_source == "subtitle":
            m = _NOTICE.search(declared)
            title, title_source, title_conf = (m.group(1).strip("《》") if m else declared).strip(), source, conf
        break
    if title:
        title = title.lstrip("—-－ ")
        title = re.sub(r"^[（(][^）)]{1,8}[）)](?=.{4})", "", title)  # (重庆市)2024年…报告: a site's place tag
        heading = re.match(r"^[一二三四五六七八九十]+[、.．]\s*", title)
        if heading:  # an excerpt opening with its first heading (一、2021年计划执行情况)
            title, title_source, title_conf = title[heading.end():], "heading", 0.6
        f.set("title", title, title_source, title_conf)
    else:
        f.reasons["title"] = "no title line near the start (a short line ending in 规划/方案/意见/公报… ) was found"

    _detect_kind(f, text, lines, title, block_title)
    title = f.get("title")  # a section heading taken for a title may have been set aside
    _detect_issue(f, lines, block, [x for x in text.split("\n") if x.strip()][:_BAR_LINES])
    _page_issue(f, page)
    issuer = f.get("issuer")

    region = locate_document(text, issuer, title, gazetteer)
    if region is None:  # the site that published the page names its place (重庆市江北区人民政府)
        for key, source, conf in (("contentsource", "page_meta:ContentSource", 0.8),
                                  ("sitename", "page_meta:SiteName", 0.75), ("<title>_site", "page_title", 0.7),
                                  ("file_name_site", "file_name", 0.5)):
            found = region_in_name(page[key], gazetteer) if page.get(key) else None
            if found is not None:
                region = replace(found, how=source, confidence=min(conf, found.confidence or conf))
                break
    if region is not None and region.subarea and region.code:
        # 淄博高新区, 万盛经开区: a zone publishes its own figures; filed under its parent they would be
        # taken for the parent's and judge its targets. It keeps its own name, without a code.
        region = replace(region, name=region.subarea, code=None, subarea=None, note=None, reason=(
            f"{region.subarea} is a development zone, park or new area within {region.name} ({region.code}): "
            f"not a GB/T 2260 unit, and its figures are its own, not {region.name}'s"))
    if region is None:
        f.reasons["region_name"] = f.reasons["region_code"] = (
            "no region in the issuer or title, and no single region dominates the text")
    else:
        # how the place was found, with a former name, a sub-area or a single mention said beside it
        detail = "; ".join(x for x in (region.note, region.reason if region.code else None) if x)
        how = region.how or "text"
        if how == "issuer" and f.sources.get("issuer", "").startswith("page_meta"):
            how = f"issuer ({f.sources['issuer']})"
        source = f"{how}: {detail}" if detail else how
        conf = region.confidence or 0.6
    if region is not None:
        f.set("region_name", region.name, source, conf)
        if region.code is not None:
            f.set("region_code", region.code, source, conf)
        else:
            f.reasons["region_code"] = region.reason or "the region has no known code"

    doc_type = f.get("doc_type")
    start, end, why = _plan_period(text, title, doc_type)
    if start is None:
        f.reasons["plan_start_year"] = f.reasons["plan_end_year"] = why
    else:
        source = "title" if title and (PERIOD.search(title) or any(t in title for t in FIVE_YEAR) or "个五年" in title
                                       or doc_type == "annual_plan") else "text"
        conf = 0.9 if source == "title" else 0.7
        f.set("plan_start_year", start, source, conf)
        f.set("plan_end_year", end, source, conf)

    _detect_period(f, text, title)

    number = _block_value(block, _BLOCK_NUMBER)
    if number:
        f.set("doc_number", number, "metadata_block", 0.95)
    else:
        m = next((m for line in lines[:15] if len(line) <= 40 and (m := _DOC_NUMBER.search(line))), None)
        if m:
            f.set("doc_number", re.sub(r"\s+", "", m.group()), "text", 0.8)

    v = f.values
    return DocumentMeta(title=v.get("title"), doc_type=v.get("doc_type"), issuer=v.get("issuer"),
                        region_name=v.get("region_name"), region_code=v.get("region_code"),
                        issued_on=v.get("issued_on"), plan_start_year=v.get("plan_start_year"),
                        plan_end_year=v.get("plan_end_year"), period_year=v.get("period_year"),
                        period_label=v.get("period_label"), doc_number=v.get("doc_number"),
                        reasons=f.reasons, sources=f.sources, confidence=f.confidence)


_RELEASE_CUE = re.compile(r"同比|比上年|较上年|比去年|上年同期|增长\d|下降\d|实现[^，。]{0,12}\d")
_PLAN_CUE = re.compile(r"到20\d\d年|力争|目标|确保|规划期")
_NEWS_CUE = re.compile(r"来源[:：]|记者|通讯员|发布会|报讯|据[^，,。]{0,20}介绍|[\u4e00-\u9fff]{2,4}介绍[，,。]")
_DIGIT_RUN = re.compile(r"\d")


def _detect_kind(f: _Found, text: str, lines: list[str], title: str | None, block_title: str | None) -> None:
    """The title's words, else the text's self-references (本规划), else a heading line's near the top,
    else the metadata block's title; a text that reports values but names no kind is a `release`."""
    # How the text names itself (本规划 / 本公报) outweighs a heading near the top (一、2022年经济运行情况
    # may open a plan's background section), but not a real title.
    counts = Counter(kind for word, kind in _SELF_REFERENCE for _ in range(text.count(word)))
    from_heading = f.sources.get("title") == "heading"
    kind = classify(title) if title else None
    if kind and not (from_heading and counts):
        f.set("doc_type", kind, f.sources.get("title", "title"),
              0.7 if from_heading else min(0.9, f.confidence.get("title", 0.9)))
        return
    if counts:
        f.set("doc_type", counts.most_common(1)[0][0], "text", 0.7)
        if from_heading and kind:  # the heading was a section's, not the document's title
            for d in (f.values, f.sources, f.confidence):
                d.pop("title", None)
            f.reasons["title"] = "the first line is a section heading, not the document's title"
        return
    for line in lines[:6]:
        if len(line) <= 60 and (kind := classify(line)) and kind not in ("plan", "opinions"):
            f.set("doc_type", kind, "text", 0.6)
            return
    if block_title and (kind := classify(block_title)):
        f.set("doc_type", kind, "metadata_block", 0.85)
        return
    release, plan = len(_RELEASE_CUE.findall(text[:20000])), len(_PLAN_CUE.findall(text[:20000]))
    news = len(_NEWS_CUE.findall(text[:20000]))
    if release >= 3 and release >= plan:
        f.set("doc_type", "release", "text", 0.5,
              f"no known kind named; the text reports values ({release} cues such as 同比/比上年 against {plan} plan cues)")
    elif news and _DIGIT_RUN.search(text):
        # a news report names no kind of its own, whether it reports results or quotes a plan's goals
        f.set("doc_type", "release", "text", 0.4,
              f"no known kind named; the text reads as a news report ({news} cues such as 来源/记者/据…介绍)")
    else:
        f.set("doc_type", "other", "text", 0.3, "neither the title nor the text names a known document type")


# A dateline written day first, as some news sites print it: 26.10.2015  17:55 (alone on its line). Dots
# with the year last are the day-first convention (D.M.Y); month first is written with slashes (5/3/2016).
_DAY_FIRST = re.compile(r"(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")


def _day_first_date_line(line: str) -> date | None:
    """The date of a line that is only a day-first date (and a time)."""
    m = _DAY_FIRST.fullmatch(line.strip())
    if not m:
        return None
    try:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


# The page's own date in the bar under its title or a news dateline: a short line with no sentence in it,
# whose one full date is marked as the page's by what stands beside it: a date key before it (发布时间：,
# 发表于, date), a clock time after it (a page's timestamp: an event's hour is written 上午 / 9时), a
# weekday, the bar's next field (来源 / 作者 / 浏览), or nothing but the source's name before it (长江日报2025年01月17日).
_BAR_LINES = 12
_BAR_KEY = re.compile(r"(?:(?:发布|更新|发表|发稿|上传)(?:时间|日期|于)?|时间|日期|date)[ \u3000]*[:：]?[ \u3000]*$", re.I)
_BAR_NEXT = re.compile(r"[ \u3000]*(?:\d{1,2}:\d{2}|星期[一二三四五六日天]|(?:信息)?来源|作者|编辑|浏览|阅读|点击)")
_BAR_SOURCE = re.compile(r"[^\d]{2,16}[ \u3000·]*")
_SENTENCE_MARK = re.compile(r"[。，,；;！？!?]")


def _bar_date(line: str) -> date | None:
    """The date of a page's bar or dateline (see above), or None."""
    body = line.strip().lstrip("\t")
    if len(body) > 80 or _SENTENCE_MARK.search(body):
        return None
    found = [m for m in (*DATE.finditer(body), *_ISO_DATE.finditer(body))]
    if len(found) != 1:
        return None
    m = found[0]
    before, after = body[:m.start()], body[m.end():]
    if not (_BAR_KEY.search(before) or _BAR_NEXT.match(after)
            or (not after.strip() and len(body) <= 30 and _BAR_SOURCE.fullmatch(before))):
        return None
    got = parse_any_date(m.group())
    return got[0] if got and got[1] else None


def _find_dates(lines: list[str]) -> list[tuple[int, date, bool, str, str, bool]]:
    """Standalone date lines: (index, date, strong, issuer before the date, where, day_known).

    strong: the line says it is the issue (…印发) or carries the issuer; where: signature / under_title /
    date_line."""
    found = []
    for i, line in enumerate(lines):
        if len(line) > 60 or "。" in line:
            continue
        m = DATE.search(line) or _ISO_DATE.search(line)
        if not m and (day_first := _day_first_date_line(line)) is not None:
            found.append((i, day_first, False, "", "date_line", True))
            continue
        if not m:
            if (got := parse_any_date(line)) and i > 0 and ISSUER.match(lines[i - 1]):
                found.append((i, got[0], False, "", "signature", False))  # 统计局 / 2021年8月
            continue
        before, after = line[:m.start()].strip(), line[m.end():].strip(" 　")
        got = parse_any_date(m.group())
        if got is None:
            continue
        d = got[0]
        tail_ok = re.fullmatch(r"(印发|发布|印|签发|通过)?[）)]?", after) is not None
        signed = i > 0 and ISSUER.match(lines[i - 1]) is not None
        if before == "" and tail_ok:
            found.append((i, d, bool(after), "", "signature" if signed else "date_line", True))
        elif tail_ok and ISSUER.match(before.strip("　 ")):
            found.append((i, d, True, before, "signature", True))
        elif before.startswith(("——", "（", "(")) and len(line) <= 60:
            found.append((i, d, False, "", "under_title", True))
        elif before == "" and m.re is _ISO_DATE and (_TIME.match(after) or re.fullmatch(r"[-—|｜\s]*\S{0,12}", after)):
            found.append((i, d, False, "", "date_line", True))  # a news page's dateline: 2024-07-25 17:33 - 来源
    return found


# Words that place a text at the turn of the year (岁末年初: the year just ended is 去年).
_YEAR_TURN = re.compile(r"岁末年初|年末岁初|新年伊始|新春伊始|开年之际|辞旧迎新|岁首年初")
# A date the text looks forward to (到2025年12月31日前 / 将于…) bounds nothing about when it was written.
_AHEAD = re.compile(r"(?:到|至|将于|计划于|预计|拟于|之前|以前)$")


# DATE and _ISO_DATE for scanning every line of a text: the same matches, found about 1.5x as fast (the
# lookahead names the characters every match starts with, so other positions fail at once)
_DATE_SCAN = re.compile(r"(?=[\d〇○零一二三四五六七八九十])" + DATE.pattern)
_ISO_DATE_SCAN = re.compile(r"(?=\d)" + _ISO_DATE.pattern)


def implied_issue_date(lines: list[str]) -> tuple[date, str] | None:
    """An issue date a text without one implies, with the reason: the latest full date it names is a lower
    bound (it was written after it); a text at the turn of the year (岁末年初) whose latest date falls in
    November or December was written in the next January (its last day is taken, as for a month-only date).
    Never the file name: only what the text says."""
    latest: date | None = None
    for line in lines:
        for m in (*_DATE_SCAN.finditer(line), *_ISO_DATE_SCAN.finditer(line)):
            if _AHEAD.search(line[max(0, m.start() - 4):m.start()]) or line[m.end():m.end() + 2] in ("前", "之前"):
                continue
            d = parse_date(m)
            if d and (latest is None or d > latest):
                latest = d
    if latest is None:
        return None
    if latest.month >= 11 and any(_YEAR_TURN.search(x) for x in lines):
        return date(latest.year + 1, 1, 31), (
            f"estimated: the text speaks of the turn of the year and its latest date is {latest:%Y-%m-%d}, so it "
            "was written the next January (its last day is taken)")
    return latest, f"estimated: the latest full date the text names ({latest:%Y-%m-%d}) is a lower bound"


# A report's own date: the day it was delivered to a session (——2021年1月12日在…人民代表大会第六次会议上,
# the line may break before 会议上).
_DELIVERED = re.compile(r"^(?:[^。，,]{0,12}[—─\s])?[\s—─\-－(（]*(" + DATE.pattern + r")\s*在[^。]{0,60}?(?:会议|會議|大会|大會|人大)")


def delivered_on(lines: list[str]) -> date | None:
    """The day a report says it was delivered (under its title, in its opening), or None."""
    for i, line in enumerate(lines[:40]):
        if "在" not in line:
            continue
        m = _DELIVERED.search(line.strip() + (lines[i + 1].strip() if i + 1 < len(lines) else ""))
        if m and (got := parse_any_date(m.group(1))):
            return got[0]
    return None


def _detect_issue(f: _Found, lines: list[str], block: dict[str, str], head: list[str]) -> None:
    """`head`: the first lines as written, table rows too (a flattened page may put its bar in one)."""
    issuer = _block_value(block, _BLOCK_ISSUER)
    if issuer:
        f.set("issuer", issuer, "metadata_block", 0.95)
    raw = _block_value(block, _BLOCK_DATE)
    got = parse_any_date(raw) if raw else None
    if got:
        f.set("issued_on", got[0], "metadata_block", 0.95 if got[1] else 0.5,
              None if got[1] else "the metadata block gives a month without a day: its last day is taken")
    else:  # a bar whose date rides on another field's value (来源:光明网2020-07-22 12:13)
        riding = [(k, d) for k, v in block.items() if (d := parse_any_date(v)) and d[1]]
        if len({d[0] for _, d in riding}) == 1:
            f.set("issued_on", riding[0][1][0], "metadata_block", 0.8,
                  f"the page's bar gives the date in its {riding[0][0]} field")
    dates = _find_dates(lines)
    chosen = next((d for d in dates if d[2]), None) or next((d for d in dates if d[0] < 30), None)
    posted = f.get("issued_on")
    if posted is not None and chosen and chosen[4] == "signature" and chosen[5] and chosen[1] < posted \
            and not parse_any_date(_block_value(block, _SIGNED_KEYS) or ""):
        # the block's 发布时间 is when the page posted it; the date under the issuer's signature is the
        # document's own (成文日期 would say so, and outranks both)
        f.set("issued_on", chosen[1], "signature", 0.9, f"the document is signed {chosen[1]:%Y-%m-%d}; the "
              f"page's later date {posted:%Y-%m-%d} is when it was posted")
    bar = next((d for line in head if (d := _bar_date(line))), None) if chosen is None else None
    if bar is not None and f.get("issued_on") is None:
        f.set("issued_on", bar, "bar", 0.8)
    if chosen is None and bar is None:
        chosen = dates[-1] if dates and dates[-1][0] >= len(lines) - 30 else None
    if chosen and f.get("issued_on") is None:
        conf = {"signature": 0.9, "under_title": 0.8, "date_line": 0.8}[chosen[4]]
        if chosen[5]:
            f.set("issued_on", chosen[1], chosen[4], conf)
        else:
            f.set("issued_on", chosen[1], chosen[4], 0.5, "the date line gives a month without a day: its last day "
                  "is taken (the document was out by then)")
    delivered = delivered_on(lines)
    if delivered is not None and (f.get("issued_on") is None or delivered < f.get("issued_on")):
        # a page's date after the day the report was delivered is the day the page posted it (a repost)
        page = f.get("issued_on")
        f.set("issued_on", delivered, "under_title", 0.85,
              None if page is None else f"the report was delivered on {delivered:%Y-%m-%d}; the page's "
              f"later date {page:%Y-%m-%d} is when it was posted")
    if f.get("issued_on") is None:
        implied = implied_issue_date(lines)
        if implied:
            f.set("issued_on", implied[0], "implied", 0.3, implied[1])
        else:
            f.reasons["issued_on"] = "no standalone issue date (e.g. 2023年12月28日, 2023-09-25 or …印发) was found"
    if f.get("issuer") is None and chosen:
        if chosen[3]:
            f.set("issuer", chosen[3], "signature", 0.85)
        elif chosen[0] > 0 and ISSUER.match(lines[chosen[0] - 1]):
            f.set("issuer", lines[chosen[0] - 1], "signature", 0.85)  # the signature above the date
    if f.get("issuer") is None:
        head = next((x for x in lines[:10] if ISSUER.match(x)), None)
        if head:
            f.set("issuer", head, "text", 0.8)
    if f.get("issuer") is None:
        title = f.get("title")
        for line in lines[:15] + ([title] if title else []):
            m = re.match(rf"^(.{{2,30}}?{_ISSUER_END})(?:关于|\d{{4}}年)", line.lstrip("—- "))
            if m:
                f.set("issuer", m.group(1), "title" if line == title else "text", 0.7)
                break
    if f.get("issuer") is None:
        f.reasons["issuer"] = "no issuing body (a line such as …人民政府 / …委员会 / …局) was found"


_TITLE_YEAR = re.compile(r"((?:19|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年")


_TITLE_NOTE = re.compile(r"[（(][^（）()]{0,12}(?:更新|修订|修正|版|印发|发布)[^（）()]{0,4}[）)]")


def _detect_period(f: _Found, text: str, title: str | None) -> None:
    """The period a release reports on. A 政府工作报告 of year Y reviews Y-1 (its targets are for Y, which the
    extractor reads as target years: period_year + 1); a 计划执行情况 report of Y (…与Y+1年计划草案) reports
    on Y; a title without a year leaves the year to the evidence of the text (`_period_from_text`): the
    issue date alone is never the period."""
    kind = f.get("doc_type")
    if kind in ("plan", "opinions", "annual_plan"):
        return  # a plan sets targets; it reports on no period (not a gap, so no reason either)
    # a bracketed note's year (（2022年更新） / （2023年修订） / （2024年版）) is not the period reported on
    t = _TITLE_NOTE.sub("", _digits(title or ""))
    years = [y for g in _TITLE_YEAR.findall(t) if (y := _cn_int(g)) and 1900 < y < 2200]
    part = period_words(t)
    label_source, label_conf = "title", 0.9
    if part is None and kind in ("economic_report", "release", "other"):
        head = _digits(" ".join(x for x in _prose_lines(text)[:8] if x != title)[:400])
        part = period_words(head)
        label_source, label_conf = "text", 0.6
    label, last_month = part if part else ("全年", 12)
    if not part:
        label_source, label_conf = "title" if title else "kind", 0.8 if title else 0.5
    title_source = f.sources.get("title", "title")
    if label_source == "title" and title_source != "title":  # a title the page or its file name gave
        label_source, label_conf = f"title ({title_source})", min(label_conf, f.confidence.get("title", 0.9))
    issued = f.get("issued_on")
    if years:
        year = years[0] if kind == "execution_report" else max(years)
        if kind == "government_report" and not (issued is not None and issued.year == year and issued.month > 10):
            year -= 1  # (a report given at the end of its title's year, a new term's, reviews that very year)
        title_source = f.sources.get("title", "title")
        f.set("period_year", year, "title" if title_source == "title" else f"title ({title_source})",
              min(0.9, f.confidence.get("title", 0.9)))
    else:
        _period_from_text(f, text, kind, label, last_month, issued)
    looks_back = f.reasons.get("period_year", "").endswith("looks back on the year just ended")
    if kind in ("release", "other") and not part and not years and not looks_back:
        f.reasons["period_label"] = "the document's kind and title name no period"
        return
    if looks_back:  # a turn-of-the-year review reports on the whole year just ended
        f.set("period_label", "全年", "issue_date", 0.4)
        return
    f.set("period_label", label, label_source, label_conf if f.get("period_year") else 0.5)


# A span of years (2018年—2022年, 2021-2025年): a chart caption's or a review's; it dates nothing with its
# first year. A year looked forward to (到2025年), a comparison's base (比2019年), a start (2019年以来) and
# a full date (a news dateline, an event) say nothing of the period reported on either.
_YEAR_SPAN = re.compile(r"((?:19|20)\d\d)\s*年?\s*(?:[-－—–~～]+|至|到)\s*((?:19|20)\d\d)\s*年")
_CAPTION = re.compile(r"(?m)^\t?(?:图|表)\s*\d+")
_SINGLE_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)\s*年(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?!以来|起|开始|之前|以前|前|版|度?目标)")
_NOT_REPORTED = re.compile(r"(?:到|至|力争|确保|比|较|与|同|从|由|自|于|截至|截止)\s*$")
# 从2020年的X增长到2023年的Y: a span whose last year is one the text reports on
_FROM_TO = re.compile(r"(?:从|由)\s*((?:19|20)\d\d)\s*年[^。；;\n]{0,40}?(?:到|至)\s*((?:19|20)\d\d)\s*年")
# The text looks back on a year (过去一年 / 去年 / 一年来 / 比上年): issued early in a year, it reviews the one before.
# A clause that sets goals: its year is one looked forward to.
_GOAL_REACH = 24
_CLAUSE_END = re.compile(r"[。；;\n]")
_GOAL_MET = re.compile(r"完成|实现|超额|达到|超过")  # 全面完成…主要预期目标: a result
_GOAL_CLAUSE = re.compile(r"目标|预期|力争|确保|争取|计划|规划|将要|要[把在实]|展望")
# How far into a text its period is looked for (a report states it early; a 5 MB document is not scanned)
_PERIOD_SCAN = 20000
# How many months after the end of a part of a year a report on it comes out (the next period's follow)
_PART_YEAR_LAG_MONTHS = 4
# The text speaks of the time it was written (目前 / 今年 / 截至目前).
_PRESENT = re.compile(r"目前|当前|今年以来|今年|截至目前|眼下|现阶段")
_LOOK_BACK = re.compile(r"过去(?:的)?[一二三四五几]年|[一五]年来|去年|刚刚过去的|比上年|较上年|上年同期|全年")


def text_years(text: str) -> tuple[Counter, list[tuple[int, int, bool]]]:
    """(single years named as periods, counted; spans of years as (start, end, is a caption))."""
    t = _digits(text)
    spans = []
    for m in _YEAR_SPAN.finditer(t):
        a, b = int(m.group(1)), int(m.group(2))
        if a < b:
            line_start = t.rfind("\n", 0, m.start()) + 1
            spans.append((a, b, bool(_CAPTION.match(t, line_start))))
    rest = MULTIPLE_BASE.sub(" ", _YEAR_SPAN.sub(" ", t))
    counts: Counter = Counter()
    for m in _FROM_TO.finditer(rest):
        a, b = int(m.group(1)), int(m.group(2))
        if a < b:
            spans.append((a, b, False))
            counts[b] += 1
    for m in _SINGLE_YEAR.finditer(rest):
        if _NOT_REPORTED.search(rest[max(0, m.start() - 4):m.start()]):
            continue
        # a year whose words go on to set goals (2025年主要预期目标是…) is looked forward to
        end = _CLAUSE_END.search(rest, m.end())
        clause_end = end.start() if end else len(rest)
        if any(not _GOAL_MET.search(rest, max(m.end(), g.start() - 8), g.start())
               for g in _GOAL_CLAUSE.finditer(rest, m.end(), min(clause_end, m.end() + _GOAL_REACH))):
            continue
        counts[int(m.group(1))] += 1
    return counts, spans


def _period_from_text(f: _Found, text: str, kind: str | None, label: str, last_month: int,
                      issued: date | None) -> None:
    """The year of a document whose title names none, by evidence: the single year the text reports on
    (named clearly more than any other; a span's first year never counts), a look back (过去一年 / 全年 /
    比上年) in a text issued early in a year, a part-year period already over at the issue date, a chart
    caption's span ending at the reported year. The issue date alone is never the period; weak or
    disagreeing evidence leaves the year empty with the reason."""
    counts, spans = text_years(text[:_PERIOD_SCAN])
    if issued is not None:  # a year after the issue is a goal, not a period reported on
        counts = Counter({y: n for y, n in counts.items() if y <= issued.year})
    ranked = counts.most_common(2)
    dominant = None
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        dominant = ranked[0][0]
    elif len(ranked) == 1:  # the only year the text names, once: weaker
        dominant = ranked[0][0]
    looks_back = _LOOK_BACK.search(text[:_PERIOD_SCAN]) is not None
    lag_months = 6 if kind == "bulletin" else 4
    # an issue date only implied by the latest date a text names is a lower bound, not when it was issued;
    # a page's bar dates the page, which may repost the document a year on (a forum's 2023/1/28 copy of 2021's)
    early = issued is not None and issued.month <= lag_months and f.sources.get("issued_on") not in ("implied", "bar")
    if kind == "government_report" and issued is not None:
        # a 政府工作报告 reviews the year before its issue date (its goals are for the issue year)
        year, source, conf = issued.year - 1, "issue_date", 0.7
        note = "no year in the title: a 政府工作报告 reviews the year before its issue date"
        if dominant is not None and dominant not in (year, issued.year):
            f.reasons["period_year"] = (f"the text reports mostly on {dominant} but a 政府工作报告 issued "
                                        f"{issued:%Y-%m} reviews {year}: the evidence disagrees")
            return
    elif label != "全年" and issued is not None:
        # a part-year report: the latest such period over by the issue date
        year = issued.year if last_month <= issued.month else issued.year - 1
        source, conf, note = "issue_date", 0.6, f"no year in the title: the latest {label} over by the issue date ({issued:%Y-%m})"
        if (issued.year - year) * 12 + issued.month - last_month > _PART_YEAR_LAG_MONTHS:
            # a report on part of a year comes out within a few months of it: a later date is a repost's, or
            # the period is one the text mentions, and the issue date names no year
            f.reasons["period_year"] = (f"no year in the title: the latest {label} over by the issue date "
                                        f"({issued:%Y-%m}) ended months before it: the issue date is not the period")
            return
        if dominant is not None and dominant != year:
            f.reasons["period_year"] = (f"the text names {dominant} most, the issue date ({issued:%Y-%m}) gives "
                                        f"{year} for its {label}: the evidence disagrees")
            return
    elif dominant is not None and counts[dominant] == 1 and issued is not None and (
            issued.year - dominant >= 2 or issued.year - dominant == 1 and issued.month > 6) \
            and not re.search(rf"(?m)^\s*{dominant}\s*年", _digits(text[:_PERIOD_SCAN])):
        # …超过3万亿元，2024年达到3.55万亿元 named once, inside a sentence, in a text of 2025-11: a year the text
        # mentions, not the one it reports on (a review of a whole year comes out within half a year of its end;
        # a year heading a paragraph, 2015年，全市经济…, frames it, whenever a repost was dated)
        f.reasons["period_year"] = (f"no year in the title: {dominant} is named once, in a text of "
                                    f"{issued:%Y-%m} (or later): the evidence disagrees")
        return
    elif dominant is not None:
        year, source, conf = dominant, "text_years", 0.7 if counts[dominant] >= 2 else 0.5
        note = (f"no year in the title: the text names {dominant} as its period {counts[dominant]} times"
                if counts[dominant] >= 2 else f"no year in the title: {dominant} is the only year the text names")
        if issued is not None and early and looks_back and dominant == issued.year - 1:
            conf = 0.8
            note += f", and it looks back from early {issued.year}"
        elif issued is not None and dominant == issued.year and early and looks_back and label == "全年" \
                and kind in _FULL_YEAR_KINDS:
            f.reasons["period_year"] = (f"the text names {dominant} most, but a full-year review issued in "
                                        f"{issued:%Y-%m} looks back on {dominant - 1}: the evidence disagrees")
            return
    elif f.sources.get("issued_on") == "implied" and issued is not None and _YEAR_TURN.search(text[:3000]):
        year, source, conf = issued.year - 1, "issue_date", 0.4
        note = "no year in the title: a text written at the turn of the year looks back on the year just ended"
    elif issued is not None and early and looks_back and label == "全年":
        year, source, conf = issued.year - 1, "issue_date", 0.6
        note = (f"no year in the title or the text: a text issued in {issued:%Y-%m} that looks back "
                "(过去一年 / 全年 / 比上年) looks back on the year just ended")
    elif issued is not None and not early and (now := _PRESENT.search(text[:_PERIOD_SCAN])):
        year, source, conf = issued.year, "issue_date", 0.5
        note = (f"no year in the title or the text: it speaks of the present ({now.group()}), so of the year "
                f"it was issued ({issued:%Y-%m})")
    elif (captions := [b for a, b, cap in spans if cap]) and len(set(captions)) == 1 and looks_back:
        year, source, conf = captions[0], "caption_span_end", 0.5
        note = (f"no single year in the title or the text: its charts run to {year} and it compares with the "
                "year before (比上年), so it reports on that span's last year")
    else:
        why = "the title names no year"
        if ranked:
            why += "; the years the text names do not single one out (" + ", ".join(
                f"{y}×{n}" for y, n in ranked) + ")"
        else:
            why += " and the text names no year it reports on"
        if issued is not None:
            why += f"; the issue date ({issued:%Y-%m-%d}) is not the period"
        f.reasons["period_year"] = why
        return
    f.set("period_year", year, source, conf, note)


_digits = halfwidth_digits


def _plan_period(text: str, title: str | None, doc_type: str) -> tuple[int | None, int | None, str]:
    if title:
        m = PERIOD.search(title)
        if m and int(m.group(1)) <= int(m.group(2)):
            return int(m.group(1)), int(m.group(2)), ""
        for term, (a, b) in FIVE_YEAR.items():
            if term in title:
                return a, b, ""
        # the formal title spells the plan out: 第十五个五年规划 is 十五五
        ordinal = re.search(r"第(十[一二三四五六七八九])个五年", title)
        if ordinal and f"{ordinal.group(1)}五" in FIVE_YEAR:
            return FIVE_YEAR[f"{ordinal.group(1)}五"][0], FIVE_YEAR[f"{ordinal.group(1)}五"][1], ""
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


def apply_overrides(meta: DocumentMeta, overrides: dict | None, gazetteer: Gazetteer | None = None,
                    origin: str = "sidecar") -> DocumentMeta:
    """Fields given by a person (sidecar, `plantrack add`) win over detected ones; they are recorded."""
    if not overrides:
        return meta
    unknown = set(overrides) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown metadata field(s): {', '.join(sorted(unknown))}; known: {', '.join(FIELDS)}")
    values = {k: v for k, v in overrides.items() if v is not None and v != ""}
    if "issued_on" in values and isinstance(values["issued_on"], str):
        values["issued_on"] = date.fromisoformat(values["issued_on"])
    for key in ("plan_start_year", "plan_end_year", "period_year"):
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
    # what a person gave wins, with full confidence (region_code/name completed from the other count too)
    given = {k for k, v in values.items() if v is not None}
    sources = {k: v for k, v in meta.sources.items() if k not in given} | {k: origin for k in given}
    confidence = {k: v for k, v in meta.confidence.items() if k not in given} | {k: 1.0 for k in given}
    return replace(meta, **values, reasons=reasons, sources=sources, confidence=confidence,
                   overridden=tuple(k for k in FIELDS if k in overrides and k in values))
