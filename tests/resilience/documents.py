"""Documents the resilience tests build for themselves: invented releases and every kind of bad file.

Nothing here is copied from the sample corpus; each builder takes its varying parts as arguments.
"""

from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from tests.documents.builders import Content, docx_bytes, html_text, rewrite_zip_member, txt_text, write_pdf


@dataclass(frozen=True)
class Release:
    """An invented statistical bulletin: one actual value per line, region and year as given."""

    province: str
    region: str
    year: int
    values: dict[str, str] = field(default_factory=lambda: {
        "地区生产总值": "1234.5亿元", "规模以上工业总产值": "1876.2亿元", "规模以上工业增加值增长": "7.9%",
        "固定资产投资比上年增长": "5.3%"})

    def text(self) -> str:
        lines = [f"{self.province}{self.region}{self.year}年国民经济和社会发展统计公报",
                 f"{self.province}{self.region}统计局", f"{self.year + 1}年3月20日", "一、综合"]
        for indicator, value in self.values.items():
            verb = "" if "增长" in indicator else "实现"
            lines.append(f"{self.year}年，全区{verb}{indicator}{value}。")
        return "\n".join(lines) + "\n"

    def corrected(self, indicator: str, new_value: str) -> Release:
        return replace(self, values={**self.values, indicator: new_value})


def slow_enumeration(items: int) -> str:
    """One run-on sentence listing `items` values (once slow to extract: the cost grew with the square
    of the values in a sentence; now a good document that must be read in full, quoted per clause)."""
    return "到2028年，" + "、".join(f"规上工业总产值达到{100 + i}亿元" for i in range(items)) + "。\n"


def long_report_pdf(path: Path, pages: int) -> None:
    """A long, dense, perfectly valid PDF of ruled tables: reading a page with drawn lines means
    finding its table cells, which costs a noticeable time per page."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), pageCompression=1)
    for page in range(pages):
        pdf.setFont("STSong-Light", 8)
        for line in range(60):
            y = 800 - line * 13
            pdf.line(15, y - 3, 580, y - 3)
            pdf.drawString(20, y, f"{page + 1}-{line + 1}：全区规模以上工业总产值达到{page * 60 + line}亿元，"
                           f"同比增长{line % 9}.{page % 10}%，新增规上企业{line}家。")
        pdf.line(15, 800 - 59 * 13 - 3, 15, 813)
        pdf.line(580, 800 - 59 * 13 - 3, 580, 813)
        pdf.showPage()
    pdf.save()


def _zip_bomb_docx(c: Content) -> bytes:
    buf = io.BytesIO(docx_bytes(c))
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/filler.bin", b"\0" * (24 * 1024 * 1024))
    return buf.getvalue()


def _xxe_docx(c: Content) -> bytes:
    data = docx_bytes(c)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    head, _, rest = xml.partition("?>")
    first_line = c.lines_before[0]
    evil = (head + '?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            + rest.replace(first_line, "&xxe;", 1))
    return rewrite_zip_member(data, "word/document.xml", evil.encode())


def _image_only_pdf(path: Path) -> None:
    from PIL import Image, ImageDraw
    from reportlab.pdfgen import canvas

    # A "scan": a picture of text-like strokes, no text layer at all.
    image = Image.new("L", (600, 300), 255)
    draw = ImageDraw.Draw(image)
    for y in range(20, 280, 24):
        draw.line((20, y, 580, y), fill=0, width=3)
    png = path.with_suffix(".png")
    image.save(png)
    pdf = canvas.Canvas(str(path))
    pdf.drawImage(str(png), 40, 400, 500, 250)
    pdf.showPage()
    pdf.save()
    png.unlink()


@dataclass(frozen=True)
class BadFile:
    name: str
    error_code: str
    reason_words: tuple[str, ...] = ()  # what a person needs to see in the reason, beside the file name


BAD_FILES = (
    BadFile("empty_notice.txt", "empty", ("empty",)),
    BadFile("garbage_named.txt", "binary", ("binary",)),
    BadFile("cut_off_plan.docx", "corrupt_docx"),
    BadFile("cut_off_plan.pdf", "corrupt_pdf"),
    BadFile("locked_plan.pdf", "encrypted_pdf", ("password",)),
    BadFile("scanned_plan.pdf", "no_text_layer", ("OCR",)),
    BadFile("bomb_plan.docx", "zip_bomb", ("zip bomb",)),
    BadFile("entity_plan.docx", "xml_entity", ("entit",)),
    BadFile("huge_plan.txt", "too_large", ("limit", "PLANTRACK_MAX_DOCUMENT_MB")),
    BadFile("no_numbers_notice.txt", "no_numbers", ("no numbers",)),
    # slow to read (hundreds of dense pages)
    BadFile("long_report.pdf", "timeout", ("reading", "PLANTRACK_DOCUMENT_TIMEOUT_S")),
)


def write_bad_corpus(dest: Path, *, size_limit_mb: int, slow_items: int, slow_pages: int) -> None:
    """Write every file of BAD_FILES into `dest`, each broken in its own way."""
    c = Content()
    rng = random.Random(20240315)
    whole_docx = docx_bytes(c)
    whole_pdf = write_pdf(dest / "cut_off_plan.pdf", c).read_bytes()
    line = txt_text(c).encode("utf-8")
    data = {
        "empty_notice.txt": b"",
        "garbage_named.txt": rng.randbytes(8192),
        "cut_off_plan.docx": whole_docx[: len(whole_docx) // 2],
        "cut_off_plan.pdf": whole_pdf[: len(whole_pdf) * 2 // 3],
        "bomb_plan.docx": _zip_bomb_docx(c),
        "entity_plan.docx": _xxe_docx(c),
        "huge_plan.txt": line * (2 * size_limit_mb * 1024 * 1024 // len(line) + 1),
        "no_numbers_notice.txt": "关于做好年度工作的通知\n\n各单位：请认真贯彻落实，按时报送工作进展。\n".encode(),
        "endless_list_plan.txt": slow_enumeration(slow_items).encode("utf-8"),
    }
    for name, content in data.items():
        (dest / name).write_bytes(content)
    write_pdf(dest / "locked_plan.pdf", c, encrypt_password=f"pw{rng.randrange(10**6)}")
    _image_only_pdf(dest / "scanned_plan.pdf")
    long_report_pdf(dest / "long_report.pdf", slow_pages)
    assert {p.name for p in dest.iterdir()} >= {b.name for b in BAD_FILES}


def write_tricky_but_good(dest: Path) -> dict[str, str]:
    """Files that look suspicious but are good documents; name -> the UTF-8 text they must read as."""
    gbk = Content(lines_before=["浙江省宁波市人民政府", "宁波市先进制造业集群培育方案（2024－2027年）", "一、主要目标",
                                "到2027年，全市规模以上工业增加值年均增长6.5%左右，战略性新兴产业增加值达到2600亿元。"],
                  table=[["指标", "单位", "2023年", "2027年"], ["规上工业总产值", "亿元", "2810", "3600"]])
    scripted = Content(lines_before=["江苏省无锡市人民政府", "无锡市数字经济发展行动方案（2024－2026年）", "一、主要目标",
                                     "到2026年，数字经济核心产业增加值达到2200亿元，占地区生产总值比重达到13%。"],
                       table=[["指标", "单位", "2023年", "2026年"], ["研发投入强度", "%", "3.4", "≥3.8"]])
    (dest / "ningbo_page.html").write_bytes(html_text(gbk, charset="utf-8").encode("gbk"))
    (dest / "wuxi_page.html").write_text(
        html_text(scripted, extra_head="<script src='http://127.0.0.1:9/x.js'></script>",
                  extra_body="<script>document.write('到2026年营业收入达到9999亿元')</script>"), encoding="utf-8")
    return {"ningbo_page.html": txt_text(gbk), "wuxi_page.html": txt_text(scripted)}
