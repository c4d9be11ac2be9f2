"""The synthetic world: regions, indicators and their true trajectories, one per seed.

Every (region, indicator) pair draws its own trajectory, so a region's plans set targets and its
releases report actuals that agree across years the way a real region's documents do.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from plantrack.config import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "dbt_project" / "seeds"
COUNT_UNITS = ("家", "个", "项", "户", "座", "条", "件", "场")


@dataclass(frozen=True)
class Indicator:
    name: str
    unit: str
    shape: str  # money | share | growth | count | intensity
    lower_better: bool
    indicator_id: str = ""
    subject: str = ""  # indicators of one subject measured differently (产值 / 营业收入 / 增加值) share it
    measure_family: str = ""
    written: tuple[str, ...] = ()  # other names the catalog reads as this one (synonyms, aliases)


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str

    @property
    def whole(self) -> str:
        """How a document names its whole area: 全区 / 全县 / 全市."""
        return "全" + ("县" if self.name.endswith("县") else "市" if self.name.endswith("市") else "区")



def load_regions(path: Path = SEEDS / "regions.csv") -> list[Region]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [Region(r["region_code"], r["name_zh"], r["level"]) for r in csv.DictReader(fh)
                if r["level"] in ("district", "county", "city")]


def load_indicators(path: Path = SEEDS / "indicators.csv") -> list[Indicator]:
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            name, unit = r["name_zh"], r["unit"]
            if any(ch.isdigit() for ch in name) or not unit:
                continue  # a number inside the name would blur what the value is
            if unit in ("%", "％"):
                shape = "growth" if name.endswith(("增速", "增长")) else "share"
            elif unit in ("亿元", "万元"):
                shape = "money"
            elif unit in COUNT_UNITS:
                shape = "count"
            else:
                shape = "intensity"
            out.append(Indicator(name, unit, shape, r["direction"] == "lower_better", r["indicator_id"],
                                 r.get("subject") or "", r.get("measure_family") or ""))
    return out


# ---------------------------------------------------------------- numbers and trajectories

def fmt(v: float, decimals: int = 1) -> str:
    text = f"{v:.{decimals}f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


class World:
    """Each (region, indicator) has a deterministic trajectory: releases and plans agree on it."""

    def __init__(self, seed: int):
        self.seed = seed

    def _rng(self, *key: object) -> random.Random:
        return random.Random(f"{self.seed}|" + "|".join(map(str, key)))

    def value(self, region: Region, ind: Indicator, year: int) -> float:
        r = self._rng(region.code, ind.name)
        t = year - 2015
        if ind.shape == "money":
            base, g = r.uniform(20, 1500), r.uniform(0.03, 0.12)
            return round(base * (1 + g) ** t, 1)
        if ind.shape == "share":
            base, step = r.uniform(5, 60), r.uniform(0.3, 2.0)
            return round(min(base + step * t, 98.0), 1)
        if ind.shape == "growth":
            return round(self._rng(region.code, ind.name, year).uniform(-3, 14), 1)
        if ind.shape == "count":
            base, g = r.randint(1, 60), r.uniform(0.04, 0.2)
            return float(round(base * (1 + g) ** t))
        base, g = r.uniform(0.3, 60), r.uniform(0.02, 0.06)
        return round(base * ((1 - g) if ind.lower_better else (1 + g)) ** t, 2)

