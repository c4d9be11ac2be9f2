"""A synthetic corpus of plans and statistical releases, with the extractions a careful reader expects.

The corpus is assembled here from three ideas, each in its own module: the world (`world`: regions,
indicators, true trajectories), the phrasing (`phrasing`: how documents word indicators and values,
and the gold rows they carry) and the rendering (`render`: .txt / .docx / .pdf bytes). The expected
targets and actuals go to two CSVs in the format of shared/labelled.

    python -m plantrack.bench.generate --out DIR --documents N --seed S   (= plantrack bench generate)
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from plantrack.bench.catalog import with_wordings
from plantrack.bench.phrasing import DOC_KINDS, Doc, cn_count, make_doc
from plantrack.bench.render import RENDERERS
from plantrack.bench.truth import JUDGEMENT_COLUMNS, judge
from plantrack.bench.world import SEEDS, World, load_indicators, load_regions

__all__ = ["ACTUALS_CSV", "ACTUAL_COLUMNS", "FORMATS", "SEEDS", "SOURCES_DIR", "TARGETS_CSV", "TARGET_COLUMNS",
           "add_document", "cn_count", "generate_corpus", "generate_documents", "write_csv"]

TARGET_COLUMNS = ["source_file", "region", "indicator_text", "unit", "comparator", "target_value", "target_high",
                  "target_year", "baseline_year", "baseline_value", "kind", "attribute"]
ACTUAL_COLUMNS = ["source_file", "region", "period_year", "indicator_text", "unit", "value", "kind"]
TARGETS_CSV = "expected_targets.csv"
ACTUALS_CSV = "expected_actuals.csv"
SOURCES_DIR = "sources"
FORMATS = {"txt": 0.6, "docx": 0.25, "pdf": 0.15}
JUDGEMENTS_CSV = "expected_judgements.csv"
POOL_REGIONS = 8  # regions most documents are about (drawn per seed)
POOL_SHARE = 0.8  # the rest are about any region of the country
FOCUS_INDICATORS = 40


# ---------------------------------------------------------------- the corpus

def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def write_document(doc: Doc, sources: Path, name: str, fmt_name: str, rng: random.Random) -> tuple[list[dict], list[dict]]:
    """Render one document; return its gold rows with source_file filled in."""
    RENDERERS[fmt_name](doc, sources / name, rng)
    return ([{"source_file": name, **t} for t in doc.targets], [{"source_file": name, **a} for a in doc.actuals])


def document_name(index: int, doc: Doc, fmt_name: str, seed: int) -> str:
    return f"{doc.region.code}_{doc.year}_{doc.kind}_s{seed}_{index:05d}.{fmt_name}"


def generate_documents(sources: Path, documents: int, seed: int, start_index: int = 0,
                       formats: dict[str, float] | None = None) -> tuple[list[dict], list[dict]]:
    """Write `documents` documents into `sources`; return (expected targets, expected actuals)."""
    sources.mkdir(parents=True, exist_ok=True)
    world = World(seed)
    regions, indicators = load_regions(), with_wordings(load_indicators())
    # most documents are about a few regions (per seed), so plans meet releases of their own place
    pool = random.Random(f"{seed}|pool").sample(regions, POOL_REGIONS)
    targets: list[dict] = []
    actuals: list[dict] = []
    for i in range(start_index, start_index + documents):
        rng = random.Random(f"{seed}:{i}")
        kind = _pick(rng, DOC_KINDS)
        region = rng.choice(pool) if rng.random() < POOL_SHARE else rng.choice(regions)
        # a region's plans and releases mostly speak of the indicators it follows (drawn per seed and region)
        focus = random.Random(f"{seed}|focus|{region.code}").sample(indicators, FOCUS_INDICATORS)
        doc = make_doc(kind, region, world, focus if rng.random() < POOL_SHARE else indicators, rng, others=pool)
        fmt_name = _pick(rng, formats or FORMATS)
        t, a = write_document(doc, sources, document_name(i, doc, fmt_name, seed), fmt_name, rng)
        targets += t
        actuals += a
    return targets, actuals


def write_csv(path: Path, columns: list[str], rows: list[dict], append: bool = False) -> None:
    new = not append or not path.exists()
    with path.open("a" if append else "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")  # _tags are the generator's own
        if new:
            w.writeheader()
        w.writerows(rows)


def generate_corpus(out_dir: Path, documents: int, seed: int, formats: dict[str, float] | None = None) -> Path:
    """Write `documents` documents to <out_dir>/sources and the expected extractions beside them.

    Returns <out_dir>/expected_targets.csv; <out_dir>/expected_actuals.csv is written beside it, and
    <out_dir>/expected_judgements.csv: for each target, in the same order, whether an analyst would
    judge it against the corpus's actuals and with which status (`truth.judge`).
    Both have the columns of shared/labelled (plantrack.evaluate.evaluate reads them as they are).
    The same (documents, seed) always gives the same bytes.
    """
    out_dir = Path(out_dir)
    sources = out_dir / SOURCES_DIR
    if sources.exists():
        for old in sources.iterdir():
            if old.is_file():
                old.unlink()
    targets, actuals = generate_documents(sources, documents, seed, formats=formats)
    write_csv(out_dir / ACTUALS_CSV, ACTUAL_COLUMNS, actuals)
    write_csv(out_dir / JUDGEMENTS_CSV, JUDGEMENT_COLUMNS, judge(targets, actuals))
    path = out_dir / TARGETS_CSV
    write_csv(path, TARGET_COLUMNS, targets)
    return path


def add_document(out_dir: Path, seed: int, index: int) -> str:
    """Add one more document (as a new day's arrival) to a generated corpus; return its file name."""
    sources = Path(out_dir) / SOURCES_DIR
    before = {p.name for p in sources.iterdir()}
    targets, actuals = generate_documents(sources, 1, seed, start_index=index)
    write_csv(Path(out_dir) / TARGETS_CSV, TARGET_COLUMNS, targets, append=True)
    write_csv(Path(out_dir) / ACTUALS_CSV, ACTUAL_COLUMNS, actuals, append=True)
    return next(p.name for p in sources.iterdir() if p.name not in before)


def main(argv: list[str] | None = None) -> None:
    """The same options as `plantrack bench generate`."""
    from plantrack.config import PROJECT_ROOT

    parser = argparse.ArgumentParser(prog="python -m plantrack.bench.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "bench" / "out" / "corpus",
                        help="Directory to write the documents into.")
    parser.add_argument("--documents", type=int, default=100, help="How many documents.")
    parser.add_argument("--seed", type=int, default=1, help="Random seed (same seed, same corpus).")
    args = parser.parse_args(argv)
    expected = generate_corpus(args.out, args.documents, args.seed)
    print(f"wrote {args.documents} documents to {args.out}; expected extractions: {expected}")


if __name__ == "__main__":
    main()
