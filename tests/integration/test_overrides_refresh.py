"""Overrides files on disk -> `plantrack refresh` -> marts: good rows applied, bad rows refused and listed,
a broken file blocks nothing else. One refresh of the sample corpus, with its own overrides folder."""

from __future__ import annotations

import csv

import duckdb
import pytest

from tests.conftest import run_plantrack


def _serving_rows(data_dir, sql: str, params=()):
    con = duckdb.connect(str(data_dir / "serving" / "plantrack.duckdb"), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def refreshed(sample_data_dir, tmp_path_factory):
    # real ids of the sample corpus (stable: they hash the document and the statement)
    (good, bad), = [tuple(r[0] for r in _serving_rows(
        sample_data_dir, "SELECT target_id FROM marts.fct_plan_targets WHERE value IS NOT NULL "
                         "ORDER BY target_id LIMIT 2"))]
    folder = tmp_path_factory.mktemp("overrides")
    stamp = "2025-05-01 09:00:00"
    with open(folder / "target_overrides.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["target_id", "action", "field", "new_value", "by", "reason", "at"])
        w.writerow([good, "correct", "value", "12345", "王分析师", "原文为12345", stamp])
        w.writerow([bad, "correct", "value", "abc", "王分析师", "typo", stamp])
        w.writerow([bad, "correct", "no_such_field", "1", "王分析师", "typo", stamp])
        w.writerow([bad, "correct", "target_year", "99999999999", "王分析师", "typo", stamp])
        w.writerow([bad, "correct", "value", "1e308", "王分析师", "typo", stamp])
        w.writerow([bad, "replace", "value", "1", "王分析师", "typo", stamp])
    (folder / "actual_overrides.csv").write_text('actual_id,action\n"unclosed,reject\n', encoding="utf-8")
    data_dir = tmp_path_factory.mktemp("overrides-data")
    result = run_plantrack("refresh", data_dir=data_dir, env={"PLANTRACK_OVERRIDES_DIR": str(folder)},
                           timeout=900)
    return data_dir, result, good, bad


def test_a_refresh_with_bad_override_rows_and_a_broken_file_still_publishes(refreshed):
    _, result, _, _ = refreshed
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "6 row(s) refused" in result.stdout + result.stderr


def test_a_good_correction_is_applied(refreshed):
    data_dir, _, good, _ = refreshed
    assert _serving_rows(data_dir, "SELECT value, override_action FROM marts.fct_plan_targets WHERE target_id = ?",
                         [good]) == [(12345.0, "correct")]


def test_refused_rows_are_never_shown_as_applied(refreshed, sample_data_dir):
    data_dir, _, _, bad = refreshed
    query = "SELECT value, target_year, override_action FROM marts.fct_plan_targets WHERE target_id = ?"
    before = _serving_rows(sample_data_dir, query, [bad])
    after = _serving_rows(data_dir, query, [bad])
    assert after == before and after[0][2] is None


def test_each_refused_row_is_listed_with_its_line_and_reason(refreshed):
    data_dir, _, _, bad = refreshed
    rows = _serving_rows(data_dir, "SELECT file, line, statement_id, problem FROM marts.mart_override_problems "
                                   "ORDER BY file, line")
    assert [(r[0], r[1]) for r in rows] == [("actual_overrides.csv", 0)] + [
        ("target_overrides.csv", n) for n in range(3, 8)]
    assert {r[2] for r in rows[1:]} == {bad}
    reasons = " | ".join(r[3] for r in rows)
    for why in ("not a number", "cannot be corrected", "not a year", "beyond", "action 'replace'", "header"):
        assert why in reasons, reasons
