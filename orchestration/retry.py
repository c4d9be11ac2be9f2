"""What is retried: only a failure that can pass on a second try.

A lock on the warehouse held by another process (a reader, a `plantrack sql` left open) or a transient
I/O error can clear within seconds; a failing data test, a contract or compile error, a bad value or
a bug fails the same way every time, so retrying it only multiplies the cost of the night (a failed
`dbt build` ran three times). Steps raise `RetryRequested` for the first kind and fail at once on
everything else; no step carries a blanket `RetryPolicy`.
"""

from __future__ import annotations

import errno
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

MAX_RETRIES = 3
SECONDS_TO_WAIT = 2

# errno values an OS reports for a condition another try can clear
_TRANSIENT_ERRNOS = {errno.EAGAIN, errno.EBUSY, errno.EINTR, errno.EIO, errno.ETIMEDOUT}
# what DuckDB (directly or through dbt) says when another process holds the file's lock
_LOCK_WORDS = ("could not set lock", "conflicting lock", "resource temporarily unavailable")


def is_transient_text(text: str) -> bool:
    low = (text or "").lower()
    return any(w in low for w in _LOCK_WORDS)


def is_transient(exc: BaseException) -> bool:
    """A lock held by another process, or an I/O error the OS calls temporary."""
    for e in _chain(exc):
        if isinstance(e, duckdb.IOException) and is_transient_text(str(e)):
            return True
        if isinstance(e, OSError) and not isinstance(e, duckdb.Error) and e.errno in _TRANSIENT_ERRNOS:
            return True
    return False


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        yield e
        e = e.__cause__ or e.__context__


@contextmanager
def retry_if_transient(what: str) -> Iterator[None]:
    """Around a step's body: a transient failure asks Dagster for another try; any other is final."""
    try:
        yield
    except (dg.Failure, dg.RetryRequested):
        raise
    except Exception as exc:
        if is_transient(exc):
            raise dg.RetryRequested(max_retries=MAX_RETRIES, seconds_to_wait=SECONDS_TO_WAIT) from exc
        raise dg.Failure(f"{what} failed: {type(exc).__name__}: {exc}"[:2000], allow_retries=False) from exc


def dbt_failures(target_path: Path) -> list[dict]:
    """The failed nodes of the last dbt invocation (run_results.json): unique_id, status, message."""
    try:
        results = json.loads((target_path / "run_results.json").read_text(encoding="utf-8"))["results"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [{"unique_id": r.get("unique_id", "?"), "status": r.get("status"), "message": r.get("message") or "",
             "compiled_code": r.get("compiled_code") or ""}
            for r in results if r.get("status") in ("error", "fail", "runtime error")]


def dbt_outcome(failures: list[dict], error_text: str) -> dg.Failure | dg.RetryRequested:
    """What a failed `dbt build` means: a retry when only a lock stopped it, else a final failure.

    A failing test (`fail`) never passes on a second try; an `error` does only when its message is a
    lock or I/O condition; a failure before any node ran (compile, contract, parse) is final too.
    """
    transient = bool(failures) and all(f["status"] == "error" and is_transient_text(f["message"])
                                       for f in failures)
    if not failures and is_transient_text(error_text):
        transient = True
    if transient:
        return dg.RetryRequested(max_retries=MAX_RETRIES, seconds_to_wait=SECONDS_TO_WAIT)
    if failures:
        head = "; ".join(f"{f['unique_id']} ({f['status']}): {f['message'][:200]}" for f in failures[:5])
        text = f"dbt build failed ({len(failures)} node(s)), not retried (it would fail again): {head}"
    else:
        text = f"dbt build failed before building anything, not retried: {error_text.strip()[:1500]}"
    return dg.Failure(text[:2000], allow_retries=False)


MAX_FAILING_ROWS = 10_000


def documents_behind_failed_tests(warehouse: Path, failures: list[dict]) -> dict[str, str]:
    """document_id -> why, when every failure is a data test (`fail`) whose failing rows name current
    documents (by document id, source file, target id or actual id); else {}: a model error, a test
    whose rows name no document (a key of places, the catalog), or most of the night's documents
    failing is not a document's fault, and blocks the publish.
    """
    from plantrack.ingest import MAX_HELD_BACK_SHARE
    from plantrack.warehouse import connect

    if not failures or any(f["status"] != "fail" or not f.get("compiled_code") for f in failures):
        return {}
    reasons: dict[str, list[str]] = {}
    with connect(warehouse) as con:
        for f in failures:
            try:
                frame = con.execute(f"SELECT * FROM ({f['compiled_code']}) LIMIT {MAX_FAILING_ROWS}").fetchall()
            except duckdb.Error:
                return {}
            values = sorted({str(v) for row in frame for v in row if v is not None})
            docs = [r[0] for r in con.execute("""
                SELECT DISTINCT s.document_id FROM raw.current_sources s
                WHERE s.document_id IN (SELECT unnest($v::VARCHAR[])) OR s.source_file IN (SELECT unnest($v::VARCHAR[]))
                   OR s.document_id IN (SELECT document_id FROM raw.targets WHERE target_id IN (SELECT unnest($v::VARCHAR[])))
                   OR s.document_id IN (SELECT document_id FROM raw.actuals WHERE actual_id IN (SELECT unnest($v::VARCHAR[])))
                """, {"v": values}).fetchall()]
            if not docs:
                return {}
            name = f["unique_id"].split(".")[2] if f["unique_id"].count(".") >= 2 else f["unique_id"]
            for d in docs:
                reasons.setdefault(d, []).append(f"the dbt test {name} failed on rows of it ({f['message'][:200]}).")
        current = con.execute("SELECT count(DISTINCT document_id) FROM raw.current_sources").fetchall()[0][0]
    if len(reasons) > max(1, MAX_HELD_BACK_SHARE * current):
        return {}
    return {d: " ".join(m)[:1500] for d, m in reasons.items()}
