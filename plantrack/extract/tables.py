"""Indicator tables: a header row with year columns (2020年 / 2025年 / 2020年完成), one indicator a row.

The target column is the latest year not marked as done (完成/实际/现状); earlier year columns are
baselines and are also emitted as actual values for their year. Tables without year columns whose
cells hold sentences (task lists) are handed back as prose cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plantrack.extract.blocks import Cell, Table
from plantrack.extract.numbers import parse_number, to_halfwidth

_YEAR_HEAD = re.compile(r"(20\d\d)\s*年?(.*)")
_DONE = re.compile(r"完成|实际|现状|基数|基期|基础|实绩|已")
_TARGET_HEAD = re.compile(r"目标|规划|预期值|预计")
_INDICATOR_HEAD = re.compile(r"指标|名称|项目|内容")
_UNIT_IN_NAME = re.compile(r"[（(]([^（）()]{1,8})[）)]$")
_CELL_VALUE = re.compile(
    r"^(?P<pre>>=|<=|≥|≤|>|<)?\s*(?P<lb>[【\[])?\s*(?P<num>-?\d+(?:\.\d+)?(?:/\d+)?)"
    r"(?:\s*[-~至]\s*(?P<hi>\d+(?:\.\d+)?))?\s*(?P<rb>[】\]])?\s*(?P<unit>%)?\s*(?P<post>以上|以下|左右)?"
    r"\s*(?P<note>[（(](?:新增|累计)[）)])?$"
)
_EMPTY = re.compile(r"^[—\-－/、\s]*$")


@dataclass(frozen=True)
class CellValue:
    raw: str
    value: float | None
    high: float | None
    high_raw: str | None
    comparator: str
    unit: str | None
    cumulative: bool
    doubling: bool = False  # 翻番 / 翻两番: +100 % / +300 % on the baseline, as prose reads it


@dataclass(frozen=True)
class Column:
    index: int
    year: int
    done: bool
    target: bool


@dataclass(frozen=True)
class TableRow:
    indicator: str
    unit: str | None
    attribute: str | None
    cells: tuple[Cell | None, ...]
    quote_start: int
    quote_end: int


@dataclass(frozen=True)
class IndicatorTable:
    rows: tuple[TableRow, ...]
    target_col: Column | None
    baseline_cols: tuple[Column, ...]
    section: str | None


def parse_cell_value(text: str) -> CellValue | None:
    s = to_halfwidth(text).replace("＞", ">").replace("＜", "<").strip()
    if _EMPTY.match(s):
        return None
    doubled = re.fullmatch(r"翻(一|两)?番", s)
    if doubled:  # the same reading as prose: a change of +100 % (翻两番: +300 %) against the baseline
        return CellValue(text.strip(), 300.0 if doubled.group(1) == "两" else 100.0, None, None, "=", "%", False,
                         doubling=True)
    m = _CELL_VALUE.match(s)
    if not m:
        return None
    num = m.group("num")
    value = parse_number(num)
    unit = m.group("unit")
    if "/" in num and value is not None:
        value, unit = round(value * 100, 2), "%"
    comp = {">=": ">=", "≥": ">=", "<=": "<=", "≤": "<=", ">": ">", "<": "<"}.get(m.group("pre") or "", "=")
    comp = {"以上": ">=", "以下": "<=", "左右": "~"}.get(m.group("post") or "", comp)
    hi = m.group("hi")
    if hi:
        comp = "range"
    cumulative = bool(m.group("lb") or m.group("note"))
    # 【13.2】 marks a total over the plan period: the mark is carried as `cumulative`, the raw value is the number
    raw = re.sub(r"[【】\[\]]", "", text.strip()).strip()
    return CellValue(raw, value, parse_number(hi) if hi else None, hi, comp, unit, cumulative)


def _is_attribute_column(table: Table, i: int) -> bool:
    """A column whose filled cells all say 预期性/约束性 holds the attribute, whatever its header says."""
    cells = [r[i].text.strip() for r in table.rows[1:] if i < len(r) and r[i].text.strip()]
    return bool(cells) and all(re.fullmatch(r"(?:预期|约束)性?", c) for c in cells)


def read_indicator_table(table: Table) -> IndicatorTable | None:
    """Columns by their headers; None when the table is not an indicator table."""
    if len(table.rows) < 2:
        return None
    header = [c.text for c in table.rows[0]]
    cols: list[Column] = []
    unit_col = attr_col = None
    ind_candidates: list[int] = []
    for i, h in enumerate(header):
        hh = to_halfwidth(h).replace(" ", "")
        m = _YEAR_HEAD.match(hh)
        if m and len(hh) <= 12:
            cols.append(Column(i, int(m.group(1)), bool(_DONE.search(m.group(2))), bool(_TARGET_HEAD.search(m.group(2)))))
        elif "单位" in hh:
            unit_col = i
        elif "属性" in hh or "性质" in hh or "类型" in hh and "指标类型" not in hh or _is_attribute_column(table, i):
            attr_col = i
        elif _INDICATOR_HEAD.search(hh) and not re.search(r"一级|类型|类别|分类|序号", hh):
            ind_candidates.append(i)
        elif _TARGET_HEAD.search(hh):
            cols.append(Column(i, 0, False, True))
    if not cols:
        return None
    first_value = min(c.index for c in cols)
    if not ind_candidates:
        ind_candidates = [i for i in range(first_value) if i not in (unit_col, attr_col)]
        if not ind_candidates:
            return None
        # the indicator is the column that varies on every row (a category column repeats or is blank)
        filled = [sum(1 for r in table.rows[1:] if len(r) == len(header) and r[i].text) for i in ind_candidates]
        ind_candidates = [ind_candidates[filled.index(max(filled))]]
    named = [i for i in ind_candidates if "名称" in to_halfwidth(header[i])]
    ind_col = named[-1] if named else ind_candidates[-1]
    explicit = [c for c in cols if c.target]
    open_cols = [c for c in cols if not c.done]
    target = explicit[-1] if explicit else (max(open_cols, key=lambda c: c.year) if open_cols else None)
    if target is not None and not explicit and len(cols) == 1 and target.year == 0:
        target = None
    baselines = tuple(c for c in cols if c is not target)
    rows = []
    width = len(header)
    for r0 in table.rows[1:]:
        # merged cells (a category spanning rows) may be left out: align short rows to the right
        r = (None,) * (width - len(r0)) + tuple(r0) if len(r0) < width else tuple(r0)
        if len(r0) < width - 2:
            continue  # a heading row inside the table (一、产业链条建设行动)
        if ind_col >= len(r) or r[ind_col] is None or not r[ind_col].text:
            continue
        name = re.sub(r"\s+", "", r[ind_col].text)
        name = re.sub(r"^其中[:：]?", "", name)
        unit = r[unit_col].text.strip() if unit_col is not None and unit_col < len(r) and r[unit_col] else None
        m = _UNIT_IN_NAME.search(name)
        if m and (not unit) and not re.search(r"[A-Za-z&]", m.group(1)):
            unit = m.group(1)
            name = name[: m.start()]
        attr_text = r[attr_col].text if attr_col is not None and attr_col < len(r) and r[attr_col] else ""
        attribute = "binding" if "约束" in attr_text else "expected" if "预期" in attr_text else None
        nonempty = [c for c in r if c is not None and c.text]
        rows.append(TableRow(name, unit or None, attribute, r, nonempty[0].start, nonempty[-1].end))
    return IndicatorTable(tuple(rows), target, baselines, table.section)


def prose_cells(table: Table) -> list[tuple[Cell, int | None]]:
    """Cells holding sentences (task tables), each with a deadline year found in its row."""
    out = []
    for r in table.rows:
        year = None
        for c in r:
            m = re.fullmatch(r"(20\d\d)\s*年(?:底|前|末)?", to_halfwidth(c.text).strip())
            if m:
                year = int(m.group(1))
        for c in r:
            if len(c.text) >= 12 and re.search(r"\d", c.text):
                out.append((c, year))
    return out


_LEVEL_HEAD = re.compile(r"绝对数|绝对值|总量|数值|数量|本年|全年|本期|累计|实绩|完成")
_GROWTH_HEAD = re.compile(r"增长|增速|增幅|同比|比上年|±")
# a unit a heading row gives the rows under it: 万人, 亿元, 万美元, 亿千瓦时, not 上年=100
_GROUP_UNIT = re.compile(r"[万亿千百]?[\u4e00-\u9fff]{1,4}|%")


@dataclass(frozen=True)
class ReleaseTable:
    """A statistical release's table: one indicator a row, a level column and a growth column, no years."""

    rows: tuple[TableRow, ...]
    level_col: int | None
    growth_col: int | None
    section: str | None
    share_col: int | None = None  # 比重（%）: each row's share of the whole
    level_unit: str | None = None  # the level column's head names the unit (单位数（万个）)


_SHARE_HEAD = re.compile(r"^(?:比重|占比|构成)")


def read_release_table(table: Table) -> ReleaseTable | None:
    """指标 | 单位 | 绝对数 | 比上年增长（%）: the value and its yoy change, for the release's own period."""
    if len(table.rows) < 2:
        return None
    header = [to_halfwidth(c.text).replace(" ", "") for c in table.rows[0]]
    level_col = growth_col = unit_col = ind_col = share_col = None
    growth_cols = []
    for i, h in enumerate(header):
        if "单位" in h and not h.startswith("单位数") and len(h) <= 8:
            unit_col = i  # (单位数（个）: the number of units, a level; 表2-1单位数与…: a caption in the corner)
        elif i and _SHARE_HEAD.match(h) and share_col is None:
            share_col = i
        elif _GROWTH_HEAD.search(h):
            growth_col = i if growth_col is None else growth_col
            growth_cols.append(i)
        elif _LEVEL_HEAD.search(h):
            level_col = i if level_col is None else level_col
        elif ind_col is None and (_INDICATOR_HEAD.search(h) or i == 0):
            ind_col = i
    if level_col is not None and any(i > level_col for i in growth_cols):
        # 本月 | 增长% | 累计 | 累计增长: a growth column is the change of the level column before it
        growth_col = next(i for i in growth_cols if i > level_col)
    unheaded = len(header) == 2 and ind_col == 0 and not header[1]  # 指标 over names, nothing over the figures
    counted = share_col is not None and ind_col == 0  # | 单位数（个） | 比重（%）
    if ind_col is None or growth_col is None and level_col is None and not unheaded and not counted:
        return None
    if level_col is None:  # 产量 / 金额 / 2023年: the first other column whose cells are numbers
        for i in range(len(header)):
            if i in (ind_col, unit_col, growth_col, share_col):
                continue
            cells = [r[i].text for r in table.rows[1:] if i < len(r) and r[i].text]
            if cells and sum(parse_cell_value(c) is not None for c in cells) * 2 > len(cells):
                level_col = i
                break
    rows = []
    group_unit = None  # a heading row's unit (国民经济核算（亿元）) for the rows under it that name none
    for r in table.rows[1:]:
        if ind_col >= len(r) or not r[ind_col].text:
            continue
        name = re.sub(r"\s+", "", r[ind_col].text)
        name = re.sub(r"^(?:其中[:：]?|#|[一二三四五六七八九十]+、)", "", name)
        unit = r[unit_col].text.strip() if unit_col is not None and unit_col < len(r) else None
        m = _UNIT_IN_NAME.search(name)
        if sum(1 for c in r if c.text) == 1 and unit_col is None:
            group_unit = m.group(1) if m and _GROUP_UNIT.fullmatch(m.group(1)) else None
        if m and not unit:
            unit, name = m.group(1), name[: m.start()]
        unit = unit or group_unit
        cells = tuple(r)
        nonempty = [c for c in r if c.text]
        rows.append(TableRow(name, unit or None, None, cells, nonempty[0].start, nonempty[-1].end))
    head_unit = _UNIT_IN_NAME.search(header[level_col]) if level_col is not None else None
    level_unit = head_unit.group(1) if head_unit and head_unit.group(1) != "%" else None
    # 单位:亿元 on the line over the table: the unit of the figures that name none
    noted = _UNIT_NOTE.fullmatch(to_halfwidth(table.caption or "").replace(" ", ""))
    if level_unit is None and noted and noted.group(1) != "%":
        level_unit = noted.group(1)
    return ReleaseTable(tuple(rows), level_col, growth_col, table.section, share_col, level_unit) if rows else None


# A place's name as a table's row label: 全省 (the whole), 长沙市, 湘西自治州, 北京经济技术开发区, 锡林郭勒盟.
_PLACE_NAME = re.compile(r"^(?:全[省市区县州盟旗国]|[\u4e00-\u9fff]{1,14}(?:省|市|区|县|州|盟|旗|新区|开发区|地区))$")
_PERIOD_HEAD = re.compile(r"^(?:(?:19|20)\d\d年)?(?:\d{1,2}[-—－~至]\d{1,2}月|\d{1,2}月|[一二三四]季度|上半年|前三季度|全年)"
                          r"(?:份)?(?:累计)?$|^(?:19|20)\d\d年$")
_UNIT_NOTE = re.compile(r"单位[:：]\s*(\S{1,6})")


@dataclass(frozen=True)
class PlaceColumn:
    index: int
    indicator: str
    unit: str | None
    growth: bool
    period_head: str | None  # the period head this column's figures are of (2017年1-5月 | 同比增长)


@dataclass(frozen=True)
class PlaceTable:
    """A table of places: one place a row (全省, then its cities), one indicator a column, no years."""

    rows: tuple[TableRow, ...]  # indicator = the place's name
    columns: tuple[PlaceColumn, ...]
    section: str | None


def read_place_table(table: Table) -> PlaceTable | None:
    """市州 | 规模工业增加值增长速度(%) | …, then 全省 | 15.9 | … and 长沙市 | 14.4 | …: each column's
    header names the indicator (its unit in brackets, or the corner's 单位:%); a column headed by a
    period (2017年1-5月) has no indicator of its own and is left out, and the change column after it
    (同比增长) is of that period. None when fewer than seven in ten row labels are places."""
    if len(table.rows) < 4:
        return None
    header = [to_halfwidth(c.text).replace(" ", "") for c in table.rows[0]]
    body = [r for r in table.rows[1:] if r and r[0].text]
    names = [re.sub(r"\s+", "", r[0].text) for r in body]
    if len(body) < 3 or sum(bool(_PLACE_NAME.match(n)) for n in names) * 10 < len(names) * 7:
        return None
    corner_unit = _UNIT_NOTE.search(header[0]) if header else None
    columns, period_head = [], None
    for i, h in enumerate(header[1:], start=1):
        if not h:
            continue
        if _PERIOD_HEAD.match(h):
            period_head = h
            continue
        cells = [r[i].text for r in body if i < len(r) and r[i].text]
        if not cells or sum(parse_cell_value(c) is not None for c in cells) * 2 <= len(cells):
            continue
        unit = None
        m = _UNIT_IN_NAME.search(h)
        name = h
        if m:
            unit, name = m.group(1), h[:m.start()]
        unit = unit or (corner_unit.group(1) if corner_unit else None)
        columns.append(PlaceColumn(i, name, unit, bool(_GROWTH_HEAD.search(name)), period_head))
    if not columns:
        return None
    rows = []
    for r, name in zip(body, names, strict=True):
        nonempty = [c for c in r if c.text]
        rows.append(TableRow(name, None, None, tuple(r), nonempty[0].start, nonempty[-1].end))
    return PlaceTable(tuple(rows), tuple(columns), table.section)
