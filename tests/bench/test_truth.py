"""The generator's truth: docs/methodology.md applied to its own gold rows, bands read from dbt_project.yml."""

from __future__ import annotations

import yaml

from plantrack.bench import truth
from plantrack.bench.truth import judge

REGION, IND = "某某县", "ind_x"


def _target(**kw) -> dict:
    row = {"source_file": "plan.txt", "region": REGION, "indicator_text": "某指标", "unit": "亿元", "comparator": "=",
           "target_value": "200", "target_high": "", "target_year": "2025", "baseline_year": "2020",
           "baseline_value": "100", "kind": "level", "_id": IND, "_lower_better": False}
    return {**row, **kw}


def _actual(year: int, value: float, kind: str = "level", **kw) -> dict:
    row = {"source_file": f"release_{year}.txt", "region": REGION, "period_year": year, "indicator_text": "某指标",
           "unit": "亿元", "value": str(value), "kind": kind, "_id": IND}
    return {**row, **kw}


def _path(b: float, t: float, year: int) -> float:
    """The geometric path of money from 2020 to 2025."""
    return b * (t / b) ** ((year - 2020) / 5)


def test_the_ratio_bands_are_read_from_the_dbt_project():
    declared = yaml.safe_load(truth.DBT_PROJECT.read_text(encoding="utf-8"))["vars"]["progress_method"]
    assert truth.progress_method() == declared
    first = declared["ratio_bands"][0]
    assert truth.status_from_ratio(first["from"], declared) == first["status"]
    assert truth.status_from_ratio(-1.0, declared) == declared["below_bands"]


def test_a_level_on_its_expected_path_is_judged_in_the_top_band():
    method = truth.progress_method()
    [row] = judge([_target()], [_actual(2023, round(_path(100, 200, 2023), 2))], year_now=2024)
    assert row["should_judge"] is True
    assert row["status"] == method["ratio_bands"][0]["status"]


def test_a_level_below_its_baseline_is_below_the_bands():
    [row] = judge([_target()], [_actual(2023, 90)], year_now=2024)
    assert row["status"] == truth.progress_method()["below_bands"]


def test_a_target_met_early_is_achieved_and_one_past_its_year_is_missed():
    [met] = judge([_target()], [_actual(2023, 210)], year_now=2024)
    [late] = judge([_target()], [_actual(2025, 150)], year_now=2026)
    assert (met["status"], late["status"]) == ("achieved", "missed")


def test_a_part_year_value_never_judges_a_full_year_target():
    [row] = judge([_target()], [_actual(2023, 150, _full_year=False)], year_now=2024)
    assert (row["should_judge"], row["reason_code"]) == (False, "partial_year_only")


def test_a_count_of_new_ones_never_judges_a_stock_target():
    target = _target(unit="家", target_value="30", baseline_value="10")
    [row] = judge([target], [_actual(2023, 5, kind="new_in_period", unit="家")], year_now=2024)
    assert (row["should_judge"], row["reason_code"]) == (False, "incompatible_measure")


def test_another_places_value_never_judges_this_places_target():
    [row] = judge([_target()], [_actual(2023, 150, region="别的区")], year_now=2024)
    assert (row["should_judge"], row["reason_code"]) == (False, "no_comparable_actual")


def test_another_measure_of_the_same_subject_never_judges():
    [row] = judge([_target()], [_actual(2023, 150, _id="ind_x_revenue")], year_now=2024)
    assert row["should_judge"] is False


def test_a_value_from_the_base_year_shows_nothing_yet():
    [row] = judge([_target()], [_actual(2020, 100)], year_now=2024)
    assert (row["should_judge"], row["reason_code"]) == (False, "actual_not_after_baseline")


def test_a_cumulative_target_sums_the_new_ones_since_the_base_year():
    target = _target(kind="cumulative", unit="个", target_value="50", baseline_value="", comparator="=")
    actuals = [_actual(y, 10, kind="new_in_period", unit="个") for y in (2021, 2022, 2023)]
    [row] = judge([target], actuals, year_now=2024)
    assert row["actual_value"] == 30
    assert row["expected_value"] == 30  # 50 × 3/5


def test_a_stock_target_without_a_plan_baseline_takes_the_stock_less_that_years_additions():
    target = _target(unit="家", target_value="40", baseline_value="", baseline_year="")
    actuals = [_actual(2021, 22, kind="cumulative", unit="家"), _actual(2021, 5, kind="new_in_period", unit="家"),
               _actual(2023, 30, unit="家")]
    [row] = judge([{**target, "_base_year": 2020}], actuals, year_now=2024)
    assert row["baseline_value"] == 17
    assert row["should_judge"] is True


def test_a_decrease_against_the_base_year_is_judged_from_two_levels():
    target = _target(kind="change_vs_base", unit="%", target_value="-15", baseline_value="", comparator="=",
                     _lower_better=True)
    actuals = [_actual(2020, 1.0, unit="吨标准煤"), _actual(2023, 0.9, unit="吨标准煤")]
    [row] = judge([target], actuals, year_now=2024)
    assert round(row["actual_value"], 6) == -10.0
    assert row["status"] == "on_track"  # 10 % of the 9 % due by 2023


def test_a_target_on_a_noun_outside_the_catalog_is_not_judged():
    [row] = judge([_target(_id="")], [_actual(2023, 150)], year_now=2024)
    assert (row["should_judge"], row["reason_code"]) == (False, "unmapped_indicator")
