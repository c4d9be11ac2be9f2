"""Detecting the encoding of text files from their bytes (never from a label alone)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from plantrack.model import DocumentError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16"),
    (b"\xfe\xff", "utf-16-be", "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # utf-8 | utf-8-sig | utf-16 | gb18030


def plausibility(text: str) -> float:
    """Share of characters that occur in ordinary Chinese or Latin documents.

    A wrong decoding produces controls, private-use, Hangul, rare CJK extensions and the like.
    """
    if not text:
        return 0.0
    # one regex pass over the runs of other characters: a per-character loop was a third of reading a text
    bad = sum(len(run) for run in _IMPLAUSIBLE.findall(text))
    return (len(text) - bad) / len(text)


_IMPLAUSIBLE = re.compile(
    "[^\x20-\x7e\t\n\r\f\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u206f\u2160-\u24ff"
    "\u00a0-\u00ff\u2190-\u22ff\u25a0-\u25ff\u0391-\u03c9\u2e80-\u2fdf\ufe30-\ufe4f]+")


def _nul_parity(data: bytes) -> str | None:
    """UTF-16 without a BOM: the zero bytes of its ASCII characters sit on one parity only."""
    sample = data[: 1 << 16]
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if odd + even == 0:
        return None
    if odd >= 0.9 * (odd + even):
        return "utf-16-le"
    if even >= 0.9 * (odd + even):
        return "utf-16-be"
    return "mixed"


def decode_text(data: bytes, source_file: str, declared: str | None = None) -> Decoded:
    """Decode a text document, detecting UTF-8 (with or without BOM), UTF-16 and GB18030/GBK.

    `declared` (an HTML meta charset, a sidecar) is only a tie-breaker: a GBK file labelled UTF-8
    is still decoded as GBK, because the bytes decide.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec).lstrip("\ufeff"), name)
            except UnicodeDecodeError as exc:
                raise DocumentError("encoding", f"{source_file} starts with a {name} byte-order mark but "
                                    f"is not valid {name} ({exc.reason} at byte {exc.start}). Re-save it "
                                    "as UTF-8.") from exc
    parity = _nul_parity(data)
    if parity == "mixed":
        raise DocumentError("binary", f"{source_file} contains zero bytes in no text pattern: it looks like a "
                            "binary file, not text. Check that the file is really a text document.")
    if parity is not None:
        if len(data) % 2 == 0:
            try:
                text = data.decode(parity)
            except UnicodeDecodeError:
                text = ""
            if plausibility(text) >= 0.9:
                return Decoded(text, "utf-16")
        raise DocumentError("binary", f"{source_file} contains zero bytes but is not readable UTF-16 text: it "
                            "looks like a binary file. Check that the file is really a text document.")
    candidates: list[tuple[str, str]] = []
    try:
        candidates.append(("utf-8", data.decode("utf-8")))
    except UnicodeDecodeError:
        pass
    try:
        candidates.append(("gb18030", data.decode("gb18030")))
    except UnicodeDecodeError:
        pass
    if declared and not candidates:
        try:
            candidates.append((declared.lower(), data.decode(declared)))
        except (UnicodeDecodeError, LookupError):
            pass
    # Strict UTF-8 wins when plausible: GBK bytes almost never form valid UTF-8.
    for name, text in candidates:
        if plausibility(text) >= 0.9:
            return Decoded(text, name)
    # A few corrupted bytes in an otherwise UTF-8 file: keep the text, do not lose the document.
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad and bad <= max(3, len(text) // 10000) and plausibility(text) >= 0.95:
        return Decoded(text, "utf-8")
    if _control_share(data) > 0.05:
        raise DocumentError("binary", f"{source_file} is not text (it is mostly control bytes): it looks like "
                            "a binary file given a text extension. Check that the file is really a text document.")
    raise DocumentError("encoding", f"{source_file} is not valid UTF-8, UTF-16 or GB18030/GBK text. Re-save it "
                        "as UTF-8 (or supply the original document).")


def _control_share(data: bytes) -> float:
    sample = data[: 1 << 16]
    if not sample:
        return 0.0
    ctrl = sum(1 for b in sample if b < 0x20 and b not in (9, 10, 12, 13))
    return ctrl / len(sample)
