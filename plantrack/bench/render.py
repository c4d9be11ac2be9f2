"""Rendering: a built document written as .txt (utf-8 or gb18030, sometimes soft-wrapped), .docx or .pdf.

The same document and random stream always give the same bytes (docx zip stamps and PDF dates fixed).
"""

from __future__ import annotations

import html
import io
import random
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from plantrack.bench.phrasing import Doc


def _table_text(rows: list[list[str]]) -> str:
    return "\n\n".join("\n".join("\t" + c for c in row) for row in rows)


def _wrap(text: str, width: int, rng: random.Random) -> str:
    """Soft line breaks every ~width characters and spaces around numbers, like a converted layout."""
    out = []
    for line in text.split("\n"):
        if line.startswith("\t") or len(line) <= width:
            out.append(line)
            continue
        out.extend(line[k:k + width] for k in range(0, len(line), width))
    return "\n".join(out)


def render_txt(doc: Doc, rng: random.Random) -> bytes:
    parts = [doc.title]
    for kind, body in doc.blocks:
        parts.append(_table_text(body) if kind == "table" else str(body))
    text = "\n\n".join(parts) + "\n" if rng.random() < 0.5 else "\n".join(
        p if not p.startswith("\t") else "\n" + p + "\n" for p in parts) + "\n"
    if doc.kind == "work_review" or rng.random() < 0.15:
        text = _wrap(text, rng.randint(14, 22), rng)
    encoding = "gb18030" if rng.random() < 0.2 else "utf-8"
    return text.encode(encoding)


def render_docx(doc: Doc, path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading(doc.title, level=1)
    for kind, body in doc.blocks:
        if kind == "table":
            rows = body  # type: ignore[assignment]
            table = d.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for k, cell in enumerate(row):
                    table.cell(r, k).text = cell
        else:
            d.add_paragraph(str(body))
    fixed = datetime(2024, 1, 1)
    d.core_properties.created = d.core_properties.modified = fixed
    buf = io.BytesIO()
    d.save(buf)
    # python-docx stamps every zip member with the current time: restamp so a seed gives fixed bytes
    src = zipfile.ZipFile(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=fixed.timetuple()[:6]), src.read(info),
                         compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(out.getvalue())


def render_pdf(doc: Doc, path: Path) -> None:
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    rl_config.invariant = 1  # no creation date or random document id: a seed gives fixed bytes
    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body_style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    title_style = ParagraphStyle("zh-title", parent=body_style, fontSize=16, leading=24)
    flow: list = [Paragraph(html.escape(doc.title), title_style), Spacer(1, 4 * mm)]
    for kind, body in doc.blocks:
        if kind == "table":
            table = Table(body)
            table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
                                       ("FONTSIZE", (0, 0), (-1, -1), 9),
                                       ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            flow += [table, Spacer(1, 3 * mm)]
        else:
            flow.append(Paragraph(html.escape(str(body)), body_style))
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm).build(flow)


RENDERERS: dict[str, Callable[[Doc, Path, random.Random], None]] = {
    "txt": lambda doc, path, rng: path.write_bytes(render_txt(doc, rng)),
    "docx": lambda doc, path, rng: render_docx(doc, path),
    "pdf": lambda doc, path, rng: render_pdf(doc, path),
}
