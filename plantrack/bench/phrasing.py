"""Phrasing: how a plan or a release words an indicator and a value, and the documents built of it.

Each document is built from blocks (title, paragraphs, tables) with phrasings drawn at random from
the real corpus's repertoire. Every value written is recorded as the gold row a careful reader
would extract (targets and actuals in the format of shared/labelled).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from plantrack.bench.catalog import catalog_id
from plantrack.bench.world import Indicator, Region, World, fmt

DOC_KINDS = {"plan": 0.28, "opinions": 0.06, "government_report": 0.07, "execution_report": 0.04,
             "bulletin": 0.22, "economic_report": 0.24, "work_review": 0.09}
PLAN_PERIODS = [(2016, 2020), (2021, 2025), (2023, 2027), (2024, 2026), (2022, 2025), (2026, 2030)]
FIVE_YEAR_NAMES = {(2016, 2020): "十三五", (2021, 2025): "十四五", (2026, 2030): "十五五"}
# 经济运行情况 periods: part of a year (never judges a full-year target), and sometimes the whole year
PARTIAL_PERIODS = ["一季度", "上半年", "1—7月", "前三季度", "1-11月", "1—5月", "全年"]
# Sub-areas a note may exclude: (不含万盛经开区); {short} is the region's first two characters
SUB_AREAS = ["{short}经开区", "{short}高新区", "{short}工业园区", "万盛经开区"]
SYNONYM_SHARE = 0.35  # an indicator written in another of the catalog's wordings
NOTE_SHARE = 0.12  # a release value carrying a note in brackets
TRAP_SHARE = 0.25  # a release paragraph with a value that must not judge this region's targets
TRADITIONAL_SHARE = 0.15  # documents reposted in traditional characters
CN_DIGITS = {2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}

# Count nouns a plan or release may name outside the catalog (as real documents do).
COUNT_NOUNS = [("数字化车间", "个"), ("智能工厂", "个"), ("绿色工厂", "家"), ("专精特新企业", "家"),
               ("市级企业技术中心", "家"), ("工业互联网平台", "个"), ("“小巨人”企业", "家"),
               ("高新技术企业", "家"), ("链主企业", "家"), ("市级工业设计中心", "个"), ("5G基站", "个"),
               ("标准厂房项目", "个"), ("创新型企业", "家"), ("上市工业企业", "家"), ("绿色园区", "个")]

FILLER_A = ["坚持创新驱动发展", "深化供给侧结构性改革", "聚焦主导产业", "统筹发展和安全", "坚持绿色低碳发展",
            "强化企业主体地位", "深入实施制造强区战略", "坚持市场主导与政府引导相结合", "深化数字赋能",
            "坚持集群化发展方向", "推动产业基础高级化", "着力优化营商环境"]
FILLER_B = ["加快构建现代产业体系", "推动制造业高端化智能化绿色化发展", "不断提升产业链供应链韧性和安全水平",
            "培育壮大新兴产业", "推动传统产业转型升级", "促进数字经济和实体经济深度融合", "完善园区配套功能",
            "提升企业核心竞争力", "加快形成新质生产力", "构建协同高效的创新体系", "提升产业承载能力"]
FILLER_C = ["为建设现代化新城提供坚实支撑", "切实增强发展后劲", "确保各项任务落地见效", "形成上下联动的工作格局",
            "营造全社会支持制造业发展的良好氛围", "推动工业经济行稳致远", "不断增强人民群众获得感",
            "持续释放发展活力", "夯实高质量发展基础"]
SECTION_HEADS = ["总体要求", "重点任务", "保障措施", "发展基础", "主要任务", "组织实施", "政策支持", "发展环境"]
CN_ORDINALS = "一二三四五六七八九十"


@dataclass
class Doc:
    """One document before rendering: blocks plus the gold rows it contains."""

    kind: str
    region: Region
    year: int
    title: str
    blocks: list[tuple[str, object]] = field(default_factory=list)  # ("p", str) | ("table", rows)
    targets: list[dict] = field(default_factory=list)
    actuals: list[dict] = field(default_factory=list)
    traditional: bool = False



def cn_count(n: int) -> str:
    return CN_DIGITS.get(n, str(n))


def filler(rng: random.Random, sentences: int) -> str:
    return "".join(f"{rng.choice(FILLER_A)}，{rng.choice(FILLER_B)}，{rng.choice(FILLER_C)}。"
                   for _ in range(sentences))


def _unit_written(ind: Indicator, v: float, rng: random.Random) -> tuple[str, str]:
    """Value text and unit as a document writes them: small money amounts sometimes in 万元."""
    if ind.unit == "亿元" and v < 20 and rng.random() < 0.4:
        return fmt(v * 10000, 0), "万元"
    if ind.shape == "count":
        return fmt(v, 0), ind.unit
    return fmt(v, 2 if ind.shape == "intensity" else 1), ind.unit


def _stem(name: str) -> str:
    for suffix in ("增速", "增长"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def written_name(ind: Indicator, rng: random.Random) -> str:
    """The catalog name, or (a third of the time) one of the other wordings the catalog reads as it."""
    return rng.choice(ind.written) if ind.written and rng.random() < SYNONYM_SHARE else ind.name


def tag(rows: list[dict], ind: Indicator, **extra: object) -> None:
    """What the generator knows about a gold row beyond its CSV columns (for the truth of judgements)."""
    for row in rows:
        row.setdefault("_id", ind.indicator_id)
        row.setdefault("_lower_better", ind.lower_better)
        row.setdefault("_shape", ind.shape)
        for k, v in extra.items():
            row.setdefault(k, v)


def target_clause(doc: Doc, ind: Indicator, world: World, rng: random.Random, year: int, base_year: int) -> str:
    """One clause setting a target for `ind` by `year`, in one of the corpus's phrasings."""
    n = len(doc.targets)
    text = _target_clause(doc, ind, world, rng, year, base_year)
    tag(doc.targets[n:], ind, _base_year=base_year)
    return text


def release_clause(doc: Doc, ind: Indicator, world: World, rng: random.Random, year: int, whole: str) -> str:
    """One clause reporting `ind` for `year`, with the scope, verb and note words releases use."""
    n = len(doc.actuals)
    text = _release_clause(doc, ind, world, rng, year, whole)
    tag(doc.actuals[n:], ind)
    return text


def _target(doc: Doc, indicator: str, unit: str, comparator: str, value: str, year: int | None, kind: str,
            high: str = "", baseline_year: int | None = None, baseline_value: str = "", attribute: str = "") -> dict:
    row = {"region": doc.region.name, "indicator_text": indicator, "unit": unit, "comparator": comparator,
           "target_value": value, "target_high": high, "target_year": year or "",
           "baseline_year": baseline_year or "", "baseline_value": baseline_value, "kind": kind,
           "attribute": attribute}
    doc.targets.append(row)
    return row


def _actual(doc: Doc, indicator: str, unit: str, value: str, year: int, kind: str, region: str = "") -> None:
    doc.actuals.append({"region": region or doc.region.name, "period_year": year, "indicator_text": indicator,
                        "unit": unit, "value": value, "kind": kind})


# ---------------------------------------------------------------- target clauses (prose)

def _target_clause(doc: Doc, ind: Indicator, world: World, rng: random.Random, year: int, base_year: int) -> str:
    """One clause setting a target for `ind` by `year`, in one of the corpus's phrasings."""
    name = written_name(ind, rng)
    slack = rng.uniform(0.9, 1.15)
    v = world.value(doc.region, ind, year)
    if ind.shape == "growth":
        g = fmt(abs(v) if v > 1 else rng.uniform(4, 9), 1)
        if rng.random() < 0.5:
            _target(doc, _stem(name) + "年均增长", "%", "~", g, year, "growth_rate")
            return f"{_stem(name)}年均增长{g}%左右"
        _target(doc, _stem(name) + "年均增长", "%", ">=", g, year, "growth_rate")
        return f"{_stem(name)}年均增长{g}%以上"
    if ind.shape == "share":
        t = fmt(min(v * slack, 99), 1)
        form = rng.randrange(4)
        if form == 0:
            _target(doc, name, "%", "~", t, year, "share")
            return f"{name}稳定在{t}%左右"
        if form == 1:
            _target(doc, name, "%", ">=", t, year, "share")
            return f"{name}提高至{t}%以上"
        if form == 2:
            _target(doc, name, "%", ">=", t, year, "share")
            return f"{name}不低于{t}%"
        _target(doc, name, "%", "=", t, year, "share")
        return f"{name}提高至{t}%"
    if ind.shape == "intensity" and ind.lower_better:
        if rng.random() < 0.5:
            drop = fmt(rng.choice([10, 13.5, 15, 16, 18, 20]), 1)
            _target(doc, name + "累计下降", "%", "=", "-" + drop, year, "change_vs_base", baseline_year=base_year)
            return f"{name}较{base_year}年累计下降{drop}%"
        t = fmt(v * slack, 2)
        _target(doc, name, ind.unit, "<=", t, year, "level")
        return f"{name}不高于{t}{ind.unit}"
    if ind.shape == "count":
        n = max(2, round(v * slack))
        form = rng.randrange(3)
        if form == 0:
            _target(doc, name, ind.unit, ">=", str(n), year, "level")
            return f"{name}达到{n}{ind.unit}以上"
        if form == 1:
            _target(doc, name, ind.unit, ">", str(n), year, "level")
            return f"{name}超{n}{ind.unit}"
        _target(doc, name, ind.unit, "=", str(n), year, "level")
        return f"{name}达到{n}{ind.unit}"
    value, unit = _unit_written(ind, v * slack, rng)
    form = rng.randrange(3)
    if form == 0:
        _target(doc, name, unit, "=", value, year, "level")
        return f"{name}达到{value}{unit}"
    if form == 1:
        _target(doc, name, unit, ">=", value, year, "level")
        return f"{name}达到{value}{unit}以上"
    _target(doc, name, unit, ">", value, year, "level")
    return f"{name}超{value}{unit}"


def pair_clause(doc: Doc, a: Indicator, b: Indicator, world: World, rng: random.Random, year: int) -> str:
    """Two shares in one list: ‘A、B分别提高至x%、y%’."""
    va = fmt(min(world.value(doc.region, a, year) * rng.uniform(0.95, 1.1), 99), 1)
    vb = fmt(min(world.value(doc.region, b, year) * rng.uniform(0.95, 1.1), 99), 1)
    _target(doc, a.name, "%", "=", va, year, "share")
    tag(doc.targets[-1:], a)
    _target(doc, b.name, "%", "=", vb, year, "share")
    tag(doc.targets[-1:], b)
    return f"{a.name}、{b.name}分别提高至{va}%、{vb}%"


def count_clause(doc: Doc, rng: random.Random, year: int) -> str:
    """Counting targets on nouns a plan names (in the catalog or not): cumulative, range, per-year."""
    n = len(doc.targets)
    text = _count_clause(doc, rng, year)
    # the catalog reads the noun the clause names, when it knows it
    ind_id = next((catalog_id(noun) for noun, _ in COUNT_NOUNS if noun in text), "")
    for row in doc.targets[n:]:
        row.update(_id=ind_id, _shape="count", _lower_better=False)
    return text


def _count_clause(doc: Doc, rng: random.Random, year: int) -> str:
    """Counting targets outside the catalog: cumulative, range, per-year, Chinese numerals."""
    noun, unit = rng.choice(COUNT_NOUNS)
    form = rng.randrange(5)
    if form == 0:
        n = rng.randint(5, 120)
        _target(doc, "新建" + noun, unit, "=", str(n), year, "cumulative")
        return f"累计新建{noun}{n}{unit}"
    if form == 1:
        lo = rng.randint(1, 4)
        hi = lo + rng.randint(1, 3)
        _target(doc, "培育" + noun, unit, "range", str(lo), year, "level", high=str(hi))
        doc.targets[-1]["_judge_as"] = "cumulative"  # 培育 counts new ones over the plan, whatever the gold kind
        return f"培育{noun}{lo}－{hi}{unit}"
    if form == 2:
        n = rng.randint(2, 15)
        _target(doc, "每年新增" + noun, unit, ">=", str(n), None, "annual")
        return f"每年新增{noun}{n}{unit}以上"
    if form == 3:
        n = rng.randint(2, 10)
        _target(doc, "建成" + noun, unit, "=", str(n), year, "cumulative")
        return f"建成{cn_count(n)}{unit}{noun}"
    n = rng.randint(10, 300)
    _target(doc, "新培育" + noun, unit, ">=", str(n), year, "cumulative")
    return f"新培育{noun}{n}{unit}以上"


def distractor(rng: random.Random, region: Region) -> str:
    """Numbers a careful reader does not record as targets or actuals."""
    return rng.choice([
        f"对新认定的国家级企业技术中心，给予一次性奖励{rng.choice([20, 30, 50, 100])}万元。",
        f"对首次入选全国制造业单项冠军的企业，最高给予{rng.choice([50, 100, 200])}万元奖励。",
        f"{region.name}工业投资增速比全市高{fmt(rng.uniform(0.5, 4), 1)}个百分点，居全市第{rng.choice('二三四五')}位。",
        f"研究制定第{rng.choice('一二三')}批重点项目清单，实行“一企一策”。",
    ])


# ---------------------------------------------------------------- document builders

def _section(doc: Doc, n: int, head: str) -> None:
    doc.blocks.append(("p", f"{CN_ORDINALS[n]}、{head}"))


def build_plan(doc: Doc, world: World, indicators: list[Indicator], rng: random.Random, start: int, end: int,
               size: float) -> None:
    base = start - 1
    region = doc.region
    doc.blocks.append(("p", f"{region.name}人民政府办公室"))
    doc.blocks.append(("p", f"{region.name[:2]}府办发〔{start}〕{rng.randint(10, 200)}号"))
    doc.blocks.append(("p", f"为深入贯彻落实党中央、国务院和上级关于推进新型工业化的决策部署，{filler(rng, 1)}结合{region.name}实际，制定本方案。"))
    _section(doc, 0, "总体要求")
    doc.blocks.append(("p", "（一）指导思想"))
    for _ in range(max(1, round(4 * size))):
        doc.blocks.append(("p", filler(rng, rng.randint(3, 8))))
    doc.blocks.append(("p", "（二）发展目标"))
    pool = rng.sample(indicators, k=min(len(indicators), 10 + round(6 * size)))
    prose, table_inds = pool[: len(pool) // 2], pool[len(pool) // 2:]
    lead = rng.choice([f"到{end}年，", f"力争到{end}年，", f"{end}年，"])
    themes = ["规模能级实现新突破", "创新赋能实现新突破", "结构优化取得新进展", "绿色低碳转型取得新成效"]
    i = 0
    for theme in rng.sample(themes, k=3):
        clauses = []
        for _ in range(rng.randint(1, 3)):
            if i >= len(prose):
                break
            ind = prose[i]
            i += 1
            clauses.append(target_clause(doc, ind, world, rng, end, base))
        shares = [x for x in prose[i:] if x.shape == "share"]
        if len(shares) < 2:  # a list of two shares the plan names nowhere else
            others = [x for x in indicators if x.shape == "share" and x not in pool]
            shares = rng.sample(others, k=2) if len(others) >= 2 else []
        if len(shares) >= 2 and rng.random() < 0.4:
            clauses.append(pair_clause(doc, shares[0], shares[1], world, rng, end))
            prose = [x for x in prose if x not in shares[:2]]
        if rng.random() < 0.6:
            clauses.append(count_clause(doc, rng, end))
        if clauses:
            opener = rng.choice([f"——{theme}。", f"（{CN_ORDINALS[len(doc.blocks) % 10]}）{theme}。", ""])
            doc.blocks.append(("p", f"{opener}{lead if not opener else ''}{'，'.join(clauses)}。"))
    plan_table(doc, world, table_inds, rng, base, end)
    for k, head in enumerate(rng.sample(SECTION_HEADS[1:], k=3), start=1):
        _section(doc, k, head)
        for j in range(max(1, round(10 * size))):
            text = filler(rng, rng.randint(4, 9))
            if rng.random() < 0.25:
                text += f"到{end}年，{count_clause(doc, rng, end)}。"
            if rng.random() < 0.15:
                text += distractor(rng, region)
            doc.blocks.append(("p", f"（{CN_ORDINALS[j % 10]}）{text}"))
    doc.blocks.append(("p", f"{region.name}人民政府办公室"))
    doc.blocks.append(("p", f"{start}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"))


def plan_table(doc: Doc, world: World, inds: list[Indicator], rng: random.Random, base: int, end: int) -> None:
    """The main-indicators table: unit in the name or in its own column, 预期性/约束性, 【】, ≥."""
    if not inds:
        return
    unit_column = rng.random() < 0.5
    doc.blocks.append(("p", f"表1 {doc.region.name}主要发展指标"))
    head = (["序号", "指标名称", "单位", f"{base}年", f"{end}年", "指标属性"] if unit_column
            else ["类别", "指标", "指标属性", f"{base}年", f"{end}年"])
    rows = [head]
    cumulative_seen = False
    for n, ind in enumerate(inds, start=1):
        name = written_name(ind, rng)
        binding = ind.lower_better or rng.random() < 0.15
        attribute = "约束性" if binding else "预期性"
        b = world.value(doc.region, ind, base)
        t = world.value(doc.region, ind, end) * rng.uniform(0.95, 1.12)
        kind = {"share": "share", "growth": "growth_rate"}.get(ind.shape, "level")
        comparator = "="
        if ind.shape == "growth":
            b_text, t_text = "——", fmt(abs(t) if t > 1 else 6.0, 1)
        elif ind.shape == "count":
            b_text, t_text = fmt(b, 0), fmt(max(b + 1, round(t)), 0)
            form = rng.random()
            if form < 0.25:
                t_text, kind, cumulative_seen = f"【{t_text}】", "cumulative", True
            elif form < 0.4:
                t_text, kind = f"{t_text}（新增）", "cumulative"
        elif ind.shape == "share":
            b_text, t_text = fmt(b, 1), fmt(min(t, 99), 1)
            if rng.random() < 0.3:
                comparator, t_text = ">=", "≥" + t_text
        else:
            b_text, t_text = fmt(b, 2 if ind.shape == "intensity" else 1), fmt(t, 2 if ind.shape == "intensity" else 1)
            if ind.lower_better:
                comparator, t_text = "<=", "≤" + fmt(b * 0.9, 2)
            elif rng.random() < 0.15:
                comparator, t_text = ">", "＞" + t_text
        value = t_text.strip("【】≥≤＞").replace("（新增）", "")
        _target(doc, name, ind.unit, comparator, value, end, kind, baseline_year=base if b_text != "——" else None,
                baseline_value=b_text if b_text != "——" else "", attribute="binding" if binding else "expected")
        if b_text != "——":
            _actual(doc, name, ind.unit, b_text, base, "share" if ind.shape == "share" else "level")
        tag(doc.targets[-1:] + (doc.actuals[-1:] if b_text != "——" else []), ind)
        if unit_column:
            rows.append([str(n), name, ind.unit, b_text, t_text, attribute])
        else:
            rows.append(["" if n > 1 else "主要指标", f"{name}（{ind.unit}）", attribute, b_text, t_text])
    doc.blocks.append(("table", rows))
    if cumulative_seen:
        doc.blocks.append(("p", "注：【】内为规划期累计数。"))


def _release_clause(doc: Doc, ind: Indicator, world: World, rng: random.Random, year: int, whole: str,
                    region: Region | None = None) -> str:
    """`region`: another place's value written in this document (a trap: it is that place's actual)."""
    place = region or doc.region
    name = written_name(ind, rng)
    v = world.value(place, ind, year)
    # how a release says whose value it is and how it was reached: 全区 / 我区 / the name; 实现 / 完成 / 达到
    scope = place.name if region else rng.choice([whole, "我" + whole[1:], place.name, "", ""])
    # totals are 实现 / 完成 / 达到 and may leave out a sub-area (不含…); rates and intensities are not
    total = ind.shape == "money"
    verb = rng.choice(["实现", "完成", "达到", ""]) if total else ""
    note = (f"（不含{rng.choice(SUB_AREAS).format(short=place.name[:2])}）"
            if total and scope and rng.random() < NOTE_SHARE else "")
    rows_region = {"region": place.name} if region else {}
    if ind.shape == "growth":
        _actual(doc, _stem(name) + "增长", "%", fmt(v, 1), year, "yoy_growth", **rows_region)
        return f"{scope}{note}{_stem(name)}{'增长' if v >= 0 else '下降'}{fmt(abs(v), 1)}%"
    if ind.shape == "share":
        _actual(doc, name, "%", fmt(v, 1), year, "share", **rows_region)
        return f"{scope}{name}{rng.choice(['为', '达到'])}{fmt(v, 1)}%"
    if ind.shape == "count":
        prev = world.value(place, ind, year - 1)
        new = int(v - prev)
        said = cn_count(new) if 0 < new <= 10 and rng.random() < 0.3 else str(new)
        form = rng.random()
        if new > 0 and form < 0.4:
            _actual(doc, "新增" + name, ind.unit, str(new), year, "new_in_period", **rows_region)
            _actual(doc, name, ind.unit, fmt(v, 0), year, "cumulative", **rows_region)
            return f"{scope}新增{name}{said}{ind.unit}，累计达到{fmt(v, 0)}{ind.unit}"
        if new > 0 and form < 0.4 + TRAP_SHARE:
            # a count of new ones only: never the stock a level target asks for
            _actual(doc, "新增" + name, ind.unit, str(new), year, "new_in_period", **rows_region)
            return f"{scope}{rng.choice(['新增', '新认定', '新培育'])}{name}{said}{ind.unit}"
        _actual(doc, name, ind.unit, fmt(v, 0), year, "level", **rows_region)
        return f"{scope}{name}达到{fmt(v, 0)}{ind.unit}"
    value, unit = _unit_written(ind, v, rng)
    g = (v / world.value(place, ind, year - 1) - 1) * 100
    _actual(doc, name, unit, value, year, "level", **rows_region)
    _actual(doc, name + "同比增长", "%", fmt(g if g >= 0 else g, 1), year, "yoy_growth", **rows_region)
    comparable = rng.choice(["", "", "", "按可比价格计算，"]) if g >= 0 else ""
    if g >= 0:
        return f"{scope}{note}{verb}{name}{value}{unit}，{comparable}{rng.choice(['同比增长', '比上年增长', '增长'])}{fmt(g, 1)}%"
    return f"{scope}{note}{verb}{name}{value}{unit}，{rng.choice(['同比下降', '比上年下降'])}{fmt(-g, 1)}%"


def trap_clause(doc: Doc, world: World, indicators: list[Indicator], picks: list[Indicator],
                rng: random.Random, year: int, others: list[Region]) -> str:
    """A value an analyst must not judge this region's target with: another measure of the same subject
    (营业收入 for 产值), or another place's value; gold rows say what they are."""
    siblings = [x for p in picks for x in indicators
                if p.subject and x.subject == p.subject and x.measure_family != p.measure_family and x not in picks]
    other = [r for r in others if r != doc.region]
    if siblings and (rng.random() < 0.5 or not other):
        sib = rng.choice(siblings)
        n = len(doc.actuals)
        text = _release_clause(doc, sib, world, rng, year, doc.region.whole)
        tag(doc.actuals[n:], sib, _trap="other_measure")
        return text
    if not other:
        return ""
    place, ind = rng.choice(other), rng.choice(picks)
    n = len(doc.actuals)
    text = _release_clause(doc, ind, world, rng, year, doc.region.whole, region=place)
    tag(doc.actuals[n:], ind, _trap="other_region")
    return rng.choice(["同期，", "相比之下，"]) + text


def build_release(doc: Doc, world: World, indicators: list[Indicator], rng: random.Random, size: float,
                  period: str | None, others: list[Region] = ()) -> None:
    region, year = doc.region, doc.year
    whole = region.whole
    picks = rng.sample(indicators, k=min(len(indicators), 6 + round(8 * size)))
    if doc.kind == "bulletin":
        doc.blocks.append(("p", f"{region.name}统计局"))
        doc.blocks.append(("p", f"{year + 1}年3月{rng.randint(1, 28)}日"))
    paragraphs = []
    full_year = period in (None, "全年")
    for k, chunk in enumerate(picks[k:k + 3] for k in range(0, len(picks), 3)):
        n = len(doc.actuals)
        clauses = [release_clause(doc, ind, world, rng, year, whole) for ind in chunk]
        if rng.random() < TRAP_SHARE:
            clauses.append(trap_clause(doc, world, indicators, chunk, rng, year, list(others)))
        tag(doc.actuals[n:], chunk[0], _full_year=full_year, _period=period or "全年")
        lead = {"bulletin": rng.choice(["全年", "年末", "", "初步核算，", f"{year}年，"]),
                "economic_report": f"{period}，" if k == 0 or rng.random() < 0.5 else "",
                "work_review": f"{year}年，"}.get(doc.kind, "")
        text = lead + "，".join(c for c in clauses if c) + "。"
        if rng.random() < 0.2:
            text += distractor(rng, region)
        paragraphs.append(text)
    heads = ["综合", "工业", "固定资产投资", "创新发展", "绿色发展"]
    for n, text in enumerate(paragraphs):
        if doc.kind != "work_review" and n < len(heads) and rng.random() < 0.7:
            doc.blocks.append(("p", f"{CN_ORDINALS[n]}、{heads[n]}"))
        doc.blocks.append(("p", text))
        doc.blocks.append(("p", filler(rng, rng.randint(2, 3 + round(6 * size)))))
    if doc.kind == "economic_report":
        doc.blocks.append(("p", "注：规模以上工业统计范围为年主营业务收入2000万元及以上的工业法人单位。"))


def build_government_report(doc: Doc, world: World, indicators: list[Indicator], rng: random.Random,
                            size: float) -> None:
    """Last year's results (actuals) and this year's expected goals (targets), per statement; a
    计划执行情况 report reads the same way (the plan executed last year, the draft for this one)."""
    region, year = doc.region, doc.year
    if doc.kind == "execution_report":
        doc.blocks.append(("p", f"——{year}年1月{rng.randint(5, 28)}日在{region.name}第十八届人民代表大会第{rng.choice('二三四五')}次会议上"))
        doc.blocks.append(("p", f"{region.name}发展和改革委员会"))
        doc.blocks.append(("p", f"一、{year - 1}年国民经济和社会发展计划执行情况"))
    else:
        doc.blocks.append(("p", f"——{year}年1月{rng.randint(5, 28)}日在{region.name}第十八届人民代表大会第{rng.choice('二三四五')}次会议上"))
        doc.blocks.append(("p", "各位代表："))
        doc.blocks.append(("p", f"现在，我代表{region.name}人民政府，向大会报告政府工作，请予审议。"))
        doc.blocks.append(("p", f"一、{year - 1}年工作回顾"))
    picks = rng.sample(indicators, k=min(len(indicators), 6 + round(4 * size)))
    half = len(picks) // 2
    n = len(doc.actuals)
    doc.blocks.append(("p", f"过去一年，{filler(rng, 1)}" + "，".join(
        release_clause(doc, ind, world, rng, year - 1, region.whole) for ind in picks[:half]) + "。"))
    tag(doc.actuals[n:], picks[0], _full_year=True, _period="全年")
    doc.blocks.append(("p", filler(rng, max(1, round(6 * size)))))
    doc.blocks.append(("p", f"二、{year}年主要目标任务" if doc.kind == "government_report"
                       else f"二、{year}年国民经济和社会发展计划草案"))
    goals = [x for x in picks[half:] if x.shape in ("growth", "share", "money")] or picks[half:]
    doc.blocks.append(("p", "今年经济社会发展的主要预期目标是：" + "，".join(
        target_clause(doc, ind, world, rng, year, year - 1) for ind in goals) + "。"))
    doc.blocks.append(("p", filler(rng, max(1, round(6 * size)))))


def make_doc(kind: str, region: Region, world: World, indicators: list[Indicator], rng: random.Random,
             others: list[Region] = ()) -> Doc:
    """One document of `kind` about `region`; `others`: places whose values a release may also cite.
    A share of documents is written in traditional characters (a repost); the gold stays simplified."""
    doc = _make_doc(kind, region, world, indicators, rng, others)
    if rng.random() < TRADITIONAL_SHARE:
        convert = _s2t()
        doc.title = convert(doc.title)
        doc.blocks = [(k, convert(b) if k == "p" else [[convert(c) for c in row] for row in b]) for k, b in doc.blocks]
        doc.traditional = True
    return doc


@lru_cache(maxsize=1)
def _s2t() -> Callable[[str], str]:
    import opencc  # 0.35 s once to build the converter

    return opencc.OpenCC("s2t").convert


def _make_doc(kind: str, region: Region, world: World, indicators: list[Indicator], rng: random.Random,
              others: list[Region] = ()) -> Doc:
    size = rng.uniform(0.4, 1.6)
    if kind in ("plan", "opinions"):
        start, end = rng.choice(PLAN_PERIODS)
        name = FIVE_YEAR_NAMES.get((start, end))
        if kind == "opinions":
            title = f"关于加快推进{region.name}新型工业化的实施意见（{start}—{end}年）"
        else:
            title = rng.choice([t for t in (
                f"{region.name}制造业高质量发展行动方案（{start}－{end}年）",
                f"{region.name}推动数字经济高质量发展实施方案（{start}—{end}年）",
                f"{region.name}{start}—{end}年工业绿色低碳发展行动计划",
                f"{region.name}“{name}”工业和信息化发展规划（{start}—{end}年）" if name else None) if t])
        doc = Doc(kind, region, start, title)
        build_plan(doc, world, indicators, rng, start, end, size)
        for row in doc.targets:  # a plan's base year is the year before it starts, unless a target says
            row.setdefault("_base_year", row["baseline_year"] or start - 1)
        return doc
    year = rng.randint(2016, 2025)
    if kind in ("government_report", "execution_report"):
        title = (f"{region.name}{year}年政府工作报告" if kind == "government_report" else
                 f"关于{region.name}{year - 1}年国民经济和社会发展计划执行情况与{year}年计划草案的报告")
        doc = Doc(kind, region, year, title)
        build_government_report(doc, world, indicators, rng, size)
        return doc
    period = rng.choice(PARTIAL_PERIODS) if kind == "economic_report" else None
    title = {"bulletin": f"{region.name}{year}年国民经济和社会发展统计公报",
             "economic_report": f"{region.name}{year}年{period}经济运行情况",
             "work_review": f"{region.name}经济信息委{year}年工作回眸"}[kind]
    doc = Doc(kind, region, year, title)
    build_release(doc, world, indicators, rng, size, period, others)
    return doc

