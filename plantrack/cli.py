"""The `plantrack` command: refresh the warehouse, see its state, query it, add documents, serve."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from plantrack.config import PROJECT_ROOT, Settings, load_settings

app = typer.Typer(
    help="plantrack: are the targets in government plans being met?\n\n"
    "Documents (plans and statistical releases) under the sources directory are read, every target and "
    "actual value is extracted with its quote, dbt builds target-versus-actual marts, Great Expectations "
    "checks them, and the marts are published to a read-only serving file for Superset and analysts.\n\n"
    "Settings come from PLANTRACK_SOURCES (default ./sources) and PLANTRACK_DATA_DIR (default ./data); "
    "--sources / --data-dir override them on any command.",
    no_args_is_help=True,
    add_completion=False,
)

SourcesOpt = Annotated[Path | None, typer.Option("--sources", help="Directory of documents (default $PLANTRACK_SOURCES or ./sources).")]
DataOpt = Annotated[Path | None, typer.Option("--data-dir", help="Data directory (default $PLANTRACK_DATA_DIR or ./data).")]


def _settings(sources: Path | None, data_dir: Path | None) -> Settings:
    settings = load_settings(sources, data_dir)
    # Child processes (dbt, Superset scripts) see the same choice.
    os.environ["PLANTRACK_SOURCES"] = str(settings.sources_dir)
    os.environ["PLANTRACK_DATA_DIR"] = str(settings.data_dir)
    return settings


@app.command()
def refresh(
    sources: SourcesOpt = None,
    data_dir: DataOpt = None,
    workers: Annotated[int, typer.Option(help="Processes for reading and extraction (0 = one per core).")] = 0,
    force: Annotated[bool, typer.Option(help="Rebuild and republish even when nothing changed.")] = False,
) -> None:
    """Run the whole nightly job now, in this process: read new documents, extract, load, dbt build,
    check, publish. Exits non-zero when the run failed (the serving file then keeps the last good data)."""
    from orchestration.in_process import refresh as run_refresh  # Dagster, driven in this process

    settings = _settings(sources, data_dir)
    result = run_refresh(settings, workers=workers, force=force)
    typer.echo(result.render())
    if result.summary.get("nothing_changed"):
        raise typer.Exit(0)
    _exit_now(0 if result.success else 1)


def _exit_now(code: int) -> None:
    """Exit without tearing down the modules a full run imported (Dagster, dbt, GX, pandas): that
    teardown takes ≈ 1.4 s and does nothing useful. Everything is written and closed by now; the
    exit handlers (logging) still run."""
    import atexit

    if sys.stdout is not sys.__stdout__:  # invoked in-process (a test's CliRunner): exit politely
        raise typer.Exit(code)
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


# Analysts read the marts and nothing else: no files, no network, no extensions, no changing this back.
SERVING_LOCKDOWN = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "allow_unsigned_extensions": False,
}
DEFAULT_SHOWN_ROWS = 200
# How long `plantrack sql` may spend counting the rows of a result it cut, before saying "more than".
COUNT_SECONDS = 10.0


def _open_serving(settings: Settings):
    import duckdb

    if not settings.serving_path.exists():
        typer.echo(f"No serving file at {settings.serving_path} yet: run `plantrack refresh` first.", err=True)
        raise typer.Exit(2)
    con = duckdb.connect(str(settings.serving_path), read_only=True, config=dict(SERVING_LOCKDOWN))
    con.execute("SET search_path = 'marts'")
    con.execute("SET lock_configuration = true")
    return con


def _fetch_shown(con, query: str, limit: int):
    """The query's relation, its first `limit` rows as a Polars frame, and whether there were more.

    The result is streamed in Arrow batches and only what is shown (plus one row, to know it was cut)
    is ever held: a hundred-million-row result costs what 200 rows cost. (A DB-API `execute` would
    materialize the whole result first.) (None, None, False) for a statement with no result.
    """
    import polars as pl
    import pyarrow as pa

    rel = con.sql(query)
    if rel is None:
        return None, None, False
    # Batches of DuckDB's vector size at least: smaller ones make it buffer more ahead (a 4-row batch
    # size held 370 MB, 2,048 rows 110 MB, on a 100 M-row result).
    reader = rel.to_arrow_reader(max(2048, min(limit + 1, 10_000)))
    batches, held = [], 0
    try:
        for batch in reader:
            batches.append(batch.slice(0, limit + 1 - held))
            held += batches[-1].num_rows
            if held > limit:
                break
        schema = reader.schema
    finally:
        reader.close()  # the connection takes no other query while a result is open
    table = pa.Table.from_batches(batches, schema=schema)
    return rel, pl.from_arrow(table.slice(0, limit)), held > limit


def _count_rows(con, rel) -> int | None:
    """The whole result's row count, when DuckDB counts it within COUNT_SECONDS (else None)."""
    import threading

    import duckdb

    timer = threading.Timer(COUNT_SECONDS, con.interrupt)
    timer.start()
    try:
        return rel.aggregate("count(*)").fetchall()[0][0]
    except duckdb.Error:
        return None
    finally:
        timer.cancel()


def _print_query(con, query: str, limit: int = DEFAULT_SHOWN_ROWS) -> None:
    rel, frame, cut = _fetch_shown(con, query, limit)
    if frame is None:
        typer.echo("ok")
        return
    import polars as pl

    # Whole cells: a quarantine reason or a quote ends with what matters (what to do, the value).
    with pl.Config(tbl_rows=limit, tbl_cols=30, fmt_str_lengths=2000, tbl_width_chars=400):
        typer.echo(frame)
    if cut:
        total = _count_rows(con, rel)
        of = f"{total:,}" if total is not None else f"more than {limit:,}"
        typer.echo(f"(showing the first {limit:,} rows of {of}; --limit N shows more, or add LIMIT / "
                   "an aggregate to the query)")


@app.command()
def status(sources: SourcesOpt = None, data_dir: DataOpt = None) -> None:
    """Last runs and their outcome, failing quality checks, overdue sources, quarantined documents,
    and where the serving file and quality reports are."""
    settings = _settings(sources, data_dir)
    con = _open_serving(settings)
    age = time.time() - settings.serving_path.stat().st_mtime
    typer.echo(f"serving file: {settings.serving_path} (published {age / 3600:.1f} h ago)")
    sections = [
        ("Last runs", "SELECT run_id[:8] AS run, status, started_at, finished_at, documents_read, "
         "documents_quarantined, targets, actuals, message FROM runs ORDER BY started_at DESC LIMIT 5"),
        ("Failing quality checks (last checked run)",
         "SELECT severity, suite, check_name, affected_rows, message FROM quality_check_results "
         "WHERE NOT passed AND run_id = (SELECT run_id FROM quality_check_results "
         "ORDER BY checked_at DESC LIMIT 1) ORDER BY severity, check_name"),
        ("Source freshness", "SELECT * FROM mart_source_freshness ORDER BY is_overdue DESC, region_code"),
        ("Documents", "SELECT source_file, doc_type, region_code, issued_on, ingested_at FROM dim_document "
         "WHERE is_current ORDER BY ingested_at DESC"),
        ("Quarantined documents", "SELECT source_file, error_code, reason FROM mart_quarantined_documents"),
    ]
    for title, query in sections:
        typer.echo(f"\n{title}:")
        try:
            _print_query(con, query, limit=50)
        except Exception as exc:  # a mart a later issue adds may be missing: say so, go on
            typer.echo(f"  (not available: {str(exc).splitlines()[0]})")
    gx = settings.reports_dir / "gx" / "index.html"
    typer.echo(f"\nQuality reports (GX Data Docs): {gx if gx.exists() else 'not built yet'}")


@app.command()
def sql(
    query: Annotated[str | None, typer.Argument(help="One query to run; omit it for an interactive prompt.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many rows of a result (only these "
                                       "are fetched; the row count is stated when it is cut).")] = DEFAULT_SHOWN_ROWS,
    sources: SourcesOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Read-only SQL on the serving file's marts (tables: fct_plan_targets, mart_target_progress, ...).

    Example: plantrack sql "SELECT status, count(*) FROM mart_target_progress GROUP BY 1"
    """
    settings = _settings(sources, data_dir)
    con = _open_serving(settings)
    if query:
        try:
            _print_query(con, query, limit)
        except Exception as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from exc
        return
    tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name='marts'"
                                        " ORDER BY 1").fetchall()]
    typer.echo("Read-only SQL on the marts. Tables: " + ", ".join(tables) + "\nEnd a query with ';'. Ctrl-D quits.")
    buffer = ""
    while True:
        try:
            line = input("plantrack> " if not buffer else "      ...> ")
        except EOFError:
            typer.echo("")
            return
        buffer += line + "\n"
        if buffer.strip().endswith(";"):
            try:
                _print_query(con, buffer, limit)
            except Exception as exc:
                typer.echo(f"error: {exc}")
            buffer = ""


@app.command()
def add(
    file: Annotated[Path, typer.Argument(help="The document to add (a regular file; links are not followed).")],
    region: Annotated[str | None, typer.Option(help="Region it is for, e.g. 江津区 or 500116 (checked against "
                                               "the national division list).")] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="plan or release (or a precise type: "
                                                 "plan, opinions, annual_plan, bulletin, economic_report, "
                                                 "execution_report, government_report, work_review).")] = None,
    issued: Annotated[str | None, typer.Option(help="Issue date, YYYY-MM-DD, not after today.")] = None,
    title: Annotated[str | None, typer.Option(help="Title, when the text does not make it clear (one line, "
                                              "at most 300 characters).")] = None,
    name: Annotated[str | None, typer.Option(help="File name to use in the sources directory (a plain "
                                             "name: no folders, no leading '.').")] = None,
    sources: SourcesOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Copy a document into the sources directory, with optional metadata in a sidecar file
    (<name>.meta.json). The sensor (under `plantrack serve`) notices it and starts a refresh;
    or run `plantrack refresh`. Anything refused is said in one line, exit code 2, nothing written."""
    from plantrack import adding

    settings = _settings(sources, data_dir)
    try:
        addition = adding.plan(file, name=name, region=region, doc_type=doc_type, issued=issued, title=title,
                               max_bytes=settings.max_document_bytes)
        dest = adding.apply(addition, settings.sources_dir)
    except adding.Refused as refused:
        typer.echo(f"plantrack add: refused: {refused}", err=True)
        raise typer.Exit(2) from None
    meta = addition.meta
    typer.echo(f"added {dest}" + (f" with metadata {meta}" if meta else ""))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind; keep 127.0.0.1 unless behind a proxy.")] = "127.0.0.1",
    dagster_port: Annotated[int, typer.Option(help="Dagster UI port.")] = 3000,
    docs_port: Annotated[int, typer.Option(help="dbt docs and quality reports port.")] = 8580,
    superset: Annotated[bool, typer.Option(help="Also start Superset (superset/manage.sh).")] = True,
    sources: SourcesOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Dagster's UI and daemon (so the 02:00 schedule and the sources sensor run), Superset, and the
    dbt docs / quality reports, all bound to 127.0.0.1 by default. Ctrl-C stops them."""
    # Ctrl-C must stop serve whatever its parent did: a shell without job control starts a background job
    # (`… &`, nohup, CI) with SIGINT ignored, and Python then never raises KeyboardInterrupt. A handler set
    # here is also reset to the default in every child at exec, so dagster dev hears the SIGINT it is sent.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    settings = _settings(sources, data_dir)
    env = {**os.environ, "DAGSTER_HOME": str(settings.dagster_home),
           "PLANTRACK_WAREHOUSE": str(settings.warehouse_path), "PLANTRACK_SUPERSET_HOST": host}
    _write_dagster_yaml(settings.dagster_home)
    bin_dir = Path(sys.executable).parent
    docs_dir = _build_docs_site(settings, env)
    # Own sessions: Ctrl-C reaches only this process, which then stops each tree as a whole.
    procs = [
        subprocess.Popen([str(bin_dir / "dagster"), "dev", "-m", "orchestration.definitions", "-h", host,
                          "-p", str(dagster_port)], cwd=PROJECT_ROOT, env=env, start_new_session=True),
        subprocess.Popen([sys.executable, "-m", "http.server", "--bind", host, "--directory", str(docs_dir),
                          str(docs_port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True),
    ]
    if superset:
        subprocess.run(["bash", str(PROJECT_ROOT / "superset" / "manage.sh"), "setup"], env=env, check=False)
        subprocess.run(["bash", str(PROJECT_ROOT / "superset" / "manage.sh"), "start"], env=env, check=False)
    typer.echo(f"Dagster:   http://{host}:{dagster_port}\n"
               f"dbt docs:  http://{host}:{docs_port}/dbt/  quality reports: http://{host}:{docs_port}/gx/")
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` stops it like Ctrl-C does
    try:
        while all(p.poll() is None for p in procs):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        _stop_trees(procs)
        if superset:
            subprocess.run(["bash", str(PROJECT_ROOT / "superset" / "manage.sh"), "stop"], env=env, check=False)


def _stop_trees(procs: list[subprocess.Popen], grace_s: float = 15) -> None:
    """SIGINT to each tree (dagster dev shuts its code server, daemon and UI down), then SIGKILL to
    whatever of it is still alive after `grace_s`: a run in progress is stopped rather than left
    publishing after `serve` has returned (a killed run leaves the serving file as it was)."""
    import psutil

    typer.echo(f"Stopping (up to {grace_s:.0f} s, then whatever is left is killed)…", err=True)
    tree: list[psutil.Process] = []
    for p in procs:
        try:
            root = psutil.Process(p.pid)
            tree += [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
    for p in procs:
        try:
            os.killpg(p.pid, signal.SIGINT)
        except ProcessLookupError:
            pass
    _, alive = psutil.wait_procs(tree, timeout=grace_s)
    # children started during the shutdown (run workers) count too
    for proc in list(alive):
        try:
            alive += proc.children(recursive=True)
        except psutil.NoSuchProcess:
            continue
    for proc in alive:
        try:
            proc.kill()
        except psutil.NoSuchProcess:
            continue
    psutil.wait_procs(alive, timeout=10)
    for p in procs:
        p.poll()
    typer.echo(f"Stopped ({len(alive)} process(es) killed after the grace time).", err=True)


def _write_dagster_yaml(home: Path) -> None:
    """One run at a time and a pool of one for the warehouse writer."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").write_text(
        "concurrency:\n  runs:\n    max_concurrent_runs: 1\n  pools:\n    default_limit: 1\n"
        "telemetry:\n  enabled: false\n", encoding="utf-8")


def _build_docs_site(settings: Settings, env: dict) -> Path:
    """dbt docs (generated now) and the GX Data Docs, under one static directory."""
    site = settings.data_dir / "site"
    site.mkdir(parents=True, exist_ok=True)
    dbt_dir = PROJECT_ROOT / "dbt_project"
    subprocess.run([str(Path(sys.executable).parent / "dbt"), "docs", "generate", "--quiet",
                    "--project-dir", str(dbt_dir), "--profiles-dir", str(dbt_dir)], env=env, check=False)
    for name, src in (("dbt", dbt_dir / "target"), ("gx", settings.reports_dir / "gx")):
        link = site / name
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(src, target_is_directory=True)
    (site / "index.html").write_text('<a href="dbt/">dbt docs</a> | <a href="gx/">quality reports</a>',
                                     encoding="utf-8")
    return site


bench_app = typer.Typer(help="The benchmark: a synthetic corpus at national scale, and the figures of issue 8.",
                        no_args_is_help=True)
app.add_typer(bench_app, name="bench")


@bench_app.command("generate")
def bench_generate(
    out: Annotated[Path, typer.Option(help="Directory to write the documents into.")] = PROJECT_ROOT / "bench" / "out" / "corpus",
    documents: Annotated[int, typer.Option(help="How many documents.")] = 100,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same corpus).")] = 1,
) -> None:
    """Write plans and releases for many regions and years (.txt, .docx, .pdf), with the expected
    extractions beside them."""
    from plantrack.bench.generate import generate_corpus

    expected = generate_corpus(out, documents, seed)
    typer.echo(f"wrote {documents} documents to {out}; expected extractions: {expected}")


@bench_app.command("run")
def bench_run(
    out: Annotated[Path, typer.Option(help="Where to write the results.")] = PROJECT_ROOT / "bench" / "results.json",
    quick: Annotated[bool, typer.Option(help="Small sizes, for a smoke run.")] = False,
    runs: Annotated[int, typer.Option(help="Repetitions per figure (median, min, max).")] = 3,
    steps: Annotated[str | None, typer.Option(
        help="Comma-separated subset of extraction,accuracy,judgement,refresh,sample,dashboard (default: all).")] = None,
    merge: Annotated[bool, typer.Option(
        help="Keep the other figures already in --out; replace only those of --steps.")] = False,
) -> None:
    """Measure extraction throughput, full / no-op / add-one refreshes, peak memory and dashboard
    query latency; print a table and write JSON."""
    from plantrack.bench.run import run_benchmark

    chosen = tuple(s.strip() for s in steps.split(",") if s.strip()) if steps else None
    run_benchmark(out, runs=runs, quick=quick, steps=chosen, merge=merge)


@app.command(name="eval")
def evaluate_cmd(
    gold: Annotated[list[Path], typer.Option("--gold", exists=True, help="Labelled CSV (targets or actuals, "
                                             "in the format of shared/labelled), or a corpus in the realworld "
                                             "format (a values.csv, or a folder of values*.csv / documents*.csv "
                                             "with the texts in texts/). Repeat for several.")],
    sources: SourcesOpt = None,
    documents: Annotated[Path | None, typer.Option(
        "--documents", exists=True, help="Labelled documents (source_file, region, region_code, doc_type, "
        "issued_on, period_year, period_label); default: documents.csv beside the gold CSV, if any.")] = None,
    non_values: Annotated[Path | None, typer.Option(
        "--non-values", exists=True, help="Numbers that are not values (source_file, number, context, reason); "
        "default: non_values.csv beside the gold CSV, if any.")] = None,
    brief: Annotated[bool, typer.Option(help="Realworld corpora: the figures only, not the lists.")] = False,
    json_out: Annotated[Path | None, typer.Option(
        "--json", help="Realworld corpora: also write the figures of each as JSON here.")] = None,
    data_dir: Annotated[Path | None, typer.Option(
        "--data-dir", help="Realworld corpora: score what this data directory's serving file publishes "
        "(fct_plan_targets, fct_indicator_actuals, dim_document after `plantrack refresh --sources <texts>`) "
        "instead of reading the texts again.")] = None,
) -> None:
    """Precision and recall of the extractor against a labelled CSV, with misses and false hits listed.

    Also: the strict figure (kind, comparator, region and period agree too), values found in any year
    beside those found with the right year, each document's region, code, kind, issue date and period,
    and the share of labelled numbers-that-are-not-values the extractor left alone.

    A realworld corpus gets one block: values found with the right year, with a WRONG year (and its
    share of those found), with no year, as the other kind (target / actual / estimate), not found, all
    and core tier; negatives left alone; documents' fields right / wrong / empty. Every text is read
    through the function a refresh's workers use.

    With --data-dir, a realworld corpus is scored on the rows the product published (the serving file of
    that data directory, after `plantrack refresh --sources <the corpus's texts>`): same matching, same
    report, so the two figures differ only by what loading, dbt and publishing did."""
    import json

    from plantrack.evaluate import evaluate, evaluate_published, evaluate_realworld, is_realworld

    settings = _settings(sources, data_dir)
    if data_dir is not None and not settings.serving_path.exists():
        typer.echo(f"No serving file at {settings.serving_path} yet: run `plantrack refresh` first.", err=True)
        raise typer.Exit(2)
    reports = []
    summaries = []
    for path in gold:
        if data_dir is not None and not is_realworld(path):
            typer.echo(f"--data-dir scores realworld-format corpora only (values*.csv, documents*.csv): {path}",
                       err=True)
            raise typer.Exit(2)
        if is_realworld(path):
            corpus = (evaluate_published(path, settings.serving_path) if data_dir is not None
                      else evaluate_realworld(path, settings.max_document_bytes))
            summaries.append(corpus.summary())
            typer.echo(corpus.render(details=not brief) + "\n")
            continue
        if path.is_dir():
            typer.echo(f"{path} holds no values*.csv: give a realworld-format folder or the labelled CSV files "
                       f"themselves (e.g. --gold {path / 'targets.csv'} --gold {path / 'actuals.csv'})", err=True)
            raise typer.Exit(2)
        # the document and non-value figures do not depend on the gold CSV: print them once
        report = evaluate(path, settings.sources_dir, documents, non_values)
        if reports:
            report.documents, report.non_values = [], []
        reports.append(report)
        typer.echo(report.render())
    if json_out is not None:
        json_out.write_text(json.dumps(summaries, ensure_ascii=False, indent=1), encoding="utf-8")
    if len(reports) > 1:  # the figure: targets and actual values together
        n = sum(len(r.overall.gold) for r in reports)
        right, anyyear, strict = (sum(f(r.overall) for r in reports) for f in (
            lambda o: len(o.matches), lambda o: o.found_any_year, lambda o: o.strict_matches))
        typer.echo(f"\nall statements ({n}): found with the right year {right} ({100 * right / max(n, 1):.1f}%), "
                   f"in any year {anyyear} ({100 * anyyear / max(n, 1):.1f}%), strict {strict} "
                   f"({100 * strict / max(n, 1):.1f}%)")


if __name__ == "__main__":
    app()


# The review list and corrections (plantrack/review_cli.py)
from plantrack.review_cli import correct, review_app  # noqa: E402

app.add_typer(review_app, name="review")
app.command()(correct)
