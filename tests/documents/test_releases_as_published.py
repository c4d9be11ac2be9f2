"""Releases as they are published: every format, a government web page with its metadata block and
bars, traditional reposts with and without pinyin glosses, half-width punctuation. The reader places
them (kind, issue date, period, title) and the extractor finds the same values as in the plain original,
quoting the original characters."""

from __future__ import annotations

import html
import re
from datetime import date

import opencc
import pytest

from plantrack.documents import read_bytes
from plantrack.extract import extract_statements
from tests.documents.builders import Content, docx_bytes, html_text, md_text, txt_text, write_pdf

S2T = opencc.OpenCC("s2t")
# pinyin of a few characters, as reposting sites add it after them (區(qū))
GLOSS = {"區": "qū", "經": "jīng", "濟": "jì", "產": "chǎn", "長": "zhǎng", "業": "yè", "實": "shí"}

RELEASE = Content(
    lines_before=["2024年上半年天津市滨海新区经济运行情况", "天津市滨海新区统计局", "2024年7月22日",
                  "上半年，全区实现地区生产总值3420.5亿元，同比增长5.1%。其中，第二产业增加值1650.2亿元，增长6.3%。",
                  "规模以上工业增加值同比增长7.2%；固定资产投资同比下降2.4%。"],
    table=[["指标", "单位", "上半年", "同比增长（%）"], ["社会消费品零售总额", "亿元", "512.7", "4.9"],
           ["一般公共预算收入", "亿元", "301.8", "3.1"]],
    lines_after=["城镇常住居民人均可支配收入31250元，增长4.5%。"])


def traditional(text: str, glosses: bool) -> str:
    t = S2T.convert(text)
    return re.sub("|".join(GLOSS), lambda m: f"{m.group()}({GLOSS[m.group()]})", t) if glosses else t


def half_width(text: str) -> str:
    return text.translate(str.maketrans("，；：（）", ",;:()"))


def values(doc) -> set[tuple]:
    st = extract_statements(doc)
    return {(a.value, a.unit, a.period_year, a.period_label) for a in st.actuals}


def read(data: bytes, suffix: str):
    return read_bytes(data, "release" + suffix, suffix=suffix)


def gov_page(c: Content) -> str:
    block = ("<table><tr><td>索引号：</td><td>12000000/2024-00731</td><td>主题分类：</td><td>统计信息</td></tr>"
             "<tr><td>发布机构：</td><td>天津市滨海新区统计局</td><td>成文日期：</td><td>2024-07-22</td></tr></table>"
             "<p>首页 &gt; 政务公开 &gt; 统计数据</p><p>【字体：大 中 小】 打印本页 关闭窗口</p>")
    body = Content(lines_before=[x for x in c.lines_before if x not in ("天津市滨海新区统计局", "2024年7月22日")],
                   table=c.table, lines_after=[*c.lines_after, "分享到：微信 微博"])
    return html_text(body, extra_body=block)


def pdf_bytes(c: Content, tmp_path) -> bytes:
    return write_pdf(tmp_path / "r.pdf", c).read_bytes()


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "docx", "pdf"])
def test_a_half_year_release_is_placed_in_every_format(fmt, tmp_path):
    data = {"txt": lambda: txt_text(RELEASE).encode(), "md": lambda: md_text(RELEASE).encode(),
            "html": lambda: gov_page(RELEASE).encode(), "docx": lambda: docx_bytes(RELEASE),
            "pdf": lambda: pdf_bytes(RELEASE, tmp_path)}[fmt]()
    m = read(data, "." + fmt).meta
    assert (m.title, m.doc_type) == ("2024年上半年天津市滨海新区经济运行情况", "economic_report")
    assert m.issued_on == date(2024, 7, 22)
    assert (m.period_year, m.period_label) == (2024, "上半年")


def test_a_gov_web_page_block_is_read_into_metadata_and_not_quoted():
    doc = read(gov_page(RELEASE).encode(), ".html")
    assert doc.meta.issuer == "天津市滨海新区统计局" and doc.meta.sources["issuer"] == "metadata_block"
    st = extract_statements(doc)
    assert st.actuals and not any(re.search("索引号|发布机构|成文日期|字体", a.quote) for a in st.actuals)


@pytest.mark.parametrize("glosses", [False, True])
def test_a_traditional_repost_yields_the_values_of_its_simplified_original(glosses):
    original = read(txt_text(RELEASE).encode(), ".txt")
    repost = read(traditional(txt_text(RELEASE), glosses).encode(), ".txt")
    assert repost.meta.title == original.meta.title and repost.meta.period_label == "上半年"
    assert values(repost) == values(original) and len(values(original)) >= 8


@pytest.mark.parametrize("glosses", [False, True])
def test_quotes_of_a_traditional_repost_are_its_own_characters(glosses):
    doc = read(traditional(txt_text(RELEASE), glosses).encode(), ".txt")
    st = extract_statements(doc)
    assert all(doc.text[a.char_start:a.char_end] == a.quote for a in st.actuals)
    assert any("產" in a.quote for a in st.actuals)
    assert not glosses or any("(chǎn)" in a.quote for a in st.actuals)


def test_half_width_punctuation_yields_the_values_of_full_width():
    original = read(txt_text(RELEASE).encode(), ".txt")
    repost = read(half_width(txt_text(RELEASE)).encode(), ".txt")
    assert values(repost) == values(original)
    assert all(repost.text[a.char_start:a.char_end] == a.quote for a in extract_statements(repost).actuals)


def test_a_traditional_government_report_is_placed():
    text = traditional("（广东省）2025年广州市黄埔区人民政府工作报告\n\n——2025年1月9日在广州市黄埔区第三届人民代表大会"
                       "第五次会议上\n\n各位代表：\n\n一、2024年工作回顾\n\n全年地区生产总值增长5.2%。\n", glosses=True)
    m = read(text.encode(), ".txt").meta
    assert m.title == "2025年广州市黄埔区人民政府工作报告" and m.doc_type == "government_report"
    assert (m.issued_on, m.period_year) == (date(2025, 1, 9), 2024)


def test_an_escaped_html_block_in_traditional_characters_is_read():
    page = html_text(Content(lines_before=["2019年廣東省汕頭市國民經濟和社會發展統計公報", "全年地區生產總值增長6.1%。"],
                             table=[["指標", "數值"], ["糧食產量", "30.1"]], lines_after=[]),
                     extra_body="<p>[ 發布機構 ] 汕頭市統計局 [ 發布日期 ] " + html.escape("2020-04-03") + "</p>")
    m = read(page.encode(), ".html").meta
    assert (m.doc_type, m.issued_on, m.period_year) == ("bulletin", date(2020, 4, 3), 2019)
    assert m.issuer == "汕头市统计局"


def targets(doc) -> set[tuple]:
    return {(t.value, t.unit, t.target_year, t.comparator) for t in extract_statements(doc).targets}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_traditional_plan_in_binary_formats_yields_the_targets_of_its_original(fmt, tmp_path):
    plan = Content()  # 成都市…行动计划（2024－2028年）
    trad = Content(lines_before=[traditional(x, glosses=False) for x in plan.lines_before],
                   table=[[traditional(c, glosses=False) for c in row] for row in plan.table],
                   lines_after=[traditional(x, glosses=False) for x in plan.lines_after])
    build = {"docx": lambda c: docx_bytes(c), "pdf": lambda c: write_pdf(tmp_path / f"{id(c)}.pdf", c).read_bytes()}[fmt]
    original, repost = read(build(plan), "." + fmt), read(build(trad), "." + fmt)
    assert repost.meta.title == original.meta.title and repost.meta.doc_type == "plan"
    assert targets(repost) == targets(original) and targets(original)
    st = extract_statements(repost)
    quotes = [*st.targets, *(q for t in st.targets for q in t.other_quotes)]
    assert all(repost.text[q.char_start:q.char_end] == q.quote for q in quotes)
