"""What one check found: plain values, importable without Great Expectations (the refresh process
reads outcomes back from the child that ran the suites)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CheckOutcome:
    suite: str
    check_name: str
    severity: str  # blocking | warning
    passed: bool
    observed: str | None
    expected: str | None
    affected_rows: int
    message: str
    # the documents of the rows that broke the rule (frames with a document_id column): a failure
    # with documents can be held back with them; one without is not a document's fault
    documents: list[str] = field(default_factory=list)
