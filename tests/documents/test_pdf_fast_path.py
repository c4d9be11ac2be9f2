"""PDF pages without drawn graphics are read through pdfium: the text is what pdfplumber alone reads."""

from __future__ import annotations

import io

import pdfplumber

from plantrack.documents.pdf import _pdf_page, read_pdf
from tests.documents.builders import Content, write_pdf


def _pdfplumber_only(data: bytes) -> list:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [item for page in pdf.pages for item in _pdf_page(page)]


def _text_only_pdf(path, lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph(x, style) for x in lines])
    return path.read_bytes()


def test_text_only_pages_read_the_same_lines_as_pdfplumber(tmp_path):
    lines = [f"{i}、到{2020 + i % 9}年，规上工业总产值达到{100 + 7 * i}.5亿元，研发投入强度≥{i % 4}.2%，新增 ABC 企业{i}家。"
             for i in range(120)]  # several pages, mixed Latin and CJK, spaces
    data = _text_only_pdf(tmp_path / "prose.pdf", lines)
    assert read_pdf(data, "prose.pdf") == _pdfplumber_only(data)


def test_pages_with_a_ruled_table_read_the_same_as_pdfplumber(tmp_path):
    data = write_pdf(tmp_path / "plan.pdf", Content()).read_bytes()
    assert read_pdf(data, "plan.pdf") == _pdfplumber_only(data)


def test_text_only_pages_never_reach_pdfplumbers_character_parser(tmp_path, monkeypatch):
    import plantrack.documents.pdf as pdf_reader

    def slow(page):
        raise AssertionError("a text-only page went to pdfplumber")

    data = _text_only_pdf(tmp_path / "prose.pdf", [f"到2027年，新增企业{i}家。" for i in range(60)])
    monkeypatch.setattr(pdf_reader, "_pdf_page", slow)
    assert any("新增企业59家" in line for line in read_pdf(data, "prose.pdf"))


def test_a_text_only_page_gets_its_text_in_one_pdfium_call_not_one_per_character(tmp_path, monkeypatch):
    import pypdfium2.raw as raw

    calls = []
    per_char = raw.FPDFText_GetUnicode
    monkeypatch.setattr(raw, "FPDFText_GetUnicode", lambda *a: calls.append(a) or per_char(*a))
    data = _text_only_pdf(tmp_path / "prose.pdf", [f"到2027年，新增企业{i}家。" for i in range(60)])
    assert any("新增企业59家" in line for line in read_pdf(data, "prose.pdf"))
    assert calls == []


def test_a_page_whose_one_call_text_does_not_line_up_with_its_characters_is_read_char_by_char(tmp_path, monkeypatch):
    import pypdfium2.raw as raw

    calls = []
    per_char = raw.FPDFText_GetUnicode
    monkeypatch.setattr(raw, "FPDFText_GetUnicode", lambda *a: calls.append(a) or per_char(*a))
    # pdfium leaves a character out of its text (as it does a NUL or a control code): indices shift
    monkeypatch.setattr(raw, "FPDFText_GetTextIndexFromCharIndex", lambda handle, i: i - 1)
    lines = [f"{i}、到{2020 + i % 9}年，新增 ABC 企业{i}家。" for i in range(40)]
    data = _text_only_pdf(tmp_path / "prose.pdf", lines)
    assert read_pdf(data, "prose.pdf") == _pdfplumber_only(data)
    assert calls
