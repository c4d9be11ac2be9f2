"""The suites read the progress method's thresholds and labels from its one definition, var
progress_method of dbt_project.yml, which the dbt models read too."""

from __future__ import annotations

import yaml

from expectations import reference as ref
from plantrack.config import PROJECT_ROOT


def _method() -> dict:
    text = (PROJECT_ROOT / "dbt_project" / "dbt_project.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)["vars"]["progress_method"]


def test_status_labels_are_the_dbt_vars_in_their_order():
    assert list(ref.STATUS_ZH.items()) == [(s["code"], s["zh"]) for s in _method()["statuses"]]


def test_ratio_bounds_follow_the_bands_without_gaps_or_overlaps():
    method = _method()
    bounds = ref.STATUS_RATIO_BOUNDS
    lows = [band["from"] for band in method["ratio_bands"]]
    assert [bounds[band["status"]][0] for band in method["ratio_bands"]] == lows
    # each band ends where the one above starts; the lowest is open above -inf
    assert [bounds[band["status"]][1] for band in method["ratio_bands"]] == [None, *lows[:-1]]
    assert bounds[method["below_bands"]] == (None, lows[-1])


def test_every_status_the_bands_name_has_a_label():
    method = _method()
    named = {b["status"] for b in method["ratio_bands"]} | {method["below_bands"]} | set(method["flat_path"].values())
    assert named <= set(ref.STATUS_ZH)
