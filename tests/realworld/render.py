"""How a document reaches us: file format, script (simplified, traditional, traditional with pinyin
glosses as some reposts carry them), and full- or half-width punctuation."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .phrasing import Spec

FORMATS = ("txt", "md", "html", "docx", "pdf")

# A few characters that reposting sites gloss, as in "重慶市涪陵區(qū)": enough to put a gloss in most
# sentences; the reader must drop them (they are not part of the traditional text either).
GLOSSES = {"區": "qū", "經": "jīng", "濟": "jì", "運": "yùn", "統": "tǒng", "計": "jì", "產": "chǎn",
           "總": "zǒng", "長": "zhǎng", "議": "yì", "導": "dǎo", "務": "wù", "劃": "huà", "規": "guī"}
HALF_WIDTH = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?"})


@dataclass(frozen=True)
class Variant:
    fmt: str = "txt"
    script: str = "simplified"  # simplified | traditional | glossed
    half_width: bool = False

    @property
    def name(self) -> str:
        return "-".join([self.fmt, self.script] + (["halfwidth"] if self.half_width else []))


@lru_cache(maxsize=1)
def _s2t():
    import opencc  # OpenCC's own tables, not a hand-written one

    return opencc.OpenCC("s2t")


def script(text: str, variant: Variant) -> str:
    if variant.script != "simplified":
        text = _s2t().convert(text)
    if variant.script == "glossed":
        text = "".join(f"{c}({GLOSSES[c]})" if c in GLOSSES else c for c in text)
    if variant.half_width:
        text = text.translate(HALF_WIDTH)
    return text


def _lines(spec: Spec) -> list[str | list[list[str]]]:
    return [spec.title, spec.issuer, spec.date_line, *spec.blocks]


def _table_txt(rows: list[list[str]]) -> str:
    # as converted layouts come: one cell a line, a blank line between rows
    return "\n\n".join("\n".join("\t" + c for c in row) for row in rows)


def render_txt(spec: Spec) -> str:
    return "\n".join(b if isinstance(b, str) else "\n" + _table_txt(b) + "\n" for b in _lines(spec)) + "\n"


def render_md(spec: Spec) -> str:
    out = [f"# {spec.title}", "", spec.issuer, "", spec.date_line, ""]
    for b in spec.blocks:
        if isinstance(b, str):
            out += [b, ""]
        else:
            out += ["| " + " | ".join(b[0]) + " |", "|" + "---|" * len(b[0])]
            out += ["| " + " | ".join(r) + " |" for r in b[1:]] + [""]
    return "\n".join(out)


def render_html(spec: Spec) -> str:
    """A government web page: navigation, the metadata block (issuer and date live only there), page noise."""
    e = html.escape
    body = []
    for b in spec.blocks:
        if isinstance(b, str):
            body.append(f"<p>{e(b)}</p>")
        else:
            body.append("<table>" + "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in b)
                        + "</table>")
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            f"<title>{e(spec.title)}_{e(spec.issuer)}</title></head><body>\n"
            "<div class=\"nav\">首页 &gt; 政务公开 &gt; 统计信息</div>\n"
            f"<div class=\"meta\">[ 发布机构 ] {e(spec.issuer)} [ 发布日期 ] {spec.issued_on.isoformat()} "
            "[ 浏览次数 ] 1287 [ 字体：大 中 小 ]</div>\n"
            f"<h1>{e(spec.title)}</h1>\n" + "\n".join(body) +
            "\n<div class=\"foot\">【打印本页】【关闭窗口】 扫一扫在手机打开当前页</div></body></html>\n")


def render_docx(spec: Spec, variant: Variant) -> bytes:
    import docx

    d = docx.Document()
    d.add_heading(script(spec.title, variant), level=1)
    for b in [spec.issuer, spec.date_line, *spec.blocks]:
        if isinstance(b, str):
            for line in b.split("\n"):
                d.add_paragraph(script(line, variant))
        else:
            table = d.add_table(rows=len(b), cols=len(b[0]))
            for i, row in enumerate(b):
                for k, cell in enumerate(row):
                    table.cell(i, k).text = script(cell, variant)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def render_pdf(spec: Spec, variant: Variant) -> bytes:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    flow: list = []
    for b in [spec.title, spec.issuer, spec.date_line, *spec.blocks]:
        if isinstance(b, str):
            for line in b.split("\n"):
                flow += [Paragraph(html.escape(script(line, variant)), style), Spacer(1, 6)]
        else:
            t = Table([[script(c, variant) for c in r] for r in b])
            t.setStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light")])
            flow.append(t)
    buf = io.BytesIO()
    SimpleDocTemplate(buf).build(flow)
    return buf.getvalue()


def write(spec: Spec, variant: Variant, directory: Path, stem: str) -> Path:
    path = Path(directory) / f"{stem}.{variant.fmt}"
    if variant.fmt == "docx":
        path.write_bytes(render_docx(spec, variant))
    elif variant.fmt == "pdf":
        path.write_bytes(render_pdf(spec, variant))
    else:
        text = {"txt": render_txt, "md": render_md, "html": render_html}[variant.fmt](spec)
        path.write_text(script(text, variant), encoding="utf-8")
    return path
