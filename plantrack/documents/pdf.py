"""PDF reader: the text lines and ruled tables of a PDF with a text layer, in reading order per page.

Two paths read a page to the same items: pdfium's fast text layer (`_pdfium_page`, used whenever the
page is upright text with straight rulings) and pdfplumber's own objects (`_pdf_page`, the reference
and the fallback). Both share the line builder and table finders below. It never executes or fetches.
"""

from __future__ import annotations

import io
import re
import struct

from plantrack.documents.normalize import Item, Table
from plantrack.model import DocumentError

MAX_PDF_PAGES = 3000

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
            try:
                quick = _pdfium_page(fast, number, page) if fast is not None else None
            except Exception:  # anything pdfium or the table finder trips on: pdfplumber reads the page
                quick = None
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
    """(characters, items) of a page of upright text, straight ruled lines and boxes, else None.

    pdfminer builds a Python object per character and pdfplumber a dict of every graphic attribute:
    ~40 µs a character. pdfium gives the characters' boxes in ~2 µs and the ruling's segments, and
    pdfplumber's own line builder (chars_to_textmap) and table finder turn them into the same lines
    and tables. Rotated or skewed text, curves, forms or shadings lay out differently: those pages
    go to pdfplumber whole.
    """
    import pypdfium2.raw as raw

    try:
        fpage = fast[number]
    except Exception:
        return None
    try:
        if fpage.get_rotation():
            return None
        box = tuple(page.bbox)
        height = float(page.height)
        if tuple(page.mediabox) != box or box[:2] != (0, 0) \
                or any(abs(a - b) > 0.01 for a, b in zip(fpage.get_mediabox(), box, strict=True)):
            return None  # offset or cropped boxes: pdfminer's coordinates would differ from pdfium's
        paths = []
        matrix = raw.FS_MATRIX()
        handle = fpage.raw
        get_object, get_type = raw.FPDFPage_GetObject, raw.FPDFPageObj_GetType
        # raw handles, not get_objects(): its wrapper object per page object cost more than the page's
        # chars on PDFs that switch font subsets every few glyphs (16 k objects on 68 pages)
        for i in range(raw.FPDFPage_CountObjects(handle)):
            obj = get_object(handle, i)
            kind = get_type(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                paths.append(obj)
            elif kind == raw.FPDF_PAGEOBJ_TEXT:
                # a char's angle is atan2(b, a) of its text object's matrix (no forms here): one call per
                # object instead of FPDFText_GetCharAngle per char
                if not raw.FPDFPageObj_GetMatrix(obj, matrix) or matrix.b != 0 or matrix.a < 0:
                    return None
            elif kind != raw.FPDF_PAGEOBJ_IMAGE:
                return None
        edges = _pdfium_edges(raw, paths, height, page.initial_doctop) if paths else []
        if edges is None:
            return None
        textpage = fpage.get_textpage()
        try:
            chars = _pdfium_chars(raw, textpage, height, page.initial_doctop)
        finally:
            textpage.close()
    finally:
        fpage.close()
    if chars is None or not chars:
        return None
    tables = _find_tables(chars, edges, box) if edges else []
    rows = None if tables else _line_rows(chars)  # both readers below group the page's chars the same way
    unruled = [] if tables else _unruled_tables(chars, rows)
    text_chars = chars
    if tables or unruled:  # text outside the tables, as pdfplumber's page.filter keeps it
        boxes = [t.bbox for t in tables] + [b for b, _ in unruled]
        text_chars = [c for c in chars if not any(b[0] <= (c["x0"] + c["x1"]) / 2 <= b[2]
                                                  and b[1] <= (c["top"] + c["bottom"]) / 2 <= b[3] for b in boxes)]
    placed: list[tuple[float, Item]] = [(top, text) for top, text in _text_lines(text_chars, rows if
                                                                                text_chars is chars else None)
                                        if not _PAGE_NUMBER.match(text.strip())]
    if not tables and not unruled:
        return len(chars), [text for _, text in placed]
    for table in tables:
        # Table.extract tests every char of its page against each row: rows x page chars. Every row lies
        # inside the table's box, so it gets only the chars whose middle is in the box (same order, same floats).
        x0, top, x1, bottom = table.bbox
        table.page = _PageGeometry([c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1
                                    and top <= (c["top"] + c["bottom"]) / 2 <= bottom], edges, box)
        rows = [["" if c is None else c for c in row] for row in table.extract()]
        placed.append((table.bbox[1], Table(rows)))
    placed += [(b[1], t) for b, t in unruled]
    placed.sort(key=lambda p: p[0])
    return len(chars), [item for _, item in placed]


_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


def _clusters(values, tolerance: float = 3) -> dict[float, int]:
    """pdfplumber's make_cluster_dict: sorted distinct values, a new cluster past `tolerance` from the last."""
    out: dict[float, int] = {}
    index = 0
    last = None
    for v in sorted(set(values)):
        if last is not None and v > last + tolerance:
            index += 1
        out[v] = index
        last = v
    return out


def _line_rows(chars: list[dict]) -> list[list[dict]]:
    """The chars clustered into lines by top (x tolerance 3), each line sorted by x0, lines top to bottom."""
    line_of = _clusters(c["top"] for c in chars)
    by_line: dict[int, list[dict]] = {}
    for c in chars:
        by_line.setdefault(line_of[c["top"]], []).append(c)
    return [sorted(by_line[key], key=lambda c: c["x0"]) for key in sorted(by_line)]


def _text_lines(chars: list[dict], rows: list[list[dict]] | None = None) -> list[tuple[float, str]]:
    """(top, text) of each line, exactly as pdfplumber's chars_to_textmap(...).extract_text_lines() gives
    them for upright characters with its default settings (x and y tolerance 3, no layout): characters
    clustered into lines by top, sorted by x0, split into words at gaps and whitespace, words regrouped
    by their top, joined with one space. The same rules without a dict per word and a regex per page.
    """
    if not chars:
        return []
    words: list[tuple[float, str]] = []  # (top, letters) in pdfplumber's order
    for row in rows if rows is not None else _line_rows(chars):
        word: list[dict] = []
        prev = None
        for c in row:
            text = c["text"]
            if text.isspace():
                if word:
                    words.append(_word(word))
                word, prev = [], None
            elif text == "":  # pdfplumber: "" is in split_at_punctuation="" -> a word of its own
                if word:
                    words.append(_word(word))
                words.append(_word([c]))
                word, prev = [], None
            elif prev is not None and (c["x0"] < prev["x0"] or c["x0"] > prev["x1"] + 3
                                       or abs(c["top"] - prev["top"]) > 3):
                words.append(_word(word))
                word, prev = [c], c
            else:
                word.append(c)
                prev = c
        if word:
            words.append(_word(word))
    if not words:
        return []
    line_of = _clusters(top for top, _ in words)
    out: list[tuple[float, str]] = []
    current = None
    parts: list[str] = []
    top: float | None = None
    length = 0

    def close() -> None:
        text = "".join(parts).strip(" ")
        if text.strip():
            out.append((top, text))

    for wtop, letters in words:
        cluster = line_of[wtop]
        if cluster != current:
            if current is not None:
                close()
            current, parts, top, length = cluster, [], None, 0
        if letters and (top is None or wtop < top):
            top = wtop  # the line's top is its lettered characters' (a "" character adds no letter)
        if length:
            parts.append(" ")
            length += 1
        parts.append(letters)
        length += len(letters)
    close()
    return out


def _word(chars: list[dict]) -> tuple[float, str]:
    return min(c["top"] for c in chars), "".join(_LIGATURES.get(c["text"], c["text"]) for c in chars)


class _PageGeometry:
    """What pdfplumber's TableFinder and Table.extract read from a page: its box, chars and edges."""

    def __init__(self, chars: list[dict], edges: list[dict], bbox: tuple) -> None:
        self.chars, self.edges, self.bbox = chars, edges, bbox


def _find_tables(chars: list[dict], edges: list[dict], bbox: tuple) -> list:
    from pdfplumber.table import TableFinder, TableSettings

    return TableFinder(_PageGeometry(chars, edges, bbox), TableSettings.resolve(None)).tables


def _f32(v: float) -> float:
    """The decimal a float32 was parsed from (pdfium stores 121.0773 as 121.07730102…; pdfminer keeps it)."""
    for digits in range(6, 10):
        d = float(f"{v:.{digits}g}")
        if struct.unpack("f", struct.pack("f", d))[0] == v:
            return d
    return v


def _pdfium_edges(raw, paths: list, height: float, doctop: float) -> list[dict] | None:
    """pdfplumber's page.edges for paths made of straight lines and axis-aligned boxes, else None.

    Mirrors pdfminer's paint_path (one subpath per moveto; two points make a line, four corners
    closed back to the start make a rectangle) and pdfplumber's line_to_edge / rect_to_edges, in
    pdfplumber's order (every line, then every rectangle's four edges).
    """
    import ctypes

    matrix = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    lines: list[dict] = []
    rects: list[dict] = []

    def shape(pts: list[tuple[float, float]], kind: str) -> dict:
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
        top = height - y1
        return {"object_type": kind, "x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": x1 - x0,
                "height": y1 - y0, "top": top, "bottom": height - y0, "doctop": doctop + top}

    for handle in paths:
        if not raw.FPDFPageObj_GetMatrix(handle, matrix) or matrix.b != 0 or matrix.c != 0:
            return None  # rotated or skewed drawing
        a, d, e, f = (_f32(v) for v in (matrix.a, matrix.d, matrix.e, matrix.f))
        subpaths: list[tuple[list[tuple[float, float]], bool]] = []
        for i in range(raw.FPDFPath_CountSegments(handle)):
            seg = raw.FPDFPath_GetPathSegment(handle, i)
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_BEZIERTO or not raw.FPDFPathSegment_GetPoint(seg, x, y):
                return None
            point = (a * _f32(x.value) + e, d * _f32(y.value) + f)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                subpaths.append(([point], False))
            elif kind == raw.FPDF_SEGMENT_LINETO and subpaths:
                subpaths[-1][0].append(point)
            else:
                return None
            if raw.FPDFPathSegment_GetClose(seg):
                if not subpaths:
                    return None
                subpaths[-1] = (subpaths[-1][0], True)
        for pts, closed in subpaths:
            if closed and pts[-1] != pts[0]:
                pts = [*pts, pts[0]]
            if len(pts) == 2 or len(pts) == 3 and closed and pts[2] == pts[0]:
                line = shape(pts[:2], "line")
                line["orientation"] = "h" if line["top"] == line["bottom"] else "v"
                lines.append(line)
            elif len(pts) == 5 and pts[4] == pts[0] and (
                    pts[0][0] == pts[1][0] and pts[1][1] == pts[2][1] and pts[2][0] == pts[3][0]
                    and pts[3][1] == pts[0][1] or pts[0][1] == pts[1][1] and pts[1][0] == pts[2][0]
                    and pts[2][1] == pts[3][1] and pts[3][0] == pts[0][0]):
                rect = shape(pts, "rect")
                rects += [
                    {**rect, "object_type": "rect_edge", "height": 0, "y0": rect["y1"], "bottom": rect["top"],
                     "orientation": "h"},
                    {**rect, "object_type": "rect_edge", "height": 0, "y1": rect["y0"],
                     "top": rect["top"] + rect["height"], "doctop": rect["doctop"] + rect["height"],
                     "orientation": "h"},
                    {**rect, "object_type": "rect_edge", "width": 0, "x1": rect["x0"], "orientation": "v"},
                    {**rect, "object_type": "rect_edge", "width": 0, "x0": rect["x1"], "orientation": "v"},
                ]
            else:
                return None  # a curve or polygon: pdfplumber's own reading decides
    return lines + rects


_RECT = struct.Struct("4f").unpack_from  # FS_RECTF: left, top, right, bottom


def _pdfium_chars(raw, textpage, height: float, doctop: float) -> list[dict] | None:
    """pdfplumber-style char dicts (x0, x1, top, bottom, doctop, upright, text) of an upright page.

    One pdfium call a char (~1 µs through ctypes, most of the reading of a PDF): its box; the page's
    text comes in one call. pdfium generates only spaces and line breaks, so only whitespace is asked
    whether it is one.
    """
    rect = raw.FS_RECTF()
    handle = textpage.raw
    box, generated = raw.FPDFText_GetLooseCharBox, raw.FPDFText_IsGenerated
    count = raw.FPDFText_CountChars(handle)
    page_text = _page_text(raw, handle, count)
    chars: list[dict] = []
    append = chars.append
    for i in range(count):
        text = page_text[i] if page_text is not None else chr(raw.FPDFText_GetUnicode(handle, i))
        if text.isspace() and generated(handle, i):
            continue  # pdfium's own spaces and line breaks: pdfplumber derives its own from geometry
        if not box(handle, i, rect):
            return None
        left, rect_top, right, rect_bottom = _RECT(rect)  # one unpack, not four ctypes field reads
        top = height - rect_top
        append({"text": text, "x0": left, "x1": right, "top": top,
                "bottom": height - rect_bottom, "doctop": doctop + top, "upright": True})
    return chars


def _page_text(raw, handle, count: int) -> str | None:
    """The text page's characters in one call, one per char index; None when pdfium's text leaves out
    or adds a character (a NUL or control code it skips), so that indices would not line up, or writes
    U+FFFE (its text for a hyphen marker whose code is \x02: the per-char reading keeps the code)."""
    import ctypes

    if count <= 0:
        return None
    buffer = (ctypes.c_ushort * (2 * count + 1))()  # UTF-16: at most two units a char, and a NUL
    written = raw.FPDFText_GetText(handle, 0, count, buffer)
    text = bytes(memoryview(buffer).cast("B")[:2 * max(written - 1, 0)]).decode("utf-16-le", "surrogatepass")
    if len(text) != count or "\ufffe" in text \
            or raw.FPDFText_GetTextIndexFromCharIndex(handle, count - 1) != count - 1:
        return None
    return text


def _pdf_page(page) -> list[Item]:
    tables = page.find_tables()
    unruled = [] if tables else _unruled_tables(page.chars)
    boxes = [t.bbox for t in tables] + [b for b, _ in unruled]

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
    placed += [(b[1], t) for b, t in unruled]
    placed.sort(key=lambda p: p[0])
    return [item for _, item in placed]


def _unruled_tables(chars: list[dict], rows: list[list[dict]] | None = None
                    ) -> list[tuple[tuple[float, float, float, float], Table]]:
    """(bbox, table) of each table drawn without ruling lines: a run of at least three lines that each
    break into three or more cells at gaps wider than most of a character, whose cells fall into the
    same columns, and most of whose rows hold a number. Prose runs on without such gaps (a space is a
    quarter of a character), so it never forms one."""
    if len(chars) < 9:
        return []
    sizes = sorted(c["bottom"] - c["top"] for c in chars if not c["text"].isspace())
    if not sizes:
        return []
    gap = 0.8 * sizes[len(sizes) // 2]
    lines = []  # (top, bottom, cells as (x0, x1, text))
    for line in rows if rows is not None else _line_rows(chars):
        row = [c for c in line if not c["text"].isspace()]  # (sorting is stable: filtering after it is the same)
        if not row:
            continue
        cells: list[list[dict]] = [[row[0]]]
        for prev, c in zip(row, row[1:], strict=False):
            if c["x0"] - prev["x1"] > gap:
                cells.append([c])
            else:
                cells[-1].append(c)
        lines.append((min(c["top"] for c in row), max(c["bottom"] for c in row),
                      [(cell[0]["x0"], cell[-1]["x1"], "".join(x["text"] for x in cell)) for cell in cells]))
    out = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(lines[j][2]) >= 3:
            j += 1
        run = lines[i:j]
        if len(run) >= 3:
            table = _columns(run)
            if table is not None:
                out.append(((min(x[0] for _, _, cells in run for x in cells), run[0][0],
                             max(x[1] for _, _, cells in run for x in cells), run[-1][1]), table))
        i = max(j, i + 1)
    return out


def _columns(run: list[tuple[float, float, list[tuple[float, float, str]]]]) -> Table | None:
    """The run as a table when its cells fall into the columns of its widest row, else None."""
    widest = max(run, key=lambda r: len(r[2]))[2]
    anchors = [(x0, x1) for x0, x1, _ in widest]
    rows = []
    for _, _, cells in run:
        row = [""] * len(anchors)
        for x0, x1, text in cells:
            overlap = [min(x1, b) - max(x0, a) for a, b in anchors]
            k = max(range(len(anchors)), key=lambda n: overlap[n])
            if overlap[k] <= 0 or row[k]:
                return None  # a cell between columns or two in one: not a grid
            row[k] = text
        rows.append(row)
    if sum(any(ch.isdigit() for ch in "".join(r[1:])) for r in rows) * 2 < len(rows):
        return None
    return Table(rows)
