"""Administrative regions (GB/T 2260) from the dbt seed, and finding them in text."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from plantrack.config import PROJECT_ROOT

REGIONS_CSV = PROJECT_ROOT / "dbt_project" / "seeds" / "regions.csv"
LEVEL_RANK = {"province": 0, "city": 1, "district": 2, "county": 2}


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    short_name: str
    level: str
    parent_code: str | None


@dataclass(frozen=True)
class Gazetteer:
    regions: tuple[Region, ...]
    by_code: dict[str, Region]
    by_name: dict[str, tuple[Region, ...]]  # full names; the same name can exist in several provinces
    pattern: re.Pattern

    def ancestors(self, region: Region) -> list[Region]:
        out = []
        code = region.parent_code
        while code and code in self.by_code:
            out.append(self.by_code[code])
            code = self.by_code[code].parent_code
        return out

    def is_within(self, region: Region, other: Region) -> bool:
        return other in self.ancestors(region)


def load_gazetteer(path: Path = REGIONS_CSV) -> Gazetteer:
    return _load(str(path))


@lru_cache(maxsize=4)
def _load(path: str) -> Gazetteer:
    with open(path, encoding="utf-8", newline="") as fh:
        regions = tuple(Region(r["region_code"], r["name_zh"], r["short_name"] or r["name_zh"], r["level"],
                               r["parent_code"] or None) for r in csv.DictReader(fh))
    by_name: dict[str, list[Region]] = {}
    for r in regions:
        by_name.setdefault(r.name, []).append(r)
    names = sorted(by_name, key=len, reverse=True)  # longest first: 黔西南… before 黔…
    pattern = re.compile("|".join(map(re.escape, names)))
    return Gazetteer(regions, {r.code: r for r in regions}, {k: tuple(v) for k, v in by_name.items()}, pattern)


def mentions(text: str, gazetteer: Gazetteer) -> list[tuple[int, str]]:
    """Full-name mentions (offset, name) in text. Short names are too ambiguous to count (江津工业园)."""
    return [(m.start(), m.group()) for m in gazetteer.pattern.finditer(text)]


# A place name the seed does not know: the segment that ends in an administrative suffix.
_ADMIN_SEGMENT = re.compile(r"([\u4e00-\u9fff]{2,12}?(?:自治县|自治州|自治区)|[\u4e00-\u9fff]{1,4}?(?:市|区|县|旗|盟))")


@dataclass(frozen=True)
class RegionMatch:
    name: str | None
    code: str | None
    reason: str | None  # why the code (or the region) is missing


def region_in_name(name: str, gazetteer: Gazetteer) -> RegionMatch | None:
    """The most specific region an organisation's or a title's name starts with (重庆市江津区人民政府 -> 江津区)."""
    found: list[tuple[int, int, str]] = []
    pos = 0
    while True:
        m = gazetteer.pattern.match(name, pos)
        if not m:
            break
        found.append((m.start(), m.end(), m.group()))
        pos = m.end()
    if not found:
        m = gazetteer.pattern.search(name)
        return _resolve_chain([m.group()], gazetteer) if m else None
    chosen = _resolve_chain([f[2] for f in found], gazetteer)
    rest = name[pos:]
    seg = _ADMIN_SEGMENT.match(rest)
    if seg and not re.match(r"^(人民政府|政府|委|局|区委|市委|县委|办|统计)", rest) and _looks_like_place(seg.group(1)):
        parent = chosen.name if chosen else None
        return RegionMatch(seg.group(1), None, f"{seg.group(1)} (under {parent}) is not in the regions seed "
                           f"{REGIONS_CSV.name}; add it with its GB/T 2260 code")
    return chosen


def _looks_like_place(segment: str) -> bool:
    # 经济开发区, 工业园区 and the like are not administrative regions.
    return not re.search(r"(开发区|园区|高新区|保税区|示范区|片区|新区|社区|城区|辖区|园区|经济区)$", segment)


def _resolve_chain(names: list[str], gazetteer: Gazetteer) -> RegionMatch | None:
    """Pick the most specific named region, using the enclosing names to resolve duplicates."""
    named = [gazetteer.by_name[n] for n in names]
    best = named[-1]
    if len(best) == 1:
        return RegionMatch(best[0].name, best[0].code, None)
    enclosing = {r.code for group in named[:-1] for r in group}
    fits = [r for r in best if any(a.code in enclosing for a in gazetteer.ancestors(r))]
    if len(fits) == 1:
        return RegionMatch(fits[0].name, fits[0].code, None)
    return RegionMatch(best[0].name, None, f"{best[0].name} exists in several provinces "
                       f"({', '.join(r.code for r in best)}) and the text does not say which")


def region_by_name(name: str, gazetteer: Gazetteer) -> RegionMatch:
    """A region named by a person (sidecar, CLI): full or short name."""
    hits = gazetteer.by_name.get(name) or tuple(r for r in gazetteer.regions if r.short_name == name)
    if len(hits) == 1:
        return RegionMatch(hits[0].name, hits[0].code, None)
    if hits:
        return RegionMatch(name, None, f"{name} is ambiguous ({', '.join(r.code for r in hits)}); give region_code")
    return RegionMatch(name, None, f"{name} is not in the regions seed; give region_code")
