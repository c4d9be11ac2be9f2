"""Run bookkeeping in ops.runs, so `plantrack status` and the dashboards can show every run."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import duckdb

from plantrack.warehouse import connect, record_in_serving


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


# ---------------------------------------------------------------- one refresh at a time

LOCK_FILE = "refresh.lock"
REFUSED_JOURNAL = "refused_runs.jsonl"
BUSY_PREFIX = "another refresh is running"
_held: dict[str, int] = {}  # lock file -> open fd, in the process holding it


class RefreshBusy(RuntimeError):
    """Another refresh holds the data directory's lock."""

    def __init__(self, pid: int | None, since: str | None):
        self.pid, self.since = pid, since
        super().__init__(f"{BUSY_PREFIX} (pid {pid or '?'}, since {since or '?'}); this one was "
                         "refused before reading anything. Wait for it to finish (plantrack status), then run "
                         "again if anything is left to do.")


def acquire_refresh_lock(data_dir: Path) -> None:
    """Take the data directory's refresh lock, or raise RefreshBusy naming its holder.

    A POSIX record lock (lockf): the kernel drops it when the holding process ends however it ends,
    so a lock left by a dead pid is simply taken over, and forked workers never inherit it.
    Re-entrant within one process (the CLI takes it, then the job's first step asks again).
    """
    path = data_dir / LOCK_FILE
    if str(path) in _held:
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        holder = _lock_holder(fd)
        os.close(fd)
        raise RefreshBusy(*holder) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps({"pid": os.getpid(), "since": _now().isoformat(sep=" ")}).encode(), 0)
    _held[str(path)] = fd


def release_refresh_lock(data_dir: Path) -> None:
    fd = _held.pop(str(data_dir / LOCK_FILE), None)
    if fd is not None:
        os.close(fd)  # closing drops the lockf lock


def holds_refresh_lock(data_dir: Path) -> bool:
    return str(data_dir / LOCK_FILE) in _held


@contextmanager
def refresh_lock(data_dir: Path) -> Iterator[None]:
    held_before = holds_refresh_lock(data_dir)
    acquire_refresh_lock(data_dir)
    try:
        yield
    finally:
        if not held_before:
            release_refresh_lock(data_dir)


def _lock_holder(fd: int) -> tuple[int | None, str | None]:
    try:
        info = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return info.get("pid"), info.get("since")
    except (OSError, ValueError):
        return None, None


def record_refused(warehouse: Path, run_id: str, job_name: str, message: str) -> None:
    """A refused run, as `refused`. The warehouse is usually busy (the other refresh writes it), so the
    record waits in a journal beside it, which the lock holder moves into ops.runs (and so into the
    served copy) at its next start or finish. Never the serving file: replacing it now could undo the
    other refresh's publish."""
    row = {"run_id": run_id, "job_name": job_name, "started_at": _now().isoformat(sep=" "),
           "message": message[:2000]}
    with open(warehouse.parent / REFUSED_JOURNAL, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _absorb_refused(con: duckdb.DuckDBPyConnection) -> None:
    """Move journalled refused runs into ops.runs (only the lock holder writes the warehouse)."""
    path = next(iter(con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
                                 ).fetchall()), (None,))[0]
    if not path:
        return
    journal = Path(path).parent / REFUSED_JOURNAL
    if not journal.exists():
        return
    taken = journal.with_name(f"{journal.name}.{os.getpid()}")
    os.replace(journal, taken)  # appends from now on start a new journal
    for line in taken.read_text(encoding="utf-8").splitlines():
        try:
            r = json.loads(line)
        except ValueError:
            continue
        con.execute("INSERT OR IGNORE INTO ops.runs (run_id, job_name, started_at, finished_at, status, message) "
                    "VALUES (?, ?, ?, ?, 'refused', ?)",
                    [r["run_id"], r["job_name"], r["started_at"], r["started_at"], r["message"]])
    taken.unlink()


# ---------------------------------------------------------------- run records

def start_run(con: duckdb.DuckDBPyConnection, run_id: str, job_name: str, fingerprint: str | None = None) -> None:
    """Called by the refresh-lock holder only: a run still 'running' is then one that was killed."""
    _absorb_refused(con)
    # A run still 'running' from an earlier process was killed: say so instead of leaving it open.
    con.execute("UPDATE ops.runs SET status = 'abandoned', finished_at = ?, "
                "message = 'the process stopped before the run finished (killed or crashed)' "
                "WHERE status = 'running' AND run_id <> ?", [_now(), run_id])
    con.execute("INSERT OR IGNORE INTO ops.runs (run_id, job_name, started_at, status, fingerprint) "
                "VALUES (?, ?, ?, 'running', ?)", [run_id, job_name, _now(), fingerprint])


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, status: str, message: str | None = None,
               counts: dict[str, int] | None = None, fingerprint: str | None = None) -> None:
    counts = counts or {}
    _absorb_refused(con)
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
    # a refused run did nothing: it neither built nor invalidated anything
    rows = con.execute("SELECT status, fingerprint FROM ops.runs WHERE status <> 'refused' "
                       "ORDER BY started_at DESC LIMIT 1").fetchall()
    return rows[0][1] if rows and rows[0][0] == "success" else None


def record_failure(warehouse: Path, serving: Path, run_id: str, job_name: str, message: str) -> None:
    """Mark the run failed in the warehouse and show it beside the last good marts."""
    # a daemon-launched run whose first step found the lock taken was refused, not failed
    status = "refused" if message.lstrip().startswith(BUSY_PREFIX) else "failure"
    row = {"run_id": run_id, "job_name": job_name, "started_at": _now(), "finished_at": _now(),
           "status": status, "message": message[:2000]}
    try:
        with connect(warehouse) as con:
            _absorb_refused(con)
            known = con.execute("SELECT status FROM ops.runs WHERE run_id = ?", [run_id]).fetchall()
            if known and known[0][0] == "refused":
                return  # refused before it did anything: that record says all there is to say
            # not start_run: that would call another process's live run abandoned
            con.execute("INSERT OR IGNORE INTO ops.runs (run_id, job_name, started_at, status) "
                        "VALUES (?, ?, ?, 'running')", [run_id, job_name, _now()])
            finish_run(con, run_id, status, message[:2000])
            started = next(iter(con.execute("SELECT started_at FROM ops.runs WHERE run_id = ?", [run_id]).fetchall()), None)
            if started:
                row["started_at"] = started[0]
    except duckdb.Error:
        pass  # the warehouse itself may be what failed; the serving file still gets the record
    # Only with the refresh lock: replacing the serving file while another refresh publishes could
    # undo its publish. Without it, the record is in the warehouse and the next publish serves it.
    try:
        with refresh_lock(warehouse.parent):
            record_in_serving(serving, "runs", row)
    except RefreshBusy:
        pass
