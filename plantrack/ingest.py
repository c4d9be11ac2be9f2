"""Ingestion: find what changed in the sources, read and extract it in parallel, load raw tables.

Pure functions over small dataclasses; the Dagster assets in `orchestration/` are thin wrappers.
Identity is the sha256 of a file's bytes, so an unchanged file is never read or parsed again.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
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
from plantrack.extract.filing import filed
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
    # a FIFO, socket or device where a document would be (never opened), or a file the scan could not
    # open: quarantined with (code, what it is)
    special: tuple[str, str] | None = None
    # sha256 of the sidecar beside it (`<file>.meta.json`), None without one: a changed sidecar
    # re-reads the document, whose bytes did not change
    sidecar_sha256: str | None = None


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
    """(sha256, size, mtime_ns) of one open file; O_NOFOLLOW: a link swapped in is refused, not read;
    O_NONBLOCK: a FIFO swapped in does not block the open, and is refused as not a regular file."""
    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise OSError(errno.EINVAL, f"{path.name} is not a regular file")
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
        st = os.fstat(fh.fileno())
    return digest.hexdigest(), st.st_size, st.st_mtime_ns


def display_name(rel: str) -> str:
    """A file name as text the warehouse can store. A path part whose bytes are not UTF-8 (a GBK name
    unzipped from a Windows archive) has every non-ASCII byte written as a \\xNN escape: exact, never
    a guess at its encoding (decoding part of it as UTF-8 would show wrong characters)."""
    try:
        rel.encode("utf-8")
        return rel
    except UnicodeEncodeError:
        pass
    parts = []
    for part in rel.split("/"):
        try:
            part.encode("utf-8")
            parts.append(part)
        except UnicodeEncodeError:
            parts.append("".join(chr(b) if b < 0x80 else f"\\x{b:02x}" for b in os.fsencode(part)))
    return "/".join(parts)


def _sidecar_print(path: Path) -> str | None:
    """What stands for a sidecar in fingerprints: its sha256, its link target, or the kind of special
    file it is (never opened: a FIFO would block); None when there is none."""
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    try:
        st = side.lstat()
    except OSError:
        return None
    if stat.S_ISLNK(st.st_mode):
        try:
            return "symlink:" + display_name(os.readlink(side))
        except OSError:
            return "symlink:?"
    if not stat.S_ISREG(st.st_mode):
        return f"special:{stat.S_IFMT(st.st_mode)}"
    try:
        return file_sha256(side)
    except OSError:
        return None


def _link(sources_dir: Path, path: Path, is_dir: bool) -> SourceFile:
    target = display_name(os.readlink(path))
    rel = display_name(path.relative_to(sources_dir).as_posix())
    sha = hashlib.sha256(f"symlink:{rel}->{target}".encode()).hexdigest()
    return SourceFile(rel, path, sha, 0, 0, link_target=target, link_is_dir=is_dir)


def _special(sources_dir: Path, path: Path, mode: int) -> SourceFile:
    from plantrack.documents.sidecar import file_kind

    rel = display_name(path.relative_to(sources_dir).as_posix())
    sha = hashlib.sha256(f"special:{rel}:{stat.S_IFMT(mode)}".encode()).hexdigest()
    return SourceFile(rel, path, sha, 0, 0, special=("not_a_regular_file", f"is {file_kind(mode)}, not a regular "
                                                     "file; it was skipped without being opened"))


def _unopenable(sources_dir: Path, path: Path, exc: OSError) -> SourceFile:
    rel = display_name(path.relative_to(sources_dir).as_posix())
    sha = hashlib.sha256(f"unreadable:{rel}:{exc.errno}".encode()).hexdigest()
    return SourceFile(rel, path, sha, 0, 0, special=("unreadable", f"could not be opened ({exc.strerror or exc})"))


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
            rel = display_name(path.relative_to(sources_dir).as_posix())
            try:
                mode = path.lstat().st_mode
            except OSError:
                continue  # gone since the walk listed it: the next scan sees what is there then
            if stat.S_ISLNK(mode):
                found[rel] = _link(sources_dir, path, is_dir=False)
                continue
            if not stat.S_ISREG(mode):  # a fifo, socket or device: never opened, quarantined with its kind
                found[rel] = _special(sources_dir, path, mode)
                continue
            try:
                sha, size, mtime_ns = _hash_file(path)
            except OSError as exc:
                if exc.errno in (errno.EACCES, errno.EPERM, errno.EIO):  # there, but not readable: say so
                    found[rel] = _unopenable(sources_dir, path, exc)
                continue  # gone (or swapped for a link) since the walk listed it: the next scan sees it
            found[rel] = SourceFile(rel, path, sha, size, mtime_ns, sidecar_sha256=_sidecar_print(path))
    return dict(sorted(found.items()))


def fingerprint(sources_dir: Path, scanned: dict[str, SourceFile] | None = None) -> dict[str, str]:
    """source_file -> sha256 of the file, sidecars included: what the sensor compares run to run.

    Pass `scanned` (from scan_sources) to reuse hashes already computed.
    """
    scanned = scan_sources(sources_dir) if scanned is None else scanned
    prints = {name: f.sha256 for name, f in scanned.items()}
    for path in sources_dir.rglob("*" + SIDECAR_SUFFIX) if sources_dir.exists() else ():
        rel = display_name(path.relative_to(sources_dir).as_posix())
        doc = path.with_name(path.name[: -len(SIDECAR_SUFFIX)])
        sidecar = _sidecar_print(doc)
        if sidecar is not None:
            prints[rel] = sidecar
    return prints


def plan_ingest(current: dict[str, SourceFile], known_ids: set[str],
                previous: dict[str, str], known_sidecars: dict[str, str | None] | None = None) -> IngestPlan:
    """Compare the files on disk with what the warehouse already holds.

    `known_ids`: documents already read by this extractor version; `previous`: source_file ->
    document_id as of the last run; `known_sidecars`: document_id -> the sidecar print it was read with.
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
        elif known_sidecars is not None and known_sidecars.get(f.sha256) != f.sidecar_sha256:
            # same bytes, a sidecar added, changed or removed since they were read: read them again
            to_read.setdefault(f.sha256, f)
            if events[name] == "unchanged":
                events[name] = "changed"
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
    if f.special is not None:
        code, what = f.special
        raise DocumentError(code, f"{f.source_file} {what}. Put the document itself, readable, in the sources "
                            "directory.")
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


def read_source(path: Path, source_file: str, max_bytes: int = 50 * 2**20) -> Document:
    """Read one file exactly as a refresh's workers do (`_read_one`: the same bytes check, sidecar and
    reader); what `plantrack eval` uses, so it measures the product and not a sibling path."""
    path = Path(path)
    if path.is_symlink():
        return _read_one(_link(path.parent, path, is_dir=False), max_bytes)
    sha, size, mtime_ns = _hash_file(path)
    return _read_one(SourceFile(source_file, path, sha, size, mtime_ns), max_bytes)


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
    """Append what was read to the raw tables in one transaction; replace the current-sources map.

    A document whose rows the warehouse cannot store (a value out of a column's range) is found by
    storing each document alone, rolled back, and quarantined with the error, naming its file; the
    others are loaded. Only an error no single document causes fails the load.
    """
    docs = [d for d in docs if d.document_id in statements]
    try:
        return _load_raw(con, run_id, plan, docs, statements, quarantined)
    except duckdb.IOException:
        raise  # a lock or the disk: nothing a document did (retried or failed by the caller)
    except Exception:  # noqa: BLE001 - any conversion error: find the document that causes it
        unstorable = [q for d in docs if (q := _unstorable(con, run_id, plan, d, statements))]
        if not unstorable:
            raise
        bad = {q.document_id for q in unstorable}
        return _load_raw(con, run_id, plan, [d for d in docs if d.document_id not in bad],
                         {k: v for k, v in statements.items() if k not in bad}, quarantined + unstorable)



def _unstorable(con: duckdb.DuckDBPyConnection, run_id: str, plan: IngestPlan, doc: Document,
                statements: dict[str, Statements]) -> Quarantined | None:
    """Whether this one document's rows can be stored: tried in a transaction that is rolled back."""
    now = datetime.now().replace(microsecond=0)
    one = statements[doc.document_id]
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM raw.documents WHERE document_id = ?", [doc.document_id])
        insert_rows(con, "raw.documents", [document_row(filed(doc, one), EXTRACTOR_VERSION, now)])
        insert_rows(con, "raw.targets", (target_row(t, EXTRACTOR_VERSION) for t in one.targets))
        insert_rows(con, "raw.actuals", (actual_row(a, EXTRACTOR_VERSION) for a in one.actuals))
    except duckdb.IOException:
        raise
    except Exception as exc:  # noqa: BLE001
        return Quarantined(doc.source_file, doc.document_id, "unstorable",
                           f"{doc.source_file}: what was read from it cannot be stored in the warehouse "
                           f"({type(exc).__name__}: {str(exc)[:300]}); check its metadata (sidecar) and values.")
    finally:
        con.execute("ROLLBACK")
    return None


def _load_raw(con: duckdb.DuckDBPyConnection, run_id: str, plan: IngestPlan, docs: list[Document],
              statements: dict[str, Statements], quarantined: list[Quarantined]) -> dict[str, int]:
    now = datetime.now().replace(microsecond=0)
    bad_ids = {q.document_id for q in quarantined}
    sidecars = {f.sha256: f.sidecar_sha256 for f in plan.to_read}
    con.execute("BEGIN TRANSACTION")
    try:
        # A document read again by newer extraction code: its statements are replaced (the bytes are
        # kept in the document store, so they can always be extracted again).
        for table in ("raw.targets", "raw.actuals", "raw.documents"):
            con.execute(f"DELETE FROM {table} WHERE document_id IN (SELECT unnest(?::VARCHAR[]))",
                        [[d.document_id for d in docs]])
        n_docs = insert_rows(con, "raw.documents", ({**document_row(filed(d, statements[d.document_id]),
                                                                    EXTRACTOR_VERSION, now),
                                                     "sidecar_sha256": sidecars.get(d.document_id)}
                                                    for d in docs))
        n_t = insert_rows(con, "raw.targets", (target_row(t, EXTRACTOR_VERSION)
                                               for d in docs for t in statements[d.document_id].targets))
        n_a = insert_rows(con, "raw.actuals", (actual_row(a, EXTRACTOR_VERSION)
                                               for d in docs for a in statements[d.document_id].actuals))
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


# A held-back document: what a failing check found in it stays out of tonight's marts, not the night.
HELD_BACK = "failed_check"
# More than this share of the current documents failing one night is no document's fault (an
# extractor or check bug): the check then blocks the publish instead of holding them all back.
MAX_HELD_BACK_SHARE = 0.5


def hold_back(con: duckdb.DuckDBPyConnection, run_id: str, reasons: dict[str, str]) -> list[tuple[str, str]]:
    """Take these documents (document_id -> why) out of tonight's sources: quarantined with the
    check's reason (raw.quarantine, shown by `plantrack status` and the quality dashboard), their
    statements removed so the next run reads them again, their files logged `quarantined`.

    Returns (source_file, reason) of every file held back.
    """
    ids = sorted(reasons)
    if not ids:
        return []
    now = datetime.now().replace(microsecond=0)
    files = con.execute("SELECT source_file, document_id FROM raw.current_sources "
                        "WHERE document_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY source_file", [ids]).fetchall()
    held = [(f, f"{f}: held back tonight, its other documents published: {reasons[d]} It is read again by the "
                "next run; fix the document (or add an override) if the check is right.") for f, d in files]
    con.execute("BEGIN TRANSACTION")
    try:
        for table in ("raw.current_sources", "raw.targets", "raw.actuals", "raw.documents"):
            con.execute(f"DELETE FROM {table} WHERE document_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        insert_rows(con, "raw.quarantine", (
            {"run_id": run_id, "source_file": f, "document_id": d, "error_code": HELD_BACK,
             "reason": reason, "quarantined_at": now} for (f, d), (_, reason) in zip(files, held, strict=True)))
        con.execute("UPDATE raw.ingestion_log SET event = 'quarantined' WHERE run_id = ? "
                    "AND source_file IN (SELECT unnest(?::VARCHAR[]))", [run_id, [f for f, _ in files]])
        # the next refresh is never "nothing changed": it reads these documents again
        from plantrack.runs import forget_fingerprint  # runs.py is the one writer of ops.runs
        forget_fingerprint(con, run_id)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return held
