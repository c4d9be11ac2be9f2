"""Severity is declared once, in severity.yml, and every check names a declared rule."""

from __future__ import annotations

import pandas as pd
import pytest

from expectations import cross_run, marts, raw_statements
from expectations.severity import SEVERITY, load_severity, severity_of


def test_every_declared_severity_is_blocking_or_warning():
    assert set(SEVERITY.values()) <= {"blocking", "warning"}


@pytest.mark.parametrize("suite", [raw_statements, marts, cross_run])
def test_every_check_of_every_suite_has_a_declared_severity(suite):
    frames = {name: pd.DataFrame({"x": []}) for name in ("dim_document", "dim_region", "dim_indicator",
                                                         "fct_plan_targets", "fct_indicator_actuals_history",
                                                         "mart_target_progress")}
    for check in suite.checks(frames):
        assert check.rule in SEVERITY, f"{check.name} uses undeclared rule {check.rule}"


def test_an_undeclared_rule_is_refused_with_where_to_declare_it():
    with pytest.raises(KeyError, match="severity.yml"):
        severity_of("no_such_rule")


def test_a_severity_other_than_blocking_or_warning_is_refused(tmp_path):
    bad = tmp_path / "severity.yml"
    bad.write_text("marts:\n  unique_ids: fatal\n", encoding="utf-8")
    with pytest.raises(ValueError, match="fatal"):
        load_severity(bad)
