"""The raw suite catches broken provenance, implausible years and unknown units at their severity."""

from __future__ import annotations

from dataclasses import replace

import duckdb

from tests.quality.builders import Doc, failures, load_docs, make_targets, outcomes_by_name, sample_docs


def _load_with(warehouse, change_first_target, docs=None):
    """Load the documents with the first target of the first document changed."""
    docs = docs or sample_docs()

    def targets_of(doc):
        ts = make_targets(doc)
        return [change_first_target(ts[0]), *ts[1:]] if ts and doc is docs[0] else ts

    load_docs(warehouse, docs, "run-1", targets_of=targets_of)


def test_clean_statements_pass_every_check(warehouse, reports):
    load_docs(warehouse, sample_docs(), "run-1")
    assert failures(outcomes_by_name(warehouse, reports, "raw")) == {}


def test_a_quote_not_in_the_document_blocks_with_its_id_and_quote(warehouse, reports):
    _load_with(warehouse, lambda t: replace(t, quote="工业增加值增长百分之九十"))
    failed = failures(outcomes_by_name(warehouse, reports, "raw"))
    outcome = failed["targets.quote_at_offsets"]
    assert outcome.severity == "blocking" and outcome.affected_rows == 1
    assert "工业增加值增长百分之九十" in outcome.message and "t_" in outcome.message
    assert "offsets" in outcome.message


def test_offsets_pointing_past_the_document_end_are_caught(warehouse, reports):
    _load_with(warehouse, lambda t: replace(t, char_start=t.char_start + 10_000, char_end=t.char_end + 10_000))
    assert "targets.quote_at_offsets" in failures(outcomes_by_name(warehouse, reports, "raw"))


def test_a_restated_quote_at_wrong_offsets_is_caught(warehouse, reports):
    from plantrack.model import Quote

    _load_with(warehouse, lambda t: replace(t, other_quotes=(Quote(t.quote, 0, len(t.quote), "table"),)))
    failed = failures(outcomes_by_name(warehouse, reports, "raw"))
    assert failed["target_other_quotes.quote_at_offsets"].severity == "blocking"


def test_a_target_year_of_1925_blocks_and_names_the_year(warehouse, reports):
    _load_with(warehouse, lambda t: replace(t, target_year=1925))
    outcome = failures(outcomes_by_name(warehouse, reports, "raw"))["targets.target_year_plausible"]
    assert outcome.severity == "blocking"
    assert "1925" in outcome.message and "1 of 5" in outcome.message


def test_an_unknown_unit_is_a_warning_naming_the_unit(warehouse, reports):
    _load_with(warehouse, lambda t: replace(t, unit="斤斤"))
    outcome = failures(outcomes_by_name(warehouse, reports, "raw"))["targets.unit_known"]
    assert outcome.severity == "warning" and "斤斤" in outcome.message


def test_a_value_that_did_not_parse_is_a_warning(warehouse, reports):
    _load_with(warehouse, lambda t: replace(t, value=None, value_raw="若干"))
    outcome = failures(outcomes_by_name(warehouse, reports, "raw"))["targets.value_parses"]
    assert outcome.severity == "warning" and "若干" in outcome.message


def test_an_unknown_target_kind_blocks(warehouse, reports):
    _load_with(warehouse, lambda t: replace(t, target_kind="wish"))
    assert failures(outcomes_by_name(warehouse, reports, "raw"))["targets.target_kind_known"].severity == "blocking"


def test_only_documents_now_in_the_sources_are_checked(warehouse, reports):
    old = Doc("plan.txt", "丙区", "500103", targets=[("工业投资", "50", "亿元", 2025)])
    _load_with(warehouse, lambda t: replace(t, target_year=1925), docs=[old])
    new = replace(old, targets=[("工业投资", "60", "亿元", 2026)])
    load_docs(warehouse, [new], "run-2")
    assert failures(outcomes_by_name(warehouse, reports, "raw", "run-2")) == {}


def test_every_outcome_is_stored_in_the_warehouse_and_a_rerun_replaces_it(warehouse, reports):
    load_docs(warehouse, sample_docs(), "run-1")
    n = len(outcomes_by_name(warehouse, reports, "raw"))
    outcomes_by_name(warehouse, reports, "raw")
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute("SELECT count(*), count(DISTINCT check_name), bool_and(passed) "
                       "FROM ops.quality_check_results WHERE run_id = 'run-1'").fetchone()
    con.close()
    assert rows == (n, n, True)


def test_data_docs_are_built_as_html_under_the_reports_directory(warehouse, reports):
    from expectations.runner import docs_index

    load_docs(warehouse, sample_docs(), "run-1")
    outcomes_by_name(warehouse, reports, "raw")
    index = docs_index(reports)
    assert index.is_file() and "raw_statements" in index.read_text(encoding="utf-8")


def test_the_quote_check_costs_time_linear_in_a_long_document(warehouse):
    """20,000 targets in a 1.1 MB text: one substr per quote from the text's start took ~17 s of CPU."""
    import time

    from expectations import raw_statements

    doc = Doc("long.txt", "綦江区", "500110")
    doc.targets = [("规模以上工业总产值", str(100 + i), "亿元", 2025) for i in range(20_000)]
    text = doc.text

    def targets_of(d):  # offsets found in one pass (make_targets' text.index per quote is quadratic)
        first, out, at = make_targets(Doc(d.source_file, d.region_name, d.region_code, d.targets[:1])), [], 0
        for ind, v, u, _y in d.targets:
            quote = f"{ind}达到{v}{u}"
            at = text.index(quote, at)
            out.append(replace(first[0], document_id=d.document_id, value_raw=v, value=float(v), quote=quote,
                               char_start=at, char_end=at + len(quote)))
        return out

    load_docs(warehouse, [doc], "run-1", targets_of=targets_of)
    with duckdb.connect(str(warehouse)) as con:
        started = time.process_time()
        frames = raw_statements.read_frames(con, "run-1")
        spent = time.process_time() - started
    assert len(frames["targets"]) == 20_000 and frames["targets"]["quote_at_offsets"].all()
    assert spent < 5, f"{spent:.1f} s of CPU to check 20,000 quotes"


# Raw rows never change once loaded: a document whose statements passed is not checked again.

def _make_current(warehouse, docs):
    from tests.quality.builders import execute
    for d in docs:
        execute(warehouse, "INSERT INTO raw.current_sources VALUES (?, ?, now())", [d.source_file, d.document_id])


def test_a_later_run_checks_only_the_documents_not_checked_before(warehouse, reports):
    docs = sample_docs()
    load_docs(warehouse, docs[:1], "run-1")
    assert outcomes_by_name(warehouse, reports, "raw", "run-1")["targets.unique_target_id"].observed == "0 of 3 rows"
    load_docs(warehouse, docs[1:], "run-2")
    _make_current(warehouse, docs[:1])

    second = outcomes_by_name(warehouse, reports, "raw", "run-2")

    assert failures(second) == {}
    assert second["targets.unique_target_id"].observed == "0 of 2 rows"  # docs[1]'s two, not docs[0]'s three


def test_a_document_that_failed_a_blocking_check_is_checked_again(warehouse, reports):
    _load_with(warehouse, lambda t: replace(t, target_year=1925))
    assert "targets.target_year_plausible" in failures(outcomes_by_name(warehouse, reports, "raw", "run-1"))
    assert "targets.target_year_plausible" in failures(outcomes_by_name(warehouse, reports, "raw", "run-2"))


def test_a_document_read_again_is_checked_again(warehouse, reports):
    from tests.quality.builders import execute

    load_docs(warehouse, sample_docs(), "run-1")
    assert failures(outcomes_by_name(warehouse, reports, "raw", "run-1")) == {}
    # what a newer extractor writes for the same bytes: new rows, a new ingested_at
    execute(warehouse, "UPDATE raw.targets SET target_year = 1925 WHERE target_id = (SELECT min(target_id) "
                       "FROM raw.targets)")
    execute(warehouse, "UPDATE raw.documents SET ingested_at = ingested_at + INTERVAL 1 DAY")

    assert "targets.target_year_plausible" in failures(outcomes_by_name(warehouse, reports, "raw", "run-2"))


def test_changed_checks_check_every_document_again(warehouse, reports):
    from tests.quality.builders import execute

    load_docs(warehouse, sample_docs(), "run-1")
    outcomes_by_name(warehouse, reports, "raw", "run-1")
    execute(warehouse, "UPDATE ops.raw_checked_documents SET checks_fingerprint = 'the checks of last year'")

    assert outcomes_by_name(warehouse, reports, "raw", "run-2")["targets.unique_target_id"].observed == "0 of 5 rows"
