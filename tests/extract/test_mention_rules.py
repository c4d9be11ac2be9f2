"""Each rejection rule of find_mentions on its own: a number it rejects, and a near miss it lets through.

Examples are written for these tests (places, years and phrasings not in the sample corpus). The
rejected number must be rejected by its rule and not come out of find_mentions; the near miss must be
let through by the rule and come out of find_mentions as a value. Then each indicator step of
_assign_indicators on a value it names.
"""

from __future__ import annotations

import random

import pytest

from plantrack.extract import mention_rules as rules
from plantrack.extract import mentions
from plantrack.extract.mention_index import SentenceIndex
from plantrack.extract.mention_rules import REJECTIONS, VS_PLAN, Candidate, rejected_by
from plantrack.extract.mentions import VALUE_RE, find_mentions

# rule -> ((sentence, the number it rejects), (sentence, a number it lets through))
EXAMPLES = {
    rules.in_title_or_file_number: (
        ("依据《绵阳市制造业发展规划（2026—2030年）》，到2030年工业增加值达到900亿元", "2026"),
        ("依据《绵阳市制造业发展规划（2026—2030年）》，到2030年工业增加值达到900亿元", "900")),
    rules.part_of_latin_name: (
        ("银川市PM2.5年均浓度持续下降", "2.5"),
        ("宁东基地新增PTA300万吨产能", "300")),
    rules.rank_or_date: (
        ("到2029年，培育国家级专精特新企业12家", "2029"),
        ("到2029年，培育国家级专精特新企业12家", "12")),
    rules.size_word: (
        ("建设300亿光伏组件产业园", "300"),
        ("光伏组件产业产值达到300亿元", "300")),
    rules.ordinal_or_span: (
        ("工业综合实力进入全国前50位", "50"),
        ("新增规上工业企业50家", "50")),
    rules.span_of_time: (
        ("用3个月时间完成全部整改", "3"),
        ("完成整改提升项目3个", "3")),
    rules.days_not_counted: (
        ("保持了连续327天无新增本土病例", "327"),
        ("城区空气质量优良天数272天", "272")),
    rules.structure_ratio: (
        ("三次产业结构调整为7.1：48.3：44.6", "48.3"),
        ("第三产业增加值占比达到44.6%", "44.6")),
    rules.in_quoted_code: (
        ("加快构建“1+3+N”现代产业体系", "3"),
        ("培育“链主”企业8家", "8")),
    rules.chinese_numeral_as_word: (
        ("做强三大支柱产业集群", "三"),
        ("新培育两家国家级专精特新“小巨人”企业", "两")),
    rules.bare_number_not_reached: (
        ("引进项目总数15", "15"),
        ("全市城镇居民恩格尔系数为28.5", "28.5")),
    rules.qualifies_a_noun: (
        ("鼓励年营业收入2000万元以上的工业企业上云", "2000"),
        ("规上工业企业户均营业收入达到2000万元", "2000")),
    rules.subsidy_amount: (
        ("对新认定的国家级专精特新企业给予一次性奖励50万元", "50"),
        ("争取中央预算内资金补助3亿元", "3")),
    rules.sizes_what_is_counted_after: (
        ("引进5亿元以上工业项目不少于8个", "5"),
        ("引进5亿元以上工业项目不少于8个", "8")),
    rules.size_class_of_a_noun: (
        ("引进投资10亿元项目5个", "10"),
        ("完成工业投资10亿元", "10")),
    rules.sizes_what_is_counted_before: (
        ("新引进2个50亿元项目", "50"),
        ("新引进2个项目，完成投资50亿元", "50")),
    rules.factor_of_a_product: (
        ("建设2×35万千瓦燃煤机组", "2"),
        ("新增电力装机容量达到70万千瓦", "70")),
    rules.counts_the_names_listed: (
        ("壮大智能网联汽车、新型储能、生物医药3个新兴产业", "3"),
        ("培育智能网联汽车、新型储能企业3家", "3")),
    rules.how_many_kinds: (
        ("每个园区重点发展不超过3个主导产业", "3"),
        ("打造3个产业集群", "3")),
    rules.size_of_one_project: (
        ("推动某公司年产20万吨锂电材料项目投产", "20"),
        ("锂电材料产能达到20万吨", "20")),
    rules.condition_of_a_batch: (
        ("培育一批年纳税额超过500万元的骨干企业", "500"),
        ("培育一批骨干企业，新增规上企业30家", "30")),
    rules.scope_of_a_programme: (
        ("围绕80家重点企业开展技术改造", "80"),
        ("围绕重点产业链新培育80家企业", "80")),
    rules.estimate: (
        ("预计新增产值8.6亿元", "8.6"),
        ("预计到2027年全市新增产值8.6亿元", "8.6")),
    rules.comparison_with_another_place: (
        ("工业投资增速比全省高2.3个百分点", "2.3"),
        ("单位地区生产总值能耗较2025年下降13.5%", "13.5")),
    rules.progress_against_plan: (
        ("全年工业增加值完成年度目标的54.3%", "54.3"),
        ("全年工业增加值增长6.1%", "6.1")),
    rules.share_of_a_larger_place: (
        ("规上工业产值占全省的8.2%", "8.2"),
        ("高技术制造业增加值占规上工业比重为18.5%", "18.5")),
    rules.tally_of_categories: (
        ("38个大类行业中有24个行业增加值实现增长", "38"),
        ("规上工业企业达到38个", "38")),
    rules.ratio_in_words: (
        ("全国每出口4辆汽车就有1辆本省造", "4"),
        ("全年出口汽车4万辆", "4")),
    rules.place_in_a_ranking: (
        ("在全国国家级经开区的综合排名，由2030年的161位上升至目前的84位", "84"),
        ("引进博士10位、硕士20名", "10")),
    rules.sample_rate_of_a_survey: (
        ("据2031年5‰人口变动抽样调查推算，年末常住人口6627万人", "5"),
        ("抽样调查显示，群众满意度达到95%", "95")),
    rules.change_against_another_period: (
        ("规上工业增加值增长6.2%，增速比一季度加快3.1个百分点", "3.1"),
        ("常住人口城镇化率比上年提高0.9个百分点", "0.9")),
    rules.gap_in_points: (
        ("网络零售额增速高于社会消费品零售总额6.2个百分点", "6.2"),
        ("研发投入强度提高0.8个百分点", "0.8")),
    rules.gap_to_another_rate: (
        ("工业用电量增长快于全国平均水平3.2", "3.2"),
        ("规上工业增加值增速达到8.5%", "8.5")),
    rules.tally_of_indicators: (
        ("规划确定的28项指标中，22项达到预期", "28"),
        ("新建标准厂房项目28项", "28")),
    rules.steps_climbed: (
        ("全市地区生产总值连续跨越3个千亿台阶，达到8120亿元", "3"),
        ("全市地区生产总值跨上8000亿元台阶", "8000")),
    rules.attendance_or_votes: (
        ("大会应到代表457名，实到代表445名", "457"),
        ("全年新增就业人员457名", "457")),
    rules.aspects_of_the_work: (
        ("报告提出重点做好10个方面工作", "10"),
        ("新建10个标准化厂房", "10")),
    rules.tally_of_places: (
        ("全省13个设区市规上工业增速均保持正增长", "13"),
        ("新建13个产业园区", "13")),
    rules.effort_of_the_government: (
        ("全年拜访企业305家，签约项目38个", "305"),
        ("全年新发展农民专业合作社50家", "50")),
    rules.set_of_industries_worked_on: (
        ("全省聚焦34条重点产业链", "34"),
        ("形成4个千亿级产业集群", "4")),
    rules.bound_passed_by_each_of_a_group: (
        ("6个盟市的工业增加值增速均超过了32%", "32"),
        ("全市工业增加值增速超过了12%", "12")),
    rules.honours_won: (
        ("全年13个项目获国家科技奖", "13"),
        ("全年新获批国家和省部级创新平台13个", "13")),
    rules.policy_named_by_its_articles: (
        ("出台稳投资“26条”等一揽子政策", "26"),
        ("新建农村公路12条", "12")),
    rules.counts_the_set_reported_on: (
        ("全市158个重点项目完成投资189.4亿元", "158"),
        ("69家规模以上工业企业实现总产值245.5亿元", "69")),
    rules.counts_an_open_list: (
        ("加快兰原、沿黄等5条高速公路建设", "5"),
        ("成功引进鑫联环保、吉利控股等20户企业入驻园区", "20")),
}


def candidate(sentence: str, number: str) -> Candidate:
    """The candidate VALUE_RE reads at the first occurrence of `number` in the sentence."""
    at = sentence.index(number)
    match = next(m for m in VALUE_RE.finditer(sentence) if m.start() == at)
    assert match.group("num") == number
    return Candidate.of(sentence, SentenceIndex(sentence), match, VS_PLAN.search(sentence) is not None)


def found_at(sentence: str, number: str) -> bool:
    return any(m.start == sentence.index(number) for m in find_mentions(sentence))


RULES = [pytest.param(rule, id=rule.__name__) for rule in REJECTIONS]


def test_every_rule_has_examples_and_a_docstring():
    assert set(EXAMPLES) == set(REJECTIONS)
    assert all(rule.__doc__ for rule in REJECTIONS)


@pytest.mark.parametrize("rule", RULES)
def test_rule_rejects_its_example(rule):
    sentence, number = EXAMPLES[rule][0]
    assert rule(candidate(sentence, number))
    assert not found_at(sentence, number)


@pytest.mark.parametrize("rule", RULES)
def test_rule_lets_its_near_miss_through(rule):
    sentence, number = EXAMPLES[rule][1]
    assert not rule(candidate(sentence, number))
    assert found_at(sentence, number)


def test_the_order_of_the_rules_does_not_change_what_is_rejected():
    examples = [example for pair in EXAMPLES.values() for example in pair]
    expected = [rejected_by(candidate(*example)) is None for example in examples]
    rng = random.Random(13)
    for _ in range(20):
        order = list(REJECTIONS)
        rng.shuffle(order)
        assert [rejected_by(candidate(*example), tuple(order)) is None for example in examples] == expected


def test_the_prescreen_rejects_only_what_the_chinese_numeral_rule_rejects():
    sentences = ["做强三大支柱产业", "新培育两家国家级企业", "产值突破百亿", "形成两个百分点以上的优势",
                 "建成千家智能工厂", "一是加快发展", "四至五个园区"]
    for sentence in sentences:
        for m in VALUE_RE.finditer(sentence):
            if m.group("num")[0] in "零〇一二两三四五六七八九十百千" and rules.chinese_word_on_bare_match(sentence, m):
                c = Candidate.of(sentence, SentenceIndex(sentence), m, False)
                assert rules.chinese_numeral_as_word(c), (sentence, m.group())


def test_a_bare_yi_after_a_money_word_is_read_as_the_unit():
    c = candidate("数字经济核心产业营业收入突破百亿，", "百")
    assert c.unit == "亿" and c.s[c.a:c.b] == "百亿"


def test_a_bare_yi_without_a_money_word_is_no_unit():
    c = candidate("常住人口突破1亿，", "1")
    assert c.unit is None


def test_a_sentence_without_any_number_holds_no_mention():
    assert find_mentions("坚持创新驱动，推动制造业高质量发展。") == []


def test_a_footnote_line_holds_no_mention():
    assert find_mentions("注2：规上工业增加值增速按可比价格计算，2026年为8.5%。") == []


def test_a_sentence_that_only_looks_like_a_note_is_read():
    assert [m.value for m in find_mentions("注重质量效益，规上工业增加值增长8.5%。")] == [8.5]


# ---------------------------------------------------------------- the indicator steps

# step -> (sentence, the value it names, the indicator it gives)
NAMING_EXAMPLES = {
    mentions._milestone_of_subject_just_named: ("地区生产总值连续突破4000亿元、5000亿元大关", "5000", "地区生产总值"),
    mentions._value_of_another_period_of_the_subject: (
        "全省规上工业增加值同比增长5.6%，6月份增长5.9%", "5.9", "规上工业增加值"),
    mentions._level_after_its_threshold: ("经济总量首次突破2000亿元、达2010.9亿元", "2010.9", "经济总量"),
    mentions._value_converted_just_named: ("人均地区生产总值73232元，按平均汇率计算为10283美元", "10283", "人均地区生产总值"),
    mentions._level_after_its_steps: ("全市地区生产总值连跨3个千亿台阶，达到8120亿元", "8120", "地区生产总值"),
    mentions._level_after_its_growth: ("一般公共预算收入增长6.1%、突破420亿元", "420", "一般公共预算收入"),
    mentions._counted_subjects_act: ("11家企业新盘活闲置厂房面积3.2万平方米", "3.2", "新盘活闲置厂房面积"),
    mentions._bare_count_of_item_just_named: ("新增国家高新技术企业18家，累计达到156家", "156", "国家高新技术企业累计"),
    mentions._end_of_span_just_named: ("地区生产总值从2017年的650亿元增加到1020亿元", "1020", "地区生产总值"),
    mentions._level_reached_by_subject_just_named: ("研发投入强度提高0.6个百分点，达到2.9%", "2.9", "研发投入强度"),
    mentions._growth_of_value_just_named: ("全市规上工业增加值612亿元，增长7.4%", "7.4", "规上工业增加值增长"),
    mentions._growth_of_subject_of_clause_before: (
        "其中，制造业投资支撑有力，同比增长15.3%", "15.3", "制造业投资支撑有力同比增长"),
    mentions._value_after_its_label: ("• 地区生产总值：14万亿元，连续36年全国第一", "14", "地区生产总值"),
    mentions._count_of_class_named_after: ("打造电子信息等2个百亿级产业", "2", "百亿级产业"),
    mentions._noun_after_verb: ("力争新培育32家市级绿色工厂", "32", "新培育市级绿色工厂"),
    mentions._bare_measure_of_subject_just_named: ("新能源汽车产量突破25万辆，产值超500亿元", "500", "新能源汽车产值"),
    mentions._share_or_rate_of_value_just_named: (
        "第三产业增加值1020亿元，增长6.2%，占地区生产总值比重为55.1%", "55.1", "第三产业增加值占地区生产总值比重"),
}


def test_every_naming_step_has_an_example():
    assert set(NAMING_EXAMPLES) == set(mentions._NAMING_STEPS)


@pytest.mark.parametrize("step", [pytest.param(s, id=s.__name__) for s in mentions._NAMING_STEPS])
def test_naming_step_names_its_example(step, monkeypatch):
    sentence, value, indicator = NAMING_EXAMPLES[step]
    named: list[str] = []

    def watched(n):
        got = step(n)
        if got is not None and n.m.value_raw == value:
            named.append(got)
        return got

    monkeypatch.setattr(mentions, "_NAMING_STEPS",
                        tuple(watched if s is step else s for s in mentions._NAMING_STEPS))
    found = {m.value_raw: m.indicator for m in mentions.find_mentions(sentence)}
    assert named and found[value] == indicator


def test_a_result_against_the_years_goal_takes_the_goals_indicator():
    found = mentions.find_mentions("规上工业总产值年度目标900亿元，1-6月完成430亿元")
    assert [(m.value_raw, m.indicator, m.goal, m.done) for m in found] == [
        ("900", "规上工业总产值", True, False), ("430", "规上工业总产值", False, True)]


@pytest.mark.parametrize(("sentence", "tally"), [("上半年，规模以上工业40个行业大类中，25个行业增加值实现增长。", 40),
                                               ("从行业看，35个行业中22个行业产值增长。", 35),
                                               ("上半年38个工业大类行业中较1-5月份回升的有35个。", 38)])
def test_the_count_of_categories_a_tally_is_taken_among_is_no_value(sentence, tally):
    assert tally not in {m.value for m in find_mentions(sentence)}


@pytest.mark.parametrize(("sentence", "count"), [("37个工业大类行业中，23个行业增加值正增长，增长面62.2%。", 23),
                                               ("从行业增长面看，41个大类行业有23个行业保持增长。", 23),
                                               ("其中有12个行业实现投资稳步增长、3个行业实现投资翻倍。", 3)])
def test_how_many_industries_grew_is_no_value(sentence, count):
    assert count not in {m.value for m in find_mentions(sentence)}


def test_a_sectors_leading_firms_are_counted_as_values():
    assert 10 in {m.value for m in find_mentions("全年引进行业龙头企业10家，培育10个行业龙头企业。")}


@pytest.mark.parametrize(("sentence", "count"), [("荣获国家和省市荣誉112项", 112), ("7家企业上榜全球国际承包商250强", 7),
                                               ("实现6个省级鼎类奖项全满贯", 6)])
def test_a_count_of_honours_won_is_no_value(sentence, count):
    assert count not in {m.value for m in find_mentions(sentence)}


@pytest.mark.parametrize(("sentence", "count"), [("加快兰原、沿黄等5条高速公路建设", 5),
                                               ("推进故宫周边等10个重点区域整治", 10)])
def test_a_count_closing_a_list_of_names_given_in_part_is_no_value(sentence, count):
    assert count not in {m.value for m in find_mentions(sentence)}


@pytest.mark.parametrize(("sentence", "count"), [("推动A公司、B公司等220个亿元以上项目开工建设", 220),
                                               ("成功引进鑫联环保、吉利控股等20户企业入驻园区", 20)])
def test_projects_carried_out_and_firms_brought_in_named_in_part_are_values(sentence, count):
    assert count in {m.value for m in find_mentions(sentence)}


def test_honours_a_plan_sets_out_to_win_are_its_goal():
    assert 60 in {m.value for m in find_mentions("力争入围各类试点示范荣誉60个以上")}


@pytest.mark.parametrize(("sentence", "count"), [("拜访目标企业150家，签约亿元以上项目27个", 150),
                                               ("2019年，重庆深化与78家央企合作", 78), ("前期先后组织14个调研组", 14)])
def test_the_governments_own_visits_partners_and_working_groups_are_no_values(sentence, count):
    assert count not in {m.value for m in find_mentions(sentence)}


@pytest.mark.parametrize("sentence", ["全年规上工业增加值增长7.2%，增速比2030年减低2.2个百分点。",
                                      "全年地区生产总值下降8.2%，比上年增速放缓10.2个百分点。",
                                      "1-8月，工业投资下降3.1%，降幅比7月收窄0.3个百分点。",
                                      "6月份，规上工业增加值增长11.6%，比5月份加快2.3个百分点。",
                                      "1-8月，规上工业增加值增长20.6%，增速比上个月回升3.3个百分点。"])
def test_a_growth_rates_change_in_points_against_any_earlier_period_is_no_value(sentence):
    assert [m.unit_raw for m in find_mentions(sentence)] == ["%"]


@pytest.mark.parametrize("sentence", ["消费对经济增速拉动1.2个百分点。", "新入库企业上拉全县工业产值增速1.2个百分点。"])
def test_a_contribution_in_points_to_a_growth_rate_is_a_value(sentence):
    assert 1.2 in {m.value for m in find_mentions(sentence)}


def test_a_gap_to_another_places_rate_said_as_better_than_is_no_value():
    assert [m.value for m in find_mentions("上半年进口总额增长9.1%，好于全国12.4个百分点。")] == [9.1]


@pytest.mark.parametrize(("sentence", "count"), [("推出15项“免申即享”政策", 15), ("圆满完成12件重点民生实事", 12),
                                               ("出台5大类26项“助企纾困”政策", 26), ("推进112项改革任务", 112),
                                               ("下放179项政务服务事项", 179), ("完成32项县域经济考核指标", 32),
                                               ("完成市区级年度任务200项", 200), ("主要经济指标任务共10项", 10)])
def test_a_count_of_a_governments_own_programme_items_is_no_value(sentence, count):
    assert count not in {m.value for m in find_mentions(sentence)}


@pytest.mark.parametrize(("sentence", "count"), [("全年创造5000个新工作岗位", 5000), ("实施80项城建重点工程", 80)])
def test_jobs_and_engineering_works_are_counted_as_values(sentence, count):
    assert count in {m.value for m in find_mentions(sentence)}


@pytest.mark.parametrize(("sentence", "count"), [("全区4个镇及1个街道乡村人口13.2万人", 4),
                                               ("全县辖48个乡、9个镇", 48),
                                               ("规上工业增加值总量居13个地市之首", 13),
                                               ("70个大中城市新建商品住宅价格环比下降", 70)])
def test_a_count_of_the_places_a_text_speaks_about_is_no_value(sentence, count):
    assert count not in {m.value for m in find_mentions(sentence)}


@pytest.mark.parametrize(("sentence", "count"), [("创建5个乡村振兴示范村", 5), ("建成12个城市商圈", 12)])
def test_a_count_of_things_named_after_villages_or_cities_is_a_value(sentence, count):
    assert count in {m.value for m in find_mentions(sentence)}
