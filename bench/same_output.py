"""Dump every document and extracted row of the reference corpora, to check a speed-up changes no output.

    python bench/same_output.py OUT.txt [DIR ...]
    diff before.txt after.txt   # must be empty

One line per document (its metadata, text hash, reading-view hash) and one per target or actual (the
dataclass's repr: every field, offsets, quotes, reasons, evidence). Default directories: the national
dev gold texts, the shared real-world texts and releases, sources/ and the bench's 200-document corpus.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from plantrack.documents import read_document
from plantrack.extract import extract_statements
from plantrack.model import DocumentError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = (ROOT / "tests/gold/national/dev/texts", Path("/work/shared/realworld/texts"),
                Path("/work/shared/releases"), ROOT / "sources", ROOT / "bench/out/corpus-extract-200/sources")


def dump(dirs: list[Path], out) -> int:
    n = 0
    for d in dirs:
        for path in sorted(p for p in d.iterdir() if p.is_file() and not p.name.endswith(".meta.json")):
            try:
                doc = read_document(path, path.name)
            except DocumentError as exc:
                out.write(f"DOC {path} error {exc!r}\n")
                continue
            view = getattr(doc.view, "text", None)
            out.write(f"DOC {path} {doc.format} {doc.encoding} {hashlib.sha256(doc.text.encode()).hexdigest()} "
                      f"{hashlib.sha256((view or '').encode()).hexdigest()} {doc.meta!r}\n")
            st = extract_statements(doc)
            for row in (*st.targets, *st.actuals):
                out.write(f"  {row!r}\n")
                n += 1
    return n


if __name__ == "__main__":
    dirs = [Path(a) for a in sys.argv[2:]] or [d for d in DEFAULT_DIRS if d.is_dir()]
    with open(sys.argv[1], "w", encoding="utf-8") as fh:
        rows = dump(dirs, fh)
    print(f"{rows} rows from {', '.join(str(d) for d in dirs)}")
