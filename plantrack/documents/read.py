"""Reading one document file: format, encoding, canonical text, metadata, or a DocumentError."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from plantrack.documents.encoding import decode_text
from plantrack.documents.formats import (
    CONVERT_HINT,
    MAX_TEXT_CHARS,
    declared_charset,
    read_docx,
    read_html_page,
    sniff_format,
    too_much_text,
)
from plantrack.documents.metadata import apply_overrides, detect_metadata
from plantrack.documents.normalize import parse_plain, render, strip_markdown
from plantrack.documents.pdf import read_pdf
from plantrack.documents.reading_view import reading_view
from plantrack.model import Document, DocumentError

_DIGIT = re.compile(r"[0-9０-９]")


def read_document(path: Path, source_file: str, max_bytes: int = 50 * 1024 * 1024,
                  overrides: dict | None = None) -> Document:
    """Read a .txt/.md/.docx/.pdf/.html file into a Document, or raise DocumentError(code, reason)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError("too_large", f"{source_file} is {size / 2**20:.1f} MB, over the "
                                f"{max_bytes / 2**20:.0f} MB limit. Split it, or raise PLANTRACK_MAX_DOCUMENT_MB.")
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise DocumentError("unreadable", f"{source_file} could not be read ({exc.strerror}).") from exc
    if len(data) > max_bytes:  # the file grew while we looked
        raise DocumentError("too_large", f"{source_file} is over the {max_bytes / 2**20:.0f} MB limit.")
    if not data.strip():
        raise DocumentError("empty", f"{source_file} is empty ({len(data)} bytes, no text). Replace it with the "
                            "complete document.")
    return read_bytes(data, source_file, suffix=path.suffix.lower(), overrides=overrides)


def read_bytes(data: bytes, source_file: str, suffix: str, overrides: dict | None = None) -> Document:
    """The same as read_document for bytes already in memory (`suffix` like ".docx")."""
    fmt = sniff_format(data, suffix)
    encoding = None
    page: dict[str, str] = {}
    if fmt in ("txt", "md", "html"):
        decoded = decode_text(data, source_file, declared_charset(data) if fmt == "html" else None)
        encoding = decoded.encoding
        if fmt == "html":
            items, page = read_html_page(decoded.text)
        else:
            items = parse_plain(decoded.text)
            if fmt == "md":
                items = strip_markdown(items)
    elif fmt == "docx":
        items = read_docx(data, source_file, max_chars=MAX_TEXT_CHARS)
    elif fmt == "pdf":
        items = read_pdf(data, source_file)
    else:
        hint = CONVERT_HINT.get(suffix, "supply it as .txt, .md, .docx, .pdf (with a text layer) or .html")
        kind = {"ole": "a legacy Office (.doc/.xls/.wps) file", "zip": "a zip archive"}.get(fmt or "",
                                                                                            f"a {suffix or 'extensionless'} file")
        raise DocumentError("unsupported_format", f"{source_file} is {kind}, which plantrack does not read; {hint}.")
    text = render(items, force_wrapped=fmt == "pdf")
    if len(text) > MAX_TEXT_CHARS:  # what one document may produce, whatever its format
        raise too_much_text(source_file, MAX_TEXT_CHARS)
    if not text.strip():
        raise DocumentError("empty", f"{source_file} contains no text once read as {fmt}. Replace it with the "
                            "complete document.")
    if not _DIGIT.search(text):
        raise DocumentError("no_numbers", f"{source_file} contains no numbers at all, so it holds no targets or "
                            "values to extract. Check that it is the right document (not a cover page or notice).")
    meta = detect_metadata(text, page=page, file_name=source_file)
    try:
        meta = apply_overrides(meta, overrides)
    except ValueError as exc:
        raise DocumentError("bad_sidecar", f"metadata given for {source_file} is invalid: {exc}") from exc
    return Document(document_id=hashlib.sha256(data).hexdigest(), source_file=source_file, format=fmt,
                    encoding=encoding, size_bytes=len(data), text=text, meta=meta, view=reading_view(text))
