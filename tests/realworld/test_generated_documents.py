"""Generated real-world documents read back with their place, kind, date, period and every value's year.

Places come from the complete division list (a county in 新疆, a city in 广东, a district of 天津 …),
never from the sample corpus. No case is marked: every one must pass.
"""

from __future__ import annotations

import re

import pytest

from plantrack.documents import read_document
from plantrack.extract import extract_statements
from plantrack.extract.numbers import parse_number
from plantrack.model import Actual, Target

from .builder import VARIANTS, Built, build, spec_for
from .phrasing import KINDS, Fact


def _cases(need=lambda built: True) -> list:
    """Every kind in every variant, or those that state what a test asserts on (no vacuous passes)."""
    return [pytest.param(kind, v, id=f"{kind}-{v.name}") for kind in KINDS for v in VARIANTS
            if need(Built(None, spec_for(kind), v))]


CASES = _cases()
WITH_TARGETS = _cases(lambda b: any(f.statement == "target" for f in b.spec.facts))
WITH_ATTRIBUTES = _cases(lambda b: any(f.attribute for f in b.spec.facts))
WITH_NON_VALUES = _cases(lambda b: bool(b.non_values))
_CACHE: dict = {}


@pytest.fixture
def read(tmp_path_factory):
    """(built, document, statements), each built and read once per module."""
    def get(kind, variant):
        key = (kind, variant)
        if key not in _CACHE:
            built = build(kind, variant, tmp_path_factory.mktemp("rw"))
            doc = read_document(built.path, built.path.name)
            _CACHE[key] = (built, doc, extract_statements(doc))
        return _CACHE[key]
    return get


def _label(label: str | None) -> str | None:
    return re.sub(r"[—–－~～至到]", "-", label) if label else label


def _same_number(x: Target | Actual, fact: Fact) -> bool:
    got = parse_number(x.value_raw or "")
    want = float(fact.value)
    # a reduction may be carried signed (降低13.5 → -13.5)
    return got is not None and (abs(got - want) < 1e-9 or (fact.measure == "change_vs_base" and abs(got + want) < 1e-9))


def _candidates(st, fact: Fact) -> list[Target | Actual]:
    pool = st.targets if fact.statement == "target" else st.actuals
    return [x for x in pool if _same_number(x, fact)]


@pytest.mark.parametrize(("kind", "variant"), CASES)
def test_every_quote_is_the_text_at_its_offsets(read, kind, variant):
    _, doc, st = read(kind, variant)
    for x in [*st.targets, *st.actuals]:
        assert doc.text[x.char_start:x.char_end] == x.quote


@pytest.mark.parametrize(("kind", "variant"), CASES)
def test_every_stated_number_survives_reading(read, kind, variant):
    built, doc, _ = read(kind, variant)
    flat = re.sub(r"\s", "", doc.text)
    for fact in built.spec.facts:
        assert fact.value in flat, fact


@pytest.mark.parametrize(("kind", "variant"), CASES)
def test_region_code_is_the_place_the_document_is_about(read, kind, variant):
    built, doc, _ = read(kind, variant)
    assert doc.meta.region_code == built.spec.place.code, (doc.meta.region_name, built.spec.place)


@pytest.mark.parametrize(("kind", "variant"), CASES)
def test_document_kind_is_detected(read, kind, variant):
    built, doc, _ = read(kind, variant)
    assert doc.meta.doc_type == built.spec.doc_type


@pytest.mark.parametrize(("kind", "variant"), CASES)
def test_issue_date_is_detected(read, kind, variant):
    built, doc, _ = read(kind, variant)
    assert doc.meta.issued_on == built.spec.issued_on


@pytest.mark.parametrize(("kind", "variant"), CASES)
def test_reported_period_is_detected(read, kind, variant):
    built, doc, _ = read(kind, variant)
    spec = built.spec
    if spec.plan_end_year:
        assert doc.meta.plan_end_year == spec.plan_end_year
    else:
        assert (doc.meta.period_year, _label(doc.meta.period_label)) == (spec.period_year, spec.period_label)


@pytest.mark.parametrize(("kind", "variant"), CASES)
def test_every_value_is_found(read, kind, variant):
    built, _, st = read(kind, variant)
    missing = [f for f in built.spec.facts if not _candidates(st, f)]
    assert not missing


@pytest.mark.parametrize(("kind", "variant"), CASES)
def test_every_actual_has_its_year_and_period(read, kind, variant):
    built, _, st = read(kind, variant)
    for fact in (f for f in built.spec.facts if f.statement == "actual"):
        got = [(x.period_year, _label(x.period_label) or "全年") for x in _candidates(st, fact)]
        assert (fact.year, fact.period_label) in got, (fact, got)


@pytest.mark.parametrize(("kind", "variant"), WITH_TARGETS)
def test_every_target_has_its_year(read, kind, variant):
    built, _, st = read(kind, variant)
    for fact in (f for f in built.spec.facts if f.statement == "target"):
        got = [x.target_year for x in _candidates(st, fact)]
        assert fact.year in got, (fact, got)


@pytest.mark.parametrize(("kind", "variant"), WITH_ATTRIBUTES)
def test_table_targets_carry_their_attribute(read, kind, variant):
    built, _, st = read(kind, variant)
    for fact in (f for f in built.spec.facts if f.attribute):
        got = [x.attribute for x in _candidates(st, fact)]
        assert fact.attribute in got, (fact, got)


@pytest.mark.parametrize(("kind", "variant"), WITH_NON_VALUES)
def test_numbers_that_are_not_values_are_left_alone(read, kind, variant):
    built, _, st = read(kind, variant)
    for number in built.non_values:
        want = parse_number(number.strip("第"))
        taken = [x for x in [*st.targets, *st.actuals] if parse_number(x.value_raw or "") == want]
        assert not taken, (number, [(x.indicator_text, x.quote) for x in taken])
