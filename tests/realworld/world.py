"""The world the generated documents are about: real places from the complete division list, and their figures.

Places come from JioNLP's GB/T 2260 tree (jionlp==1.5.31, `china_location_loader`), never from this
project's seeds or sample corpus, so a test passes only if the reader knows the whole country.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Place:
    name: str  # 伊宁县
    code: str  # GB/T 2260, six digits
    province: str  # 新疆维吾尔自治区
    parent: str  # the prefecture or municipality it belongs to
    level: str  # county | city | district

    @property
    def unit(self) -> str:
        """How the place calls itself: 全县 / 全市 / 全区 (a 旗 says 全旗)."""
        return self.name[-1]

    @property
    def head(self) -> str:
        return {"县": "县长", "市": "市长", "区": "区长", "旗": "旗长"}[self.unit]


@lru_cache(maxsize=1)
def _tree() -> dict:
    import jionlp  # 1-2 s to import; the tree itself is a dict of ~3,200 county-level units

    return jionlp.china_location_loader()


def _children(node: dict) -> list[str]:
    return [k for k in node if not k.startswith("_")]


def _units(province: str) -> list[Place]:
    tree = _tree()[province]
    out = []
    for city in _children(tree):
        c = tree[city]
        if city != province:  # a municipality lists itself as its one "city"
            out.append(Place(city, c["_admin_code"], province, province, "city"))
        for county in _children(c):
            code = c[county]["_admin_code"]
            level = {"县": "county", "旗": "county", "区": "district", "市": "city"}.get(county[-1])
            # development zones (…开发区, codes x7x) and "市直辖" placeholders are not divisions
            if level and not code.endswith("00") and code[4] != "7" and "开发区" not in county:
                out.append(Place(county, code, province, city, level))
    return sorted(out, key=lambda p: p.code)


def pick(province: str, level: str, index: int, suffix: str = "") -> Place:
    """The index-th place of a level in a province (by code), e.g. the 3rd 县 of 新疆."""
    found = [p for p in _units(province) if p.level == level and p.name.endswith(suffix)
             and (level != "city" or p.parent == province)]
    return found[index % len(found)]


def places() -> list[Place]:
    """A county in 新疆, a city in 广东, a district of 天津, a county in 云南, a banner in 内蒙古."""
    return [
        pick("新疆维吾尔自治区", "county", 7, "县"),
        pick("广东省", "city", 5),
        pick("天津市", "district", 9),
        pick("云南省", "county", 30, "县"),
        pick("内蒙古自治区", "county", 4, "旗"),
    ]


def rng_for(*key: object) -> random.Random:
    """The same figures for the same place and year on every run."""
    return random.Random(int(hashlib.sha256(repr(key).encode()).hexdigest()[:12], 16))


def amount(rng: random.Random, low: float, high: float, decimals: int = 2) -> str:
    return f"{rng.uniform(low, high):.{decimals}f}"


def growth(rng: random.Random, low: float = 2.0, high: float = 9.5) -> str:
    return f"{rng.uniform(low, high):.1f}"
