"""The generator's truth: would a careful analyst judge each generated target, and with which status?

The generator knows what every value is (its catalog indicator, measure, place, whole year or part of
one, a trap or not), so it applies docs/methodology.md to its own gold rows: comparable pairs (step 1),
baseline (2), evidence (3), expected path and ratio (4), status (5). The bands, the ±-tolerance of 左右
and the status codes are read from var `progress_method` in dbt_project.yml, never copied.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from plantrack.config import PROJECT_ROOT

DBT_PROJECT = PROJECT_ROOT / "dbt_project" / "dbt_project.yml"
JUDGEMENT_COLUMNS = ["source_file", "region", "indicator_text", "target_year", "target_value", "unit", "kind",
                     "comparator", "should_judge", "status", "reason_code", "actual_source_file", "actual_year",
                     "actual_value", "baseline_value", "expected_value", "progress_ratio"]
# Step 1: which actual measures can judge a target kind (the % / count split of `annual` is below).
COMPATIBLE = {"level": ("level", "cumulative"), "share": ("share",), "growth_rate": ("yoy_growth", "avg_growth"),
              "cumulative": ("new_in_period", "cumulative"), "change_vs_base": ("level", "yoy_growth")}
MONEY = {"元": 1e-8, "万元": 1e-4, "亿元": 1.0}  # geometric path for money; all to 亿元


@lru_cache(maxsize=1)
def progress_method(path: Path = DBT_PROJECT) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["vars"]["progress_method"]


def as_of_year() -> int:
    """The year progress is judged in, as the refresh's settings read it (PLANTRACK_AS_OF_DATE, else today)."""
    from plantrack.config import load_settings

    return load_settings().as_of().year


def _num(text: object) -> float | None:
    try:
        return float(str(text).strip())
    except ValueError:
        return None


def _int(text: object) -> int | None:
    value = _num(text)
    return None if value is None else int(value)


def _value(row: dict, field: str) -> float | None:
    v = _num(row.get(field, ""))
    return None if v is None else v * MONEY.get(row.get("unit", ""), 1.0)


def satisfies(a: float, comparator: str, t: float, high: float | None, direction: int, within: float) -> bool:
    """Step 5's `achieved`: the actual meets the comparator (左右 within the band, a range inclusive)."""
    if comparator == ">=":
        return a >= t
    if comparator == ">":
        return a > t
    if comparator == "<=":
        return a <= t
    if comparator == "<":
        return a < t
    if comparator == "~":
        return abs(a - t) <= within * abs(t)
    if comparator == "range":
        return t <= a <= (high if high is not None else t)
    return a <= t if direction < 0 else a >= t


def status_from_ratio(ratio: float, method: dict) -> str:
    for band in method["ratio_bands"]:
        if ratio >= band["from"]:
            return band["status"]
    return method["below_bands"]


def _measures(kind: str, unit: str) -> tuple[str, ...]:
    if kind == "annual":
        return ("yoy_growth",) if unit == "%" else ("new_in_period",)
    return COMPATIBLE.get(kind, ())


def _evidence(kind: str, cands: list[dict], y0: int, yt: int | None) -> tuple[float, int, dict] | None:
    """Step 3: (A, its year, the row it came from) from the comparable actuals, or None."""
    def in_window(a: dict) -> bool:
        y = int(a["period_year"])
        return y > y0 and (yt is None or y <= yt)

    later = sorted((a for a in cands if in_window(a)), key=lambda a: int(a["period_year"]))
    if kind in ("level", "share", "growth_rate", "annual"):
        if not later:
            return None
        last = later[-1]
        return _value(last, "value"), int(last["period_year"]), last
    if kind == "cumulative":
        stocks = {int(a["period_year"]): a for a in cands if a["kind"] == "cumulative"}
        best = None
        if y0 in stocks:
            for y in sorted(stocks):
                if in_window(stocks[y]):
                    best = (_value(stocks[y], "value") - _value(stocks[y0], "value"), y, stocks[y])
        new = [a for a in later if a["kind"] == "new_in_period"]
        if new and (best is None or int(new[-1]["period_year"]) > best[1]):
            by_year = {int(a["period_year"]): _value(a, "value") for a in new}
            return sum(by_year.values()), int(new[-1]["period_year"]), new[-1]
        return best
    if kind == "change_vs_base":
        levels = {int(a["period_year"]): a for a in cands if a["kind"] == "level"}
        if y0 in levels:
            after = [y for y in sorted(levels) if in_window(levels[y])]
            if after:
                t = after[-1]
                return 100 * (_value(levels[t], "value") / _value(levels[y0], "value") - 1), t, levels[t]
        growth = {int(a["period_year"]): _value(a, "value") for a in later if a["kind"] == "yoy_growth"}
        if growth:
            last = max(growth)
            if all(y in growth for y in range(y0 + 1, last + 1)):
                chain = 1.0
                for y in range(y0 + 1, last + 1):
                    chain *= 1 + growth[y] / 100
                row = next(a for a in later if a["kind"] == "yoy_growth" and int(a["period_year"]) == last)
                return 100 * (chain - 1), last, row
    return None


def _baseline(target: dict, cands: list[dict], y0: int) -> float | None:
    """`cands`: every whole-year actual of the target's place and indicator."""
    # Step 2: the plan's baseline, else the actual at Y_0, else the stock at Y_0 + 1 less its additions
    if (target.get("_judge_as") or target["kind"]) not in ("level", "share"):
        return 0.0
    given = _num(target.get("baseline_value", ""))
    if given is not None:
        return given * MONEY.get(target.get("unit", ""), 1.0)
    at = [a for a in cands if int(a["period_year"]) == y0 and a["kind"] in ("level", "share", "cumulative")]
    if at:
        return _value(at[0], "value")
    stock = [a for a in cands if int(a["period_year"]) == y0 + 1 and a["kind"] in ("level", "cumulative")]
    new = [a for a in cands if int(a["period_year"]) == y0 + 1 and a["kind"] == "new_in_period"]
    if stock and new:
        return _value(stock[0], "value") - _value(new[0], "value")
    return None


def judge_target(target: dict, actuals: dict[tuple[str, str], list[dict]], year_now: int, method: dict) -> dict:
    """One target's truth: should it be judged, and its status, reason and figures."""
    out = {k: target.get(k, "") for k in ("source_file", "region", "indicator_text", "target_year",
                                          "target_value", "unit", "kind", "comparator")}
    out.update(should_judge=False, status="not_assessable", reason_code="", actual_source_file="", actual_year="",
               actual_value="", baseline_value="", expected_value="", progress_ratio="")
    # the generator knows a measure the words leave open (培育…1－3家: new ones, not a stock)
    kind, unit = target.get("_judge_as") or target["kind"], target.get("unit", "")
    t = _value(target, "target_value")
    if not target.get("_id"):
        return {**out, "reason_code": "unmapped_indicator"}  # a noun the catalog does not know
    if t is None:
        return {**out, "reason_code": "no_target_value"}
    yt = _int(target.get("target_year"))
    y0 = _int(target.get("baseline_year")) or _int(target.get("_base_year"))
    same = actuals.get((target["region"], target["_id"]), [])
    whole = [a for a in same if a.get("_full_year", True)]
    cands = [a for a in whole if a["kind"] in _measures(kind, unit)]
    if not cands:
        code = ("partial_year_only" if any(a["kind"] in _measures(kind, unit) for a in same)
                else "incompatible_measure" if same else "no_comparable_actual")
        return {**out, "reason_code": code}
    if y0 is None:
        return {**out, "reason_code": "no_base_year"}
    evidence = _evidence(kind, cands, y0, yt)
    if evidence is None:
        return {**out, "reason_code": "actual_not_after_baseline"}
    a, year, row = evidence
    direction = -1 if target.get("_lower_better") else 1
    high = _value(target, "target_high")
    b = _baseline(target, whole, y0)
    out.update(should_judge=True, actual_source_file=row.get("source_file", ""), actual_year=year,
               actual_value=round(a, 4), baseline_value="" if b is None else round(b, 4))
    if satisfies(a, target["comparator"], t, high, direction, method["approximately_within"]):
        return {**out, "status": "achieved"}
    if yt is not None and year_now > yt and year >= yt:
        return {**out, "status": "missed"}
    if b is None:
        return {**out, "should_judge": False, "reason_code": "no_baseline"}
    if yt is None and kind not in ("growth_rate", "annual"):
        return {**out, "should_judge": False, "reason_code": "no_target_year"}
    if kind in ("growth_rate", "annual"):
        e = t
    elif yt is None or yt <= y0:
        return {**out, "should_judge": False, "reason_code": "no_expected_path"}
    elif kind in ("cumulative", "change_vs_base"):
        e = t * (year - y0) / (yt - y0)
    elif unit in MONEY and b > 0 and t > 0:
        e = b * (t / b) ** ((year - y0) / (yt - y0))
    else:
        e = b + (t - b) * (year - y0) / (yt - y0)
    out["expected_value"] = round(e, 4)
    if e == b:
        flat = method["flat_path"]
        return {**out, "status": flat["moved_back"] if direction * (a - b) < 0 else flat["otherwise"]}
    ratio = direction * (a - b) / abs(e - b)
    return {**out, "status": status_from_ratio(ratio, method), "progress_ratio": round(ratio, 4)}


def judge(targets: list[dict], actuals: list[dict], year_now: int | None = None) -> list[dict]:
    """The truth for every target, from the gold rows the generator wrote (with their _tags)."""
    method = progress_method()
    by_key: dict[tuple[str, str], list[dict]] = {}
    for a in actuals:
        if a.get("_id"):
            by_key.setdefault((a["region"], a["_id"]), []).append(a)
    now = year_now or as_of_year()
    return [judge_target(t, by_key, now, method) for t in targets]
