"""Only a failure that can pass on a second try is retried: a lock or a transient I/O error, never a
failing data test, a contract or compile error (each would fail again, at the whole build's cost)."""

from __future__ import annotations

import errno

import dagster as dg
import duckdb
import pytest

from orchestration.retry import dbt_outcome, is_transient, retry_if_transient

LOCK = 'IO Error: Could not set lock on file "/d/warehouse.duckdb": Conflicting lock is held in python (PID 7)'


def _attempts_of(exc: Exception) -> int:
    """Run a real Dagster asset whose body raises `exc` under retry_if_transient: how often it ran."""
    calls = []

    @dg.asset
    def flaky() -> int:
        calls.append(1)
        with retry_if_transient("the step"):
            if len(calls) == 1:
                raise exc
        return 1

    result = dg.materialize([flaky], raise_on_error=False)
    return len(calls), result.success


def test_a_lock_held_by_another_process_is_retried_and_then_passes():
    assert _attempts_of(duckdb.IOException(LOCK)) == (2, True)


def test_a_transient_io_error_is_retried():
    assert _attempts_of(OSError(errno.EIO, "Input/output error")) == (2, True)


@pytest.mark.parametrize("exc", [ValueError("bad value"), duckdb.ConstraintException("duplicate key"),
                                 OSError(errno.ENOSPC, "No space left on device"),
                                 duckdb.IOException("IO Error: No space left on device")])
def test_a_failure_that_can_only_repeat_runs_once(exc):
    assert _attempts_of(exc) == (1, False)


def test_a_failing_dbt_data_test_is_final():
    out = dbt_outcome([{"unique_id": "test.plantrack.unique_mart_x.1a", "status": "fail",
                        "message": "Got 2 results, configured to fail if != 0"}], "")
    assert isinstance(out, dg.Failure) and "unique_mart_x" in out.description


def test_a_dbt_contract_or_compile_error_is_final():
    assert isinstance(dbt_outcome([{"unique_id": "model.plantrack.m", "status": "error",
                                    "message": "Contract Error: column a missing"}], ""), dg.Failure)
    assert isinstance(dbt_outcome([], "Compilation Error in model m: unexpected '}'"), dg.Failure)


def test_a_dbt_build_stopped_only_by_a_lock_is_retried():
    assert isinstance(dbt_outcome([{"unique_id": "model.plantrack.m", "status": "error", "message": LOCK}], ""),
                      dg.RetryRequested)
    assert isinstance(dbt_outcome([], f"Runtime Error\n  {LOCK}"), dg.RetryRequested)


def test_a_lock_beside_a_failing_test_is_not_retried():
    assert isinstance(dbt_outcome([{"unique_id": "model.plantrack.m", "status": "error", "message": LOCK},
                                   {"unique_id": "test.plantrack.t", "status": "fail", "message": "2 rows"}], ""),
                      dg.Failure)


def test_transient_is_judged_through_the_cause_chain():
    try:
        try:
            raise duckdb.IOException(LOCK)
        except duckdb.IOException as inner:
            raise RuntimeError("while loading") from inner
    except RuntimeError as outer:
        assert is_transient(outer)


def _warehouse(tmp_path):
    from plantrack.warehouse import connect

    path = tmp_path / "warehouse.duckdb"
    with connect(path) as con:
        for i in range(4):
            con.execute("INSERT INTO raw.current_sources VALUES (?, ?, now())", [f"f{i}.txt", f"d{i}"])
    return path


def _fail(sql: str, status: str = "fail") -> dict:
    return {"unique_id": "test.plantrack.not_null_m_c.1a", "status": status, "message": "Got 1 result",
            "compiled_code": sql}


def test_a_failing_dbt_test_whose_rows_name_a_document_holds_back_that_document(tmp_path):
    from orchestration.retry import documents_behind_failed_tests

    held = documents_behind_failed_tests(_warehouse(tmp_path), [_fail("select 'f1.txt' as source_file, 2 as n")])
    assert list(held) == ["d1"] and "not_null_m_c" in held["d1"]


def test_a_failing_dbt_test_whose_rows_name_no_document_blocks(tmp_path):
    from orchestration.retry import documents_behind_failed_tests

    wh = _warehouse(tmp_path)
    assert documents_behind_failed_tests(wh, [_fail("select '?|not_assessable' as unique_field, 2 as n")]) == {}
    assert documents_behind_failed_tests(wh, [_fail("select 'f1.txt'", status="error")]) == {}


def test_most_documents_failing_is_not_their_fault_and_blocks(tmp_path):
    from orchestration.retry import documents_behind_failed_tests

    sql = "select * from (values ('f0.txt'), ('f1.txt'), ('f2.txt')) v(source_file)"
    assert documents_behind_failed_tests(_warehouse(tmp_path), [_fail(sql)]) == {}
