"""Counts may fall only when a document was removed; a collapse or an emptied document is caught."""

from __future__ import annotations

from dataclasses import replace

from expectations.cross_run import accept_counts
from tests.quality.builders import (
    Doc,
    build_marts,
    execute,
    failures,
    load_docs,
    make_targets,
    outcomes_by_name,
    sample_docs,
)


def _run(warehouse, reports, docs, run_id, corrupt: str | None = None, params: list | None = None, **kwargs):
    """One run: load, (corrupt what was loaded,) build marts, check counts."""
    load_docs(warehouse, docs, run_id, **kwargs)
    if corrupt:
        execute(warehouse, corrupt, params)
    build_marts(warehouse)
    return outcomes_by_name(warehouse, reports, "cross_run", run_id)


def test_the_first_run_has_nothing_to_compare_and_passes(warehouse, reports):
    outcomes = _run(warehouse, reports, sample_docs(), "run-1")
    assert failures(outcomes) == {}
    assert "Nothing to check" in outcomes["table_totals.no_collapse"].message


def test_removing_a_source_may_drop_counts(warehouse, reports):
    docs = sample_docs()
    _run(warehouse, reports, docs, "run-1")
    assert failures(_run(warehouse, reports, docs[1:], "run-2")) == {}


def test_counts_collapsing_without_a_removal_block_and_name_the_table(warehouse, reports):
    docs = sample_docs()
    _run(warehouse, reports, docs, "run-1")
    failed = failures(_run(warehouse, reports, docs, "run-2", corrupt="DELETE FROM raw.targets WHERE target_id IN "
                                                                      "(SELECT target_id FROM raw.targets LIMIT 4)"))
    outcome = failed["table_totals.no_collapse"]
    assert outcome.severity == "blocking"
    assert "raw.targets" in outcome.message and "previous_n=5" in outcome.message
    assert "current_n=1" in outcome.message and "removed" in outcome.message


def test_a_dbt_join_dropping_rows_is_caught_in_the_marts_counts(warehouse, reports):
    docs = sample_docs()
    _run(warehouse, reports, docs, "run-1")
    load_docs(warehouse, docs, "run-2")
    build_marts(warehouse)
    execute(warehouse, "DELETE FROM marts.fct_plan_targets WHERE target_id IN "
                       "(SELECT target_id FROM marts.fct_plan_targets LIMIT 3)")
    outcome = failures(outcomes_by_name(warehouse, reports, "cross_run", "run-2"))["table_totals.no_collapse"]
    assert "marts.fct_plan_targets" in outcome.message


def test_an_unchanged_document_losing_all_its_targets_blocks_and_names_the_file(warehouse, reports):
    docs = sample_docs()
    _run(warehouse, reports, docs, "run-1")
    lost = docs[1]
    outcome = failures(_run(warehouse, reports, docs, "run-2", corrupt="DELETE FROM raw.targets WHERE document_id = ?",
                            params=[lost.document_id]))["unchanged_documents.none_lost_all"]
    assert outcome.severity == "blocking" and lost.source_file in outcome.message


def test_a_new_version_with_no_targets_is_a_warning(warehouse, reports):
    docs = sample_docs()
    _run(warehouse, reports, docs, "run-1")
    rewritten = replace(docs[1], targets=[], title="乙县关于征求意见的通知")
    failed = failures(_run(warehouse, reports, [docs[0], rewritten, docs[2]], "run-2"))
    outcome = failed["changed_documents.none_lost_all"]
    assert outcome.severity == "warning" and rewritten.source_file in outcome.message
    assert "unchanged_documents.none_lost_all" not in failed


def test_a_failed_run_is_not_the_baseline_for_the_next(warehouse, reports):
    docs = sample_docs()
    _run(warehouse, reports, docs, "run-1")
    assert "table_totals.no_collapse" in failures(_run(warehouse, reports, docs, "run-2",
                                                       corrupt="DELETE FROM raw.targets"))
    execute(warehouse, "INSERT INTO ops.runs (run_id, job_name, started_at, status) "
                       "VALUES ('run-2', 'nightly_refresh', now()::TIMESTAMP, 'failure')")
    assert "table_totals.no_collapse" in failures(_run(warehouse, reports, docs, "run-3",
                                                       corrupt="DELETE FROM raw.targets"))


def test_an_accepted_drop_becomes_the_baseline(warehouse, reports):
    docs = sample_docs()
    _run(warehouse, reports, docs, "run-1")
    _run(warehouse, reports, docs, "run-2", corrupt="DELETE FROM raw.targets")
    execute(warehouse, "INSERT INTO ops.runs (run_id, job_name, started_at, status) "
                       "VALUES ('run-2', 'nightly_refresh', now()::TIMESTAMP, 'failure')")
    accept_counts(warehouse, "run-2")
    assert failures(_run(warehouse, reports, docs, "run-3", corrupt="DELETE FROM raw.targets")) == {}


def test_a_new_source_adds_rows_without_complaint(warehouse, reports):
    docs = sample_docs()
    _run(warehouse, reports, docs, "run-1")
    extra = Doc("e_city_plan.txt", "戊市", "500105", targets=[("软件业务收入", "300", "亿元", 2027)])
    assert failures(_run(warehouse, reports, [*docs, extra], "run-2",
                         targets_of=make_targets)) == {}
