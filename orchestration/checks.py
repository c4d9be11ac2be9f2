"""Great Expectations suites as Dagster asset checks. Blocking failures stop publication."""


import time

import dagster as dg

from orchestration.assets import RAW_KEYS
from orchestration.check_children import MARTS_LAYERS, RAW_LAYERS, run_in_child
from orchestration.resources import PlantrackConfig
from plantrack import ingest
from plantrack.console_progress import say
from plantrack.faults import checkpoint
from plantrack.warehouse import connect

__all__ = ["run_in_child", "quality_checks"]

RAW_CHECKED = dg.AssetKey(["raw", "targets"])
MARTS_CHECKED = dg.AssetKey(["marts", "mart_target_progress"])


def _run_layer(context, plantrack: PlantrackConfig, layers: tuple[str, ...],
               hold_back_documents: bool = False) -> dg.AssetCheckResult:
    checkpoint("checks")
    started = time.monotonic()
    settings = plantrack.settings()
    run_id = context.op_execution_context.run.run_id

    def run_checks():
        return run_in_child(settings.warehouse_path, run_id, layers, settings.reports_dir)

    outcomes = run_checks()
    if hold_back_documents and (reasons := _documents_to_hold_back(settings.warehouse_path, outcomes)):
        # The failing rows come from identifiable documents: hold those back, publish the rest.
        with connect(settings.warehouse_path) as con:
            held = ingest.hold_back(con, run_id, reasons)
        for source_file, reason in held:
            context.log.warning(f"held back {source_file}: {reason}")
        say(f"quality: {len(held)} document(s) held back by a failing check, the others go on: "
            + ", ".join(f for f, _ in held[:10]))
        outcomes = run_checks()
    blocking = [o for o in outcomes if not o.passed and o.severity == "blocking"]
    warnings = [o for o in outcomes if not o.passed and o.severity != "blocking"]
    for o in blocking + warnings:
        context.log.warning(f"[{o.severity}] {o.check_name}: {o.message}")
    say(f"quality ({'+'.join(layers)}): {len(outcomes)} checks, {len(blocking)} blocking failures, "
        f"{len(warnings)} warnings ({time.monotonic() - started:.1f} s)")
    return dg.AssetCheckResult(
        passed=not blocking and not warnings,
        severity=dg.AssetCheckSeverity.ERROR if blocking else dg.AssetCheckSeverity.WARN,
        description="; ".join(o.message for o in (blocking or warnings)[:5]) or "all checks passed",
        metadata={"checks": len(outcomes), "blocking_failures": len(blocking), "warnings": len(warnings),
                  "failed": [f"{o.severity}: {o.check_name}: {o.message}" for o in blocking + warnings][:50]},
    )


def _documents_to_hold_back(warehouse, outcomes) -> dict[str, str]:
    """document_id -> the failing checks' messages, when every blocking failure's rows come from
    identifiable documents and they are not most of the night's documents; else {} (the checks block:
    a fault that is not in a document, such as a missing column or a broken extractor)."""
    blocking = [o for o in outcomes if not o.passed and o.severity == "blocking"]
    if not blocking or any(not o.documents for o in blocking):
        return {}
    reasons: dict[str, list[str]] = {}
    for o in blocking:
        for doc in o.documents:
            reasons.setdefault(doc, []).append(
                f"the quality check {o.check_name} failed on some of its rows (expected: {o.expected}).")
    with connect(warehouse) as con:
        current = con.execute("SELECT count(DISTINCT document_id) FROM raw.current_sources").fetchall()[0][0]
    if len(reasons) > max(1, ingest.MAX_HELD_BACK_SHARE * current):
        return {}
    return {doc: " ".join(msgs)[:1500] for doc, msgs in reasons.items()}


@dg.asset_check(asset=RAW_CHECKED, blocking=True, name="raw_statements_quality",
                additional_deps=[k for k in RAW_KEYS if k != RAW_CHECKED])
def raw_statements_quality(context: dg.AssetCheckExecutionContext, plantrack: PlantrackConfig):
    """Schema, provenance (quote at its offsets), plausible years, parseable values, known units."""
    # The marts checks' child is started by the dbt step, and only for an incremental build: idle beside a
    # full build it held ~280 MB and took the 5,000-document refresh's peak from 1.69 to 1.99 GB (goal 2 GB).
    return _run_layer(context, plantrack, RAW_LAYERS, hold_back_documents=True)


def quality_checks(dbt_models: dg.AssetsDefinition) -> list[dg.AssetChecksDefinition]:
    """Both blocking checks; the marts one waits for every dbt model (known once the manifest is)."""

    @dg.asset_check(asset=MARTS_CHECKED, blocking=True, name="marts_quality",
                    additional_deps=[k for k in dbt_models.keys if k != MARTS_CHECKED])
    def marts_quality(context: dg.AssetCheckExecutionContext, plantrack: PlantrackConfig):
        """Contract columns, unique ids, referential integrity, ranges, status consistency; and
        cross-run checks: counts do not collapse unless a document was removed."""
        return _run_layer(context, plantrack, MARTS_LAYERS)

    return [raw_statements_quality, marts_quality]
