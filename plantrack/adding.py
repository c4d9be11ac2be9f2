"""`plantrack add`: what may be added to the sources directory, checked before anything is written.

Every check answers with one sentence (the refusal the command prints) or None. The document lands
inside the sources directory under a plain file name, copied from a regular file (never through a
symbolic link), written beside its final name and renamed into place, so the sources sensor never
sees half a file and nothing outside the folder is ever written.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from plantrack.documents.metadata import DOC_TYPES
from plantrack.documents.sidecar import MAX_SIDECAR_BYTES
from plantrack.documents.sidecar import SUFFIX as SIDECAR_SUFFIX

# File names: most file systems take 255 bytes; the sidecar adds its suffix to the document's name.
MAX_NAME_BYTES = 255 - len(SIDECAR_SUFFIX.encode())
# A title is a line, not a text: the longest plan titles are under 100 characters.
MAX_TITLE_CHARS = 300
EARLIEST_ISSUE = date(1900, 1, 1)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Refused(Exception):
    """One clear line saying what was refused and why (the command exits 2)."""


@dataclass(frozen=True)
class Addition:
    source: Path
    name: str
    meta: dict


def check_name(name: str) -> str | None:
    """A plain file name inside the sources directory, that the pipeline will read as a document."""
    shown = repr(name)
    if not name or name in (".", ".."):
        return f"the name {shown} is not a file name"
    if "/" in name or "\\" in name or os.sep in name or (os.altsep and os.altsep in name):
        return (f"the name {shown} has a path separator; give a plain file name (the document always "
                "goes directly into the sources directory)")
    if "\x00" in name or any(unicodedata.category(c) == "Cc" for c in name):
        return f"the name {shown} has control characters"
    if name.startswith("."):
        return f"the name {shown} begins with '.': hidden files are never read; give a visible name"
    if name.endswith(SIDECAR_SUFFIX):
        return (f"the name {shown} ends with {SIDECAR_SUFFIX!r}, the metadata sidecar's suffix, so it would "
                "never be read as a document; give the document's own name")
    if name != name.strip():
        return f"the name {shown} begins or ends with spaces"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"the name is {len(name.encode('utf-8'))} bytes long; at most {MAX_NAME_BYTES} bytes"
    return None


def check_region(region: str) -> tuple[str, str] | str:
    """(sidecar field, value) for a region the division list knows, or the refusal."""
    from plantrack.documents.regions import load_gazetteer, region_by_name

    gazetteer = load_gazetteer()
    region = region.strip()
    if region.isascii() and region.isdigit():
        if region in gazetteer.by_code:
            return "region_code", region
        return (f"--region {region}: no region has this code in the national division list (GB/T 2260, "
                "6 digits, e.g. 500116)")
    if not region or len(region) > 40:
        return f"--region {region[:40]!r}: not a region name"
    found = region_by_name(region, gazetteer)
    if found.code is None:
        return f"--region {region}: {found.reason}"
    return "region_name", region


def check_doc_type(doc_type: str) -> str | None:
    if doc_type in DOC_TYPES:
        return None
    return f"--type {doc_type[:40]!r} is not a kind of document; one of {', '.join(DOC_TYPES)}"


def check_issued(issued: str, today: date | None = None) -> str | date:
    today = today or date.today()
    if not _ISO_DATE.fullmatch(issued):
        return f"--issued must be a date like 2024-12-27, not {issued[:40]!r}"
    try:
        day = date.fromisoformat(issued)
    except ValueError:
        return f"--issued {issued}: no such day in the calendar"
    if day > today:
        return f"--issued {issued} is after today ({today.isoformat()}); a document is added once issued"
    if day < EARLIEST_ISSUE:
        return f"--issued {issued} is before {EARLIEST_ISSUE.isoformat()}"
    return day


def check_title(title: str) -> str | None:
    if len(title) > MAX_TITLE_CHARS:
        return f"--title is {len(title)} characters long; at most {MAX_TITLE_CHARS} (a title is one line)"
    if not title.strip() or any(unicodedata.category(c) == "Cc" for c in title):
        return "--title must be one line of text (no line breaks or control characters)"
    return None


def check_source(file: Path, max_bytes: int) -> os.stat_result | str:
    """The document to copy: a regular file, itself (a symbolic link is not followed)."""
    try:
        st = os.lstat(file)
    except FileNotFoundError:
        return f"{file}: no such file"
    except OSError as exc:
        return f"{file}: {exc.strerror}"
    if stat.S_ISLNK(st.st_mode):
        return (f"{file} is a symbolic link; links are not followed. Give the document itself "
                f"(e.g. {os.path.realpath(file)} if that is the one you mean)")
    if stat.S_ISDIR(st.st_mode):
        return f"{file} is a folder; give one document file"
    if not stat.S_ISREG(st.st_mode):
        return f"{file} is not a regular file (a device, pipe or socket)"
    if st.st_size > max_bytes:
        return (f"{file} is {st.st_size / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit "
                "(PLANTRACK_MAX_DOCUMENT_MB)")
    return st


def plan(file: Path, *, name: str | None, region: str | None, doc_type: str | None, issued: str | None,
         title: str | None, max_bytes: int, today: date | None = None) -> Addition:
    """Check everything; raise Refused with the first problem found."""
    source = check_source(file, max_bytes)
    if isinstance(source, str):
        raise Refused(source)
    chosen = name if name is not None else file.name
    problem = check_name(chosen)
    if problem:
        raise Refused(problem if name is not None else problem.replace("the name", "the file's name", 1)
                      + ("" if name is not None else "; give --name"))
    meta: dict = {}
    if region is not None:
        checked = check_region(region)
        if isinstance(checked, str):
            raise Refused(checked)
        meta[checked[0]] = checked[1]
    if doc_type is not None:
        problem = check_doc_type(doc_type)
        if problem:
            raise Refused(problem)
        meta["doc_type"] = doc_type
    if issued is not None:
        day = check_issued(issued, today)
        if isinstance(day, str):
            raise Refused(day)
        meta["issued_on"] = day.isoformat()
    if title is not None:
        problem = check_title(title)
        if problem:
            raise Refused(problem)
        meta["title"] = title
    if len(json.dumps(meta, ensure_ascii=False).encode()) > MAX_SIDECAR_BYTES:  # cannot happen with the bounds
        raise Refused("the metadata is larger than a sidecar may be")
    return Addition(file, chosen, meta)


def _read_regular(path: Path) -> bytes:
    """The file's bytes, opened without following a link (it may have been swapped since the check)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Refused(f"{path} is not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read()
    finally:
        os.close(fd)


def _existing(path: Path) -> bytes | None:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(st.st_mode):
        raise Refused(f"{path} exists and is not a regular file (a link or folder); remove it first")
    return _read_regular(path)


def _write_atomically(dest: Path, data: bytes) -> None:
    """Written under a hidden name in the same folder (the scan skips it), then renamed into place:
    a rename replaces a link at `dest` itself, never the file it points to."""
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".adding-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def apply(addition: Addition, sources_dir: Path) -> Path:
    """Copy the document (and write its sidecar) into the sources directory; the destination path."""
    sources_dir.mkdir(parents=True, exist_ok=True)
    folder = sources_dir.resolve()
    dest = folder / addition.name
    if dest.parent != folder:  # check_name makes this impossible; kept as the last guard
        raise Refused(f"the name {addition.name!r} would leave the sources directory")
    data = _read_regular(addition.source)
    current = _existing(dest)
    if current is not None and current != data:
        raise Refused(f"{dest} exists with other content. Give --name to add this as a separate document, "
                      "or replace the file yourself to make it a new version.")
    if addition.meta:
        sidecar = dest.with_name(dest.name + SIDECAR_SUFFIX)
        _existing(sidecar)  # refuses a link or folder in its place
        text = json.dumps(addition.meta, ensure_ascii=False, indent=2) + "\n"
        _write_atomically(sidecar, text.encode("utf-8"))
    if current is None:
        _write_atomically(dest, data)
    return dest
