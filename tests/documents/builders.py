"""Build test documents of every format from one invented content, in the test's own tmp_path."""

from __future__ import annotations

import html
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Content:
    """An invented plan: a heading block, prose paragraphs and one table."""

    lines_before: list[str] = field(default_factory=lambda: [
        "四川省成都市人民政府",
        "成都市制造业数字化转型行动计划（2024－2028年）",
        "一、主要目标",
        "到2028年，全市规模以上工业增加值年均增长7%左右，数字经济核心产业增加值达到3500亿元。",
    ])
    table: list[list[str]] = field(default_factory=lambda: [
        ["指标", "单位", "2023年", "2028年"],
        ["规上工业总产值", "亿元", "１２５０", "2000"],
        ["研发投入强度", "%", "2.1", "≥3"],
    ])
    lines_after: list[str] = field(default_factory=lambda: [
        "二、保障措施",
        "各区（市）县要建立工作推进机制，确保目标任务落实。",
        "2024年3月15日",
    ])

    def canonical(self) -> str:
        rows = ["\n".join("\t" + c for c in row) for row in self.table]
        return "\n\n".join([*self.lines_before, *rows, *self.lines_after]) + "\n"


def txt_text(c: Content) -> str:
    """The sample corpus's form: tab-indented cells, rows separated by blank lines."""
    rows = ["\n".join("\t" + cell for cell in row) for row in c.table]
    return "\n\n".join([*c.lines_before, *rows, *c.lines_after]) + "\n"


def write_txt(path: Path, c: Content, encoding: str = "utf-8") -> Path:
    if encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + txt_text(c).encode("utf-16-be")
    else:
        data = txt_text(c).encode(encoding)
    path.write_bytes(data)
    return path


def md_text(c: Content) -> str:
    head, *rows = c.table
    table = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + ["| " + " | ".join(r) + " |" for r in rows]
    return "\n\n".join(["# " + c.lines_before[0], *c.lines_before[1:], "\n".join(table), *c.lines_after]) + "\n"


def write_docx(path: Path, c: Content) -> Path:
    import docx

    d = docx.Document()
    for line in c.lines_before:
        d.add_paragraph(line)
    table = d.add_table(rows=len(c.table), cols=len(c.table[0]))
    for r, row in enumerate(c.table):
        for k, cell in enumerate(row):
            table.cell(r, k).text = cell
    for line in c.lines_after:
        d.add_paragraph(line)
    d.save(path)
    return path


def docx_bytes(c: Content) -> bytes:
    buf = io.BytesIO()
    write_docx(buf, c)  # python-docx saves to file-like objects too
    return buf.getvalue()


def write_pdf(path: Path, c: Content, encrypt_password: str | None = None, ruled: bool = True) -> Path:
    """reportlab with the built-in CID font STSong-Light: pdfplumber reads its text back exactly."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    encrypt = None
    if encrypt_password:
        from reportlab.lib.pdfencrypt import StandardEncryption
        encrypt = StandardEncryption(encrypt_password, ownerPassword=encrypt_password + "-owner")
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, encrypt=encrypt)
    flow = [Paragraph(html.escape(x), style) for x in c.lines_before]
    flow.append(Spacer(1, 4 * mm))
    table = Table(c.table)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light")]
                              + ([("GRID", (0, 0), (-1, -1), 0.5, colors.black)] if ruled else [])))
    flow += [table, Spacer(1, 4 * mm)]
    flow += [Paragraph(html.escape(x), style) for x in c.lines_after]
    doc.build(flow)
    return path


def html_text(c: Content, charset: str = "utf-8", extra_head: str = "", extra_body: str = "") -> str:
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(x)}</td>" for x in r) + "</tr>" for r in c.table)
    before = "".join(f"<p>{html.escape(x)}</p>\n" for x in c.lines_before)
    after = "".join(f"<p>{html.escape(x)}</p>\n" for x in c.lines_after)
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>站点</title>{extra_head}</head>'
            f"<body>{extra_body}\n{before}<table border=1>{rows}</table>\n{after}</body></html>")


def rewrite_zip_member(data: bytes, member: str, new: bytes) -> bytes:
    """A copy of a zip with one member replaced (to plant attacks in an otherwise valid .docx)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, new if info.filename == member else src.read(info))
    return out.getvalue()
