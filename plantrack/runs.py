"""Run bookkeeping in ops.runs, so `plantrack status` and the dashboards can show every run."""

from __future__ import annotations

import hashlib
import os
from datetime import date, datetime
from pathlib import Path

import duckdb

from plantrack.warehouse import connect, record_in_serving


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, job_name: str, fingerprint: str | None = None) -> None:
    # A run still 'running' from an earlier process was killed: say so instead of leaving it open.
    con.execute("UPDATE ops.runs SET status = 'abandoned', finished_at = ?, "
                "message = 'the process stopped before the run finished (killed or crashed)' "
                "WHERE status = 'running' AND run_id <> ?", [_now(), run_id])
    con.execute("INSERT OR IGNORE INTO ops.runs (run_id, job_name, started_at, status, fingerprint) "
                "VALUES (?, ?, ?, 'running', ?)", [run_id, job_name, _now(), fingerprint])


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, status: str, message: str | None = None,
               counts: dict[str, int] | None = None, fingerprint: str | None = None) -> None:
    counts = counts or {}
    con.execute(
        "UPDATE ops.runs SET status = ?, finished_at = ?, message = ?, documents_read = ?, "
        "documents_quarantined = ?, targets = ?, actuals = ?, fingerprint = coalesce(?, fingerprint) "
        "WHERE run_id = ?",
        [status, _now(), message, counts.get("documents_read"), counts.get("documents_quarantined"),
         counts.get("targets"), counts.get("actuals"), fingerprint, run_id])


def build_fingerprint(sources: dict[str, str]) -> str:
    """What the marts depend on: every source file's hash, the extraction and dbt code, today's date.

    The date is in it because progress is judged as of a day (a target year can pass overnight).
    """
    from plantrack.config import PROJECT_ROOT
    from plantrack.model import EXTRACTOR_VERSION

    digest = hashlib.sha256()
    for name, sha in sorted(sources.items()):
        digest.update(f"{name}={sha}\n".encode())
    digest.update(dbt_code_hash(PROJECT_ROOT / "dbt_project").encode())
    as_of = os.environ.get("PLANTRACK_AS_OF_DATE") or date.today().isoformat()
    digest.update(f"{EXTRACTOR_VERSION}|{as_of}".encode())
    return digest.hexdigest()


def dbt_code_hash(project_dir: Path) -> str:
    """sha256 of the dbt project's code and seeds: models, seeds, macros, tests, dbt_project.yml."""
    digest = hashlib.sha256()
    code = [project_dir / "dbt_project.yml"]
    for sub in ("models", "seeds", "macros", "tests"):
        code += sorted(p for p in (project_dir / sub).rglob("*") if p.is_file())
    for path in code:
        digest.update(path.relative_to(project_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def last_dbt_code_hash(con: duckdb.DuckDBPyConnection) -> str | None:
    """The dbt code the warehouse's last successful dbt build used (None: never built)."""
    rows = con.execute("SELECT code_hash FROM ops.dbt_builds ORDER BY built_at DESC LIMIT 1").fetchall()
    return rows[0][0] if rows else None


def record_dbt_build(con: duckdb.DuckDBPyConnection, run_id: str, code_hash: str) -> None:
    con.execute("INSERT INTO ops.dbt_builds VALUES (?, ?, ?)", [run_id, code_hash, datetime.now()])


def last_published_fingerprint(con: duckdb.DuckDBPyConnection) -> str | None:
    """The fingerprint of the newest run, if it succeeded (after a failure, always rebuild)."""
    rows = con.execute("SELECT status, fingerprint FROM ops.runs ORDER BY started_at DESC LIMIT 1").fetchall()
    return rows[0][1] if rows and rows[0][0] == "success" else None


def record_failure(warehouse: Path, serving: Path, run_id: str, job_name: str, message: str) -> None:
    """Mark the run failed in the warehouse and show it beside the last good marts."""
    row = {"run_id": run_id, "job_name": job_name, "started_at": _now(), "finished_at": _now(),
           "status": "failure", "message": message[:2000]}
    try:
        with connect(warehouse) as con:
            start_run(con, run_id, job_name)
            finish_run(con, run_id, "failure", message[:2000])
            started = next(iter(con.execute("SELECT started_at FROM ops.runs WHERE run_id = ?", [run_id]).fetchall()), None)
            if started:
                row["started_at"] = started[0]
    except duckdb.Error:
        pass  # the warehouse itself may be what failed; the serving file still gets the record
    record_in_serving(serving, "runs", row)
