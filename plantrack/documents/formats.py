"""Format readers: bytes in, a document body (lines and tables) out. They never execute or fetch.

Format sniffing, .docx (with its zip-bomb guard) and .html live here; PDFs in `pdf.py`.

Each reader raises DocumentError with a code and a reason a person can act on.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from html.parser import HTMLParser

from plantrack.documents.normalize import Item, Table, join_fragments
from plantrack.model import DocumentError

TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
HTML_SUFFIXES = {".html": "html", ".htm": "html", ".xhtml": "html"}
CONVERT_HINT = {
    ".doc": "save it as .docx", ".wps": "save it as .docx", ".rtf": "save it as .docx",
    ".xls": "save the tables as .docx or .html", ".xlsx": "save the tables as .docx or .html",
    ".ofd": "export it as PDF with a text layer", ".jpg": "use the original text document",
    ".png": "use the original text document",
}

# Zip bomb guard: no real .docx comes near these. Only the XML parts are ever inflated (media are
# never read), through a reader that stops at MAX_UNCOMPRESSED whatever the headers declare: a
# reading worker holds the file, one INFLATE_CHUNK of XML and the body's current block.
MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 5000
INFLATE_CHUNK = 1 << 20
_CHECK_CHUNK = 1 << 16  # parts only checked: small pieces, reused memory


def sniff_format(data: bytes, suffix: str) -> str | None:
    """The format from the content's magic bytes first (a renamed file is still what it is)."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if suffix == ".docx" or b"word/" in data[:65536] else "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # legacy .doc/.xls/.wps container
    if suffix in TEXT_SUFFIXES:
        return TEXT_SUFFIXES[suffix]
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix == ".docx":
        return "docx"
    if suffix == ".pdf":
        return "pdf"
    return None


# ---------------------------------------------------------------- docx

def _check_zip(data: bytes, source_file: str) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError("corrupt_docx", f"{source_file} is not a readable .docx (the zip container is "
                            f"damaged or truncated: {exc}). Re-save it from Word/WPS or supply a complete "
                            "copy.") from exc
    total = sum(i.file_size for i in infos)
    worst = max((i.file_size / max(i.compress_size, 1) for i in infos if i.file_size > 1 << 20), default=0)
    if len(infos) > MAX_MEMBERS or total > MAX_UNCOMPRESSED or worst > MAX_RATIO:
        raise DocumentError("zip_bomb", f"{source_file} would expand to {total / 2**20:.0f} MB in {len(infos)} "
                            f"parts (compression ratio up to {worst:.0f}:1): refused as a zip bomb. A real "
                            "document does not do this; supply the original file.")
    return zf


# Any case, in UTF-8 or UTF-16 (re.I folds ASCII letters only, as bytes.upper does): one pass per part.
_DTD = re.compile(b"|".join(re.escape(m) for m in (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"),
                                                     "<!ENTITY".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))),
                  re.I)


def _has_dtd(raw: bytes) -> bool:
    # every marker opens with "<!" in UTF-8 or "<\0!" in UTF-16: the regex (slow, case-folding) only runs
    # on a part that has one. "!" is rare in XML and "<" is everywhere: memchr for "!" first.
    return b"!" in raw and (b"<!" in raw or b"<\x00!" in raw) and _DTD.search(raw) is not None


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def _bomb(source_file: str, detail: str) -> DocumentError:
    return DocumentError("zip_bomb", f"{source_file}: {detail}; refused as a zip bomb without inflating the rest. "
                         "A real document does not do this; supply the original file.")


def _check_xml_parts(zf: zipfile.ZipFile, data: bytes, source_file: str, limit: int = MAX_UNCOMPRESSED,
                     skip: tuple[str, ...] = ()) -> None:
    """Every XML part inflated piece by piece and dropped, checked: its declared size and CRC, and no DTD
    (Office XML never needs one: a DOCTYPE/ENTITY is an entity attack); `limit` bytes in all.

    Not zipfile.read(): it inflates a member in one call and only then cuts it to the declared size,
    so a member declaring 4 KB that inflates to 1 GiB costs 1 GiB and half a minute. Nothing is kept:
    a .docx's styles alone are ~800 KB of XML that is checked and never read.
    """
    total = 0
    for info in zf.infolist():
        if not _is_xml(info.filename) or info.filename in skip:
            continue
        try:
            reader = _PartReader(data, info, source_file, chunk=_CHECK_CHUNK)
            while not reader.done:
                total += len(reader.next_chunk())
                if total > limit:
                    raise _bomb(source_file, f"its XML parts inflate to more than {limit / 2**20:.0f} MB "
                                f"(stopped at {info.filename})")
        except (zipfile.BadZipFile, zlib.error, struct.error) as exc:
            raise DocumentError("corrupt_docx", f"{source_file}: part {info.filename} is damaged ({exc}). "
                                "Re-save the document or supply a complete copy.") from exc


def _raw_member(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """A member's compressed bytes, located through its local header (bounded by the file itself)."""
    if info.flag_bits & 0x1:
        raise zipfile.BadZipFile("the part is encrypted")
    at = info.header_offset
    if data[at:at + 4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("no local header where the directory points")
    name_len, extra_len = struct.unpack("<HH", data[at + 26:at + 30])
    start = at + 30 + name_len + extra_len
    raw = data[start:start + info.compress_size]
    if len(raw) != info.compress_size:
        raise zipfile.BadZipFile("truncated")
    return raw


BODY_PART = "word/document.xml"
# What one document may produce, whatever its file holds: text beyond this is refused with a reason
# (the longest real plan is well under 1 M characters; 8 M is ~16 MB in a Python str).
MAX_TEXT_CHARS = 8_000_000


def too_much_text(source_file: str, limit: int = MAX_TEXT_CHARS) -> DocumentError:
    return DocumentError("too_much_text", f"{source_file} holds more than {limit:,} characters of text, "
                         "far beyond any plan or release; refused so one file cannot exhaust a reading worker. "
                         "Split it into its real documents.")


def read_docx(data: bytes, source_file: str, max_chars: int = MAX_TEXT_CHARS) -> list[Item]:
    """Paragraphs and real tables in document order, streamed from word/document.xml.

    The zip is guarded (sizes, ratios, DTDs); every other XML part is inflated only to be checked,
    then dropped. The body is parsed incrementally (lxml iterparse) one top-level block at a time, so
    a worker holds the file, one block and one inflate chunk, never the whole XML tree (200 MB of
    XML once took 4.3 GB through python-docx); text beyond `max_chars` is refused.
    """
    zf = _check_zip(data, source_file)
    infos = {i.filename: i for i in zf.infolist()}
    if BODY_PART not in infos:
        raise DocumentError("corrupt_docx", f"{source_file} is a zip file without {BODY_PART}: not a "
                            "Word document. Supply the .docx itself.")
    body_size = infos[BODY_PART].file_size
    _check_xml_parts(zf, data, source_file, limit=MAX_UNCOMPRESSED - body_size, skip=(BODY_PART,))
    from lxml import etree

    reader = _PartReader(data, infos[BODY_PART], source_file)
    items: list[Item] = []
    produced = 0
    try:
        # only the blocks' end events reach Python (the filter runs in libxml2): not one per run
        for _event, el in etree.iterparse(reader, events=("end",), tag=(_W_P, _W_TBL, _W_SDT),
                                          resolve_entities=False, no_network=True, load_dtd=False,
                                          huge_tree=False, remove_comments=True):
            parent = el.getparent()
            if parent is None or parent.tag != _W_BODY:
                continue
            block = _block_items(el)
            produced += sum(len(i) if isinstance(i, str) else sum(len(c) for r in i.rows for c in r)
                            for i in block)
            if produced > max_chars:
                raise too_much_text(source_file, max_chars)
            items.extend(block)
            parent.remove(el)  # the block is read: free it (and everything inside it)
    except DocumentError:
        raise
    except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, struct.error) as exc:
        raise DocumentError("corrupt_docx", f"{source_file} could not be opened as a .docx "
                            f"({type(exc).__name__}: {exc}). Re-save it from Word/WPS or supply a complete "
                            "copy.") from exc
    return items


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


_W_BODY, _W_P, _W_TBL, _W_SDT, _W_R, _W_HYPERLINK = (_w(t) for t in ("body", "p", "tbl", "sdt", "r", "hyperlink"))
_W_TR, _W_TC, _W_TCPR, _W_VMERGE, _W_VAL, _W_TYPE = (_w(t) for t in ("tr", "tc", "tcPr", "vMerge", "val", "type"))
_W_T, _W_BR = _w("t"), _w("br")
# a run's text children, as python-docx renders them (CT_Text, CT_Br, CT_Cr, CT_NoBreakHyphen, CT_PTab, tab)
_RUN_PARTS = {_W_T: None, _W_BR: None, _w("cr"): "\n", _w("noBreakHyphen"): "-", _w("ptab"): "\t",
              _w("tab"): "\t"}


def _run_text(r) -> str:
    out = []
    for e in r.iterchildren(*_RUN_PARTS):
        if e.tag == _W_T:
            out.append(e.text or "")
        elif e.tag == _W_BR:
            out.append("\n" if e.get(_W_TYPE, "textWrapping") == "textWrapping" else "")
        else:
            out.append(_RUN_PARTS[e.tag])
    return "".join(out)


def _para_text(p) -> str:
    # the text of its w:r and w:hyperlink children (a hyperlink's is its runs')
    return "".join(_run_text(c) if c.tag == _W_R else "".join(_run_text(r) for r in c.iterchildren(_W_R))
                   for c in p.iterchildren(_W_R, _W_HYPERLINK))


def _cell_text(tc) -> str:
    # Nested tables and several paragraphs inside a cell become one cell's text.
    return "\n".join(_para_text(p) for p in tc.iter(_W_P))


def _block_items(child) -> list[Item]:
    if child.tag == _W_P:
        return _para_text(child).split("\n")
    if child.tag == _W_TBL:
        rows = []
        for tr in child.iterchildren(_W_TR):
            row = []
            for tc in tr.iterchildren(_W_TC):
                vmerge = tc.find(f"{_W_TCPR}/{_W_VMERGE}")
                continued = vmerge is not None and vmerge.get(_W_VAL) in (None, "continue")
                row.append("" if continued else _cell_text(tc))
            rows.append(row)
        return [Table(rows)]
    if child.tag == _W_SDT:  # content controls wrap ordinary paragraphs
        return [_para_text(p) for p in child.iter(_W_P)]
    return []


class _PartReader(io.RawIOBase):
    """One zip member as a file, inflated INFLATE_CHUNK at a time, for lxml's incremental parser.

    Refuses (as the zip-bomb guard does) a part inflating past its declared size, checks the CRC at
    the end, and refuses a DTD or entity declaration on the way (scanned chunk by chunk).
    """

    def __init__(self, data: bytes, info: zipfile.ZipInfo, source_file: str, chunk: int = INFLATE_CHUNK) -> None:
        self._info, self._source, self._chunk = info, source_file, chunk
        self._pending = _raw_member(data, info)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise DocumentError("corrupt_docx", f"{source_file}: part {info.filename} uses compression method "
                                f"{info.compress_type}, not one Word writes. Re-save the document.")
        self._inflater = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type == zipfile.ZIP_DEFLATED else None
        self._buffer = b""
        self._size = 0
        self._crc = 0
        self._tail = b""
        self._at = 0
        self.done = False

    def readable(self) -> bool:
        return True

    def next_chunk(self) -> bytes:
        if self._inflater is None:  # stored: an offset, not the rest cut off and copied each time
            piece = self._pending[self._at:self._at + self._chunk]
            self._at += len(piece)
            ended = self._at >= len(self._pending)
        else:
            piece = self._inflater.decompress(self._pending, self._chunk)
            self._pending = self._inflater.unconsumed_tail
            ended = self._inflater.eof or not (self._pending or piece)
        self._size += len(piece)
        if self._size > self._info.file_size:
            raise _bomb(self._source, f"part {self._info.filename} inflates beyond the {self._info.file_size} "
                        "bytes its header declares")
        self._crc = zlib.crc32(piece, self._crc)
        # the piece, and a marker across its start (markers are under 32 bytes): no copy of the piece
        if _has_dtd(piece) or _has_dtd(self._tail + piece[:32]):
            raise DocumentError("xml_entity", f"{self._source}: part {self._info.filename} declares a DTD or "
                                "XML entities, which Word never writes; refused to protect against external-entity "
                                "and entity-expansion attacks. Re-save the document from Word/WPS.")
        self._tail = (self._tail + piece)[-32:] if len(piece) < 32 else piece[-32:]
        if ended:
            self.done = True
            if self._size != self._info.file_size or self._crc != self._info.CRC:
                raise zipfile.BadZipFile(f"part {self._info.filename}: {self._size} of {self._info.file_size} "
                                         "bytes, or a bad CRC")
        return piece

    def read(self, n: int = -1) -> bytes:
        while not self.done and (n < 0 or len(self._buffer) < n):
            self._buffer += self.next_chunk()
        if n < 0:
            out, self._buffer = self._buffer, b""
        else:
            out, self._buffer = self._buffer[:n], self._buffer[n:]
        return out


# ---------------------------------------------------------------- html

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header",
          "footer", "blockquote", "pre", "dd", "dt", "dl", "hr", "main", "nav", "aside", "figure",
          "figcaption", "address", "center", "form", "fieldset", "caption", "br"}
_DROPPED = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "head",
            "select", "button", "canvas", "applet"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "wbr", "source", "track", "param"}


class _HtmlBody(HTMLParser):
    """Text of an HTML page as lines and tables. Scripts and styles are dropped, never run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[Item] = []
        self.line: list[str] = []
        self.skip = 0
        self.tables: list[dict] = []  # a stack: tables can nest
        # what the page says about itself in its <head>: <meta name=…> (lower-cased name -> content)
        # and the <title> text (key "<title>")
        self.page: dict[str, str] = {}
        self._in_title = False

    def _flush(self) -> None:
        if self.tables:
            return
        text = "".join(self.line)
        self.line = []
        self.items.extend(text.split("\n") if text.strip() else [])

    def handle_starttag(self, tag, attrs):
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            name, content = a.get("name", "").strip().lower(), a.get("content", "").strip()
            if name and content and name not in self.page:
                self.page[name] = content
            return
        if tag == "title" and "<title>" not in self.page:
            self._in_title = True
            self.page["<title>"] = ""
            return
        if tag in _DROPPED:
            if tag not in _VOID:
                self.skip += 1
            return
        if self.skip:
            return
        if tag == "table":
            if self.tables and self.tables[-1]["cell"] is not None:
                self.tables[-1]["cell"].append("\n")  # a nested table flattens into its cell
                self.tables.append({"rows": [], "cell": None, "nested": True})
                return
            self._flush()
            self.tables.append({"rows": [], "cell": None, "nested": False})
        elif self.tables and tag == "tr":
            self.tables[-1]["rows"].append([])
        elif self.tables and tag in ("td", "th"):
            t = self.tables[-1]
            if not t["rows"]:
                t["rows"].append([])
            t["cell"] = []
        elif tag in _BLOCK:
            self._newline()

    def _newline(self) -> None:
        if self.tables:
            cell = self.tables[-1]["cell"]
            if cell is not None:
                cell.append("\n")
        else:
            self._flush()

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
            return
        if tag in _DROPPED:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if self.tables and tag in ("td", "th"):
            self._close_cell()
        elif tag == "table" and self.tables:
            self._close_cell()
            t = self.tables.pop()
            text_rows = t["rows"]
            if t["nested"] and self.tables:
                outer = self.tables[-1]["cell"]
                if outer is not None:
                    outer.append("\n".join(" ".join(r) for r in text_rows))
                return
            self.items.append(Table(text_rows))
        elif tag in _BLOCK:
            self._newline()

    def _close_cell(self) -> None:
        t = self.tables[-1]
        if t["cell"] is not None:
            t["rows"][-1].append(join_fragments("".join(t["cell"]).split("\n")))
            t["cell"] = None

    def handle_data(self, data):
        if self._in_title:
            self.page["<title>"] += data
            return
        if self.skip:
            return
        data = re.sub(r"[\r\n\t]+", " ", data)  # in HTML, source line breaks are spaces
        if self.tables:
            cell = self.tables[-1]["cell"]
            if cell is not None:
                cell.append(data)
        else:
            self.line.append(data)

    def close(self):
        super().close()
        while self.tables:
            self.handle_endtag("table")
        self._flush()


def read_html(text: str) -> list[Item]:
    return read_html_page(text)[0]


def read_html_page(text: str) -> tuple[list[Item], dict[str, str]]:
    """The page's text as lines and tables, and what its <head> says about it: <meta name=…> (name
    lower-cased -> content; ArticleTitle, PubDate, ContentSource, SiteName, ColumnName …) and "<title>"."""
    parser = _HtmlBody()
    parser.feed(text)
    parser.close()
    page = {k: re.sub(r"\s+", " ", v).strip() for k, v in parser.page.items()}
    return parser.items, {k: v for k, v in page.items() if v}


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)


def declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None
