"""`plantrack review` (list, show, export, import, migrate-overrides) and `plantrack correct`.

Registered on the main command in plantrack/cli.py; the work is plantrack/review.py's and
plantrack/corrections.py's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

# plantrack.corrections / plantrack.review are imported by the commands that use them: every other
# command (plantrack sql, its memory bound) starts without them.

SourcesOpt = Annotated[Path | None, typer.Option("--sources", help="Directory of documents (default $PLANTRACK_SOURCES or ./sources).")]
DataOpt = Annotated[Path | None, typer.Option("--data-dir", help="Data directory (default $PLANTRACK_DATA_DIR or ./data).")]
ByOpt = Annotated[str | None, typer.Option("--by", help="Who makes the correction (kept in its history).")]
WhyOpt = Annotated[str | None, typer.Option("--why", help="Why: what the quote or a release says (kept in its history).")]
RefreshOpt = Annotated[bool, typer.Option("--refresh", help="Run the refresh now, so the marts show it "
                                          "(no document is read again).")]

review_app = typer.Typer(
    help="What the product is unsure of (mart_review_queue), ranked by the judgements settling it would "
    "unlock: list it, show an item, export it as a spreadsheet for analysts' answers, import their answers.",
    no_args_is_help=False, invoke_without_command=True)


def _serving(sources: Path | None, data_dir: Path | None):
    from plantrack.cli import _open_serving, _settings

    settings = _settings(sources, data_dir)
    return settings, _open_serving(settings)


def _refresh(settings) -> None:
    from orchestration.in_process import refresh as run_refresh
    from plantrack.cli import _exit_now

    result = run_refresh(settings, workers=0, force=False)
    typer.echo(result.render())
    if not result.success:
        _exit_now(1)


def _show_table(frame) -> None:
    import polars as pl

    with pl.Config(tbl_rows=500, tbl_cols=20, fmt_str_lengths=120, tbl_width_chars=300):
        typer.echo(frame)


@review_app.callback()
def review_list(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(help="Items to list (0 = all).")] = 30,
    sources: SourcesOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """List the review list, most judgements unlocked first, and the corrections left orphaned."""
    if ctx.invoked_subcommand is not None:
        return
    from plantrack import review

    _, con = _serving(sources, data_dir)
    s = review.summary(con)
    typer.echo(f"待核对 review list: {s['items']} items; settling them would unlock {s['judgements_unlocked']} "
               "judgements")
    for reason, n, unlocks in s["by_reason"]:
        typer.echo(f"  {reason}: {n} items, {int(unlocks or 0)} judgements")
    _show_table(review.queue(con, limit or None))
    if s["orphaned"]:
        typer.echo(f"\n{s['orphaned']} corrections are orphaned (their quote is in no current version of the "
                   "document): redo them")
        _show_table(con.sql("SELECT correction_id, corrected_by, corrected_at, field, change, source_file, quote, "
                            "orphaned_reason FROM mart_corrections WHERE status = 'orphaned' ORDER BY corrected_at").pl())
    typer.echo("\nplantrack review show ITEM · plantrack correct ITEM --year … --by … --why … · "
               "plantrack review export review.xlsx")


@review_app.command("show")
def review_show(
    item: Annotated[str, typer.Argument(help="A review item (r_…), target (t_…), actual (a_…) or document.")],
    sources: SourcesOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """One item: what the product read, why it is unsure, the quote, its best answer, the corrections made."""
    from plantrack import review
    from plantrack.corrections import Refused

    _, con = _serving(sources, data_dir)
    cur = con.execute("SELECT * FROM mart_review_queue WHERE item_id = ?", [item])
    names = [d[0] for d in cur.description]
    for row in cur.fetchall():
        for k, v in zip(names, row, strict=True):
            typer.echo(f"{k:>20}: {v}")
    try:
        subject = review.find(con, item)
    except Refused as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    typer.echo(f"\n{subject.kind} of {subject.source_file} ({subject.document_id[:12]})")
    if subject.quote:
        typer.echo(f"  quote [{subject.char_start}:{subject.char_end}]: {subject.quote}")
    for k, v in (subject.now or {}).items():
        typer.echo(f"  {k}: {v}")
    key = [subject.document_id, subject.quote, subject.char_start] if subject.quote else [subject.document_id, None, None]
    history = con.sql(
        "SELECT corrected_at, corrected_by, field, change, why, status FROM mart_corrections WHERE document_id = ? "
        "AND quote IS NOT DISTINCT FROM ? AND char_start IS NOT DISTINCT FROM ? ORDER BY corrected_at",
        params=key).pl()
    if history.height:
        typer.echo("\ncorrections:")
        _show_table(history)


@review_app.command("export")
def review_export(
    file: Annotated[Path, typer.Argument(help="review.xlsx or review.csv", dir_okay=False)],
    sources: SourcesOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Write the review list as a spreadsheet with columns for the analyst's answer (field, answer, by, why)."""
    from plantrack import review
    from plantrack.corrections import Refused

    _, con = _serving(sources, data_dir)
    try:
        n = review.export(con, file)
    except Refused as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    typer.echo(f"wrote {n} items to {file}; fill in field / answer / by / why, then: plantrack review import {file}")


@review_app.command("import")
def review_import(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="The answered spreadsheet (.xlsx or .csv).")],
    by: ByOpt = None,
    why: WhyOpt = None,
    apply_valid: Annotated[bool, typer.Option("--apply-valid", help="Apply the good rows even when some "
                                              "are refused (by default a file with errors applies nothing).")] = False,
    refresh: RefreshOpt = False,
    sources: SourcesOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Read the analysts' answers back: every answered row is checked (a message per bad row, with its row
    number); nothing is applied from a file with errors unless --apply-valid."""
    from plantrack import corrections, review

    settings, con = _serving(sources, data_dir)
    result = review.read_answers(con, file, by, why)
    con.close()
    for e in result.errors:
        typer.echo(f"refused {e}", err=True)
    if result.errors and not apply_valid:
        typer.echo(f"{len(result.errors)} of {result.answered} answered rows refused: nothing applied "
                   "(fix them, or --apply-valid to apply the others)", err=True)
        raise typer.Exit(2)
    n = corrections.append(settings.data_dir, result.corrections)
    typer.echo(f"applied {n} corrections from {file} ({len(result.errors)} refused); the next refresh shows them")
    if refresh and n:
        _refresh(settings)
    if result.errors:
        raise typer.Exit(2)


@review_app.command("migrate-overrides")
def review_migrate(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False,
                                                help="Old dbt_project/seeds/target_overrides.csv / actual_overrides.csv")],
    refresh: RefreshOpt = False,
    sources: SourcesOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Move the rows of the retired override seeds (keyed by the extractor's ids) into the corrections
    log (keyed by the text), keeping who, when and why."""
    from plantrack import corrections, review

    settings, con = _serving(sources, data_dir)
    found, problems = review.migrate_overrides(con, files)
    con.close()
    for p in problems:
        typer.echo(f"not migrated: {p}", err=True)
    n = corrections.append(settings.data_dir, found)
    typer.echo(f"migrated {n} overrides into {corrections.log_path(settings.data_dir)}")
    if refresh and n:
        _refresh(settings)
    if problems:
        raise typer.Exit(2)


def correct(
    what: Annotated[str, typer.Argument(help="A review item (r_…), a target (t_…) or actual value (a_…) id, "
                                        "or a document (sha256, its first 8+ characters, or its file name).")],
    year: Annotated[str | None, typer.Option(help="The value's year (target year / year reported on).")] = None,
    period: Annotated[str | None, typer.Option(help="A value's period (全年, 上半年, 1-7月 …); a document's "
                                               "period: 2021-2025 (a plan) or 2024 / 2024 上半年 (a release).")] = None,
    kind: Annotated[str | None, typer.Option(help="A value: target, actual or estimate. A document: plan, "
                                             "bulletin, work_review … (as plantrack add --type).")] = None,
    value: Annotated[str | None, typer.Option(help="The number, in the unit shown.")] = None,
    unit: Annotated[str | None, typer.Option(help="The unit (亿元, %, 个 …).")] = None,
    indicator: Annotated[str | None, typer.Option(help="A catalog indicator (indicator_id or its name).")] = None,
    place: Annotated[str | None, typer.Option(help="The region (name or GB/T 2260 code).")] = None,
    date: Annotated[str | None, typer.Option("--date", help="A document's issue date (2024-12-27).")] = None,
    exclude: Annotated[bool | None, typer.Option("--exclude/--include", help="Leave the value out of every "
                                                 "judgement (or take it back in).")] = None,
    by: ByOpt = None,
    why: WhyOpt = None,
    refresh: RefreshOpt = False,
    sources: SourcesOpt = None,
    data_dir: DataOpt = None,
) -> None:
    """Correct what the product read, once: a value's year, period, kind, value, unit, indicator or place,
    or exclude it; a document's place, kind, date or period. Kept in the data directory, keyed by the
    document's content and the quote (it survives a better extractor); the next refresh applies it."""
    from plantrack import corrections, review
    from plantrack.corrections import Refused

    settings, con = _serving(sources, data_dir)
    given = {"year": year, "period": period, "kind": kind, "value": value, "unit": unit, "indicator": indicator,
             "place": place, "date": date, "exclude": None if exclude is None else ("yes" if exclude else "no")}
    given = {k: v for k, v in given.items() if v is not None}
    try:
        if not given:
            raise Refused("nothing to correct: give --year, --period, --kind, --value, --unit, --indicator, "
                          "--place, --date or --exclude")
        subject = review.find(con, what)
        made = [subject.correction(f, v, by or "", why or "") for f, v in given.items()]
    except Refused as exc:
        typer.echo(f"refused: {exc}", err=True)
        raise typer.Exit(2) from None
    finally:
        con.close()
    corrections.append(settings.data_dir, made)
    for c in made:
        typer.echo(f"corrected {c.field}: {c.before if c.before is not None else '∅'} → "
                   f"{c.after_label or c.after} ({subject.kind} of {subject.source_file}"
                   + (f", “{subject.quote[:60]}”" if subject.quote else "") + ")")
    if refresh:
        _refresh(settings)
    else:
        typer.echo("the next refresh applies it (or: plantrack correct … --refresh)")
