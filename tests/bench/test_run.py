"""The benchmark runner: figures, goals, the dashboard SQL, and a tiny end-to-end smoke run."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from plantrack.bench import run, superset_sql
from plantrack.bench.report import render_table


def test_a_figure_is_the_median_with_min_and_max():
    assert run.stat([3.0, 1.0, 2.0]) == {"median": 2.0, "min": 1.0, "max": 3.0, "runs": [3.0, 1.0, 2.0]}


def test_a_figure_never_measured_is_none():
    assert run.stat([])["median"] is None


def test_p95_is_the_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert run.percentile(values, 50) == 50.0
    assert run.percentile(values, 95) == 95.0
    assert run.percentile([7.0], 95) == 7.0


def test_goals_compare_each_measured_figure_and_leave_the_rest_unjudged():
    goals = run.goal_report({"extraction": {"mb_per_s": {"median": 6.0}},
                             "noop_refresh": {"wall_s": {"median": 9.0}}})
    assert goals["extraction_mb_per_s_per_core"]["met"] is True
    assert goals["noop_refresh_s"]["met"] is False
    assert goals["dashboard_p95_ms"]["met"] is None


def _dataset(**kw) -> superset_sql.Dataset:
    return superset_sql.Dataset(uuid="u", source="t", metrics={"count": "COUNT(*)", "share": "AVG(x)"},
                                columns=("region", "status", "x"), **kw)


def test_a_grouped_chart_becomes_a_group_by_with_its_metrics_and_limit():
    sql = superset_sql.chart_sql({"x_axis": "region", "groupby": ["status"], "metrics": ["count"],
                                  "row_limit": 50}, _dataset())
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES ('a', 'ok', 1), ('a', 'bad', 2), ('b', 'ok', 3)) v(region, status, x)")
    assert sorted(con.execute(sql).fetchall()) == [("a", "bad", 1), ("a", "ok", 1), ("b", "ok", 1)]
    assert sql.endswith("LIMIT 50")


def test_a_raw_table_chart_selects_its_columns_in_its_order_under_the_dashboard_filter():
    sql = superset_sql.chart_sql({"query_mode": "raw", "all_columns": ["region", "x"],
                                  "order_by_cols": ['["x", false]'], "row_limit": 10}, _dataset(),
                                 extra_where="\"region\" = 'a'")
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES ('a', 1), ('a', 2), ('b', 3)) v(region, x)")
    assert con.execute(sql).fetchall() == [("a", 2), ("a", 1)]


def test_sql_metrics_and_adhoc_sql_filters_are_used_as_written():
    sql = superset_sql.chart_sql({"metric": {"expressionType": "SQL", "sqlExpression": "MAX(x)"},
                                  "adhoc_filters": [{"expressionType": "SQL", "sqlExpression": "x < 3"}]},
                                 _dataset())
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES (1), (2), (3)) v(x)")
    assert con.execute(sql).fetchall() == [(2,)]


def test_a_filter_value_list_follows_the_filters_sort_metric_and_direction():
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES ('a', 1), ('b', 2), ('b', 3), ('c', NULL)) v(region, x)")
    by_metric = superset_sql.filter_values_sql({"sortMetric": "count", "controlValues": {"sortAscending": False}},
                                               _dataset(), "region")
    assert con.execute(by_metric).fetchall()[0] == ("b", 2)
    by_value = superset_sql.filter_values_sql({"controlValues": {"sortAscending": False}}, _dataset(), "region")
    assert [r[0] for r in con.execute(by_value).fetchall()] == ["c", "b", "a"]
    assert "LIMIT 1000" in by_value


@pytest.mark.timeout(1800)
def test_a_tiny_benchmark_measures_every_figure(tmp_path):
    out = tmp_path / "results.json"
    results = run.run_benchmark(out, sizes=(3,), runs=1, quick=True, dashboard_scale=(20, 10, 5),
                                extraction_documents=3, judgement_documents=4, work_dir=tmp_path / "work")
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["meta"]["sizes"] == [3]
    assert saved["extraction"]["mb_per_s"]["median"] > 0
    assert saved["accuracy"]["targets"]["gold"] >= 0
    assert saved["judgement"]["refresh_success"] is True and saved["judgement"]["documents"] == 4
    assert saved["full_refresh_3"]["runs"] == 1 and saved["full_refresh_3"]["wall_s"]["median"] > 0
    assert saved["full_refresh_3"]["peak_rss_mb"]["max"] > 0
    assert saved["noop_refresh"]["wall_s"]["median"] > 0
    assert saved["add_one_refresh"]["pct_of_full_wall"] is not None
    assert saved["dbt_build_unchanged"]["wall_s"]["median"] > 0
    assert saved["add_one_refresh"]["over_dbt_build_unchanged"] > 0
    assert saved["dashboard"]["nearest_actuals"]["queries"] > 0
    assert saved["sample_vs_dbt"]["ratio_wall"]["median"] > 0
    assert saved["dashboard"]["build"]["raw"]["actuals"] == 20 * 10 * 5
    assert saved["dashboard"]["queries"] > 0 and saved["dashboard"]["p95_ms"] is not None
    assert saved["dashboard"]["errors"] == []
    assert set(saved["goals"]) == set(run.GOALS)
    assert "full refresh, 3 docs" in render_table(results)


def test_a_refresh_that_fails_stops_the_benchmark_instead_of_giving_a_figure(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "run_monitored", lambda *a, **k: {"wall_s": 1.0, "peak_rss_mb": 1.0, "returncode": 1})
    log = tmp_path / "refresh.log"
    log.write_text("refresh FAILED in 1.0 s\nwhy: a blocking check failed\n", encoding="utf-8")
    with pytest.raises(run.BenchFailure, match="a blocking check failed"):
        run.refresh_once(tmp_path / "sources", tmp_path / "data", log)


@pytest.mark.timeout(1800)
def test_every_refresh_of_a_generated_corpus_publishes(tmp_path):
    """Full, no-op and add-one refreshes of a generated corpus (several regions, every format) as
    `make bench` runs them: each must publish, or the benchmark fails."""
    out = tmp_path / "results.json"
    run.run_benchmark(out, sizes=(40,), runs=1, steps=("refresh",), work_dir=tmp_path / "work")
    saved = json.loads(out.read_text(encoding="utf-8"))
    for key in ("full_refresh_40", "noop_refresh", "add_one_refresh"):
        assert saved[key]["succeeded"] == saved[key]["runs"] == 1, saved[key]["failures"]
    serving = tmp_path / "work" / "data-40" / "serving" / "plantrack.duckdb"
    with duckdb.connect(str(serving), read_only=True) as con:
        current = {r[0] for r in con.execute("SELECT source_file FROM marts.dim_document WHERE is_current").fetchall()}
    assert saved["add_one_refresh"]["detail"][0]["added"] in current and len(current) >= 30


def test_merging_a_rerun_step_keeps_the_other_figures(tmp_path):
    out = tmp_path / "results.json"
    fig = {"median": 0.5, "min": 0.4, "max": 0.6, "runs": [0.4, 0.5, 0.6]}
    noop = {"documents": 5, "wall_s": fig, "job_s": fig}
    out.write_text(json.dumps({"meta": {"parts": [{"steps": ["refresh"]}]}, "noop_refresh": noop}))
    run.run_benchmark(out, runs=1, quick=True, extraction_documents=2, steps=("extraction",),
                      work_dir=tmp_path / "work", merge=True)
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["noop_refresh"] == noop
    assert saved["extraction"]["mb_per_s"]["median"] > 0
    assert saved["extraction"]["cpu_mb_per_s"]["median"] >= saved["extraction"]["mb_per_s"]["median"] * 0.9
    assert [p["steps"] for p in saved["meta"]["parts"]] == [["refresh"], ["extraction"]]
    assert saved["goals"]["noop_refresh_s"]["met"] is True


def _truth(status: str, should: bool, file: str = "p.txt", value: str = "10") -> dict:
    return {"source_file": file, "indicator_text": "地区生产总值", "target_year": "2025", "target_value": value,
            "unit": "亿元", "should_judge": str(should), "status": status, "reason_code": "" if should else "x"}


def _mart(status: str, file: str = "p.txt", value: float = 10.0) -> dict:
    return {"source_file": file, "indicator_text": "全区地区生产总值", "target_value": value, "unit": "亿元",
            "target_year": 2025, "status": status, "actual_source_file": "r.txt"}


def test_a_mart_target_meets_its_truth_by_document_year_and_value():
    truth = [_truth("on_track", True), _truth("achieved", True, value="20")]
    pairs = run.match_judgements(truth, [_mart("achieved", value=20.0), _mart("on_track", file="other.txt")])
    assert pairs[0][1] is None
    assert pairs[1][1]["status"] == "achieved"


def test_judgements_are_scored_when_they_should_be_and_when_they_should_not():
    pairs = [(_truth("on_track", True), _mart("on_track")), (_truth("missed", True), _mart("achieved")),
             (_truth("achieved", True), _mart("not_assessable")),
             (_truth("not_assessable", False), _mart("on_track")),
             (_truth("not_assessable", False), _mart("not_assessable")), (_truth("on_track", True), None)]
    score = run.score_judgements(pairs)
    assert (score["targets"], score["found_by_extractor"]) == (6, 5)
    assert score["judged_when_should"] == round(2 / 3, 4)
    assert score["not_judged_when_should_not"] == 0.5
    assert score["status_agreement"] == 0.5
    assert score["share_judged"] == 0.6


def test_an_unknown_step_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="unknown benchmark step.*dashbord.*extraction"):
        run.run_benchmark(Path("unused.json"), steps=("dashbord",))
