"""The catalog's other wordings of an indicator, read from the seeds (never copied by hand).

`indicator_words.csv` holds the synonyms the reader rewrites (规上 → 规模以上, 万元地区生产总值能耗 → 单位地区生产总值能耗,
R&D → 研究与试验发展) and `indicator_aliases.csv` the other names of one indicator. Both are regular
expressions; the generator writes the literal strings they match (a pattern with classes, wildcards or
repeats yields none), and keeps only a wording the catalog itself reads back as the same indicator:
the synonyms rewrite it to the catalog name, or exactly one indicator's aliases claim it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

try:  # Python 3.11+: the regex parser lives in re._parser
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

from plantrack.bench.world import SEEDS, Indicator
from plantrack.text.synonyms import rewrite, synonym_rules

MAX_VARIANTS = 64
# How the name of a rate or an intensity ends: an alias wording that ends so is a whole name.
NAME_ENDS = ("强度", "比重", "比例", "率", "总额", "总值")


def literal_variants(pattern: str, limit: int = MAX_VARIANTS) -> list[str]:
    """Every string a pattern of literals, groups, alternations and optional parts matches; [] otherwise."""
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return []
    out = _expand(list(parsed), limit)
    return sorted(set(out or []))


def _expand(items: list, limit: int) -> list[str] | None:
    results = [""]
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            options = [chr(arg)]
        elif name == "AT":  # ^ and $: the whole text is written
            continue
        elif name == "IN" and all(str(k) == "LITERAL" for k, _ in arg):  # (甲|乙) compiles to [甲乙]
            options = [chr(v) for _, v in arg]
        elif name == "SUBPATTERN":
            options = _expand(list(arg[-1]), limit)
        elif name == "BRANCH":
            options = []
            for branch in arg[1]:
                sub = _expand(list(branch), limit)
                if sub is None:
                    return None
                options += sub
        elif name in ("MAX_REPEAT", "MIN_REPEAT") and arg[0] == 0 and arg[1] == 1:
            sub = _expand(list(arg[2]), limit)
            options = None if sub is None else ["", *sub]
        else:  # classes, wildcards, repeats, back-references: not a finite list of wordings
            return None
        if options is None:
            return None
        results = [r + o for r in results for o in options]
        if len(results) > limit:
            return None
    return results


def _rows(name: str) -> list[dict]:
    with (SEEDS / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def synonym_pairs() -> tuple[tuple[str, str], ...]:
    """(standard wording, other wording) for every literal a synonym pattern matches: (规模以上, 规上)."""
    pairs = []
    for pattern, replacement in synonym_rules():
        for variant in literal_variants(pattern.pattern):
            standard = pattern.sub(replacement, variant)
            if standard != variant and variant:
                pairs.append((standard, variant))
    return tuple(pairs)


@lru_cache(maxsize=1)
def _aliases() -> tuple[tuple[re.Pattern, str, str], ...]:
    out = []
    for r in _rows("indicator_aliases.csv"):
        if r["match_type"] == "regexp" and r["indicator_id"]:
            try:
                out.append((re.compile(r["pattern"]), r["indicator_id"], r.get("measure") or ""))
            except re.error:
                continue
    return tuple(out)


def wordings(name: str, indicator_id: str, catalog_names: dict[str, str]) -> tuple[str, ...]:
    """Other names the catalog reads as indicator `indicator_id` (`catalog_names`: rewritten name → id)."""
    found = set()
    standard = rewrite(name)
    for canonical, variant in synonym_pairs():
        if canonical in name:
            candidate = name.replace(canonical, variant, 1)
            if rewrite(candidate) == standard:
                found.add(candidate)
    for pattern, ind_id, measure in _aliases():
        if ind_id != indicator_id or measure:
            continue
        for variant in literal_variants(pattern.pattern):
            written = rewrite(variant)
            # a whole name, not a fragment an unanchored pattern finds (第一产业占, 组团产值)
            starts = pattern.pattern.startswith("^") or written[:2] == standard[:2]
            ends = pattern.pattern.endswith("$") or written[-2:] == standard[-2:] or written.endswith(NAME_ENDS)
            if not (starts and ends) or len(variant) < 4 or any(ch.isdigit() for ch in variant) or variant == name:
                continue
            claimed = {other for p, other, m in _aliases() if not m and (p.search(written) or p.search(variant))}
            if claimed == {indicator_id} and catalog_names.get(written) in (None, indicator_id):
                found.add(variant)
                # and the alias in its other spellings (研究与试验发展经费投入强度 → R&D经费投入强度)
                found.update(variant.replace(c, v, 1) for c, v in synonym_pairs()
                             if c in variant and rewrite(variant.replace(c, v, 1)) == written)
    return tuple(sorted(found))


@lru_cache(maxsize=1)
def read_catalog_wordings(path: Path = SEEDS / "indicators.csv") -> dict[str, tuple[str, ...]]:
    """indicator_id → its other wordings, for every catalog indicator."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    names = {rewrite(r["name_zh"]): r["indicator_id"] for r in rows}
    return {r["indicator_id"]: wordings(r["name_zh"], r["indicator_id"], names) for r in rows}


def with_wordings(indicators: list[Indicator]) -> list[Indicator]:
    """The indicators, each with the other wordings the catalog reads as it (none that names a scope)."""
    words = read_catalog_wordings()
    return [replace(ind, written=tuple(w for w in words.get(ind.indicator_id, ()) if not w.startswith("全")))
            for ind in indicators]


@lru_cache(maxsize=4096)
def catalog_id(text: str) -> str:
    """The indicator the catalog reads `text` as: its name after the synonyms, else the one indicator
    whose aliases alone claim it; "" when none or several do."""
    with (SEEDS / "indicators.csv").open(encoding="utf-8", newline="") as fh:
        names = {rewrite(r["name_zh"]): r["indicator_id"] for r in csv.DictReader(fh)}
    written = rewrite(text)
    if written in names:
        return names[written]
    claimed = {ind for p, ind, m in _aliases() if not m and (p.search(written) or p.search(text))}
    return claimed.pop() if len(claimed) == 1 else ""
