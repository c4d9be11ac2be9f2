"""Documents for places and years nobody here used: world (places, figures) × phrasing (kind of
document) × rendering (format, script, punctuation). `build` writes one and returns what it states."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .phrasing import KINDS, Spec
from .render import FORMATS, Variant, write
from .world import Place, places

# every format in simplified characters, then the ways reposts differ
VARIANTS = [Variant(f) for f in FORMATS] + [
    Variant("txt", "traditional"),
    Variant("html", "glossed", half_width=True),
    Variant("docx", "traditional"),
    Variant("txt", "simplified", half_width=True),
]


@dataclass(frozen=True)
class Built:
    path: Path | None  # None for a document not written yet (choosing test cases)
    spec: Spec
    variant: Variant

    @property
    def non_values(self) -> list[str]:
        # a web page's view counter ([ 浏览次数 ] 1287) is page noise, not a value
        return self.spec.non_values + (["1287"] if self.variant.fmt == "html" else [])


def place_for(kind: str) -> Place:
    """Each kind of document is about another place, so all five places are used."""
    return places()[list(KINDS).index(kind) % len(places())]


def spec_for(kind: str) -> Spec:
    make, year = KINDS[kind]
    return make(place_for(kind), year)


def build(kind: str, variant: Variant, directory: Path) -> Built:
    spec = spec_for(kind)
    return Built(write(spec, variant, directory, f"{kind}_{variant.name}"), spec, variant)
