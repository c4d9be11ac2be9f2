"""What each kind of document says, and what a careful analyst reads from it (the expected facts).

One function per kind of document. Each writes the text the way that kind is written in the wild and
records, beside every number, what it is: a value (indicator, unit, year, period) or not a value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .world import Place, amount, growth, rng_for

CN_DIGITS = "〇一二三四五六七八九十"


@dataclass(frozen=True)
class Fact:
    statement: str  # target | actual
    indicator: str
    value: str  # as written
    unit: str
    measure: str  # target_kind or actual measure
    year: int | None
    period_label: str | None = None  # actuals: 全年 | 年末 | 上半年 | 1-7月 | 1-5月
    attribute: str | None = None  # targets of an indicator table: expected (预期性) | binding (约束性)


@dataclass
class Spec:
    """A document before rendering: metadata, its blocks, and what it states."""
    place: Place
    doc_type: str
    title: str
    issuer: str
    issued_on: date
    date_line: str  # how the text itself dates the document (a web page's metadata block replaces it)
    period_year: int | None
    period_label: str | None
    blocks: list[str | list[list[str]]] = field(default_factory=list)  # paragraphs and tables
    facts: list[Fact] = field(default_factory=list)
    non_values: list[str] = field(default_factory=list)  # numbers as written that are not values
    plan_end_year: int | None = None


def _cn(n: int) -> str:
    return CN_DIGITS[n] if n <= 10 else "十" + CN_DIGITS[n - 10]


def half_year_report(place: Place, year: int) -> Spec:
    """A statistics bureau's 上半年经济运行情况: values are H1 unless they say otherwise (1-5月)."""
    r = rng_for(place.code, year, "h1")
    gdp, g, ind, profit, gp = amount(r, 80, 600), growth(r), growth(r), amount(r, 3, 30), growth(r, 10, 40)
    gap, u = growth(r, 0.2, 1.5), place.unit
    s = Spec(place, "economic_report", f"{year}年上半年{place.name}经济运行情况", f"{place.name}统计局",
             date(year, 7, 20 + r.randint(0, 8)), "", year, "上半年")
    s.date_line = f"{s.issued_on.year}年{s.issued_on.month}月{s.issued_on.day}日"
    s.blocks = [
        f"上半年，全{u}实现地区生产总值{gdp}亿元，同比增长{g}%，高于全省平均水平{gap}个百分点。",
        "一、工业生产稳中有进",
        f"全{u}规模以上工业增加值同比增长{ind}%。1-5月，规模以上工业企业实现利润总额{profit}亿元，同比增长{gp}%。",
    ]
    s.facts = [Fact("actual", "地区生产总值", gdp, "亿元", "level", year, "上半年"),
               Fact("actual", "地区生产总值增长", g, "%", "yoy_growth", year, "上半年"),
               Fact("actual", "规模以上工业增加值增长", ind, "%", "yoy_growth", year, "上半年"),
               Fact("actual", "规模以上工业企业利润总额", profit, "亿元", "level", year, "1-5月"),
               Fact("actual", "规模以上工业企业利润总额增长", gp, "%", "yoy_growth", year, "1-5月")]
    s.non_values = [gap]
    return s


def january_to_july_report(place: Place, year: int) -> Spec:
    """A 1-7月 report published in September: 今年以来 is January to July of the issue year."""
    r = rng_for(place.code, year, "1-7")
    ind, retail, gr, inv = growth(r), amount(r, 40, 400), growth(r), growth(r, -3, 12)
    u = place.unit
    s = Spec(place, "economic_report", f"{place.name}{year}年1-7月经济运行简况", f"{place.name}统计局",
             date(year, 9, 25), f"发布时间：{year}-09-25", year, "1-7月")
    s.blocks = [
        f"1-7月，全{u}规模以上工业增加值同比增长{ind}%。社会消费品零售总额{retail}亿元，同比增长{gr}%。",
        f"今年以来，全{u}固定资产投资同比增长{inv}%。",
    ]
    s.facts = [Fact("actual", "规模以上工业增加值增长", ind, "%", "yoy_growth", year, "1-7月"),
               Fact("actual", "社会消费品零售总额", retail, "亿元", "level", year, "1-7月"),
               Fact("actual", "社会消费品零售总额增长", gr, "%", "yoy_growth", year, "1-7月"),
               Fact("actual", "固定资产投资增长", inv, "%", "yoy_growth", year, "1-7月")]
    return s


def execution_report(place: Place, year: int) -> Spec:
    """A 计划执行情况 report on `year`, presented in January of the next: its 今年 is `year`, not the
    issue year; "目标X，完成Y" states a target and an actual; comparisons with the plan are neither."""
    r = rng_for(place.code, year, "exec")
    g, above, ind, share, inv_t, inv, rev, next_g = (growth(r), growth(r, 0.2, 1.5), growth(r), str(r.randint(95, 120)),
                                                   growth(r, 6, 10), growth(r, 2, 6), amount(r, 10, 90), growth(r, 5, 7))
    u = place.unit
    s = Spec(place, "execution_report", f"关于{place.name}{year}年国民经济和社会发展计划执行情况与{year + 1}年计划草案的报告",
             f"{place.name}发展和改革委员会", date(year + 1, 1, 10 + r.randint(0, 8)), "", year, "全年")
    s.date_line = (f"——{year + 1}年1月{s.issued_on.day}日在{place.name}第{_cn(r.randint(16, 19))}届人民代表大会"
                   f"第{_cn(r.randint(2, 5))}次会议上")
    s.blocks = [
        f"一、{year}年计划执行情况",
        f"今年以来，全{u}地区生产总值增长{g}%，高于计划目标{above}个百分点；规模以上工业增加值增长{ind}%，"
        f"完成年度目标的{share}%；固定资产投资目标增长{inv_t}%，完成增长{inv}%；一般公共预算收入{rev}亿元。",
        f"二、{year + 1}年计划安排",
        f"{year + 1}年主要预期目标：地区生产总值增长{next_g}%左右。",
    ]
    s.facts = [Fact("actual", "地区生产总值增长", g, "%", "yoy_growth", year, "全年"),
               Fact("actual", "规模以上工业增加值增长", ind, "%", "yoy_growth", year, "全年"),
               Fact("target", "固定资产投资增长", inv_t, "%", "growth_rate", year),
               Fact("actual", "固定资产投资增长", inv, "%", "yoy_growth", year, "全年"),
               Fact("actual", "一般公共预算收入", rev, "亿元", "level", year, "全年"),
               Fact("target", "地区生产总值增长", next_g, "%", "growth_rate", year + 1)]
    s.non_values = [above, share]
    return s


def statistical_bulletin(place: Place, year: int) -> Spec:
    """A 统计公报: footnote markers and a figure caption's years are not values."""
    r = rng_for(place.code, year, "bulletin")
    gdp, g, first, pop, urb = amount(r, 100, 900), growth(r), amount(r, 10, 90), amount(r, 20, 120), amount(r, 45, 80)
    u = place.unit
    s = Spec(place, "bulletin", f"{place.name}{year}年国民经济和社会发展统计公报", f"{place.name}统计局",
             date(year + 1, 3, 20 + r.randint(0, 8)), "", year, "全年")
    s.date_line = f"{s.issued_on.year}年{s.issued_on.month}月{s.issued_on.day}日"
    s.blocks = [
        "一、综合",
        f"初步核算，全年全{u}实现地区生产总值【1】{gdp}亿元，比上年增长{g}%。其中，第一产业增加值{first}亿元。",
        f"注：图1中{year - 4}年数据按第五次全国经济普查结果调整。",
        f"年末全{u}常住人口{pop}万人，城镇化率{urb}%。",
    ]
    s.facts = [Fact("actual", "地区生产总值", gdp, "亿元", "level", year, "全年"),
               Fact("actual", "地区生产总值增长", g, "%", "yoy_growth", year, "全年"),
               Fact("actual", "第一产业增加值", first, "亿元", "level", year, "全年"),
               # 年末 governs the sentence: the population and urbanisation rate are counted on the last day of the year
               Fact("actual", "常住人口", pop, "万人", "level", year, "年末"),
               Fact("actual", "城镇化率", urb, "%", "share", year, "年末")]
    s.non_values = ["1", str(year - 4)]
    return s


def government_work_report(place: Place, year: int) -> Spec:
    """A 政府工作报告 given in January of `year`: it reviews year-1 and sets year's targets (今年)."""
    r = rng_for(place.code, year, "gwr")
    gdp, g, ind, rank, t_g, t_rev = amount(r, 100, 900), growth(r), growth(r), r.randint(2, 9), growth(r, 5, 7), growth(r, 3, 6)
    u, last = place.unit, year - 1
    s = Spec(place, "government_report", f"{year}年{place.name}人民政府工作报告", f"{place.name}人民政府",
             date(year, 1, 8 + r.randint(0, 12)), "", last, "全年")
    s.date_line = (f"——{year}年1月{s.issued_on.day}日在{place.name}第{_cn(r.randint(16, 19))}届人民代表大会"
                   f"第{_cn(r.randint(2, 5))}次会议上\n{place.name}人民政府{place.head}  王建国")
    s.blocks = [
        f"一、{last}年工作回顾",
        f"过去一年，全{u}地区生产总值{gdp}亿元、增长{g}%，增速居全市第{_cn(rank)}；规模以上工业增加值增长{ind}%。",
        f"二、{year}年工作安排",
        f"今年经济社会发展的主要预期目标是：地区生产总值增长{t_g}%左右，一般公共预算收入增长{t_rev}%。",
    ]
    s.facts = [Fact("actual", "地区生产总值", gdp, "亿元", "level", last, "全年"),
               Fact("actual", "地区生产总值增长", g, "%", "yoy_growth", last, "全年"),
               Fact("actual", "规模以上工业增加值增长", ind, "%", "yoy_growth", last, "全年"),
               Fact("target", "地区生产总值增长", t_g, "%", "growth_rate", year),
               Fact("target", "一般公共预算收入增长", t_rev, "%", "growth_rate", year)]
    s.non_values = [f"第{_cn(rank)}"]
    return s


def plan_with_table(place: Place, year: int) -> Spec:
    """A five-year plan whose indicator table has base-year and target-year columns and an 属性 column."""
    start, end = year, year + 4
    r = rng_for(place.code, year, "plan")
    base = float(amount(r, 100, 800))
    target = f"{base * 1.4:.0f}"
    rd_base, rd_target, energy = amount(r, 0.8, 1.6), amount(r, 2.0, 3.0, 1), amount(r, 12, 16, 1)
    s = Spec(place, "plan", f"{place.name}国民经济和社会发展第十五个五年规划纲要", f"{place.name}人民政府",
             date(start, 3, 1 + r.randint(0, 20)), "", None, None, plan_end_year=end)
    s.date_line = f"{s.issued_on.year}年{s.issued_on.month}月{s.issued_on.day}日"
    s.blocks = [
        f"表1 {place.name}“十五五”时期经济社会发展主要指标",
        [["指标", f"{start - 1}年", f"{end}年", "属性"],
         ["地区生产总值（亿元）", f"{base:.2f}", target, "预期性"],
         ["研究与试验发展经费投入强度（%）", rd_base, rd_target, "预期性"],
         ["单位地区生产总值能源消耗降低（%）", "——", f"【{energy}】", "约束性"]],
    ]
    s.facts = [Fact("target", "地区生产总值", target, "亿元", "level", end, attribute="expected"),
               Fact("actual", "地区生产总值", f"{base:.2f}", "亿元", "level", start - 1, "全年"),
               Fact("target", "研究与试验发展经费投入强度", rd_target, "%", "level", end, attribute="expected"),
               Fact("actual", "研究与试验发展经费投入强度", rd_base, "%", "level", start - 1, "全年"),
               Fact("target", "单位地区生产总值能源消耗降低", energy, "%", "change_vs_base", end,
                    attribute="binding")]
    return s


KINDS = {
    "half_year": (half_year_report, 2023),
    "jan_jul": (january_to_july_report, 2022),
    "execution": (execution_report, 2022),
    "bulletin": (statistical_bulletin, 2023),
    "government_report": (government_work_report, 2025),
    "plan": (plan_with_table, 2026),
}
