"""Placeholder extractor; replaced by the real one."""

from __future__ import annotations

from plantrack.model import Document, Statements


def extract_statements(doc: Document) -> Statements:
    return Statements(targets=[], actuals=[])
