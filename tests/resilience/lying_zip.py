"""A .docx whose zip headers lie: a member declares a few KB and inflates to a GiB."""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib


@functools.lru_cache(maxsize=2)
def _deflate_zeros(total: int, chunk: int = 1 << 24) -> tuple[bytes, int]:
    """(raw deflate stream, crc32) of `total` spaces, built chunk by chunk (never held inflated)."""
    comp = zlib.compressobj(1, zlib.DEFLATED, -15)
    out, crc, block = [], 0, b" " * chunk
    left = total
    while left:
        piece = block[: min(chunk, left)]
        crc = zlib.crc32(piece, crc)
        out.append(comp.compress(piece))
        left -= len(piece)
    out.append(comp.flush())
    return b"".join(out), crc


def lying_docx(good_docx: bytes, member: str, inflated: int, declared: int = 4096) -> bytes:
    """`good_docx` with `member` replaced by `inflated` bytes whose headers declare `declared` bytes."""
    src = zipfile.ZipFile(io.BytesIO(good_docx))
    entries = [(i.filename, zlib.compress(src.read(i), 9)[2:-4], zlib.crc32(src.read(i)), i.file_size)
               for i in src.infolist() if i.filename != member]
    bomb, _ = _deflate_zeros(inflated)
    # a CRC of the declared prefix, as a careful forger would write
    entries.append((member, bomb, zlib.crc32(b" " * declared), declared))
    body, central = io.BytesIO(), io.BytesIO()
    for name, data, crc, size in entries:
        offset = body.tell()
        raw = name.encode()
        body.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(data), size, len(raw), 0))
        body.write(raw + data)
        central.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                                  len(raw), 0, 0, 0, 0, 0, offset))
        central.write(raw)
    cd = central.getvalue()
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(cd), body.tell(), 0)
    return body.getvalue() + cd + end
