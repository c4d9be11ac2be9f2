"""Readers never break: a reader process queries the serving file in a loop while refreshes publish."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass

import pytest

from tests.conftest import ROOT, SAMPLE_SOURCES, run_plantrack
from tests.resilience.documents import Release
from tests.resilience.reader_loop import read_state
from tests.resilience.serving import serving_path

ARRIVALS = (Release("重庆市", "璧山区", 2024), Release("重庆市", "南川区", 2023),
            Release("重庆市", "长寿区", 2024, values={"规模以上工业总产值": "1020.4亿元", "规模以上工业增加值增长": "6.6%"}))
MAX_READER_SECONDS = 900  # a bound, not a wait: the reader stops as soon as the refreshes are done
MAX_QUERIES = 20000


@dataclass
class Observed:
    published: list[list[int]]  # the state after the first publish and after each later refresh
    refresh_codes: list[tuple[int, str]]
    reads: list[dict]


@pytest.fixture(scope="module")
def observed(tmp_path_factory) -> Observed:
    root = tmp_path_factory.mktemp("readers")
    sources, data_dir = root / "sources", root / "data"
    shutil.copytree(SAMPLE_SOURCES, sources)
    first = run_plantrack("refresh", data_dir=data_dir, sources=sources)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    published = [read_state(serving_path(data_dir))]
    out, stop = root / "reads.jsonl", root / "stop"
    reader = subprocess.Popen([sys.executable, "-m", "tests.resilience.reader_loop", str(serving_path(data_dir)),
                               str(out), str(stop), str(MAX_READER_SECONDS), str(MAX_QUERIES)], cwd=ROOT)
    codes = []
    try:
        for i, release in enumerate(ARRIVALS):
            (sources / f"arrival_{i}.txt").write_text(release.text(), encoding="utf-8")
            result = run_plantrack("refresh", data_dir=data_dir, sources=sources)
            codes.append((result.returncode, result.stdout[-3000:] + result.stderr[-3000:]))
            published.append(read_state(serving_path(data_dir)))
    finally:
        stop.touch()
        reader.wait(timeout=60)
    reads = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return Observed(published, codes, reads)


def test_every_refresh_during_the_reads_succeeds(observed):
    for code, out in observed.refresh_codes:
        assert code == 0, out


def test_each_refresh_published_a_new_state(observed):
    assert len({tuple(s) for s in observed.published}) == len(ARRIVALS) + 1


def test_no_read_fails(observed):
    errors = [r["error"] for r in observed.reads if "error" in r]
    assert errors == [], f"{len(errors)} of {len(observed.reads)} reads failed, e.g. {errors[:3]}"


def test_every_read_sees_one_of_the_published_states(observed):
    published = {tuple(s) for s in observed.published}
    seen = {tuple(r["state"]) for r in observed.reads if "state" in r}
    assert seen <= published, seen - published


def test_the_reader_really_overlapped_the_refreshes(observed):
    seen = {tuple(r["state"]) for r in observed.reads if "state" in r}
    assert len(observed.reads) >= 100 and len(seen) >= 3, (len(observed.reads), seen)
