"""Administrative regions (GB/T 2260) from the dbt seed, and placing a document among them.

The seed holds every province, prefecture and county-level unit (generated from JioNLP's tree by
regions_build.py); region_changes.csv maps former names (万盛区, 綦江县, 开县 …) to today's code.
Names are found by their administrative suffix (市/区/县/旗/州/盟/省): at each suffix the longest name
ending there is looked up in a dict, so the cost does not grow with the size of the list (1 MB of
text ≈ 0.1 s). Short names (江津) are used only where they name a sub-area (江津工业园区) or a former
county (梁平县 -> 梁平区), never alone in running text.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from plantrack.config import PROJECT_ROOT
from plantrack.text.script import simplified

REGIONS_CSV = PROJECT_ROOT / "dbt_project" / "seeds" / "regions.csv"
CHANGES_CSV = Path(__file__).with_name("region_changes.csv")
LEVEL_RANK = {"province": 0, "city": 1, "district": 2, "county": 2}


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    short_name: str
    level: str
    parent_code: str | None


@dataclass(frozen=True)
class FormerName:
    name: str
    code: str  # today's region
    within_code: str | None  # the region the old name lay within (tells duplicates apart)
    changed_on: str
    note: str


@dataclass(frozen=True)
class Gazetteer:
    regions: tuple[Region, ...]
    by_code: dict[str, Region]
    by_name: dict[str, tuple[Region, ...]]  # full names; the same name can exist in several provinces
    former: dict[str, tuple[FormerName, ...]]
    by_short: dict[str, tuple[Region, ...]]  # county-level and city short names
    ends: re.Pattern  # the last characters of every name
    max_len: int
    # last character -> the lengths (2 and more) of the names ending in it, longest first: find_mentions
    # looks up only lengths a name can have there, not every length up to the longest name
    lengths_by_end: dict[str, tuple[int, ...]]

    def ancestors(self, region: Region) -> list[Region]:
        out = []
        code = region.parent_code
        while code and code in self.by_code:
            out.append(self.by_code[code])
            code = self.by_code[code].parent_code
        return out

    def is_within(self, region: Region, other: Region) -> bool:
        return other in self.ancestors(region)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    candidates: tuple[Region, ...]
    note: str | None = None  # set when the name is a former one


@dataclass(frozen=True)
class RegionMatch:
    name: str | None
    code: str | None
    reason: str | None = None  # why the code (or the region) is missing, or what is uncertain
    how: str | None = None  # issuer | metadata_block | title | first_lines | text | sidecar
    confidence: float = 0.0
    subarea: str | None = None  # 万盛经开区: the document is about a part of the region
    note: str | None = None  # a former name was resolved (綦江县 -> 綦江区)


def load_gazetteer(path: Path = REGIONS_CSV, changes: Path = CHANGES_CSV) -> Gazetteer:
    return _load(str(path), str(changes))


@lru_cache(maxsize=4)
def _load(path: str, changes: str) -> Gazetteer:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)  # plain reader: DictReader is 3x slower on 3,200 rows
        col = {name: i for i, name in enumerate(next(rows))}
        code, name, short, level, parent = (col[c] for c in ("region_code", "name_zh", "short_name", "level",
                                                             "parent_code"))
        regions = tuple(Region(r[code], r[name], r[short] or r[name], r[level], r[parent] or None) for r in rows)
    by_name: dict[str, list[Region]] = {}
    by_short: dict[str, list[Region]] = {}
    for r in regions:
        by_name.setdefault(r.name, []).append(r)
        if r.level != "province" and len(r.short_name) >= 2 and r.short_name != r.name:
            by_short.setdefault(r.short_name, []).append(r)
    full = set(by_name)
    for r in regions:
        for alias in _kind_named(r):
            if alias not in full:
                by_name.setdefault(alias, []).append(r)
    former: dict[str, list[FormerName]] = {}
    if Path(changes).exists():
        with open(changes, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["region_code"] in {r.code for r in by_name.get(row["old_name"], ())}:
                    continue
                former.setdefault(row["old_name"], []).append(FormerName(
                    row["old_name"], row["region_code"], row["within_code"] or None, row["changed_on"], row["note"]))
    names = set(by_name) | set(former)
    ends = re.compile("[" + "".join(sorted({n[-1] for n in names})) + "]")
    lengths: dict[str, set[int]] = {}
    for n in names:
        if len(n) >= 2:
            lengths.setdefault(n[-1], set()).add(len(n))
    return Gazetteer(regions, {r.code: r for r in regions}, {k: tuple(v) for k, v in by_name.items()},
                     {k: tuple(v) for k, v in former.items()}, {k: tuple(v) for k, v in by_short.items()},
                     ends, max(map(len, names)), {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()})


_AUTONOMOUS = ("自治州", "自治县", "自治旗")


def _kind_named(region: Region) -> list[str]:
    """How an autonomous unit is named in the text of its own government: its short name and its kind
    (楚雄州, 黔西南州, 镇沅县 for 楚雄彝族自治州, 黔西南布依族苗族自治州, 镇沅彝族哈尼族拉祜族自治县)."""
    kind = next((k for k in _AUTONOMOUS if region.name.endswith(k)), None)
    if kind is None:
        return []
    # the seed gives some short names with the kind already, or two of them (巴州/巴音郭楞)
    return [s if s.endswith(kind[-1]) else s + kind[-1] for s in region.short_name.split("/")
            if len(s) >= 2 and s != region.name]


# ---------------------------------------------------------------- text as it comes

# simplified(): simplified characters without pinyin glosses (黔江區(qū) -> 黔江区), for lookups only
# (plantrack.text.script)


# ---------------------------------------------------------------- finding names

# Names that are also everyday words (改造老城区, 主城区, 新城区建设): like two-character names they count
# only after their enclosing region or at the start of an issuer or a title.
_COMMON_WORD = re.compile(r"^(?:[老新旧]?城[东西南北中关]?区|[东西南北中]区|郊区|矿区|市中区)$")

# A suffix that continues into another word: 区域, 县域, 市场 are not places.
_NOT_A_NAME_AFTER = {"区": "域间划块", "县": "域", "市": "场值"}


def find_mentions(text: str, gazetteer: Gazetteer, in_name: bool = False) -> list[Mention]:
    """Full (and former) names in text, longest first, left to right, without overlaps.

    Two-character names (城区, 郊区, 忠县) and everyday words (老城区) count only right after an enclosing
    region's name (阳泉市城区, 洛阳市老城区) or, in an issuer or a title (in_name), at its start.
    """
    out: list[Mention] = []
    last_end = 0
    for m in gazetteer.ends.finditer(text):
        end = m.end()
        if text[end:end + 1] and text[end:end + 1] in _NOT_A_NAME_AFTER.get(m.group(), ""):
            continue
        for length in gazetteer.lengths_by_end.get(m.group(), ()):
            if length > end - last_end:
                continue
            name = text[end - length:end]
            regions = gazetteer.by_name.get(name)
            former = gazetteer.former.get(name, ())
            if not regions and not former:
                continue
            start = end - length
            if (length == 2 or _COMMON_WORD.match(name)) and not _enclosed(out, start, regions, gazetteer) \
                    and not (in_name and start == 0):
                break
            note = None
            if former and not regions:
                regions = tuple(gazetteer.by_code[f.code] for f in former if f.code in gazetteer.by_code)
                note = "; ".join(sorted({f"{f.note} ({f.changed_on})" for f in former}))
            elif former:  # a name both current and former (双桥区: 承德 today, 重庆 until 2011)
                regions = regions + tuple(gazetteer.by_code[f.code] for f in former if f.code in gazetteer.by_code)
            out.append(Mention(start, end, name, regions, note))
            last_end = end
            break
    return out


# (gazetteer, text, its mentions) of the last whole text read: locating one document asks for its body's
# mentions up to five times (_resolve_with_text, _dominant per level, _province_named_most)
_LAST_BODY: list = [None, None, []]


def _body_mentions(body: str, gazetteer: Gazetteer) -> list[Mention]:
    """find_mentions of a document's whole text, found once per text (callers only read the list)."""
    last = _LAST_BODY
    if last[0] is not gazetteer or last[1] is not body and last[1] != body:
        last[:] = [gazetteer, body, find_mentions(body, gazetteer)]
    return last[2]


def _enclosed(previous: list[Mention], start: int, regions, gazetteer: Gazetteer) -> bool:
    if not previous or previous[-1].end != start or not regions:
        return False
    outer = {r.code for r in previous[-1].candidates}
    return any(a.code in outer for r in regions for a in gazetteer.ancestors(r))


def mentions(text: str, gazetteer: Gazetteer) -> list[tuple[int, str]]:
    """Full-name mentions (offset, name) in text."""
    return [(m.start, m.name) for m in find_mentions(text, gazetteer)]


# ---------------------------------------------------------------- resolving names

def _pick(mention: Mention, context: list[Mention], gazetteer: Gazetteer) -> tuple[Region | None, str | None]:
    """One region for a mention, using the other mentions as enclosing names; else (None, why)."""
    unique = tuple(dict.fromkeys(mention.candidates))
    if len(unique) == 1:
        return unique[0], None
    enclosing = {r.code for m in context if m is not mention for r in m.candidates}
    fits = [r for r in unique if any(a.code in enclosing for a in gazetteer.ancestors(r))]
    if len(fits) == 1:
        return fits[0], None
    return None, (f"{mention.name} exists in several places ({', '.join(r.code for r in unique)}) "
                  "and the text does not say which")


def _most_specific(found: list[Mention], gazetteer: Gazetteer) -> RegionMatch | None:
    if not found:
        return None
    deepest = max(LEVEL_RANK.get(r.level, 2) for m in found for r in m.candidates)
    for m in found:  # the first mention at the deepest level
        if any(LEVEL_RANK.get(r.level, 2) == deepest for r in m.candidates):
            region, why = _pick(m, found, gazetteer)
            if region is None:
                return RegionMatch(m.name, None, why)
            note = m.note
            if note is None and region not in gazetteer.by_name.get(m.name, ()):  # 双桥区 of 重庆 is 大足区 now
                note = "; ".join(f"{f.note} ({f.changed_on})" for f in gazetteer.former.get(m.name, ())
                                 if f.code == region.code)
            return RegionMatch(region.name, region.code, None, note=note and f"{m.name}: {note}")
    return None


_ZONE = (r"(经济技术开发区|经济开发区|高新技术产业开发区|高新技术开发区|高新区|经开区|开发区|工业园区|工业园|产业园区|产业园"
         r"|园区|组团|新区|示范区|片区|新城)")
_SUBAREA = re.compile(rf"([\u4e00-\u9fff]{{2,8}}?){_ZONE}")
# A name ending in an administrative suffix that is not (or no longer) in the list: 梁平县 (now 梁平区).
_SEGMENT = re.compile(r"([\u4e00-\u9fff]{2,6}?)(自治县|县|市|区|旗)(?!域|场)")
_ORGAN = re.compile(r"^(人民政府|政府|委|党委|局|办|统计|人大|政协|发展|经济|国民)")


def region_in_name(name: str, gazetteer: Gazetteer) -> RegionMatch | None:
    """The most specific region an organisation's or a title's name is about.

    中共重庆市黔江区委 -> 黔江区; 万盛经开区管委会 -> 綦江区 with the sub-area noted; 梁平县人民政府 ->
    梁平区 with a note; 鼓楼区… alone -> the name without a code and the reason.
    """
    name = simplified(name)
    found = find_mentions(name, gazetteer, in_name=True)
    best = _most_specific(found, gazetteer)
    county_found = best is not None and best.code is not None and \
        gazetteer.by_code[best.code].level in ("district", "county")
    if not county_found:
        outer = gazetteer.by_code.get(best.code) if best is not None and best.code else None
        for m in _SUBAREA.finditer(name):
            parent, stem = _short_name_region(m.group(1), found, gazetteer)
            if parent is not None and (outer is None or parent == outer or gazetteer.is_within(parent, outer)):
                subarea = stem + m.group(2)
                return RegionMatch(parent.name, parent.code, subarea=subarea,
                                   note=f"{subarea} is a sub-area of {parent.name}")
        renamed = _renamed_unit(name, found, gazetteer)
        if renamed is not None and (outer is None or renamed.code is None
                                    or gazetteer.is_within(gazetteer.by_code[renamed.code], outer)):
            return renamed
    return best


# after a province's short name: a publisher (浙江日报, 上海证券报) names its home, a part (江苏沿海地区,
# 浙江西部) is not the whole province
_NOT_THE_PROVINCE = r"(?!日报|晚报|新闻|在线|网|卫视|电视|广播|证券|沿海|沿江|[东西南北中]部|地区)"


def _province_by_short_name(names: list[str], gazetteer: Gazetteer) -> RegionMatch | None:
    """1-7月内蒙古工业投资…, 辽宁去年…: a title and headings that name no place in full but one province
    by its short name. Not when the short name is also another unit's (吉林 is a city too), nor when they
    hold two (浙江西部 holds 江西; an e-paper's headlines name several), nor from a source line (来源:
    上海证券报 names the paper's home, not the text's subject)."""
    hits = {r.code: r for r, pattern in _short_named_provinces(gazetteer) if any(pattern.search(n) for n in names)}
    if len(hits) != 1:
        return None
    [region] = hits.values()
    return RegionMatch(region.name, region.code, None, "title", 0.6,
                       note=f"named by its short name {region.short_name} only")


_SHORT_NAMED: dict[int, tuple[Gazetteer, tuple[tuple[Region, re.Pattern], ...]]] = {}


def _short_named_provinces(gazetteer: Gazetteer) -> tuple[tuple[Region, re.Pattern], ...]:
    """The provinces a short name alone can name, each with its pattern: found once per gazetteer (a scan of
    its 3,200 regions and a regex per province for every document with headings cost ~5 % of reading)."""
    cached = _SHORT_NAMED.get(id(gazetteer))
    if cached is None or cached[0] is not gazetteer:
        cached = _SHORT_NAMED[id(gazetteer)] = (gazetteer, tuple(
            (r, re.compile(re.escape(r.short_name) + _NOT_THE_PROVINCE)) for r in gazetteer.regions
            if r.level == "province" and r.short_name != r.name and not gazetteer.by_short.get(r.short_name)))
    return cached[1]


# How often a province's short name must recur to say what a text is about (twice may be where a leader
# visited: 贯彻习近平总书记视察河北重要讲话 in a city's report)
_AGAIN = 3


def _province_named_most(body: str, gazetteer: Gazetteer, speaks: str | None = None) -> RegionMatch | None:
    """A text that names no place in full but one province by its short name, again and again (上半年天津
    生产总值…, 山西GDP…): that province, when named at least three times and twice as often as any other, and none
    of its cities or counties is named in full. An autonomous region's own text names itself less: it speaks
    from 全区 and of 自治区 (its government), so once is enough there (内蒙古 1-7月…, 全区…, 自治区…)."""
    tally = Counter({r.code: n for r, pattern in _short_named_provinces(gazetteer)
                     if (n := len(pattern.findall(body)))})
    ranked = tally.most_common(2)
    if not ranked or len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    region = gazetteer.by_code[ranked[0][0]]
    speaks_as_itself = speaks == "district" and region.name.endswith("自治区") and "自治区" in body
    if ranked[0][1] < (1 if speaks_as_itself else _AGAIN):
        return None
    if any(gazetteer.is_within(r, region) for m in _body_mentions(body, gazetteer) for r in m.candidates):
        return None  # it names a city or county of that province in full: it may be about that one
    return RegionMatch(region.name, region.code, None, "text", 0.5,
                       note=f"named by its short name {region.short_name} only ({ranked[0][1]} times)")


def _short_name_region(prefix: str, found: list[Mention], gazetteer: Gazetteer) -> tuple[Region | None, str]:
    """The region a sub-area's prefix names: a full name, a former name or a short name (万盛 -> 綦江区)."""
    for length in range(len(prefix), 1, -1):
        stem = prefix[-length:]
        hits = list(gazetteer.by_short.get(stem, ()))
        hits += [gazetteer.by_code[f.code] for n, fs in gazetteer.former.items() for f in fs
                 if n[:-1] == stem and f.code in gazetteer.by_code] if not hits else []
        hits += list(gazetteer.by_name.get(stem, ()))
        if hits:
            picked, _ = _pick(Mention(0, 0, stem, tuple(hits)), found, gazetteer)
            return picked, stem
    return None, prefix


def _renamed_unit(name: str, found: list[Mention], gazetteer: Gazetteer) -> RegionMatch | None:
    """梁平县 / 江津市 (not in today's list): the unit with that short name today, if only one fits."""
    starts = {0} | {m.end for m in found}
    for m in _SEGMENT.finditer(name):
        if m.start() not in starts or m.group(0) in gazetteer.by_name or _ORGAN.match(m.group(0)):
            continue
        stem = m.group(1)
        hits = tuple(r for r in gazetteer.by_short.get(stem, ()) if r.level in ("district", "county", "city"))
        if not hits:
            continue
        picked, why = _pick(Mention(m.start(), m.end(), m.group(0), hits), found, gazetteer)
        if picked is None:
            return RegionMatch(m.group(0), None, why)
        return RegionMatch(picked.name, picked.code, None, confidence=0.75,
                           note=f"{m.group(0)} is not in today's list; taken as {picked.name} (renamed or upgraded)")
    return None


# ---------------------------------------------------------------- placing a document

_METADATA_ISSUER = re.compile(
    r"(?:发布机构|发文机关|发文单位|发布单位|来源单位|信息来源|文章来源|来源)\s*[\]］】:：]\s*[:：]?\s*"
    r"([\u4e00-\u9fff（）()]{2,40})")
_LEVEL_WORDS = {"district": ("全区", "我区", "本区"), "county": ("全县", "我县", "本县", "全旗", "我旗"),
                "city": ("全市", "我市", "本市", "全州", "我州", "全盟", "我盟"), "province": ("全省", "我省", "本省")}
# A province-level unit speaks as its kind of name says: a municipality (天津市) from 全市, an autonomous
# region (内蒙古自治区) from 全区.
_PROVINCE_SPEAKS_AS = {"city": "市", "district": "自治区"}
HOW_CONFIDENCE = {"issuer": 0.95, "metadata_block": 0.9, "title": 0.9, "first_lines": 0.8}


def locate_document(text: str, issuer: str | None, title: str | None, gazetteer: Gazetteer) -> RegionMatch | None:
    """The most specific place a document is about, how it was found and how sure that is: see _locate;
    where that found no place, or only weakly from the text, a zone the text names again and again."""
    found = _locate(text, issuer, title, gazetteer)
    if found is None or found.how == "text" and found.confidence <= 0.5 and found.code and not found.subarea:
        return _zone_named_most(simplified(text), found, gazetteer) or found
    return found


# How often a zone must be named to say what a text is about (a city's report names its zones in passing)
_ZONE_AGAIN = 3


def _zone_named_most(body: str, weak: RegionMatch | None, gazetteer: Gazetteer) -> RegionMatch | None:
    """A development zone or new area the text names again and again (梧州高新区 ×6), that is what it is about:
    its figures are its own, not its city's. Only a zone whose name starts with a place's (short) name (a
    stem the list does not know cannot be told from the words before it), named at least three times, twice
    as often as any other zone and more often than the place the text was weakly placed in; not in a text
    that speaks from a city, county or province (全市/全县/全省) rather than from an area (全区/我区)."""
    speaks = {lvl: sum(body.count(w) for w in words) for lvl, words in _LEVEL_WORDS.items()}
    if max(speaks["city"], speaks["county"], speaks["province"]) > speaks["district"]:
        return None
    tally: Counter = Counter()
    named: dict[str, tuple[Region, str]] = {}
    for m in _SUBAREA.finditer(body):
        parent, stem = _short_name_region(m.group(1), [], gazetteer)
        if parent is None:
            continue
        zone = stem + m.group(2)
        tally[zone] += 1
        named.setdefault(zone, (parent, zone))
    ranked = tally.most_common(2)
    if not ranked or ranked[0][1] < _ZONE_AGAIN or len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    parent, zone = named[ranked[0][0]]
    if weak is not None:
        outer = gazetteer.by_code[weak.code]
        if not (parent == outer or gazetteer.is_within(parent, outer)) or body.count(outer.name) >= ranked[0][1]:
            return None
    return RegionMatch(parent.name, parent.code, None, "text", 0.5, subarea=zone,
                       note=f"{zone} is named {ranked[0][1]} times")


def _locate(text: str, issuer: str | None, title: str | None, gazetteer: Gazetteer) -> RegionMatch | None:
    """The most specific place a document is about, how it was found and how sure that is.

    Issuer, a web page's metadata block, the title and the first lines are read as names; a more
    specific place inside the one found first wins (重庆市统计局 + 涪陵区…公报 -> 涪陵区). Otherwise the
    place the text speaks from: 全区/我区 and the district it names most.
    """
    head = [x.strip() for x in text[:4000].split("\n") if x.strip()][:40]
    block = next((m.group(1) for line in head for m in [_METADATA_ISSUER.search(simplified(line))] if m), None)
    sources = [("issuer", issuer), ("metadata_block", block), ("title", title)]
    # first lines that read as a heading or a byline, not a sentence of the text
    sources += [("first_lines", line) for line in head[:6] if len(line) <= 50 and not re.search(r"[。，,；;！]", line)]
    chosen: RegionMatch | None = None
    for how, value in sources:
        if not value:
            continue
        found = region_in_name(value, gazetteer)
        if found is None:
            continue
        found = _with(found, how, found.confidence or HOW_CONFIDENCE[how])
        chosen = found if chosen is None else _refine(chosen, found, gazetteer)
    settled = chosen is not None and chosen.code is not None and \
        gazetteer.by_code[chosen.code].level in ("district", "county")
    if settled:  # nothing in the text can place it deeper: skip reading the whole text (0.1 s per MB)
        return chosen
    body = simplified(text)
    if chosen is not None and chosen.code is None:
        chosen = _resolve_with_text(chosen, body, gazetteer)
    spoken = _spoken_from(body, gazetteer, within=chosen)
    if spoken is not None and spoken.code and spoken.confidence < 0.6:
        spoken = _named_more_inside(body, spoken, gazetteer) or spoken
    if spoken is not None and (chosen is None or chosen.code is None and spoken.name == chosen.name
                               or chosen.code and _is_deeper(spoken, chosen, gazetteer)):
        return spoken
    if chosen is None:
        headings = [v for how, v in sources if how in ("title", "first_lines") and v
                    and not _METADATA_ISSUER.search(simplified(v))]
        province = _province_by_short_name([simplified(v) for v in headings], gazetteer)
        # a text that speaks from a level (全区) the province does not speak from is about a unit inside it
        counts = {lvl: sum(body.count(w) for w in words) for lvl, words in _LEVEL_WORDS.items()}
        speaks = max(counts, key=counts.get) if max(counts.values()) else None
        ending = _PROVINCE_SPEAKS_AS.get(speaks, "省") if speaks else None
        if province is None:
            province = _province_named_most(body, gazetteer, speaks)
        return province if province is not None and (ending is None or province.name.endswith(ending)) else None
    return chosen


def _with(match: RegionMatch, how: str, confidence: float) -> RegionMatch:
    return RegionMatch(match.name, match.code, match.reason, how, confidence, match.subarea, match.note)


def _is_deeper(a: RegionMatch, b: RegionMatch, gazetteer: Gazetteer) -> bool:
    ra, rb = gazetteer.by_code.get(a.code or ""), gazetteer.by_code.get(b.code or "")
    return bool(ra and rb and gazetteer.is_within(ra, rb))


def _refine(chosen: RegionMatch, found: RegionMatch, gazetteer: Gazetteer) -> RegionMatch:
    """Keep the earlier (more authoritative) source unless the later one names a place inside it."""
    if chosen.code is None and found.code is not None and found.name == chosen.name:
        return found
    if chosen.code is None and found.code is not None and chosen.subarea is None:
        return chosen
    if _is_deeper(found, chosen, gazetteer):
        return found
    if found.code == chosen.code and chosen.subarea is None and found.subarea:
        return _with(RegionMatch(chosen.name, chosen.code, chosen.reason, subarea=found.subarea, note=found.note),
                     chosen.how or "", chosen.confidence)
    return chosen


def _resolve_with_text(match: RegionMatch, body: str, gazetteer: Gazetteer) -> RegionMatch:
    """A name shared by several places (鼓楼区) told apart by the province/city the text names."""
    hits = gazetteer.by_name.get(match.name or "", ())
    found = _body_mentions(body, gazetteer)
    named = Counter(r.code for m in found if len(set(m.candidates)) == 1 for r in m.candidates)
    fits = [r for r in hits if any(named.get(a.code) for a in gazetteer.ancestors(r))]
    if len(fits) == 1:
        return RegionMatch(fits[0].name, fits[0].code, None, match.how, 0.7, match.subarea,
                           f"{match.name} resolved by the enclosing region named in the text")
    return match


def _spoken_from(body: str, gazetteer: Gazetteer, within: RegionMatch | None) -> RegionMatch | None:
    """The unit the text speaks from (全区/我区 …) and names most, when one clearly dominates."""
    counts = {lvl: sum(body.count(w) for w in words) for lvl, words in _LEVEL_WORDS.items()}
    level = max(counts, key=counts.get)
    if counts[level] < 1 or level == "city" and within is None and not counts["district"] + counts["county"]:
        # a news report speaks from no level (or from 全市 about a district): the unit it names most
        named = _dominant(body, gazetteer, {"district", "county"}, None, minimum=2)
        if (named is None or not named.code) and counts[level] < 1:  # news of a province or a city
            named = _dominant(body, gazetteer, {"city", "province"}, None, minimum=2)
        if named is not None and named.code:
            return RegionMatch(named.name, named.code, "named most; the text does not speak from a place (全区/我区)",
                               "text", 0.5, note=named.note)
        if counts[level] < 1:
            return None
    inside = gazetteer.by_code.get(within.code) if within and within.code else None
    if inside is not None and LEVEL_RANK.get(inside.level, 2) >= LEVEL_RANK[level]:
        return None  # the names already place it at least as deep as the text speaks from
    levels = {"district", "county"} if level in ("district", "county") else {level}
    found_one = _dominant(body, gazetteer, levels, inside, minimum=1)
    if found_one is None and level in _PROVINCE_SPEAKS_AS and inside is None:
        found_one = _dominant(body, gazetteer, {"province"}, None, minimum=1,
                              name_ends=_PROVINCE_SPEAKS_AS[level])
    if found_one is None:
        return None
    if found_one.code is None:
        return RegionMatch(found_one.name, None, found_one.reason, "text", found_one.confidence)
    reason = None if found_one.confidence >= 0.6 else (
        f"named once ({found_one.name}); the text speaks from a {level} ({_LEVEL_WORDS[level][0]})")
    return RegionMatch(found_one.name, found_one.code, reason, "text", found_one.confidence, note=found_one.note)


# How often a unit inside the one named once must be named to say what the text is about
_INSIDE_AGAIN = 3


def _named_more_inside(body: str, once: RegionMatch, gazetteer: Gazetteer) -> RegionMatch | None:
    """A text that names a province (or city) once and one unit inside it again and again, by its full or
    its short name (云南省楚雄州…楚雄州…; 湖北省 once, then 宜昌 three times) is about that unit: the wider
    name places it. Only when that unit is named at least three times and twice as often as any other unit
    inside, and the wider one is named no second time (not even by its short name: 《湖北省…规划》…湖北县域
    is about 湖北 however often it names 武汉)."""
    outer = gazetteer.by_code[once.code]
    if body.count(outer.short_name) + body.count(outer.name) > 1 + (outer.short_name in outer.name):
        return None
    inside = [r for r in gazetteer.regions if outer in gazetteer.ancestors(r)]
    found = [m for m in _body_mentions(body, gazetteer) if any(r in inside for r in m.candidates)]
    tally: Counter = Counter()
    for m in found:
        picked, _ = _pick(Mention(m.start, m.end, m.name, tuple(r for r in m.candidates if r in inside)),
                          found, gazetteer)
        if picked is not None:
            tally[picked.code] += 1
    covered = {i for m in found for i in range(m.start, m.end)}
    by_short: dict[str, list[Region]] = {}
    for r in inside:
        if len(r.short_name) >= 2 and r.short_name != r.name:
            by_short.setdefault(r.short_name, []).append(r)
    if by_short:
        names = re.compile("|".join(map(re.escape, sorted(by_short, key=len, reverse=True))))
        for m in names.finditer(body):
            if m.start() in covered:
                continue
            hits = by_short[m.group()]
            # a short name two units share (楚雄: the 州 and its 市) names the one enclosing the other
            outermost = [r for r in hits if all(r is h or gazetteer.is_within(h, r) for h in hits)]
            if len(outermost) == 1:
                tally[outermost[0].code] += 1
    ranked = tally.most_common(2)
    if not ranked or ranked[0][1] < _INSIDE_AGAIN or len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    region = gazetteer.by_code[ranked[0][0]]
    return RegionMatch(region.name, region.code, None, "text", 0.5,
                       note=f"named {ranked[0][1]} times inside {outer.name}, which is named once")


def _dominant(body: str, gazetteer: Gazetteer, levels: set[str], inside: Region | None,
              minimum: int, name_ends: str | None = None) -> RegionMatch | None:
    """The unit of these levels named most (at least twice as often as the next), inside `inside`
    (and, given `name_ends`, only units whose full name ends so: 天津市 for 全市)."""
    found = _body_mentions(body, gazetteer)
    tally: Counter = Counter()
    picked: dict[str, tuple[Region | None, str | None, str | None]] = {}
    for m in found:
        if not any(r.level in levels and (name_ends is None or r.name.endswith(name_ends)) for r in m.candidates):
            continue
        tally[m.name] += 1
        if m.name not in picked:
            cand = Mention(m.start, m.end, m.name, tuple(r for r in m.candidates if r.level in levels), m.note)
            region, why = _pick(cand, found, gazetteer)
            picked[m.name] = (region, why, m.note)
    ranked = tally.most_common(2)
    if not ranked or ranked[0][1] < minimum or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    name, count = ranked[0]
    region, why, note = picked[name]
    if inside is not None and (region is None or not gazetteer.is_within(region, inside)):
        return None
    confidence = 0.6 if count >= 2 else 0.45
    if region is None:
        return RegionMatch(name, None, why, "text", confidence)
    return RegionMatch(region.name, region.code, None, "text", confidence, note=note and f"{name}: {note}")


def region_by_name(name: str, gazetteer: Gazetteer) -> RegionMatch:
    """A region named by a person (sidecar, CLI): full, former or short name."""
    hits = gazetteer.by_name.get(name) or tuple(gazetteer.by_code[f.code] for f in gazetteer.former.get(name, ())
                                                 if f.code in gazetteer.by_code) \
        or tuple(r for r in gazetteer.regions if r.short_name == name)
    hits = tuple(dict.fromkeys(hits))
    if len(hits) == 1:
        return RegionMatch(hits[0].name, hits[0].code, None, "sidecar", 1.0)
    if hits:
        return RegionMatch(name, None, f"{name} is ambiguous ({', '.join(r.code for r in hits)}); give region_code")
    return RegionMatch(name, None, f"{name} is not in the regions seed; give region_code")
