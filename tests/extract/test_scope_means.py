"""A place introduced as the means of what follows (以X高新区建设为抓手) is no sub-area that later sentences'
targets are scoped to; a place that is the subject still is. And what 全覆盖 names: the coverage rate."""

from plantrack.extract import extract_statements

from .helpers import assert_quotes, make_doc


def _targets(text, **kw):
    doc = make_doc(text, **kw)
    st = extract_statements(doc)
    assert_quotes(doc, st)
    return st.targets


def test_place_as_means_does_not_scope_later_targets():
    ts = _targets("（三）完善创新体系。以双桥高新区建设为抓手，优化要素配置。"
                  "到2027年，推动规上工业企业研发机构全覆盖。\n", region="大足区", start=2023, end=2027)
    t = next(t for t in ts if t.value == 100)
    assert "高新区" not in t.indicator_text and t.scope_name == "大足区"


def test_place_as_means_with_zuowei_does_not_scope_later_targets():
    ts = _targets("（二）壮大产业集群。以白马工业园区作为主要载体，推进项目建设。"
                  "到2026年，新增规上工业企业40家。\n", region="武隆区", start=2022, end=2026)
    t = next(t for t in ts if t.value == 40)
    assert "园区" not in t.indicator_text and t.scope_name == "武隆区"


def test_place_as_subject_still_scopes_later_targets():
    ts = _targets("（二）壮大产业集群。双桥工业园区重点发展汽车零部件产业。"
                  "到2027年，新增规上工业企业30家。\n", region="大足区", start=2023, end=2027)
    t = next(t for t in ts if t.value == 30)
    assert t.scope_name == "双桥工业园区"


def test_full_coverage_names_the_coverage_rate():
    # 全覆盖 is a share of 100%: the indicator is the coverage rate, not a count of what is covered
    ts = _targets("到2026年，推动规上工业企业研发机构全覆盖。\n", region="江北区", start=2022, end=2026)
    t = next(t for t in ts if t.value == 100)
    assert t.indicator_text.endswith("覆盖率") and t.unit == "%"


def test_coverage_rate_already_named_is_not_doubled():
    ts = _targets("到2026年，工业园区5G网络覆盖率实现全覆盖。\n", region="江北区", start=2022, end=2026)
    t = next(t for t in ts if t.value == 100)
    assert t.indicator_text.count("覆盖") == 1
