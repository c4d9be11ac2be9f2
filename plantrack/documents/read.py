"""Placeholder reader (plain UTF-8 text only); replaced by the real reader."""

from __future__ import annotations

import hashlib
from pathlib import Path

from plantrack.model import Document, DocumentError, DocumentMeta


def read_document(path: Path, source_file: str, max_bytes: int = 50 * 1024 * 1024,
                  overrides: dict | None = None) -> Document:
    data = path.read_bytes()
    if not data:
        raise DocumentError("empty", f"{source_file} is empty (0 bytes).")
    text = data.decode("utf-8")
    return Document(hashlib.sha256(data).hexdigest(), source_file, "txt", "utf-8", len(data), text,
                    DocumentMeta())
