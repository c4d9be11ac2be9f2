"""Placing documents among all GB/T 2260 units: places drawn from the complete list, in several shapes."""

from __future__ import annotations

import random
from collections import Counter

import opencc
import pytest

from plantrack.documents import regions_build
from plantrack.documents.metadata import detect_metadata
from plantrack.documents.regions import Region, find_mentions, load_gazetteer, locate_document, region_in_name

GAZ = load_gazetteer()
NAME_COUNT = Counter(r.name for r in GAZ.regions)
RNG = random.Random(2260)


def _draw(condition) -> Region:
    """A unit of the complete list with a name of its own (≥ 3 characters), drawn at random."""
    pool = [r for r in GAZ.regions if condition(r) and NAME_COUNT[r.name] == 1 and len(r.name) >= 3]
    assert pool, "the regions seed lacks such a unit"
    return RNG.choice(pool)


PLACES = {
    "county in 新疆": _draw(lambda r: r.code.startswith("65") and r.name.endswith("县") and r.level == "county"),
    "county-level city in 广东": _draw(lambda r: r.code.startswith("44") and r.name.endswith("市") and r.level == "county"),
    "district of 天津": _draw(lambda r: r.code.startswith("12") and r.level == "district"),
    "autonomous county": _draw(lambda r: r.name.endswith("自治县")),
    "banner in 内蒙古": _draw(lambda r: r.code.startswith("15") and r.name.endswith("旗")),
    "city in 河南": _draw(lambda r: r.code.startswith("41") and r.level == "city"),
}


def _chain(region: Region) -> str:
    """Province + city + unit, as an issuer writes it (municipalities name themselves once)."""
    return "".join(a.name for a in reversed(GAZ.ancestors(region))) + region.name


SHAPES = {
    "title": lambda r: f"{r.name}2023年国民经济和社会发展统计公报\n\n全年地区生产总值增长5.1%。\n",
    "issuer line": lambda r: f"{_chain(r)}人民政府\n\n关于加快工业发展的实施意见\n\n到2027年，工业产值达到300亿元。\n",
    "metadata block": lambda r: (f"[ 发布机构 ] {r.name}人民政府 [ 发布日期 ] 2022-09-14\n\n"
                                 "上半年经济运行情况\n\n上半年，地区生产总值同比增长4.2%。\n"),
    "byline under the title": lambda r: f"上半年经济运行情况\n{_chain(r)}统计局\n2024年8月\n\n上半年，增长4.2%。\n",
    "only the text": lambda r: (f"今年以来，{_self(r)}上下攻坚克难。{r.name}工业增加值增长6%，{r.name}"
                                f"固定资产投资增长3%。{_self(r)}社会消费品零售总额增长5%。\n"),
}


def _self(region: Region) -> str:
    return {"district": "全区", "county": "全旗" if region.name.endswith("旗") else "全县"}.get(region.level, "全市")


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("place", PLACES)
def test_document_is_placed_in_a_unit_drawn_from_the_complete_list(place, shape):
    region = PLACES[place]
    m = detect_metadata(SHAPES[shape](region))
    assert (m.region_name, m.region_code) == (region.name, region.code)
    assert m.sources["region_code"] and 0 < m.confidence["region_code"] <= 1


@pytest.mark.parametrize("place", PLACES)
def test_traditional_characters_are_placed_like_simplified(place):
    region = PLACES[place]
    text = opencc.OpenCC("s2t").convert(SHAPES["byline under the title"](region))
    m = detect_metadata(text)
    assert m.region_code == region.code


def test_pinyin_glosses_of_a_web_repost_do_not_hide_the_name():
    m = locate_document("2021年上半年黔江區(qū)經(jīng)濟(jì)運(yùn)行情況\n重慶市黔江區(qū)統(tǒng)計(jì)局\n", None, None, GAZ)
    assert (m.name, m.code) == ("黔江区", "500114")


def _shared_name() -> tuple[str, list[Region]]:
    """A county-level name that exists in at least two provinces."""
    names = sorted(n for n, c in NAME_COUNT.items() if c > 1 and len(n) >= 3
                   and len({r.code[:2] for r in GAZ.by_name[n]}) == c)
    name = RNG.choice(names)
    return name, list(GAZ.by_name[name])


def test_shared_name_is_resolved_by_the_province_in_the_issuer():
    name, regions = _shared_name()
    for region in regions:
        province = GAZ.ancestors(region)[-1]
        m = detect_metadata(f"{province.name}{name}人民政府\n\n{name}2024年工作要点\n\n全年投资增长5%。\n")
        assert m.region_code == region.code


def test_shared_name_is_resolved_by_the_city_the_text_names():
    name, regions = _shared_name()
    region = regions[-1]
    city = GAZ.ancestors(region)[0]
    m = locate_document(f"{name}2024年统计公报\n\n{city.name}下辖各区县中，全区增长5%。{city.name}排名第一。\n",
                        None, f"{name}2024年统计公报", GAZ)
    assert m.code == region.code


def test_shared_name_alone_keeps_its_name_without_a_code_and_says_why():
    name, regions = _shared_name()
    m = locate_document(f"{name}人民政府\n\n全区增长5%。\n", f"{name}人民政府", None, GAZ)
    assert (m.name, m.code) == (name, None)
    assert all(r.code in m.reason for r in regions)


def test_the_most_specific_unit_of_an_issuer_wins_over_its_municipality():
    m = region_in_name("中共重庆市黔江区委", GAZ)
    assert (m.name, m.code) == ("黔江区", "500114")


def test_a_district_in_the_title_refines_a_city_issuer():
    region = PLACES["district of 天津"]
    m = locate_document(f"{region.name}2023年统计公报\n\n全区增长5%。\n", "天津市统计局", f"{region.name}2023年统计公报",
                        GAZ)
    assert (m.code, m.how) == (region.code, "title")


def test_a_former_name_resolves_to_todays_unit_with_a_note():
    m = region_in_name("万盛区2010年国民经济和社会发展统计公报", GAZ)
    assert (m.name, m.code) == ("綦江区", "500110")
    assert "万盛区" in m.note


def test_a_county_upgraded_to_a_district_resolves_to_the_district():
    upgraded = _draw(lambda r: r.level == "district" and r.short_name != r.name and len(r.short_name) >= 2
                     and len(GAZ.by_short.get(r.short_name, ())) == 1 and r.short_name + "县" not in GAZ.former)
    m = region_in_name(f"{upgraded.short_name}县人民政府", GAZ)
    assert m.code == upgraded.code and "县" in m.note


def test_a_development_zone_is_a_sub_area_of_its_parent():
    m = region_in_name("重庆市万盛经开区管委会", GAZ)
    assert (m.name, m.code, m.subarea) == ("綦江区", "500110", "万盛经开区")


def test_a_park_named_with_a_short_name_is_a_sub_area_of_that_unit():
    region = PLACES["county-level city in 广东"]
    m = region_in_name(f"{region.short_name}高新区管委会", GAZ)
    assert (m.code, m.subarea) == (region.code, f"{region.short_name}高新区")


def test_a_bare_short_name_in_running_text_is_not_a_place():
    region = PLACES["district of 天津"]
    assert find_mentions(f"{region.short_name}工业园今年新增企业12家，{region.short_name}产品远销海外。", GAZ) == []


def test_a_two_character_name_counts_only_after_its_enclosing_region():
    assert find_mentions("主城区和郊区的交通改善。", GAZ) == []
    assert [m.name for m in find_mentions("山西省阳泉市城区人民政府", GAZ)] == ["山西省", "阳泉市", "城区"]


def test_a_word_that_continues_a_suffix_is_not_a_name():
    region = PLACES["district of 天津"]
    assert find_mentions(f"{region.name}域协调发展", GAZ) == []


def test_seed_agrees_with_the_library():
    rows = regions_build.build_rows()
    assert regions_build.render(rows) == regions_build.SEED.read_text(encoding="utf-8")
    assert regions_build.render_changes(regions_build.build_changes(rows)) == \
        regions_build.CHANGES.read_text(encoding="utf-8")


def test_the_list_is_complete_with_parents():
    levels = Counter(r.level for r in GAZ.regions)
    assert levels["province"] == 34 and levels["city"] > 330 and levels["district"] + levels["county"] > 2800
    assert all(r.parent_code in GAZ.by_code for r in GAZ.regions if r.parent_code)
    # no zone (the statistical codes xx71-xx79, 开发区/管委会); 长春's 绿园区 is a district whose name ends in 园区
    assert not [r for r in GAZ.regions if "71" <= r.code[4:] <= "79" or r.name.endswith(("开发区", "管委会"))
                or r.name.endswith("园区") and r.level != "district"]


def test_a_development_zone_document_is_its_own_place_without_a_code_naming_its_parent():
    m = detect_metadata("重庆市万盛经开区管委会\n\n关于印发促进工业发展若干措施的通知\n\n到2025年，工业产值达到200亿元。\n")
    assert (m.region_name, m.region_code) == ("万盛经开区", None)
    assert "綦江区 (500110)" in m.reasons["region_code"]


def test_a_single_mention_in_the_text_is_placed_with_low_confidence_and_a_reason():
    region = PLACES["county in 新疆"]
    m = detect_metadata(f"一、上半年计划执行情况\n\n今年以来，全县上下稳中求进，{region.name}经济运行总体平稳。\n")
    assert m.region_code == region.code
    assert m.confidence["region_code"] < 0.5 and "once" in m.sources["region_code"]


def test_a_web_page_metadata_block_needs_its_delimiter():
    region = PLACES["district of 天津"]
    assert locate_document(f"资金来源{region.name}财政补助。\n", None, None, GAZ) is None


def test_a_name_that_is_also_an_everyday_word_needs_its_enclosing_region():
    assert find_mentions("加快改造老城区，建设新城区。", GAZ) == []
    assert [m.name for m in find_mentions("洛阳市老城区人民政府", GAZ)] == ["洛阳市", "老城区"]


def test_a_title_naming_one_province_by_its_short_name_places_the_text_there():
    m = detect_metadata("1-7月内蒙古工业固定资产投资同比增长31.0%\n\n2021年1-7月，工业固定资产投资同比增长31.0%。\n")
    assert (m.region_name, m.region_code) == ("内蒙古自治区", "150000")
    assert "short name" in m.sources["region_code"]


def test_a_newspaper_or_a_part_of_a_province_is_not_the_province():
    for opening in ("浙江日报 数字报纸\n\n2024年目标任务\n", "到2025年江苏沿海地区综合实力稳步提升\n"):
        assert detect_metadata(opening + "实现GDP增速6.2%以上。\n").region_code is None


def test_headlines_naming_two_provinces_place_the_text_in_neither():
    assert detect_metadata("将“海南八音”带出国门\n上海出台校本作业设计指南\n\n全年完成投资12亿元。\n").region_code is None


def test_a_text_speaking_from_a_district_is_not_placed_in_the_province_its_title_names_by_short_name():
    m = detect_metadata("加快打造重庆先进制造业基地\n\n日期:2026-01-21\n\n全区规上工业产值增长8%，全区新增企业12家。\n")
    assert m.region_code is None
