"""A report's goals and tasks section governs the task headings beneath it: their values are goals."""

from datetime import date

from plantrack.extract import extract_statements

from .helpers import assert_quotes, by_value, make_doc

_REPORT = ("一、2023年工作回顾\n全年粮食产量3.1万吨。\n"
           "二、2024年主要工作安排\n（一）坚持农业农村优先发展，激活乡村振兴引擎\n"
           "持续加强耕地保护，完成耕地修复2000亩，建成高标准农田0.15万亩。\n")


def _st(text: str):
    doc = make_doc(text, region="白沙黎族自治县", doc_type="government_report", start=None, end=None,
                   period_year=2023)
    st = extract_statements(doc)
    assert_quotes(doc, st)
    return st


def test_values_under_a_task_heading_of_a_goals_section_are_goals_of_its_year():
    st = _st(_REPORT)
    assert {t.value: t.target_year for t in st.targets if t.value in (2000, 1500)} == {2000: 2024, 1500: 2024}
    assert by_value(st.actuals, 3.1e4).period_year == 2023


def test_a_result_heading_under_a_goals_heading_keeps_its_values_actuals():
    st = _st("二、2024年目标任务和主要工作\n（一）经济运行回升向好\n高新技术产业投资增长28.5%，出口总值增长9.3%。\n")
    assert {a.value for a in st.actuals} >= {28.5, 9.3}
    assert not st.targets


def _release(text: str):
    doc = make_doc(text, region="广州市", doc_type="release", start=None, end=None, period_year=2023)
    st = extract_statements(doc)
    assert_quotes(doc, st)
    return st


def test_a_goals_paragraph_goes_on_listing_goals_after_its_first_sentence():
    st = _release("2024年主要预期目标是：地区生产总值增长5%左右，固定资产投资增长8%。"
                  "经济结构不断优化，先进制造业增加值占制造业比重达到66%左右。\n")
    assert {t.value: t.target_year for t in st.targets} == {5.0: 2024, 8.0: 2024, 66.0: 2024}


def test_a_goals_list_named_by_its_year_governs_its_clauses():
    st = _release("2024年目标任务：实现GDP增速6.2%以上；规上工业增加值增长9%左右；全社会消费品零售总额增长6%以上。\n")
    assert {t.value: t.target_year for t in st.targets} == {6.2: 2024, 9.0: 2024, 6.0: 2024}


def test_a_result_after_the_goals_in_their_paragraph_stays_an_actual():
    st = _release("年初确定的主要预期目标是：地区生产总值增长6%。全年实际增长6.5%，比上年提高1个百分点。\n")
    assert by_value(st.actuals, 6.5)


def test_a_goal_year_named_earlier_in_the_paragraph_dates_the_goals_after_it():
    st = _release("到2027年，规模以上工业增加值达到2800亿元以上；工业投资年均增速达到10%以上。\n")
    assert by_value(st.targets, 10.0).target_year == 2027


def test_a_sentence_naming_its_own_time_does_not_take_the_paragraph_goal_year():
    st = _release("力争在“十五五”期间，规上工业产值跨上3000亿元新台阶。力争今年新签约超亿元项目不少于60个。\n")
    assert by_value(st.targets, 60.0).target_year != 2030


def test_a_value_of_a_year_after_the_issue_date_is_a_goal():
    doc = make_doc("2025年，高新区将力争GDP增长6.5%以上。\n", region="镇江市", doc_type="release", start=None, end=None,
                   issued_on=date(2024, 12, 30), period_year=2024)
    st = extract_statements(doc)
    assert by_value(st.targets, 6.5).target_year == 2025
    assert not st.actuals


def test_a_whole_year_not_over_when_the_text_was_issued_holds_goals():
    doc = make_doc("辽宁亮点：2025年城镇新增就业48万人。辽宁落点：2026年地区生产总值增长4.5%左右，城镇新增就业45万人以上。\n",
                   region="辽宁省", doc_type="release", start=None, end=None, issued_on=date(2026, 3, 6))
    st = extract_statements(doc)
    assert by_value(st.actuals, 48e4).period_year == 2025
    assert {t.value: t.target_year for t in st.targets} == {4.5: 2026, 45e4: 2026}


def test_the_months_so_far_of_the_year_of_issue_stay_actuals():
    doc = make_doc("今年以来，新培育国家级专精特新“小巨人”企业2户，新增规上工业企业191户。\n", region="六安市",
                   doc_type="release", start=None, end=None, issued_on=date(2023, 9, 25))
    st = extract_statements(doc)
    assert {a.value for a in st.actuals} == {2.0, 191.0} and not st.targets


def test_months_of_the_year_of_issue_stay_actuals():
    doc = make_doc("2026年1-2月，规模以上工业增加值增长5.1%。\n", region="辽宁省", doc_type="release", start=None,
                   end=None, issued_on=date(2026, 3, 20))
    st = extract_statements(doc)
    assert by_value(st.actuals, 5.1).period_year == 2026 and not st.targets


def test_goals_of_今年_take_the_one_year_the_text_names_a_growth_goal_for():
    doc = make_doc("政府工作报告提出，2020年全区地区生产总值增长3.7%，2021年全区生产总值增长目标为7.5%以上。\n"
                   "今年主要预期目标是：规模以上工业增加值增长8%以上，固定资产投资增长15%以上。\n",
                   region="广西壮族自治区", doc_type="release", start=None, end=None)
    st = extract_statements(doc)
    assert {t.value: t.target_year for t in st.targets} == {7.5: 2021, 8.0: 2021, 15.0: 2021}


_DIGEST = ("政府工作报告摘要\n\n■ 2024年成绩单\n\n●预计全省地区生产总值增长6%左右\n\n●粮食总产达到557亿斤\n\n"
           "■ 2025年经济社会发展的主要预期目标\n\n●经济增长6%左右\n\n●城镇调查失业率5.5%左右，城镇新增就业70万人以上\n\n"
           "●粮食产量继续保持500亿斤以上\n")


def test_a_bullet_opens_an_item_of_its_own():
    from plantrack.extract.blocks import Paragraph, parse_blocks

    paragraphs = [b for b in parse_blocks(_DIGEST) if isinstance(b, Paragraph)]
    assert [p.sentences[0].text for p in paragraphs][1:4] == ["■2024年成绩单", "●预计全省地区生产总值增长6%左右",
                                                               "●粮食总产达到557亿斤"]


def test_a_bullet_heading_dates_and_kinds_the_bullets_under_it():
    doc = make_doc(_DIGEST, region="湖北省", doc_type="release", start=None, end=None, issued_on=date(2025, 1, 17))
    st = extract_statements(doc)
    assert_quotes(doc, st)
    assert by_value(st.actuals, 6.0).period_year == 2024
    goals = {t.value: t.target_year for t in st.targets}
    assert {v: goals.get(v) for v in (6.0, 5.5, 70e4)} == {6.0: 2025, 5.5: 2025, 70e4: 2025}


def test_the_base_year_of_a_goal_is_not_its_time():
    st = _release("到2027年，全区高新技术企业在2022年的基础上实现倍增；全区专精特新“小巨人”企业突破8家，"
                  "高技术制造业增加值占规模以上工业增加值的比重超25%。\n")
    assert {t.value: t.target_year for t in st.targets} == {8.0: 2027, 25.0: 2027}
    assert not st.actuals


def test_力争_the_end_of_a_five_year_plan_is_a_goals_time():
    doc = make_doc("力争“十四五”末，全省高速及一级公路总数达到8000公里，普通国道二级及以上公路比重达到85%。\n",
                   region="甘肃省", doc_type="release", start=None, end=None, period_year=2025)
    st = extract_statements(doc)
    assert {t.value: t.target_year for t in st.targets} == {8000.0: 2025, 85.0: 2025}


def test_今后五年_goals_are_of_the_fifth_year_from_the_text():
    doc = make_doc("报告提出，未来五年，全社会研发投入占比6%以上，城镇调查失业率控制在5%以内。\n", region="北京市",
                   doc_type="release", start=None, end=None, issued_on=date(2026, 1, 12))
    st = extract_statements(doc)
    assert {t.value: t.target_year for t in st.targets} == {6.0: 2030, 5.0: 2030}
    assert not st.actuals


def test_a_result_measured_against_a_goal_stays_a_result():
    doc = make_doc("城镇调查失业率平均值为4.6%，低于5%的控制目标。\n", region="浙江省", doc_type="bulletin", start=None,
                   end=None, issued_on=date(2024, 3, 4), period_year=2023)
    st = extract_statements(doc)
    assert by_value(st.actuals, 4.6).period_year == 2023
    assert not any(t.value == 4.6 for t in st.targets)


def _review(text: str):
    doc = make_doc(text, region="某区", doc_type="government_report", start=None, end=None,
                   issued_on=date(2031, 1, 10), period_year=2030)
    st = extract_statements(doc)
    assert_quotes(doc, st)
    return st


def test_a_result_that_completed_or_kept_within_a_goal_stays_a_result():
    st = _review("全年城镇新增就业1354人，就业困难人员就业375人，均超额完成市定目标任务。\n"
                 "物价涨幅控制在预期目标以内，居民消费价格同比上涨2.6%。\n")
    assert {a.value for a in st.actuals} >= {1354, 375, 2.6}
    assert not st.targets


def test_whom_a_reviews_work_went_to_is_no_goal_it_sets():
    st = _review("区级领导带队招商考察32次，拜访目标企业150家，签约亿元以上项目27个、投资规模112亿元。\n")
    assert {a.value for a in st.actuals} >= {27, 112}  # (150 visits: an activity count, no value)
    assert not st.targets


def test_a_goal_to_keep_a_value_within_a_bound_is_still_a_goal():
    st = _review("今年将城镇调查失业率控制在5%以内作为重要目标。\n")
    assert [t.value for t in st.targets] == [5]


def test_results_against_goals_in_a_look_back_stay_results():
    doc = make_doc("一、2023年上半年计划执行情况\n（一）主要目标完成情况\n"
                   "一般公共预算收入完成21.91亿元，同比增长1.3%，与目标相差18.7个百分点。\n",
                   region="官渡区", doc_type="execution_report", start=None, end=None, issued_on=date(2023, 8, 31))
    st = extract_statements(doc)
    assert {21.91, 1.3} <= {a.value for a in st.actuals}
    assert not any(t.value in (21.91, 1.3) for t in st.targets)
