"""Great Expectations suites as Dagster asset checks. Blocking failures stop publication."""


import dagster as dg

from orchestration.assets import RAW_KEYS
from orchestration.resources import PlantrackConfig
from plantrack.console_progress import say
from plantrack.faults import checkpoint

RAW_CHECKED = dg.AssetKey(["raw", "targets"])
MARTS_CHECKED = dg.AssetKey(["marts", "mart_target_progress"])


def _run_layer(context, plantrack: PlantrackConfig, layers: tuple[str, ...]) -> dg.AssetCheckResult:
    from expectations.runner import run_quality_checks  # GX is heavy to import: only when checking

    checkpoint("checks")
    settings = plantrack.settings()
    outcomes = [o for layer in layers for o in run_quality_checks(
        settings.warehouse_path, context.op_execution_context.run.run_id, layer, settings.reports_dir)]
    blocking = [o for o in outcomes if not o.passed and o.severity == "blocking"]
    warnings = [o for o in outcomes if not o.passed and o.severity != "blocking"]
    for o in blocking + warnings:
        context.log.warning(f"[{o.severity}] {o.check_name}: {o.message}")
    say(f"quality ({'+'.join(layers)}): {len(outcomes)} checks, {len(blocking)} blocking failures, "
        f"{len(warnings)} warnings")
    return dg.AssetCheckResult(
        passed=not blocking and not warnings,
        severity=dg.AssetCheckSeverity.ERROR if blocking else dg.AssetCheckSeverity.WARN,
        description="; ".join(o.message for o in (blocking or warnings)[:5]) or "all checks passed",
        metadata={"checks": len(outcomes), "blocking_failures": len(blocking), "warnings": len(warnings),
                  "failed": [f"{o.severity}: {o.check_name}: {o.message}" for o in blocking + warnings][:50]},
    )


@dg.asset_check(asset=RAW_CHECKED, blocking=True, name="raw_statements_quality",
                additional_deps=[k for k in RAW_KEYS if k != RAW_CHECKED])
def raw_statements_quality(context: dg.AssetCheckExecutionContext, plantrack: PlantrackConfig):
    """Schema, provenance (quote at its offsets), plausible years, parseable values, known units."""
    return _run_layer(context, plantrack, ("raw",))


def quality_checks(dbt_models: dg.AssetsDefinition) -> list[dg.AssetChecksDefinition]:
    """Both blocking checks; the marts one waits for every dbt model (known once the manifest is)."""

    @dg.asset_check(asset=MARTS_CHECKED, blocking=True, name="marts_quality",
                    additional_deps=[k for k in dbt_models.keys if k != MARTS_CHECKED])
    def marts_quality(context: dg.AssetCheckExecutionContext, plantrack: PlantrackConfig):
        """Contract columns, unique ids, referential integrity, ranges, status consistency; and
        cross-run checks: counts do not collapse unless a document was removed."""
        return _run_layer(context, plantrack, ("marts", "cross_run"))

    return [raw_statements_quality, marts_quality]
