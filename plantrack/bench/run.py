"""`make bench`: extraction throughput, refresh timings and memory, dashboard query latency.

Every figure is the median of `runs` runs with min and max. Ratios are taken between figures
measured in the same invocation. Refreshes run as child processes (`python -m plantrack.cli
refresh`), exactly as the nightly job runs, so their wall time includes start-up and their memory
is the whole process tree's. Results are written to `out_json` after every step, so a run that is
stopped early still leaves what it measured.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from plantrack.bench import generate
from plantrack.config import PROJECT_ROOT, dbt_environment, load_settings

BENCH_OUT = PROJECT_ROOT / "bench" / "out"
DBT_DIR = PROJECT_ROOT / "dbt_project"
DBT = str(Path(sys.executable).parent / "dbt")
SEED = 20240601
STEPS = ("extraction", "accuracy", "judgement", "refresh", "sample", "dashboard")
FULL_DASHBOARD_SCALE = (2850, 200, 20)  # regions x indicators x years of actual values
QUICK_DASHBOARD_SCALE = (500, 20, 20)  # 200k actual values
RSS_SAMPLE_S = 0.1
GOALS = {  # issue 21
    "extraction_mb_per_s_per_core": (">=", 5.0),
    "full_refresh_5000_s": ("<=", 120.0),
    "peak_rss_mb": ("<=", 2048.0),
    "add_one_s": ("<=", 10.0),
    "noop_refresh_s": ("<=", 2.0),
    "sample_refresh_over_dbt_build": ("<=", 2.0),
    "dashboard_p95_ms": ("<=", 200.0),
}


class BenchFailure(RuntimeError):
    """A measured command failed: its time is not a figure, and the benchmark stops saying why."""


def stat(values: list[float]) -> dict:
    """median / min / max of a figure, with every run kept."""
    values = [float(v) for v in values]
    if not values:
        return {"median": None, "min": None, "max": None, "runs": []}
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "runs": [round(v, 4) for v in values]}


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(-(-q * len(ordered) // 100)) - 1))
    return ordered[k]


# ---------------------------------------------------------------- extraction throughput

def measure_extraction(sources: Path, runs: int) -> dict:
    """read_document + extract_statements over every file, in this one process (= per core)."""
    from plantrack.documents import read_document
    from plantrack.extract import extract_statements

    files = sorted(p for p in sources.iterdir() if p.is_file())
    per_run: dict[str, list[float]] = {k: [] for k in ("mb_per_s", "extract_mb_per_s", "docs_per_s",
                                                         "read_s", "extract_s", "cpu_mb_per_s")}
    by_format: dict[str, dict[str, float]] = {}
    text_mb = 0.0
    for _ in range(runs):
        read_s = extract_s = 0.0
        text_bytes = 0
        by_format = {}
        cpu0 = time.process_time()  # this process's CPU: the figure per core even when others load the machine
        for path in files:
            t0 = time.perf_counter()
            doc = read_document(path, path.name)
            t1 = time.perf_counter()
            extract_statements(doc)
            t2 = time.perf_counter()
            read_s += t1 - t0
            extract_s += t2 - t1
            n = len(doc.text.encode("utf-8"))
            text_bytes += n
            f = by_format.setdefault(doc.format, {"docs": 0, "text_mb": 0.0, "read_s": 0.0, "extract_s": 0.0})
            f["docs"] += 1
            f["text_mb"] += n / 1e6
            f["read_s"] += t1 - t0
            f["extract_s"] += t2 - t1
        text_mb = text_bytes / 1e6
        per_run["cpu_mb_per_s"].append(text_mb / (time.process_time() - cpu0))
        per_run["read_s"].append(read_s)
        per_run["extract_s"].append(extract_s)
        per_run["mb_per_s"].append(text_mb / (read_s + extract_s))
        per_run["extract_mb_per_s"].append(text_mb / extract_s if extract_s else 0.0)
        per_run["docs_per_s"].append(len(files) / (read_s + extract_s))
    for f in by_format.values():
        f["mb_per_s"] = f["text_mb"] / (f["read_s"] + f["extract_s"]) if f["read_s"] + f["extract_s"] else 0.0
    return {"documents": len(files), "text_mb": round(text_mb, 3),
            "note": "one process, UTF-8 bytes of normalized text; mb_per_s = reading + extraction (wall), "
                    "cpu_mb_per_s = the same per CPU second of the process",
            **{k: stat(v) for k, v in per_run.items()}, "by_format_last_run": by_format}


def measure_accuracy(corpus: Path) -> dict:
    """Precision and recall of the extractor on the generated corpus (plantrack.evaluate)."""
    from plantrack.evaluate import evaluate

    out = {}
    for kind, name in (("targets", generate.TARGETS_CSV), ("actuals", generate.ACTUALS_CSV)):
        report = evaluate(corpus / name, corpus / generate.SOURCES_DIR)
        r = report.overall
        out[kind] = {"precision": _round(r.precision), "recall": _round(r.recall), "gold": len(r.gold),
                     "extracted": len(r.extracted), "matched": len(r.matches),
                     # kind, comparator and region agree too; and matched when the year is ignored
                     "strict_precision": _round(r.strict_precision), "strict_recall": _round(r.strict_recall),
                     "found_any_year": r.found_any_year}
    return out


def _round(x: float, n: int = 4) -> float | None:
    return None if x != x else round(x, n)  # NaN -> None for JSON


# ---------------------------------------------------------------- judgements against the generator's truth

def match_judgements(truth: list[dict], progress: list[dict]) -> list[tuple[dict, dict | None]]:
    """Each truth row with the mart_target_progress row of the same target (same document, target year
    and value, most similar indicator text), or None when the extractor did not find it."""
    from plantrack.evaluate import SIMILARITY_THRESHOLD, simplified
    from plantrack.extract.similarity import indicator_similarity
    from plantrack.extract.units import normalize_unit

    by_file: dict[str, list[dict]] = {}
    for row in progress:
        by_file.setdefault(row["source_file"], []).append(row)
    scored = []
    for ti, t in enumerate(truth):
        value = _num(t["target_value"])
        _, factor = normalize_unit(t["unit"] or None)
        for pi, p in enumerate(by_file.get(t["source_file"], [])):
            got = p["target_value"]
            if value is None or got is None or str(p["target_year"] or "") != str(t["target_year"] or ""):
                continue
            if not any(abs(v - got) <= 1e-6 * max(1.0, abs(v)) for v in (value, value * factor)):
                continue
            sim = indicator_similarity(simplified(t["indicator_text"]), simplified(p["indicator_text"] or ""))
            if sim >= SIMILARITY_THRESHOLD:
                scored.append((-sim, ti, t["source_file"], pi))
    scored.sort()
    used_t, used_p, found = set(), set(), {}
    for _, ti, f, pi in scored:
        if ti in used_t or (f, pi) in used_p:
            continue
        used_t.add(ti)
        used_p.add((f, pi))
        found[ti] = by_file[f][pi]
    return [(t, found.get(i)) for i, t in enumerate(truth)]


def _num(text: object) -> float | None:
    try:
        return float(str(text))
    except ValueError:
        return None


def score_judgements(pairs: list[tuple[dict, dict | None]]) -> dict:
    """Share judged and the accuracy of statuses against the truth (targets the extractor missed apart)."""
    found = [(t, p) for t, p in pairs if p is not None]
    should = [(t, p) for t, p in found if t["should_judge"] in (True, "True")]
    should_not = [(t, p) for t, p in found if t["should_judge"] not in (True, "True")]
    judged = [(t, p) for t, p in found if p["status"] != "not_assessable"]
    both = [(t, p) for t, p in should if p["status"] != "not_assessable"]
    agree = [(t, p) for t, p in both if p["status"] == t["status"]]

    def share(part: list, whole: list) -> float | None:
        return round(len(part) / len(whole), 4) if whole else None

    confusion: dict[str, int] = {}
    for t, p in found:
        key = f"{t['status']} -> {p['status']}"
        confusion[key] = confusion.get(key, 0) + 1
    wrongly = [(t, p) for t, p in should_not if p["status"] != "not_assessable"]
    return {
        "targets": len(pairs), "found_by_extractor": len(found),
        "truth_share_judged": share([x for x in pairs if x[0]["should_judge"] in (True, "True")], pairs),
        "share_judged": share(judged, found),
        "should_judge": len(should), "should_not_judge": len(should_not),
        "judged_when_should": share(both, should),
        "not_judged_when_should_not": share([x for x in should_not if x[1]["status"] == "not_assessable"], should_not),
        "status_agreement": share(agree, both),
        "status_agreement_of_should": share(agree, should),
        "confusion": dict(sorted(confusion.items(), key=lambda kv: -kv[1])),
        "judged_but_should_not_examples": [
            {"source_file": t["source_file"], "indicator_text": t["indicator_text"], "truth": t["reason_code"],
             "status": p["status"], "actual_source_file": p.get("actual_source_file")} for t, p in wrongly[:10]],
    }


def measure_judgements(corpus: Path, data_dir: Path, log: Path) -> dict:
    """Refresh the generated corpus (child process, as the nightly job runs), then compare
    mart_target_progress with the generator's truth (expected_judgements.csv)."""
    import csv

    import duckdb

    shutil.rmtree(data_dir, ignore_errors=True)
    refresh = refresh_once(corpus / generate.SOURCES_DIR, data_dir, log)
    with (corpus / generate.JUDGEMENTS_CSV).open(encoding="utf-8", newline="") as fh:
        truth = list(csv.DictReader(fh))
    serving = data_dir / "serving" / "plantrack.duckdb"
    con = duckdb.connect(str(serving), read_only=True)
    try:
        cur = con.execute("SELECT source_file, indicator_text, target_value, unit, target_year, status, "
                          "actual_source_file FROM marts.mart_target_progress")
        names = [d[0] for d in cur.description]
        progress = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    finally:
        con.close()
    return {"refresh_success": refresh["success"], "refresh_wall_s": round(refresh["wall_s"], 1),
            **score_judgements(match_judgements(truth, progress))}


# ---------------------------------------------------------------- refreshes as child processes

def _tree_rss(proc) -> int:
    import psutil

    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def run_monitored(cmd: list[str], env: dict | None = None, log: Path | None = None) -> dict:
    """Run a command; wall time and the peak RSS of its whole process tree (psutil, sampled)."""
    import psutil

    log_fh = log.open("w", encoding="utf-8") if log else subprocess.DEVNULL
    started = time.perf_counter()
    try:
        popen = subprocess.Popen(cmd, env=env, stdout=log_fh, stderr=subprocess.STDOUT, cwd=PROJECT_ROOT)
        proc = psutil.Process(popen.pid)
        peak = 0
        while popen.poll() is None:
            peak = max(peak, _tree_rss(proc))
            time.sleep(RSS_SAMPLE_S)
        wall = time.perf_counter() - started
    finally:
        if log:
            log_fh.close()  # type: ignore[union-attr]
    return {"wall_s": wall, "peak_rss_mb": peak / 2**20, "returncode": popen.returncode}


def refresh_once(sources: Path, data_dir: Path, log: Path, must_publish: bool = True) -> dict:
    """`plantrack refresh` in a child process; also the job's own time from its summary line.

    A refresh that fails is an error (BenchFailure naming the log), never a figure."""
    env = {**os.environ, "PLANTRACK_SOURCES": str(sources), "PLANTRACK_DATA_DIR": str(data_dir)}
    result = run_monitored([sys.executable, "-m", "plantrack.cli", "refresh", "--sources", str(sources),
                            "--data-dir", str(data_dir)], env=env, log=log)
    text = log.read_text(encoding="utf-8", errors="replace")
    m = re.search(r"refresh (succeeded|FAILED) in ([\d.]+) s", text)
    result["job_s"] = float(m.group(2)) if m else None
    result["success"] = result["returncode"] == 0
    why = re.search(r"why: (.*)", text)
    result["why"] = why.group(1)[:300] if why else None
    read = re.search(r"documents read: (\d+), quarantined: (\d+), unchanged: (\d+)", text)
    if read:
        result["documents_read"], result["documents_quarantined"], result["documents_unchanged"] = map(
            int, read.groups())
    if must_publish and not result["success"]:
        raise BenchFailure(f"refresh of {sources} into {data_dir} failed (exit {result['returncode']}): "
                           f"{result['why'] or 'no reason printed'}; see {log}")
    return result


def _summarize(runs: list[dict]) -> dict:
    return {"wall_s": stat([r["wall_s"] for r in runs]),
            "job_s": stat([r["job_s"] for r in runs if r.get("job_s") is not None]),
            "peak_rss_mb": stat([r["peak_rss_mb"] for r in runs]),
            "succeeded": sum(r["success"] for r in runs), "runs": len(runs),
            "failures": sorted({r["why"] for r in runs if r.get("why")}),
            "detail": [{k: v for k, v in r.items() if k != "why"} for r in runs]}


def measure_refreshes(sizes: tuple[int, ...], runs: int, out: Path, say: Callable[[str], None],
                      save: Callable[[str, dict], None]) -> None:
    """Full refresh per size from an empty data directory; then, on the largest, no-op and add-one."""
    for n in sizes:
        corpus = out / f"corpus-{n}"
        t0 = time.perf_counter()
        generate.generate_corpus(corpus, n, SEED)
        say(f"generated {n} documents in {time.perf_counter() - t0:.0f} s")
        full = []
        for r in range(runs):
            data = out / f"data-{n}"
            shutil.rmtree(data, ignore_errors=True)
            full.append(refresh_once(corpus / generate.SOURCES_DIR, data, out / f"refresh-{n}-{r}.log"))
            say(f"full refresh of {n}: {full[-1]['wall_s']:.1f} s, peak {full[-1]['peak_rss_mb']:.0f} MB")
        save(f"full_refresh_{n}", {"documents": n, "corpus_mb": _dir_mb(corpus / generate.SOURCES_DIR),
                                   **_summarize(full)})
    n = max(sizes)
    corpus, data = out / f"corpus-{n}", out / f"data-{n}"
    noop = []
    for r in range(runs):
        noop.append(refresh_once(corpus / generate.SOURCES_DIR, data, out / f"noop-{n}-{r}.log"))
        say(f"no-op refresh of {n}: {noop[-1]['wall_s']:.1f} s")
    save("noop_refresh", {"documents": n, **_summarize(noop)})
    floor = []
    for r in range(runs):  # what one dbt invocation costs on this warehouse when nothing changed
        # the pipeline's own arguments and target directory (its partial parse, its vars)
        as_of = json.dumps({"as_of_date": load_settings().as_of().isoformat()})
        cmd, env = dbt_command(["build", "--threads", "4", "--exclude-resource-type", "unit_test", "--vars", as_of],
                               data / "warehouse.duckdb", data / "dbt_target")
        floor.append(run_monitored(cmd, env=env, log=out / f"dbt-floor-{n}-{r}.log"))
        if floor[-1]["returncode"] != 0:
            raise BenchFailure(f"dbt build with nothing changed failed; see {out / f'dbt-floor-{n}-{r}.log'}")
        say(f"dbt build, nothing changed, {n} documents: {floor[-1]['wall_s']:.1f} s")
    save("dbt_build_unchanged", {"documents": n, "wall_s": stat([f["wall_s"] for f in floor]),
                                 "peak_rss_mb": stat([f["peak_rss_mb"] for f in floor])})
    add = []
    for r in range(runs):
        name = generate.add_document(corpus, SEED, index=n + r)
        add.append(refresh_once(corpus / generate.SOURCES_DIR, data, out / f"addone-{n}-{r}.log"))
        add[-1]["added"] = name
        say(f"add-one refresh of {n}: {add[-1]['wall_s']:.1f} s")
    full_median = _last_results[f"full_refresh_{n}"]["wall_s"]["median"]
    add_summary = _summarize(add)
    add_summary["pct_of_full_wall"] = 100 * add_summary["wall_s"]["median"] / full_median if full_median else None
    dbt_floor = _last_results["dbt_build_unchanged"]["wall_s"]["median"]
    add_summary["over_dbt_build_unchanged"] = add_summary["wall_s"]["median"] / dbt_floor if dbt_floor else None
    save("add_one_refresh", {"documents": n, **add_summary})


def _dir_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6, 2)


# ---------------------------------------------------------------- sample refresh vs bare dbt build

def dbt_command(args: list[str], warehouse: Path, target: Path) -> tuple[list[str], dict]:
    env = {**os.environ, **dbt_environment(warehouse)}
    cmd = [DBT, *args, "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR),
           "--target-path", str(target), "--log-path", str(target / "logs")]
    return cmd, env


def measure_sample_vs_dbt(runs: int, out: Path, say: Callable[[str], None]) -> dict:
    """Whole refresh of the bundled sample corpus, then a bare `dbt build` of the same models on the
    same warehouse (same arguments as the pipeline's), alternating, `runs` times."""
    sources = PROJECT_ROOT / "sources"
    target = out / "dbt-target"
    refreshes, builds = [], []
    for r in range(runs):
        data = out / "data-sample"
        shutil.rmtree(data, ignore_errors=True)
        refreshes.append(refresh_once(sources, data, out / f"sample-refresh-{r}.log"))
        cmd, env = dbt_command(["build", "--threads", "4"], data / "warehouse.duckdb", target)
        if r == 0:  # a parse first, so the timed builds use dbt's partial parsing as the pipeline does
            subprocess.run([*dbt_command(["parse"], data / "warehouse.duckdb", target)[0]], env=env,
                           capture_output=True, cwd=PROJECT_ROOT)
        builds.append(run_monitored(cmd, env=env, log=out / f"sample-dbt-{r}.log"))
        if builds[-1]["returncode"] != 0:
            raise BenchFailure(f"bare dbt build of the sample failed; see {out / f'sample-dbt-{r}.log'}")
        say(f"sample refresh {refreshes[-1]['wall_s']:.1f} s (job {refreshes[-1]['job_s']}), "
            f"bare dbt build {builds[-1]['wall_s']:.1f} s")
    refresh_s = stat([r["wall_s"] for r in refreshes])
    dbt_s = stat([b["wall_s"] for b in builds])
    ratios = [r["wall_s"] / b["wall_s"] for r, b in zip(refreshes, builds, strict=True)]
    job_ratios = [r["job_s"] / b["wall_s"] for r, b in zip(refreshes, builds, strict=True) if r.get("job_s")]
    return {"refresh": _summarize(refreshes), "dbt_build": {"wall_s": dbt_s, "peak_rss_mb": stat(
                [b["peak_rss_mb"] for b in builds]), "returncodes": [b["returncode"] for b in builds]},
            "ratio_wall": stat(ratios), "ratio_job": stat(job_ratios), "refresh_wall_s": refresh_s}


# ---------------------------------------------------------------- dashboard queries at scale

def build_dashboard_warehouse(data: Path, regions: int, indicators: int, years: int,
                              say: Callable[[str], None]) -> dict:
    """Raw tables loaded directly with generate_series (no extraction), then dbt build, then publish."""
    import duckdb

    from plantrack.model import EXTRACTOR_VERSION
    from plantrack.warehouse import connect, publish

    shutil.rmtree(data, ignore_errors=True)
    warehouse = data / "warehouse.duckdb"
    target = data / "dbt-target"
    with connect(warehouse):
        pass
    timings = {}
    t0 = time.perf_counter()
    cmd, env = dbt_command(["seed"], warehouse, target)
    subprocess.run(cmd, env=env, check=True, capture_output=True, cwd=PROJECT_ROOT)
    con = duckdb.connect(str(warehouse))
    con.execute("SET enable_progress_bar = false")
    try:
        load_dashboard_raw(con, regions, indicators, years, EXTRACTOR_VERSION)
        counts = {t: con.execute(f"SELECT count(*) FROM raw.{t}").fetchone()[0]
                  for t in ("documents", "targets", "actuals")}
    finally:
        con.close()
    timings["load_s"] = time.perf_counter() - t0
    say(f"loaded {counts} in {timings['load_s']:.0f} s; dbt build...")
    cmd, env = dbt_command(["build", "--threads", "4", "--exclude", "resource_type:seed"], warehouse, target)
    res = run_monitored(cmd, env=env, log=data / "dbt-build.log")
    timings["dbt_build_s"], timings["dbt_peak_rss_mb"] = res["wall_s"], res["peak_rss_mb"]
    timings["dbt_returncode"] = res["returncode"]
    if res["returncode"] != 0:
        raise BenchFailure(f"dbt build of the dashboard warehouse failed; see {data / 'dbt-build.log'}")
    t0 = time.perf_counter()
    serving = publish(warehouse, data / "serving" / "plantrack.duckdb")
    timings["publish_s"] = time.perf_counter() - t0
    con = duckdb.connect(str(serving), read_only=True)
    try:
        marts = {t: con.execute(f"SELECT count(*) FROM marts.{t}").fetchone()[0]
                 for t in ("fct_indicator_actuals", "fct_plan_targets", "mart_target_progress",
                           "mart_nearest_actuals")}
    except duckdb.Error as exc:
        marts = {"error": str(exc).splitlines()[0]}
    finally:
        con.close()
    say(f"dbt build {timings['dbt_build_s']:.0f} s (rc {res['returncode']}), marts {marts}")
    return {"raw": counts, "marts": marts, **timings, "serving_path": str(serving)}


def load_dashboard_raw(con, regions: int, indicators: int, years: int, extractor_version: str) -> None:
    """Synthetic regions and indicators beyond the seeds (added to the seed tables), one release per
    region and year holding every indicator, and one plan per region with a target per indicator."""
    first_year = 2025 - years + 1
    con.execute(f"""
        INSERT INTO seeds.regions
        SELECT '9' || lpad(i::VARCHAR, 5, '0'), '合成区' || i, '合成' || i, 'district', '500000'
        FROM generate_series(1, {regions}) t(i)""")
    con.execute(f"""
        CREATE TEMP TABLE bench_regions AS
        SELECT row_number() OVER (ORDER BY region_code) AS r, region_code, name_zh
        FROM seeds.regions WHERE region_code LIKE '9_____' AND name_zh LIKE '合成区%'
        LIMIT {regions}""")
    real = con.execute("SELECT count(*) FROM seeds.indicators").fetchone()[0]
    extra = max(0, indicators - real)
    con.execute(f"""
        INSERT INTO seeds.indicators (indicator_id, name_zh, name_en, theme, unit, direction, measure_family, subject)
        SELECT 'bench_ind_' || i, '合成指标' || i, 'Synthetic indicator ' || i,
               (SELECT min(theme) FROM seeds.indicators), '亿元', 'higher_better', '产值', 'bench_' || i
        FROM generate_series(1, {extra}) t(i)""")
    con.execute(f"""
        INSERT INTO seeds.indicator_aliases (pattern, match_type, indicator_id, priority, note)
        SELECT '合成指标' || i, 'exact', 'bench_ind_' || i, 100, 'benchmark'
        FROM generate_series(1, {extra}) t(i)""")
    con.execute(f"""
        CREATE TEMP TABLE bench_indicators AS
        SELECT row_number() OVER (ORDER BY indicator_id) AS k, indicator_id, name_zh, unit,
               CASE WHEN unit = '%' AND (name_zh LIKE '%增速' OR name_zh LIKE '%增长') THEN 'yoy_growth'
                    WHEN unit = '%' THEN 'share' ELSE 'level' END AS measure
        FROM seeds.indicators ORDER BY indicator_id LIMIT {indicators}""")
    now = "now()::TIMESTAMP(0)"
    con.execute(f"""
        INSERT INTO raw.documents
        SELECT 'd_rel_' || r.r || '_' || y, 'release_' || r.region_code || '_' || y || '.txt', 'txt', 'utf-8',
               1000, r.name_zh || y || '年统计公报', 'bulletin', r.name_zh || '统计局', r.name_zh, r.region_code,
               make_date(y + 1, 3, 15), NULL, NULL, '{{}}', '[]', '（合成）', '{extractor_version}', {now},
               y, '全年', NULL, '{{}}', '{{}}', NULL
        FROM bench_regions r, generate_series({first_year}, 2025) g(y)""")
    con.execute(f"""
        INSERT INTO raw.documents
        SELECT 'd_plan_' || r.r, 'plan_' || r.region_code || '.txt', 'txt', 'utf-8', 1000,
               r.name_zh || '发展规划（2021—2025年）', 'plan', r.name_zh || '人民政府', r.name_zh, r.region_code,
               DATE '2021-06-01', 2021, 2025, '{{}}', '[]', '（合成）', '{extractor_version}', {now},
               NULL, NULL, NULL, '{{}}', '{{}}', NULL
        FROM bench_regions r""")
    con.execute(f"""
        INSERT INTO raw.current_sources SELECT source_file, document_id, {now} FROM raw.documents""")
    # value = a per-(region, indicator) base growing ~5 % a year; shares and growth rates stay in 0..100
    value = """CASE i.measure
                 WHEN 'share' THEN 10 + (hash(r.r, i.k) % 60) + 0.5 * (y - 2006)
                 WHEN 'yoy_growth' THEN (hash(r.r, i.k, y) % 120) / 10.0
                 ELSE (10 + hash(r.r, i.k) % 1000) * pow(1.05, y - 2006) END"""
    con.execute(f"""
        INSERT INTO raw.actuals
        SELECT 'a_' || r.r || '_' || i.k || '_' || y, 'd_rel_' || r.r || '_' || y, NULL, NULL, i.name_zh,
               i.measure, y, '全年', make_date(y, 1, 1), make_date(y, 12, 31), round(v, 2)::VARCHAR,
               coalesce(i.unit, ''), round(v, 2), i.unit,
               '全年' || i.name_zh || round(v, 2)::VARCHAR || coalesce(i.unit, ''), 0, 20, '一、综合',
               'prose', 0.9, NULL, '{extractor_version}', 'own', 1.0, false
        FROM bench_regions r, bench_indicators i, generate_series({first_year}, 2025) g(y),
             LATERAL (SELECT {value} AS v)""")
    con.execute(f"""
        INSERT INTO raw.targets
        SELECT 't_' || r.r || '_' || i.k, 'd_plan_' || r.r, NULL, NULL, i.name_zh,
               CASE i.measure WHEN 'yoy_growth' THEN 'growth_rate' WHEN 'share' THEN 'share' ELSE 'level' END,
               '=', round(tv, 2)::VARCHAR, NULL, i.unit, round(tv, 2), NULL, i.unit, 2025,
               CASE WHEN i.measure <> 'yoy_growth' THEN 2020 END,
               CASE WHEN i.measure <> 'yoy_growth' THEN round(bv, 2) END,
               CASE WHEN i.measure <> 'yoy_growth' THEN round(bv, 2)::VARCHAR END,
               CASE WHEN i.k % 5 = 0 THEN 'binding' ELSE 'expected' END,
               '到2025年，' || i.name_zh || '达到' || round(tv, 2)::VARCHAR || coalesce(i.unit, ''), 0, 20,
               '（二）发展目标', 'prose', 0.9, NULL, '[]', '{extractor_version}', 'own', 1.0
        FROM bench_regions r, bench_indicators i,
             LATERAL (SELECT CASE i.measure WHEN 'share' THEN least(95, 10 + (hash(r.r, i.k) % 60) + 12)
                                            WHEN 'yoy_growth' THEN 6.5
                                            ELSE (10 + hash(r.r, i.k) % 1000) * pow(1.05, 19)
                                                 * (0.9 + (hash(r.r, i.k, 7) % 30) / 100.0) END AS tv,
                             CASE i.measure WHEN 'share' THEN 10 + (hash(r.r, i.k) % 60) + 7
                                            ELSE (10 + hash(r.r, i.k) % 1000) * pow(1.05, 14) END AS bv)""")
    con.execute("CHECKPOINT")


def dashboard_queries(serving: Path, bundle: Path = PROJECT_ROOT / "superset" / "bundle") -> list[dict]:
    """The charts' and native filters' queries, compiled from the Superset bundle (see superset_sql)."""
    import duckdb

    from plantrack.bench.superset_sql import compile_bundle

    con = duckdb.connect(str(serving), read_only=True)
    try:
        return compile_bundle(bundle, con)
    finally:
        con.close()


def measure_dashboard(serving: Path, repeats: int, say: Callable[[str], None],
                      bundle: Path = PROJECT_ROOT / "superset" / "bundle") -> dict:
    """p50/p95 over every execution of every dashboard query, on the serving file opened read-only.

    Only reads `serving`: the query step alone can be re-run on an existing serving file, e.g.
    `measure_dashboard(Path("bench/out/data-dashboard/serving/plantrack.duckdb"), 12, print)`.
    """
    import duckdb

    queries = dashboard_queries(serving, bundle)
    con = duckdb.connect(str(serving), read_only=True)
    per_query, all_ms, errors = [], [], []
    try:
        for q in queries:
            times = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                try:
                    con.execute(q["sql"]).fetchall()
                except duckdb.Error as exc:
                    errors.append({"query": q["name"], "error": str(exc).splitlines()[0][:300]})
                    break
                times.append(1000 * (time.perf_counter() - t0))
            if times:
                all_ms += times
                per_query.append({"name": q["name"], "p50_ms": round(percentile(times, 50), 2),
                                  "p95_ms": round(percentile(times, 95), 2), "max_ms": round(max(times), 2),
                                  "nearest": "mart_nearest_actuals" in q["sql"]})
    finally:
        con.close()
    per_query.sort(key=lambda q: -q["p95_ms"])
    say(f"{len(per_query)} dashboard queries: p50 {percentile(all_ms, 50):.1f} ms, p95 "
        f"{percentile(all_ms, 95):.1f} ms" if all_ms else "no dashboard query ran")
    return {"queries": len(per_query), "executions": len(all_ms),
            "p50_ms": round(percentile(all_ms, 50), 2) if all_ms else None,
            "p95_ms": round(percentile(all_ms, 95), 2) if all_ms else None,
            "nearest_actuals": _nearest_figures(per_query),
            "slowest": per_query[:10], "errors": errors}


def _nearest_figures(per_query: list[dict]) -> dict:
    """The detail dashboard's nearest-actuals queries on their own (issue 21: never measured at scale)."""
    nearest = [q for q in per_query if q["nearest"]]
    if not nearest:
        raise BenchFailure("no dashboard query reads mart_nearest_actuals: the bundle's nearest-actuals chart "
                           "was not compiled")
    return {"queries": len(nearest), "p95_ms_max": max(q["p95_ms"] for q in nearest),
            "slowest": sorted(nearest, key=lambda q: -q["p95_ms"])[:3]}


# ---------------------------------------------------------------- the whole benchmark

_last_results: dict = {}


def run_benchmark(out_json: Path, sizes: tuple[int, ...] = (50, 500, 5000), runs: int = 3,
                  quick: bool = False, dashboard_scale: tuple[int, int, int] | None = None,
                  extraction_documents: int | None = None, steps: tuple[str, ...] | None = None,
                  judgement_documents: int | None = None,
                  work_dir: Path | None = None, merge: bool = False) -> dict:
    """Run every measurement, write `out_json` (after each step) and print a short table.

    quick: sizes (20, 100), 200k actual values for the dashboard queries (unless given).
    steps: a subset of extraction, accuracy, judgement, refresh, sample, dashboard (default all).
    judgement_documents: size of the corpus whose targets are judged against the generator's truth
    (default 400; quick 60).
    work_dir: where corpora and data directories go (default bench/out, git-ignored).
    merge: keep the figures already in `out_json` and replace only those of `steps` (a step re-run
    after a change; `meta.parts` records when each part ran).
    """
    from plantrack.bench.report import render_table

    if quick and sizes == (50, 500, 5000):
        sizes = (20, 100)
    scale = dashboard_scale or (QUICK_DASHBOARD_SCALE if quick else FULL_DASHBOARD_SCALE)
    steps = steps or STEPS
    if unknown := [s for s in steps if s not in STEPS]:
        raise ValueError(f"unknown benchmark step(s) {', '.join(unknown)}; use any of {', '.join(STEPS)}")
    out_json = Path(out_json)
    out = Path(work_dir or BENCH_OUT)
    out.mkdir(parents=True, exist_ok=True)
    results = _last_results
    results.clear()
    earlier = json.loads(out_json.read_text(encoding="utf-8")) if merge and out_json.exists() else {}
    results.update(earlier)
    results["meta"] = {"started_at": datetime.now().isoformat(timespec="seconds"), "sizes": list(sizes),
                       "runs": runs, "quick": quick, "dashboard_scale": list(scale),
                       "cpus": os.cpu_count(), "python": platform.python_version(),
                       "machine": platform.platform(), "memory": "psutil: RSS summed over the process tree, "
                       f"sampled every {RSS_SAMPLE_S} s", "seed": SEED}
    results["meta"]["parts"] = [*earlier.get("meta", {}).get("parts", []),
                                {"started_at": results["meta"]["started_at"], "steps": list(steps),
                                 "commit": _git_commit()}]

    def say(msg: str) -> None:
        print(f"[bench {datetime.now():%H:%M:%S}] {msg}", flush=True)

    def save(key: str, value: dict) -> None:
        results[key] = value
        out_json.parent.mkdir(parents=True, exist_ok=True)
        out_json.write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")

    if "extraction" in steps or "accuracy" in steps:
        n = extraction_documents or (30 if quick else 200)
        corpus = out / f"corpus-extract-{n}"
        generate.generate_corpus(corpus, n, SEED + 1)
        if "extraction" in steps:
            save("extraction", measure_extraction(corpus / generate.SOURCES_DIR, runs))
            say(f"extraction: {results['extraction']['mb_per_s']['median']:.2f} MB/s per core")
        if "accuracy" in steps:
            save("accuracy", {"documents": n, **measure_accuracy(corpus)})
            say(f"accuracy: {results['accuracy']}")
    if "judgement" in steps:
        n = judgement_documents or (60 if quick else 400)
        corpus = out / f"corpus-judge-{n}"
        generate.generate_corpus(corpus, n, SEED + 2)
        save("judgement", {"documents": n, **measure_judgements(corpus, out / f"data-judge-{n}",
                                                                out / f"judge-{n}.log")})
        j = results["judgement"]
        say(f"judgement: share judged {j.get('share_judged')} (truth {j.get('truth_share_judged')}), judged when "
            f"should {j.get('judged_when_should')}, not judged when should not {j.get('not_judged_when_should_not')}, "
            f"status agreement {j.get('status_agreement')}")
    if "refresh" in steps:
        measure_refreshes(tuple(sizes), runs, out, say, save)
    if "sample" in steps:
        save("sample_vs_dbt", measure_sample_vs_dbt(runs, out, say))
    if "dashboard" in steps:
        built = build_dashboard_warehouse(out / "data-dashboard", *scale, say=say)
        save("dashboard", {"build": built, **measure_dashboard(Path(built["serving_path"]),
                                                               repeats=max(5, 4 * runs), say=say)})
    results["meta"]["finished_at"] = datetime.now().isoformat(timespec="seconds")
    results["goals"] = goal_report(results)
    save("goals", results["goals"])
    print(render_table(results))
    return results


def _git_commit() -> str | None:
    """The commit measured (with '+changes' when the tree differs from it)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=PROJECT_ROOT, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                               text=True, cwd=PROJECT_ROOT).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+changes" if dirty else "")


def goal_report(results: dict) -> dict:
    """Each goal of issue 8 with the measured figure and whether it is met (None: not measured)."""
    def med(*path: str) -> float | None:
        node = results
        for p in path:
            node = node.get(p) if isinstance(node, dict) else None
            if node is None:
                return None
        return node if isinstance(node, float | int) else None

    largest = max((int(k.rsplit("_", 1)[1]) for k in results if k.startswith("full_refresh_")), default=None)
    figures = {
        "extraction_mb_per_s_per_core": med("extraction", "mb_per_s", "median"),
        "full_refresh_5000_s": med("full_refresh_5000", "wall_s", "median"),
        "peak_rss_mb": med(f"full_refresh_{largest}", "peak_rss_mb", "max") if largest else None,
        "add_one_s": med("add_one_refresh", "wall_s", "median"),
        "noop_refresh_s": med("noop_refresh", "wall_s", "median"),
        "sample_refresh_over_dbt_build": med("sample_vs_dbt", "ratio_wall", "median"),
        "dashboard_p95_ms": med("dashboard", "p95_ms"),
    }
    out = {}
    for name, (op, goal) in GOALS.items():
        v = figures[name]
        met = None if v is None else (v >= goal if op == ">=" else v <= goal)
        out[name] = {"measured": None if v is None else round(v, 3), "goal": f"{op} {goal:g}", "met": met}
    return out
