"""The realistic corpus's labels (tests/gold/realistic): which documents, which pairs an analyst
compares, which tempting pairs must not be judged, and how a label is found in the marts."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "realistic"
RELEASES = GOLD / "releases"
SAMPLE_SOURCES = ROOT / "sources"
# progress is judged at a fixed date, so the labels' statuses do not change with the calendar:
# mid-2026, after every release of the corpus (the last one, a 2025 统计公报, is of 2026-03-25)
AS_OF_DATE = "2026-06-30"

_SPACE = re.compile(r"\s+")


def squash(text: str | None) -> str:
    """Quotes keep the document's line breaks and spaced-out characters; labels are compared without them."""
    return _SPACE.sub("", text or "")


@dataclass(frozen=True)
class Document:
    source_file: str
    origin: str  # sample (sources/ as bundled), real (../shared/releases), written (for these tests)
    region: str
    doc_type: str
    issued_on: str

    @property
    def path(self) -> Path:
        return SAMPLE_SOURCES / self.source_file if self.origin == "sample" else RELEASES / self.source_file

    def add_options(self) -> list[str]:
        """What `plantrack add` is told: only what the document itself states (blank = let it detect)."""
        options = []
        for flag, value in (("--region", self.region), ("--type", self.doc_type), ("--issued", self.issued_on)):
            if value:
                options += [flag, value]
        return options


@dataclass(frozen=True)
class Label:
    label_id: str
    target_file: str
    target_quote: str  # a substring of the target's quote
    target_indicator: str  # optional: a substring of its indicator text, when the quote states several targets
    target_value: float
    actual_file: str
    actual_quote: str  # a substring of the actual's quote
    expected: str  # a pair: the analyst's status; a trap: the kind of trap
    why: str

    def is_target(self, row: dict) -> bool:
        """The mart row is this label's target: same document, quote and value (and indicator if given)."""
        return (row["source_file"] == self.target_file
                and squash(self.target_quote) in squash(row["target_quote"])
                and row["target_value"] is not None
                and abs(row["target_value"] - self.target_value) <= 1e-3 * max(1.0, abs(self.target_value))
                and squash(self.target_indicator) in squash(row["indicator_text"]))

    def is_actual(self, row: dict) -> bool:
        """The row's actual is this label's actual: same document and its quote contains the label's."""
        return (row["actual_source_file"] == self.actual_file
                and squash(self.actual_quote) in squash(row["actual_quote"]))


def documents() -> list[Document]:
    with open(GOLD / "documents.csv", encoding="utf-8", newline="") as f:
        return [Document(r["source_file"], r["origin"], r["region"], r["doc_type"], r["issued_on"])
                for r in csv.DictReader(f)]


def _labels(name: str, expected_column: str) -> list[Label]:
    with open(GOLD / name, encoding="utf-8", newline="") as f:
        return [Label(r["label_id"], r["target_file"], r["target_quote"], r["target_indicator"],
                      float(r["target_value"]), r["actual_file"], r["actual_quote"], r[expected_column],
                      r.get("reading") or r.get("why") or "")
                for r in csv.DictReader(f)]


def pairs() -> list[Label]:
    return _labels("pairs.csv", "expected_status")


def traps() -> list[Label]:
    return _labels("traps.csv", "trap")
