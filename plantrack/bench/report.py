"""The short table `make bench` prints from bench/results.json."""

from __future__ import annotations


def _fig(s: dict | None, unit: str, digits: int = 1) -> str:
    """median [min–max] of a stat dict."""
    if not s or s.get("median") is None:
        return "not measured"
    f = f"{{:.{digits}f}}"
    return f"{f.format(s['median'])} {unit} [{f.format(s['min'])}–{f.format(s['max'])}]"


def render_table(results: dict) -> str:
    rows: list[tuple[str, str]] = []
    ex = results.get("extraction")
    if ex:
        rows.append(("extraction (read+extract, 1 core)", _fig(ex["mb_per_s"], "MB/s", 2)))
        if "cpu_mb_per_s" in ex:  # (results written before it was measured lack it)
            rows.append(("extraction per CPU second (read+extract)", _fig(ex["cpu_mb_per_s"], "MB/s", 2)))
        rows.append(("extraction only (1 core)", _fig(ex["extract_mb_per_s"], "MB/s", 2)))
        rows.append(("documents per second (1 core)", _fig(ex["docs_per_s"], "docs/s", 1)))
    acc = results.get("accuracy")
    if acc:
        for kind in ("targets", "actuals"):
            a = acc[kind]
            p = "n/a" if a["precision"] is None else f"{100 * a['precision']:.1f}%"
            r = "n/a" if a["recall"] is None else f"{100 * a['recall']:.1f}%"
            strict = "" if a.get("strict_recall") is None else (
                f"; strict {100 * (a.get('strict_precision') or 0):.1f}% / {100 * a['strict_recall']:.1f}%")
            rows.append((f"{kind} precision / recall", f"{p} / {r} (gold {a['gold']}){strict}"))
    jd = results.get("judgement")
    if jd and jd.get("share_judged") is not None:
        pct = lambda x: "n/a" if x is None else f"{100 * x:.1f}%"  # noqa: E731
        rows.append((f"targets judged, {jd['documents']} docs", f"{pct(jd['share_judged'])} (truth "
                     f"{pct(jd['truth_share_judged'])}; {jd['found_by_extractor']}/{jd['targets']} targets found)"))
        rows.append(("  judged when should / not when not", f"{pct(jd['judged_when_should'])} / "
                     f"{pct(jd['not_judged_when_should_not'])}"))
        rows.append(("  status agreement", f"{pct(jd['status_agreement'])} of both judged; "
                     f"{pct(jd['status_agreement_of_should'])} of all that should be"))
    for key in sorted((k for k in results if k.startswith("full_refresh_")), key=lambda k: int(k.rsplit("_", 1)[1])):
        r = results[key]
        rows.append((f"full refresh, {r['documents']} docs", f"{_fig(r['wall_s'], 's')}; peak RSS "
                     f"{_fig(r['peak_rss_mb'], 'MB', 0)}; ok {r['succeeded']}/{r['runs']}"))
    if "noop_refresh" in results:
        r = results["noop_refresh"]
        rows.append((f"no-op refresh, {r['documents']} docs", f"{_fig(r['wall_s'], 's')} (job {_fig(r['job_s'], 's')})"))
    if "add_one_refresh" in results:
        r = results["add_one_refresh"]
        pct = r.get("pct_of_full_wall")
        floor = r.get("over_dbt_build_unchanged")
        rows.append((f"add one doc to {r['documents']}", f"{_fig(r['wall_s'], 's')} = "
                     f"{'?' if pct is None else f'{pct:.1f}'} % of full"
                     + ("" if floor is None else f" = {floor:.2f}x a dbt build with nothing changed")))
    if "dbt_build_unchanged" in results:
        r = results["dbt_build_unchanged"]
        rows.append((f"dbt build, nothing changed, {r['documents']} docs", _fig(r["wall_s"], "s")))
    sv = results.get("sample_vs_dbt")
    if sv:
        rows.append(("sample refresh / bare dbt build", f"{_fig(sv['refresh_wall_s'], 's')} / "
                     f"{_fig(sv['dbt_build']['wall_s'], 's')} = {_fig(sv['ratio_wall'], 'x', 2)}"))
    db = results.get("dashboard")
    if db:
        b = db["build"]
        rows.append((f"dashboard queries at {b['raw'].get('actuals', 0):,} actuals",
                     f"p50 {db['p50_ms']} ms, p95 {db['p95_ms']} ms ({db['queries']} queries, "
                     f"{len(db['errors'])} errors)"))
        if db.get("nearest_actuals"):
            rows.append(("  mart_nearest_actuals queries", f"p95 up to {db['nearest_actuals']['p95_ms_max']} ms "
                         f"({db['nearest_actuals']['queries']} queries; "
                         f"{b['marts'].get('mart_nearest_actuals', '?'):,} rows)"))
        rows.append(("  load + dbt build + publish", f"{b['load_s']:.0f} s + {b['dbt_build_s']:.0f} s + "
                     f"{b['publish_s']:.0f} s"))
    for name, g in (results.get("goals") or {}).items():
        mark = "n/a" if g["met"] is None else ("MET" if g["met"] else "MISSED")
        rows.append((f"goal {name}", f"{g['measured']} (goal {g['goal']}) {mark}"))
    width = max((len(k) for k, _ in rows), default=10)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


