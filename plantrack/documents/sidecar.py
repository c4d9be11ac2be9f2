"""Sidecar metadata: `<document file name>.meta.json` next to a document overrides detection.

Fields (all optional): title, doc_type (plan | opinions | annual_plan | bulletin | economic_report |
work_review | government_report | other), issuer, region_name, region_code (GB/T 2260), issued_on
(YYYY-MM-DD), plan_start_year, plan_end_year. Example:
    {"region_name": "江津区", "issued_on": "2023-12-28", "plan_start_year": 2023, "plan_end_year": 2027}
"""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path

from plantrack.documents.metadata import DOC_TYPES, FIELDS
from plantrack.model import YEAR_MAX, YEAR_MIN, DocumentError

SUFFIX = ".meta.json"
MAX_SIDECAR_BYTES = 64 * 1024


def sidecar_path(document: Path) -> Path:
    return document.with_name(document.name + SUFFIX)


def is_sidecar(path: Path) -> bool:
    """Sidecars live among the documents; the pipeline must not read them as documents."""
    return path.name.endswith(SUFFIX)


def load_sidecar(path: Path) -> dict:
    """The overrides in a sidecar file ({} when there is none). `path` is the sidecar or its document.

    Every value is validated here, each problem named with the file: a sidecar can never carry a value
    the warehouse cannot store (a 20-digit year) or the checks would refuse (a year 0). A sidecar that
    is not a regular file (a FIFO would block the reader forever) is refused without being opened.
    """
    path = Path(path)
    if not is_sidecar(path):
        path = sidecar_path(path)
    try:
        st = path.lstat()
    except FileNotFoundError:
        return {}
    name = path.name
    if not stat.S_ISREG(st.st_mode):
        raise DocumentError("bad_sidecar", f"{name} is {file_kind(st.st_mode)}, not a regular file; a sidecar "
                            "must be a JSON file. Replace it with one or remove it.")
    if st.st_size > MAX_SIDECAR_BYTES:
        raise DocumentError("bad_sidecar", f"{name} is larger than {MAX_SIDECAR_BYTES // 1024} KB; a sidecar "
                            "holds a few metadata fields only.")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as fh:
            raw = fh.read(MAX_SIDECAR_BYTES + 1)
        data = json.loads(raw.decode("utf-8-sig"))
    except OSError as exc:
        raise DocumentError("bad_sidecar", f"{name} could not be read ({exc.strerror or exc}).") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DocumentError("bad_sidecar", f"{name} is not valid UTF-8 JSON ({exc}). Fix it or remove it.") from exc
    if not isinstance(data, dict):
        raise DocumentError("bad_sidecar", f"{name} must hold a JSON object of metadata fields.")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise DocumentError("bad_sidecar", f"{name} has unknown field(s) {', '.join(unknown)}; the fields are "
                            f"{', '.join(FIELDS)}.")
    problems = [p for key, value in data.items() if value is not None and (p := _problem(key, value))]
    start, end = _year(data.get("plan_start_year")), _year(data.get("plan_end_year"))
    if not problems and start is not None and end is not None and start > end:
        problems.append(f"plan_start_year {start} is after plan_end_year {end}")
    if problems:
        raise DocumentError("bad_sidecar", f"{name}: " + "; ".join(problems) + ".")
    return {k: v for k, v in data.items() if v is not None}


YEAR_FIELDS = ("plan_start_year", "plan_end_year", "period_year")
TEXT_LIMIT = 500


def _year(value) -> int | None:
    """A year given as 2025 or "2025"; None for anything else (bool, float, text, 20 digits...)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 4:
        return int(value.strip())
    return None


def _problem(key: str, value) -> str | None:
    shown = json.dumps(value, ensure_ascii=False)[:60]
    if key in YEAR_FIELDS:
        year = _year(value)
        if year is None or not YEAR_MIN <= year <= YEAR_MAX:
            return f"{key} must be a year between {YEAR_MIN} and {YEAR_MAX}, such as 2025 (got {shown})"
        return None
    if not isinstance(value, str):
        return f"{key} must be text (got {shown})"
    if len(value) > TEXT_LIMIT:
        return f"{key} is longer than {TEXT_LIMIT} characters"
    if key == "doc_type" and value not in DOC_TYPES:
        return f"doc_type must be one of {', '.join(DOC_TYPES)} (got {shown})"
    if key == "issued_on":
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return f"issued_on must be a date written YYYY-MM-DD (got {shown})"
        if not YEAR_MIN <= day.year <= YEAR_MAX:
            return f"issued_on must be a date between {YEAR_MIN} and {YEAR_MAX} (got {shown})"
    if key == "region_code" and not (value.isascii() and value.isdigit() and len(value) == 6):
        return f"region_code must be a 6-digit GB/T 2260 code such as 500110 (got {shown})"
    return None


def file_kind(mode: int) -> str:
    """'a FIFO (named pipe)', 'a socket', ... for a file that is not a regular one."""
    for test, kind in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a symbolic link")):
        if test(mode):
            return kind
    return "not a regular file"
