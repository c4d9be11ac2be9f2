"""dbt re-parses the whole project when a var changes (the as-of date, every new day): the pipeline
parses in the background while documents are read whenever the target directory's parse is not for
this run's vars, so the build parses partially."""

from __future__ import annotations

import json
from datetime import date

import pytest

from orchestration import dbt
from plantrack.config import Settings


@pytest.fixture
def started(monkeypatch):
    calls: list[list[str]] = []

    class FakePopen:
        def __init__(self, args, **_):
            calls.append(args)

    monkeypatch.setattr(dbt.subprocess, "Popen", FakePopen)
    monkeypatch.setattr(dbt, "_background_parses", {})
    return calls


def _settings(tmp_path, day: date) -> Settings:
    return Settings(sources_dir=tmp_path / "sources", data_dir=tmp_path / "data", as_of_date=day)


def _parsed(tmp_path, as_of: str | None) -> None:
    target = tmp_path / "data" / "dbt_target"
    target.mkdir(parents=True)
    (target / "partial_parse.msgpack").write_bytes(b"parse")
    if as_of is not None:
        (target / "run_results.json").write_text(json.dumps({"args": {"vars": {"as_of_date": as_of}}}))


def test_a_new_data_directory_is_parsed_in_the_background(tmp_path, started):
    dbt.parse_in_background(_settings(tmp_path, date(2026, 12, 8)))
    assert len(started) == 1 and started[0][1] == "parse"


def test_a_parse_made_on_another_day_is_parsed_again_with_todays_date(tmp_path, started):
    _parsed(tmp_path, "2026-12-07")
    dbt.parse_in_background(_settings(tmp_path, date(2026, 12, 8)))
    assert len(started) == 1
    assert json.loads(started[0][started[0].index("--vars") + 1]) == {"as_of_date": "2026-12-08"}


def test_a_parse_made_with_todays_date_is_used_as_it_is(tmp_path, started):
    _parsed(tmp_path, "2026-12-08")
    dbt.parse_in_background(_settings(tmp_path, date(2026, 12, 8)))
    assert started == []


def test_a_parse_whose_vars_are_unknown_is_used_as_it_is(tmp_path, started):
    _parsed(tmp_path, None)
    dbt.parse_in_background(_settings(tmp_path, date(2026, 12, 8)))
    assert started == []
