"""Analysts' overrides are checked where they are read: a bad row is refused with its line and reason.

plantrack/overrides.py is what the nightly run (and the coming `plantrack correct`) calls; issue 22's
rows that were "shown as applied while nothing changed" are each refused here.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from plantrack import overrides
from plantrack.warehouse import connect

HEADER_T = "target_id,action,field,new_value,by,reason,at\n"
HEADER_A = "actual_id,action,field,new_value,by,reason,at\n"
NOW = datetime(2026, 1, 1)


def _target_rows(*lines: str) -> overrides.Checked:
    return overrides.check_text(overrides.TARGET, HEADER_T + "".join(line + "\n" for line in lines),
                                "target_overrides.csv", now=NOW)


def _one_problem(checked: overrides.Checked) -> overrides.Problem:
    assert not checked.rows, checked.rows
    assert len(checked.problems) == 1, checked.problems
    return checked.problems[0]


def test_a_good_correction_and_a_good_rejection_pass():
    checked = _target_rows("t_a,correct,value,50,王分析师,原文为50个,2025-05-01 09:00:00",
                           "t_b,reject,,,王分析师,不是工业指标,2025-05-01 09:00:00")
    assert not checked.problems
    assert [r["target_id"] for r in checked.rows] == ["t_a", "t_b"]
    assert checked.rows[0]["at"] == datetime(2025, 5, 1, 9)


@pytest.mark.parametrize("value, why", [
    ("abc", "not a number"), ("1e308", "beyond"), ("inf", "not a finite number"), ("nan", "not a finite"),
    ("1; DROP TABLE marts.fct_plan_targets", "not a number"), ("", "needs a new_value")])
def test_a_value_that_is_not_a_plausible_number_is_refused(value, why):
    problem = _one_problem(_target_rows(f"t_a,correct,value,{value},王分析师,原文,2025-05-01 09:00:00"))
    assert why in problem.reason and problem.line == 2 and problem.statement_id == "t_a"


@pytest.mark.parametrize("year", ["99999999999", "20255", "1800", "二〇二五", "2025.5"])
def test_a_year_out_of_range_is_refused(year):
    problem = _one_problem(_target_rows(f"t_a,correct,target_year,{year},王分析师,原文,2025-05-01 09:00:00"))
    assert "not a year" in problem.reason


def test_a_field_that_cannot_be_corrected_is_refused_with_the_fields_that_can():
    problem = _one_problem(_target_rows("t_a,correct,quote,改写,王分析师,原文,2025-05-01 09:00:00"))
    assert "cannot be corrected" in problem.reason and "target_year" in problem.reason


def test_an_actual_field_is_not_a_target_field():
    checked = overrides.check_text(overrides.ACTUAL, HEADER_A + "a_1,correct,target_year,2025,王,因,2025-05-01\n",
                                   "actual_overrides.csv", now=NOW)
    assert "cannot be corrected" in _one_problem(checked).reason


@pytest.mark.parametrize("field, value", [("comparator", "=="), ("target_kind", "stock"),
                                          ("attribute", "optional"), ("indicator_id", "no_such_indicator"),
                                          ("unit", "亿元'; DROP TABLE x; --"), ("unit", "furlongs")])
def test_a_value_outside_what_the_marts_know_is_refused(field, value):
    problem = _one_problem(_target_rows(f't_a,correct,{field},"{value}",王分析师,原文,2025-05-01 09:00:00'))
    assert "new_value" in problem.reason


@pytest.mark.parametrize("field, value", [("unit", "亿元"), ("unit", "%"), ("comparator", ">="),
                                          ("target_kind", "growth_rate"), ("attribute", "binding"),
                                          ("value", "-3.5"), ("baseline_year", "2020")])
def test_a_value_the_marts_know_passes(field, value):
    checked = _target_rows(f"t_a,correct,{field},{value},王分析师,原文,2025-05-01 09:00:00")
    assert not checked.problems, checked.problems


@pytest.mark.parametrize("line, why", [
    ("t_a,replace,value,5,王,因,2025-05-01", "action 'replace'"),
    ("t_a,reject,value,5,王,因,2025-05-01", "a rejection has no field"),
    ("t_a,correct,value,5,,因,2025-05-01", "by is empty"),
    ("t_a,correct,value,5,王,,2025-05-01", "reason is empty"),
    ("t_a,correct,value,5,王,因,yesterday", "not a date"),
    ("t_a,correct,value,5,王,因,2999-01-01", "in the future"),
    ("'; DROP TABLE x,correct,value,5,王,因,2025-05-01", "not a statement id"),
])
def test_an_action_who_why_when_or_id_that_is_wrong_is_refused(line, why):
    assert why in _one_problem(_target_rows(line)).reason


def test_a_row_with_the_wrong_number_of_columns_is_refused_and_the_others_pass():
    checked = _target_rows("t_a,correct,value,5,王,因", "t_b,reject,,,王,因,2025-05-01 09:00:00")
    assert [r["target_id"] for r in checked.rows] == ["t_b"]
    assert checked.problems[0].line == 2 and "columns" in checked.problems[0].reason


@pytest.mark.parametrize("text", ["id,what\nt_a,x\n", 'target_id,action,field,new_value,by,reason,at\n"t_a,unclosed\n',
                                  ""])
def test_a_file_that_is_not_the_expected_csv_is_refused_whole_with_the_reason(text):
    checked = overrides.check_text(overrides.TARGET, text, "target_overrides.csv", now=NOW)
    problem = _one_problem(checked)
    assert problem.line == 0 and problem.reason


def test_the_run_loads_passing_rows_and_refusals_and_one_bad_file_blocks_nothing(tmp_path):
    (tmp_path / "target_overrides.csv").write_text(
        HEADER_T + "t_a,correct,value,50,王,原文,2025-05-01 09:00:00\nt_b,correct,value,abc,王,原文,2025-05-01\n",
        encoding="utf-8")
    (tmp_path / "actual_overrides.csv").write_bytes(b"\xff\xfe not text")
    warehouse = tmp_path / "warehouse.duckdb"
    with connect(warehouse) as con:
        counts = overrides.load(con, overrides.check_all(tmp_path, now=NOW))
        assert counts == {"target": 1, "actual": 0, "refused": 2}
        assert con.execute("SELECT target_id, new_value FROM raw.target_overrides").fetchall() == [("t_a", "50")]
        refused = con.execute("SELECT file, line, statement_id FROM raw.override_problems ORDER BY file").fetchall()
        assert refused == [("actual_overrides.csv", 0, None), ("target_overrides.csv", 3, "t_b")]
        # a second run replaces what the first loaded
        (tmp_path / "target_overrides.csv").write_text(HEADER_T, encoding="utf-8")
        (tmp_path / "actual_overrides.csv").unlink()
        assert overrides.load(con, overrides.check_all(tmp_path, now=NOW)) == {"target": 0, "actual": 0,
                                                                                "refused": 0}
        assert con.execute("SELECT count(*) FROM raw.override_problems").fetchone()[0] == 0


def test_the_repositorys_own_overrides_files_pass():
    for checked in overrides.check_all(overrides.SEEDS_DIR):
        assert not checked.problems, checked.problems


def test_the_fingerprint_changes_with_the_files(tmp_path):
    before = overrides.fingerprint(tmp_path)
    (tmp_path / "target_overrides.csv").write_text(HEADER_T, encoding="utf-8")
    assert overrides.fingerprint(tmp_path) != before
