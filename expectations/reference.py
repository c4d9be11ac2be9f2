"""Reference values the suites check against, each declared once.

Units come from the extractor's own unit table, so a unit the extractor learns is known here too;
anything else that shows up in `unit` passed through normalization unrecognized.
"""

from __future__ import annotations

from plantrack.extract import units as _units

# Years before the People's Republic or after 2100 are misreadings (a page number, a 文号, 1925 for 2025).
YEAR_MIN, YEAR_MAX = 1949, 2100


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

STATUS_ZH = {
    "achieved": "已达成",
    "on_track": "进度正常",
    "needs_acceleration": "需加快",
    "limited_progress": "进展有限",
    "deteriorating": "出现倒退",
    "missed": "未达成",
    "not_assessable": "无法评估",
}
# progress_ratio bounds [low, high) each status implies (methodology in architecture.md).
STATUS_RATIO_BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "on_track": (0.95, None),
    "needs_acceleration": (0.6, 0.95),
    "limited_progress": (0.0, 0.6),
    "deteriorating": (None, 0.0),
}
RATIO_TOLERANCE = 1e-9

# Cross-run: a drop in rows not explained by removed documents, as a share of the previous count.
COLLAPSE_DROP = 0.25  # blocking above this
NOTABLE_DROP = 0.05   # a warning above this
