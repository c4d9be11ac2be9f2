"""Every format renders the same content to the same canonical text."""

from __future__ import annotations

import time

import pytest

from plantrack.config import PROJECT_ROOT
from plantrack.documents import read_document
from tests.documents.builders import Content, html_text, md_text, write_docx, write_pdf, write_txt

CONTENT = Content()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le",
                                      "utf-16-be-bom"])
def test_text_in_any_supported_encoding_reads_to_the_canonical_text(tmp_path, encoding):
    doc = read_document(write_txt(tmp_path / "plan.txt", CONTENT, encoding), "plan.txt")
    assert doc.text == CONTENT.canonical()
    assert doc.format == "txt"


def test_gbk_text_is_reported_as_gb18030_and_utf16_as_utf16(tmp_path):
    assert read_document(write_txt(tmp_path / "a.txt", CONTENT, "gbk"), "a.txt").encoding == "gb18030"
    assert read_document(write_txt(tmp_path / "b.txt", CONTENT, "utf-16-le"), "b.txt").encoding == "utf-16"


def test_markdown_pipe_table_becomes_a_tab_cell_table(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(md_text(CONTENT), encoding="utf-8")
    doc = read_document(path, "plan.md")
    assert doc.format == "md"
    assert doc.text == CONTENT.canonical()


def test_docx_paragraphs_and_real_table_keep_document_order(tmp_path):
    doc = read_document(write_docx(tmp_path / "plan.docx", CONTENT), "plan.docx")
    assert doc.format == "docx"
    assert doc.text == CONTENT.canonical()


def test_pdf_text_layer_and_ruled_table_read_to_the_canonical_text(tmp_path):
    doc = read_document(write_pdf(tmp_path / "plan.pdf", CONTENT), "plan.pdf")
    assert doc.format == "pdf"
    assert doc.text == CONTENT.canonical()


def test_pdf_paragraph_wrapped_over_several_lines_is_one_paragraph(tmp_path):
    long = ("到2030年，全省规模以上工业企业研发投入强度提高到2.5%以上，战略性新兴产业增加值占规模以上工业增加值比重"
            "提高到40%，建成国家级智能制造示范工厂20个、省级数字化车间300个，工业用地亩均税收达到25万元。")
    content = Content(lines_before=["湖北省人民政府", "湖北省制造业高质量发展规划（2026－2030年）", long])
    doc = read_document(write_pdf(tmp_path / "p.pdf", content), "p.pdf")
    assert long in doc.text.split("\n")


def test_html_table_and_paragraphs_read_to_the_canonical_text(tmp_path):
    path = tmp_path / "plan.html"
    path.write_text(html_text(CONTENT), encoding="utf-8")
    doc = read_document(path, "plan.html")
    assert doc.format == "html"
    assert doc.text == CONTENT.canonical()


def test_full_width_digits_and_comparators_are_kept_as_written(tmp_path):
    doc = read_document(write_docx(tmp_path / "plan.docx", CONTENT), "plan.docx")
    assert "\t１２５０" in doc.text and "\t≥3" in doc.text


def test_document_id_is_the_sha256_of_the_bytes_whatever_the_name(tmp_path):
    a = write_txt(tmp_path / "a.txt", CONTENT)
    b = tmp_path / "renamed.txt"
    b.write_bytes(a.read_bytes())
    assert read_document(a, "a.txt").document_id == read_document(b, "renamed.txt").document_id
    import hashlib
    assert read_document(a, "a.txt").document_id == hashlib.sha256(a.read_bytes()).hexdigest()


def test_a_pdf_named_txt_is_read_as_pdf(tmp_path):
    pdf = write_pdf(tmp_path / "plan.pdf", CONTENT)
    wrong = tmp_path / "plan.txt"
    wrong.write_bytes(pdf.read_bytes())
    assert read_document(wrong, "plan.txt").format == "pdf"


def test_sample_corpus_reads_well_under_a_second():
    paths = sorted((PROJECT_ROOT / "sources").glob("*.txt"))
    assert paths
    start = time.process_time()
    docs = [read_document(p, p.name) for p in paths]
    assert time.process_time() - start < 0.5
    assert all(d.text for d in docs)


def test_pdf_table_without_ruling_lines_is_read_as_a_table(tmp_path):
    content = Content(lines_before=["广东省韶关市人民政府", "韶关市工业高质量发展行动方案（2025－2027年）"],
                      table=[["指标", "2024年", "2027年", "属性"], ["规上工业增加值（亿元）", "420.5", "560", "预期性"],
                             ["单位工业增加值能耗降低（%）", "——", "【12】", "约束性"],
                             ["工业投资（亿元）", "180", "260", "预期性"]],
                      lines_after=["各县（市、区）要抓好落实。"])
    doc = read_document(write_pdf(tmp_path / "p.pdf", content, ruled=False), "p.pdf")
    rows = "\n\n".join("\n".join("\t" + c for c in row) for row in content.table)
    assert rows in doc.text


def test_pdf_prose_lines_are_not_taken_for_a_table(tmp_path):
    content = Content(table=[["说明"], ["本方案自印发之日起施行"], ["由市工业和信息化局负责解释"]])
    doc = read_document(write_pdf(tmp_path / "p.pdf", content, ruled=False), "p.pdf")
    assert "\t" not in doc.text


def _stored_copy(path, pad_styles: int = 0):
    """The same .docx with every part stored (no compression), styles padded with `pad_styles` spaces."""
    import io
    import zipfile

    src = zipfile.ZipFile(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/styles.xml":
                data = data.replace(b"</w:styles>", b" " * pad_styles + b"</w:styles>")
            dst.writestr(info.filename, data)
    return out.getvalue()


def test_docx_with_stored_parts_reads_as_the_deflated_one(tmp_path):
    deflated = write_docx(tmp_path / "plan.docx", Content())
    stored = tmp_path / "stored.docx"
    stored.write_bytes(_stored_copy(deflated))
    assert read_document(stored, "plan.docx").text == read_document(deflated, "plan.docx").text


def test_docx_stored_part_is_checked_in_time_linear_in_its_size(tmp_path):
    # 48 MB of stored styles: checked piece by piece from an offset (cutting off and copying the rest
    # after each piece took ~6 s; from an offset ~0.1 s)
    stored = tmp_path / "stored.docx"
    stored.write_bytes(_stored_copy(write_docx(tmp_path / "plan.docx", Content()), pad_styles=48 * 2**20))
    started = time.process_time()
    read_document(stored, "stored.docx", max_bytes=64 * 2**20)
    assert time.process_time() - started < 2
