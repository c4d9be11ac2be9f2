"""The labels point at real text: every quote substring is in its document (fast, no refresh)."""

from __future__ import annotations

import pytest

from tests.realistic.labels import documents, pairs, squash, traps

DOCS = {d.source_file: d for d in documents()}
LABELS = pairs() + traps()


def _text(source_file: str) -> str:
    return squash(DOCS[source_file].path.read_text(encoding="utf-8"))


def test_every_document_of_the_corpus_is_there():
    missing = [d.source_file for d in DOCS.values() if not d.path.is_file()]
    assert not missing


def test_label_ids_are_unique():
    ids = [label.label_id for label in LABELS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("label", LABELS, ids=lambda label: label.label_id)
def test_label_quotes_are_in_their_documents(label):
    assert squash(label.target_quote) in _text(label.target_file)
    assert squash(label.actual_quote) in _text(label.actual_file)


def test_pair_statuses_are_methodology_statuses():
    statuses = {"achieved", "on_track", "needs_acceleration", "limited_progress", "deteriorating", "missed"}
    assert {label.expected for label in pairs()} <= statuses
