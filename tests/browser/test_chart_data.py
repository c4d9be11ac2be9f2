"""Every chart of the bundle carries its saved query context, so Superset's chart-data API answers it
(CSV exports, cache warm-up and scheduled reports run the same query), and a chart exports as CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests
import yaml

from tests.browser.superset_harness import ROOT, Superset, api_session

CHARTS = sorted((ROOT / "superset" / "bundle" / "charts").glob("*.yaml"))
# form_data keys the browser adds or Superset rewrites on import (ids differ per installation)
PER_INSTALLATION = {"datasource", "slice_id", "dashboards"}


def _chart(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", CHARTS, ids=[p.stem for p in CHARTS])
def test_chart_yaml_carries_a_query_context_built_from_its_own_params(path):
    chart = _chart(path)
    assert chart.get("query_context"), f"{path.name}: no saved query context (run manage.sh query-contexts, then export)"
    context = json.loads(chart["query_context"])
    assert context["queries"], path.name
    form_data = context["form_data"]
    # a query context saved before the params were edited would answer with the old query
    stale = {k: (v, form_data.get(k)) for k, v in chart["params"].items()
             if k not in PER_INSTALLATION and form_data.get(k) != v}
    assert not stale, f"{path.name}: query context differs from params: {stale}"


class Api:
    """Superset's REST API, logged in as the admin."""

    def __init__(self, superset: Superset):
        self.url = superset.url
        self.http = api_session(superset)

    def get(self, path: str, **params) -> requests.Response:
        return self.http.get(f"{self.url}{path}", params=params, timeout=120)

    def charts(self) -> dict[str, int]:
        answer = self.get("/api/v1/chart/", q="(columns:!(id,slice_name),page_size:100)")
        answer.raise_for_status()
        return {c["slice_name"]: c["id"] for c in answer.json()["result"]}


@pytest.fixture(scope="module")
def api(superset):
    return Api(superset)


def test_every_chart_answers_the_chart_data_api_with_rows(api):
    charts = api.charts()
    assert len(charts) == len(CHARTS)
    answers = {name: api.get(f"/api/v1/chart/{chart_id}/data/") for name, chart_id in charts.items()}
    failed = {name: (a.status_code, a.text[:300]) for name, a in answers.items() if a.status_code != 200}
    assert not failed, f"{len(failed)} of {len(charts)} charts refused: {failed}"
    for name, answer in answers.items():
        results = answer.json()["result"]
        assert results and all(r.get("status") == "success" for r in results), (name, results)


def test_a_chart_exports_as_csv(api):
    chart_id = api.charts()["目标进度明细"]
    answer = api.get(f"/api/v1/chart/{chart_id}/data/", format="csv")
    assert answer.status_code == 200, answer.text[:500]
    assert "csv" in answer.headers["Content-Type"]
    lines = answer.content.decode("utf-8-sig").splitlines()
    assert len(lines) > 1 and "地区" in lines[0].split(",")  # column labels in Chinese
    assert any("江津区" in line for line in lines[1:])
