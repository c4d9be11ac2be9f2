"""The indicator synonyms the warehouse reads (规上 → 规模以上, GDP → 地区生产总值), from dbt's seed
`indicator_words.csv` (rows of part `synonym`): one list for dbt, the extractor and the evaluator."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

WORDS_SEED = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "indicator_words.csv"


@lru_cache(maxsize=1)
def synonym_rules() -> tuple[tuple[re.Pattern, str], ...]:
    """The reader's synonym rewrites, in the seed's order."""
    with WORDS_SEED.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return tuple((re.compile(r["pattern"]), r["replacement"]) for r in rows if r["part"] == "synonym")


def rewrite(text: str) -> str:
    """A text with every synonym rewritten, as the catalog matches it."""
    for pattern, replacement in synonym_rules():
        text = pattern.sub(replacement, text)
    return text
