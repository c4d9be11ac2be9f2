"""`plantrack eval`: precision and recall of the extractor against a labelled CSV.

Matching rule (one gold row to at most one extracted statement, best first): same document, same
value in the same unit (both normalized: 3000万元 == 0.3亿元; counting words 家/户/个 are
interchangeable), same year (target_year or period_year; a blank gold year matches any), and
indicator texts that name the same thing: character-bigram containment >= 0.5 after dropping
generic words (see plantrack.extract.similarity).

Beside that loose figure (what `recall` / `precision` keep meaning), a report gives:
- **strict**: the loose matches whose kind (target_kind / measure), comparator (targets), region
  (the statement's scope, else the document's region) and, where the gold has one, period_label agree;
- **found, any year**: gold rows matched when the year is ignored (the issue's "found" beside "found with
  the right year");
- **documents**: region, region_code, doc_type, issued_on (a gold `2022` or `2022-01` is a prefix of the
  date), period_year and period_label of each document in a `documents.csv` beside the gold CSV;
- **numbers that are not values**: the share of the rows of a `non_values.csv` beside the gold CSV
  (a number as written, a verbatim context that locates it) that no extracted statement took as its value.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from plantrack.extract import extract_statements
from plantrack.extract.filing import filed
from plantrack.extract.numbers import parse_number
from plantrack.extract.similarity import indicator_similarity
from plantrack.extract.units import normalize_unit, same_unit
from plantrack.model import Actual, Document, DocumentError, DocumentMeta, Target
from plantrack.text import periods, script
from plantrack.text.synonyms import rewrite

SIMILARITY_THRESHOLD = 0.5


@dataclass(frozen=True)
class GoldRow:
    source_file: str
    indicator_text: str
    value: float | None
    unit: str | None
    year: int | None
    raw: dict

    def get(self, name: str) -> str | None:
        v = self.raw.get(name)
        return v.strip() if isinstance(v, str) and v.strip() else None


@dataclass
class KindResult:
    gold: list[GoldRow] = field(default_factory=list)
    extracted: list[Target | Actual] = field(default_factory=list)
    matches: list[tuple[GoldRow, Target | Actual, float]] = field(default_factory=list)
    # gold rows matched when the year is ignored (a superset of `matches`' gold in practice)
    found_any_year: int = 0
    # loose matches that disagree on kind / comparator / region / period, with the fields that differ
    disagreements: list[tuple[GoldRow, Target | Actual, tuple[str, ...]]] = field(default_factory=list)

    @property
    def strict_matches(self) -> int:
        return len(self.matches) - len(self.disagreements)

    @property
    def strict_precision(self) -> float:
        return self.strict_matches / len(self.extracted) if self.extracted else float("nan")

    @property
    def strict_recall(self) -> float:
        return self.strict_matches / len(self.gold) if self.gold else float("nan")

    @property
    def misses(self) -> list[GoldRow]:
        hit = {id(g) for g, _, _ in self.matches}
        return [g for g in self.gold if id(g) not in hit]

    @property
    def false_hits(self) -> list[Target | Actual]:
        hit = {id(x) for _, x, _ in self.matches}
        return [x for x in self.extracted if id(x) not in hit]

    @property
    def precision(self) -> float:
        return len(self.matches) / len(self.extracted) if self.extracted else float("nan")

    @property
    def recall(self) -> float:
        return len(self.matches) / len(self.gold) if self.gold else float("nan")


@dataclass(frozen=True)
class FieldCheck:
    """One labelled document field against what the reader detected."""
    source_file: str
    field: str
    expected: str
    got: str | None

    @property
    def right(self) -> bool:
        if self.got is None:
            return False
        if self.field == "issued_on":  # a gold 2022 or 2022-01 says only what the text allows
            return self.got.startswith(self.expected)
        return self.got == self.expected


@dataclass(frozen=True)
class NonValue:
    source_file: str
    number: str
    context: str
    reason: str


@dataclass(frozen=True)
class NonValueCheck:
    row: NonValue
    taken_by: str | None  # the indicator text of the statement that took it as its value, if one did

    @property
    def left_alone(self) -> bool:
        return self.taken_by is None


DOCUMENT_FIELDS = ("region", "region_code", "doc_type", "issued_on", "period_year", "period_label")


@dataclass
class EvalReport:
    kind: str  # targets | actuals
    overall: KindResult
    per_document: dict[str, KindResult]
    documents: list[FieldCheck] = field(default_factory=list)
    non_values: list[NonValueCheck] = field(default_factory=list)

    @property
    def targets_precision(self) -> float:
        return self.overall.precision if self.kind == "targets" else float("nan")

    @property
    def targets_recall(self) -> float:
        return self.overall.recall if self.kind == "targets" else float("nan")

    @property
    def actuals_precision(self) -> float:
        return self.overall.precision if self.kind == "actuals" else float("nan")

    @property
    def actuals_recall(self) -> float:
        return self.overall.recall if self.kind == "actuals" else float("nan")

    def field_accuracy(self, name: str) -> tuple[int, int]:
        checks = [c for c in self.documents if c.field == name]
        return sum(c.right for c in checks), len(checks)

    @property
    def non_values_left_alone(self) -> float:
        n = len(self.non_values)
        return sum(c.left_alone for c in self.non_values) / n if n else float("nan")

    def render(self) -> str:
        def pct(x: float) -> str:
            return "  n/a" if math.isnan(x) else f"{100 * x:5.1f}%"

        def line(label: str, d: KindResult) -> str:
            return (f"{label}: precision {pct(d.precision)}  recall {pct(d.recall)}  "
                    f"(gold {len(d.gold)}, extracted {len(d.extracted)}, matched {len(d.matches)}; "
                    f"strict {d.strict_matches}, any year {d.found_any_year})")

        r = self.overall
        lines = [line(self.kind, r),
                 f"  strict (kind, comparator, region, period agree too): precision {pct(r.strict_precision)}  "
                 f"recall {pct(r.strict_recall)}",
                 f"  found with the right year {len(r.matches)}/{len(r.gold)}, found in any year "
                 f"{r.found_any_year}/{len(r.gold)}", ""]
        for name, d in sorted(self.per_document.items()):
            lines.append(line(f"  {name}", d))
        if self.documents:
            lines += ["", "documents:"]
            for f in DOCUMENT_FIELDS:
                right, n = self.field_accuracy(f)
                if n:
                    lines.append(f"  {f}: {right}/{n} right")
            for c in self.documents:
                if not c.right:
                    lines.append(f"    {c.source_file} | {c.field}: expected {c.expected}, got {c.got}")
        if self.non_values:
            n = len(self.non_values)
            lines += ["", f"numbers that are not values: {sum(c.left_alone for c in self.non_values)}/{n} "
                          f"left alone ({pct(self.non_values_left_alone)})"]
            for c in self.non_values:
                if not c.left_alone:
                    lines.append(f"    {c.row.source_file} | {c.row.number} ({c.row.reason}) taken as {c.taken_by}")
        lines += ["", f"disagreements on kind / comparator / region / period ({len(r.disagreements)}):"]
        for g, x, fields in r.disagreements:
            lines.append(f"  {g.source_file} | {g.indicator_text} | {_fmt(g.value)} {g.unit or ''} | "
                         + ", ".join(f"{f}: {_gold_field(g, f)} vs {_got_field(x, f)}" for f in fields))
        lines += ["", f"misses ({len(r.misses)}):"]
        for g in r.misses:
            lines.append(f"  {g.source_file} | {g.indicator_text} | {_fmt(g.value)} {g.unit or ''} | {g.year or ''}")
        lines += ["", f"false hits ({len(r.false_hits)}):"]
        for x in r.false_hits:
            year = x.target_year if isinstance(x, Target) else x.period_year
            kind = x.target_kind if isinstance(x, Target) else x.measure
            lines.append(f"  {_doc_name(x, self)} | {x.indicator_text} | {x.value_raw} {x.unit_raw or ''} | "
                         f"{year or ''} | {kind} | @{x.char_start}")
        return "\n".join(lines)


def _fmt(v: float | None) -> str:
    return "" if v is None else (f"{v:g}")


def _doc_name(x: Target | Actual, report: EvalReport) -> str:
    for name, d in report.per_document.items():
        if any(y is x for y in d.extracted):
            return name
    return "?"


def _int(s: str | None) -> int | None:
    try:
        return int(float(s)) if s not in (None, "") else None
    except ValueError:
        return None


def read_gold(gold_csv: Path) -> tuple[str, list[GoldRow]]:
    frame = pl.read_csv(gold_csv, infer_schema=False)
    cols = set(frame.columns)
    kind = "targets" if "target_value" in cols else "actuals"
    rows = []
    for rec in frame.iter_rows(named=True):
        value_raw = rec.get("target_value") if kind == "targets" else rec.get("value")
        year = rec.get("target_year") if kind == "targets" else rec.get("period_year")
        rows.append(GoldRow(rec["source_file"], rec.get("indicator_text") or "",
                            parse_number(value_raw) if value_raw else None, rec.get("unit") or None,
                            _int(year), rec))
    return kind, rows


def _same_value(g: GoldRow, x: Target | Actual) -> bool:
    if g.value is None or x.value is None:
        return False
    unit, factor = normalize_unit(g.unit)
    gv = g.value * factor
    return math.isclose(gv, x.value, rel_tol=1e-6, abs_tol=1e-9) or round(gv, 2) == round(x.value, 2)


def match_score(g: GoldRow, x: Target | Actual, ignore_year: bool = False) -> float:
    """0 when the pair cannot match; otherwise the indicator similarity."""
    year = x.target_year if isinstance(x, Target) else x.period_year
    if not ignore_year and g.year is not None and year != g.year:
        return 0.0
    if not same_unit(g.unit, x.unit_raw) and not same_unit(g.unit, x.unit):
        return 0.0
    if not _same_value(g, x):
        return 0.0
    sim = _similarity(g.indicator_text, x.indicator_text)
    return sim if sim >= SIMILARITY_THRESHOLD else 0.0


# Indicator texts are compared in simplified characters without pinyin glosses (區(qū) -> 区): the gold is
# written in simplified, and whether an extractor keeps a repost's characters is not what is scored.
simplified = script.simplified


def _pairs(gold: list[GoldRow], extracted: list[Target | Actual],
           ignore_year: bool = False) -> list[tuple[GoldRow, Target | Actual, float]]:
    """One gold row to at most one statement, best similarity first."""
    scored = []
    for gi, g in enumerate(gold):
        for xi, x in enumerate(extracted):
            s = match_score(g, x, ignore_year)
            if s > 0:
                scored.append((s, gi, xi))
    scored.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_g, used_x, out = set(), set(), []
    for s, gi, xi in scored:
        if gi in used_g or xi in used_x:
            continue
        used_g.add(gi)
        used_x.add(xi)
        out.append((gold[gi], extracted[xi], s))
    return out


_norm_label = periods.norm_label


def _gold_field(g: GoldRow, name: str) -> str | None:
    return g.get({"kind": "kind", "comparator": "comparator", "region": "region", "period": "period_label"}[name])


def _got_field(x: Target | Actual, name: str, doc_region: str | None = None) -> str | None:
    if name == "kind":
        return x.target_kind if isinstance(x, Target) else x.measure
    if name == "comparator":
        return x.comparator if isinstance(x, Target) else None
    if name == "region":
        return x.scope_name or doc_region
    return x.period_label if isinstance(x, Actual) else None


def disagreeing_fields(g: GoldRow, x: Target | Actual, doc_region: str | None) -> tuple[str, ...]:
    """The fields a loose match gets wrong; a field the gold leaves blank is not judged."""
    names = ["kind", "region"] + (["comparator"] if isinstance(x, Target) else ["period"])
    out = []
    for name in names:
        want = _gold_field(g, name)
        if want is None:
            continue
        got = _got_field(x, name, doc_region)
        if name == "period":
            # a gold 全年 also accepts a statement with no label (the year is the period)
            if _norm_label(want) != (_norm_label(got) or ("全年" if got is None else got)):
                out.append(name)
        elif got != want:
            out.append(name)
    return tuple(out)


def _score(result: KindResult, doc_region: str | None) -> None:
    result.matches.extend(_pairs(result.gold, result.extracted))
    result.found_any_year = len(_pairs(result.gold, result.extracted, ignore_year=True))
    for g, x, _ in result.matches:
        fields = disagreeing_fields(g, x, doc_region)
        if fields:
            result.disagreements.append((g, x, fields))


def _detected(doc: Document, name: str) -> str | None:
    m = doc.meta
    value = {"region": m.region_name, "region_code": m.region_code, "doc_type": m.doc_type,
             "issued_on": m.issued_on.isoformat() if m.issued_on else None,
             "period_year": m.period_year, "period_label": m.period_label}[name]
    return None if value is None else str(value)


def check_document(doc: Document, labelled: dict) -> list[FieldCheck]:
    """Every field the labelled row fills, against the reader's metadata."""
    out = []
    for name in DOCUMENT_FIELDS:
        want = (labelled.get(name) or "").strip()
        if want:
            got = _detected(doc, name)
            if name == "period_label":
                want, got = _norm_label(want) or want, _norm_label(got)
            out.append(FieldCheck(doc.source_file, name, want, got))
    return out


def read_non_values(path: Path) -> list[NonValue]:
    frame = pl.read_csv(path, infer_schema=False)
    return [NonValue(r["source_file"], r["number"], r["context"], r.get("reason") or "")
            for r in frame.iter_rows(named=True)]


def _core(number: str) -> str:
    """The numeral itself: 第三 → 三, 【1】 → 1, 七个 → 七."""
    return re.sub(r"^[第【\[(（]+|[】\])）个個位项項年级級]+$", "", number.strip())


def _takes(x: Target | Actual, number: str) -> bool:
    raw = (x.value_raw or "").strip()
    core = _core(number)
    if raw == core or raw == number:
        return True
    a, b = parse_number(raw), parse_number(core)
    return a is not None and b is not None and math.isclose(a, b)


def check_non_value(doc: Document, row: NonValue, statements: list[Target | Actual]) -> NonValueCheck:
    """Left alone unless a statement whose quote covers the number took that number as its value."""
    at = doc.text.find(row.context)
    if at < 0:  # the gold no longer locates it: say so rather than count it either way
        return NonValueCheck(row, f"<context not found: {row.context}>")
    pos = at + row.context.find(row.number)
    for x in statements:
        if x.char_start <= pos < x.char_end and _takes(x, row.number):
            return NonValueCheck(row, x.indicator_text)
    return NonValueCheck(row, None)


def _beside(gold_csv: Path, name: str, given: Path | None) -> Path | None:
    if given is not None:
        return given
    path = gold_csv.parent / name
    return path if path.exists() else None


def evaluate(gold_csv: Path, sources_dir: Path, documents_csv: Path | None = None,
             non_values_csv: Path | None = None) -> EvalReport:
    """Score the extractor against a labelled CSV; documents.csv / non_values.csv beside it (or given)
    add the document fields and the numbers-not-values figure."""
    from plantrack.ingest import read_source  # the pipeline's own read path (imports the warehouse)

    gold_csv = Path(gold_csv)
    kind, gold = read_gold(gold_csv)
    documents_csv = _beside(gold_csv, "documents.csv", documents_csv)
    non_values_csv = _beside(gold_csv, "non_values.csv", non_values_csv)
    labelled_docs = ({r["source_file"]: r for r in pl.read_csv(documents_csv, infer_schema=False)
                      .iter_rows(named=True)} if documents_csv else {})
    non_values = read_non_values(non_values_csv) if non_values_csv else []

    names = dict.fromkeys([g.source_file for g in gold] + list(labelled_docs) + [n.source_file for n in non_values])
    docs: dict[str, Document] = {}
    statements: dict[str, list[Target | Actual]] = {}
    per_doc: dict[str, KindResult] = {}
    for name in names:
        path = Path(sources_dir) / name
        # as a refresh's workers read it (a sidecar's fields win over detected ones)
        doc = docs[name] = read_source(path, name)
        st = extract_statements(doc)
        statements[name] = [*st.targets, *st.actuals]
        rows = [g for g in gold if g.source_file == name]
        if rows:
            per_doc[name] = KindResult(gold=rows, extracted=list(st.targets if kind == "targets" else st.actuals))
            _score(per_doc[name], doc.meta.region_name)
    overall = KindResult(
        gold=[g for r in per_doc.values() for g in r.gold],
        extracted=[x for r in per_doc.values() for x in r.extracted],
        matches=[m for r in per_doc.values() for m in r.matches],
        found_any_year=sum(r.found_any_year for r in per_doc.values()),
        disagreements=[d for r in per_doc.values() for d in r.disagreements],
    )
    checks = [c for name, row in labelled_docs.items() for c in check_document(docs[name], row)]
    nv = [check_non_value(docs[n.source_file], n, statements[n.source_file]) for n in non_values]
    return EvalReport(kind, overall, per_doc, checks, nv)


# --------------------------------------------------------------------------------------------------
# The realworld format (../shared/realworld, the growing corpus of real texts): a values.csv
# (file,kind,region,year,period,indicator_text,unit,comparator,value,measure,tier; kind actual |
# target | estimate | negative) and a documents.csv beside it, the texts in texts/ beside them; or a
# folder of several such CSV files (values_A.csv, documents_A.csv …) with one texts/ folder.
# --------------------------------------------------------------------------------------------------

VALUE_KINDS = ("actual", "target", "estimate")
YEAR_STATES = ("right", "wrong", "none")
DOC_CHECKS = ("region", "region_code", "kind", "issued_on", "year", "period")
PLAN_TYPES = {"plan", "opinions", "annual_plan"}


@dataclass(frozen=True)
class LabelledValue:
    file: str
    kind: str  # actual | target | estimate | negative
    year: int | None
    period: str | None
    indicator_text: str
    unit: str | None
    value: float | None
    tier: str
    raw: dict
    high: float | None = None  # a range's upper end (comparator range, value a-b): the value is its lower


_RANGE = re.compile(r"(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)")


def _labelled_number(rec: dict) -> tuple[float | None, float | None]:
    """(value, upper end): a range is labelled `a-b` (CONVENTIONS.md), read as a and b."""
    raw = rec.get("value")
    if not raw:
        return None, None
    if rec.get("comparator") == "range" and (m := _RANGE.fullmatch(raw)):
        return float(m.group(1)), float(m.group(2))
    return parse_number(raw), None


def _same_high(g: LabelledValue, x: Target | Actual, factor: float) -> bool:
    """A labelled range is found only as a range with both its ends (a plain value is the other reading)."""
    if g.high is None:
        return True
    xh = getattr(x, "value_high", None)
    return xh is not None and math.isclose(g.high * factor, xh, rel_tol=1e-6, abs_tol=1e-9)


@dataclass(frozen=True)
class ValueOutcome:
    row: LabelledValue
    got: Target | Actual | None  # the statement it was found as (None: not found / left alone)

    @property
    def found(self) -> bool:
        return self.got is not None

    @property
    def got_kind(self) -> str | None:
        return None if self.got is None else statement_kind(self.got)

    @property
    def got_year(self) -> int | None:
        return None if self.got is None else _year_of(self.got)

    @property
    def year_state(self) -> str | None:
        """right | wrong | none for a found value (a value labelled without a year: any year is right)."""
        if self.got is None:
            return None
        if self.row.year is None:
            return "right"
        y = self.got_year
        return "none" if y is None else ("right" if y == self.row.year else "wrong")

    @property
    def same_kind(self) -> bool:
        return self.got is not None and self.got_kind == self.row.kind


def statement_kind(x: Target | Actual) -> str:
    if isinstance(x, Target):
        return "target"
    return "estimate" if getattr(x, "is_estimate", False) else "actual"


def _year_of(x: Target | Actual) -> int | None:
    return x.target_year if isinstance(x, Target) else x.period_year


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    right_year: int = 0
    wrong_year: int = 0
    no_year: int = 0
    other_kind: int = 0
    right: int = 0  # right year and right kind

    @property
    def not_found(self) -> int:
        return self.gold - self.found

    def add(self, o: ValueOutcome) -> None:
        self.gold += 1
        if not o.found:
            return
        self.found += 1
        state = o.year_state
        self.right_year += state == "right"
        self.wrong_year += state == "wrong"
        self.no_year += state == "none"
        self.other_kind += not o.same_kind
        self.right += state == "right" and o.same_kind

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("gold", "found", "right_year", "wrong_year", "no_year",
                                              "other_kind", "not_found", "right")}


@dataclass(frozen=True)
class DocCheck:
    file: str
    field: str
    expected: str
    got: str | None

    @property
    def state(self) -> str:
        if self.got is None:
            return "empty"
        if self.field == "issued_on":
            return "right" if self.got.startswith(self.expected) else "wrong"
        return "right" if self.got == self.expected else "wrong"


@dataclass
class CorpusReport:
    name: str
    values: list[ValueOutcome]
    negatives: list[ValueOutcome]  # got: the statement that took the number as its value
    documents: list[DocCheck]
    unread: dict[str, str]  # file -> why it could not be read

    def tally(self, tier: str | None = None, kind: str | None = None) -> Tally:
        t = Tally()
        for o in self.values:
            if (tier is None or o.row.tier == tier) and (kind is None or o.row.kind == kind):
                t.add(o)
        return t

    def doc_states(self, name: str) -> dict[str, int]:
        out = {"right": 0, "wrong": 0, "empty": 0}
        for c in self.documents:
            if c.field == name:
                out[c.state] += 1
        return out

    @property
    def negatives_left_alone(self) -> int:
        return sum(o.got is None for o in self.negatives)

    def year_evidence(self) -> dict[str, dict[str, int]]:
        """Per kind of year evidence (own, paragraph, issue_date …; `none` for a year left empty): how many
        found values it dates right, wrong, or leaves without a year (values labelled without a year are
        counted apart, as `free`: any year is right for them)."""
        out: dict[str, dict[str, int]] = {}
        for o in self.values:
            if not o.found:
                continue
            row = out.setdefault(getattr(o.got, "year_evidence", None) or "unknown",
                                 {"right": 0, "wrong": 0, "none": 0, "free": 0})
            row["free" if o.row.year is None else o.year_state] += 1
        return dict(sorted(out.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])))

    def summary(self) -> dict:
        return {"corpus": self.name, "all": self.tally().as_dict(), "core": self.tally("core").as_dict(),
                "negatives": [self.negatives_left_alone, len(self.negatives)],
                "documents": {f: self.doc_states(f) for f in DOC_CHECKS}}

    def render(self, details: bool = True) -> str:
        def pct(a: int, b: int) -> str:
            return f"{100 * a / b:5.1f}%" if b else "  n/a"

        head = (f"{'':14}{'gold':>5}{'found':>6}{'right yr':>9}{'WRONG yr':>9}{'(of found)':>11}"
                f"{'no yr':>6}{'other kind':>11}{'not found':>10}{'right yr+kind':>14}")

        def row(label: str, t: Tally) -> str:
            return (f"{label:14}{t.gold:5}{t.found:6}{t.right_year:9}{t.wrong_year:9}{pct(t.wrong_year, t.found):>11}"
                    f"{t.no_year:6}{t.other_kind:11}{t.not_found:10}{t.right:6} {pct(t.right, t.gold):>7}")

        files = {o.row.file for o in self.values} | {c.file for c in self.documents}
        lines = [f"== {self.name}: {len(files)} texts, {len(self.values)} values, {len(self.negatives)} negatives",
                 head, row("all", self.tally()), row("core", self.tally("core"))]
        for k in VALUE_KINDS:
            for tier in (None, "core"):
                t = self.tally(tier, k)
                if t.gold:
                    lines.append(row(f"  {k}{' core' if tier else ''}", t))
        moves: dict[str, int] = {}
        for o in self.values:
            if o.found and not o.same_kind:
                key = f"{o.row.kind} as {o.got_kind}"
                moves[key] = moves.get(key, 0) + 1
        if moves:
            lines.append("other kind: " + ", ".join(f"{k} {n}" for k, n in sorted(moves.items())))
        if self.negatives:
            lines.append(f"negatives left alone: {self.negatives_left_alone}/{len(self.negatives)} "
                         f"({pct(self.negatives_left_alone, len(self.negatives)).strip()})")
        if self.documents:
            lines.append("documents:     " + "  ".join(
                f"{f} {s['right']}/{s['wrong']}/{s['empty']}" for f in DOC_CHECKS
                if sum((s := self.doc_states(f)).values())) + "   (right/wrong/empty)")
        for name, why in sorted(self.unread.items()):
            lines.append(f"  unread {name}: {why}")
        if (evidence := self.year_evidence()) and set(evidence) != {"unknown"}:
            lines.append("year evidence (right/WRONG/no year/labelled without a year): " + "  ".join(
                f"{k} {v['right']}/{v['wrong']}/{v['none']}/{v['free']}" for k, v in evidence.items()))
        if details:
            wrong_docs = [c for c in self.documents if c.state != "right"]
            if wrong_docs:
                lines.append("document fields not right:")
                lines += [f"  {c.file} | {c.field}: expected {c.expected}, got {c.got}" for c in wrong_docs]
            for title, pick in (("WRONG year", lambda o: o.year_state == "wrong"),
                                ("no year", lambda o: o.year_state == "none"),
                                ("other kind", lambda o: o.found and not o.same_kind),
                                ("not found", lambda o: not o.found)):
                chosen = [o for o in self.values if pick(o)]
                if chosen:
                    lines.append(f"{title} ({len(chosen)}):")
                    lines += [f"  {_describe(o)}" for o in chosen]
            taken = [o for o in self.negatives if o.got is not None]
            if taken:
                lines.append(f"negatives taken as values ({len(taken)}):")
                lines += [f"  {_describe(o)}" for o in taken]
        return "\n".join(lines)


def _describe(o: ValueOutcome) -> str:
    r = o.row
    s = (f"{r.file} | {r.kind} {r.tier} | {r.indicator_text} | {_fmt(r.value)} {r.unit or ''} | "
         f"{r.year or ''} {r.period or ''}")
    if o.got is not None:
        x = o.got
        label = getattr(x, "period_label", None) or ""
        s += f"  ->  {o.got_kind} {x.indicator_text} | {o.got_year or '-'} {label} @{x.char_start}"
        if getattr(x, "year_evidence", None):
            s += f" [{x.year_evidence}]"
    return s


def read_values(path: Path) -> list[LabelledValue]:
    frame = pl.read_csv(path, infer_schema=False)
    rows = []
    for rec in frame.iter_rows(named=True):
        rec = {k: (v.strip() if isinstance(v, str) else v) for k, v in rec.items()}
        if not rec.get("file"):
            continue
        value, high = _labelled_number(rec)
        rows.append(LabelledValue(rec["file"], (rec.get("kind") or "").lower(), _int(rec.get("year")),
                                  rec.get("period") or None, rec.get("indicator_text") or "",
                                  # a label keeps the text's script (億元); the product reads it simplified;
                                  # an index (指数) has no unit, as the product reads it
                                  script.simplified(rec["unit"]) if rec.get("unit") and rec["unit"] != "指数"
                                  else None, value, (rec.get("tier") or "core").lower(), rec, high))
    return rows


def _similarity(labelled: str, read: str) -> float:
    """The indicator similarity of a label and a reading, both simplified and with the reader's synonyms
    rewritten: GDP and 地区生产总值 name one indicator, as the warehouse reads them."""
    return indicator_similarity(rewrite(simplified(labelled)), rewrite(simplified(read)))


def _value_matches(g: LabelledValue, x: Target | Actual) -> float:
    """The indicator similarity when the value and unit agree, else 0 (the year and kind are not looked at)."""
    if g.value is None or x.value is None:
        return 0.0
    if _same_multiple_of_base(g, x):
        sim = _similarity(g.indicator_text, x.indicator_text)
        return sim if sim >= SIMILARITY_THRESHOLD else 0.0
    if not same_unit(g.unit, x.unit_raw) and not same_unit(g.unit, x.unit):
        return 0.0
    _, factor = normalize_unit(g.unit)
    gv = g.value * factor
    if not (math.isclose(gv, x.value, rel_tol=1e-6, abs_tol=1e-9) or round(gv, 2) == round(x.value, 2)
            or _same_as_written(g, x)) or not _same_high(g, x, factor):
        return 0.0
    sim = _similarity(g.indicator_text, x.indicator_text)
    return sim if sim >= SIMILARITY_THRESHOLD else 0.0


def _same_multiple_of_base(g: LabelledValue, x: Target | Actual) -> bool:
    """翻一番 labelled as the multiple of its base it makes (2 倍, change_vs_base: CONVENTIONS.md's 是2010年的N倍)
    and read as the warehouse measures a change since a base year (+100 %): one value, N 倍 = +100 (N - 1) %."""
    kind = getattr(x, "target_kind", None) or getattr(x, "measure", None)
    return _unit_key(g.unit) == "倍" and g.raw.get("measure") == "change_vs_base" and kind == "change_vs_base" \
        and _unit_key(x.unit) == "%" and math.isclose(100 * (g.value - 1), x.value, abs_tol=1e-6)


def _same_as_written(g: LabelledValue, x: Target | Actual) -> bool:
    """增长1.8倍 labelled as written (1.8 倍) and read as the change it is (+180 %): the same number in the
    same unit as the text writes it."""
    if _unit_key(g.unit) != "倍" or _unit_key(x.unit_raw) != "倍" or not x.value_raw:
        return False
    raw = parse_number(x.value_raw)
    return raw is not None and math.isclose(raw, g.value, rel_tol=1e-6, abs_tol=1e-9)


def match_values(rows: list[LabelledValue], statements: list[Target | Actual]) -> list[ValueOutcome]:
    """One labelled value to at most one statement: the same kind and year first, then the most similar."""
    scored = []
    for gi, g in enumerate(rows):
        for xi, x in enumerate(statements):
            sim = _value_matches(g, x)
            if sim > 0:
                y = _year_of(x)
                scored.append(((statement_kind(x) == g.kind, g.year is None or y == g.year, sim), gi, xi))
    scored.sort(key=lambda p: (tuple(-float(v) for v in p[0]), p[1], p[2]))
    used_x: set[int] = set()
    got: dict[int, Target | Actual] = {}
    for _, gi, xi in scored:
        if gi in got or xi in used_x:
            continue
        got[gi] = statements[xi]
        used_x.add(xi)
    return [ValueOutcome(g, got.get(i)) for i, g in enumerate(rows)]


def taken_negatives(rows: list[LabelledValue], statements: list[Target | Actual],
                    values: list[ValueOutcome] = ()) -> list[ValueOutcome]:
    """A number labelled as not a value is taken when a statement has it (same number, same unit) as its
    value, whatever its indicator: the label gives no position, so this errs towards 'taken'. A statement
    a labelled value matched is that value's: a headline repeating a body figure (labelled once as a value,
    once as a duplicate) is taken only when the product reads the figure more often than it is labelled."""
    owned = {id(o.got) for o in values if o.got is not None}
    out = []
    for g in rows:
        hit = None
        for x in statements:
            if g.value is None or x.value is None or id(x) in owned:
                continue
            units_agree = (same_unit(g.unit, x.unit_raw) or same_unit(g.unit, x.unit)
                           or {_unit_key(g.unit), _unit_key(x.unit_raw)} <= {"%", "个百分点"})
            factor = normalize_unit(g.unit)[1]
            if units_agree and math.isclose(g.value * factor, x.value, rel_tol=1e-6, abs_tol=1e-9) \
                    and _same_high(g, x, factor):
                hit = x
                break
        out.append(ValueOutcome(g, hit))
    return out


def _unit_key(unit: str | None) -> str:
    return (unit or "").replace("％", "%").strip()


_period_name = periods.label_name


def _doc_kind(doc_type: str | None, plan_end_year: int | None = None) -> str | None:
    # a report that looks back and ahead is filed with the plan period of its goals (extract/filing.py)
    if plan_end_year is not None:
        return "plan"
    if doc_type is None or doc_type == "other":
        return None
    return "plan" if doc_type in PLAN_TYPES else "release"


def check_labelled_document(doc: Document, row: dict) -> list[DocCheck]:
    """region (name), region_code, kind (plan | release), issued_on, year (a release's period year, a
    plan's end year) and period (Y, H1, 1-7月 …) against what the reader gave the document (as filed)."""
    m = doc.meta
    kind = _doc_kind(m.doc_type, m.plan_end_year)
    year = (m.plan_end_year or m.period_year) if kind == "plan" else m.period_year
    got = {"region": m.region_name, "region_code": m.region_code, "kind": kind,
           "issued_on": m.issued_on.isoformat() if m.issued_on else None,
           "year": None if year is None else str(year),
           "period": _period_name(m.period_label) if kind != "plan" else None}
    want = {"region": row.get("region_name"), "region_code": row.get("region_code"),
            "kind": row.get("kind"), "issued_on": row.get("issued_on"),
            "year": str(_int(row.get("year"))) if _int(row.get("year")) is not None else None,
            "period": _period_name(row.get("period")) if (row.get("kind") or "") != "plan" else None}
    out = []
    for name in DOC_CHECKS:
        w = (want[name] or "").strip()
        if w:
            out.append(DocCheck(doc.source_file, name, w, got[name]))
    return out


def realworld_files(gold: Path) -> tuple[list[Path], list[Path], Path]:
    """(values CSVs, documents CSVs, texts folder) of a realworld corpus given as a folder or a values CSV."""
    gold = Path(gold)
    base = gold if gold.is_dir() else gold.parent
    if gold.is_dir():
        values = sorted(gold.glob("values*.csv"))
        documents = sorted(gold.glob("documents*.csv"))
    else:
        values = [gold]
        documents = [p for p in [base / gold.name.replace("values", "documents")] if p.exists() and p != gold]
    texts = base / "texts"
    return values, documents, texts if texts.is_dir() else base


def is_realworld(gold: Path) -> bool:
    gold = Path(gold)
    if gold.is_dir():
        return any(gold.glob("values*.csv"))
    with gold.open(encoding="utf-8") as fh:
        header = fh.readline().strip().lstrip("\ufeff").split(",")
    return "file" in header and "kind" in header and "source_file" not in header


def _labelled_documents(doc_csvs: list[Path]) -> dict[str, dict]:
    """file -> its row of the documents*.csv files (the analyst's region, kind, issue date, period)."""
    return {rec["file"].strip(): rec for p in doc_csvs
            for rec in pl.read_csv(p, infer_schema=False).iter_rows(named=True) if rec.get("file")}


def evaluate_realworld(gold: Path, max_bytes: int = 50 * 2**20, name: str | None = None) -> CorpusReport:
    """Score the product on a realworld-format corpus: every text read as a refresh's workers read it."""
    from plantrack.ingest import read_source  # the pipeline's own read path

    value_csvs, doc_csvs, texts = realworld_files(gold)
    rows = [r for p in value_csvs for r in read_values(p)]
    labelled_docs = _labelled_documents(doc_csvs)
    files = list(dict.fromkeys([r.file for r in rows] + list(labelled_docs)))
    values, negatives, checks, unread = [], [], [], {}
    for f in files:
        path = texts / f
        mine = [r for r in rows if r.file == f]
        try:
            doc = read_source(path, f, max_bytes)
            st = extract_statements(doc)
            statements = [*st.targets, *st.actuals]
        except (DocumentError, OSError) as exc:
            unread[f] = getattr(exc, "reason", None) or str(exc)
            doc, statements = None, []
        matched = match_values([r for r in mine if r.kind in VALUE_KINDS], statements)
        values += matched
        negatives += taken_negatives([r for r in mine if r.kind == "negative"], statements, matched)
        if doc is not None and f in labelled_docs:
            checks += check_labelled_document(filed(doc, st), labelled_docs[f])
    label = name or (Path(gold).name if Path(gold).is_dir() else Path(gold).parent.name)
    return CorpusReport(label, values, negatives, checks, unread)


# --------------------------------------------------------------------------------------------------
# What the product PUBLISHES: the same scoring on the rows of a data directory's serving file
# (marts.fct_plan_targets, fct_indicator_actuals, dim_document) instead of the extractor's return value.
# The warehouse rows are turned back into the statement records the matching above reads, so both
# figures are computed by the same code and differ only by what the whole path (load, dbt, publish) did.
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublishedActual(Actual):
    """An actual as the serving file has it (is_estimate: the column, where the warehouse has one)."""

    is_estimate: bool = False


def _columns(con, table: str) -> set[str]:
    return {r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_schema = 'marts' and table_name = ?",
        [table]).fetchall()}


def _rows(con, sql: str) -> list[dict]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _num(v) -> float | None:
    return None if v is None else float(v)


def _target_row(r: dict) -> Target:
    return Target(r["document_id"], r.get("region_name"), None, r["indicator_text"] or "", r["target_kind"],
                  r["comparator"], r["value_raw"] or "", r.get("value_high_raw"), r.get("unit_raw"), _num(r["value"]),
                  _num(r.get("value_high")), r.get("unit"), r.get("target_year"), r.get("baseline_year"),
                  _num(r.get("baseline_value")), None, r.get("attribute"), r.get("quote") or "",
                  r.get("char_start") or 0, r.get("char_end") or 0, r.get("section"), r.get("method") or "",
                  _num(r.get("confidence")) or 0.0, r.get("confidence_reason"),
                  year_evidence=r.get("year_evidence"), year_confidence=_num(r.get("year_confidence")))


def _actual_row(r: dict) -> PublishedActual:
    return PublishedActual(r["document_id"], r.get("region_name"), None, r["indicator_text"] or "", r["measure"],
                           r.get("period_year"), r.get("period_label"), r.get("period_start"), r.get("period_end"),
                           r["value_raw"] or "", r.get("unit_raw"), _num(r["value"]), r.get("unit"),
                           r.get("quote") or "", r.get("char_start") or 0, r.get("char_end") or 0, None,
                           r.get("method") or "", _num(r.get("confidence")) or 0.0, None,
                           year_evidence=r.get("year_evidence"), year_confidence=_num(r.get("year_confidence")),
                           is_estimate=bool(r.get("is_estimate")))


def _published_document(r: dict) -> Document:
    meta = DocumentMeta(title=r.get("title"), doc_type=r.get("doc_type"), issuer=r.get("issuer"),
                        region_name=r.get("region_name"), region_code=r.get("region_code"),
                        issued_on=r.get("issued_on"), plan_start_year=r.get("plan_start_year"),
                        plan_end_year=r.get("plan_end_year"), period_year=r.get("period_year"),
                        period_label=r.get("period_label"))
    return Document(r["document_id"], r["source_file"], "", None, 0, "", meta)


@dataclass
class Published:
    """The serving file's rows, by source_file."""

    documents: dict[str, Document]
    statements: dict[str, list[Target | Actual]]
    quarantined: dict[str, str]

    def file(self, name: str) -> str | None:
        """The source_file a labelled file name is published under: itself, else the one path that ends
        with it (a refresh of a parent folder publishes `dev/texts/A001.txt`)."""
        if name in self.documents:
            return name
        tails = [s for s in self.documents if s.endswith("/" + name)]
        return tails[0] if len(tails) == 1 else None

    def why_missing(self, name: str) -> str:
        for s, why in self.quarantined.items():
            if s == name or s.endswith("/" + name):
                return f"quarantined: {why}"
        return "not in the serving file"


def read_published(serving_path: Path) -> Published:
    """Current documents, their published targets (rows an analyst rejected are left out) and latest
    actuals, read-only from a serving file."""
    import duckdb

    con = duckdb.connect(str(serving_path), read_only=True)
    try:
        # A place without a GB/T 2260 code keeps an identity of its own in the warehouse (dim_region.code_note
        # says why: 'uncoded:<name>', or 'unlocated:<document id>' when no place was detected); such an
        # identity is not a code, and an unlocated document names no place.
        note = "r.code_note" if "code_note" in _columns(con, "dim_region") else "null"
        docs = _rows(con, f"select d.* exclude (region_code), "
                          f"case when {note} is null then d.region_code end as region_code, "
                          f"case when d.region_code like 'unlocated:%' then null else r.name_zh end as region_name "
                          f"from marts.dim_document d left join marts.dim_region r using (region_code) "
                          f"where d.is_current")
        keep = "where coalesce(override_action, '') <> 'reject'"
        targets = _rows(con, f"select * from marts.fct_plan_targets {keep}")
        actuals = _rows(con, f"select * from marts.fct_indicator_actuals {keep}")
        quarantined = {}
        if "source_file" in _columns(con, "mart_quarantined_documents"):
            quarantined = {r["source_file"]: r["reason"] for r in _rows(
                con, "select source_file, reason from marts.mart_quarantined_documents")}
    finally:
        con.close()
    statements: dict[str, list[Target | Actual]] = {}
    for r in targets:
        statements.setdefault(r["source_file"], []).append(_target_row(r))
    for r in actuals:
        statements.setdefault(r["source_file"], []).append(_actual_row(r))
    return Published({r["source_file"]: _published_document(r) for r in docs}, statements, quarantined)


def evaluate_published(gold: Path, serving_path: Path, name: str | None = None) -> CorpusReport:
    """Score what a refresh published (a data directory's serving file) against a realworld-format corpus:
    the same matching and report as `evaluate_realworld`, on warehouse rows instead of extractor output."""
    published = read_published(serving_path)
    value_csvs, doc_csvs, _ = realworld_files(gold)
    rows = [r for p in value_csvs for r in read_values(p)]
    labelled_docs = _labelled_documents(doc_csvs)
    files = list(dict.fromkeys([r.file for r in rows] + list(labelled_docs)))
    values, negatives, checks, unread = [], [], [], {}
    for f in files:
        mine = [r for r in rows if r.file == f]
        source = published.file(f)
        if source is None:
            unread[f] = published.why_missing(f)
            statements, doc = [], None
        else:
            statements, doc = published.statements.get(source, []), published.documents[source]
        matched = match_values([r for r in mine if r.kind in VALUE_KINDS], statements)
        values += matched
        negatives += taken_negatives([r for r in mine if r.kind == "negative"], statements, matched)
        if doc is not None and f in labelled_docs:
            checks += [DocCheck(f, c.field, c.expected, c.got) for c in check_labelled_document(doc, labelled_docs[f])]
    label = name or (Path(gold).name if Path(gold).is_dir() else Path(gold).parent.name)
    return CorpusReport(f"{label} (published)", values, negatives, checks, unread)
