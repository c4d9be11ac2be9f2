"""Build canonical Documents directly (no reader) for extractor tests."""

from __future__ import annotations

import hashlib
from datetime import date

from plantrack.model import Document, DocumentMeta, Statements


def make_doc(text: str, *, region: str = "永川区", doc_type: str = "plan", start: int | None = 2024,
             end: int | None = 2028, title: str | None = None, issued_on: date | None = None,
             period_year: int | None = None, period_label: str | None = None) -> Document:
    plan = doc_type in ("plan", "opinions", "annual_plan")  # only plans have a plan period
    meta = DocumentMeta(title=title, doc_type=doc_type, region_name=region,
                        plan_start_year=start if plan else None, plan_end_year=end if plan else None,
                        issued_on=issued_on, period_year=period_year, period_label=period_label)
    return Document(hashlib.sha256(text.encode()).hexdigest(), "test.txt", "txt", "utf-8",
                    len(text.encode()), text, meta)


def table(*rows: list[str]) -> str:
    """Tab-indented cells, one per line, rows separated by a blank line (the normalized form)."""
    return "\n\n".join("\n".join("\t" + c for c in r) for r in rows) + "\n"


def assert_quotes(doc: Document, st: Statements) -> None:
    for x in [*st.targets, *st.actuals]:
        assert doc.text[x.char_start:x.char_end] == x.quote
        assert 0 <= x.confidence <= 1
        assert x.confidence >= 0.8 or x.confidence_reason
        for q in getattr(x, "other_quotes", ()):
            assert doc.text[q.char_start:q.char_end] == q.quote


def by_value(items, value):
    found = [x for x in items if x.value == value]
    assert found, f"no statement with value {value}: {[(x.indicator_text, x.value) for x in items]}"
    return found[0]
