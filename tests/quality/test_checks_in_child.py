"""The refresh runs the suites in a child process that exits: same checks, same outcomes, same records,
and Great Expectations never stays in the refresh process (its imports and frames, ~0.5 GB at 5,000
documents, would otherwise be held while dbt builds)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict, replace

import duckdb
import pytest

from orchestration.checks import run_in_child
from tests.conftest import ROOT
from tests.quality.builders import load_docs, make_targets, outcomes_by_name, sample_docs


def _recorded(warehouse) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("SELECT suite, check_name, severity, passed, observed, expected, affected_rows, "
                           "message FROM ops.quality_check_results ORDER BY suite, check_name").fetchall()


def test_checks_run_in_a_child_give_the_outcomes_and_records_of_the_checks_run_here(warehouse, reports):
    docs = sample_docs()
    load_docs(warehouse, docs, "run-1", targets_of=lambda d: [
        replace(t, quote="工业增加值增长百分之九十") if d is docs[0] and i == 0 else t
        for i, t in enumerate(make_targets(d))])
    here = outcomes_by_name(warehouse, reports, "raw")
    recorded_here = _recorded(warehouse)

    there = {o.check_name: o for o in run_in_child(warehouse, "run-1", ("raw",), reports)}

    assert {k: asdict(o) for k, o in there.items()} == {k: asdict(o) for k, o in here.items()}
    assert not there["targets.quote_at_offsets"].passed and there["targets.quote_at_offsets"].documents
    assert _recorded(warehouse) == recorded_here


def test_a_check_run_that_stops_fails_with_the_childs_error(warehouse, reports):
    load_docs(warehouse, sample_docs(), "run-1")
    with pytest.raises(RuntimeError, match=r"(?s)quality checks \(no_such_layer\) stopped.*unknown quality layer"):
        run_in_child(warehouse, "run-1", ("no_such_layer",), reports)


def test_the_refresh_process_does_not_import_great_expectations_to_check():
    probe = ("import sys, json, orchestration.checks, orchestration.definitions, orchestration.in_process; "
             "print(json.dumps('great_expectations' in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=300,
                         check=True).stdout
    assert json.loads(out.strip().splitlines()[-1]) is False



def test_a_child_started_ahead_for_checks_the_run_never_reaches_exits_without_checking(warehouse, reports):
    from orchestration import check_children

    load_docs(warehouse, sample_docs(), "run-1")
    check_children.start_spare()
    [(proc, _)] = check_children._spare

    check_children.stop_spare()

    assert proc.returncode == 0 and not check_children._spare
    assert _recorded(warehouse) == []


def test_a_child_started_ahead_is_the_one_that_checks(warehouse, reports):
    from orchestration import check_children

    load_docs(warehouse, sample_docs(), "run-1")
    check_children.start_spare()
    [(proc, _)] = check_children._spare

    outcomes = run_in_child(warehouse, "run-1", ("raw",), reports)

    assert proc.returncode == 0 and not check_children._spare and outcomes


def test_a_step_starts_the_next_child_ahead_only_while_a_run_executes_in_this_process():
    from orchestration import check_children

    check_children.start_spare_ahead()  # a step of a run Dagster launched elsewhere: the child waits its turn
    assert not check_children._spare

    with check_children.ahead_of_turn():  # plantrack refresh: the raw checks' child at once
        [(first, _)] = check_children._spare
        check_children.start_spare_ahead()  # one waiting is enough
        assert [p for p, _ in check_children._spare] == [first]
        check_children._spare.clear()
        first.communicate(b"")
        check_children.start_spare_ahead()  # the dbt step, for the marts checks
        [(second, _)] = check_children._spare

    assert second.returncode == 0 and not check_children._spare  # ended with the run, unused
    check_children.start_spare_ahead()
    assert not check_children._spare
