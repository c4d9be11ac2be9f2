"""Analysts' corrections, kept as data in the data directory (not in the code), keyed by what the text says.

A correction names the document by the sha256 of its bytes and the value by its quote, the quote's
offsets and the number as written (`value_raw`) — never by what the extractor made of it (its year, kind
or indicator, which a better extractor changes). The next refresh loads every correction into
`raw.corrections`; dbt (int_corrections) finds, in the current documents, the statement each one is
about — same document, else the current version of the same source file; same quote and number, else
an overlapping span of the same document — and applies the latest correction of each field. One whose
quote no longer exists in any current version is listed as orphaned (mart_corrections), never dropped.

The log is append-only JSON lines, `<data dir>/corrections/corrections.jsonl`: every correction ever
made stays, with who, when, why and before → after (mart_corrections is its history).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

LOG_NAME = "corrections.jsonl"

# What may be corrected, and what each value must look like.
STATEMENT_FIELDS = ("year", "period", "kind", "value", "unit", "indicator", "place", "exclude")
# Finer fields the old overrides files could set; accepted in a spreadsheet and by the migration.
DETAIL_FIELDS = ("value_high", "comparator", "target_kind", "baseline_year", "baseline_value", "attribute", "measure")
DOCUMENT_FIELDS = ("place", "kind", "date", "period")
STATEMENT_KINDS = ("target", "actual", "estimate")
_PERIOD_LABEL = re.compile(r"全年|[一二三四]季度|上半年|下半年|前三季度|(?:1[-—－~至])?(?:[1-9]|1[0-2])月")
_DOC_PERIOD = re.compile(r"(?P<start>\d{4})\s*[-—－~至]\s*(?P<end>\d{4})|(?P<year>\d{4})(?:\s*(?P<label>\S+))?")
_TRUE = {"yes", "true", "1", "y", "是", "排除"}
_FALSE = {"no", "false", "0", "n", "否", "恢复"}

LOG_COLUMNS = ("correction_id", "at", "by", "why", "subject", "field", "before", "after", "after_label",
               "document_id", "source_file", "quote", "char_start", "char_end", "value_raw", "indicator_text",
               "statement_id")


class Refused(ValueError):
    """A correction that cannot be applied, with one sentence saying why."""


@dataclass(frozen=True)
class Correction:
    """One field of one value (subject `statement`) or of one document (subject `document`) set by a person."""

    subject: str  # statement | document
    field: str
    after: str | None  # normalized: a year, a region code, an ISO date, 'true' for exclude ...
    by: str
    why: str
    document_id: str
    source_file: str | None = None
    quote: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    value_raw: str | None = None
    indicator_text: str | None = None  # tells apart two values with the same number in one quote
    statement_id: str | None = None  # the extractor's id when the correction was made (information only)
    before: str | None = None
    after_label: str | None = None  # what a person reads: the region's name for a code
    at: str = field(default_factory=lambda: datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds"))
    correction_id: str = field(default_factory=lambda: f"c_{uuid.uuid4().hex[:16]}")

    def key(self) -> str:
        """What the correction is about, whatever the extractor makes of it: later ones of the same key
        and field supersede it."""
        parts = (self.subject, self.document_id, self.quote, self.char_start, self.char_end, self.value_raw,
                 self.indicator_text, self.field)
        return hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()[:16]


def log_path(data_dir: Path) -> Path:
    return data_dir / "corrections" / LOG_NAME


def read_log(data_dir: Path) -> list[Correction]:
    path = log_path(data_dir)
    if not path.exists():
        return []
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                out.append(Correction(**{k: row.get(k) for k in LOG_COLUMNS if k in row}))
    return out


def append(data_dir: Path, corrections: Iterable[Correction]) -> int:
    """Append to the log, flushed and fsynced: a correction made is a correction kept."""
    rows = list(corrections)
    if not rows:
        return 0
    path = log_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as f:
        for c in rows:
            f.write(json.dumps(asdict(c), ensure_ascii=False, sort_keys=True) + "\n")
        f.flush()
        os.fsync(f.fileno())
    return len(rows)


def fingerprint(data_dir: Path) -> str:
    """Part of what the marts are built from: a refresh after a correction is never 'nothing changed'."""
    path = log_path(data_dir)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def load_into(con, data_dir: Path) -> int:
    """Replace raw.corrections with the log (documents are not read again for it)."""
    rows = read_log(data_dir)
    con.execute("DELETE FROM raw.corrections")
    if rows:
        con.executemany(
            "INSERT INTO raw.corrections VALUES (" + ", ".join("?" * (len(LOG_COLUMNS) + 1)) + ")",
            [[getattr(c, k) for k in LOG_COLUMNS] + [c.key()] for c in rows])
    return len(rows)


# --- checking what a person typed -------------------------------------------------------------------

def _override_check(field_name: str, text: str) -> None:
    """The override rows' own check (plantrack/overrides.py), one validator for both."""
    from plantrack import overrides

    kind = overrides.ACTUAL if field_name in overrides.ACTUAL.fields and field_name not in overrides.TARGET.fields \
        else overrides.TARGET
    problem = overrides.check_value(kind, field_name, text)
    if problem:
        raise Refused(problem.replace("new_value", field_name, 1))


def _year(text: str) -> str:
    text = text.strip()
    if not re.fullmatch(r"\d{4}", text):
        raise Refused(f"year {text[:40]!r} is not a year (four digits, e.g. 2025)")
    _override_check("target_year", text)
    return text


def _place(text: str) -> tuple[str, str]:
    from plantrack.documents.regions import load_gazetteer, region_by_name

    gazetteer = load_gazetteer()
    text = text.strip()
    if text.isascii() and text.isdigit():
        if text in gazetteer.by_code:
            return text, gazetteer.by_code[text].name
        raise Refused(f"place {text}: no region has this code in the national division list (GB/T 2260)")
    found = region_by_name(text, gazetteer)
    if found.code is None:
        raise Refused(f"place {text!r}: {found.reason or 'not a region'}")
    return found.code, found.name or text


def _indicator(text: str) -> str:
    """A catalog indicator by its id, or by its Chinese or English name when one indicator has it."""
    import csv

    from plantrack import overrides

    with open(overrides.SEEDS_DIR / "indicators.csv", encoding="utf-8") as f:
        named = [r["indicator_id"] for r in csv.DictReader(f) if text in (r["name_zh"], r["name_en"])]
    if len(named) == 1:
        text = named[0]
    _override_check("indicator_id", text)
    return text


def check_note(name: str, text: str | None) -> str:
    """Who (`by`) or why: a line of text (plantrack/overrides.py's rule)."""
    from plantrack import overrides

    problem = overrides._text_problem("by" if name == "by" else "reason", text or "")
    if problem:
        raise Refused(problem.replace("reason", "why", 1) if name != "by" else problem)
    return (text or "").strip()


def check(subject: str, field_name: str, value: str | None) -> tuple[str, str | None]:
    """(normalized value, label) for a field of a statement or a document, or Refused with the reason."""
    fields = STATEMENT_FIELDS + DETAIL_FIELDS if subject == "statement" else DOCUMENT_FIELDS
    if field_name not in fields:
        raise Refused(f"{field_name!r} cannot be corrected on a {'value' if subject == 'statement' else 'document'}"
                      f"; one of {', '.join(fields)}")
    text = "" if value is None else str(value).strip()
    if not text:
        raise Refused(f"{field_name}: no value given")
    if len(text) > 200:
        raise Refused(f"{field_name}: {len(text)} characters; at most 200")
    if field_name == "year":
        return _year(text), None
    if field_name == "place":
        return _place(text)
    if subject == "statement":
        if field_name == "period":
            if not _PERIOD_LABEL.fullmatch(text):
                raise Refused(f"period {text!r} is not a period (全年, 一季度, 上半年, 前三季度, 1-7月 …)")
            return text, None
        if field_name == "kind":
            if text not in STATEMENT_KINDS:
                raise Refused(f"kind {text!r}: one of {', '.join(STATEMENT_KINDS)}")
            return text, None
        if field_name in ("value", "value_high", "baseline_value"):
            text = text.replace(",", "")
            _override_check(field_name, text)
            return repr(float(text)), None
        if field_name in ("unit", "comparator", "target_kind", "attribute", "measure"):
            _override_check(field_name, text)
            return text, None
        if field_name == "baseline_year":
            return _year(text), None
        if field_name == "indicator":
            return _indicator(text), None
        if field_name == "exclude":
            if text.lower() in _TRUE:
                return "true", None
            if text.lower() in _FALSE:
                return "false", None
            raise Refused(f"exclude {text!r}: yes or no")
    # a document's kind and date: the same checks as `plantrack add --type / --issued` (plantrack/adding.py)
    from plantrack import adding

    if field_name == "kind":
        problem = adding.check_doc_type(text)
        if problem:
            raise Refused(problem.replace("--type", "kind", 1))
        return text, None
    if field_name == "date":
        day = adding.check_issued(text)
        if isinstance(day, str):
            raise Refused(day.replace("--issued", "date", 1))
        return day.isoformat(), None
    # document period: 2021-2025 (a plan's period) or 2024 / 2024 上半年 (what a release reports on)
    m = _DOC_PERIOD.fullmatch(text)
    if not m:
        raise Refused(f"period {text!r}: a plan's years (2021-2025) or a release's year (2024, 2024 上半年)")
    if m["start"]:
        start, end = int(_year(m["start"])), int(_year(m["end"]))
        if end < start:
            raise Refused(f"period {text!r} ends before it starts")
        return f"{start}-{end}", None
    if m["label"] and not _PERIOD_LABEL.fullmatch(m["label"]):
        raise Refused(f"period {text!r}: {m['label']!r} is not a period (全年, 上半年, 前三季度, 1-7月 …)")
    return f"{_year(m['year'])}{(' ' + m['label']) if m['label'] else ''}", None
