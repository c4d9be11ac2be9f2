"""Analysts' corrections and rejections (`dbt_project/seeds/{target,actual}_overrides.csv`), checked.

Every row is checked where it is read: its id, action, field, the new value for that field (a number
that is finite and plausible, a year, a kind the marts know, a unit the pipeline writes, an indicator
of the catalog), who made it, why and when. A row that fails is refused with its file, line and the
reason, and is never applied; the other rows of the file still are. A file that cannot be read as
the expected CSV refuses all its rows with that reason, and blocks nothing else.

The nightly run loads what passed into `raw.target_overrides` / `raw.actual_overrides` (the marts
apply those) and what was refused into `raw.override_problems` (served as `mart_override_problems`).
A later `plantrack correct` command calls `check_row` before it writes a row.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from plantrack.config import PROJECT_ROOT

SEEDS_DIR = PROJECT_ROOT / "dbt_project" / "seeds"
COLUMNS = ("action", "field", "new_value", "by", "reason", "at")
ACTIONS = ("correct", "reject")
# Plausibility bound for any corrected value: the largest figures in plans and releases (output in 元)
# are below 1e14; anything larger is a typing slip, not a statistic.
MAX_ABS_VALUE = 1e15
YEARS = (1900, 2100)
MAX_TEXT = 500  # who / why: a sentence, not a document
MAX_FILE_BYTES = 16 * 1024 * 1024
# Kinds the marts compare (plantrack/model.py Target / Actual)
TARGET_KINDS = ("level", "share", "growth_rate", "change_vs_base", "cumulative", "annual")
COMPARATORS = ("=", ">=", ">", "<=", "<", "~", "range")
ATTRIBUTES = ("expected", "binding")
MEASURES = ("level", "yoy_growth", "share", "new_in_period", "cumulative", "avg_growth")


@dataclass(frozen=True)
class Kind:
    """One overrides file: which statements it corrects and the fields it may correct."""

    name: str  # target | actual
    id_column: str
    fields: dict[str, str]  # field -> what its new value must be: number | year | unit | indicator | one of …

    @property
    def file_name(self) -> str:
        return f"{self.name}_overrides.csv"

    @property
    def header(self) -> tuple[str, ...]:
        return (self.id_column, *COLUMNS)


TARGET = Kind("target", "target_id", {
    "value": "number", "value_high": "number", "unit": "unit", "comparator": "comparator",
    "target_kind": "target_kind", "target_year": "year", "baseline_year": "year", "baseline_value": "number",
    "indicator_id": "indicator", "attribute": "attribute",
})
ACTUAL = Kind("actual", "actual_id", {
    "value": "number", "unit": "unit", "measure": "measure", "period_year": "year", "indicator_id": "indicator",
})
KINDS = (TARGET, ACTUAL)
_CHOICES = {"comparator": COMPARATORS, "target_kind": TARGET_KINDS, "attribute": ATTRIBUTES, "measure": MEASURES}
_ID = re.compile(r"[A-Za-z0-9_.:-]{1,128}")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # line of the file (1 = header); 0 when the whole file is refused
    statement_id: str | None
    action: str | None
    field: str | None
    new_value: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.reason}"


@dataclass
class Checked:
    kind: Kind
    rows: list[dict] = field(default_factory=list)  # the header's columns (+ line), `at` as a datetime
    problems: list[Problem] = field(default_factory=list)


@cache
def _catalog() -> frozenset[str]:
    with open(SEEDS_DIR / "indicators.csv", encoding="utf-8", newline="") as fh:
        return frozenset(r["indicator_id"] for r in csv.DictReader(fh))


@cache
def _catalog_units() -> frozenset[str]:
    with open(SEEDS_DIR / "indicators.csv", encoding="utf-8", newline="") as fh:
        return frozenset(r["unit"] for r in csv.DictReader(fh) if r.get("unit"))


def _known_unit(unit: str) -> bool:
    """A unit as the marts hold it: already normalized (亿元, %, 家 …) or one of the catalog's."""
    from plantrack.extract.units import UNIT_PATTERN, normalize_unit

    if unit in _catalog_units():
        return True
    return re.fullmatch(UNIT_PATTERN, unit) is not None and normalize_unit(unit) == (unit, 1.0)


def _number(text: str) -> str | None:
    try:
        value = float(text)
    except ValueError:
        return f"new_value {text[:60]!r} is not a number"
    if not math.isfinite(value):
        return f"new_value {text[:60]!r} is not a finite number"
    if abs(value) > MAX_ABS_VALUE:
        return f"new_value {text[:60]!r} is beyond ±{MAX_ABS_VALUE:.0e}, no plan or release states such a figure"
    return None


def check_value(kind: Kind, field_name: str, new_value: str) -> str | None:
    """Why `new_value` cannot be the new `field_name` of a statement of this kind (None: it can)."""
    expected = kind.fields.get(field_name)
    if expected is None:
        return (f"field {field_name[:60]!r} cannot be corrected; {kind.name} fields: "
                f"{', '.join(kind.fields)}")
    if not new_value:
        return f"a correction of {field_name} needs a new_value"
    if expected == "number":
        return _number(new_value)
    if expected == "year":
        if not re.fullmatch(r"\d{4}", new_value) or not YEARS[0] <= int(new_value) <= YEARS[1]:
            return f"new_value {new_value[:60]!r} is not a year between {YEARS[0]} and {YEARS[1]}"
        return None
    if expected == "unit":
        if not _known_unit(new_value):
            return (f"new_value {new_value[:60]!r} is not a unit the marts use (write it normalized, "
                    "e.g. 亿元, %, pp, 家, 吨, or a unit of the catalog)")
        return None
    if expected == "indicator":
        if new_value not in _catalog():
            return f"new_value {new_value[:60]!r} is not an indicator_id of the catalog (seeds/indicators.csv)"
        return None
    choices = _CHOICES[expected]
    if new_value not in choices:
        return f"new_value {new_value[:60]!r} is not a {field_name}; one of {', '.join(choices)}"
    return None


def _text_problem(name: str, text: str) -> str | None:
    if not text.strip():
        return f"{name} is empty: say {'who made the change' if name == 'by' else 'why'}"
    if len(text) > MAX_TEXT:
        return f"{name} is {len(text)} characters long; at most {MAX_TEXT}"
    if any(unicodedata.category(c) == "Cc" for c in text):
        return f"{name} has control characters"
    return None


def parse_at(text: str) -> datetime | None:
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        return None
    return at.replace(tzinfo=None) if at.tzinfo else at


def check_row(kind: Kind, row: dict[str, str], now: datetime | None = None) -> list[str]:
    """Every reason this override row cannot be applied (empty: it can)."""
    now = now or datetime.now()
    reasons = []
    sid = row.get(kind.id_column) or ""
    if not _ID.fullmatch(sid):
        reasons.append(f"{kind.id_column} {sid[:60]!r} is not a statement id")
    action = row.get("action") or ""
    field_name = row.get("field") or ""
    new_value = (row.get("new_value") or "").strip()
    if action == "correct":
        problem = check_value(kind, field_name, new_value)
        if problem:
            reasons.append(problem)
    elif action == "reject":
        if field_name or new_value:
            reasons.append("a rejection has no field or new_value (it rejects the whole statement)")
    else:
        reasons.append(f"action {action[:60]!r} is not one of {', '.join(ACTIONS)}")
    for name in ("by", "reason"):
        problem = _text_problem(name, row.get(name) or "")
        if problem:
            reasons.append(problem)
    at = parse_at(row.get("at") or "")
    if at is None:
        reasons.append(f"at {(row.get('at') or '')[:40]!r} is not a date and time (2025-05-01 09:00:00)")
    elif at > now + timedelta(days=1):
        reasons.append(f"at {row['at']} is in the future")
    return reasons


def check_text(kind: Kind, text: str, file: str, now: datetime | None = None) -> Checked:
    """Check an overrides file's content; good rows in `rows`, every refusal in `problems`."""
    checked = Checked(kind)

    def refuse_file(reason: str) -> Checked:
        checked.rows.clear()
        checked.problems[:] = [Problem(file, 0, None, None, None, None, reason)]
        return checked

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return refuse_file(f"not a CSV file ({exc}); no row of it was applied")
    if header is None:
        return refuse_file(f"empty: its first line must be the header {','.join(kind.header)}")
    if tuple(h.strip() for h in header) != kind.header:
        return refuse_file(f"its header is {','.join(header)[:200]!r}, not {','.join(kind.header)}; "
                           "no row of it was applied")
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(kind.header):
                checked.problems.append(Problem(file, line, values[0] if values else None, None, None, None,
                                                f"has {len(values)} columns, not {len(kind.header)}"))
                continue
            row = dict(zip(kind.header, (v.strip() for v in values), strict=True))
            reasons = check_row(kind, row, now)
            if reasons:
                checked.problems.append(Problem(file, line, row[kind.id_column] or None, row["action"] or None,
                                                row["field"] or None, row["new_value"] or None,
                                                "; ".join(reasons)))
                continue
            checked.rows.append({**row, "at": parse_at(row["at"]), "line": line})
    except csv.Error as exc:
        return refuse_file(f"not a CSV file (line {reader.line_num}: {exc}); no row of it was applied")
    return checked


def check_file(kind: Kind, path: Path, now: datetime | None = None) -> Checked:
    name = path.name
    if not path.exists():
        return Checked(kind)  # no overrides of this kind
    if path.is_symlink() or not path.is_file():
        checked = Checked(kind)
        checked.problems.append(Problem(name, 0, None, None, None, None, "not a regular file; no row applied"))
        return checked
    if path.stat().st_size > MAX_FILE_BYTES:
        checked = Checked(kind)
        checked.problems.append(Problem(name, 0, None, None, None, None,
                                        f"larger than {MAX_FILE_BYTES // 2**20} MB; no row applied"))
        return checked
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        checked = Checked(kind)
        checked.problems.append(Problem(name, 0, None, None, None, None,
                                        f"not UTF-8 text ({exc.reason} at byte {exc.start}); no row applied"))
        return checked
    return check_text(kind, text, name, now)


def overrides_dir() -> Path:
    """Where the overrides files are: $PLANTRACK_OVERRIDES_DIR, else the dbt project's seeds."""
    return Path(os.environ.get("PLANTRACK_OVERRIDES_DIR") or SEEDS_DIR)


def check_all(folder: Path | None = None, now: datetime | None = None) -> list[Checked]:
    folder = folder or overrides_dir()
    return [check_file(kind, folder / kind.file_name, now) for kind in KINDS]


def fingerprint(folder: Path | None = None) -> str:
    """sha256 of the overrides files as they are now: a refresh after a change has work to do."""
    folder = folder or overrides_dir()
    digest = hashlib.sha256()
    for kind in KINDS:
        path = folder / kind.file_name
        digest.update(kind.file_name.encode() + b"\0")
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


# ------------------------------------------------------------------ the nightly run's tables

# The tables are created with the warehouse (plantrack/warehouse.py RAW_DDL); every run replaces their rows.
TABLES = ("raw.target_overrides", "raw.actual_overrides", "raw.override_problems")


def load(con, checked: Iterable[Checked], checked_at: datetime | None = None) -> dict[str, int]:
    """Replace raw.{target,actual}_overrides with the rows that passed and raw.override_problems with
    the refusals, in one transaction. Counts: applied rows per kind and refused rows."""
    checked = list(checked)
    checked_at = checked_at or datetime.now().replace(microsecond=0)
    counts = {"refused": 0}
    con.execute("BEGIN TRANSACTION")
    try:
        for table in TABLES:
            con.execute(f"DELETE FROM {table}")
        for c in checked:
            cols = (*c.kind.header, "line")
            if c.rows:
                con.executemany(
                    f"INSERT INTO raw.{c.kind.name}_overrides VALUES ({', '.join('?' for _ in cols)})",
                    [[r[k] for k in cols] for r in c.rows])
            counts[c.kind.name] = len(c.rows)
            if c.problems:
                con.executemany("INSERT INTO raw.override_problems VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                [[p.file, p.line, p.statement_id, p.action, p.field, p.new_value, p.reason,
                                  checked_at] for p in c.problems])
            counts["refused"] += len(c.problems)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return counts
