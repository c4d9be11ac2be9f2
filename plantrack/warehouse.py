"""The DuckDB warehouse: raw tables (append-only, keyed by document hash), ops tables, publishing.

Only the pipeline writes the warehouse file, one process at a time. Readers open the serving file,
which `publish` replaces atomically with a copy holding only the `marts` schema.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

import duckdb

from plantrack.faults import checkpoint
from plantrack.model import Actual, Document, Target

RAW_DDL = """
CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS ops;

-- Every document version ever read, keyed by the sha256 of its bytes.
CREATE TABLE IF NOT EXISTS raw.documents (
    document_id      VARCHAR PRIMARY KEY,
    source_file      VARCHAR NOT NULL,   -- name it first arrived under
    format           VARCHAR NOT NULL,
    encoding         VARCHAR,
    size_bytes       BIGINT NOT NULL,
    title            VARCHAR,
    doc_type         VARCHAR,
    issuer           VARCHAR,
    region_name      VARCHAR,
    region_code      VARCHAR,
    issued_on        DATE,
    plan_start_year  INTEGER,
    plan_end_year    INTEGER,
    metadata_reasons VARCHAR,           -- JSON {field: why it is null}
    metadata_overridden VARCHAR,        -- JSON [fields given by sidecar / CLI]
    text             VARCHAR NOT NULL,  -- normalized text; every offset points into it
    extractor_version VARCHAR NOT NULL,
    ingested_at      TIMESTAMP NOT NULL,
    period_year      INTEGER,           -- the year a release reports on (a 政府工作报告 of 2025: 2024)
    period_label     VARCHAR,           -- 全年 | 一季度 | 上半年 | 前三季度 | 1-7月 ...
    doc_number       VARCHAR,           -- 发文字号
    metadata_sources VARCHAR,           -- JSON {field: title | metadata_block | signature | date_line | text | issue_date | sidecar …}
    metadata_confidence VARCHAR         -- JSON {field: 0–1}
);
-- warehouses made before these columns existed
ALTER TABLE raw.documents ADD COLUMN IF NOT EXISTS period_year INTEGER;
ALTER TABLE raw.documents ADD COLUMN IF NOT EXISTS period_label VARCHAR;
ALTER TABLE raw.documents ADD COLUMN IF NOT EXISTS doc_number VARCHAR;
ALTER TABLE raw.documents ADD COLUMN IF NOT EXISTS metadata_sources VARCHAR;
ALTER TABLE raw.documents ADD COLUMN IF NOT EXISTS metadata_confidence VARCHAR;
-- the sidecar the document was read with (sha256; null without one): a changed sidecar re-reads it
ALTER TABLE raw.documents ADD COLUMN IF NOT EXISTS sidecar_sha256 VARCHAR;

-- Which document each source file holds now. Replaced by every run; history is in ingestion_log.
CREATE TABLE IF NOT EXISTS raw.current_sources (
    source_file  VARCHAR PRIMARY KEY,
    document_id  VARCHAR NOT NULL,
    first_seen_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS raw.ingestion_log (
    run_id       VARCHAR NOT NULL,
    source_file  VARCHAR NOT NULL,
    document_id  VARCHAR,
    event        VARCHAR NOT NULL,   -- added | changed | unchanged | removed | quarantined
    logged_at    TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS raw.targets (
    target_id          VARCHAR PRIMARY KEY,
    document_id        VARCHAR NOT NULL,
    scope_name         VARCHAR,
    scope_parent       VARCHAR,
    indicator_text     VARCHAR NOT NULL,
    target_kind        VARCHAR NOT NULL,
    comparator         VARCHAR NOT NULL,
    value_raw          VARCHAR NOT NULL,
    value_high_raw     VARCHAR,
    unit_raw           VARCHAR,
    value              DOUBLE,
    value_high         DOUBLE,
    unit               VARCHAR,
    target_year        INTEGER,
    baseline_year      INTEGER,
    baseline_value     DOUBLE,
    baseline_value_raw VARCHAR,
    attribute          VARCHAR,
    quote              VARCHAR NOT NULL,
    char_start         INTEGER NOT NULL,
    char_end           INTEGER NOT NULL,
    section            VARCHAR,
    method             VARCHAR NOT NULL,
    confidence         DOUBLE NOT NULL,
    confidence_reason  VARCHAR,
    other_quotes       VARCHAR,          -- JSON [{quote, char_start, char_end, method, section}]
    extractor_version  VARCHAR NOT NULL,
    year_evidence      VARCHAR,          -- own | sentence | paragraph | heading | table | plan_period | title | metadata | issue_date | file_name | text | none
    year_confidence    DOUBLE
);

CREATE TABLE IF NOT EXISTS raw.actuals (
    actual_id          VARCHAR PRIMARY KEY,
    document_id        VARCHAR NOT NULL,
    scope_name         VARCHAR,
    scope_parent       VARCHAR,
    indicator_text     VARCHAR NOT NULL,
    measure            VARCHAR NOT NULL,
    period_year        INTEGER,
    period_label       VARCHAR,
    period_start       DATE,
    period_end         DATE,
    value_raw          VARCHAR NOT NULL,
    unit_raw           VARCHAR,
    value              DOUBLE,
    unit               VARCHAR,
    quote              VARCHAR NOT NULL,
    char_start         INTEGER NOT NULL,
    char_end           INTEGER NOT NULL,
    section            VARCHAR,
    method             VARCHAR NOT NULL,
    confidence         DOUBLE NOT NULL,
    confidence_reason  VARCHAR,
    extractor_version  VARCHAR NOT NULL,
    year_evidence      VARCHAR,          -- what gave period_year (as raw.targets); none: left empty, reason in confidence_reason
    year_confidence    DOUBLE,
    is_estimate        BOOLEAN           -- 预计…: the reviewed period's estimate
);
-- warehouses made before these columns existed
ALTER TABLE raw.targets ADD COLUMN IF NOT EXISTS year_evidence VARCHAR;
ALTER TABLE raw.targets ADD COLUMN IF NOT EXISTS year_confidence DOUBLE;
ALTER TABLE raw.actuals ADD COLUMN IF NOT EXISTS year_evidence VARCHAR;
ALTER TABLE raw.actuals ADD COLUMN IF NOT EXISTS year_confidence DOUBLE;
ALTER TABLE raw.actuals ADD COLUMN IF NOT EXISTS is_estimate BOOLEAN;

-- Analysts' corrections (plantrack/corrections.py): the log in the data directory, loaded by every run.
CREATE TABLE IF NOT EXISTS raw.corrections (
    correction_id VARCHAR NOT NULL, "at" TIMESTAMP NOT NULL, "by" VARCHAR NOT NULL, why VARCHAR NOT NULL,
    subject VARCHAR NOT NULL,          -- statement | document
    field VARCHAR NOT NULL, before VARCHAR, after VARCHAR, after_label VARCHAR,
    document_id VARCHAR NOT NULL, source_file VARCHAR, quote VARCHAR, char_start INTEGER, char_end INTEGER,
    value_raw VARCHAR, indicator_text VARCHAR, statement_id VARCHAR,
    correction_key VARCHAR NOT NULL    -- subject + document + quote + offsets + number + field
);

-- Files that could not be read, with a reason a person understands.
CREATE TABLE IF NOT EXISTS raw.quarantine (
    run_id         VARCHAR NOT NULL,
    source_file    VARCHAR NOT NULL,
    document_id    VARCHAR,           -- sha256 of the bytes when they could be read at all
    error_code     VARCHAR NOT NULL,
    reason         VARCHAR NOT NULL,
    quarantined_at TIMESTAMP NOT NULL
);

-- Analysts' overrides (dbt_project/seeds/*_overrides.csv) as plantrack/overrides.py checked them:
-- the rows that passed (the marts apply these) and the refusals. Replaced by every run.
CREATE TABLE IF NOT EXISTS raw.target_overrides (
    target_id VARCHAR, action VARCHAR, field VARCHAR, new_value VARCHAR, "by" VARCHAR, reason VARCHAR,
    "at" TIMESTAMP, line INTEGER
);
CREATE TABLE IF NOT EXISTS raw.actual_overrides (
    actual_id VARCHAR, action VARCHAR, field VARCHAR, new_value VARCHAR, "by" VARCHAR, reason VARCHAR,
    "at" TIMESTAMP, line INTEGER
);
CREATE TABLE IF NOT EXISTS raw.override_problems (
    file VARCHAR, line INTEGER, statement_id VARCHAR, action VARCHAR, field VARCHAR, new_value VARCHAR,
    problem VARCHAR, checked_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS ops.runs (
    run_id        VARCHAR PRIMARY KEY,
    job_name      VARCHAR NOT NULL,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    status        VARCHAR NOT NULL,   -- running | success | failure | abandoned | refused
    message       VARCHAR,
    documents_read INTEGER,
    documents_quarantined INTEGER,
    targets       INTEGER,
    actuals       INTEGER,
    fingerprint   VARCHAR             -- inputs + code the published marts were built from
);
ALTER TABLE ops.runs ADD COLUMN IF NOT EXISTS fingerprint VARCHAR;

-- Documents whose raw statements passed the raw suite's blocking checks, under that suite's fingerprint:
-- raw rows never change once loaded (a document read again gets a new ingested_at), so a later run
-- checks only the current documents not listed here (expectations/raw_statements.py).
CREATE TABLE IF NOT EXISTS ops.raw_checked_documents (
    document_id        VARCHAR NOT NULL,
    ingested_at        TIMESTAMP NOT NULL,
    checks_fingerprint VARCHAR NOT NULL,
    run_id             VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS ops.quality_check_results (
    run_id        VARCHAR NOT NULL,
    suite         VARCHAR NOT NULL,
    check_name    VARCHAR NOT NULL,
    severity      VARCHAR NOT NULL,   -- blocking | warning
    passed        BOOLEAN NOT NULL,
    observed      VARCHAR,
    expected      VARCHAR,
    affected_rows BIGINT,
    message       VARCHAR,
    checked_at    TIMESTAMP NOT NULL
);

-- One row per successful dbt build: the code it was built with decides whether the next build
-- must rebuild incremental models and run the unit tests (code changed) or not.
CREATE TABLE IF NOT EXISTS ops.dbt_builds (
    run_id        VARCHAR NOT NULL,
    code_hash     VARCHAR NOT NULL,
    built_at      TIMESTAMP NOT NULL
);
"""

# Tables copied from ops into the serving file's marts schema, so dashboards can show them.
OPS_TABLES_SERVED = ("runs", "quality_check_results")


@contextmanager
def connect(path: Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse (creating its schemas when writable) and always close it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    try:
        if not read_only:
            con.execute(RAW_DDL)
        yield con
    finally:
        con.close()


def known_documents(con: duckdb.DuckDBPyConnection, extractor_version: str) -> set[str]:
    """Documents already read and extracted by this extractor version: they need no work."""
    rows = con.execute(
        "SELECT document_id FROM raw.documents WHERE extractor_version = ?", [extractor_version]
    ).fetchall()
    return {r[0] for r in rows}


def known_sidecars(con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """document_id -> the sidecar print it was read with (None: read without a sidecar)."""
    return dict(con.execute("SELECT document_id, sidecar_sha256 FROM raw.documents").fetchall())


def document_row(doc: Document, extractor_version: str, ingested_at: datetime) -> dict:
    m = doc.meta
    return {
        "document_id": doc.document_id,
        "source_file": doc.source_file,
        "format": doc.format,
        "encoding": doc.encoding,
        "size_bytes": doc.size_bytes,
        "title": m.title,
        "doc_type": m.doc_type,
        "issuer": m.issuer,
        "region_name": m.region_name,
        "region_code": m.region_code,
        "issued_on": m.issued_on,
        "plan_start_year": m.plan_start_year,
        "plan_end_year": m.plan_end_year,
        "metadata_reasons": json.dumps(m.reasons, ensure_ascii=False),
        "metadata_overridden": json.dumps(list(m.overridden), ensure_ascii=False),
        "period_year": m.period_year,
        "period_label": m.period_label,
        "doc_number": m.doc_number,
        "metadata_sources": json.dumps(m.sources, ensure_ascii=False),
        "metadata_confidence": json.dumps(m.confidence, ensure_ascii=False),
        "text": doc.text,
        "extractor_version": extractor_version,
        "ingested_at": ingested_at,
    }


def target_row(t: Target, extractor_version: str) -> dict:
    row = asdict(t)
    row["target_id"] = t.target_id
    row["other_quotes"] = json.dumps([asdict(q) for q in t.other_quotes], ensure_ascii=False)
    row["extractor_version"] = extractor_version
    return row


def actual_row(a: Actual, extractor_version: str) -> dict:
    row = asdict(a)
    row["actual_id"] = a.actual_id
    row["extractor_version"] = extractor_version
    return row


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Iterable[dict]) -> int:
    """Insert dict rows by column name; a row whose key already exists is left as it was."""
    import polars as pl

    rows = list(rows)
    if not rows:
        return 0
    cols = [c[0] for c in con.execute(f"DESCRIBE {table}").fetchall()]
    frame = pl.DataFrame([{c: r.get(c) for c in cols} for r in rows], infer_schema_length=None)
    schema, name = table.split(".")
    keyed = con.execute("SELECT count(*) FROM duckdb_constraints() WHERE schema_name = ? AND table_name = ? "
                        "AND constraint_type = 'PRIMARY KEY'", [schema, name]).fetchall()[0][0]
    con.register("_incoming", frame.to_arrow())
    try:
        con.execute(f"INSERT {'OR IGNORE ' if keyed else ''}INTO {table} SELECT {', '.join(cols)} FROM _incoming")
    finally:
        con.unregister("_incoming")
    return len(rows)


def publish(warehouse: Path, serving: Path, schemas: tuple[str, ...] = ("marts",),
            run_id: str | None = None) -> Path:
    """Copy the marts into a fresh file beside the serving file, fsync it, then os.replace.

    Readers see the old complete file or the new complete file, never a half-written one.
    `run_id` is the publishing run: the served copy of ops.runs shows it as a success, while the
    warehouse marks it so only after the replace (a run killed before that is seen as abandoned).
    """
    serving.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(serving)
    tmp = serving.with_name(f".{serving.name}.{os.getpid()}.tmp")
    _remove_temp(tmp)
    try:
        con = duckdb.connect(str(tmp))
        try:
            # a path is a value, never SQL text: an apostrophe in the data directory must not break it
            con.execute(f"ATTACH {sql_string(str(warehouse))} AS wh (READ_ONLY)")
            for schema in schemas:
                con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
                tables = con.execute(
                    "SELECT table_name FROM duckdb_tables() WHERE database_name = 'wh' AND schema_name = ?",
                    [schema],
                ).fetchall() + con.execute(
                    "SELECT view_name FROM duckdb_views() WHERE database_name = 'wh' AND schema_name = ?"
                    " AND NOT internal",
                    [schema],
                ).fetchall()
                for (name,) in tables:
                    con.execute(f'CREATE TABLE {schema}."{name}" AS SELECT * FROM wh.{schema}."{name}"')
            for name in OPS_TABLES_SERVED:
                con.execute(f'CREATE OR REPLACE TABLE marts."{name}" AS SELECT * FROM wh.ops."{name}"')
            if run_id:
                con.execute("UPDATE marts.runs SET status = 'success', finished_at = now()::TIMESTAMP(0), "
                            "message = 'published' WHERE run_id = ?", [run_id])
            con.execute("DETACH wh")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _fsync(tmp)
    except (OSError, duckdb.Error) as exc:
        _remove_temp(tmp)
        raise PublishError(_write_failure(serving, exc)) from exc
    except BaseException:
        _remove_temp(tmp)
        raise
    checkpoint("publish")
    _replace(tmp, serving)
    return serving


class PublishError(RuntimeError):
    """The serving file could not be written (a full disk, no permission): the old one still serves."""


def sql_string(value: str) -> str:
    """A SQL string literal for DuckDB statements that take no parameters (ATTACH)."""
    return "'" + value.replace("'", "''") + "'"


def _write_failure(serving: Path, exc: BaseException) -> str:
    text = str(exc)
    full = isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "No space left" in text
    why = "the disk is full" if full else "writing failed"
    return (f"Could not write the new serving file beside {serving}: {why} ({text.strip()[:300]}). "
            "Nothing was replaced: the last good serving file stays; free space (or fix the cause) and refresh again.")


def _remove_temp(tmp: Path) -> None:
    for path in (tmp, tmp.with_name(tmp.name + ".wal")):
        path.unlink(missing_ok=True)


def remove_leftovers(serving: Path) -> list[Path]:
    """Delete temp copies (and their .wal) that killed publishes left beside the serving file.

    Named .<serving>.<pid>[.rec].tmp[.wal]; one whose pid is still alive is another live writer's and stays.
    """
    removed = []
    for path in serving.parent.glob(f".{serving.name}.*.tmp*"):
        pid = path.name.removeprefix(f".{serving.name}.").split(".")[0]
        if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def record_in_serving(serving: Path, table: str, row: dict) -> None:
    """Add one ops row to the serving file without touching its marts (atomic copy-and-replace).

    Used when a run fails: the last good marts keep serving, and the failure shows beside them.
    """
    if not serving.exists():
        return
    remove_leftovers(serving)
    tmp = serving.with_name(f".{serving.name}.{os.getpid()}.rec.tmp")
    try:
        shutil.copyfile(serving, tmp)
        con = duckdb.connect(str(tmp))
        try:
            cols = [c[0] for c in con.execute(f"DESCRIBE marts.{table}").fetchall()]
            con.execute(
                f"INSERT INTO marts.{table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                [row.get(c) for c in cols],
            )
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _fsync(tmp)
    except (OSError, duckdb.Error) as exc:
        _remove_temp(tmp)
        raise PublishError(_write_failure(serving, exc)) from exc
    except BaseException:
        _remove_temp(tmp)
        raise
    _replace(tmp, serving)


def _replace(tmp: Path, dest: Path) -> None:
    """Swap the complete file in, then make the rename itself durable."""
    os.replace(tmp, dest)
    _fsync_dir(dest.parent)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
