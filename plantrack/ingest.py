"""Ingestion: find what changed in the sources, read and extract it in parallel, load raw tables.

Pure functions over small dataclasses; the Dagster assets in `orchestration/` are thin wrappers.
Identity is the sha256 of a file's bytes, so an unchanged file is never read or parsed again.
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
from pebble import ProcessExpired, ProcessPool

from plantrack.console_progress import Progress
from plantrack.documents import is_sidecar, load_sidecar
from plantrack.documents.read import read_bytes
from plantrack.documents.sidecar import SUFFIX as SIDECAR_SUFFIX
from plantrack.extract import extract_statements
from plantrack.faults import checkpoint
from plantrack.model import EXTRACTOR_VERSION, Document, DocumentError, Statements
from plantrack.warehouse import actual_row, document_row, insert_rows, target_row


@dataclass(frozen=True)
class SourceFile:
    source_file: str  # relative to the sources directory, '/'-separated
    path: Path
    sha256: str
    size_bytes: int
    mtime_ns: int = 0
    # a symbolic link (to a file or a folder) is never followed: its sha256 is that of the link text
    link_target: str | None = None
    # a folder at any depth under the sources directory that is itself a link
    link_is_dir: bool = False


@dataclass(frozen=True)
class Quarantined:
    source_file: str
    document_id: str | None
    error_code: str
    reason: str


@dataclass
class IngestPlan:
    """What a refresh has to do, decided from content hashes alone."""

    current: dict[str, SourceFile]
    to_read: list[SourceFile]
    events: dict[str, str]  # source_file -> added | changed | unchanged | removed
    removed: list[str] = field(default_factory=list)

    @property
    def nothing_changed(self) -> bool:
        return not self.to_read and not self.removed


def file_sha256(path: Path) -> str:
    return _hash_file(path)[0]


def _hash_file(path: Path) -> tuple[str, int, int]:
    """(sha256, size, mtime_ns) of one open file; O_NOFOLLOW: a link swapped in is refused, not read."""
    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
        st = os.fstat(fh.fileno())
    return digest.hexdigest(), st.st_size, st.st_mtime_ns


def _link(sources_dir: Path, path: Path, is_dir: bool) -> SourceFile:
    target = os.readlink(path)
    rel = path.relative_to(sources_dir).as_posix()
    sha = hashlib.sha256(f"symlink:{rel}->{target}".encode()).hexdigest()
    return SourceFile(rel, path, sha, 0, 0, link_target=target, link_is_dir=is_dir)


def scan_sources(sources_dir: Path) -> dict[str, SourceFile]:
    """Every document file under the sources directory (hidden files and sidecars skipped).

    Symbolic links, to files or folders, are listed but never followed (os.walk with
    followlinks=False, O_NOFOLLOW on open): reading them is refused with a reason, so a link to
    /etc/passwd or to another tree can not pull outside files into the warehouse.
    """
    found: dict[str, SourceFile] = {}
    if not sources_dir.exists():
        return found
    for dirpath, dirnames, filenames in os.walk(sources_dir, followlinks=False):
        base = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in list(dirnames):
            if (base / name).is_symlink():
                dirnames.remove(name)
                link = _link(sources_dir, base / name, is_dir=True)
                found[link.source_file] = link
        for name in sorted(filenames):
            path = base / name
            if name.startswith(".") or is_sidecar(path):
                continue
            rel = path.relative_to(sources_dir).as_posix()
            if path.is_symlink():
                found[rel] = _link(sources_dir, path, is_dir=False)
                continue
            if not path.is_file():  # a fifo, socket or device: nothing to read
                continue
            try:
                sha, size, mtime_ns = _hash_file(path)
            except OSError:
                continue  # gone (or swapped for a link) since the walk listed it: the next scan sees it
            found[rel] = SourceFile(rel, path, sha, size, mtime_ns)
    return dict(sorted(found.items()))


def fingerprint(sources_dir: Path, scanned: dict[str, SourceFile] | None = None) -> dict[str, str]:
    """source_file -> sha256 of the file, sidecars included: what the sensor compares run to run.

    Pass `scanned` (from scan_sources) to reuse hashes already computed.
    """
    scanned = scan_sources(sources_dir) if scanned is None else scanned
    prints = {name: f.sha256 for name, f in scanned.items()}
    for path in sources_dir.rglob("*" + SIDECAR_SUFFIX) if sources_dir.exists() else ():
        rel = path.relative_to(sources_dir).as_posix()
        try:
            prints[rel] = ("symlink:" + os.readlink(path)) if path.is_symlink() else file_sha256(path)
        except OSError:
            continue  # removed while we looked
    return prints


def plan_ingest(current: dict[str, SourceFile], known_ids: set[str],
                previous: dict[str, str]) -> IngestPlan:
    """Compare the files on disk with what the warehouse already holds.

    `known_ids`: documents already read by this extractor version; `previous`: source_file ->
    document_id as of the last run.
    """
    events: dict[str, str] = {}
    to_read: dict[str, SourceFile] = {}
    for name, f in current.items():
        if name not in previous:
            events[name] = "added"
        elif previous[name] != f.sha256:
            events[name] = "changed"
        else:
            events[name] = "unchanged"
        if f.sha256 not in known_ids:
            to_read.setdefault(f.sha256, f)  # the same bytes under two names are read once
    removed = sorted(set(previous) - set(current))
    for name in removed:
        events[name] = "removed"
    return IngestPlan(current=current, to_read=list(to_read.values()), events=events, removed=removed)


class TornRead(DocumentError):
    """The file changed between the scan and the end of its reading."""


def _mb(n: float) -> str:
    # the limit is set in MiB (PLANTRACK_MAX_DOCUMENT_MB=50 means 50 * 2**20 bytes): say it in the same unit
    return f"{n / 2**20:.1f}".removesuffix(".0")


def _read_one(f: SourceFile, max_bytes: int, store: Path | None = None) -> Document:
    """Read exactly the bytes the scan hashed, or refuse: a torn read is never stored as a version.

    The bytes are read once, through O_NOFOLLOW, and checked against the scan's size, mtime and
    sha256; the document store gets those same bytes (not a second copy of a file that may have moved on).
    """
    if f.link_target is not None:
        kind = "folder" if f.link_is_dir else "file"
        raise DocumentError(
            "symlink", f"{f.source_file} is a symbolic link to a {kind} ({f.link_target}); links are not "
            "followed, so nothing outside the sources directory is read. Copy the document itself into "
            "the sources directory.")
    if f.size_bytes > max_bytes:
        raise DocumentError(
            "too_large",
            f"{f.source_file} is {_mb(f.size_bytes)} MB, over the {_mb(max_bytes)} MB limit "
            "(PLANTRACK_MAX_DOCUMENT_MB). Split it or raise the limit.",
        )
    sidecar = f.path.with_name(f.path.name + SIDECAR_SUFFIX)
    if sidecar.is_symlink():
        raise DocumentError("symlink", f"{f.source_file}: its metadata file {sidecar.name} is a symbolic link; "
                            "links are not followed. Put the sidecar file itself beside the document.")
    data = _read_unchanged(f, max_bytes)
    if not data.strip():  # what read_document checks before read_bytes
        raise DocumentError("empty", f"{f.source_file} is empty ({len(data)} bytes, no text). Replace it with the "
                            "complete document.")
    try:
        doc = read_bytes(data, f.source_file, suffix=f.path.suffix.lower(), overrides=load_sidecar(f.path) or None)
    except DocumentError:
        if store is not None:  # what was refused is kept too, so it can be looked at
            keep_bytes(data, f, store)
        raise
    if store is not None:
        keep_bytes(data, f, store)
    return doc


def _read_unchanged(f: SourceFile, max_bytes: int) -> bytes:
    try:
        fd = os.open(f.path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise DocumentError("symlink", f"{f.source_file} became a symbolic link during the run; links are "
                                "not followed. Copy the document itself into the sources directory.") from exc
        if exc.errno == errno.ENOENT:
            raise TornRead("changed_while_reading", f"{f.source_file} disappeared during the run; it is "
                           "picked up again by the next run if it comes back.") from exc
        raise DocumentError("unreadable", f"{f.source_file} could not be read ({exc.strerror}).") from exc
    with os.fdopen(fd, "rb") as fh:
        before = os.fstat(fh.fileno())
        data = fh.read(max_bytes + 1)
        after = os.fstat(fh.fileno())
    still = f.path.stat(follow_symlinks=False) if f.path.exists() else None
    stamps = {(st.st_size, st.st_mtime_ns) for st in (before, after, still) if st is not None}
    sha = hashlib.sha256(data).hexdigest()
    if (stamps != {(f.size_bytes, f.mtime_ns)} or len(data) != f.size_bytes or sha != f.sha256
            or still is None or still.st_ino != before.st_ino):
        raise TornRead(
            "changed_while_reading",
            f"{f.source_file} changed while this run read it ({f.size_bytes} bytes when the run started, "
            f"{len(data)} read, {after.st_size} now); nothing of it was stored and the last good version "
            "(if any) keeps serving. It is read again by the next run; if something is still writing it, "
            "let that finish (or write it elsewhere and move it in).")
    return data


IN_FLIGHT_PER_WORKER = 4


def _run_pool(fn: Callable, items: list, args_of: Callable, timeout_s: float, workers: int,
              progress: Progress | None):
    """Yield (item, result or exception) for every item; a stuck item is killed at its time limit."""
    if not items:
        return
    workers = max(1, min(workers, len(items)))
    # A few tasks in flight per worker, not all of them: each scheduled task's arguments (a whole
    # Document for extraction) sit pickled in the pool's queue until a worker takes it.
    window = workers * IN_FLIGHT_PER_WORKER
    with ProcessPool(max_workers=workers) as pool:
        pending: deque = deque()
        queue = iter(items)
        for item in queue:
            pending.append((item, pool.schedule(fn, args=args_of(item), timeout=timeout_s)))
            if len(pending) >= window:
                break
        while pending:
            item, fut = pending.popleft()
            try:
                result = fut.result()
            except (DocumentError, FutureTimeout, ProcessExpired, Exception) as exc:  # noqa: B014
                result = exc
            nxt = next(queue, None)
            if nxt is not None:
                pending.append((nxt, pool.schedule(fn, args=args_of(nxt), timeout=timeout_s)))
            yield item, result
            if progress:
                progress.advance()


def _failure(f_name: str, doc_id: str | None, exc: BaseException, stage: str, timeout_s: float) -> Quarantined:
    if isinstance(exc, DocumentError):
        return Quarantined(f_name, doc_id, exc.code, exc.reason)
    if isinstance(exc, FutureTimeout):
        return Quarantined(f_name, doc_id, "timeout",
                           f"{f_name}: {stage} took longer than the {timeout_s:.0f} s limit per document "
                           "(PLANTRACK_DOCUMENT_TIMEOUT_S) and was stopped.")
    if isinstance(exc, ProcessExpired):
        return Quarantined(f_name, doc_id, "crashed",
                           f"{f_name}: the {stage} process died ({exc}); the file may be malformed.")
    return Quarantined(f_name, doc_id, f"{stage}_error",
                       f"{f_name}: unexpected error while {stage}: {type(exc).__name__}: {exc}")


def read_documents(files: list[SourceFile], *, max_bytes: int, timeout_s: float, workers: int,
                   store: Path | None = None,
                   progress: Progress | None = None) -> tuple[list[Document], list[Quarantined]]:
    docs: list[Document] = []
    bad: list[Quarantined] = []
    for f, result in _run_pool(_read_one, files, lambda f: (f, max_bytes, store), timeout_s, workers, progress):
        if isinstance(result, Document):
            checkpoint("read")
            docs.append(result)
        else:
            bad.append(_failure(f.source_file, f.sha256, result, "reading", timeout_s))
    return docs, bad


def extract_documents(docs: list[Document], *, timeout_s: float, workers: int,
                      progress: Progress | None = None
                      ) -> tuple[dict[str, Statements], list[Quarantined]]:
    out: dict[str, Statements] = {}
    bad: list[Quarantined] = []
    for doc, result in _run_pool(extract_statements, docs, lambda d: (d,), timeout_s, workers, progress):
        if isinstance(result, Statements):
            checkpoint("extract")
            out[doc.document_id] = result
        else:
            bad.append(_failure(doc.source_file, doc.document_id, result, "extracting", timeout_s))
    return out, bad


def keep_bytes(data: bytes, f: SourceFile, store: Path) -> Path:
    """Keep the exact bytes read, content-addressed, so every version ever ingested can be re-read."""
    dest = store / f.sha256[:2] / (f.sha256 + "".join(f.path.suffixes[-1:]))
    if not dest.exists():
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f"{dest.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, dest)
    return dest


def previous_sources(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT source_file, document_id FROM raw.current_sources").fetchall())


def load_raw(con: duckdb.DuckDBPyConnection, run_id: str, plan: IngestPlan, docs: Iterable[Document],
             statements: dict[str, Statements], quarantined: list[Quarantined]) -> dict[str, int]:
    """Append what was read to the raw tables in one transaction; replace the current-sources map."""
    now = datetime.now().replace(microsecond=0)
    docs = [d for d in docs if d.document_id in statements]
    bad_ids = {q.document_id for q in quarantined}
    con.execute("BEGIN TRANSACTION")
    try:
        # A document read again by newer extraction code: its statements are replaced (the bytes are
        # kept in the document store, so they can always be extracted again).
        for table in ("raw.targets", "raw.actuals", "raw.documents"):
            con.execute(f"DELETE FROM {table} WHERE document_id IN (SELECT unnest(?::VARCHAR[]))",
                        [[d.document_id for d in docs]])
        n_docs = insert_rows(con, "raw.documents", (document_row(d, EXTRACTOR_VERSION, now) for d in docs))
        n_t = insert_rows(con, "raw.targets", (target_row(t, EXTRACTOR_VERSION)
                                               for s in statements.values() for t in s.targets))
        n_a = insert_rows(con, "raw.actuals", (actual_row(a, EXTRACTOR_VERSION)
                                               for s in statements.values() for a in s.actuals))
        insert_rows(con, "raw.quarantine", (
            {"run_id": run_id, "source_file": q.source_file, "document_id": q.document_id,
             "error_code": q.error_code, "reason": q.reason, "quarantined_at": now} for q in quarantined))
        first_seen = dict(con.execute("SELECT source_file, first_seen_at FROM raw.current_sources").fetchall())
        previous = previous_sources(con)
        con.execute("DELETE FROM raw.current_sources")
        current: dict[str, str] = {}
        for name, f in plan.current.items():
            if f.sha256 not in bad_ids:
                current[name] = f.sha256
            elif name in previous:  # a broken new version: the last good one keeps serving
                current[name] = previous[name]
        insert_rows(con, "raw.current_sources", (
            {"source_file": name, "document_id": doc_id,
             "first_seen_at": first_seen.get(name, now) if previous.get(name) == doc_id else now}
            for name, doc_id in current.items()))
        insert_rows(con, "raw.ingestion_log", (
            {"run_id": run_id, "source_file": name,
             "document_id": plan.current[name].sha256 if name in plan.current else previous.get(name),
             "event": "quarantined" if name in plan.current and plan.current[name].sha256 in bad_ids
             else event, "logged_at": now}
            for name, event in plan.events.items()))
        checkpoint("load")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return {"documents": n_docs, "targets": n_t, "actuals": n_a, "quarantined": len(quarantined)}
