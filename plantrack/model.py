"""The small dataclasses that flow from reading to extraction to the warehouse.

These are the contracts between `plantrack.documents` (reading), `plantrack.extract` (statements)
and `plantrack.warehouse` (raw tables). Field names match the raw tables' columns one to one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


def _code_version() -> str:
    """A hash of the reading and extraction code: when it changes, documents are extracted again."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([here / "model.py", *(here / "documents").glob("*.py"), *(here / "extract").glob("*.py"),
                        *(here / "text").glob("*.py")]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


EXTRACTOR_VERSION = _code_version()

# Years before the People's Republic or after 2100 are misreadings (a page number, a 文号, 1925 for 2025)
# or mistyped metadata; the quality suites and the sidecar validation both hold to them.
YEAR_MIN, YEAR_MAX = 1949, 2100


class DocumentError(Exception):
    """A document that cannot be read. `code` is machine-readable, `reason` is for a person."""

    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason

    def __reduce__(self):
        # so it survives the trip back from a worker process (two-argument __init__)
        return (type(self), (self.code, self.reason))


@dataclass(frozen=True)
class DocumentMeta:
    """Metadata detected from a document's text, or given by a sidecar / `plantrack add`.

    A field that could not be detected is None and `reasons[field]` says why.
    """

    title: str | None = None
    # plan | opinions | annual_plan | bulletin | economic_report | execution_report | work_review |
    # government_report | release (reports values, kind not known) | other
    doc_type: str | None = None
    issuer: str | None = None
    region_name: str | None = None
    region_code: str | None = None  # GB/T 2260 where one exists
    issued_on: date | None = None
    plan_start_year: int | None = None
    plan_end_year: int | None = None
    # The period a release reports on (2021年经济运行简况 -> 2021 全年; 上半年 -> 上半年; a 政府工作报告
    # issued in 2025 reviews 2024; its targets are for period_year + 1, read as target years by the
    # extractor). Values of the document without a period of their own take this one.
    period_year: int | None = None
    period_label: str | None = None  # 全年 | 一季度 | 上半年 | 前三季度 | 1-7月 ...
    doc_number: str | None = None  # 发文字号, e.g. 渝府发〔2023〕12号
    reasons: dict[str, str] = field(default_factory=dict)
    overridden: tuple[str, ...] = ()  # fields that came from a sidecar / CLI option
    # How each detected field was found (title, metadata_block, date_line, signature, text, sidecar …)
    # and how sure the reader is of it (0–1). Fields absent here were not detected.
    sources: dict[str, str] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)


# Where a value's year came from, nearest first: its own words (到2025年, 2023年末 before it), its
# sentence, its paragraph, its heading (一、2023年工作回顾), a table's column or caption, the plan's period,
# the document's title, its metadata (a page's PubDate, a sidecar), its issue date, its file name, the
# year its text names most; "none" when the evidence was too weak or disagreed (the year is left empty).
YEAR_EVIDENCE = ("own", "sentence", "paragraph", "heading", "table", "plan_period", "title", "metadata",
                 "issue_date", "file_name", "text", "none")


@dataclass(frozen=True)
class Document:
    """A read document. `text` is the normalized text every offset points into.

    Normalized form: tables as blocks of rows separated by one blank line, each cell on its own
    line starting with a tab (the sample corpus's form); soft line breaks inside sentences joined;
    stray spaces between CJK characters removed. Digits, units and punctuation are kept as written.
    """

    document_id: str  # sha256 of the file's bytes
    source_file: str  # path relative to the sources directory
    format: str  # txt | md | docx | pdf | html
    encoding: str | None  # for text formats
    size_bytes: int
    text: str
    meta: DocumentMeta
    # The reading view the reader built (plantrack.documents.reading_view.ReadingView), handed to the
    # extractor so it is not built twice; None: the extractor builds it. Not part of the document's identity.
    view: object | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Quote:
    quote: str
    char_start: int
    char_end: int
    method: str  # table | prose
    section: str | None = None


@dataclass(frozen=True)
class Target:
    document_id: str
    scope_name: str | None  # region or sub-area the target is for (綦江区, 北渡组团)
    scope_parent: str | None  # the enclosing region of a sub-area
    indicator_text: str
    target_kind: str  # level | share | growth_rate | change_vs_base | cumulative | annual
    comparator: str  # = >= > <= < ~ range
    value_raw: str
    value_high_raw: str | None
    unit_raw: str | None
    value: float | None
    value_high: float | None
    unit: str | None
    target_year: int | None
    baseline_year: int | None
    baseline_value: float | None
    baseline_value_raw: str | None
    attribute: str | None  # expected | binding
    quote: str
    char_start: int
    char_end: int
    section: str | None
    method: str  # table | prose
    confidence: float
    confidence_reason: str | None = None
    other_quotes: tuple[Quote, ...] = ()  # the same target stated again (table + prose)
    # What gave target_year (see YEAR_EVIDENCE) and how sure that evidence is (0-1); a year left empty
    # has evidence "none" and its reason in confidence_reason.
    year_evidence: str | None = None
    year_confidence: float | None = None

    @property
    def target_id(self) -> str:
        return stable_id("t", self.document_id, self.scope_name, self.indicator_text, self.target_kind,
                         self.value_raw, self.target_year, self.char_start)


@dataclass(frozen=True)
class Actual:
    document_id: str
    scope_name: str | None
    scope_parent: str | None
    indicator_text: str
    measure: str  # level | yoy_growth | share | new_in_period | cumulative | avg_growth
    period_year: int | None
    period_label: str | None  # 全年 | 一季度 | 上半年 | 前三季度 | 1-7月 ...
    period_start: date | None
    period_end: date | None
    value_raw: str
    unit_raw: str | None
    value: float | None
    unit: str | None
    quote: str
    char_start: int
    char_end: int
    section: str | None
    method: str
    confidence: float
    confidence_reason: str | None = None
    # What gave period_year (see YEAR_EVIDENCE) and how sure that evidence is (0-1); a year left empty
    # has evidence "none" and its reason in confidence_reason.
    year_evidence: str | None = None
    year_confidence: float | None = None
    # 预计…: the reviewed period's estimate, not its final figure (never judges a target of another year)
    is_estimate: bool = False

    @property
    def actual_id(self) -> str:
        return stable_id("a", self.document_id, self.scope_name, self.indicator_text, self.measure,
                         self.value_raw, self.period_year, self.period_label, self.char_start)


@dataclass(frozen=True)
class Statements:
    targets: list[Target]
    actuals: list[Actual]


def stable_id(prefix: str, *parts: object) -> str:
    """A short id that stays the same for the same document bytes and extraction."""
    digest = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()
    return f"{prefix}_{digest[:16]}"
