"""The marts suite holds the analysts' contract: each corruption is caught at its declared severity."""

from __future__ import annotations

import pytest

from expectations import marts
from plantrack.warehouse import connect
from tests.quality.builders import (
    Doc,
    build_marts,
    execute,
    failures,
    load_docs,
    outcomes_by_name,
    sample_docs,
)


@pytest.fixture
def built(warehouse):
    load_docs(warehouse, sample_docs(), "run-1")
    build_marts(warehouse)
    return warehouse


def test_clean_marts_pass_every_check(built, reports):
    assert failures(outcomes_by_name(built, reports, "marts")) == {}


def test_a_share_of_130_percent_blocks_and_says_what_to_do(built, reports):
    execute(built, "UPDATE marts.fct_plan_targets SET value = 130 WHERE target_id = "
                   "(SELECT min(target_id) FROM marts.fct_plan_targets WHERE unit = '%')")
    outcome = failures(outcomes_by_name(built, reports, "marts"))["percent_targets.value_within_0_100"]
    assert outcome.severity == "blocking" and outcome.affected_rows == 1
    assert "130" in outcome.message and "0–100" in outcome.message and "override" in outcome.message


def test_a_growth_of_130_percent_is_allowed(built, reports):
    execute(built, "UPDATE marts.fct_plan_targets SET value = 130, target_kind = 'growth_rate' "
                   "WHERE unit = '%'")
    assert "percent_targets.value_within_0_100" not in failures(outcomes_by_name(built, reports, "marts"))


def test_a_negative_share_of_an_actual_blocks(built, reports):
    execute(built, "UPDATE marts.fct_indicator_actuals SET unit = '%', measure = 'share', value = -3 "
                   "WHERE actual_id = (SELECT min(actual_id) FROM marts.fct_indicator_actuals)")
    assert "percent_actuals.value_within_0_100" in failures(outcomes_by_name(built, reports, "marts"))


def test_a_duplicated_target_id_blocks_and_names_the_id(built, reports):
    execute(built, "INSERT INTO marts.fct_plan_targets SELECT * FROM marts.fct_plan_targets LIMIT 1")
    outcome = failures(outcomes_by_name(built, reports, "marts"))["fct_plan_targets.unique_target_id"]
    assert outcome.severity == "blocking" and outcome.affected_rows == 2
    assert "t_" in outcome.message and "duplicates" in outcome.message


def test_a_target_pointing_at_an_unknown_document_blocks(built, reports):
    execute(built, "UPDATE marts.fct_plan_targets SET document_id = 'deadbeef' WHERE target_id = "
                   "(SELECT min(target_id) FROM marts.fct_plan_targets)")
    outcome = failures(outcomes_by_name(built, reports, "marts"))["fct_plan_targets.document_id_in_dim_document"]
    assert outcome.severity == "blocking" and "deadbeef" in outcome.message


def test_a_target_without_an_indicator_mapping_is_fine(built, reports):
    execute(built, "UPDATE marts.fct_plan_targets SET indicator_id = NULL")
    assert failures(outcomes_by_name(built, reports, "marts")) == {}


def test_a_missing_contract_column_blocks_and_names_it(built, reports):
    execute(built, "ALTER TABLE marts.mart_target_progress DROP COLUMN gap")
    outcome = failures(outcomes_by_name(built, reports, "marts"))["mart_target_progress.contract_columns"]
    assert outcome.severity == "blocking" and "gap" in outcome.message


def test_a_missing_mart_blocks_with_what_to_run(built, reports):
    execute(built, "DROP TABLE marts.mart_data_gaps")
    outcome = failures(outcomes_by_name(built, reports, "marts"))["mart_data_gaps.present"]
    assert outcome.severity == "blocking" and "dbt" in outcome.message


def test_on_track_with_a_low_progress_ratio_blocks(built, reports):
    execute(built, "UPDATE marts.mart_target_progress SET status = 'on_track', status_zh = '进度正常', "
                   "progress_ratio = 0.4 WHERE target_id = (SELECT min(target_id) FROM marts.mart_target_progress)")
    outcome = failures(outcomes_by_name(built, reports, "marts"))["progress_status.status_matches_numbers"]
    assert outcome.severity == "blocking" and "0.4" in outcome.message


def test_not_assessable_without_a_reason_blocks(built, reports):
    execute(built, "UPDATE marts.mart_target_progress SET status = 'not_assessable', status_zh = '无法评估', "
                   "status_reason = NULL")
    assert "progress_status.status_matches_numbers" in failures(outcomes_by_name(built, reports, "marts"))


def test_a_chinese_status_label_that_disagrees_blocks(built, reports):
    execute(built, "UPDATE marts.mart_target_progress SET status_zh = '已达成' WHERE status = 'not_assessable'")
    assert "progress_status.status_matches_numbers" in failures(outcomes_by_name(built, reports, "marts"))


def test_a_target_without_its_source_quote_blocks(built, reports):
    execute(built, "UPDATE marts.mart_target_progress SET target_quote = '' WHERE target_id = "
                   "(SELECT min(target_id) FROM marts.mart_target_progress)")
    outcome = failures(outcomes_by_name(built, reports, "marts"))["mart_target_progress.target_quote_not_empty"]
    assert outcome.severity == "blocking"


def test_an_overdue_source_is_a_warning_naming_region_and_release(built, reports):
    execute(built, "UPDATE marts.mart_source_freshness SET is_overdue = true, days_overdue = 40 "
                   "WHERE region_name = '乙县'")
    failed = failures(outcomes_by_name(built, reports, "marts"))
    assert set(failed) == {"mart_source_freshness.not_overdue"}
    outcome = failed["mart_source_freshness.not_overdue"]
    assert outcome.severity == "warning"
    assert "乙县" in outcome.message and "统计公报" in outcome.message and "40" in outcome.message


def test_a_quarantined_file_is_a_warning_with_its_reason(warehouse, reports):
    load_docs(warehouse, [Doc("c_plan.txt", "丁区", "500104", targets=[("工业投资", "80", "亿元", 2026)])],
              "run-1")
    execute(warehouse, "INSERT INTO raw.quarantine VALUES ('run-1', 'broken.pdf', NULL, 'pdf_encrypted', "
                       "'the PDF is password-protected', TIMESTAMP '2025-03-01 08:00:00')")
    build_marts(warehouse)
    outcome = failures(outcomes_by_name(warehouse, reports, "marts"))["mart_quarantined_documents.none"]
    assert outcome.severity == "warning"
    assert "broken.pdf" in outcome.message and "password-protected" in outcome.message


def test_a_missing_chinese_status_reason_blocks(built, reports):
    execute(built, "ALTER TABLE marts.mart_target_progress DROP COLUMN status_reason_zh")
    outcome = failures(outcomes_by_name(built, reports, "marts"))["mart_target_progress.contract_columns"]
    assert outcome.severity == "blocking" and "status_reason_zh" in outcome.message


def test_a_target_missed_on_a_provisional_part_year_value_blocks(built, reports):
    execute(built, "UPDATE marts.mart_target_progress SET status = 'missed', status_zh = '未达成', "
                   "is_provisional = true WHERE target_id = (SELECT min(target_id) FROM marts.mart_target_progress "
                   "WHERE actual_id IS NOT NULL)")
    outcome = failures(outcomes_by_name(built, reports, "marts"))["progress_status.status_matches_numbers"]
    assert outcome.affected_rows == 1 and "provisional" in outcome.message


def test_a_provisional_status_that_is_not_missed_passes(built, reports):
    execute(built, "UPDATE marts.mart_target_progress SET is_provisional = true WHERE actual_id IS NOT NULL")
    assert "progress_status.status_matches_numbers" not in failures(outcomes_by_name(built, reports, "marts"))


def test_a_column_no_check_reads_is_in_the_frame_without_its_data(built):
    # the contract check still sees every column; only the columns checks read are converted to pandas
    with connect(built) as con:
        frame = marts.read_frames(con, "run-1")["fct_plan_targets"]
    assert "value_raw" in frame.columns and frame["value_raw"].isna().all()
    assert frame["quote"].notna().all() and frame["target_id"].notna().all()
