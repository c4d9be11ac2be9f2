"""Pages with ruled tables are read through pdfium too: same lines and tables as pdfplumber alone.

pdfium's path objects are rebuilt into pdfplumber's edges (lines, boxes) and pdfplumber's own table
finder runs on pdfium's characters. Anything else drawn (curves, rotated text) goes to pdfplumber.
"""

from __future__ import annotations

import io
import random

import pdfplumber
import pytest
from pdfplumber.utils.text import chars_to_textmap

import plantrack.documents.pdf as pdf_reader
from plantrack.documents.pdf import _pdf_page, _text_lines, read_pdf

ROWS = [["指标", "单位", "2023年", "2028年"], ["规上工业总产值", "亿元", "1250", "2000"],
        ["研发投入强度", "%", "2.1", "≥3"], ["数字经济核心产业增加值", "亿元", "980", "3500"]]


def _pdfplumber_only(data: bytes) -> list:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [item for page in pdf.pages for item in _pdf_page(page)]


def _canvas(path, draw) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("STSong-Light", 11)
    c.drawString(72, 780, "一、主要目标")
    c.drawString(72, 760, "到2028年，全市规模以上工业增加值年均增长7%左右。")
    draw(c)
    c.drawString(72, 300, "二、保障措施")
    c.drawString(72, 280, "各区县要建立工作推进机制，确保目标任务落实。")
    c.showPage()
    c.save()
    return path.read_bytes()


def _cells(c, stroke_boxes: bool = True, fill: bool = False) -> None:
    x0, top, widths, height = 72, 700, [150, 60, 80, 80], 24
    for r, row in enumerate(ROWS):
        x = x0
        for k, text in enumerate(row):
            y = top - r * height
            if fill and r == 0:
                c.setFillGray(0.85)
                c.rect(x, y, widths[k], height, stroke=0, fill=1)
                c.setFillGray(0)
            if stroke_boxes:
                c.rect(x, y, widths[k], height, stroke=1, fill=0)
            c.drawString(x + 4, y + 8, text)
            x += widths[k]


def _grid_lines(c) -> None:
    x0, top, widths, height = 72, 724, [150, 60, 80, 80], 24
    xs = [x0 + sum(widths[:k]) for k in range(len(widths) + 1)]
    ys = [top - r * height for r in range(len(ROWS) + 1)]
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for r, row in enumerate(ROWS):
        for k, text in enumerate(row):
            c.drawString(xs[k] + 4, ys[r] - 16, text)


def _no_pdfplumber_pages(monkeypatch) -> None:
    def slow(page):
        raise AssertionError("a page went to pdfplumber's character parser")

    monkeypatch.setattr(pdf_reader, "_pdf_page", slow)


def _scaled_grid(c) -> None:
    c.saveState()
    c.translate(10, -20)
    c.scale(0.9, 1.1)
    _grid_lines(c)
    c.restoreState()


@pytest.mark.parametrize("draw", [
    pytest.param(lambda c: _cells(c), id="boxes"),
    pytest.param(lambda c: _cells(c, fill=True), id="filled-header-and-boxes"),
    pytest.param(_grid_lines, id="lines"),
    pytest.param(_scaled_grid, id="scaled-and-moved-lines"),
])
def test_ruled_tables_read_through_pdfium_as_pdfplumber_reads_them(tmp_path, monkeypatch, draw):
    data = _canvas(tmp_path / "t.pdf", draw)
    expected = _pdfplumber_only(data)
    assert any(isinstance(item, pdf_reader.Table) for item in expected)
    _no_pdfplumber_pages(monkeypatch)
    assert read_pdf(data, "t.pdf") == expected


def test_curves_and_rotated_text_go_to_pdfplumber(tmp_path):
    def curve(c):
        _grid_lines(c)
        c.circle(400, 400, 30)

    def rotated(c):
        _grid_lines(c)
        c.saveState()
        c.translate(500, 400)
        c.rotate(90)
        c.drawString(0, 0, "旋转的文字")
        c.restoreState()

    for draw in (curve, rotated):
        data = _canvas(tmp_path / "t.pdf", draw)
        calls = []

        def counting(page, calls=calls):
            calls.append(page)
            return _pdf_page(page)

        original_pdf_page = pdf_reader._pdf_page
        pdf_reader._pdf_page = counting
        try:
            assert read_pdf(data, "t.pdf") == _pdfplumber_only(data)
        finally:
            pdf_reader._pdf_page = original_pdf_page
        assert calls, draw.__name__


def test_text_lines_are_pdfplumbers_lines():
    rnd = random.Random(8)
    for _ in range(2000):
        chars = []
        for _ in range(rnd.randint(0, 50)):
            x0 = rnd.choice([rnd.uniform(0, 500), rnd.randint(0, 50) * 5.0])
            top = rnd.choice([rnd.uniform(0, 50), rnd.randint(0, 10) * 2.5])
            width = rnd.choice([0, 1, 5, 10, 11.5])
            chars.append({"text": rnd.choice(["甲", "a", "1", " ", "\u3000", "ﬁ", ""]), "x0": x0, "x1": x0 + width,
                          "top": top, "bottom": top + 10, "doctop": top + 100, "upright": True})
        lines = chars_to_textmap(chars, layout_bbox=(0, 0, 600, 800), layout_width=600, layout_height=800) \
            .extract_text_lines(return_chars=False)
        assert _text_lines(chars) == [(x["top"], x["text"]) for x in lines]


def test_docx_paragraph_text_follows_python_docx(tmp_path):
    """read_docx reads runs directly; the text is python-docx's Paragraph.text (tabs, breaks, hyperlinks)."""
    import docx
    from docx.oxml.parser import parse_xml
    from docx.text.paragraph import Paragraph

    from plantrack.documents.formats import read_docx

    d = docx.Document()
    p = d.add_paragraph("到2028年，")
    run = p.add_run("规上工业总产值")
    run.add_tab()
    run.add_text("达到2000亿元")
    run.add_break()
    p.add_run("第二行").add_break(docx.enum.text.WD_BREAK.PAGE)
    p._p.append(parse_xml(
        '<w:hyperlink xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId99">'
        '<w:r><w:t>链接文字</w:t></w:r><w:r><w:noBreakHyphen/><w:t xml:space="preserve"> 尾 </w:t></w:r></w:hyperlink>'))
    d.add_paragraph("研发投入强度≥3%。")
    path = tmp_path / "p.docx"
    d.save(path)
    reopened = docx.Document(path)
    expected = [line for q in reopened.paragraphs for line in Paragraph(q._p, reopened).text.split("\n")]
    assert read_docx(path.read_bytes(), "p.docx") == expected
    assert "链接文字- 尾 " in "".join(expected)
