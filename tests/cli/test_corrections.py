"""Corrections as data: the log in the data directory, and what a correction may say (fast, no refresh)."""

from __future__ import annotations

import pytest

from plantrack import corrections
from plantrack.corrections import Correction, Refused
from plantrack.review import Subject


def _correction(**kw) -> Correction:
    base = dict(subject="statement", field="year", after="2025", by="王分析师", why="规划期至2025年",
                document_id="d" * 64, source_file="plan.txt", quote="到2025年产值达到100亿元", char_start=10,
                char_end=22, value_raw="100", indicator_text="产值", statement_id="t_1")
    return Correction(**{**base, **kw})


def test_a_correction_is_kept_in_the_data_directory_with_who_when_why(tmp_path):
    corrections.append(tmp_path, [_correction()])
    corrections.append(tmp_path, [_correction(field="value", after="120.0")])
    kept = corrections.read_log(tmp_path)
    assert [c.field for c in kept] == ["year", "value"]
    assert kept[0].by == "王分析师" and kept[0].why == "规划期至2025年" and kept[0].at
    assert corrections.log_path(tmp_path).parent == tmp_path / "corrections"


def test_a_correction_changes_what_the_marts_are_built_from(tmp_path):
    before = corrections.fingerprint(tmp_path)
    corrections.append(tmp_path, [_correction()])
    assert corrections.fingerprint(tmp_path) != before


def test_the_key_is_what_the_text_says_not_the_extractors_id():
    assert _correction(statement_id="t_1").key() == _correction(statement_id="t_other").key()
    assert _correction().key() != _correction(quote="到2026年产值达到100亿元").key()


@pytest.mark.parametrize(("field", "value", "normalized"), [
    ("year", "2025", "2025"), ("value", "1,500", "1500.0"), ("kind", "estimate", "estimate"),
    ("period", "1-7月", "1-7月"), ("place", "江津区", "500116"), ("exclude", "yes", "true"),
    ("indicator", "规上工业总产值", "industrial_output_above_scale"),
])
def test_a_value_field_is_checked_and_normalized(field, value, normalized):
    assert corrections.check("statement", field, value)[0] == normalized


@pytest.mark.parametrize(("subject", "field", "value", "why"), [
    ("statement", "year", "20x5", "not a year"), ("statement", "year", "1800", "1900"),
    ("statement", "value", "1e400", "finite"), ("statement", "kind", "goal", "target, actual, estimate"),
    ("statement", "place", "鼓楼区", "ambiguous"), ("statement", "indicator", "no_such", "catalog"),
    ("statement", "colour", "red", "cannot be corrected"), ("document", "kind", "novel", "not a kind"),
    ("document", "date", "2024-02-30", "no such day"), ("document", "period", "2025-2021", "ends before"),
    ("statement", "year", "", "no value"),
])
def test_a_wrong_value_is_refused_with_the_reason(subject, field, value, why):
    with pytest.raises(Refused, match=why):
        corrections.check(subject, field, value)


def test_a_correction_needs_who_and_why():
    subject = Subject("statement", "d" * 64, "plan.txt", "到2025年产值达到100亿元", 10, 22, "100", "产值", "t_1",
                      {"year": "2024"})
    with pytest.raises(Refused, match="--by"):
        subject.correction("year", "2025", "", "规划期")
    with pytest.raises(Refused, match="--why"):
        subject.correction("year", "2025", "王分析师", " ")
    made = subject.correction("year", "2025", "王分析师", "规划期至2025年")
    assert (made.before, made.after, made.quote, made.char_start) == ("2024", "2025", "到2025年产值达到100亿元", 10)
