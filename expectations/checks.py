"""Run declared checks as Great Expectations 1.x suites on pandas frames, and explain the results.

A layer module (raw_statements, marts, cross_run) reads its frames from DuckDB and declares its
checks; `validate` turns them into one GX suite per frame, runs each on its dataframe in an
ephemeral context, builds Data Docs, and turns every expectation result into a `CheckOutcome`
whose message a person can act on.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from expectations.outcome import CheckOutcome
from expectations.severity import severity_of

# GX would otherwise try to phone home from a nightly job; nothing here needs it.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import great_expectations as gx  # noqa: E402
from great_expectations.core.run_identifier import RunIdentifier  # noqa: E402
from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: E402

logger = logging.getLogger(__name__)

DOCS_SITE = "plantrack"
DOCUMENT_COLUMN = "document_id"
MAX_EXAMPLES = 3


@dataclass(frozen=True)
class Evidence:
    """What a failed (or passed) expectation saw, in plain values."""

    total: int  # rows in the frame
    bad: int  # rows that broke the rule (column expectations) or 0
    examples: list[dict[str, Any]]  # failing rows: the expectation's column plus the `show` columns
    result: dict[str, Any]  # GX's result dict, for table-level expectations
    frame: pd.DataFrame


@dataclass(frozen=True)
class Check:
    """One rule on one frame. `rows` names the frame's rows in the plural ("targets of current
    documents"); `problem` completes "N of M <rows> ..." for the failing ones; `advice` says what to do."""

    name: str
    rule: str  # severity key in severity.yml
    frame: str
    expectation: Any  # a gx.expectations.Expectation, fresh per run
    rows: str
    problem: str
    advice: str
    expected: str
    show: tuple[str, ...] = ()  # columns quoted in examples, the row's id first
    # For table-level expectations: (evidence) -> (message, affected_rows, observed)
    describe: Callable[[Evidence], tuple[str, int, str]] | None = field(default=None, compare=False)

    @property
    def severity(self) -> str:
        return severity_of(self.rule)


def validate(suite: str, frames: dict[str, pd.DataFrame | None], checks: list[Check], run_id: str,
             docs_dir: Path | None) -> list[CheckOutcome]:
    """Run every check; a check whose frame could not be read fails once per missing frame."""
    context = _context(docs_dir)
    source = context.data_sources.add_pandas(suite)
    run = RunIdentifier(run_name=run_id, run_time=datetime.now(UTC))
    outcomes: list[CheckOutcome] = []
    by_frame: dict[str, list[Check]] = {}
    for check in checks:
        by_frame.setdefault(check.frame, []).append(check)
    for frame_name, frame_checks in by_frame.items():
        frame = frames.get(frame_name)
        if frame is None:
            outcomes.append(_missing(suite, frame_checks[0]))
            continue
        outcomes.extend(_run_frame(context, source, suite, frame_name, frame, frame_checks, run))
    if docs_dir is not None:
        _build_docs(context)
    return outcomes


def _context(docs_dir: Path | None):
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    if docs_dir is not None:
        docs_dir.mkdir(parents=True, exist_ok=True)
        context.add_data_docs_site(DOCS_SITE, {
            "class_name": "SiteBuilder",
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                              "base_directory": str(docs_dir)},
        })
    return context


def _build_docs(context) -> None:
    # Data Docs are for reading, not gating: a rendering failure must not fail the refresh.
    try:
        context.build_data_docs(site_names=[DOCS_SITE])
    except Exception as exc:  # noqa: BLE001
        logger.warning("GX Data Docs were not built: %s", exc)


def _run_frame(context, source, suite: str, frame_name: str, frame: pd.DataFrame, checks: list[Check],
               run: RunIdentifier) -> list[CheckOutcome]:
    asset = source.add_dataframe_asset(frame_name)
    batch = asset.add_batch_definition_whole_dataframe(f"{frame_name}_whole")
    gx_suite = context.suites.add(gx.ExpectationSuite(name=f"{suite}.{frame_name}"))
    for check in checks:
        check.expectation.meta = {**(check.expectation.meta or {}), "check": check.name,
                                  "severity": check.severity}
        check.expectation.description = f"{check.name} ({check.severity}): {check.expected}"
        gx_suite.add_expectation(check.expectation)
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=f"{suite}.{frame_name}", data=batch, suite=gx_suite))
    show = sorted({c for check in checks for c in check.show if c in frame.columns}
                  | ({DOCUMENT_COLUMN} if DOCUMENT_COLUMN in frame.columns else set()))
    # COMPLETE: every failing row's document, not only the first 20 (which documents to hold back)
    result_format: dict[str, Any] = {"result_format": "COMPLETE" if DOCUMENT_COLUMN in frame.columns
                                     else "SUMMARY", "partial_unexpected_count": 20}
    if show:
        result_format["unexpected_index_column_names"] = show
    validation = definition.run(batch_parameters={"dataframe": frame}, result_format=result_format,
                                run_id=run)
    by_name = {c.name: c for c in checks}
    outcomes = []
    for res in validation.results:
        check = by_name[res.expectation_config.meta["check"]]
        outcomes.append(_outcome(suite, check, res, frame))
    return outcomes


def _outcome(suite: str, check: Check, res, frame: pd.DataFrame) -> CheckOutcome:
    result = dict(res.result or {})
    if res.exception_info and res.exception_info.get("raised_exception"):
        msg = res.exception_info.get("exception_message")
        return CheckOutcome(suite, check.name, check.severity, False, "the check raised an error",
                            check.expected, 0,
                            f"The check {check.name} could not run on {check.rows}: {msg}. "
                            "Fix the check or the table's shape.")
    examples = result.get("partial_unexpected_index_list") or (result.get("unexpected_index_list") or [])[:20]
    if not examples and result.get("partial_unexpected_list"):
        examples = [{"value": v} for v in result["partial_unexpected_list"]]
    documents = sorted({str(row[DOCUMENT_COLUMN]) for row in (result.get("unexpected_index_list") or [])
                        if isinstance(row, dict) and row.get(DOCUMENT_COLUMN) is not None})
    evidence = Evidence(total=len(frame), bad=int(result.get("unexpected_count") or 0),
                        examples=[dict(e) for e in examples], result=result, frame=frame)
    if check.describe is not None:
        message, affected, observed = check.describe(evidence)
    elif res.success:
        message = (f"All {evidence.total} {check.rows} pass: {check.expected}." if evidence.total
                   else f"Nothing to check: there are no {check.rows}.")
        affected, observed = 0, f"0 of {evidence.total} rows"
    else:
        example = format_examples(evidence.examples, check.show)
        message = (f"{evidence.bad} of {evidence.total} {check.rows} {check.problem}"
                   f"{f', e.g. {example}' if example else ''}. {check.advice}")
        affected, observed = evidence.bad, f"{evidence.bad} of {evidence.total} rows"
    return CheckOutcome(suite, check.name, check.severity, bool(res.success), observed, check.expected,
                        int(affected), message, [] if res.success else documents)


def format_examples(examples: list[dict[str, Any]], show: tuple[str, ...], limit: int = MAX_EXAMPLES) -> str:
    """'t_1a2b (indicator_text=规上工业总产值, target_year=1925)'; the first `show` column is the id."""
    seen: list[str] = []
    for ex in examples:
        keys = [k for k in show if k in ex] if show else list(ex)
        if not keys:
            continue
        head, rest = keys[0], keys[1:]
        details = ", ".join(f"{k}={_plain(ex[k])}" for k in rest if _plain(ex[k]) != "")
        text = f"{_plain(ex[head])}" + (f" ({details})" if details else "")
        if text not in seen:
            seen.append(text)
        if len(seen) >= limit:
            break
    return "; ".join(seen)


def _plain(value: Any) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return "null"
    except (TypeError, ValueError):
        pass
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _missing(suite: str, check: Check) -> CheckOutcome:
    return CheckOutcome(
        suite, f"{check.frame}.present", check.severity, False, "table missing", f"table {check.frame} exists",
        0, f"The table behind {check.rows} ({check.frame}) does not exist, so its checks could not run. "
           "Run the step that builds it (dbt build for marts) and refresh again.")


def frame_rows(frame: pd.DataFrame, columns: tuple[str, ...], limit: int = MAX_EXAMPLES) -> list[dict[str, Any]]:
    """The first rows of a frame as example dicts (for table-level checks that list offending rows)."""
    cols = [c for c in columns if c in frame.columns]
    return frame[cols].head(limit).to_dict("records") if cols else []
