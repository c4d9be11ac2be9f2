"""Ingest and publish assets: documents -> extracted statements -> raw tables ... -> serving file."""


import time
from dataclasses import dataclass, field

import dagster as dg

from orchestration.dbt import parse_in_background
from orchestration.resources import PlantrackConfig
from orchestration.retry import retry_if_transient
from plantrack import corrections, ingest, overrides, runs
from plantrack.console_progress import Progress, say
from plantrack.model import EXTRACTOR_VERSION, Document, Statements
from plantrack.warehouse import connect, known_documents, known_sidecars


@dataclass
class DocumentBatch:
    plan: ingest.IngestPlan
    documents: list[Document]
    quarantined: list[ingest.Quarantined] = field(default_factory=list)


@dataclass
class StatementBatch:
    statements: dict[str, Statements]
    quarantined: list[ingest.Quarantined] = field(default_factory=list)


@dg.asset(group_name="ingest", pool="warehouse")
def source_documents(context: dg.AssetExecutionContext, plantrack: PlantrackConfig) -> DocumentBatch:
    """Every file under the sources directory, fingerprinted by sha256; new versions read."""
    settings = plantrack.settings()
    run = runs.RunRecord.of(settings, context.run.run_id, context.job_def.name)
    try:  # one refresh at a time, refused before any reading (a no-op when `plantrack refresh` holds it)
        runs.claim(run)
    except runs.RefreshBusy as busy:
        raise dg.Failure(str(busy), allow_retries=False) from None
    with retry_if_transient("reading the sources"):
        return _source_documents(context, plantrack, settings, run)


def _source_documents(context, plantrack: PlantrackConfig, settings, run) -> DocumentBatch:
    parse_in_background(settings)
    scanned = ingest.scan_sources(settings.sources_dir)
    # What this run's marts are built from (sources as scanned now, code, date): a later refresh
    # with the same fingerprint after this run's success has nothing to do.
    runs.start_run(run, runs.build_fingerprint(ingest.fingerprint(settings.sources_dir, scanned),
                                               settings.as_of(), corrections.fingerprint(settings.data_dir)))
    with connect(settings.warehouse_path) as con:
        known = known_documents(con, EXTRACTOR_VERSION)
        sidecars = known_sidecars(con)
        previous = ingest.previous_sources(con)
    plan = ingest.plan_ingest(scanned, known, previous, sidecars)
    say(f"sources: {len(plan.current)} files in {settings.sources_dir}, {len(plan.to_read)} new or changed, "
        f"{len(plan.removed)} removed")
    docs, bad = ingest.read_documents(
        plan.to_read, max_bytes=settings.max_document_bytes, timeout_s=settings.document_timeout_s,
        workers=plantrack.worker_count(), store=settings.document_store,
        progress=Progress("reading", len(plan.to_read)))
    for q in bad:
        context.log.warning(f"quarantined {q.source_file}: {q.reason}")
    context.add_output_metadata({"files": len(plan.current), "read": len(docs), "quarantined": len(bad),
                                 "removed": len(plan.removed)})
    return DocumentBatch(plan, docs, bad)


@dg.asset(group_name="ingest")
def extracted_statements(context: dg.AssetExecutionContext, plantrack: PlantrackConfig,
                         source_documents: DocumentBatch) -> StatementBatch:
    """Targets and actual values of every new document, each with its quote and offsets."""
    settings = plantrack.settings()
    docs = source_documents.documents
    statements, bad = ingest.extract_documents(
        docs, timeout_s=settings.document_timeout_s, workers=plantrack.worker_count(),
        progress=Progress("extracting", len(docs)))
    n_t = sum(len(s.targets) for s in statements.values())
    n_a = sum(len(s.actuals) for s in statements.values())
    context.add_output_metadata({"documents": len(statements), "targets": n_t, "actuals": n_a})
    return StatementBatch(statements, bad)


RAW_TABLES = ("documents", "current_sources", "ingestion_log", "targets", "actuals", "quarantine",
              "target_overrides", "actual_overrides", "override_problems")
RAW_KEYS = [dg.AssetKey(["raw", t]) for t in RAW_TABLES]


@dg.multi_asset(
    specs=[dg.AssetSpec(k, deps=["source_documents", "extracted_statements"], group_name="ingest",
                        description=f"raw.{k.path[-1]} in the warehouse") for k in RAW_KEYS],
    ins={"source_documents": dg.AssetIn("source_documents"),
         "extracted_statements": dg.AssetIn("extracted_statements")},
    pool="warehouse",
)
def raw_tables(context: dg.AssetExecutionContext, plantrack: PlantrackConfig,
               source_documents: DocumentBatch, extracted_statements: StatementBatch):
    """raw.* in the warehouse: append-only by document hash, plus quarantine and ingestion history."""
    started = time.monotonic()
    settings = plantrack.settings()
    quarantined = source_documents.quarantined + extracted_statements.quarantined
    with retry_if_transient("loading the raw tables"), connect(settings.warehouse_path) as con:
        counts = ingest.load_raw(con, context.run.run_id, source_documents.plan, source_documents.documents,
                                 extracted_statements.statements, quarantined)
        # Analysts' overrides, checked row by row: a refused row is listed (mart_override_problems), never
        # applied, and never fails the run.
        checked = overrides.check_all()
        override_counts = overrides.load(con, checked)
        # analysts' corrections (data directory): applied by dbt, no document read again for them
        counts["corrections"] = corrections.load_into(con, settings.data_dir)
    for problem in (p for c in checked for p in c.problems):
        context.log.warning(f"override refused: {problem}")
    if override_counts["refused"]:
        say(f"overrides: {override_counts['refused']} row(s) refused, not applied (mart_override_problems): "
            + "; ".join(str(p) for c in checked for p in c.problems)[:2000])
    # Loaded and committed: the texts and statements are in the warehouse now. In-process runs keep
    # step outputs in memory to the end of the job, so let go of them before dbt and the checks run.
    source_documents.documents.clear()
    extracted_statements.statements.clear()
    say(f"raw tables: +{counts['documents']} documents, +{counts['targets']} targets, "
        f"+{counts['actuals']} actual values, {counts['quarantined']} quarantined ({time.monotonic() - started:.1f} s)")
    for key in RAW_KEYS:
        yield dg.MaterializeResult(asset_key=key, metadata=counts if key.path[-1] in counts else None)
