"""Sidecar metadata: `<document file name>.meta.json` next to a document overrides detection.

Fields (all optional): title, doc_type (plan | opinions | annual_plan | bulletin | economic_report |
work_review | government_report | other), issuer, region_name, region_code (GB/T 2260), issued_on
(YYYY-MM-DD), plan_start_year, plan_end_year. Example:
    {"region_name": "江津区", "issued_on": "2023-12-28", "plan_start_year": 2023, "plan_end_year": 2027}
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from plantrack.documents.metadata import DOC_TYPES, FIELDS
from plantrack.model import DocumentError

SUFFIX = ".meta.json"
MAX_SIDECAR_BYTES = 64 * 1024


def sidecar_path(document: Path) -> Path:
    return document.with_name(document.name + SUFFIX)


def is_sidecar(path: Path) -> bool:
    """Sidecars live among the documents; the pipeline must not read them as documents."""
    return path.name.endswith(SUFFIX)


def load_sidecar(path: Path) -> dict:
    """The overrides in a sidecar file ({} when there is none). `path` is the sidecar or its document."""
    path = Path(path)
    if not is_sidecar(path):
        path = sidecar_path(path)
    if not path.exists():
        return {}
    name = path.name
    if path.stat().st_size > MAX_SIDECAR_BYTES:
        raise DocumentError("bad_sidecar", f"{name} is larger than {MAX_SIDECAR_BYTES // 1024} KB; a sidecar "
                            "holds a few metadata fields only.")
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DocumentError("bad_sidecar", f"{name} is not valid UTF-8 JSON ({exc}). Fix it or remove it.") from exc
    if not isinstance(data, dict):
        raise DocumentError("bad_sidecar", f"{name} must hold a JSON object of metadata fields.")
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise DocumentError("bad_sidecar", f"{name} has unknown field(s) {', '.join(unknown)}; the fields are "
                            f"{', '.join(FIELDS)}.")
    problems = []
    if data.get("doc_type") not in (None, *DOC_TYPES):
        problems.append(f"doc_type must be one of {', '.join(DOC_TYPES)}")
    if data.get("issued_on") is not None:
        try:
            date.fromisoformat(str(data["issued_on"]))
        except ValueError:
            problems.append("issued_on must be a date written YYYY-MM-DD")
    for key in ("plan_start_year", "plan_end_year"):
        if data.get(key) is not None and not str(data[key]).isdigit():
            problems.append(f"{key} must be a year such as 2025")
    if problems:
        raise DocumentError("bad_sidecar", f"{name}: " + "; ".join(problems) + ".")
    return {k: v for k, v in data.items() if v is not None}
