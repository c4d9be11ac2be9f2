"""Bad input: each case yields a DocumentError with a clear code and a reason naming the file."""

from __future__ import annotations

import random
import zipfile

import pytest

from plantrack.documents import read_document
from plantrack.model import DocumentError
from tests.documents.builders import Content, docx_bytes, html_text, rewrite_zip_member, write_pdf


def _error(path, **kw) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        read_document(path, path.name, **kw)
    assert path.name in info.value.reason  # a person can tell which file
    return info.value


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert _error(path).code == "empty"


def test_whitespace_only_file_is_empty(tmp_path):
    path = tmp_path / "blank.md"
    path.write_bytes(b"\n \r\n\t\n")
    assert _error(path).code == "empty"


def test_binary_garbage_named_txt(tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(random.Random(7).randbytes(4096))
    err = _error(path)
    assert err.code == "binary" and "binary" in err.reason


def test_truncated_docx(tmp_path):
    path = tmp_path / "cut.docx"
    data = docx_bytes(Content())
    path.write_bytes(data[: len(data) // 2])
    assert _error(path).code == "corrupt_docx"


def test_zip_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "2024")
    assert _error(path).code == "corrupt_docx"


def test_truncated_pdf(tmp_path):
    path = write_pdf(tmp_path / "cut.pdf", Content())
    path.write_bytes(path.read_bytes()[:-600])
    assert _error(path).code == "corrupt_pdf"


def test_garbage_after_pdf_header(tmp_path):
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.7\n" + random.Random(3).randbytes(2000) + b"\n%%EOF\n")
    assert _error(path).code == "corrupt_pdf"


def test_encrypted_pdf(tmp_path):
    path = write_pdf(tmp_path / "locked.pdf", Content(), encrypt_password="secret")
    err = _error(path)
    assert err.code == "encrypted_pdf" and "password" in err.reason


def test_scanned_pdf_without_text_layer(tmp_path):
    from PIL import Image
    from reportlab.pdfgen import canvas

    image = tmp_path / "scan.png"
    Image.new("L", (200, 100), 255).save(image)
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.drawImage(str(image), 50, 500, 400, 200)
    c.showPage()
    c.save()
    err = _error(path)
    assert err.code == "no_text_layer" and "OCR" in err.reason


def test_docx_zip_bomb(tmp_path):
    data = docx_bytes(Content())
    path = tmp_path / "bomb.docx"
    path.write_bytes(data)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/filler.bin", b"\0" * (24 * 1024 * 1024))
    err = _error(path)
    assert err.code == "zip_bomb"


def test_docx_with_xml_external_entity(tmp_path):
    data = docx_bytes(Content())
    xml = zipfile.ZipFile(__import__("io").BytesIO(data)).read("word/document.xml").decode()
    head, _, rest = xml.partition("?>")
    evil = (head + '?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            + rest.replace("四川省成都市人民政府", "&xxe;", 1))
    path = tmp_path / "xxe.docx"
    path.write_bytes(rewrite_zip_member(data, "word/document.xml", evil.encode()))
    err = _error(path)
    assert err.code == "xml_entity"



def test_docx_with_a_dtd_in_a_part_only_checked_is_refused(tmp_path):
    # styles are never read, only checked; the entity sits across two of the pieces it is inflated in
    data = docx_bytes(Content())
    styles = zipfile.ZipFile(__import__("io").BytesIO(data)).read("word/styles.xml")
    head, _, rest = styles.partition(b"?>")
    at = 65536 - 3 - len(head) - 2
    evil = head + b"?>" + b" " * at + b'<!ENTITY lol "lol">' + rest
    path = tmp_path / "styles_entity.docx"
    path.write_bytes(rewrite_zip_member(data, "word/styles.xml", evil))
    err = _error(path)
    assert err.code == "xml_entity" and "word/styles.xml" in err.reason


def test_docx_with_a_damaged_part_only_checked_is_refused(tmp_path):
    src = zipfile.ZipFile(__import__("io").BytesIO(docx_bytes(Content())))
    path = tmp_path / "styles_damaged.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            stored = info.filename == "word/styles.xml"
            dst.writestr(info.filename, src.read(info), zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    raw = path.read_bytes()
    assert raw.count(b"<w:styles ") == 1
    path.write_bytes(raw.replace(b"<w:styles ", b"<w:stylez ", 1))  # the bytes no longer match their CRC
    err = _error(path)
    assert err.code == "corrupt_docx" and "word/styles.xml" in err.reason

def test_file_over_the_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("规上工业总产值达到350亿元。\n" * 100, encoding="utf-8")
    err = _error(path, max_bytes=1024)
    assert err.code == "too_large" and "limit" in err.reason


def test_gbk_html_mislabelled_utf8_is_read_correctly(tmp_path):
    # Reading it right is the better outcome: the bytes are unambiguous, the label is wrong.
    path = tmp_path / "page.html"
    path.write_bytes(html_text(Content(), charset="utf-8").encode("gbk"))
    doc = read_document(path, path.name)
    assert doc.encoding == "gb18030"
    assert doc.text == Content().canonical()


def test_text_in_no_supported_encoding_is_an_encoding_error(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(b"2024 Plan " + bytes([0x81, 0x20, 0xFF, 0x30]) * 40)
    assert _error(path).code in ("encoding", "binary")


def test_html_scripts_and_styles_are_dropped_and_the_document_is_read(tmp_path):
    # Scripts are content to ignore, not a reason to refuse the page.
    path = tmp_path / "page.html"
    path.write_text(html_text(Content(), extra_head="<style>p{color:red}</style>",
                              extra_body="<script>document.write('目标9999亿元')</script>"), encoding="utf-8")
    doc = read_document(path, path.name)
    assert "9999" not in doc.text and "color" not in doc.text
    assert doc.text == Content().canonical()


def test_document_with_no_numbers(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("关于做好工作的通知\n\n各单位：请认真贯彻执行。\n", encoding="utf-8")
    assert _error(path).code == "no_numbers"


@pytest.mark.parametrize("name,data", [("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
                                       ("sheet.xlsx", None), ("photo.jpg", b"\xff\xd8\xff\xe0" + b"x" * 100)])
def test_unsupported_formats_say_what_to_supply(tmp_path, name, data):
    path = tmp_path / name
    if data is None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("xl/workbook.xml", "<workbook/>")
    else:
        path.write_bytes(data)
    err = _error(path)
    assert err.code == "unsupported_format"


def _docx_with_body(data: bytes, paragraphs: str) -> bytes:
    """The same .docx with `paragraphs` (raw WordprocessingML) in place of its body's content."""
    import io
    import re

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    body = re.sub(r"(<w:body>).*?(<w:sectPr)", lambda m: m.group(1) + paragraphs + m.group(2), xml, flags=re.S)
    return rewrite_zip_member(data, "word/document.xml", body.encode())


def test_a_docx_body_is_streamed_so_its_xml_size_does_not_set_a_workers_memory(tmp_path):
    """17 MB of body XML (formatted runs of three characters each) read in a fresh process: python-docx's
    whole tree peaked at 330 MB (200 MB of XML: 4.3 GB); a block at a time stays near 60 MB."""
    import subprocess
    import sys

    rng = random.Random(7)

    def run() -> str:  # varied text and formatting: compresses like a real document (not a zip bomb)
        text = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(3))
        return f'<w:r><w:rPr><w:b/><w:sz w:val="{rng.randint(10, 99)}"/></w:rPr><w:t>{text}</w:t></w:r>'

    para = "".join("<w:p><w:r><w:t>2025年产值达到10亿元。</w:t></w:r>" + "".join(run() for _ in range(100)) + "</w:p>"
                   for _ in range(2500))
    path = tmp_path / "big.docx"
    path.write_bytes(_docx_with_body(docx_bytes(Content()), para))
    assert zipfile.ZipFile(path).getinfo("word/document.xml").file_size > 17e6
    # VmHWM, not ru_maxrss: Linux carries the forking parent's (pytest's) high-water mark across exec
    code = ("import sys; from pathlib import Path; from plantrack.documents import read_document; "
            "d = read_document(Path(sys.argv[1]), 'big.docx', max_bytes=200 * 2**20); "
            "hwm = [ln for ln in open('/proc/self/status') if ln.startswith('VmHWM')][0].split()[1]; "
            "print(len(d.text), hwm)")
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    chars, peak_kb = map(int, result.stdout.split())
    peak_mb = peak_kb / 1024
    assert chars > 750_000
    assert peak_mb < 150, f"reading 17 MB of XML peaked at {peak_mb:.0f} MB"


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_a_document_producing_more_text_than_the_cap_is_refused_with_a_reason(tmp_path, monkeypatch, fmt):
    import plantrack.documents.read as read

    monkeypatch.setattr(read, "MAX_TEXT_CHARS", 5_000)
    line = "到2025年，全区规模以上工业总产值达到429亿元。"
    path = tmp_path / f"long.{fmt}"
    if fmt == "txt":
        path.write_text(line * 400, encoding="utf-8")
    else:
        path.write_bytes(_docx_with_body(docx_bytes(Content()), f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" * 400))
    err = _error(path)
    assert err.code == "too_much_text" and "5,000" in err.reason
