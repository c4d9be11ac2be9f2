"""Format readers: bytes in, a document body (lines and tables) out. They never execute or fetch.

Each reader raises DocumentError with a code and a reason a person can act on.
"""

from __future__ import annotations

import io
import re
import zipfile
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

# Zip bomb guard: no real .docx comes near these.
MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 5000
MAX_PDF_PAGES = 3000


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


def _check_xml_parts(zf: zipfile.ZipFile, source_file: str) -> None:
    """Office XML never needs a DTD: any DOCTYPE/ENTITY is an entity attack (XXE, billion laughs)."""
    for info in zf.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        try:
            raw = zf.read(info)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:  # CRC error, truncated member
            raise DocumentError("corrupt_docx", f"{source_file}: part {info.filename} is damaged ({exc}). "
                                "Re-save the document or supply a complete copy.") from exc
        if _DTD.search(raw):
            raise DocumentError("xml_entity", f"{source_file}: part {info.filename} declares a DTD or XML "
                                "entities, which Word never writes; refused to protect against external-entity "
                                "and entity-expansion attacks. Re-save the document from Word/WPS.")


def read_docx(data: bytes, source_file: str) -> list[Item]:
    """Paragraphs and real tables in document order (python-docx over a guarded zip)."""
    zf = _check_zip(data, source_file)
    _check_xml_parts(zf, source_file)
    if "word/document.xml" not in zf.namelist():
        raise DocumentError("corrupt_docx", f"{source_file} is a zip file without word/document.xml: not a "
                            "Word document. Supply the .docx itself.")
    import docx  # imported here: the import is slow and only .docx needs it
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:  # python-docx raises many types for a damaged package
        raise DocumentError("corrupt_docx", f"{source_file} could not be opened as a .docx ({type(exc).__name__}: "
                            f"{exc}). Re-save it from Word/WPS or supply a complete copy.") from exc

    def para_text(p) -> str:
        return Paragraph(p, document).text

    def cell_text(tc) -> str:
        # Nested tables and several paragraphs inside a cell become one cell's text.
        return "\n".join(para_text(p) for p in tc.iter(qn("w:p")))

    items: list[Item] = []
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            items.extend(para_text(child).split("\n"))
        elif child.tag == qn("w:tbl"):
            rows = []
            for tr in child.iterchildren(qn("w:tr")):
                row = []
                for tc in tr.iterchildren(qn("w:tc")):
                    vmerge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                    continued = vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue")
                    row.append("" if continued else cell_text(tc))
                rows.append(row)
            items.append(Table(rows))
        elif child.tag == qn("w:sdt"):  # content controls wrap ordinary paragraphs
            items.extend(para_text(p) for p in child.iter(qn("w:p")))
    return items


# ---------------------------------------------------------------- pdf

_PAGE_NUMBER = re.compile(r"^[-—–－\s·第页]*\d{1,4}[-—–－\s·页/共]*\d{0,4}[页\s—–－-]*$")


def read_pdf(data: bytes, source_file: str) -> list[Item]:
    """Text lines and ruled tables of a PDF with a text layer, in reading order per page."""
    import pdfplumber  # imported here: the import is slow and only PDFs need it
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    encrypted = b"/Encrypt" in data
    if b"%%EOF" not in data[-2048:]:
        # pdfminer would quietly read what is left of a truncated file; a partial document is worse.
        raise DocumentError("corrupt_pdf", f"{source_file} is truncated (no end-of-file marker): the download "
                            "or copy was cut short. Supply a complete copy.")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except PDFPasswordIncorrect as exc:
        raise DocumentError("encrypted_pdf", f"{source_file} is password-protected. Supply an unprotected copy "
                            "(print to PDF or remove the password).") from exc
    except Exception as exc:  # pdfminer raises many types for damaged files
        if encrypted:
            raise DocumentError("encrypted_pdf", f"{source_file} is encrypted and cannot be opened without its "
                                "password. Supply an unprotected copy.") from exc
        raise DocumentError("corrupt_pdf", f"{source_file} is not a readable PDF (damaged or truncated: "
                            f"{type(exc).__name__}). Supply a complete copy.") from exc
    if not pages:
        raise DocumentError("corrupt_pdf", f"{source_file} has no pages (damaged or truncated). Supply a "
                            "complete copy.")
    if len(pages) > MAX_PDF_PAGES:
        raise DocumentError("too_large", f"{source_file} has {len(pages)} pages, over the {MAX_PDF_PAGES}-page "
                            "limit. Split it or supply the relevant part.")
    items: list[Item] = []
    chars = images = 0
    fast = _pdfium_document(data)
    try:
        for number, page in enumerate(pages):
            quick = _pdfium_page(fast, number, page) if fast is not None else None
            if quick is not None:
                chars += quick[0]
                items.extend(quick[1])
            else:
                chars += len(page.chars)
                images += len(page.images)
                items.extend(_pdf_page(page))
            page.close()
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError("corrupt_pdf", f"{source_file} could not be read to the end ({type(exc).__name__}: "
                            f"{exc}); the file is probably damaged or truncated. Supply a complete copy.") from exc
    finally:
        pdf.close()
        if fast is not None:
            fast.close()
    if chars == 0:
        what = "scanned page images" if images else "no text"
        raise DocumentError("no_text_layer", f"{source_file} has {len(pages)} page(s) with {what} and no text "
                            "layer. Supply the original text document, or run OCR and supply the result.")
    return items


def _pdfium_document(data: bytes):
    """The same file opened by pdfium for its fast text layer, or None (pdfplumber then reads every page)."""
    try:
        import pypdfium2 as pdfium

        return pdfium.PdfDocument(data)
    except Exception:  # encrypted, damaged, or pdfium missing: the pdfplumber reader decides and explains
        return None


def _pdfium_page(fast, number: int, page) -> tuple[int, list[Item]] | None:
    """(characters, lines) of a page with plain horizontal text and no vector graphics, else None.

    pdfminer builds a Python object per character and pdfplumber a dict of every graphic attribute:
    ~40 µs a character. pdfium gives the characters' boxes in ~2 µs, and pdfplumber's own line
    builder (chars_to_textmap) turns them into the same lines. A page with drawn paths or forms may
    hold a ruled table, rotated or skewed text lays out differently: those go to pdfplumber whole.
    """
    import pypdfium2.raw as raw
    from pdfplumber.utils.text import chars_to_textmap

    try:
        fpage = fast[number]
    except Exception:
        return None
    try:
        if fpage.get_rotation() or any(o.type != raw.FPDF_PAGEOBJ_TEXT and o.type != raw.FPDF_PAGEOBJ_IMAGE
                                       for o in fpage.get_objects(max_depth=0)):
            return None
        box = tuple(page.bbox)
        width, height = float(page.width), float(page.height)
        if tuple(page.mediabox) != box or box[:2] != (0, 0) \
                or any(abs(a - b) > 0.01 for a, b in zip(fpage.get_mediabox(), box, strict=True)):
            return None  # offset or cropped boxes: pdfminer's coordinates would differ from pdfium's
        textpage = fpage.get_textpage()
        try:
            chars = _pdfium_chars(raw, textpage, height, page.initial_doctop)
        finally:
            textpage.close()
    finally:
        fpage.close()
    if chars is None or not chars:
        return None
    lines = chars_to_textmap(chars, layout_bbox=box, layout_width=width, layout_height=height) \
        .extract_text_lines(return_chars=False)
    return len(chars), [line["text"] for line in lines if not _PAGE_NUMBER.match(line["text"].strip())]


def _pdfium_chars(raw, textpage, height: float, doctop: float) -> list[dict] | None:
    """pdfplumber-style char dicts (x0, x1, top, bottom, doctop, upright, text), or None on rotated text."""
    rect = raw.FS_RECTF()
    handle = textpage.raw
    chars: list[dict] = []
    for i in range(raw.FPDFText_CountChars(handle)):
        if raw.FPDFText_IsGenerated(handle, i):
            continue  # pdfium's own spaces and line breaks: pdfplumber derives its own from geometry
        if raw.FPDFText_GetCharAngle(handle, i) != 0:
            return None
        code = raw.FPDFText_GetUnicode(handle, i)
        if not raw.FPDFText_GetLooseCharBox(handle, i, rect):
            return None
        top = height - rect.top
        chars.append({"text": chr(code), "x0": rect.left, "x1": rect.right, "top": top,
                      "bottom": height - rect.bottom, "doctop": doctop + top, "upright": True})
    return chars


def _pdf_page(page) -> list[Item]:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    placed: list[tuple[float, Item]] = []
    text_page = page.filter(outside) if boxes else page
    for line in text_page.extract_text_lines(return_chars=False):
        text = line["text"]
        if _PAGE_NUMBER.match(text.strip()):
            continue  # page furniture, not content
        placed.append((line["top"], text))
    for table in tables:
        rows = [["" if c is None else c for c in row] for row in table.extract()]
        placed.append((table.bbox[1], Table(rows)))
    placed.sort(key=lambda p: p[0])
    return [item for _, item in placed]


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

    def _flush(self) -> None:
        if self.tables:
            return
        text = "".join(self.line)
        self.line = []
        self.items.extend(text.split("\n") if text.strip() else [])

    def handle_starttag(self, tag, attrs):
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
    parser = _HtmlBody()
    parser.feed(text)
    parser.close()
    return parser.items


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)


def declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None
