"""Corrections through the real command and real refreshes: a small corpus (a plan whose goal sentence names
no year, a bulletin), four refreshes shared by every test here (base -> corrected -> a later extractor ->
a new version of the plan), each on its own copy of the data directory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import duckdb
import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT, run_plantrack

pytestmark = pytest.mark.integration

PLAN = """江津区制造业高质量发展行动计划

江津区人民政府
2021年3月1日

一、发展基础
2020年，全区规模以上工业总产值达到1000亿元。

二、主要目标
全区规模以上工业总产值达到1500亿元，培育智能工厂20个。
"""
# the same plan, its goal sentence rewritten (as many goals, so no blocking check sees rows vanish): the
# corrected quote is in no current version any more
PLAN_V2 = PLAN.replace("全区规模以上工业总产值达到1500亿元，培育智能工厂20个。",
                       "全区规模以上工业营业收入达到1600亿元，培育智能工厂25个。")
BULLETIN = """江津区2023年国民经济和社会发展统计公报

江津区统计局
2024年3月20日

2023年，全区规模以上工业总产值1400亿元，比上年增长8.0%。
"""
GOAL = "规模以上工业总产值"
AS_OF = {"PLANTRACK_AS_OF_DATE": "2024-06-30"}

# A later extractor, simulated honestly: the real one, then every target's year read as 2030, under
# another extractor version (so every document is extracted again), in the child process that refreshes.
LATER_EXTRACTOR = """
import dataclasses, sys
import orchestration.assets as assets
import plantrack.extract as extract
import plantrack.ingest as ingest
import plantrack.model as model

real = extract.extract_statements

def later_extractor(doc):
    st = real(doc)
    return model.Statements([dataclasses.replace(t, target_year=2030) for t in st.targets], st.actuals)

ingest.extract_statements = later_extractor
model.EXTRACTOR_VERSION = ingest.EXTRACTOR_VERSION = assets.EXTRACTOR_VERSION = "a-later-extractor"
from plantrack.cli import app
app(sys.argv[1:])
"""


def _rows(data_dir, sql: str, params=()):
    con = duckdb.connect(str(data_dir / "serving" / "plantrack.duckdb"), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def _copy(src, tmp_path_factory, name):
    dest = tmp_path_factory.mktemp(name) / "data"
    shutil.copytree(src, dest)
    return dest


def _ok(result):
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return result


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    sources = tmp_path_factory.mktemp("corrections-sources")
    (sources / "plan.txt").write_text(PLAN, encoding="utf-8")
    (sources / "bulletin.txt").write_text(BULLETIN, encoding="utf-8")
    return sources


@pytest.fixture(scope="module")
def base(corpus, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("corrections-base") / "data"
    _ok(run_plantrack("refresh", data_dir=data_dir, sources=corpus, env=AS_OF, timeout=1200))
    return data_dir


def _goal(data_dir):
    rows = _rows(data_dir, "SELECT target_id, target_year, status, is_corrected, corrected_zh FROM "
                           "marts.mart_target_progress WHERE indicator_text = ?", [GOAL])
    assert len(rows) == 1, rows
    return rows[0]


@pytest.fixture(scope="module")
def spreadsheet(base, corpus, tmp_path_factory):
    """The review list exported, answered (one good row, one bad row), imported; then the bad row fixed."""
    data_dir = _copy(base, tmp_path_factory, "corrections-sheet")
    sheet = data_dir.parent / "review.xlsx"
    exported = _ok(run_plantrack("review", "export", str(sheet), data_dir=data_dir, sources=corpus, env=AS_OF))
    wb = load_workbook(sheet)
    ws = wb.active
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in header}
    goal_id = _goal(base)[0]
    read = {r: ws.cell(r, col["what_it_read"]).value or "" for r in range(2, ws.max_row + 1)}
    # the other goal of the sentence is excluded; a typo on the goal's own row is refused
    (good,) = [r for r, what in read.items() if "智能工厂" in what]
    (bad,) = [r for r, what in read.items() if GOAL in what]
    ws.cell(good, col["field"]).value = "exclude"
    ws.cell(good, col["answer"]).value = "yes"
    ws.cell(good, col["by"]).value = "李分析师"
    ws.cell(good, col["why"]).value = "不是本区指标"
    ws.cell(bad, col["field"]).value = "year"
    ws.cell(bad, col["answer"]).value = "20x5"
    ws.cell(bad, col["why"]).value = "typo"
    wb.save(sheet)
    refused = run_plantrack("review", "import", str(sheet), "--by", "李分析师", data_dir=data_dir, sources=corpus,
                            env=AS_OF)
    log_after_refusal = (data_dir / "corrections" / "corrections.jsonl").exists()
    ws.cell(bad, col["field"]).value = None
    ws.cell(bad, col["answer"]).value = None
    wb.save(sheet)
    imported = _ok(run_plantrack("review", "import", str(sheet), data_dir=data_dir, sources=corpus, env=AS_OF))
    return {"data_dir": data_dir, "exported": exported, "refused": refused, "bad_row": bad, "good_row": good,
            "excluded_item": ws.cell(good, col["item_id"]).value, "log_after_refusal": log_after_refusal,
            "imported": imported, "goal_id": goal_id}


@pytest.fixture(scope="module")
def corrected(spreadsheet, corpus):
    """The goal's year corrected with `plantrack correct --refresh` (the spreadsheet's answer rides along)."""
    data_dir = spreadsheet["data_dir"]
    result = _ok(run_plantrack("correct", spreadsheet["goal_id"], "--year", "2025", "--by", "王分析师", "--why",
                               "规划期至2025年", "--refresh", data_dir=data_dir, sources=corpus, env=AS_OF,
                               timeout=1200))
    return data_dir, result


@pytest.fixture(scope="module")
def later_extractor(corrected, corpus, tmp_path_factory):
    data_dir = _copy(corrected[0], tmp_path_factory, "corrections-later")
    env = {**os.environ, **AS_OF}
    result = subprocess.run([sys.executable, "-c", LATER_EXTRACTOR, "refresh", "--sources", str(corpus),
                             "--data-dir", str(data_dir)], capture_output=True, text=True, env=env, cwd=ROOT,
                            timeout=1200)
    return data_dir, _ok(result)


@pytest.fixture(scope="module")
def new_version(corrected, corpus, tmp_path_factory):
    data_dir = _copy(corrected[0], tmp_path_factory, "corrections-v2")
    sources = tmp_path_factory.mktemp("corrections-sources-v2")
    shutil.copytree(corpus, sources, dirs_exist_ok=True)
    (sources / "plan.txt").write_text(PLAN_V2, encoding="utf-8")
    _ok(run_plantrack("refresh", data_dir=data_dir, sources=sources, env=AS_OF, timeout=1200))
    listed = _ok(run_plantrack("review", data_dir=data_dir, sources=sources, env=AS_OF))
    return data_dir, listed


def test_the_goal_without_a_year_is_first_read_with_the_issue_year(base):
    _, year, status, corrected_, _ = _goal(base)
    assert year == 2021 and status == "not_assessable" and not corrected_


def test_the_review_list_says_the_year_came_from_the_issue_date_and_what_settling_it_unlocks(base):
    rows = _rows(base, "SELECT reason_en, judgements_unlocked FROM marts.mart_review_queue "
                       "WHERE what_it_read LIKE ?", [f"%{GOAL}%"])
    assert rows == [("year from the issue date", 1)]


def test_a_corrected_year_is_applied_and_the_target_judged_against_it(corrected, base):
    data_dir, _ = corrected
    target_id, year, status, is_corrected, mark = _goal(data_dir)
    assert year == 2025 and is_corrected and "year" in mark
    assert status not in ("not_assessable", "missed"), status
    assert status != _goal(base)[2]


def test_the_refresh_a_correction_runs_reads_no_document_again(corrected):
    _, result = corrected
    assert "documents read: 0" in result.stdout and "extracted again" not in result.stdout


def test_the_history_says_who_when_why_and_before_and_after(corrected):
    data_dir, _ = corrected
    rows = _rows(data_dir, "SELECT corrected_by, why, field, before, after, status, corrected_at IS NOT NULL "
                           "FROM marts.mart_corrections WHERE field = 'year'")
    assert rows == [("王分析师", "规划期至2025年", "year", "2021", "2025", "applied", True)]


def test_corrections_live_in_the_data_directory_not_in_the_code(corrected):
    data_dir, _ = corrected
    lines = (data_dir / "corrections" / "corrections.jsonl").read_text(encoding="utf-8").splitlines()
    year = [json.loads(line) for line in lines if json.loads(line)["field"] == "year"]
    assert year and year[0]["quote"] in PLAN and year[0]["value_raw"] == "1500"
    assert not list((ROOT / "dbt_project" / "seeds").glob("*overrides*.csv"))


def test_a_later_extractor_reading_another_year_keeps_the_correction(later_extractor, corrected):
    data_dir, _ = later_extractor
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        raw_year = con.execute("SELECT target_year FROM raw.targets WHERE indicator_text = ?", [GOAL]).fetchall()
    finally:
        con.close()
    assert raw_year == [(2030,)]  # what the later extractor reads
    target_id, year, _, is_corrected, _ = _goal(data_dir)
    assert target_id != _goal(corrected[0])[0]  # another reading, another id
    assert year == 2025 and is_corrected
    assert _rows(data_dir, "SELECT status, applied_statement_id FROM marts.mart_corrections WHERE field = 'year'") \
        == [("applied", target_id)]


def test_a_correction_whose_quote_a_new_version_removed_is_listed_as_orphaned(new_version):
    data_dir, listed = new_version
    rows = _rows(data_dir, "SELECT status, orphaned_reason, corrected_by FROM marts.mart_corrections "
                           "WHERE field = 'year'")
    assert rows == [("orphaned", "the quote is in no current version of the document", "王分析师")]
    assert "orphaned" in listed.stdout and "王分析师" in listed.stdout


def test_a_spreadsheet_with_a_bad_row_is_refused_with_its_row_number_and_applies_nothing(spreadsheet):
    refused = spreadsheet["refused"]
    assert refused.returncode == 2
    assert f"row {spreadsheet['bad_row']}:" in refused.stderr and "20x5" in refused.stderr
    assert "nothing applied" in refused.stderr
    assert not spreadsheet["log_after_refusal"]


def test_a_spreadsheet_answer_is_applied_by_the_next_refresh(spreadsheet, corrected):
    data_dir, _ = corrected
    assert "applied 1 corrections" in spreadsheet["imported"].stdout
    rows = _rows(data_dir, "SELECT field, after, corrected_by, why, status FROM marts.mart_corrections "
                           "WHERE field = 'exclude'")
    assert rows == [("exclude", "true", "李分析师", "不是本区指标", "applied")]
    assert _rows(data_dir, "SELECT count(*) FROM marts.mart_review_queue WHERE item_id = ?",
                 [spreadsheet["excluded_item"]]) == [(0,)]


def test_the_review_list_ranks_items_with_reasons_in_both_languages(base):
    rows = _rows(base, "SELECT review_rank, reason_zh, reason_en, quote, judgements_unlocked "
                       "FROM marts.mart_review_queue ORDER BY review_rank")
    assert rows and [r[0] for r in rows] == list(range(1, len(rows) + 1))
    assert all(r[1] and r[2] for r in rows)
    assert [r[4] for r in rows] == sorted((r[4] for r in rows), reverse=True)
