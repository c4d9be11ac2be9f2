"""Superset in a real browser: the five dashboards render, set-up is idempotent, refreshes are safe."""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from tests.browser.conftest import PLANTRACK
from tests.browser.superset_harness import (
    DASHBOARDS,
    OUTPUT_DIR,
    ROOT,
    drain_chart_queries,
    inventory_after,
    open_dashboard,
)

# Dashboards whose every chart must show rows for the sample corpus: it always yields targets and
# their progress. The other two also list exceptions (conflicts, quarantined files, failing checks),
# which a healthy corpus may legitimately have none of; there, at least one chart must show data.
EVERY_CHART_HAS_DATA = {"plan-attainment", "indicator-detail"}
# What the overview leads with: coverage (judged / not judged by district, why, what would fix it)
# and the releases that would judge the most targets.
COVERAGE_PANEL = ("已评估目标占比", "各区目标评估覆盖情况及未评估原因（个）", "未评估目标的补齐办法（个）",
                  "最能补齐评估的统计发布（按可评估目标数排序）")
NEAREST_ACTUALS = "最接近的实际值及不可比原因"


def _screenshot(driver, name: str) -> Path:
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUTPUT_DIR / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def test_login_page_leads_the_admin_into_superset(browser, superset):
    assert "/login" not in browser.current_url
    assert browser.current_url.startswith(superset.url)


@pytest.mark.parametrize("slug", list(DASHBOARDS))
def test_dashboard_shows_every_chart_without_errors(browser, superset, slug):
    browser.get_log("performance")  # forget requests of earlier pages
    views = open_dashboard(browser, superset, slug)
    shot = _screenshot(browser, slug)
    queries = drain_chart_queries(browser)
    title = browser.title

    assert views, f"{slug}: no charts on the page ({shot})"
    assert DASHBOARDS[slug] in title or DASHBOARDS[slug] in browser.page_source
    assert not [v for v in views if v.state == "loading"], f"{slug}: charts still loading ({shot})"
    assert not [v for v in views if v.state == "error"], [v for v in views if v.state == "error"]
    failed = [q for q in queries if q.status != 200 or q.error]
    assert not failed, f"{slug}: chart queries failed: {failed}"
    chart_queries = [q for q in queries if q.slice_id is not None]
    assert len({q.slice_id for q in chart_queries}) == len(views), (queries, views)
    with_rows = {q.slice_id for q in chart_queries if q.rowcount}
    if slug in EVERY_CHART_HAS_DATA:
        assert len(with_rows) == len(views) and all(v.state == "data" for v in views), (views, queries)
    else:
        assert with_rows and any(v.state == "data" for v in views), (views, queries)


def _serving(superset) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(superset.data_dir / "serving" / "plantrack.duckdb"), read_only=True)


def test_overview_leads_with_coverage_and_the_releases_to_obtain(browser, superset):
    views = open_dashboard(browser, superset, "plan-attainment")
    shot = _screenshot(browser, "coverage-panel")
    titles = tuple(v.title.split("\n")[0].strip() for v in views)
    assert titles[:len(COVERAGE_PANEL)] == COVERAGE_PANEL, (titles, shot)
    assert all(v.state == "data" for v in views[:len(COVERAGE_PANEL)]), views
    with _serving(superset) as con:
        (first,) = con.execute("SELECT release_label FROM marts.mart_release_wishlist "
                               "ORDER BY wish_rank, district_code, release_kind LIMIT 1").fetchone()
    assert first in browser.page_source, f"the first release to obtain, {first}, is not listed ({shot})"


def test_review_dashboard_lists_what_to_check_first_with_its_reason_and_quote(browser, superset):
    views = open_dashboard(browser, superset, "review-queue")
    shot = _screenshot(browser, "review-queue-list")
    titles = [v.title.split("\n")[0].strip() for v in views]
    assert "待核对清单（按可解锁评估数排序）" in titles and "人工更正记录" in titles, (titles, shot)
    with _serving(superset) as con:
        first = con.execute("SELECT reason_zh, what_it_read FROM marts.mart_review_queue ORDER BY review_rank "
                            "LIMIT 1").fetchone()
    assert first, f"the sample corpus has an empty review list ({shot})"
    page = browser.page_source
    assert first[0] in page and first[1][:12] in page, (first, shot)


SELECTED_TARGET_JS = """
const [filterName, done] = arguments;
const items = [...document.querySelectorAll('.ant-select-selection-item')];
done(items.map(i => i.getAttribute('title') || i.textContent));
"""


def test_detail_shows_the_nearest_actuals_of_the_chosen_target_with_why_each_can_or_cannot_judge_it(
        browser, superset):
    """The detail dashboard opens on a target (the 目标 filter's first item); for it, the nearest-actuals
    table lists each candidate with its reason in Chinese (comparable or not, and why): whichever
    target the data puts first, the table shows that target's candidates and reasons from the mart."""
    browser.get_log("performance")  # forget the previous pages' requests: their bodies are gone
    views = open_dashboard(browser, superset, "indicator-detail")
    shot = _screenshot(browser, "nearest-actuals")
    queries = drain_chart_queries(browser)
    nearest = [v for v in views if v.title.split("\n")[0].strip() == NEAREST_ACTUALS]
    assert nearest and nearest[0].state == "data", (views, shot)
    assert not [q for q in queries if q.status != 200 or q.error], queries
    shown = [s for s in browser.execute_async_script(SELECTED_TARGET_JS, "目标") if "｜" in (s or "")]
    assert shown, f"the 目标 filter shows no target ({shot})"
    with _serving(superset) as con:
        rows = con.execute("""
            SELECT n.issue_zh FROM marts.mart_nearest_actuals AS n
            WHERE n.target_label = ? ORDER BY n.candidate_rank""", [shown[0]]).fetchall()
    assert rows, f"{shown[0]} has no nearest actual in the mart ({shot})"
    page = browser.page_source
    assert any(issue[:12] in page for (issue,) in rows), (shown[0], rows[:3], shot)


def test_running_setup_again_leaves_five_dashboards_and_one_database(superset):
    before = inventory_after(superset.first_setup)
    again = superset.manage("setup")
    assert again.returncode == 0, again.stderr[-3000:]
    after = inventory_after(again)
    assert sorted(after["dashboards"]) == sorted(DASHBOARDS.values())
    assert len(after["databases"]) == 1
    assert (after["charts"], after["datasets"]) == (before["charts"], before["datasets"])


def test_database_connection_is_read_only_on_the_serving_file(superset):
    (database,) = inventory_after(superset.first_setup)["databases"]
    assert database["name"] == "plantrack"
    assert database["uri"] == f"duckdb:///{(superset.data_dir / 'serving' / 'plantrack.duckdb').resolve()}"
    assert database["read_only"] is True
    assert database["allow_dml"] is False
    assert database["expose_in_sqllab"] is True


def test_exporting_after_setup_reproduces_the_bundle_in_git(superset, tmp_path):
    bundle = ROOT / "superset" / "bundle"
    copy = tmp_path / "bundle"
    shutil.copytree(bundle, copy)
    exported = superset.export_into(copy)
    assert exported.returncode == 0, exported.stderr[-3000:]
    original = {p.relative_to(bundle): p.read_text() for p in bundle.rglob("*.yaml")}
    after = {p.relative_to(copy): p.read_text() for p in copy.rglob("*.yaml")}
    assert sorted(after) == sorted(original)
    assert [name for name in original if original[name] != after[name]] == []


def test_secrets_are_private_files_outside_the_repository(superset):
    for name in ("superset_secret_key", "superset_admin_password"):
        path = superset.secrets_dir / name
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, name
        assert ROOT not in path.resolve().parents
    key = (superset.secrets_dir / "superset_secret_key").read_text().strip()
    assert len(key) >= 32 and key not in (ROOT / "superset" / "superset_config.py").read_text()


def test_refresh_while_superset_serves_produces_no_query_errors(browser, superset):
    """The refresh re-publishes the serving file (atomic replace) while dashboards keep querying it."""
    serving = superset.data_dir / "serving" / "plantrack.duckdb"
    inode_before = serving.stat().st_ino
    result: dict = {}

    def run_refresh():
        result["proc"] = subprocess.run(
            [str(PLANTRACK), "refresh", "--force", "--sources", str(ROOT / "sources"), "--data-dir",
             str(superset.data_dir)],
            capture_output=True, text=True, timeout=900, cwd=ROOT)

    browser.get_log("performance")
    worker = threading.Thread(target=run_refresh)
    worker.start()
    loads, queries = 0, []
    while worker.is_alive() or loads == 0:
        open_dashboard(browser, superset, "plan-attainment", timeout=60)
        queries += drain_chart_queries(browser)  # before navigating: Chromium drops old bodies
        loads += 1
    worker.join()
    views = open_dashboard(browser, superset, "plan-attainment", timeout=60)  # and once after the swap
    _screenshot(browser, "after-refresh")
    queries += drain_chart_queries(browser)

    proc = result["proc"]
    (OUTPUT_DIR / "refresh-while-serving.log").write_text(proc.stdout + proc.stderr)
    # A failed run still re-publishes (it records the failure beside the last good marts), so the
    # swap is what this test needs; whether the run itself passed is other tests' business.
    assert serving.stat().st_ino != inode_before, "the refresh did not re-publish the serving file:\n" + proc.stdout[-2000:]
    assert queries, "no chart queries were observed"
    failed = [q for q in queries if q.status != 200 or q.error]
    assert not failed, f"queries failed during refresh ({loads} dashboard loads): {failed}"
    assert views and not [v for v in views if v.state in ("error", "loading")], views


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-v"]))
