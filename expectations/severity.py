"""The one declaration of which checks block publication: severity.yml, loaded once."""

from __future__ import annotations

from pathlib import Path

import yaml

SEVERITY_FILE = Path(__file__).with_name("severity.yml")
LEVELS = ("blocking", "warning")


def load_severity(path: Path = SEVERITY_FILE) -> dict[str, str]:
    """Flatten {suite: {rule: severity}} into {rule: severity}; a rule means the same in every suite."""
    declared = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    flat: dict[str, str] = {}
    for suite, rules in declared.items():
        for rule, level in (rules or {}).items():
            if level not in LEVELS:
                raise ValueError(f"{path.name}: {suite}.{rule} is {level!r}; use one of {LEVELS}")
            if flat.get(rule, level) != level:
                raise ValueError(f"{path.name}: {rule} is declared both {flat[rule]} and {level}")
            flat[rule] = level
    return flat


SEVERITY: dict[str, str] = load_severity()


def severity_of(rule: str) -> str:
    try:
        return SEVERITY[rule]
    except KeyError:
        raise KeyError(f"check rule {rule!r} has no severity: declare it in {SEVERITY_FILE}") from None
