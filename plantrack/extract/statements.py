"""extract_statements: walk a document's tables and sentences, decide target vs actual per statement.

Target vs actual is decided per value: a target-year marker before it (到2025年) makes a target, a
past year (2020年, before the plan period) or past-tense cue (同比, “十三五”期间, 已) makes an actual;
otherwise the sentence's section (发展基础 = background) and the document type (plan or release) decide.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from plantrack.documents.reading_view import ReadingView, map_back, reading_view
from plantrack.extract.actuals import (
    STRUCTURE,
    place_table_actuals,
    prose_actual,
    release_table_actuals,
    structure_actuals,
    table_actuals,
)
from plantrack.extract.blocks import Paragraph, Sentence, Table, parse_blocks, split_sentences
from plantrack.extract.class_lists import list_class_mentions
from plantrack.extract.first_chars import gated
from plantrack.extract.mention_rules import ESTIMATE_BELOW, ESTIMATE_OF_PERIOD, estimate_of_period
from plantrack.extract.mentions import (
    LIST_SPAN,
    VS_PLAN,
    clean_indicator,
    continued_mentions,
    find_mentions,
    subject_of,
)
from plantrack.extract.mentions import MAYBE_VALUE as _MAYBE_VALUE
from plantrack.extract.periods import (
    FULL_YEAR,
    GOAL_AFTER_YEAR,
    PLAN_PERIOD,
    RANGE_YEAR,
    YEAR,
    YEAR_SCAN,
    DocContext,
    Period,
    ValuePeriod,
    document_context,
    first_period,
    five_year_end,
    late_issue_reason,
    period_before,
    period_mark_before,
    period_marks,
    relative_mark_before,
    relative_year_before,
    year_ended_by,
)
from plantrack.extract.place_goals import Topic, goal_topic, only_places, places_after, places_before
from plantrack.extract.similarity import indicator_similarity
from plantrack.extract.tables import prose_cells, read_indicator_table, read_place_table, read_release_table
from plantrack.extract.targets import NO_TARGET_YEAR as _NO_TARGET_YEAR
from plantrack.extract.targets import prose_target, table_targets
from plantrack.extract.text_year import dateline_month, stated_this_year
from plantrack.extract.units import same_unit
from plantrack.model import Actual, Document, Quote, Statements, Target
from plantrack.text.bullets import BULLETS
from plantrack.text.periods import FIVE_YEAR_NAME
from plantrack.text.synonyms import rewrite
from plantrack.text.width import to_halfwidth

# 争取 aims at a goal, except 争取…资金/支持 (winning funds, reported as a result)
_TARGET_CUE = re.compile(r"力争|争取(?![^，,。；]{0,20}(?:资金|补助|支持|政策))|目标|确保|将达到|每年|规划期末|规划期内|期末")
_FIVE_YEAR = re.compile(rf"({FIVE_YEAR_NAME})”?((?:期间|时期)?以来|期间|时期|期末|末|初)?")
_SUBAREA = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:组团|片区|工业园区|产业园区|开发区|高新区|新城|集聚区))")
_BULLET = re.compile(r"^[" + re.escape(BULLETS) + "]")  # ——, ●, ◆ … (plantrack.text.bullets)
_PLACE_WORD = re.compile(r"(?:工业园区?|产业园区?|园区|高新区|开发区|经开区|组团|新城|片区|集聚区|[镇乡街])")
# A place is named by a proper noun; a phrase opening with a verb (巩固国家绿色工业园区建设成效) or a
# designation (国家级/市级…园区) is an action or a title, not a sub-area the target is scoped to.
_GENERIC_AREA = (r"^(?:推动|促进|加快|打造|支持|依托|重点|巩固|建设|提升|发展|培育|创建|深化|完善|优化|强化|做强|"
                 r"壮大|推进|实施|鼓励|引导|围绕|聚焦|争创|申报|各|全|产业|工业|绿色|智慧|特色|现代|国家|市级|区级|"
                 r"中小企业)")
_PAST_CUE = re.compile(
    r"“?十[一二三四五六七八九]五”?(?:期间|以来|时期)|以来|截至|截止|目前|现有|已经|已有|已建成|同比|比上年|较上年|"
    r"上年|去年|完成了|实现了|达到了|荣获|获评|居全|位居|^回顾"
)
# 实际 as "in fact" (目标8%，实际增长6.1%), not the first word of an indicator's name (实际使用外资增长3% in a goals list)
_IN_FACT = r"实际(?!使用|利用)"
_IN_FACT_RE = re.compile(_IN_FACT)
# 完成 right before the number (完成531.2亿元), not 完成固定资产投资300亿元 (a goal list's verb)
_OUTCOME = re.compile(_IN_FACT + r"|同比|比上年|较上年|完成了?(?:增长)?$")
_GROWTH_BASE = re.compile(r"同比|比上年|较上年")  # what a growth is measured against, in a goal or a result
_FUTURE_ACTION = re.compile(r"加快|加速|力争|争取|规划建设|计划|推动形成|着力|将")
_DONE_CUE = re.compile(r"已|截至|截止|完成了|建成了|实现了|达到了")
# words that set a goal for a span (力争实现, 设定为, 将达到), not words of its review
_SPAN_AHEAD = re.compile(r"力争|确保|设定为|将(?:达到|实现|突破|超过|增长|建成|形成)")
_BARE_TOTAL = ("总量", "总额", "规模", "总规模")
_GROWTH_TAIL = re.compile(r"(?:同比|比上年|较上年)?(?:增长|增速|增幅|下降|提高)$")
# Wording that looks ahead in a report (a news piece quoting a plan's goals: 努力形成…, 正聚力打造…): the
# value is a goal even though the text is no plan. Narrower than _FUTURE_ACTION: 加快/推动 also narrate
# what was done in a review.
_INTENT = re.compile(r"努力|力争|聚力|着力|致力|全力打造|正(?:在)?(?:加快|全力)?打造|将(?:打造|建成|形成|达到|实现|培育)")
_BACKGROUND = re.compile(r"发展基础|发展现状|现状|回顾|成效|基础与|面临形势|发展环境|发展成就|工作回顾|过去|总结|完成情况|"
                         r"执行情况")
# A heading that announces goals (二、2024年主要预期目标 / 今年工作安排): its sentences set targets.
_GOALS_OPEN = re.compile(r"(?:预期|主要|发展)目标(?:任务)?(?:(?:是|为)[：:]?|[：:])")
# a goals lead-in (主要预期目标是： / 今年主要预期目标): what follows sets goals, unless it is met (…目标完成情况)
_GOALS_LEAD = re.compile(r"(?:主要|预期)目标(?:任务)?(?:是|为)?[：:]?(?![\u4e00-\u9fff]{0,3}(?:完成|执行|落实|实现|基础))")
_LIST_OF_GOALS = re.compile(r"(?:预期|主要|发展|奋斗|年度|工作)目标|目标(?:任务)?(?:是|为|如下)|目标[：:]$")
_GOALS_LINE = re.compile(r"目标[：:]\s*$")  # a line that heads a list of goals (2021年目标：)
_GOAL_SECTION = re.compile(r"目标|预期|工作安排|工作打算|工作重点|主要任务|计划|展望")
_SKIP_SECTION = re.compile(r"条件|评定|认定办法|申报|奖励|补助|资金|政策措施|支持政策|扶持|管理办法|保障措施|保障举措")
# Headings over whole blocks of eligibility rules or policy terms: nothing beneath them is a goal.
_RULES_SECTION = re.compile(r"(?:基本|申报|认定|评定|入库|准入|评选|遴选)条件|认定办法|管理办法|评定|申报|奖励|补助|支持政策|政策措施")
_POLICY = re.compile(r"^对.*(?:给予|奖励|补助|补贴|支持)|给予.*(?:奖励|补助|补贴)")
_INTRO = re.compile(r"以下目标|如下目标|主要目标|发展目标|[：:]$")
_GENERIC_AREA_RE = re.compile(_GENERIC_AREA)
_AREA_WORD = re.compile(r"组团|片区|园区|开发区|高新区|新城|集聚区")
_OPENING = re.compile(r"^(?:(?:到|至|在)?\d{4}年(?:底|末)?[，,]?|推动|促进|加快|加速|支持|依托|打造|做强|做大|壮大|提升|发展|"
                      r"建设|推进|优化|培育|巩固|深化|完善|强化|实施|鼓励|引导|围绕|聚焦|争创|创建)+")
# A task heading opens with what is to be done (（一）坚持农业农村优先发展 / 2.加快建设…), a result heading with what
# it is about (（一）经济运行回升向好)
_TASK_HEADING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[、.．])?\s*(?:坚持|持续|扎实|全力|"
                           r"大力|深入|全面|着力|加快|加速|加大|推动|推进|促进|打造|建设|提升|优化|培育|巩固|深化|完善|强化|"
                           r"实施|统筹|聚焦|做强|做优|做大|壮大|扩大|稳定|抓好|筑牢|守牢|兜牢|提高|增进|激发|激活|保障|发展)")
# 失业率为4.6%，低于5%的控制目标 / 控制在预期目标以内 / 均超额完成市定目标任务: a result measured against a
# goal names the goal, it sets none, and so does 基本实现预期目标 / 预计可实现全年预期目标 (not 为/要/确保实现…目标,
# a goal ahead); nor does 目标 naming whom a review's work went to (拜访目标企业150家)
_VS_GOAL = re.compile(r"(?:高于|低于|快于|慢于|超过|超出|好于|优于|完成)[^，,。；;]{0,10}?的?(?:控制|预期|年度|全年)?目标"
                      r"|(?<![为要将保争力期难障是])实现[^，,。；;]{0,6}?(?:预期|年度|全年)目标"
                      r"|控制在(?:预期|年度|全年)?目标|目标(?:企业|单位)")
_NEXT_FIVE = re.compile(r"(?:今后|未来)(?:五|5)年")
_ON_BASE = re.compile(r"(?:底|末)?[^，,。；;]{0,16}?的?基础上")
_YEAR_WORD = re.compile(r"(?:19|20)\d\d年")
_DIGITS_NOT_YEAR = _DIGIT = re.compile(r"\d")
_SINCE = re.compile(r"(?:“?十[一二三四五六七八九]五”?|(?:19|20)\d\d年)以来")
_MEANS = re.compile(r"以[^，,。；;]{2,20}?(?:作)?为")
_COMMITTEE = re.compile(r"管委|管理委员会")
_BASELINE_LEAD = re.compile(r"(?:较|比|相比|相较|与|同)$")
# 按2020年不变价格计算 / 2025年政府工作报告显示: the prices a growth is measured in, the report a text cites (the
# year it was given in, not the year its results are of): a reference, never the time a statement is about
_REFERENCE_AFTER = re.compile(r"(?:的)?(?:不变|可比)价|(?:政府)?工作报告")


def _not_the_time(s: str, start: int, end: int) -> bool:
    """Is the year at s[start:end] a base or a reference rather than the time the words are about: a
    baseline (比2019年), an end of a range (2018年-2022年: a span, which its period words date) or a
    reference (_REFERENCE_AFTER)?"""
    return bool(_BASELINE_LEAD.search(s, max(0, start - 2), start) or _in_range(s, start)
                or _REFERENCE_AFTER.match(s, end))


_OVER_THE_SPAN = re.compile(r"年均|平均|累计|合计|共")  # a rate or a sum over the span, no one year's


def _list_span(s: str) -> tuple[int, int] | None:
    """2016年至2018年，分别完成…: the span of years a 分别 list runs over (no figure between them)."""
    m = LIST_SPAN.search(s) if "分别" in s else None
    return (int(m.group(1)), int(m.group(2))) if m and int(m.group(1)) < int(m.group(2)) else None


def _year_of_span_list(span: tuple[int, int], listed_at: tuple[int, int], when: ValuePeriod) -> ValuePeriod:
    """Each value of a list over a span takes its own year of the span, in order, when the counts agree; else
    which year is whose is not said (the year is left empty)."""
    (a, b), (i, n) = span, listed_at
    if b - a + 1 == n:
        return ValuePeriod(a + i, FULL_YEAR, "own", "own", None, "own", 0.85)
    return ValuePeriod(None, when.period, "own", "own", None, "none", None,
                       f"one of {n} values listed over {a}-{b} ({b - a + 1} years): which year is its is not said")


def _in_range(s: str, start: int) -> bool:
    """Does the year at start begin or end a range of years (2018年-2022年 / 2016-2020年)?"""
    return any(r.start() <= start < r.end() for r in RANGE_YEAR.finditer(s, max(0, start - 14), start + 16))


# 是2011年的1.37倍 / 是1986年地区恢复成立时的289倍: the year a multiple is counted from
_MULTIPLE_OF = re.compile(r"[^，,。；;]{0,14}?的\s*[\d.一二三四五六七八九十两]+\s*倍|的")
_TARGET_LEAD = re.compile(r"(?:(?<!截止)到|(?<![截止])至|力争|争取|预计)$")  # 截至2016年末: a time reached
_ANNUAL_OUTPUT = re.compile(r"年产$")
# a 预计 inside a sentence that announces goals or what will be done (CONVENTIONS.md: 预计…目标/计划/将)
_ESTIMATED_GOAL = re.compile(r"(?:预期|主要|发展)目标(?:任务)?(?:是|为)|将")
_LEVEL_OF_YEAR = re.compile(r"的\s*\d")  # 到2020年的11.77万元: that year's level
# 到2025年, a deadline; not 截至2025年 / 至2020年底 / 提高到2020年的70% (a time or a level reached)
_DEADLINE = re.compile(r"(?<![截止])(?:到|至)\s*((?:19|20)\d\d)\s*年(?![底末])(?!的\s*\d)")
# 提出广东2023年地区生产总值预期目标为增长5%以上, 三、2024年主要工作安排: the year the text sets its goals and
# tasks for (a result
# measured against a goal, 完成2023年预期目标, names a goal it reviews, not one it sets)
_GOALS_YEAR = re.compile(r"(?<!完成)(?<!实现)(?<!超额完成)((?:19|20)\d\d)年(?:度)?[\u4e00-\u9fff]{0,12}?"
                         r"(?:预期目标|目标任务|工作安排|增长目标)(?![\u4e00-\u9fff]{0,2}(?:完成|执行|落实))")


# 今年以来 / 今年上半年 / 今年1-7月: results of the year a text is in, which then names 今年 for results
_SO_FAR = re.compile(r"今年(?:以来|前|上半年|[一二三]季度|1[-—至~])")


# 2024年，某新城将坚持…: the year a text says it will work in (将, not 将近), as GOAL_AFTER_YEAR reads a clause
_WILL_DO_YEAR = re.compile(r"((?:19|20)\d\d)年[，,]?[^，,。；;\d]{0,8}?将(?!近)")
_WILL_DO_CLAUSE = re.compile(r"(?:^|[：:，,])" + _WILL_DO_YEAR.pattern)  # …opening a clause


def goals_year(text: str) -> int | None:
    """The one year a text names as its expected goals' (…2023年…预期目标…) or as the year it will work in
    (2024年，某新城将坚持…), else None."""
    years = {int(m.group(1)) for m in _GOALS_YEAR.finditer(text)} if "目标" in text else set()
    if "将" in text:
        years |= {int(y) for y in _WILL_DO_YEAR.findall(text)}
    return years.pop() if len(years) == 1 else None


def extract_statements(doc: Document) -> Statements:
    """Statements of a document, read on its reading view (simplified, no web page furniture) with
    offsets and quotes mapped back to doc.text; a document whose view is its text costs nothing more."""
    view = doc.view if isinstance(doc.view, ReadingView) else reading_view(doc.text)
    if view.identity:
        return _extract(doc)
    return map_back(_extract(replace(doc, text=view.text, view=None)), view, doc.text)


def _extract(doc: Document) -> Statements:
    ctx = document_context(doc)
    walker = _Walker(doc, ctx)
    for block in parse_blocks(doc.text):
        if isinstance(block, Table):
            walker.table(block)
        else:
            walker.paragraph(block)
    walker.settle_goal_years()
    headline = _Headlines(doc.text)
    targets, actuals = _merge_targets(walker.targets, headline), _merge_actuals(walker.actuals, headline)
    actuals = _without_thresholds_of_levels_given(actuals, doc.text)
    return Statements(targets=_without_headline_repeats(targets, actuals, headline),
                      actuals=_without_headline_repeats(actuals, targets, headline))


# a round figure a level passed (突破1500亿 / 迈上4000亿、300亿两大台阶 / 登上300亿元台阶)
_PASSED_BEFORE = re.compile(r"(?:突破|迈上|邁上|登上|跨越|跨上|越过|站上)了?\s*$")
_STEP_AFTER = re.compile(r"[^，,。；;\d]{0,6}?(?:台阶|臺階|大关|大關|关口)")
_NEAR = 600  # characters: a heading or a lead and the sentence of the body that gives the level


def _round(raw: str) -> bool:
    """1500, 3000, 4000, 1.5: a figure of at most two significant digits, as a threshold is."""
    digits = raw.replace(".", "").strip("0")
    return raw.replace(".", "").isdigit() and 0 < len(digits) <= 2


def _threshold_at(x: Actual, text: str) -> bool:
    """Is the actual's figure, where its quote states it, a round threshold passed (突破/迈上…, …台阶/大关)?"""
    if not _round(x.value_raw):
        return False
    at = text.find(x.value_raw, x.char_start, x.char_end)
    while at >= 0:
        end = at + len(x.value_raw)
        if _PASSED_BEFORE.search(text, max(x.char_start, at - 6), at) or _STEP_AFTER.match(text, end):
            return True
        at = text.find(x.value_raw, end, x.char_end)
    return False


def _without_thresholds_of_levels_given(actuals: list[Actual], text: str) -> list[Actual]:
    """经济总量突破1500亿，迈上新台阶。…实现生产总值1510.3亿元: a round threshold passed is no value of its own when
    the text gives, close by, the level that passed it (same unit and period, at or above it and within a quarter
    of it, of the same indicator: 经济总量 is 地区生产总值); told alone, the threshold is all the text says and stays."""
    passed = {i for i, a in enumerate(actuals) if a.value is not None and a.unit not in (None, "%") and _threshold_at(a, text)}
    if not passed:
        return actuals

    def level_of(t: Actual, b: Actual) -> bool:
        return b.value is not None and t.value < b.value < t.value * 1.25 and same_unit(t.unit, b.unit) \
            and abs(b.char_start - t.char_start) <= _NEAR \
            and ((b.period_year, b.period_label) == (t.period_year, t.period_label) or b.char_start == t.char_start) \
            and indicator_similarity(rewrite(t.indicator_text), rewrite(b.indicator_text)) >= 0.5

    return [a for i, a in enumerate(actuals) if i not in passed or not any(
        level_of(a, b) for j, b in enumerate(actuals) if j not in passed)]


def _without_headline_repeats(these: list, others: list, headline: _Headlines) -> list:
    """A headline repeating a body figure in its own words may call it otherwise (2024年GDP目标直指3.2万亿元
    over the body's 预计GDP达到3.2万亿元): the body says which kind it is, the headline's second reading goes."""
    def year(x: Target | Actual) -> int | None:
        return x.target_year if isinstance(x, Target) else x.period_year

    # the body's statements by value: a headline's is compared with those of its value only, not with every
    # statement of the document (a long report's headlines times its body)
    body: dict[float | None, list] = {}
    for o in others:
        if not headline(o.char_start):
            body.setdefault(o.value, []).append(o)
    return [t for t in these if not headline(t.char_start) or not any(
        o.value == t.value and same_unit(o.unit, t.unit) and year(t) in (None, year(o)) for o in body.get(t.value, ()))]


class _Walker:
    def __init__(self, doc: Document, ctx: DocContext):
        self.doc, self.ctx = doc, ctx
        self.targets: list[Target] = []
        self.actuals: list[Actual] = []
        self.section_year: dict[str, int] = {}
        self.scope: tuple[str | None, str] | None = None
        self._skip: dict[str, bool] = {}
        # A run of bullet paragraphs (●…; ●…; / ◆…; ◆…;) is one list: the line before it that ends with a
        # colon says whether it lists goals (主要预期目标是：) and for which year; a year the list's first
        # bullets name dates the later ones that name none.
        self.list_goal: bool = False
        self.list_year: int | None = None
        self.list_year_from: str | None = None
        # a report's goals lead-in (主要预期目标是：…) governs the work paragraphs after it in its section (the
        # whole text when it stands under no heading), until one looks back: that section, else None
        self.goals_in: str | None = None
        # the goals lead-in (主要预期目标 / 2021年目标：) a non-plan last turned to, until a sentence names a year
        # or a time past: what follows is not shown to be of the year the document reviews
        self.turned_to_goals: str | None = None
        self.undated_goals: list[int] = []  # targets of a goals lead-in whose 今年 could not be counted
        # actuals whose 去年/今年 could not be counted either: (index, the word's offset, how it was read)
        self.undated_relative: list[tuple[int, int, tuple]] = []
        self.goals_year = goals_year(doc.text)
        self.stated_year = stated_this_year(doc.text) if ctx.this_year is None else None
        self.para_goal_year: int | None = None  # the last goal year the paragraph's sentences named
        self.list_span: tuple[int, int] | None = None  # 2016年至2018年，分别…: the span the last list ran over
        # the last span of years the text framed its review with (过去五年 / 四年来): (top section, years, the
        # years named since, whether a single year's time word (今年, 上半年, 全年) has been used since)
        self.span_frame: tuple[str, int, set[int], bool] | None = None
        self.para_text = ""  # the paragraph being read
        self.total_target: bool | None = None  # whether the paragraph's last value was a goal (its 其中 parts are)
        self.part_of: bool | None = None  # the kind of the total whose 其中 parts are being listed, up to 。
        # unit -> what the paragraph last named with a figure in that unit (a place's figure after it is of it)
        self.para_subjects: dict[str | None, str] = {}
        # the indicator a text comparing places' goals is about (从X增长目标对比来看), until it names another
        self.goal_topic: Topic | None = None
        # the top section a （预计，下同） note was given in: the actuals up to its end are estimates
        self.estimates_in: str | None = None
        self.deadlines = {int(y) for y in _DEADLINE.findall(to_halfwidth(doc.text))} \
            if not ctx.is_plan and ctx.year_from == "text" else set()  # (only asked of such texts)

    def _issue_date_implied(self) -> bool:
        """The issue date is only the latest date the text names: a lower bound of when it was written, which
        says nothing about which period ended last before it."""
        return (self.doc.meta.sources or {}).get("issued_on") == "implied"

    def _table_year(self, table: Table) -> tuple[int | None, tuple[str | None, float | None], str | None]:
        """A release table's year with its evidence: its caption's, else its heading's, else the document's
        (None with the reason when its caption names a range of years)."""
        caption = table.caption or ""
        year = YEAR.search(caption)
        if year and RANGE_YEAR.search(caption):  # 图4 2018年—2022年粮食产量: a series, not one year
            return None, ("none", None), f"its caption names a range ({caption.strip()})"
        if year:
            return int(year.group(1)), ("table", 0.85), None
        if (heading := self._heading_year(table.section)) is not None:
            return heading, ("heading", 0.8), None
        return self.ctx.doc_year, (self.ctx.year_from, self.ctx.year_confidence), self.ctx.year_reason

    def table(self, table: Table) -> None:
        pt = read_place_table(table) if not self.ctx.is_plan else None
        if pt is not None:
            period_year, evidence, empty = self._table_year(table)
            period = first_period(table.caption) or self.ctx.period
            self.actuals += place_table_actuals(self.doc, pt, self.ctx.region, period_year, period, evidence, empty)
            return
        itab = read_indicator_table(table)
        if itab is not None and itab.rows:
            tgt = itab.target_col
            past_only = tgt is not None and tgt.year and not self.ctx.is_plan and self.ctx.doc_year \
                and tgt.year <= self.ctx.doc_year
            if tgt is not None and not past_only:
                self.targets += table_targets(self.doc, itab, self.ctx.region, self.ctx.plan_end)
                self.actuals += table_actuals(self.doc, itab, self.ctx.region)
            else:
                cols = itab.baseline_cols + ((tgt,) if tgt is not None else ())
                everything = type(itab)(itab.rows, None, cols, itab.section)
                self.actuals += table_actuals(self.doc, everything, self.ctx.region)
            return
        rt = read_release_table(table) if not self.ctx.is_plan else None
        if rt is not None:
            period_year, evidence, empty = self._table_year(table)
            period = first_period(table.caption) or self.ctx.period
            self.actuals += release_table_actuals(self.doc, rt, self.ctx.region, period_year, period, evidence,
                                                  empty)
            return
        for cell, year in prose_cells(table):
            self.scope = None  # each task cell stands alone: a place named in one row is not the next row's
            self.para_goal_year, self.para_subjects, self.total_target, self.part_of = None, {}, None, None
            for sent in split_sentences(self.doc.text, cell.start, cell.end, table.section):
                self.sentence(sent, deadline=year, year_carry=None)

    def paragraph(self, para: Paragraph) -> None:
        carry = _Carry()  # what the paragraph's earlier sentences state, for sentences naming no time
        self.para_text = "".join(x.text for x in para.sentences)
        self.para_goal_year, self.para_subjects, self.total_target, self.part_of = None, {}, None, None
        bullet = bool(para.sentences) and _BULLET.match(para.sentences[0].text) is not None
        if bullet and self._heading_bullet(para):
            return  # ■ 2025年主要预期目标: a heading of the bullets that follow (it opens their list)
        if bullet:
            self.scope = None  # parallel bullets: a place named in one is not the subject of the next
            if self.list_year is not None:
                carry.seed(self.list_year)
        else:
            self._list_intro(para)
        goals: tuple[bool, int | None] = (bullet and self.list_goal, self.list_year)
        # 预计实现地区生产总值391亿元，增长8.6%；财政收入38.74亿元…: an estimate word governs the rest of its
        # sentence, up to 。 (CONVENTIONS.md), wherever in the sentence it stands; what came before it is not its
        estimating = False
        listed, s = False, ""
        for sent in para.sentences:
            if goals[0] and not listed and (_PAST_CUE.search(sent.text) or _IN_FACT_RE.search(sent.text)):
                goals = (False, None)  # 目标是：增长6%。全年实际增长6.5%: the goals' sentence is over, a result follows
            self.sentence(sent, deadline=None, year_carry=carry, goal_list=goals[0], goal_year=goals[1],
                          estimating=estimating, before=s if listed else None)
            self._note_span_frame(sent)
            s = sent.text.rstrip()
            listed = s.endswith(("；", ";"))
            if not listed:
                self.part_of = None  # 其中A…；B…；C…。: the parts run to the sentence's end
            estimating = listed and not self.ctx.is_plan and (
                estimating or "预计" in s and ESTIMATE_OF_PERIOD.search(s) is not None)
            # 主要预期目标是：A增长6.5%左右，…；B控制在4.5%以内；…: the clauses after the list's ； are goals too
            if goals[0]:
                continue  # …预期目标是：A、B。C达到66%左右: the paragraph goes on listing goals
            opens = _GOALS_OPEN.search(s) or _GOALS_YEAR.search(s)
            goals = (True, self._goal_list_year(sent, opens.end())) if opens else (False, None)
            # (a heading naming a year's goals, 二、2024年目标任务, is left to the heading rules)
            # a goals lead-in, a line heading goals (2021年目标：) or a clause on what a year will bring (2022年，某省
            # 将聚焦…) opens goals: the tasks after it (实施改造项目270个) are goals until the text looks back
            if self.goals_in is None and not self.ctx.is_plan and (
                    _GOALS_OPEN.search(s) or _GOALS_LINE.search(s) or _WILL_DO_CLAUSE.search(s)):
                self.goals_in = (sent.section or "").split(" / ")[0]
        if bullet and self.list_year is None and not self.list_goal and para.sentences:
            self.list_year = carry.before(len(carry.sentences), self)[0]

    def _note_span_frame(self, sent: Sentence) -> None:
        """Keep the span of years a review frames itself with (过去五年，… / 四年来，…) for the starts of the
        spans (从X增长到Y) it goes on to give, until its top section ends or a sentence speaks of one year."""
        top = (sent.section or "").split(" / ")[0]
        marks = period_marks(sent.text)
        spans = [k.period.span for k in marks if k.period is not None and k.period.span]
        if spans:
            self.span_frame = (top, spans[-1], set(), False)
        elif self.span_frame is not None:
            frame_top, n, years, single = self.span_frame
            if frame_top != top:
                self.span_frame = None
                return
            years.update(int(y) for y in YEAR.findall(sent.text))
            single = single or any(k.period is None or not k.period.years and k.period.label != "年末" for k in marks)
            self.span_frame = (frame_top, n, years, single)

    def _framed_span_start(self, sent: Sentence, end: int) -> int | None:
        """The first year of the reviewed span a 从…到 ending in `end` starts from (its base: end - N for 过去N年),
        when the text frames its review with a span of N years and has named no other year (but the base) nor
        spoken of a single year since; else None."""
        if self.span_frame is None:
            return None
        top, n, years, single = self.span_frame
        here = {int(y) for y in YEAR.findall(sent.text)}
        if top != (sent.section or "").split(" / ")[0] or single or not (years | here) <= {end, end - n} \
                or not _SPAN_CUE.search(self.para_text):
            return None  # (a paragraph of the span's last year alone, 2021年，…由60.1%提高到61.2%, starts from 2020)
        return end - n

    def _goal_list_year(self, sent: Sentence, pos: int) -> int | None:
        """The year a goal list opening at pos is for: a goal year its sentence names before, else the year
        the lead-in's own clause names, else 今年."""
        markers = self._markers(sent.text)
        years = [y for p, y, t in markers if t and p < pos] or self._lead_clause_years(sent.text, pos, markers)
        rel = None if years else self._goal_relative_year(sent, pos)
        return years[-1] if years else (rel[1] if rel else None)

    @staticmethod
    def _lead_clause_years(s: str, pos: int, markers: list[tuple[int, int, bool]]) -> list[int]:
        """The years a goals lead-in ending at pos names in its own clause (会议透露，2026年浦东新区经济社会发展的
        主要预期目标是：): the year its goals are for, even when it is the year the text is in (a marker of a
        year not yet over then reads as a past one)."""
        start = _clause_start(s, pos - 1)
        return [y for p, y, _ in markers if start <= p < pos]

    def _heading_bullet(self, para: Paragraph) -> bool:
        """A short bullet line that states no value but a year (■ 2024年成绩单 / ■ 2025年主要预期目标) heads the
        bullets after it: it opens their list, of goals when it announces them, dated by its year."""
        if len(para.sentences) != 1:
            return False
        s = para.sentences[0].text.rstrip()
        if len(s) > 40 or _DIGITS_NOT_YEAR.search(_YEAR_WORD.sub("", s)):
            return False
        markers = self._markers(s)
        if not markers:
            return False
        self.list_goal = _LIST_OF_GOALS.search(s) is not None
        goal_years = [y for _, y, t in markers if t]
        self.list_year = goal_years[-1] if self.list_goal and goal_years else (
            None if self.list_goal else markers[-1][1])
        return True

    def _list_intro(self, para: Paragraph) -> None:
        """A paragraph ending with a colon opens a list: of goals when it announces them (and their year),
        else of whatever follows; any other paragraph ends the list."""
        self.list_goal, self.list_year = False, None
        last = para.sentences[-1].text.rstrip() if para.sentences else ""
        if not last.endswith(("：", ":")):
            return
        markers = self._markers(last)
        if _LIST_OF_GOALS.search(last):
            self.list_goal = True
            years = [y for _, y, t in markers if t] or self._lead_clause_years(last, len(last), markers)
            rel = None if years else self._goal_relative_year(para.sentences[-1], len(last))
            self.list_year = years[-1] if years else (rel[1] if rel else None)

    @staticmethod
    @lru_cache(maxsize=256)  # a function of the section path alone, asked for every value under it
    def _heading_year(section: str | None, for_actual: bool = False) -> int | None:
        """The year named by the deepest heading that names one (一、2023年工作回顾 -> 2023). For an actual, a
        heading over goals (二、2024年目标任务) is no evidence of its year: none is read from it or above it."""
        for heading in reversed((section or "").split(" / ")):
            if for_actual and _GOAL_SECTION.search(heading) and not _BACKGROUND.search(heading):
                return None
            # 一、综合 初步核算，…按2020年不变价格计算: a base or a reference is not the year the heading is about
            m = next((m for m in YEAR.finditer(heading) if not _not_the_time(heading, m.start(), m.end())), None)
            if m:
                return int(m.group(1))
        return None

    def _section_year(self, section: str | None) -> int | None:
        if not section:
            return None
        best = None
        for key, year in self.section_year.items():
            if section.startswith(key) and (best is None or len(key) > len(best[0])):
                best = (key, year)
        return best[1] if best else None

    def _markers(self, s: str) -> list[tuple[int, int, bool]]:
        """(position, year, is_target) for every time reference in a sentence."""
        out: list[tuple[int, int, bool]] = []
        if "年" not in s and "五" not in s:
            return out  # YEAR needs 年, _FIVE_YEAR needs 五
        ctx = self.ctx
        cutoff = (ctx.plan_start if ctx.is_plan and ctx.plan_start else
                  (ctx.doc_year + 1 if ctx.doc_year else 9999))
        titled = "《" in s
        noted = "(" in s or "（" in s
        opened = closed = counted = 0  # 《 and 》 in s[:counted], counted on as the years come in order
        for m in YEAR_SCAN.finditer(s) if "年" in s else ():
            if titled:
                opened += s.count("《", counted, m.start())
                closed += s.count("》", counted, m.start())
                counted = m.start()
                if opened > closed:
                    continue
            if noted and _in_note(s, m.start()):
                continue  # 比2013年末(2013年是第三次经济普查年份,下同)增加115个: a note's year dates nothing outside it
            if _in_range(s, m.start()) or _REFERENCE_AFTER.match(s, m.end()):
                continue  # either end of a range, a price base, a report's name (_not_the_time)
            year = int(m.group(1))
            lead = s[max(0, m.start() - 4):m.start()]
            tail = s[m.end():m.end() + 1]
            if s.startswith("以来", m.end()):
                # 2021年以来: a span from that year up to the report's, filed under the report's year
                if not ctx.is_plan and ctx.doc_year and year <= ctx.doc_year:
                    out.append((m.start(), ctx.doc_year, False))
                continue
            if _BASELINE_LEAD.search(lead) or lead.endswith(("是", "相当于")) and _MULTIPLE_OF.match(s, m.end()):
                continue  # 较2022年 / 是2011年的1.37倍 / 相当于2005年的3倍: a baseline, not the time of the statement
            if lead.endswith(("在", "继")) and _ON_BASE.match(s, m.end()):
                # 到2027年，…在2022年的基础上实现“双倍增” / 继2010年提高1.0个百分点的基础上，再次上升0.6个百分点:
                # the base of what follows, not its time
                continue
            if lead.endswith(("恢复到", "恢复至")) and _LEVEL_OF_YEAR.match(s, m.end()):
                continue  # 恢复到2019年的113%: the share of a base year's level, not the time of the statement
            if _TARGET_LEAD.search(lead) and not (
                    lead.endswith("至") and not ctx.is_plan and ctx.doc_year and year <= ctx.doc_year) \
                    and not (year < cutoff and _LEVEL_OF_YEAR.match(s, m.end())) \
                    and not (ctx.is_plan and ctx.plan_start and year < ctx.plan_start and "从" in s[:m.start()]):
                # (至2020年底，… in a report on 2020 or later: 截至, a time reached, not a goal's; 到2020年的Y, before
                # the plan's period or the report's year, and 从2015年的X增长到2020年的Y in a plan from 2021: the level
                # a past year reached, a span reviewed)
                out.append((m.start(), year, True))
            elif tail in ("底", "末", "前"):
                out.append((m.start(), year, year >= cutoff))
            else:
                goal = GOAL_AFTER_YEAR.match(s, m.end())  # 2024年主要预期目标是: a goal year in any document
                # a year after the issue date is not measured yet: 2027年达到70% in a 2023 report is a goal
                later = year > ctx.issued_on.year if ctx.issued_on is not None else (
                    not ctx.is_plan and ctx.doc_year is not None and year > ctx.doc_year)
                out.append((m.start(), year, bool(goal) or later or ctx.is_plan and year >= cutoff))
        if "五年" in s and (now := ctx.this_year or self.stated_year) is not None:
            # 今后五年/未来五年: the five years from the year the text is in, a goal's span; a text of a
            # five-year plan's last year (2015, 2020) looks ahead to the next plan's five (2016-2020), and one
            # given after the year's first quarter (its 两会), to the next five whole years (May 2022: 2023-2027)
            later = ctx.issued_on is not None and ctx.issued_on.month > 3 and now == ctx.issued_on.year
            end = now + 5 if now % 5 == 0 or later else now + 4
            out += [(m.start(), end, True) for m in _NEXT_FIVE.finditer(s)]
        undated = not ctx.is_plan and ctx.issued_on is None and ctx.year_from in (None, "text")
        for m in _FIVE_YEAR.finditer(s) if "五" in s else ():
            end = five_year_end(m.group(1))
            if end is None:
                continue
            lead = s[max(0, m.start() - 4):m.start()]
            if _BASELINE_LEAD.search(lead) or lead.endswith("是") and _MULTIPLE_OF.match(s, m.end()):
                continue  # 是“十一五”的3.7倍 / 比十二五末: a base, not the time of the statement
            suffix = m.group(2) or ""
            if suffix in ("末", "期末") and _TARGET_LEAD.search(lead):
                out.append((m.start(), end, True))  # 力争“十四五”末 / 到十四五期末: a goal's time, as 到2025年
                continue
            if suffix.endswith("以来"):  # (“十四五”时期以来 too)
                # “十四五”以来: from the plan period's start up to now (the report's year, or a plan's base
                # year), not to the period's end
                now = ctx.plan_start - 1 if ctx.is_plan and ctx.plan_start else ctx.doc_year
                out.append((m.start(), now if now and now >= end - 4 else end, False))
            elif end < cutoff or suffix in ("期间", "时期"):
                # “十三五”期间，GDP设定为年均增长8.5% / 力争实现翻番 in a text that does not say when it was written:
                # the words look ahead, so the span is still to come (a review says what was done: 已, 实现了)
                ahead = undated and _SPAN_AHEAD.search(s, m.end()) is not None and not _DONE_CUE.search(s)
                out.append((m.start(), end, end >= cutoff or ahead))
            elif suffix in ("末", "期末"):
                out.append((m.start(), end, True))
        return sorted(out)

    def sentence(self, sent: Sentence, deadline: int | None, year_carry: _Carry | None,
                 goal_list: bool = False, goal_year: int | None = None, estimating: bool = False,
                 before: str | None = None) -> None:
        """`before`: the paragraph's sentence just before, when a semicolon ended it (its clause goes on here)."""
        s = sent.text
        markers = self._markers(s)
        target_years = [y for _, y, t in markers if t] if markers else []
        actual_years = [(p, y) for p, y, t in markers if not t] if markers else []
        if actual_years or _PAST_CUE.search(s) or _IN_FACT_RE.search(s):
            self.turned_to_goals = None
        elif not self.ctx.is_plan and (lead := _GOALS_LEAD.search(s) or _GOALS_LINE.search(s)) \
                and self.ctx.doc_year not in [y for _, y, _ in markers]:
            # (a lead-in naming the document's own year: the text is about its goals, and that year is theirs)
            self.turned_to_goals = s[max(0, lead.start() - 6):lead.end()]
        # 到2027年，A达到X；B年均增长10%: a goal year an earlier sentence of the paragraph names, until a sentence
        # whose last time named is past turns the paragraph back
        carried_goal, self.para_goal_year = self.para_goal_year, (
            (markers[-1][1] if markers[-1][2] else None) if markers else self.para_goal_year)
        # 到2027年，A达到X；B达到Y / 今后五年，要…。常住人口城镇化率达到65%: what follows a goal time in its paragraph,
        # naming no time of its own, is a goal too, unless it looks back (or stands under a review heading)
        listed_goal = carried_goal is not None and not markers and not _PAST_CUE.search(s) \
            and not (sent.section and _BACKGROUND.search(sent.section))
        if self.goals_in is not None and (_PAST_CUE.search(s) or _IN_FACT_RE.search(s) or actual_years
                                          or (sent.section and _BACKGROUND.search(sent.section))
                                          or not (sent.section or "").startswith(self.goals_in)):
            self.goals_in = None  # the text has turned to what was done, or the lead-in's section has ended
        if target_years and _INTRO.search(s) and sent.section:
            self.section_year[sent.section] = target_years[0]
        if year_carry is not None:
            year_carry.sentences.append((sent, actual_years[-1] if actual_years else None))
        carried: list = []  # (year, period) the earlier sentences state, worked out for the first value needing it
        scope = None
        if _AREA_WORD.search(s):  # _SUBAREA needs one of these words
            opening = _OPENING.sub("", s)
            # 以国家高新区建设为抓手: the place is the means of what follows (以…为), not its subject
            scope = None if _MEANS.match(opening) else _SUBAREA.match(opening[:12])
        if scope and not _GENERIC_AREA_RE.match(scope.group(1)) and not _COMMITTEE.match(opening[scope.end():]):
            self.scope = (sent.section, scope.group(1))
        elif self.scope and self.scope[0] != sent.section and not (
                sent.section or "").startswith(self.scope[0] or "\x00"):
            self.scope = None
        top = (sent.section or "").split(" / ")[0]
        if self.estimates_in not in (None, top):
            self.estimates_in = None  # the section the note was given in has ended
        if "下同" in s and ESTIMATE_BELOW.search(s):
            self.estimates_in = top  # the note's own clause too: it closes the figures it follows
        if not _MAYBE_VALUE.search(s):
            return  # find_mentions would find nothing (its own first test)
        if sent.section and self._skipped(sent.section):
            return
        if (s[:1] == "对" or "给予" in s) and _POLICY.search(s):  # _POLICY opens with ^对 or 给予
            return
        if not self.ctx.is_plan and ("产业" in s or "三产" in s) and (structure := STRUCTURE.search(s)):
            carried.extend(year_carry.before(len(year_carry.sentences) - 1, self) if year_carry else (None,) * 3)
            for part in ("b", "p"):  # the base (由上年的R调整为…), then the ratio reported on
                if (at := structure.start(f"{part}1")) < 0:
                    continue
                stated = next((((p, y) for p, y, t in reversed(markers) if not t and p < at)), None)
                when = self._actual_period(sent, at, stated, actual_years, carried)
                # an estimate as the sentence's other values are (预计…, a 预计 list, a 下同 note)
                estimate = part == "p" and (estimating or self.estimates_in is not None or estimate_of_period(s, at))
                self.actuals += structure_actuals(self.doc, sent, self.ctx.region, structure, part, when, estimate)
        # 2016年至2018年，分别完成A、B、C；分别完成D、E、F: a list after a span runs over its years; a list in the
        # clauses after the semicolon, naming no year of its own, runs over the same span (read as if it named it)
        carried_span = self.list_span if before and not markers and "分别" in s else None
        self.list_span = _list_span(s) or carried_span
        if carried_span and not _list_span(s):
            lead = f"{carried_span[0]}年至{carried_span[1]}年，"
            mentions = [replace(m, start=m.start - len(lead), end=m.end - len(lead))
                        for m in find_mentions(lead + s) if m.start >= len(lead)]
        else:
            mentions = find_mentions(s)
        if before:
            mentions = continued_mentions(before, s, mentions)
        if "全国" in s and self.ctx.region not in (None, *_THE_NATION):
            # 全国GDP增速是6.9%，重庆则达到11%: a value whose subject is the nation, in a text of a smaller
            # place, is the nation's figure, never the place's (which is all the text's values can be of)
            mentions = [m for m in mentions if not _OF_THE_NATION.match(s, _clause_start(s, m.start))]
        if self.ctx.is_plan and "级" in s:
            # 卷烟及配套、新材料形成“双百”亿级产业: a floor per listed industry. Only in plans: in a report the
            # phrase narrates (已形成…), and a class is no measured value
            mentions = sorted(mentions + list_class_mentions(s, mentions), key=lambda x: x.start)
        if not self.ctx.is_plan and (topic := goal_topic(s)) is not None:
            self.goal_topic = topic
        if not mentions:
            return
        sentence_target = goal_list or listed_goal or self._sentence_is_target(s, sent.section, markers)
        # 2008年…财政总收入263.6亿元…。2009年…主要预期目标为：地区生产总值增长11% in a report (or a page run into
        # one line): a goals lead-in within the sentence governs the values after it, not the results before it
        lead = self._goals_lead(s) if not self.ctx.is_plan and not (goal_list or listed_goal) else None
        if lead is not None and sentence_target:
            before = [mk for mk in markers if mk[0] < lead[0]]
            sentence_target = self._sentence_is_target(s[:lead[0]], sent.section, before)
        if sentence_target and not (goal_list or listed_goal or markers) and self._plan_looks_back(s, year_carry):
            sentence_target = False
        placed: list[str] = []  # the places of the sentence's last place goal (保8%、争9%: 争 is theirs too)
        prev_end = 0
        sent_scope = None
        positions = [p for p, _, _ in markers]
        last_target: list[int | None] = [None]  # the last target year among markers[:k]
        last_actual: list[tuple[int, int] | None] = [None]  # (position, year) of the last past year in markers[:k]
        for p, y, t in markers:
            last_target.append(y if t else last_target[-1])
            last_actual.append(last_actual[-1] if t else (p, y))
        looks_ahead = _LeadSearch(s, _FUTURE_ACTION, 4)
        done = _LeadSearch(s, _DONE_CUE, 3)
        intends = _LeadSearch(s, _INTENT, 7)
        goal_end: int | None = None  # end of the sentence's last goal value (in a report, not a plan)
        previous: str | None = None  # the indicator the sentence last named
        for m in mentions:
            if m.places and self.goal_topic is None:
                continue  # several places' figure, in no comparison of places' goals: no one place's value
            if m.place and not m.indicator:
                # 毕节超过1500亿元，达到1585.86亿元 after 遵义地区生产总值3037.87亿元: the paragraph's subject
                if not (subject := self.para_subjects.get(m.unit_raw)):
                    continue
                m.indicator = subject
            if estimating and not m.goal:
                m.estimate = True  # a clause of a 预计… list
            m.indicator = self._without_region(m.indicator)
            if subject := subject_of(m.indicator):
                self.para_subjects[m.unit_raw] = subject
            if m.coverage and "覆盖" in m.value_raw and m.indicator and "覆盖" not in m.indicator:
                # 规上工业企业研发机构全覆盖: 100% is the share covered (覆盖率), not a count of 研发机构
                m.indicator += "覆盖率"
            if m.indicator in _BARE_TOTAL and previous:
                # 地区生产总值增长2.6%，总量突破1500亿元: the bare 总量 is the indicator just named
                m.indicator = previous
            elif m.indicator not in _BARE_TOTAL:
                previous = _GROWTH_TAIL.sub("", m.indicator) or None
            if m.scope and _GENERIC_AREA_RE.match(m.scope):
                m.scope = None  # 重点产业园区 names a kind of place, not one place
            if m.place:
                m.scope = m.place  # one place's figure among others': it scopes no other value
            elif m.scope:
                sent_scope = m.scope
            elif sent_scope and sent_scope not in m.indicator:
                # 示范园企业产值达20亿元，财税贡献不低于3000万元: the sub-area stays the subject
                m.scope, m.indicator = sent_scope, sent_scope + m.indicator
            k = bisect_left(positions, m.start)  # markers[:k] come before the value
            is_target = markers[k - 1][2] if k else sentence_target
            if lead is not None and m.start >= lead[1] and (not k or markers[k - 1][0] < lead[0]):
                is_target = True  # after the lead-in, before any time named after it
            if not is_target and not k and self.ctx.is_plan and looks_ahead(m.start) \
                    and not done(m.start) and not (sent.section and _BACKGROUND.search(sent.section)):
                is_target = True  # 聚焦现有项目，加快构建50万吨/年生产能力: the clause's own verb looks ahead
            intent_only = False
            if not is_target and not k and not self.ctx.is_plan and intends(m.start) \
                    and _intent_in_clause(s, m.start) and not done(m.start) \
                    and not m.done and not (sent.section and _BACKGROUND.search(sent.section)):
                is_target = intent_only = True  # 努力形成1个千亿级企业: a goal quoted in a report
            if is_target and goal_end is not None and not (k and markers[k - 1][2]) \
                    and self._outcome_clause(s, goal_end, m.start, _goals_heading(sent.section) is not None
                                             or lead is not None and m.start >= lead[1]):
                is_target = False  # 目标为520亿元，完成531.2亿元: the goal, then what was done
            if is_target and not self.ctx.is_plan:
                goal_end = m.end
            if m.goal or m.done:
                is_target = m.goal  # 目标X，完成Y: the wording says which is which, whatever the section
            elif m.estimate and self.ctx.is_plan:
                continue  # a plan's 预计…: neither its goal nor a measured value (as before estimates were kept)
            elif m.estimate and is_target and (goal_list or _ESTIMATED_GOAL.search(s, 0, m.start)
                                               or "目标" in _VS_GOAL.sub("", s[:m.start])):
                # 主要预期目标是：预计增长5.5% / 2024年，贵州将…，预计增长5.5% / 设定了…的目标，同时…预计增长百分之三:
                # a goal, as worded (a goal met, 完成全年目标，预计增长5.5%, sets none)
                m.estimate = False
            elif m.estimate:
                is_target = False  # 预计全年…增长5.5%: the reviewed period's estimate, an actual flagged as such
            if is_target and not m.goal and _span_start(s, m.start) is not None:
                is_target = False  # GDP由3700亿元增加到7400亿元: a goal's span starts from a level reached, its base
            if self.total_target is not None and _breakdown_of_total(s, prev_end, m.start, positions):
                self.part_of = self.total_target  # 力争完成308亿元，其中…完成60亿元: the parts are of the kind their total is
            elif any(prev_end < p < m.start for p in positions):
                self.part_of = None  # a time named after the parts: the breakdown is over
            if self.part_of is not None and not (m.goal or m.done or m.estimate):
                is_target = self.part_of
            looked_back = bool(k) and not markers[k - 1][2]  # 2024年，漯河GDP增长6.8%: a year gone by
            places = self._goal_places(s, m, prev_end, placed) if self.goal_topic is not None \
                and not looked_back else []
            prev_end, placed = m.end, places or placed
            if places:
                is_target = True  # 洛阳、开封的目标是“增长11%”: each place's goal, whatever else the sentence says
            self.total_target = is_target if self.part_of is None else self.total_target
            if is_target:
                year, evidence = last_target[k], ("own", 0.9)
                if year is None:
                    year, evidence = (target_years[-1] if target_years else None), ("sentence", 0.85)
                if year is None and not self.ctx.is_plan:  # 今年主要预期目标: the year of issue
                    rel = self._relative_year(sent, m.start, goal=True) or self._relative_year(sent, len(s), goal=True)
                    year, evidence = (rel[1] if rel else None), ("own" if self.ctx.issued_on else "text", 0.8)
                    if rel is None and (rel := self._goal_relative_year(sent, len(s))) is not None:
                        year, evidence = rel[1], ("text", 0.7)  # 今年 of a text that says which year it is in
                if year is None and m.goal and last_actual[k]:
                    year = last_actual[k][1]  # 2024年，产值目标500亿元: the goal of the year the sentence is about
                    evidence = ("sentence", 0.85)
                stated = year is not None
                if intent_only and year is None:
                    # a goal quoted without its year: left unknown rather than guessed from the report
                    t = prose_target(self.doc, sent, m, self.ctx.region, self.ctx, None, False)
                    self.targets.append(replace(t, confidence=min(t.confidence, 0.5), confidence_reason=(
                        "a goal (努力/力争/打造…) quoted in a report: it states no target year")))
                    continue
                if year is None and goal_list and goal_year is not None:
                    year, evidence = goal_year, ("paragraph", 0.8)  # the list's intro names the goals' year
                if year is None and lead is not None and m.start >= lead[1] \
                        and (named := self._lead_clause_years(s, lead[0], markers)):
                    year, evidence = named[-1], ("sentence", 0.85)  # the lead-in's clause names the goals' year
                if year is None and carried_goal is not None and not self.ctx.plan_end \
                        and relative_mark_before(s, m.end) is None and period_before(s, m.end) is None:
                    # (a sentence naming a time of its own, 今年/全年, is not the paragraph's goal year's)
                    year, evidence = carried_goal, ("paragraph", 0.8)
                if year is None:
                    year, evidence = self._borrowed_target_year(sent, deadline)
                if places:
                    t = prose_target(self.doc, sent, m, self.ctx.region, self.ctx, year, stated, evidence)
                    self.targets += self._place_targets(t, m, s, places)
                    continue
                if self.scope and not m.scope and self.scope[1] not in m.indicator:
                    m.scope = self.scope[1]
                    m.indicator = self.scope[1] + m.indicator
                t = prose_target(self.doc, sent, m, self.ctx.region, self.ctx, year, stated, evidence)
                if year is None and _under_review(sent.section):
                    t = replace(t, confidence_reason="a goal quoted under a heading that reviews the past "
                                f"({sent.section.split(' / ')[0]}) names no year of its own")
                elif year is None and not self.ctx.is_plan and self._this_years_goal(
                        sent, m.start, goal_list or listed_goal or lead is not None and m.start >= lead[1]):
                    self.undated_goals.append(len(self.targets))
                self.targets.append(t)
            else:
                if _ANNUAL_OUTPUT.search(m.pre) or m.coverage:
                    continue
                if not carried:
                    carried.extend(year_carry.before(len(year_carry.sentences) - 1, self) if year_carry
                                   else (None,) * 3)
                if self.estimates_in is not None:
                    m.estimate = True
                stated = last_actual[k]
                if m.estimate and k and markers[k - 1][2]:
                    stated = markers[k - 1][:2]  # 预计2024年…: the year 预计 names is the estimate's own
                when = self._actual_period(sent, m.start, stated, actual_years, carried)
                if m.listed_at and self.list_span and not _OVER_THE_SPAN.search(m.pre):
                    when = _year_of_span_list(self.list_span, m.listed_at, when)
                if not m.estimate and not m.done and self._looks_ahead_to(when) and not _PAST_CUE.search(s):
                    # a text about the year it names as its deadline (到2025年): what it says of that year is a goal
                    self.targets.append(prose_target(self.doc, sent, m, self.ctx.region, self.ctx, when.year, True,
                                                     (when.evidence or when.year_from, 0.6)))
                    continue
                if not m.estimate and not m.done and self._year_not_over(when) and "以来" not in s \
                        and relative_mark_before(s, m.start) is None:  # 今年以来: the months so far
                    # 2026年：地区生产总值增长4.5%左右 in a text of March 2026: a whole year still to come
                    self.targets.append(prose_target(self.doc, sent, m, self.ctx.region, self.ctx, when.year, True,
                                                     ("own" if when.year_from == "own" else when.year_from, 0.8)))
                    continue
                a = prose_actual(self.doc, sent, m, self.ctx.region, when)
                if a is not None:
                    if when.year is None and (when.empty_reason or "").endswith(_UNCOUNTED) \
                            and (word := relative_mark_before(s, m.start)) is not None and word.offset is not None:
                        self.undated_relative.append((len(self.actuals), word.offset, (sent, m, when)))
                    self.actuals.append(a)

    @staticmethod
    def _this_years_goal(sent: Sentence, pos: int, listed: bool) -> bool:
        """Is a goal without a year one of a goals lead-in or heading that names none but 今年 (主要预期目标是： /
        一、今年主要预期目标), the goals of the year the text is in?"""
        heading = _goals_heading(sent.section)
        if not (listed or heading is not None and _LIST_OF_GOALS.search(heading)):
            return False
        words = [w for w in (relative_mark_before(sent.text, pos), relative_mark_before(heading or "", len(heading or "")))
                 if w is not None]
        # (no word at all: the goals may be of a span the paragraph names, 未来五年…主要目标是)
        return bool(words) and all(w.offset == 0 for w in words)

    def settle_goal_years(self) -> None:
        """Date what a text without an issue date says of 今年 (its goals lead-in's goals) and of 去年/今年 (its
        results), once the year it is in is known: a text whose results are of Y (a whole year, as
        filing.goals_year_ahead reads them) and that names Y+1 itself, or whose news dateline falls early in a
        year (1月14日电: a whole year's results are out only after it ends), reviews Y in the year after. Otherwise
        they stay empty with the reason: results of no one year, or results of 今年 (今年以来) or of a later
        year, or Y+1 unnamed and no early dateline (the text may be of Y)."""
        if not self.undated_goals and not self.undated_relative:
            return
        whole = Counter(a.period_year for a in self.actuals
                        if a.period_year is not None and a.period_label in (None, FULL_YEAR.label)).most_common(2)
        year, why = None, "今年 of its goals lead-in cannot be counted: no issue date, and no one year of results"
        if whole and not (len(whole) > 1 and whole[0][1] == whole[1][1]):
            reviewed = whole[0][0]
            text = to_halfwidth(self.doc.text)
            month = dateline_month(text)
            if _SO_FAR.search(text) or any(a.period_year is not None and a.period_year > reviewed
                                           for a in self.actuals):
                why = (f"今年 of its goals lead-in cannot be counted: besides results of {reviewed}, the text has "
                       "results of 今年 (今年以来) or of a later year")
            elif reviewed + 1 in {int(y) for y in YEAR.findall(text)}:
                year = reviewed + 1
                why = (f"今年 of its goals lead-in: the text reviews {reviewed} (its results) and names {year}, "
                       "the year it sets goals for")
            elif month is not None and month <= _EARLY_MONTHS:
                year = reviewed + 1
                why = (f"今年 of its goals lead-in: the text reviews {reviewed} (its results) under a dateline of "
                       f"{month}月, early in the year after ({year})")
            else:
                why = (f"今年 of its goals lead-in cannot be counted: the text reviews {reviewed} but does not name "
                       f"{reviewed + 1} nor has an early dateline (it may be written in {reviewed})")
        for i in self.undated_goals:
            t = self.targets[i]
            if t.confidence_reason == _NO_TARGET_YEAR:  # (else a doubt of its own says more of the value)
                t = replace(t, confidence_reason=why, confidence=0.75 if year else t.confidence)
            self.targets[i] = replace(t, target_year=year, year_evidence="text" if year else "none",
                                      year_confidence=0.6 if year else None)
        if year is None:
            return
        for i, offset, (sent, m, when) in self.undated_relative:
            when = replace(when, year=year + offset, evidence="text", evidence_confidence=0.6, empty_reason=None)
            a = prose_actual(self.doc, sent, m, self.ctx.region, when)
            if a is not None:
                self.actuals[i] = replace(a, confidence_reason=f"period year {year + offset} counted from {year}, "
                                          "the year the text is in: " + why.split(": ", 1)[1])

    @staticmethod
    def _goals_lead(s: str) -> tuple[int, int] | None:
        """Start and end of a goals lead-in inside a sentence (…主要预期目标为： / 二、今年主要预期目标 …), else None (a goal met, 完成全年预期目标, leads in nothing)."""
        if "目标" not in s:
            return None
        m = _GOALS_LEAD.search(s)
        if m is None:
            return None
        met = next((v for v in _VS_GOAL.finditer(s) if v.start() <= m.start() < v.end()), None)
        return None if met is not None else m.span()

    def _plan_looks_back(self, s: str, year_carry: _Carry | None) -> bool:
        """Does a plan's sentence naming no year and no goal go on from a paragraph whose last year named is one
        before the plan's period (2024年，我省…。全年地区生产总值增长4.8%): a review of that year, not a goal of the
        plan? (2020年…。到2025年…。人均GDP…: the paragraph has turned to a goal year, and the sentence is its goal)"""
        ctx = self.ctx
        if not ctx.is_plan or not ctx.plan_start or year_carry is None or _TARGET_CUE.search(s):
            return False
        for sent, _ in reversed(year_carry.sentences[:-1]):
            if markers := self._markers(sent.text):  # (增加到2020年的 in a plan from 2021: no goal of this plan)
                return markers[-1][1] < ctx.plan_start
        return False

    def _looks_ahead_to(self, when: ValuePeriod) -> bool:
        """Is a value's year the one the text's words name most (no title, date or period says which year it
        is about) and that year a deadline it names (到2025年): a text looking ahead, not reporting on it?"""
        ctx = self.ctx
        return not ctx.is_plan and ctx.year_from == "text" and when.year == ctx.doc_year \
            and when.year in self.deadlines

    def _year_not_over(self, when: ValuePeriod) -> bool:
        """Is a value's period a whole year that its own words (a year) or heading name, and that had not
        ended when the document was issued (by October: a December review may give the year's results)?"""
        issued = self.ctx.issued_on
        return issued is not None and when.year == issued.year and issued.month <= 10 \
            and when.period.label == FULL_YEAR.label and when.year_from in ("own", "heading")

    def _goal_places(self, s: str, m, prev_end: int, placed: list[str]) -> list[str]:
        """The places whose goal the value at m is, when its own words name nothing but them (or nothing at
        all, after its places: 南阳的目标依然不低，为“增长17%左右”); [] when it is no place goal."""
        cut = max(s.rfind("，", prev_end, m.start), s.rfind(",", prev_end, m.start))
        clause = s[max(cut + 1, prev_end):m.start]
        topic = self.goal_topic.indicator if self.goal_topic else None
        if (places := only_places(clause, topic)) is None:
            return []
        if not places and cut >= prev_end:  # the clause says 为“ / 均是: the places come before it
            places = places_before(s[prev_end:cut])
        if not places and prev_end:  # 保8%、争9%: the second value is the same places' goal
            places = placed
        return places or places_after(s, m.end)

    def _place_targets(self, t: Target, m, s: str, places: list[str]) -> list[Target]:
        """One goal per place, of the topic the text compares (its growth when the value is a growth)."""
        topic = self.goal_topic
        assert topic is not None
        growth = t.unit == "%" and (topic.growth or "增长" in s[max(0, m.start - 4):m.start])
        indicator = topic.indicator + ("增长" if growth and not topic.indicator.endswith(("增长", "增速")) else "")
        kind = "growth_rate" if growth else t.target_kind
        why = f"one place's goal in a text comparing places: the indicator is the topic it compares ({topic.indicator})"
        if t.target_year is None:
            why += "; no target year found"
        conf = min(t.confidence, 0.7) if t.target_year is not None else 0.5
        return [replace(t, scope_name=p, scope_parent=self.ctx.region, indicator_text=indicator, target_kind=kind,
                        confidence=conf, confidence_reason=why) for p in dict.fromkeys(places)]

    def _borrowed_target_year(self, sent: Sentence, deadline: int | None) -> tuple[int | None, tuple]:
        """A goal's year when its sentence names none, with its evidence: a task table's deadline, the
        paragraph's intro (以下目标), the heading, the plan's period, else the year a report's goals are for."""
        ctx = self.ctx
        if deadline:
            return deadline, ("table", 0.85)
        if (y := self._section_year(sent.section)) is not None:
            return y, ("paragraph", 0.8)
        if (y := self._heading_year(sent.section)) is not None:
            return y, ("heading", 0.8)
        if _under_review(sent.section):
            # 一、过去一年工作回顾 / 发展基础: a goal the review quotes is one of the years reviewed, not of the
            # plan's period or of the year the report's own goals are for
            return None, ("none", None)
        if ctx.plan_end:
            return ctx.plan_end, ("plan_period", 0.75)
        if ctx.goal_year is not None:
            goal_from_issue = ctx.issued_on is not None and ctx.period_year is not None \
                and ctx.issued_on.year == ctx.period_year + 1
            if goal_from_issue:
                return ctx.goal_year, ("issue_date", 0.6)
            if ctx.year_from != "text":
                return ctx.goal_year, (ctx.year_from, ctx.year_confidence)
            # the year a text names most may be the year it reviews or the year it plans: no goal's year
        if not ctx.is_plan and (y := self.goals_year) is not None:
            return y, ("text", 0.6)
        return None, ("none", None)

    def _goal_relative_year(self, sent: Sentence, pos: int) -> tuple[int, int] | None:
        """The year a goal's 今年 names: counted from the issue date, else the year the text says it is in
        (今年是“十五五”开局之年 / 回顾了2017年工作: plantrack.extract.text_year)."""
        rel = self._relative_year(sent, pos, goal=True)
        if rel is not None or self.stated_year is None:
            return rel
        word = relative_mark_before(sent.text, pos)
        return (word.start, self.stated_year) if word is not None and word.offset == 0 else None

    def _relative_year(self, sent: Sentence, pos: int, goal: bool = False) -> tuple[int, int] | None:
        ctx = self.ctx
        looks_back = _heading_looks_back(sent.section)
        # a heading that looks back on a year (一、2024年工作回顾) names the year of its results; a goal's 今年
        # is the year the text is in, which a report reviewing that year is given after (its 今年 is the next)
        heading = None if goal and looks_back else self._heading_year(sent.section)
        return relative_year_before(sent.text, pos, ctx.this_year, heading,
                                    None if ctx.is_plan else ctx.doc_year, looks_back)

    @staticmethod
    def _outcome_clause(s: str, goal_end: int, pos: int, under_goals: bool = False) -> bool:
        """Does the value at pos open a clause of its own after a goal value that reports the outcome
        (目标增长8%，实际增长6.1% / 完成531.2亿元 / 同比增长6.2%)?"""
        cut = max(s.rfind("，", goal_end, pos), s.rfind("；", goal_end, pos), s.rfind(",", goal_end, pos))
        if cut < 0:
            return False
        clause = _GROWTH_BASE.sub("", s[cut + 1:pos]) if under_goals else s[cut + 1:pos]
        return bool(_OUTCOME.search(clause)) and not _TARGET_CUE.search(clause)

    def _actual_period(self, sent: Sentence, pos: int, stated: tuple[int, int] | None,
                       actual_years: list[tuple[int, int]], carried: list) -> ValuePeriod:
        """An actual value's year and period: from its own words (the nearest before it in its sentence),
        else its paragraph, else its heading, else the document (see ValuePeriod for what is recorded)."""
        s, ctx = sent.text, self.ctx
        # …年均增速达6.4%，占比从2020年的20.8%提升至…: a span's start after the value dates nothing before it
        # (and 由2015年的20.3%提升至21.3%，…由2015年的24.5%提升至28.4%: a span's start dates no other value)
        actual_years = [x for x in actual_years if x == stated or s[x[0] - 1:x[0]] not in ("从", "由")]
        if stated and s[stated[0] - 1:stated[0]] in ("从", "由") and _SPAN_TO.search(s, stated[0], pos):
            # 从2017年的X增加到Y: 2017 dates X; Y is where the span ends
            actual_years = [x for x in actual_years if x[0] != stated[0]]
            stated = None
        rel = self._relative_year(sent, pos)  # 去年 -> the issue year - 1
        own = max([x for x in (stated, rel) if x], default=None)  # the nearer of the two
        start = _span_start(s, pos)
        if start is not None and not _YEAR_LEAD.search(start):
            # 比重由15.1%提升到41.4% / 由上年的22.26%、28.63%调整为…: the span's start, whose year is not the
            # sentence's (从2017年的X gives it; 上年 is the year before the one reported on)
            period = period_before(s, pos) or ctx.period or FULL_YEAR
            if ("上年" in start or "去年同期" in start) and not ctx.is_plan and ctx.doc_year is not None:
                # 由上年同期的7.3:48.8:43.9调整为…: the same period of the year before the one reported on
                return ValuePeriod(ctx.doc_year - 1, period, "own", "own", None, "own", 0.8)
            to = _SPAN_TO.search(s, pos, pos + 48)
            end = self._actual_period(sent, to.end(), stated, actual_years, carried) if to else None
            if end is not None and end.year is not None and end.period.years \
                    and end.period.years[0] < end.period.years[1]:
                # “十四五”时期…从1795亿元增加到5260亿元 / 过去五年…从742亿元增加到…: the span runs over the years
                # its end is dated by, and starts from the year before them (the base)
                return replace(end, year=end.period.years[0] - 1, period=FULL_YEAR, period_from="own", since=None)
            if end is not None and end.year is not None and (base := self._framed_span_start(sent, end.year)):
                # 过去五年，…。地区生产总值从129.8亿元增长到325亿元 (of 2021): the review's five years start from 2016
                return ValuePeriod(base, FULL_YEAR, "own", "own", None, "text", 0.6)
            return ValuePeriod(None, period, "own", "own", None, "none", None,
                               "the start of a span (由…到 / 从…调整为) whose year the text does not give")
        word = relative_mark_before(s, pos)
        looks_back = word is not None and s.startswith("过去", word.start) \
            and self._heading_year(sent.section) is not None  # 过去一年 under 一、2024年工作回顾: the heading's year
        # …and when the heading looks back on it, the heading is the evidence (counted from the issue date or
        # the document's year, 过去一年 would give another year)
        reviewed = looks_back and rel is not None and own is rel and _heading_looks_back(sent.section) \
            and (ctx.this_year is None or rel[1] != ctx.this_year + (word.offset or 0))
        if rel is None and word is not None and not looks_back and (own is None or own[0] < word.start):
            # 今年以来… in a text with no issue date: the word names the year, but nothing says which one,
            # and an earlier year of the sentence or paragraph is not it
            period = period_before(s, pos) or ctx.period or FULL_YEAR
            return ValuePeriod(None, period, "own", "own", None, "none", None,
                               f"“{s[word.start:word.end]}”{_UNCOUNTED}")
        # a year after the value dates it only within reach of its clause: further on, the sentence (a run of
        # headlines joined without stops) has moved on to other things
        actual_years = [x for x in actual_years if x[0] < pos + _AFTER_REACH]
        year = own[1] if own else (actual_years[-1][1] if actual_years else None)
        # 去年 without an issue date is counted from the year the document seems to be about: a guess
        year_from = "heading" if reviewed else \
            "relative word" if own and own is rel and ctx.issued_on is None else "own"
        if year is None and carried[0] is not None:
            year, year_from = carried[0], "paragraph"
        if year is None and (y := self._heading_year(sent.section, for_actual=True)) is not None:
            year, year_from = y, "heading"
        mark, period_from = period_mark_before(s, pos), "own"
        period = mark.period if mark else None
        if period is not None and (period.years or period.span) and own is not None and own is stated \
                and own[0] > mark.start and own[0] >= _clause_start(s, pos):
            # “十四五”期间，…比重由2020年的26.7%提升至…: a year of its own clause, named after the span, dates the value
            period = FULL_YEAR
        if period is None and year_from == "own" and year is not None and year != (carried[0] or ctx.doc_year):
            period = FULL_YEAR  # 2022年，… in a 2023 half-year report: a year of its own is a whole year
        if period is None and carried[1] is not None:
            period, period_from = carried[1], "paragraph"
        if period is None and (p := self._heading_period(sent.section)) is not None:
            period, period_from = p, "heading"
        if period is None:
            period, period_from = ctx.period or FULL_YEAR, "document"
        evidence, ev_conf, empty = _YEAR_EVIDENCE.get(year_from), None, None
        if own is not None and own is not stated and own is rel and not reviewed:
            evidence = "own" if ctx.issued_on else "text"  # 去年: counted from the issue date (else a guess)
        elif year is not None and not own and year_from == "own":
            evidence = "sentence"  # a year elsewhere in the sentence, after the value
        if year is None:
            year_from = "document"
            if carried[2] is not None:
                empty = carried[2]  # the paragraph's time is a relative word nothing counts: not the document's
            elif (goals := _goals_heading(sent.section)) and (
                    ctx.is_plan or self._heading_year(sent.section) in (None, ctx.doc_year)):
                # a result under 二、经济社会发展预期目标 of a plan or of the document's year: that year is the
                # goals', and a plan's base year assumes the value is no goal
                empty = f"a result under a heading of goals ({goals}) names no year of its own"
            elif _PRESENT.search(s, 0, pos) and ctx.issued_on and not self._issue_date_implied() \
                    and not ctx.period_year and period_from == "document" and not ctx.is_plan:
                # 目前，全区规上工业企业达到2500家: a report's present is the day it was issued (a plan's is
                # when it was drafted, months before, often in the year before)
                year, evidence, ev_conf = ctx.issued_on.year, "issue_date", 0.6
            elif ctx.is_plan:
                year, evidence, ev_conf, empty = _plan_result_year(ctx)
            elif ctx.period_year is None and ctx.issued_on and period_from != "document" and ctx.year_reason is None \
                    and ctx.year_from in (None, "issue_date") and not self._issue_date_implied():
                # 1-7月 in a report issued 2023-09-25: 2023 (the document's own period: the document's year)
                same = ctx.period is not None and period.label == ctx.period.label
                year = ctx.doc_year if same else year_ended_by(period, ctx.issued_on)
                evidence, ev_conf = "issue_date", 0.6
                if year is None:
                    empty = late_issue_reason(period, ctx.issued_on)
            elif ctx.doc_year is not None and self.turned_to_goals is not None:
                # 2021年目标：/ 生产总值增长6.5%左右: after a text turns to its goals, a value naming no year of its own
                # is not shown to be of the year the document reviews
                empty = (f"it follows the text's turn to its goals (…{self.turned_to_goals}) and names no year of "
                         f"its own: the {ctx.doc_year} the document reviews is not shown to be its")
            elif ctx.doc_year is not None and self.para_goal_year is not None and self.para_goal_year > ctx.doc_year:
                # 2024年，贵州将…；数字经济占比达到45%: a paragraph about a later year's goals is not about the
                # year the document reports on, and names no year for this value
                empty = (f"its paragraph is about {self.para_goal_year}'s goals, after the {ctx.doc_year} the "
                         "document reports on, and names no year of its own for this value")
            else:
                year, evidence, ev_conf = ctx.doc_year, ctx.year_from, ctx.year_confidence
            if year is None:
                evidence, empty = "none", empty or ctx.year_reason
        if period.span:
            if year is not None and year_from == "heading" and _part_year_heading(sent.section, year):
                year -= 1  # 一、过去五年发展成就和2021年上半年工作回顾: the five whole years before the part year
            elif year is not None and year_from == "document" and ctx.issued_on and year >= ctx.issued_on.year:
                # 五年来… on a page of 2023-02-11: the whole years reviewed end with the last one over by then
                year = year_ended_by(FULL_YEAR, ctx.issued_on)
                if year is None:
                    evidence, ev_conf, empty = "none", None, (
                        f"{period.label} up to a year the issue date ({ctx.issued_on:%Y-%m-%d}) does not name: "
                        "the last whole year is long over or still running")
                else:
                    evidence, ev_conf = "issue_date", 0.6
            period = period.over_years(year)  # 过去五年…年均增长7.7%: the span up to the year reviewed
        year = period.year_of(year)
        since = _SINCE.match(s, stated[0]) if stated and own is stated else None
        return ValuePeriod(year, period, year_from, period_from, since.group() if since else None, evidence,
                           ev_conf, empty)

    @staticmethod
    @lru_cache(maxsize=256)
    def _heading_period(section: str | None) -> Period | None:
        """The period named by the deepest heading that names one (二、上半年工业运行 -> 上半年)."""
        for heading in reversed((section or "").split(" / ")):
            if period_marks(heading):
                p = first_period(heading)
                if p is not None:
                    return p
        return None

    def _skipped(self, section: str) -> bool:
        """Sentences under rules, subsidies or safeguards set no goals (decided once per section)."""
        skip = self._skip.get(section)
        if skip is None:
            parts = section.split(" / ")
            skip = self._skip[section] = bool(_SKIP_SECTION.search(parts[-1])
                                              or any(_RULES_SECTION.search(p) for p in parts[:-1]))
        return skip

    def _without_region(self, indicator: str) -> str:
        """綦江目前拥有规模以上企业 -> 规模以上企业: the document's own region names no indicator."""
        region = self.ctx.region
        if not region:
            return indicator
        for name in (region, region[:-1] if len(region) >= 3 else None):
            if name and indicator.startswith(name) and len(indicator) > len(name) + 1 \
                    and not _PLACE_WORD.match(indicator[len(name):]):  # 江津工业园区 is a place of its own
                tail = indicator[len(name):]
                rest = clean_indicator(tail)
                if rest and rest in tail:  # only the lead is cleaned: 同比增长 at the end stays
                    rest = tail[tail.index(rest):]
                return rest if len(rest) >= 2 else indicator
        return indicator

    def _sentence_is_target(self, s: str, section: str | None, markers: list[tuple[int, int, bool]]) -> bool:
        if any(t for _, _, t in markers):
            return True
        if "争取" in s and not self.ctx.is_plan and section and (_heading_looks_back(section) or _under_review(section)):
            s = s.replace("争取", "")  # under a heading that looks back, 争取项目42个 says what was secured
        if _TARGET_CUE.search(_VS_GOAL.sub("", VS_PLAN.sub("", s)) if "目标" in s else s):
            # 完成年度目标的52% compares with the plan: its 目标 sets no target; nor does a 目标 word in a
            # report's look back (（一）主要目标完成情况 / 工作回顾) that states this year's results (同比)
            return not (not self.ctx.is_plan and section and _BACKGROUND.search(section) and _PAST_CUE.search(s))
        if markers or _PAST_CUE.search(_GROWTH_BASE.sub("", s) if _goals_heading(section) else s):
            return False  # under goals, 同比增长6.5%以上 names the growth's base, not a time past
        last = (section or "").split(" / ")[-1]
        if section and _BACKGROUND.search(section):
            return False
        if _GOAL_SECTION.search(last) or self._under_goals(section):
            return True
        return self.ctx.is_plan or self.goals_in is not None

    @staticmethod
    @lru_cache(maxsize=256)
    def _under_goals(section: str | None) -> bool:
        """Is a report's sentence under a heading of goals or tasks (三、2024年主要工作安排 / （一）坚持农业…):
        a task heading between them names no time, so the goals heading above it governs."""
        if not section:
            return False
        headings = section.split(" / ")
        for k in range(len(headings) - 1, 0, -1):
            if not _TASK_HEADING.match(headings[k]):
                return False  # （一）经济运行回升向好: a result, not a task, even under a goals heading
            if _GOAL_SECTION.search(headings[k - 1]):
                return True
        return False


_UNCOUNTED = " cannot be counted: the document has no issue date"
# A paragraph that speaks of a span of years (年均, 是2016年的2.5倍, 与2002年相比, 这五年, 四年来), as a review's 从…到 does
_SPAN_CUE = re.compile(r"年均|(?:是|与|比|较)(?:19|20)\d\d年|(?:过去|近|这|的)[两二三四五六七八九十]年(?!规划|计划)"
                       r"|[两二三四五六七八九十]年来")
# A whole year's results come out after it ends, by spring (bulletins, 政府工作报告): a text dated in these first
# months of a year that reports one whole year's results reports on the year just ended
_EARLY_MONTHS = 4

# the time of writing: a value so stated is of the day the text was issued
_PRESENT = re.compile(r"目前|当前|眼下|现阶段")


def _plan_result_year(ctx: DocContext) -> tuple[int | None, str | None, float | None, str | None]:
    """A plan's result naming no year of its own (year, evidence, confidence, reason when empty): its base
    year, the one before its period, when it was issued by the period's first year; issued later, it states
    results of whatever year had ended when it was written, which its issue date bounds but does not name."""
    if not ctx.plan_start and ctx.year_from == "issue_date":
        return None, "none", None, (f"a result in a plan naming no period: its issue date ({ctx.issued_on:%Y-%m-%d}) "
                                    "bounds the year but does not name it (the year before, or the year itself)")
    if not ctx.plan_start:
        return ctx.doc_year, ctx.year_from, ctx.year_confidence, ctx.year_reason
    if ctx.issued_on is None or ctx.issued_on.year <= ctx.plan_start:
        return ctx.plan_start - 1, "plan_period", 0.8, None
    return None, "none", None, (f"a result in a plan for {ctx.plan_start}-{ctx.plan_end} issued "
                                f"{ctx.issued_on:%Y-%m}: it may be of the base year {ctx.plan_start - 1} or a later one")


@lru_cache(maxsize=256)
def _goals_heading(section: str | None) -> str | None:
    """The deepest heading when it announces goals (二、经济社会发展预期目标), else None."""
    last = (section or "").split(" / ")[-1]
    return last if _GOAL_SECTION.search(last) and not _BACKGROUND.search(last) else None


@lru_cache(maxsize=256)
def _under_review(section: str | None) -> bool:
    """Is a sentence's top heading one that reviews the past (一、过去一年工作回顾 / 一、发展基础), whatever its
    task headings below say (（一）巩固脱贫成效 under 三、2024年工作安排 is no review)?"""
    top = (section or "").split(" / ")[0]
    return bool(top) and _BACKGROUND.search(top) is not None and _GOAL_SECTION.search(top) is None


@lru_cache(maxsize=256)
def _heading_looks_back(section: str | None) -> bool:
    """Is the deepest heading naming a year one that looks back on it (一、2024年工作回顾 / 2023年计划执行情况)?
    (a report with no issue date counts 过去一年 from the year it reviews, one too early)"""
    for heading in reversed((section or "").split(" / ")):
        if YEAR.search(heading):
            return bool(_BACKGROUND.search(heading))
    return False


def _part_year_heading(section: str | None, year: int) -> bool:
    """Does the deepest heading naming `year` name it for part of that year (2021年上半年)?"""
    for heading in reversed((section or "").split(" / ")):
        m = re.search(rf"{year}\s*年", heading)
        if m:
            p = first_period(heading[m.end():m.end() + 8])
            return p is not None and not p.years and not p.span and p.label not in ("全年", "年末")
    return False


def _span_start(s: str, pos: int) -> str | None:
    """The lead (上年的, 2017年的, or nothing) of the 由/从 that opens a span the value at pos starts (由15.1%提升到
    41.4%; 由上年的22.26%、28.63%和49.11%调整为…), else None."""
    opened = max(s.rfind("由", max(0, pos - 48), pos), s.rfind("从", max(0, pos - 48), pos))
    if opened < 0:
        return None
    lead = _SPAN_LEAD.fullmatch(s, opened + 1, pos)
    if lead is None or not _SPAN_TO.search(s, pos, pos + 48):
        return None
    nxt = _SPAN_TO.search(s, pos, pos + 48)
    if re.search(r"[，,；;。]", s[pos:nxt.start()]):
        return None
    return lead.group("lead")


_SPAN_LEAD = re.compile(r"(?P<lead>(?:(?:19|20)\d\d年|上年|去年)?(?:同期|末|底)?的?)"
                        r"(?:[\d.]+(?:%|％|亿元|万元|元|个|家|万人|人|万吨|吨)?[、和及与])*")
_YEAR_LEAD = re.compile(r"(?:19|20)\d\d年|去年(?!同期)")
_SPAN_TO = re.compile(r"(?:增加|增长|提高|提升|扩大|上升|下降|降低|减少|发展|跃升|突破)(?:到|至)|(?:到|至)(?!\d{4}年)"
                      r"|(?:调整|优化|转变|变)为")
def _intent_in_clause(s: str, pos: int) -> bool:
    """Does the intent word before a value (努力形成/聚力打造…) govern it: in its own clause, or in a clause that
    opens a list of goals with a value of its own (正聚力打造…2个千亿级主导产业，升级打造…3个…)? Not when its
    clause states none (聚力打好“八场硬仗”，多措并举稳就业，地区生产总值增长5.1%: a review)."""
    lo = max(0, pos - 300)  # a bounded look back: an intent further away governs nothing here
    last = max(_INTENT.finditer(s, lo, pos), key=lambda x: x.start(), default=None)
    if last is None:
        return False
    ends = [i for i in (s.find("，", last.end(), pos), s.find(",", last.end(), pos)) if i >= 0]
    if not ends:
        return True  # the value's own clause
    return _DIGIT.search(s, last.end(), min(ends)) is not None  # (八场硬仗 is a name, not a value)


def _breakdown_of_total(s: str, prev_end: int, pos: int, positions: list[int]) -> bool:
    """Does 其中 stand between the value before (in the sentence, else the paragraph's sentence before) and this
    one, with no time named between them: a part of the total just given (…308亿元，其中…产值分别完成60亿元)?"""
    at = s.find("其中", prev_end, pos)
    return at >= 0 and not any(at < p < pos for p in positions)


def _in_note(s: str, pos: int) -> bool:
    """Is pos inside a bracketed note that closes again in the sentence (…(2013年是…,下同)…)?"""
    opened = max(s.rfind("(", 0, pos), s.rfind("（", 0, pos))
    if opened < 0 or max(s.rfind(")", opened, pos), s.rfind("）", opened, pos)) >= 0:
        return False
    close = min((i for i in (s.find(")", pos), s.find("）", pos)) if i >= 0), default=-1)
    if close < 0:
        # (2008年是第二次全国经济普查年份。下同): a note whose own 。 ended the sentence inside it
        return len(s) - opened <= 40 and s.rstrip().endswith("。") and "年" in s[opened:]
    return "年" in s[opened:close] and not PLAN_PERIOD.fullmatch(s[opened:close + 1])


_THE_NATION = ("全国", "中国", "中华人民共和国")
# a clause whose subject is the nation (创建全国…基地 or 、全国生态文化村3个 name national designations)
_OF_THE_NATION = re.compile(r"(?:与|同)?全国")


def _clause_start(s: str, pos: int) -> int:
    """Where the clause holding pos starts (after the last ，；：。 before it)."""
    return max((s.rfind(ch, 0, pos) for ch in "，,；;：:。"), default=-1) + 1
_AFTER_REACH = 100  # characters after a value within which a year of its sentence may still be its own
_YEAR_EVIDENCE = {"own": "own", "relative word": "text", "paragraph": "paragraph", "heading": "heading"}


def _clause_year(s: str, pos: int) -> bool:
    """Is the year at pos one that only its own clause is of: named after a value of its sentence (超过3万亿元，
    2024年达到3.55万亿元), or a span's start (结构由2000年的…调整为…), it dates that clause, not the sentences after it."""
    return _VALUE_BEFORE.search(s, 0, pos) is not None or s[pos - 1:pos] in ("从", "由")  # (由2000年的…调整为: a start)


_VALUE_BEFORE = re.compile(r"\d(?:\.\d+)?\s*(?:%|％|万|亿|元|个|家|人|吨|公里|倍)")


class _Carry:
    """A paragraph's sentences so far and the year and period they last stated, worked out only when a
    value names neither, and once per sentence. A five-year span is claimed value by value, never
    carried (“十三五”时期… then 十三五末 stocks)."""

    def __init__(self) -> None:
        self.sentences: list[tuple[Sentence, tuple[int, int] | None]] = []  # with its last stated year
        # (year, period, why the year is unknown) after sentences[:i]
        self._known: list[tuple[int | None, Period | None, str | None]] = [(None, None, None)]

    def seed(self, year: int) -> None:
        """A year the paragraph's list states before it (its first bullets), carried into it."""
        self._known = [(year, None, None)]

    def before(self, i: int, walker: _Walker) -> tuple[int | None, Period | None, str | None]:
        while len(self._known) <= i:
            sent, stated = self.sentences[len(self._known) - 1]
            year, period, unknown = self._known[-1]
            if stated is not None and _clause_year(sent.text, stated[0]):
                stated = None
            rel = walker._relative_year(sent, len(sent.text))
            own = max([x for x in (stated, rel) if x], default=None)
            word = relative_mark_before(sent.text, len(sent.text))
            goes_on = sent.text.rstrip().endswith(("；", ";"))
            if goes_on and (own is None and word is not None and rel is None or own is not None and own is stated
                            and word is not None and rel is None and word.start > own[0]):
                # 去年福建省生产总值…；公共财政总收入…: the sentence's time is a 去年 nothing counts (no issue date),
                # and its clauses after the semicolon are of that year too, not of the document's
                year, unknown = None, f"its sentence's “{sent.text[word.start:word.end]}” cannot be counted: " \
                                      "the document has no issue date"
            elif own is not None:
                year, unknown = own[1], None
            elif not goes_on:
                unknown = None  # the sentence that 去年 governed has ended
            p = period_before(sent.text, len(sent.text))
            self._known.append((year, p if p is not None and not p.years and not p.span else period, unknown))
        return self._known[i]


class _LeadSearch:
    """Does `pattern` (at most `longest` characters) match in s[:end]? Ends grow value by value, so the
    text is searched once in all, not once per value."""

    def __init__(self, s: str, pattern: re.Pattern, longest: int) -> None:
        self.s, self.pattern, self.longest = s, pattern, longest
        self.upto, self.found = 0, False

    def __call__(self, end: int) -> bool:
        if end < self.upto:
            return self.pattern.search(self.s, 0, end) is not None
        if not self.found:
            self.found = self.pattern.search(self.s, max(0, self.upto - self.longest + 1), end) is not None
            self.upto = end
        return self.found


_LINE_BREAK = re.compile("\n")


class _Headlines:
    """Which values stand in a headline: a line of its own, short and with no full stop (a title, a subheading),
    that repeats a figure of the body in its own short words (广西GDP增长7.5% over 地区生产总值增长7.5%)."""

    def __init__(self, text: str):
        self.text = text
        # the line breaks, found once, and each line's answer, worked out once: every statement asks (several
        # times), and a scan to its line's ends per question made a long line cost its length per statement
        self._breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
        self._lines: dict[int, bool] = {}

    def __call__(self, pos: int) -> bool:
        k = bisect_left(self._breaks, pos)  # the line's end is the first break at or after pos
        answer = self._lines.get(k)
        if answer is None:
            start = self._breaks[k - 1] + 1 if k else 0
            end = self._breaks[k] if k < len(self._breaks) else len(self.text)
            line = self.text[start:end].strip()
            answer = self._lines[k] = len(line) <= 60 and "。" not in line
        return answer


def _same_name(a: Target | Actual, b: Target | Actual, headline: _Headlines) -> bool:
    """Do two statements' indicator texts name one indicator? A headline's are read with the warehouse's
    synonyms (GDP = 地区生产总值); two body sentences' as written (江西GDP目标 is no city's 地区生产总值)."""
    x, y = a.indicator_text, b.indicator_text
    if headline(a.char_start) or headline(b.char_start):
        x, y = rewrite(x), rewrite(y)
    return indicator_similarity(x, y) >= 0.6


def _same_target(a: Target, b: Target, headline: _Headlines) -> bool:
    return (a.value == b.value and same_unit(a.unit, b.unit) and a.target_year == b.target_year
            and a.scope_name == b.scope_name
            and a.value_high == b.value_high
            and _same_name(a, b, headline))


def _merge_targets(targets: list[Target], headline: _Headlines) -> list[Target]:
    """One target stated in a table and again in prose is one target: keep the table one (or the first that
    is not a headline's)."""
    ordered = sorted(targets, key=lambda t: (t.method != "table", headline(t.char_start), t.char_start))
    kept: list[Target] = []
    # only targets with the same value, year, scope and upper value can be the same: compare within those
    buckets: dict[tuple, list[int]] = {}
    for t in ordered:
        bucket = buckets.setdefault((t.value, t.target_year, t.scope_name, t.value_high), [])
        for i in bucket:  # in the order they were kept: the first one that matches takes the quote
            if _same_target(kept[i], t, headline):
                q = Quote(t.quote, t.char_start, t.char_end, t.method, t.section)
                kept[i] = _with_quote(kept[i], q, t)
                break
        else:
            bucket.append(len(kept))
            kept.append(t)
    return sorted(kept, key=lambda t: t.char_start)


def _with_quote(k: Target, q: Quote, other: Target) -> Target:
    from dataclasses import replace
    attribute = k.attribute or other.attribute
    comparator = other.comparator if k.comparator == "=" and other.comparator != "=" and k.method == other.method \
        else k.comparator
    return replace(k, other_quotes=k.other_quotes + (q,), attribute=attribute, comparator=comparator)


_DISTINCT = re.compile(r"人均|第[一二三]产业|[一二三]产")  # words that make two alike names different things


def _merge_actuals(actuals: list[Actual], headline: _Headlines) -> list[Actual]:
    """The same value reported twice (a summary and a section, a headline and the body) is one actual: the
    body's is kept."""
    ordered = sorted(_without_repeated_pairs(actuals, headline),
                     key=lambda a: (a.method != "table", headline(a.char_start), a.char_start))
    kept: list[Actual] = []
    buckets: dict[tuple, list[Actual]] = {}
    dated: dict[tuple, list[Actual]] = {}  # the same without the year, of the actuals that have one
    for a in ordered:
        key = (a.value, a.unit, a.scope_name, a.period_label, a.measure)
        bucket = buckets.setdefault((a.period_year, *key), [])
        # a headline naming no year repeats the body's figure of that year (去年…增长6.2%左右 over 2019年…)
        alike = bucket + dated.get(key, []) if a.period_year is None and headline(a.char_start) else bucket
        if any(_same_name(k, a, headline)
               and _DISTINCT.findall(k.indicator_text) == _DISTINCT.findall(a.indicator_text) for k in alike):
            continue  # (人均地区生产总值 is not 地区生产总值, nor 第一产业 第三产业, however alike the words)
        bucket.append(a)
        kept.append(a)
        if a.period_year is not None:
            dated.setdefault(key, []).append(a)
    return sorted(kept, key=lambda a: a.char_start)


def _decimals(raw: str) -> int:
    return len(raw.partition(".")[2])


def _pair_repeats(p: tuple[Actual, Actual], q: tuple[Actual, Actual]) -> bool:
    """Does the (level, growth) pair p say again what q says? The same growth and the same amount (or q's
    amount rounded as p writes it: GDP达475亿 for 475.09亿元), of one period, or p's undated: two figures
    agreeing at once are one indicator's, whatever the words (服务业增加值 for 第三产业增加值)."""
    (level, growth), (q_level, q_growth) = p, q
    places = _decimals(level.value_raw)
    return growth.value == q_growth.value and level.unit == q_level.unit \
        and _decimals(q_level.value_raw) >= places and round(q_level.value, places) == level.value \
        and (level.period_year is None
             or (level.period_year, level.period_label) == (q_level.period_year, q_level.period_label))


def _whole(v: float) -> int | None:
    """The whole number below an amount (None when it is not finite): amounts that round to one another are
    at most one apart."""
    return math.floor(v) if math.isfinite(v) else None


def _without_repeated_pairs(actuals: list[Actual], headline: _Headlines) -> list[Actual]:
    """A sentence giving an amount and its growth (地区生产总值475.09亿元，增长7.2%) that another sentence gives again
    (a lead's GDP达475亿，增长7.2%; a summary's 服务业增加值完成33.3亿元，同比增长1.9%) states one figure twice: the
    statement kept is the one with the exact amount, then the one with a year, then the first."""
    by_sentence: dict[int, list[Actual]] = {}
    for a in actuals:
        by_sentence.setdefault(a.char_start, []).append(a)
    pairs = []
    for group in by_sentence.values():
        levels = [a for a in group if a.measure == "level" and a.value is not None
                  and a.unit not in (None, "%", "％", "个百分点")]
        growths = [a for a in group if a.measure == "yoy_growth" and a.value is not None]
        if len(levels) == 1 and len(growths) == 1:
            pairs.append((levels[0], growths[0]))

    def rank(p: tuple[Actual, Actual]) -> tuple:
        return (-_decimals(p[0].value_raw), p[0].period_year is None, p[0].char_start)

    # only pairs of one growth and one unit whose amounts lie within one of each other (one rounds to the
    # other) can repeat each other: each pair is compared with those, not with every pair of its growth
    # (a long bulletin's thousands); each pair's rank is worked out once
    alike: dict[tuple, list[tuple[tuple, tuple[Actual, Actual]]]] = {}
    for p in pairs:
        alike.setdefault((p[1].value, p[0].unit, _whole(p[0].value)), []).append((rank(p), p))
    dropped: set[int] = set()
    for p in sorted(pairs, key=rank, reverse=True):  # the weakest first: it goes if a stronger one says it
        rank_p, whole = rank(p), _whole(p[0].value)
        if any(rank_q < rank_p and q is not p and id(q[0]) not in dropped and _pair_repeats(p, q)
               for w in ((whole,) if whole is None else (whole - 1, whole, whole + 1))
               for rank_q, q in alike.get((p[1].value, p[0].unit, w), ())):
            dropped |= {id(p[0]), id(p[1])}
    # the dropped amount said once more on its own (a subheading's GDP达475亿，增幅全市第一) goes with it
    # (by value, unit and period: each actual is compared with the dropped amounts it can repeat, not all)
    gone: dict[tuple, list[Actual]] = {}
    for d in actuals:
        if id(d) in dropped and d.measure == "level":
            gone.setdefault((d.value, d.unit, d.period_label), []).append(d)
    if gone:
        paired = {id(a) for p in pairs for a in p}
        dropped |= {id(a) for a in actuals if id(a) not in paired and any(
            a.value == d.value and a.unit == d.unit and a.period_label == d.period_label
            and a.period_year in (None, d.period_year) and _same_name(d, a, headline)
            for d in gone.get((a.value, a.unit, a.period_label), ()))}
    return [a for a in actuals if id(a) not in dropped]


# Searched across whole sentences or texts: behind a look-ahead for their first characters (same matches, fewer tries)
_PAST_CUE, _GOALS_YEAR, _DEADLINE = gated(_PAST_CUE), gated(_GOALS_YEAR), gated(_DEADLINE)
_GROWTH_TAIL, _VS_GOAL = gated(_GROWTH_TAIL), gated(_VS_GOAL)
