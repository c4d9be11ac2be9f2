"""Reference values the suites check against, each declared once.

Units come from the extractor's own unit table, so a unit the extractor learns is known here too;
anything else that shows up in `unit` passed through normalization unrecognized.
"""

from __future__ import annotations

import yaml

from plantrack.config import PROJECT_ROOT
from plantrack.extract import units as _units
from plantrack.model import YEAR_MAX, YEAR_MIN  # noqa: F401 - declared with the model, used by the suites


def _known_units() -> frozenset[str]:
    declared = getattr(_units, "KNOWN_UNITS", None)
    if declared:
        return frozenset(declared)
    table = getattr(_units, "_UNITS", {})
    return frozenset({normalized for normalized, _factor in table.values()} | set(_units.COUNT_UNITS))


KNOWN_UNITS: frozenset[str] = _known_units()
PERCENT_UNITS = frozenset({"%", "％"})

TARGET_KINDS = ("level", "share", "growth_rate", "change_vs_base", "cumulative", "annual")
# Percent values of these kinds are changes, so they may be negative or above 100.
CHANGE_TARGET_KINDS = ("growth_rate", "change_vs_base")
COMPARATORS = ("=", ">=", ">", "<=", "<", "~", "range")
MEASURES = ("level", "yoy_growth", "share", "new_in_period", "cumulative", "avg_growth")
# A cumulative percentage is a change over several years (相较2015年提升113%), not a share.
CHANGE_MEASURES = ("yoy_growth", "avg_growth", "cumulative")



def _progress_method() -> dict:
    """The method's thresholds and labels, from their one definition: var `progress_method` of
    dbt_project.yml, which the dbt models read too (docs/methodology.md)."""
    with open(PROJECT_ROOT / "dbt_project" / "dbt_project.yml", encoding="utf-8") as f:
        return yaml.safe_load(f)["vars"]["progress_method"]


def _ratio_bounds(method: dict) -> dict[str, tuple[float | None, float | None]]:
    """progress_ratio bounds [low, high) of each ratio band, and (None, lowest) below them."""
    bounds: dict[str, tuple[float | None, float | None]] = {}
    high: float | None = None
    for band in method["ratio_bands"]:
        bounds[band["status"]] = (float(band["from"]), high)
        high = float(band["from"])
    bounds[method["below_bands"]] = (None, high)
    return bounds


PROGRESS_METHOD = _progress_method()
# status code -> Chinese label, in the dashboards' order
STATUS_ZH: dict[str, str] = {s["code"]: s["zh"] for s in PROGRESS_METHOD["statuses"]}
STATUS_RATIO_BOUNDS = _ratio_bounds(PROGRESS_METHOD)
# A flat path (target equal to its baseline) has no ratio: these statuses say which way it moved.
FLAT_PATH_STATUSES = frozenset(PROGRESS_METHOD["flat_path"].values())
APPROXIMATELY_WITHIN: float = float(PROGRESS_METHOD["approximately_within"])
RATIO_TOLERANCE = 1e-9

# Cross-run: a drop in rows not explained by removed documents, as a share of the previous count.
COLLAPSE_DROP = 0.25  # blocking above this
NOTABLE_DROP = 0.05   # a warning above this
