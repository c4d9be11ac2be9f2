"""The same invented plan as .txt, .docx and .pdf (built here) yields the same targets and actuals."""

import pytest

from plantrack.documents import read_document
from plantrack.extract import extract_statements
from tests.documents.builders import Content, write_docx, write_pdf, write_txt

from .helpers import assert_quotes

PLAN = Content(
    lines_before=[
        "湖南省株洲市渌口区人民政府",
        "渌口区先进制造业高质量发展实施方案（2021－2025年）",
        "一、发展目标",
        "到2025年，全区规模以上工业总产值达到680亿元，规上工业增加值年均增长8%左右，"
        "新增国家级专精特新“小巨人”企业5家以上，工业固体废物综合利用率不低于92%。",
        "表1 渌口区先进制造业主要指标",
    ],
    table=[
        ["序号", "指标名称", "单位", "2020年", "2025年", "指标属性"],
        ["1", "规上工业企业数量", "家", "186", "260", "预期性"],
        ["2", "高新技术企业", "家", "73", "【150】", "预期性"],
        ["3", "规上工业企业研发投入强度", "%", "1.6", "2.5", "预期性"],
        ["4", "单位工业增加值能耗下降率", "%", "——", "【15】", "约束性"],
    ],
    lines_after=[
        "二、保障措施",
        "各部门要建立工作推进机制，确保目标任务落实。",
        "2021年6月8日",
    ],
)


def _facts(st):
    targets = sorted((t.indicator_text, t.target_kind, t.comparator, t.value, t.unit, t.target_year,
                      t.baseline_year, t.baseline_value, t.attribute, t.method) for t in st.targets)
    actuals = sorted((a.indicator_text, a.measure, a.value, a.unit, a.period_year) for a in st.actuals)
    return targets, actuals


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    d = tmp_path_factory.mktemp("formats")
    out = {}
    for suffix, write in (("txt", write_txt), ("docx", write_docx), ("pdf", write_pdf)):
        path = write(d / f"plan.{suffix}", PLAN)
        doc = read_document(path, path.name)
        st = extract_statements(doc)
        assert_quotes(doc, st)
        out[suffix] = st
    return out


def test_text_version_yields_the_prose_and_table_targets(extracted):
    targets, actuals = _facts(extracted["txt"])
    by_value = {t[3]: t for t in targets}
    assert by_value[680][1:3] == ("level", "=") and "工业总产值" in by_value[680][0]
    assert by_value[8][1:3] == ("growth_rate", "~")
    assert by_value[5][1:3] == ("cumulative", ">=")
    assert by_value[92][1:3] == ("share", ">=")
    assert by_value[260][5:] == (2025, 2020, 186, "expected", "table")
    assert by_value[150][1] == "cumulative"
    assert by_value[-15][1] == "change_vs_base" and by_value[-15][8] == "binding"
    assert by_value[2.5][1] == "share"
    assert {a[2] for a in actuals} == {186, 73, 1.6}
    assert all(a[4] == 2020 for a in actuals)


@pytest.mark.parametrize("suffix", ["docx", "pdf"])
def test_docx_and_pdf_yield_the_same_statements_as_text(extracted, suffix):
    assert _facts(extracted[suffix]) == _facts(extracted["txt"])
