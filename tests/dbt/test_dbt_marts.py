"""The dbt project, built for real on a small invented warehouse: what the marts must say.

One warehouse (an invented district, years nobody's sample uses) is loaded with raw rows, the
project is copied to a temp directory (so an analyst's override can be added to its seeds without
touching the repository's), and `dbt build` runs once: seeds, models, data tests and unit tests.
Each test then asserts one behaviour on the marts.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
import yaml

from plantrack import overrides
from plantrack.warehouse import connect, insert_rows

ROOT = Path(__file__).resolve().parents[2]
DBT_DIR = ROOT / "dbt_project"
DBT = Path(sys.executable).parent / "dbt"
AS_OF = "2025-06-30"
SAMPLE_REGIONS = {"江津区", "綦江区", "黔江区"}

pytestmark = pytest.mark.integration


def _district() -> tuple[str, str]:
    """A district from the regions seed that the sample corpus does not use."""
    with open(DBT_DIR / "seeds" / "regions.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["level"] in ("district", "county") and row["name_zh"] not in SAMPLE_REGIONS:
                return row["region_code"], row["name_zh"]
    raise AssertionError("regions seed has no district")


CODE, NAME = _district()


def _doc(doc_id, source_file, doc_type, ingested_at, issued_on=None, start=None, end=None):
    return {
        "document_id": doc_id, "source_file": source_file, "format": "txt", "encoding": "utf-8",
        "size_bytes": 100, "title": f"{NAME}{doc_type}", "doc_type": doc_type, "issuer": f"{NAME}人民政府",
        "region_name": NAME, "region_code": CODE, "issued_on": issued_on, "plan_start_year": start,
        "plan_end_year": end, "metadata_reasons": "{}", "metadata_overridden": "[]", "text": "……",
        "extractor_version": "test", "ingested_at": ingested_at,
    }


def _target(tid, doc_id, text, kind, value, unit, year=2028, comparator="=", baseline_year=None,
            baseline_value=None, scope=None, parent=None, attribute=None, quote=None):
    return {
        "target_id": tid, "document_id": doc_id, "scope_name": scope or NAME, "scope_parent": parent,
        "indicator_text": text, "target_kind": kind, "comparator": comparator, "value_raw": str(value),
        "value_high_raw": None, "unit_raw": unit, "value": float(value), "value_high": None, "unit": unit,
        "target_year": year, "baseline_year": baseline_year, "baseline_value": baseline_value,
        "baseline_value_raw": None, "attribute": attribute, "quote": quote or f"到{year}年，{text}{value}{unit}",
        "char_start": 0, "char_end": 10, "section": None, "method": "prose", "confidence": 0.9,
        "confidence_reason": None, "other_quotes": "[]", "extractor_version": "test",
    }


def _actual(aid, doc_id, text, measure, value, unit, year=2024, label="全年", start=None, end=None, quote=None):
    return {
        "actual_id": aid, "document_id": doc_id, "scope_name": NAME, "scope_parent": None,
        "indicator_text": text, "measure": measure, "period_year": year, "period_label": label,
        "period_start": start, "period_end": end, "value_raw": str(value), "unit_raw": unit,
        "value": float(value), "unit": unit, "quote": quote or f"{year}年，{text}{value}{unit}", "char_start": 0,
        "char_end": 10, "section": None, "method": "prose", "confidence": 0.9, "confidence_reason": None,
        "extractor_version": "test",
    }


def _load(warehouse: Path) -> None:
    t0 = datetime(2025, 1, 10, 8, 0)
    t1 = datetime(2025, 3, 10, 8, 0)
    docs = [
        _doc("d_plan", "plan_2024-2028.txt", "plan", t0, date(2024, 3, 1), 2024, 2028),
        _doc("d_draft", "opinions_draft.txt", "opinions", t0, date(2023, 11, 1), 2024, 2028),
        _doc("d_review_v1", "review_2024.txt", "work_review", t0, date(2025, 1, 5)),
        _doc("d_review_v2", "review_2024.txt", "work_review", t1, date(2025, 2, 20)),
        _doc("d_bulletin_gone", "bulletin_2024.txt", "bulletin", t0, date(2025, 4, 1)),
    ]
    targets = [
        _target("t_output", "d_plan", "规上工业总产值", "level", 600, "亿元", baseline_year=2023, baseline_value=400),
        _target("t_revenue", "d_plan", "规模以上工业企业营业收入", "level", 900, "亿元"),
        _target("t_workshops", "d_plan", "新建数字化车间", "cumulative", 55, "个", comparator=">="),
        _target("t_green", "d_plan", "绿色工厂", "level", 20, "家"),
        _target("t_growth", "d_plan", "规上工业产值增速", "growth_rate", 8, "%"),
        _target("t_odd", "d_plan", "某某从未见过的指标", "level", 3, "个"),
        _target("t_5g", "d_plan", "5G基站", "level", 1000, "个"),
        _target("t_zjtx_a", "d_plan", "专精特新企业", "level", 100, "家"),
        _target("t_zjtx_b", "d_plan", "专精特新企业", "level", 120, "家"),
        _target("t_cluster", "d_plan", "东坪组团产值", "level", 200, "亿元", scope="东坪组团", parent=NAME),
        _target("t_draft_output", "d_draft", "规上工业总产值", "level", 650, "亿元"),
        # issue 14's rules: an indicator the catalog lacks, a growth known only for part of the year,
        # a count over a revenue floor against a banded class whose measure is unstated
        _target("t_unlisted", "d_plan", "加氢站", "level", 12, "座", baseline_year=2023, baseline_value=2),
        _target("t_va_growth", "d_plan", "规上工业增加值年均增长", "growth_rate", 7, "%"),
        _target("t_floor", "d_plan", "10亿元企业数量", "level", 60, "家",
                quote="到2028年，年营业收入超100亿级、50亿级、10亿元企业数量分别达到2家、8家和60家。"),
    ]
    actuals = [
        _actual("a_output_v1", "d_review_v1", "规模工业产值", "level", 430, "亿元"),
        _actual("a_output_v2", "d_review_v2", "规模工业产值", "level", 440, "亿元"),
        _actual("a_growth", "d_review_v2", "规模工业产值同比增长", "yoy_growth", 9, "%"),
        _actual("a_workshops", "d_review_v2", "建成数字化车间", "new_in_period", 8, "个"),
        _actual("a_green_total", "d_review_v2", "绿色工厂", "cumulative", 12, "家"),
        _actual("a_green_new", "d_review_v2", "新增市级绿色工厂", "new_in_period", 3, "家"),
        _actual("a_5g_gone", "d_bulletin_gone", "5G基站", "level", 800, "个"),
        _actual("a_unlisted", "d_review_v2", "全区加氢站", "level", 4, "座"),
        _actual("a_va_2024", "d_review_v2", "规上工业增加值增长", "yoy_growth", 7.5, "%"),
        _actual("a_va_h1", "d_review_v2", "规上工业增加值增长", "yoy_growth", 6.3, "%", year=2025, label="上半年",
                start=date(2025, 1, 1), end=date(2025, 6, 30)),
        _actual("a_band", "d_review_v2", "10亿级企业", "level", 45, "家", quote="培育10亿级企业45家、50亿级企业6家。"),
    ]
    with connect(warehouse) as con:
        insert_rows(con, "raw.documents", docs)
        insert_rows(con, "raw.targets", targets)
        insert_rows(con, "raw.actuals", actuals)
        # the review file was revised (v2 replaced v1); the bulletin file was removed
        insert_rows(con, "raw.current_sources", [
            {"source_file": "plan_2024-2028.txt", "document_id": "d_plan", "first_seen_at": t0},
            {"source_file": "opinions_draft.txt", "document_id": "d_draft", "first_seen_at": t0},
            {"source_file": "review_2024.txt", "document_id": "d_review_v2", "first_seen_at": t1},
        ])
        insert_rows(con, "raw.quarantine", [{
            "run_id": "r1", "source_file": "broken.pdf", "document_id": None, "error_code": "unreadable_pdf",
            "reason": "the PDF has no text layer", "quarantined_at": t1,
        }])


def _project_copy(dest: Path) -> Path:
    project = dest / "dbt_project"
    shutil.copytree(DBT_DIR, project, ignore=shutil.ignore_patterns("target", "logs", "dbt_packages", ".user.yml"))
    overrides_file = project / "seeds" / "target_overrides.csv"  # an old overrides file, as one may still have
    new = not overrides_file.exists()
    with open(overrides_file, "a", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        if new:
            w.writerow(overrides.TARGET.header)
        w.writerow(["t_5g", "reject", "", "", "王分析师", "基站数不是工业指标", "2025-05-01 09:00:00"])
        w.writerow(["t_workshops", "correct", "value", "50", "王分析师", "原文为50个", "2025-05-01 09:00:00"])
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[duckdb.DuckDBPyConnection, subprocess.CompletedProcess, Path]:
    tmp = tmp_path_factory.mktemp("dbt")
    warehouse = tmp / "warehouse.duckdb"
    _load(warehouse)
    project = _project_copy(tmp)
    with connect(warehouse) as con:  # what the nightly run does with the overrides files
        overrides.load(con, overrides.check_all(project / "seeds"))
    env = {**os.environ, "PLANTRACK_WAREHOUSE": str(warehouse), "DBT_PROFILES_DIR": str(project),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    proc = subprocess.run(
        [str(DBT), "build", "--vars", json.dumps({"as_of_date": AS_OF})],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
    con = duckdb.connect(str(warehouse), read_only=True)
    yield con, proc, project
    con.close()


def _progress(con, target_id: str) -> dict:
    cur = con.execute("select * from marts.mart_target_progress where target_id = ?", [target_id])
    cols = [c[0] for c in cur.description]
    row = cur.fetchone()
    assert row is not None, f"{target_id} missing from mart_target_progress"
    return dict(zip(cols, row, strict=True))


def test_dbt_build_passes_every_model_data_test_and_unit_test(built):
    _, proc, project = built
    assert proc.returncode == 0, proc.stdout[-4000:]
    results = json.loads((project / "target" / "run_results.json").read_text())["results"]
    unit = [r for r in results if r["unique_id"].startswith("unit_test.")]
    assert len(unit) >= 8
    assert {r["status"] for r in unit} == {"pass"}


def test_monetary_level_target_is_on_track_on_the_geometric_path(built):
    con, _, _ = built
    p = _progress(con, "t_output")
    # B = 400 (2023), T = 600 (2028), A = 440 (2024): E = 400 * 1.5 ** (1/5) = 433.79, R = 40 / 33.79 = 1.18
    assert p["status"] == "on_track"
    assert p["expected_value"] == pytest.approx(400 * 1.5 ** 0.2)
    assert p["progress_ratio"] == pytest.approx(40 / (400 * 1.5 ** 0.2 - 400))
    assert p["baseline_source"] == "plan"


def test_revenue_target_is_not_judged_against_output(built):
    con, _, _ = built
    p = _progress(con, "t_revenue")
    assert p["status"] == "not_assessable"
    assert p["actual_value"] is None
    assert "incompatible measure" in p["status_reason"]
    gap = con.execute("select reason_code from marts.mart_data_gaps where target_id = 't_revenue'").fetchone()
    assert gap == ("incompatible_measure",)


def test_cumulative_target_uses_additions_since_the_year_before_the_plan(built):
    con, _, _ = built
    p = _progress(con, "t_workshops")
    # corrected T = 50, Y0 = 2023, A = 8 added in 2024: E = 50 * 1/5 = 10, R = 0.8
    assert p["target_value"] == 50
    assert p["baseline_year"] == 2023
    assert p["expected_value"] == pytest.approx(10)
    assert p["progress_ratio"] == pytest.approx(0.8)
    assert p["status"] == "needs_acceleration"


def test_baseline_comes_from_the_warehouse_when_the_plan_states_none(built):
    con, _, _ = built
    p = _progress(con, "t_green")
    # stock 12 in 2024 minus 3 added in 2024 -> 9 in 2023; E = 9 + 11/5 = 11.2, R = 3 / 2.2
    assert p["baseline_source"] == "warehouse_actual"
    assert p["baseline_value"] == pytest.approx(9)
    assert p["progress_ratio"] == pytest.approx(3 / 2.2)
    assert p["status"] == "on_track"


def test_growth_rate_target_is_judged_on_the_years_own_growth(built):
    con, _, _ = built
    p = _progress(con, "t_growth")
    assert (p["status"], p["actual_value"], p["actual_year"]) == ("achieved", 9, 2024)


def test_unmapped_indicator_keeps_its_row_and_is_listed_for_review(built):
    con, _, _ = built
    assert con.execute("select indicator_id from marts.fct_plan_targets where target_id = 't_odd'").fetchone() == (None,)
    assert con.execute("select reason_code from marts.mart_data_gaps where target_id = 't_odd'").fetchone() == (
        "unmapped_indicator",)
    texts = {r[0] for r in con.execute("select indicator_text from marts.mart_unmapped_indicators").fetchall()}
    assert "某某从未见过的指标" in texts


def test_rejection_override_is_visible_and_is_not_a_gap(built):
    con, _, _ = built
    row = con.execute(
        "select override_action, override_by, override_reason from marts.fct_plan_targets where target_id = 't_5g'"
    ).fetchone()
    assert row == ("reject", "王分析师", "基站数不是工业指标")
    assert _progress(con, "t_5g")["status"] == "not_assessable"
    assert con.execute("select count(*) from marts.mart_data_gaps where target_id = 't_5g'").fetchone() == (0,)


def test_correction_override_replaces_the_value_and_says_who(built):
    con, _, _ = built
    row = con.execute(
        "select value, value_raw, override_action, override_by from marts.fct_plan_targets where target_id = 't_workshops'"
    ).fetchone()
    assert row == (50, "55", "correct", "王分析师")


def test_conflicting_targets_within_a_document_are_paired_with_both_quotes(built):
    con, _, _ = built
    rows = con.execute(
        "select value_a, value_b, quote_a, quote_b, difference from marts.mart_target_conflicts"
        " where conflict_scope = 'within_document' and indicator_id = 'zjtx_enterprises'"
    ).fetchall()
    assert len(rows) == 1
    value_a, value_b, quote_a, quote_b, difference = rows[0]
    assert {value_a, value_b} == {100, 120}
    assert quote_a and quote_b
    assert abs(difference) == 20


def test_a_draft_and_the_final_plan_disagreeing_is_a_cross_document_conflict(built):
    con, _, _ = built
    rows = con.execute(
        "select source_file_a, source_file_b from marts.mart_target_conflicts"
        " where conflict_scope = 'across_documents' and indicator_id = 'industrial_output_above_scale'"
    ).fetchall()
    assert len(rows) == 1
    assert set(rows[0]) == {"plan_2024-2028.txt", "opinions_draft.txt"}


def test_a_revised_release_wins_and_the_old_value_stays_in_history(built):
    con, _, _ = built
    latest = con.execute(
        "select value, vintage from marts.fct_indicator_actuals where indicator_id = 'industrial_output_above_scale'"
    ).fetchall()
    assert latest == [(440, 2)]
    history = con.execute(
        "select value, is_latest from marts.fct_indicator_actuals_history"
        " where indicator_id = 'industrial_output_above_scale' order by vintage"
    ).fetchall()
    assert history == [(430, False), (440, True)]


def test_a_removed_document_is_withdrawn_from_marts_but_kept_in_history(built):
    con, _, _ = built
    assert con.execute("select count(*) from marts.fct_indicator_actuals where actual_id = 'a_5g_gone'").fetchone() == (0,)
    assert con.execute(
        "select is_latest from marts.fct_indicator_actuals_history where actual_id = 'a_5g_gone'"
    ).fetchone() == (False,)
    assert con.execute(
        "select is_current from marts.dim_document where document_id = 'd_bulletin_gone'"
    ).fetchone() == (False,)


def test_a_sub_area_becomes_a_region_under_its_parent(built):
    con, _, _ = built
    region = con.execute("select region_code from marts.fct_plan_targets where target_id = 't_cluster'").fetchone()[0]
    assert con.execute(
        "select name_zh, level, parent_code from marts.dim_region where region_code = ?", [region]
    ).fetchone() == ("东坪组团", "subarea", CODE)


def test_freshness_says_the_bulletin_is_overdue_once_its_document_is_gone(built):
    con, _, _ = built
    rows = dict(con.execute(
        "select release_type, is_overdue from marts.mart_source_freshness where region_code = ?", [CODE]
    ).fetchall())
    # the 2024 bulletin was due 2025-04-30 and its file was removed; the 2024 review arrived in time
    assert rows["bulletin"] is True
    assert rows["work_review"] is False


def test_quarantined_file_is_listed_while_it_keeps_failing(built):
    con, _, _ = built
    assert con.execute("select source_file, error_code from marts.mart_quarantined_documents").fetchall() == [
        ("broken.pdf", "unreadable_pdf")]


def test_every_status_reason_is_also_written_in_chinese(built):
    con, _, _ = built
    rows = con.execute("select target_id, status_reason, status_reason_zh from marts.mart_target_progress").fetchall()
    assert rows
    for target_id, reason, reason_zh in rows:
        assert reason and reason_zh, target_id
        assert any("\u4e00" <= ch <= "\u9fff" for ch in reason_zh), (target_id, reason_zh)
    gap = con.execute("select reason_zh from marts.mart_data_gaps where target_id = 't_revenue'").fetchone()
    assert gap is not None and "统计口径不可比" in gap[0]


def test_a_threshold_changed_in_the_method_var_changes_the_status(built, tmp_path):
    """The ratio bands are read from var progress_method, not written into the SQL: lowering
    on_track's threshold below t_workshops' R = 0.8 turns it on_track."""
    _, _, project = built
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(project.parent / "warehouse.duckdb", warehouse)
    method = yaml.safe_load((project / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]["progress_method"]
    method["ratio_bands"][0]["from"] = 0.75
    env = {**os.environ, "PLANTRACK_WAREHOUSE": str(warehouse), "DBT_PROFILES_DIR": str(project),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    proc = subprocess.run(
        [str(DBT), "run", "--select", "int_target_progress", "mart_target_progress", "--target-path",
         str(tmp_path / "target"), "--vars", json.dumps({"as_of_date": AS_OF, "progress_method": method})],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-4000:]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        p = _progress(con, "t_workshops")
    assert p["progress_ratio"] == pytest.approx(0.8)
    assert p["status"] == "on_track"


def test_an_indicator_the_catalog_lacks_is_judged_on_its_core_with_lower_confidence(built):
    con, _, _ = built
    p = _progress(con, "t_unlisted")
    # 加氢站 is in no catalog; 全区加氢站 has the same core. B = 2 (2023), T = 12 (2028), A = 4 (2024):
    # E = 2 + 10/5 = 4, R = 1
    assert p["indicator_id"] is None
    assert (p["match_method"], p["match_confidence"]) == ("same_core", pytest.approx(0.6))
    assert p["progress_ratio"] == pytest.approx(1.0)
    assert p["status"] == "on_track"
    assert "not in the catalog" in p["status_reason"] and "尚未收入指标目录" in p["status_reason_zh"]


def test_a_part_year_growth_is_shown_so_far_this_year_and_provisional(built):
    con, _, _ = built
    p = _progress(con, "t_va_growth")
    # 2025 上半年 6.3 % is later than 2024's full 7.5 %: R = 6.3 / 7 = 0.9, provisional
    assert (p["actual_year"], p["actual_value"], p["is_provisional"]) == (2025, pytest.approx(6.3), True)
    assert p["status"] == "needs_acceleration"
    assert "so far this year (上半年): provisional" in p["status_reason"]
    assert "今年以来（上半年）：初步" in p["status_reason_zh"]


def test_a_banded_class_with_no_stated_measure_never_judges_a_revenue_floor(built):
    con, _, _ = built
    p = _progress(con, "t_floor")
    assert p["status"] == "not_assessable" and p["actual_value"] is None
    assert "size class" in p["status_reason"]
    pair = con.execute(
        "select issue_rule from intermediate.int_target_actual_pairs where target_id = 't_floor' and actual_id = 'a_band'"
    ).fetchone()
    assert pair == ("size_class",)


def _test_on_broken_copy(built, tmp_path, test_name: str, breakage: str) -> tuple[Path, list[dict]]:
    """Run one data test on a copy of the built warehouse after `breakage` (SQL) changed its rows;
    return the copy and the failures dbt recorded."""
    from orchestration.retry import dbt_failures

    _, _, project = built
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(project.parent / "warehouse.duckdb", warehouse)
    with duckdb.connect(str(warehouse)) as con:
        con.execute(breakage)
    env = {**os.environ, "PLANTRACK_WAREHOUSE": str(warehouse), "DBT_PROFILES_DIR": str(project),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    target = tmp_path / "target"
    subprocess.run([str(DBT), "test", "--select", test_name, "--target-path", str(target),
                    "--vars", json.dumps({"as_of_date": AS_OF})],
                   cwd=project, env=env, capture_output=True, text=True, timeout=600)
    return warehouse, dbt_failures(target)


def test_a_model_has_one_data_test_for_all_its_column_rules(built):
    """Per-column not_null / unique / accepted_values / relationships tests are one node per model:
    a dbt node costs ~0.1 s whatever the table, and 324 of them were most of a build with nothing to do."""
    _, _, project = built
    results = json.loads((project / "target" / "run_results.json").read_text())["results"]
    names = [r["unique_id"].split(".")[2] for r in results if r["unique_id"].startswith("test.")]
    assert "fct_plan_targets_columns_valid" in names
    per_column = [n for n in names if n.startswith(("not_null_", "unique_", "accepted_values_", "relationships_"))]
    # only warnings stay on their own (a test's severity is the whole test's)
    assert all(n.startswith("not_null_") and n.endswith("_region_code") for n in per_column), per_column


def test_a_row_breaking_a_column_rule_fails_with_its_whole_row_and_holds_back_its_document(built, tmp_path):
    from orchestration.retry import documents_behind_failed_tests

    warehouse, failures = _test_on_broken_copy(
        built, tmp_path, "fct_plan_targets_columns_valid",
        "update marts.fct_plan_targets set indicator_text = null where target_id = 't_output'")
    assert [f["status"] for f in failures] == ["fail"]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cur = con.execute(failures[0]["compiled_code"])
        rows = [dict(zip([c[0] for c in cur.description], r, strict=True)) for r in cur.fetchall()]
    assert [(r["target_id"], r["document_id"], r["failed_rules"]) for r in rows] == \
        [("t_output", "d_plan", "indicator_text is null")]
    held = documents_behind_failed_tests(warehouse, failures)
    assert list(held) == ["d_plan"] and "fct_plan_targets_columns_valid" in held["d_plan"]


def test_each_kind_of_column_rule_is_checked_and_named(built, tmp_path):
    warehouse, failures = _test_on_broken_copy(built, tmp_path, "fct_plan_targets_columns_valid", """
        update marts.fct_plan_targets set target_kind = 'sideways' where target_id = 't_growth';
        update marts.fct_plan_targets set indicator_id = 'no_such_indicator' where target_id = 't_green';
        update marts.fct_plan_targets set target_id = 't_zjtx_a' where target_id = 't_zjtx_b';
        update marts.fct_plan_targets set comparator = null, attribute = 'sort_of' where target_id = 't_odd';
    """)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rules = dict(con.execute(f"select target_id, string_agg(failed_rules, '; ') from "
                                 f"({failures[0]['compiled_code']}) group by target_id").fetchall())
    assert rules == {
        "t_growth": "target_kind not accepted",
        "t_green": "indicator_id not in dim_indicator.indicator_id",
        "t_zjtx_a": "target_id not unique; target_id not unique",
        "t_odd": "comparator is null, attribute not accepted",
    }
