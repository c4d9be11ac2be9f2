"""`plantrack eval`: precision and recall of the extractor against a labelled CSV.

Matching rule (one gold row to at most one extracted statement, best first): same document, same
value in the same unit (both normalized: 3000万元 == 0.3亿元; counting words 家/户/个 are
interchangeable), same year (target_year or period_year; a blank gold year matches any), and
indicator texts that name the same thing: character-bigram containment >= 0.5 after dropping
generic words (see plantrack.extract.similarity).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from plantrack.documents import read_document
from plantrack.extract import extract_statements
from plantrack.extract.numbers import parse_number
from plantrack.extract.similarity import indicator_similarity
from plantrack.extract.units import normalize_unit, same_unit
from plantrack.model import Actual, Target

SIMILARITY_THRESHOLD = 0.5


@dataclass(frozen=True)
class GoldRow:
    source_file: str
    indicator_text: str
    value: float | None
    unit: str | None
    year: int | None
    raw: dict


@dataclass
class KindResult:
    gold: list[GoldRow] = field(default_factory=list)
    extracted: list[Target | Actual] = field(default_factory=list)
    matches: list[tuple[GoldRow, Target | Actual, float]] = field(default_factory=list)

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


@dataclass
class EvalReport:
    kind: str  # targets | actuals
    overall: KindResult
    per_document: dict[str, KindResult]

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

    def render(self) -> str:
        def pct(x: float) -> str:
            return "  n/a" if math.isnan(x) else f"{100 * x:5.1f}%"

        r = self.overall
        lines = [f"{self.kind}: precision {pct(r.precision)}  recall {pct(r.recall)}  "
                 f"(gold {len(r.gold)}, extracted {len(r.extracted)}, matched {len(r.matches)})", ""]
        for name, d in sorted(self.per_document.items()):
            lines.append(f"  {name}: precision {pct(d.precision)}  recall {pct(d.recall)}  "
                         f"(gold {len(d.gold)}, extracted {len(d.extracted)}, matched {len(d.matches)})")
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


def match_score(g: GoldRow, x: Target | Actual) -> float:
    """0 when the pair cannot match; otherwise the indicator similarity."""
    year = x.target_year if isinstance(x, Target) else x.period_year
    if g.year is not None and year != g.year:
        return 0.0
    if not same_unit(g.unit, x.unit_raw) and not same_unit(g.unit, x.unit):
        return 0.0
    if not _same_value(g, x):
        return 0.0
    sim = indicator_similarity(g.indicator_text, x.indicator_text)
    return sim if sim >= SIMILARITY_THRESHOLD else 0.0


def _match(result: KindResult) -> None:
    pairs = []
    for gi, g in enumerate(result.gold):
        for xi, x in enumerate(result.extracted):
            s = match_score(g, x)
            if s > 0:
                pairs.append((s, gi, xi))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_g, used_x = set(), set()
    for s, gi, xi in pairs:
        if gi in used_g or xi in used_x:
            continue
        used_g.add(gi)
        used_x.add(xi)
        result.matches.append((result.gold[gi], result.extracted[xi], s))


def evaluate(gold_csv: Path, sources_dir: Path) -> EvalReport:
    kind, gold = read_gold(Path(gold_csv))
    per_doc: dict[str, KindResult] = {}
    for name in dict.fromkeys(g.source_file for g in gold):
        doc = read_document(Path(sources_dir) / name, name)
        st = extract_statements(doc)
        per_doc[name] = KindResult(gold=[g for g in gold if g.source_file == name],
                                   extracted=list(st.targets if kind == "targets" else st.actuals))
    for r in per_doc.values():
        _match(r)
    overall = KindResult(
        gold=[g for r in per_doc.values() for g in r.gold],
        extracted=[x for r in per_doc.values() for x in r.extracted],
        matches=[m for r in per_doc.values() for m in r.matches],
    )
    return EvalReport(kind, overall, per_doc)
