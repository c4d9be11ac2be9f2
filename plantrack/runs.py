"""A run's record (ops.runs), kept here only: the one-refresh lock, start, outcome, what was published.

Both the Dagster definitions (steps and run-status sensors) and `plantrack refresh` call this module;
`plantrack status` and the dashboards read what it writes.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

from plantrack import overrides
from plantrack.config import Settings
from plantrack.warehouse import PublishError, connect, record_in_serving


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
    _journal(warehouse, {"run_id": run_id, "job_name": job_name, "started_at": _now().isoformat(sep=" "),
                         "status": "refused", "message": message[:2000]})


def _journal(warehouse: Path, row: dict) -> None:
    """A run record the warehouse cannot take now (another process has it open), kept beside it until
    the next run that opens the warehouse moves it into ops.runs."""
    with open(warehouse.parent / REFUSED_JOURNAL, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


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
        # a failure journalled by a run that had opened its record keeps its start, takes the outcome
        con.execute("INSERT INTO ops.runs (run_id, job_name, started_at, finished_at, status, message) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET finished_at = "
                    "excluded.finished_at, status = excluded.status, message = excluded.message",
                    [r["run_id"], r["job_name"], r["started_at"], r.get("finished_at") or r["started_at"],
                     r.get("status", "refused"), r["message"]])
    taken.unlink()


# ---------------------------------------------------------------- run records
#
# A run's record in ops.runs has one owner, this section. Its life:
#   claim(run)              the refresh lock, or the run is `refused` (journalled) and RefreshBusy raised
#   start_run(run, ...)     `running`; runs a killed process left `running` become `abandoned`
#   with publishing(run):   the counts of what is published, then `success` once the serving file is replaced
#   finish(run, ...)        the job's end: a failure is recorded (warehouse and served copy); a success
#                           that published nothing is a failure too
#   record_nothing_changed  a `plantrack refresh` with nothing to do: a `success` of its own

JOB_NAME = "nightly_refresh"
PUBLISHED = "published"
NOT_PUBLISHED = "the run ended without publishing: a step was skipped (see the Dagster event log)"
NOTHING_CHANGED = "nothing changed: the serving file is already current"


@dataclass(frozen=True)
class RunRecord:
    """Which run, and where its record lives: the warehouse (ops.runs) and the served copy (marts.runs).
    The refresh lock and the refused-runs journal sit in the warehouse's directory (the data directory)."""

    run_id: str
    job_name: str
    warehouse: Path
    serving: Path

    @classmethod
    def of(cls, settings: Settings, run_id: str, job_name: str = JOB_NAME) -> RunRecord:
        return cls(run_id, job_name, settings.warehouse_path, settings.serving_path)


@dataclass(frozen=True)
class RunOutcome:
    status: str  # success | failure | refused
    message: str

    @property
    def success(self) -> bool:
        return self.status == "success"


def claim(run: RunRecord) -> None:
    """Take the refresh lock for this run, or record it as refused and raise RefreshBusy.
    A no-op when this process already holds it (`plantrack refresh` takes it before the job starts)."""
    try:
        acquire_refresh_lock(run.warehouse.parent)
    except RefreshBusy as busy:
        refuse(run, busy)
        raise


def refuse(run: RunRecord, busy: RefreshBusy) -> RunOutcome:
    """A run turned away by the lock before reading anything: `refused`, not a failure of the lock holder."""
    record_refused(run.warehouse, run.run_id, run.job_name, str(busy))
    return RunOutcome("refused", str(busy))


def start_run(run: RunRecord, fingerprint: str | None = None) -> None:
    """Open the run's record. Called by the refresh-lock holder only (after `claim`): a run still
    `running` is then one that was killed. `fingerprint`: what the marts will be built from."""
    with connect(run.warehouse) as con:
        _open(con, run, fingerprint)


def _open(con: duckdb.DuckDBPyConnection, run: RunRecord, fingerprint: str | None) -> None:
    _absorb_refused(con)
    con.execute("UPDATE ops.runs SET status = 'abandoned', finished_at = ?, "
                "message = 'the process stopped before the run finished (killed or crashed)' "
                "WHERE status = 'running' AND run_id <> ?", [_now(), run.run_id])
    con.execute("INSERT OR IGNORE INTO ops.runs (run_id, job_name, started_at, status, fingerprint) "
                "VALUES (?, ?, ?, 'running', ?)", [run.run_id, run.job_name, _now(), fingerprint])


@contextmanager
def publishing(run: RunRecord) -> Iterator[dict[str, int]]:
    """Around the replace of the serving file (the body). Before it, what the run read and what the marts
    hold go into the record, so the served copy carries them; after it, the run is a `success`. A run
    killed in between stays `running` in the warehouse and is called abandoned by the next one."""
    with connect(run.warehouse) as con:
        counts = _published_counts(con, run.run_id)
        _set_outcome(con, run.run_id, "running", None, counts)
    yield counts
    with connect(run.warehouse) as con:
        _set_outcome(con, run.run_id, "success", PUBLISHED, counts)


def finish(run: RunRecord, succeeded: bool, message: str | None, published: bool) -> RunOutcome:
    """The job has ended (`succeeded` as the orchestrator says): record how, and say it.

    A success that published nothing (a step skipped: an upstream asset not materialized) is a failure.
    A run whose first step found the lock taken is refused. A published run was recorded by `publishing`.
    """
    if succeeded and published:
        return RunOutcome("success", PUBLISHED)
    text = NOT_PUBLISHED if succeeded else (message or "run failed")
    outcome = RunOutcome("refused" if text.lstrip().startswith(BUSY_PREFIX) else "failure", text[:2000])
    _record_failure(run, outcome)
    return outcome


def forget_fingerprint(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """The run's inputs are not all in its marts (documents held back): the next run is never "nothing changed"."""
    con.execute("UPDATE ops.runs SET fingerprint = NULL WHERE run_id = ?", [run_id])


def record_nothing_changed(run: RunRecord, fingerprint: str) -> bool:
    """When the newest run succeeded with exactly this fingerprint, record this one as a success that
    had nothing to do and say True; else record nothing. duckdb.IOException: another writer has the warehouse."""
    with connect(run.warehouse) as con:
        if last_published_fingerprint(con) != fingerprint:
            return False
        _open(con, run, fingerprint)
        _set_outcome(con, run.run_id, "success", NOTHING_CHANGED,
                     {"documents_read": 0, "documents_quarantined": 0})
    return True


def _published_counts(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, int]:
    read, quarantined = con.execute(
        "SELECT count(*) FILTER (WHERE event IN ('added', 'changed')), "
        "count(*) FILTER (WHERE event = 'quarantined') FROM raw.ingestion_log WHERE run_id = ?",
        [run_id]).fetchall()[0]
    return {
        "documents_read": read,
        "documents_quarantined": quarantined,
        "targets": con.execute("SELECT count(*) FROM marts.fct_plan_targets").fetchall()[0][0],
        "actuals": con.execute("SELECT count(*) FROM marts.fct_indicator_actuals").fetchall()[0][0],
    }


def _set_outcome(con: duckdb.DuckDBPyConnection, run_id: str, status: str, message: str | None,
                 counts: dict[str, int] | None = None) -> None:
    counts = counts or {}
    _absorb_refused(con)
    con.execute(
        "UPDATE ops.runs SET status = ?, finished_at = ?, message = ?, documents_read = ?, "
        "documents_quarantined = ?, targets = ?, actuals = ? WHERE run_id = ?",
        [status, _now(), message, counts.get("documents_read"), counts.get("documents_quarantined"),
         counts.get("targets"), counts.get("actuals"), run_id])


def build_fingerprint(sources: dict[str, str], as_of: date, corrections: str = "") -> str:
    """What the marts depend on: every source file's hash, the analysts' corrections, the extraction and
    dbt code, the as-of date.

    The date is in it because progress is judged as of a day (a target year can pass overnight).
    """
    from plantrack.config import PROJECT_ROOT
    from plantrack.model import EXTRACTOR_VERSION

    digest = hashlib.sha256()
    for name, sha in sorted(sources.items()):
        digest.update(f"{name}={sha}\n".encode())
    digest.update(dbt_code_hash(PROJECT_ROOT / "dbt_project").encode())
    digest.update(overrides.fingerprint().encode())  # analysts' overrides, wherever they are kept
    if corrections:
        digest.update(f"corrections={corrections}\n".encode())
    digest.update(f"{EXTRACTOR_VERSION}|{as_of.isoformat()}".encode())
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


def _record_failure(run: RunRecord, outcome: RunOutcome) -> None:
    """Mark the run failed (or refused) in the warehouse and show it beside the last good marts."""
    row = {"run_id": run.run_id, "job_name": run.job_name, "started_at": _now(), "finished_at": _now(),
           "status": outcome.status, "message": outcome.message}
    try:
        with connect(run.warehouse) as con:
            _absorb_refused(con)
            known = con.execute("SELECT status FROM ops.runs WHERE run_id = ?", [run.run_id]).fetchall()
            if known and known[0][0] == "refused":
                return  # refused before it did anything: that record says all there is to say
            # not start_run: that would call another process's live run abandoned
            con.execute("INSERT OR IGNORE INTO ops.runs (run_id, job_name, started_at, status) "
                        "VALUES (?, ?, ?, 'running')", [run.run_id, run.job_name, _now()])
            _set_outcome(con, run.run_id, outcome.status, outcome.message)
            started = next(iter(con.execute("SELECT started_at FROM ops.runs WHERE run_id = ?",
                                            [run.run_id]).fetchall()), None)
            if started:
                row["started_at"] = started[0]
    except duckdb.Error:
        # The warehouse itself may be what failed (e.g. another process holds it open: "Could not set
        # lock on file"): the record waits in the journal, which the next run moves into ops.runs, and
        # the serving file gets it now.
        _journal(run.warehouse, {**row, "started_at": str(row["started_at"]), "finished_at": str(row["finished_at"])})
    # Only with the refresh lock: replacing the serving file while another refresh publishes could
    # undo its publish. Without it, the record is in the warehouse and the next publish serves it.
    try:
        with refresh_lock(run.warehouse.parent):
            record_in_serving(run.serving, "runs", row)
    except (RefreshBusy, PublishError):
        pass  # (a full disk: the record is in the warehouse, the next publish serves it)
