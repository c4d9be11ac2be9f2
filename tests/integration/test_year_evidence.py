"""Evidence that must not date a value, through the whole path (file on disk -> `plantrack refresh` ->
warehouse row): a plan's period for its review of the year before, a multiple's base year for the multiple
(or for the document), the constant prices' year, a range of years and a cited report's year for any value,
the year a report's goals are for for a goal its review quotes; 今年 of an undated report's goals counted
from the year it reviews only when it names the year after or a dateline puts it early in a year (and its
去年 with it); and the document row of a report that looks
back and ahead (a plan of its goals' year). One shared refresh for all the texts."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import refresh_texts

pytestmark = [pytest.mark.slow, pytest.mark.integration]

TEXTS = {
    # an annual plan opens with the year before it: its results are no goals of the plan's year
    "年度计划.txt": (
        "某县2025年国民经济和社会发展计划\n"
        "2024年，全县经济运行稳中有进。全年地区生产总值增长4.8%，社会消费品零售总额增长5.4%。\n"
        "2025年经济社会发展的主要预期目标是：地区生产总值增长6%左右。\n"
    ),
    # a plan's paragraph that turns from its base year to its goal year: what follows the goal year is a goal
    "规划段落.txt": (
        "某县“十四五”规划纲要(2021—2025年)\n"
        "2020年，全县地区生产总值达到500亿元。到2025年，地区生产总值达到800亿元。人均地区生产总值达到10万元。\n"
    ),
    # a five-year review: a multiple counted from the year before the span
    "五年倍数.txt": (
        "某市政府工作报告\n——2011年1月12日在某市第十四届人民代表大会第四次会议上\n一、过去五年及2010年工作回顾\n"
        "过去五年，地区生产总值年均增长24%，相当于2005年的3倍。\n"
    ),
    # a review with no title, date or period, whose years are mostly the base of its multiples
    "倍数基年.txt": (
        "某市五年发展回顾\n"
        "预计2012年全市生产总值完成1500亿元左右，是2007年的2.2倍；工业增加值达到600亿元，是2007年的2.6倍；"
        "财政总收入完成150亿元，是2007年的2.4倍。\n"
    ),
    # a report's review whose words say 目标 (目标企业), then the report's own goals
    "回顾目标.txt": (
        "某区2025年政府工作报告\n——2025年3月21日在某区第十九届人民代表大会第四次会议上\n"
        "一、过去一年工作回顾\n（一）坚持项目支撑、招商赋能\n拜访目标企业150家，签约亿元以上项目27个。\n"
        "二、2025年主要预期目标\n地区生产总值增长6%左右。\n"
    ),
    # a new term's 政府工作报告, given in November of its title's year: it reviews that year, not the one before
    "年末报告.txt": (
        "2016年某县人民政府工作报告\n——2016年11月25日在某县第十七届人民代表大会第一次会议上\n各位代表：\n"
        "一、本届政府工作回顾\n全年地区生产总值增长7.5%，固定资产投资增长12.1%。\n"
    ),
    # a news summary of a report: last year's results (基本实现预期目标 is a goal met), then this year's goals
    # introduced inside a sentence that names the year ahead
    "两会新闻.txt": (
        "某市“两会”正在有序进行中，市长就2008年各项建设总结及2009年经济发展预期目标作报告。\n"
        "市长介绍说，2008年全市各项建设平稳进行，全市实现生产总值2700亿元，增长14%；财政总收入263.6亿元，"
        "增长17.1%，基本实现预期目标。\n"
        "“2009年将是重要战略机遇期”，市长说，全年经济社会发展主要预期目标为：地区生产总值增长11%，"
        "财政总收入增长15%，规模以上工业产值增长17%等。\n"
    ),
    # a summary page run into one line: the review heading's results, then 今年主要预期目标 in the same line
    "一图读懂.txt": (
        "1/1\n一、2018年工作回顾 全市生产总值增长6.6%左右，，居民人均可支配收入达6.8万元、增长8.8% 新增公园41座 "
        "二、今年主要预期目标 全市生产总值增长6%左右 地方一般公共预算收入增长5% 三、今年重点工作 办好促消费活动\n"
    ),
    # a district head on the year ahead: 2023年，我们将… then 预期目标是，… (同比 names each growth's base)
    "区长访谈.txt": (
        "新华独家|2023年，某区这样干!\n区长 某某\n"
        "2023年，我们将锚定打造“百亿级县区”的区域定位。预期目标是，地区生产总值同比增长7%，"
        "规上工业总产值同比增长8.5%，固定资产投资同比增长6%。\n"
    ),
    # a report given in December: what its review says was secured (争取…42个) is a result of the year reviewed
    "争取回顾.txt": (
        "某县2025年政府工作报告\n——2024年12月26日在某县第十八届人民代表大会第五次会议上\n一、2024年工作回顾\n"
        "这是收获满满的一年。争取中省预算内、特别国债、专项债券项目42个，到位资金18.7亿元、增长21%。\n"
        "二、2025年主要预期目标\n地区生产总值增长6%左右。\n"
    ),
    # a news summary of a report with no date: 今年's goals, then the results of 2014, and 2015 named
    "今年目标.txt": (
        "某省政府工作报告\n记者报道：1月28日上午，某省第十二届人民代表大会第三次会议开幕，省长作政府工作报告。"
        "工作报告明确了今年某省经济社会发展的主要预期目标：生产总值增长8%左右，固定资产投资增长20%左右。\n"
        "省长表示，2015年是全面深化改革的关键之年。\n"
        "据介绍，2014年某省实现生产总值6835.27亿元，增长8.9%；固定资产投资7759.6亿元，增长21.1%。\n"
    ),
    # the same without 2015 named: a summary written late in 2014 would say 今年 of 2014 too
    "今年目标无据.txt": (
        "某省政府工作报告\n记者报道：某省第十二届人民代表大会第三次会议开幕，省长作政府工作报告。"
        "工作报告明确了今年某省经济社会发展的主要预期目标：生产总值增长8%左右，固定资产投资增长20%左右。\n"
        "据介绍，2014年某省实现生产总值6835.27亿元，增长8.9%；固定资产投资7759.6亿元，增长21.1%。\n"
    ),
    # news of a report dated by its dateline's month alone (观点网讯：1月23日): in January, the whole year whose
    # results it gives (2021) has just ended, so its 今年 is 2022 and its 去年 2021
    "年初电讯.txt": (
        "观点网讯：1月23日，某省第十三届人民代表大会第七次会议开幕，省长作政府工作报告。\n"
        "报告显示，建议今年全省经济社会发展主要预期目标为：地区生产总值增长5.5%以上，一般公共预算收入增长5%左右。\n"
        "去年，全省完成固定资产投资7759.6亿元。据了解，2021年某省生产总值为83095.9亿元，比上年增长8.3%。\n"
    ),
    # the same dated in December: the year's results may be the ones of the year it is still in
    "年末电讯.txt": (
        "观点网讯：12月23日，某省第十三届人民代表大会第七次会议开幕，省长作政府工作报告。\n"
        "报告显示，建议今年全省经济社会发展主要预期目标为：地区生产总值增长5.5%以上，一般公共预算收入增长5%左右。\n"
        "去年，全省完成固定资产投资7759.6亿元。据了解，2021年某省生产总值为83095.9亿元，比上年增长8.3%。\n"
    ),
    # a bulletin whose first heading runs into its text: the constant prices' year (按2020年不变价格) and a
    # chart's range of years (2018年-2022年…图) before the price paragraph date none of its values
    "不变价.txt": (
        "2022年某区国民经济和社会发展统计公报\n2022年，全区经济运行总体平稳。\n"
        "一、综合 初步核算，全区完成地区生产总值243.5亿元，按2020年不变价格计算，同比增长3%，两年平均增长4.2%。"
        "其中第一产业增加值2.6亿元，同比增长8.7%。\n2018年-2022年地区生产总值及增速图\n"
        "据调查队监测数据显示：居民消费价格累计上涨2.8%，商品零售价格指数累计上涨2.7%。\n"
    ),
    # a page summing up a report by the year it was given in (2025年工作报告显示): its figures are of 2024
    "报告显示.txt": (
        "2025-07-07 21:36:41 8次\n某区2025年工作报告显示，该区预计实现地区生产总值800亿元以上、增长7%，"
        "完成一般公共预算收入38.6亿元、增长5.8%。在民生领域，城镇新增就业6000人。\n"
        "这份工作报告具有系统性特征。从产业结构看，该区已形成四大支柱产业体系，2024年工业应税销售收入达2747.1亿元。"
        "民生保障措施呈现精准化特点，2024年新增农村分散特困人员8人。\n"
    ),
    # a brief on a report with no date: the one year it names is its goals' (2013年…主要预期目标), not its results'
    "目标年份.txt": (
        "某省省长在省人大会议上作政府工作报告时指出,2013年该省经济社会发展的主要预期目标是:生产总值增长11%左右。\n"
        "据统计,去年该省生产总值达19701.78亿元,同比增长11.4%;公共财政总收入3008.91亿元,增长15.9%。\n"
    ),
    # a summary of a report in label lines: the year reviewed's results, then a line heading the next year's goals
    "成就目标.txt": (
        "1月26日上午,某省第十三届人民代表大会第五次会议开幕,省长作政府工作报告。\n2020年成就:\n"
        "实现生产总值2.62万亿元,增长2.2%\n固定资产投资增长4.1%\n城镇新增就业43.2万人\n“十三五”成就:\n县县通高速如期实现\n"
        "2021年目标:\n生产总值增长6.5%左右\n地方财政收入增长5%左右\n城镇新增就业40万人\n"
    ),
    # a news piece on a report's goals alone, with no results
    "目标新闻.txt": (
        "某省政府工作报告提出，2024年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，"
        "地方一般公共预算收入增长5%。\n"
    ),
}


@pytest.fixture(scope="session")
def years(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    con = refresh_texts(tmp_path_factory, "year-evidence", TEXTS)
    yield con
    con.close()


def _rows(con, table: str, file: str, value: str) -> list[dict]:
    """The rows of a value as the text writes it (10万元 is stored as 0.001 亿元)."""
    rows = con.execute(f"SELECT * FROM marts.{table} WHERE source_file = ? AND value_raw = ?", [file, value]).fetchall()
    cols = [d[0] for d in con.description]
    return [dict(zip(cols, r, strict=True)) for r in rows]


def test_a_plans_review_of_the_year_before_its_period_is_actuals_of_that_year(years):
    assert _rows(years, "fct_plan_targets", "年度计划.txt", "4.8") == []
    [a] = _rows(years, "fct_indicator_actuals", "年度计划.txt", "4.8")
    assert (a["period_year"], a["year_evidence"]) == (2024, "paragraph")
    [goal] = _rows(years, "fct_plan_targets", "年度计划.txt", "6")
    assert goal["target_year"] == 2025


def test_a_plans_paragraph_turned_to_its_goal_year_goes_on_setting_goals(years):
    [base] = _rows(years, "fct_indicator_actuals", "规划段落.txt", "500")
    assert base["period_year"] == 2020
    [goal] = _rows(years, "fct_plan_targets", "规划段落.txt", "10")
    assert goal["target_year"] == 2025


def test_a_multiple_of_a_years_figure_is_not_of_that_year(years):
    [a] = _rows(years, "fct_indicator_actuals", "五年倍数.txt", "3")
    assert a["period_year"] == 2010 and a["year_evidence"] == "heading"
    [growth] = _rows(years, "fct_indicator_actuals", "五年倍数.txt", "24")
    assert growth["period_year"] == 2010


def test_a_multiples_base_year_is_not_the_year_a_text_without_one_reports_on(years):
    [industry] = _rows(years, "fct_indicator_actuals", "倍数基年.txt", "600")
    assert (industry["period_year"], industry["year_evidence"]) == (2012, "text")


def test_the_constant_prices_year_dates_no_value_of_its_heading_or_sentence(years):
    for value in ("243.5", "4.2", "2.6"):
        [a] = _rows(years, "fct_indicator_actuals", "不变价.txt", value)
        assert a["period_year"] == 2022, value


def test_a_range_of_years_dates_no_value_after_it(years):
    [a] = _rows(years, "fct_indicator_actuals", "不变价.txt", "2.8")
    assert a["period_year"] == 2022


def test_the_year_a_cited_report_was_given_in_is_not_the_year_of_its_figures(years):
    for value in ("800", "6000"):
        [a] = _rows(years, "fct_indicator_actuals", "报告显示.txt", value)
        assert a["period_year"] == 2024, value


def test_a_goal_quoted_under_a_heading_that_reviews_the_past_takes_no_year_from_the_reports_goals(years):
    targets = _rows(years, "fct_plan_targets", "回顾目标.txt", "27")
    actuals = _rows(years, "fct_indicator_actuals", "回顾目标.txt", "27")
    assert len(targets) + len(actuals) == 1
    if targets:  # read as a goal: its year is unknown, and the row says why
        assert targets[0]["target_year"] is None and "reviews the past" in targets[0]["confidence_reason"]
    else:  # read as a result of the year reviewed
        assert actuals[0]["period_year"] == 2024
    [goal] = _rows(years, "fct_plan_targets", "回顾目标.txt", "6")
    assert goal["target_year"] == 2025


def test_the_year_a_text_names_only_for_its_goals_dates_none_of_its_results(years):
    [revenue] = _rows(years, "fct_indicator_actuals", "目标年份.txt", "3008.91")
    assert revenue["period_year"] is None
    [goal] = _rows(years, "fct_plan_targets", "目标年份.txt", "11")
    assert goal["target_year"] == 2013


def test_what_follows_a_text_turning_to_its_goals_takes_no_year_from_the_year_it_reviews(years):
    [result] = _rows(years, "fct_indicator_actuals", "成就目标.txt", "4.1")
    assert result["period_year"] == 2020
    for row in _rows(years, "fct_indicator_actuals", "成就目标.txt", "5"):
        assert row["period_year"] is None  # read as a result, it is not shown to be of 2020
    for row in _rows(years, "fct_plan_targets", "成就目标.txt", "5"):
        assert row["target_year"] in (None, 2021)


def test_a_report_given_late_in_its_titles_year_reviews_that_year(years):
    [a] = _rows(years, "fct_indicator_actuals", "年末报告.txt", "7.5")
    assert (a["period_year"], a["year_evidence"]) == (2016, "title")


def test_results_before_a_goals_lead_in_are_actuals_of_the_year_reviewed(years):
    assert _rows(years, "fct_plan_targets", "两会新闻.txt", "263.6") == []
    [revenue] = _rows(years, "fct_indicator_actuals", "两会新闻.txt", "263.6")
    assert revenue["period_year"] == 2008


def test_goals_after_a_lead_in_inside_a_sentence_are_targets_of_the_year_ahead(years):
    assert _rows(years, "fct_indicator_actuals", "两会新闻.txt", "11") == []
    [growth] = _rows(years, "fct_plan_targets", "两会新闻.txt", "11")
    assert growth["target_year"] == 2009


def test_a_page_run_into_one_line_keeps_its_review_and_its_goals_apart(years):
    assert _rows(years, "fct_plan_targets", "一图读懂.txt", "8.8") == []
    [income] = _rows(years, "fct_indicator_actuals", "一图读懂.txt", "8.8")
    assert income["period_year"] == 2018
    [revenue] = _rows(years, "fct_plan_targets", "一图读懂.txt", "5")
    assert revenue["target_year"] == 2019  # 今年 of a text reviewing 2018 (一、2018年工作回顾)


def test_a_year_its_clause_says_will_be_worked_on_dates_the_goals_after_it(years):
    assert _rows(years, "fct_indicator_actuals", "区长访谈.txt", "8.5") == []
    goals = [_rows(years, "fct_plan_targets", "区长访谈.txt", v) for v in ("7", "8.5", "6")]
    assert [[g["target_year"] for g in rows] for rows in goals] == [[2023], [2023], [2023]]


def test_what_a_review_says_was_secured_is_a_result_of_the_year_reviewed(years):
    assert _rows(years, "fct_plan_targets", "争取回顾.txt", "42") == []
    [projects] = _rows(years, "fct_indicator_actuals", "争取回顾.txt", "42")
    assert (projects["period_year"], projects["year_evidence"]) == (2024, "heading")
    [goal] = _rows(years, "fct_plan_targets", "争取回顾.txt", "6")
    assert goal["target_year"] == 2025


def test_the_goals_of_this_year_in_an_undated_review_of_a_year_are_of_the_year_after_it_names(years):
    [growth] = _rows(years, "fct_plan_targets", "今年目标.txt", "8")
    assert (growth["target_year"], growth["year_evidence"]) == (2015, "text")
    assert "reviews 2014" in growth["confidence_reason"]


def test_the_goals_of_this_year_stay_undated_when_the_review_does_not_name_the_year_after(years):
    [growth] = _rows(years, "fct_plan_targets", "今年目标无据.txt", "8")
    assert (growth["target_year"], growth["year_evidence"]) == (None, "none")
    assert "does not name 2015" in growth["confidence_reason"]


def test_this_year_and_last_year_of_an_undated_review_are_counted_from_an_early_dateline(years):
    [growth] = _rows(years, "fct_plan_targets", "年初电讯.txt", "5.5")
    assert (growth["target_year"], growth["year_evidence"]) == (2022, "text")
    assert "dateline of 1月" in growth["confidence_reason"]
    [investment] = _rows(years, "fct_indicator_actuals", "年初电讯.txt", "7759.6")
    assert (investment["period_year"], investment["year_evidence"]) == (2021, "text")


def test_a_dateline_late_in_a_year_counts_neither_this_year_nor_last_year(years):
    [growth] = _rows(years, "fct_plan_targets", "年末电讯.txt", "5.5")
    assert (growth["target_year"], growth["year_evidence"]) == (None, "none")
    [investment] = _rows(years, "fct_indicator_actuals", "年末电讯.txt", "7759.6")
    assert (investment["period_year"], investment["year_evidence"]) == (None, "none")


def _document(con, file: str) -> dict:
    cur = con.execute("SELECT * FROM marts.dim_document WHERE source_file = ? AND is_current", [file])
    [row] = cur.fetchall()
    return dict(zip([d[0] for d in cur.description], row, strict=True))


# CONVENTIONS.md, "Documents that look back and ahead": the document is a plan of its goals' year, its values
# keep theirs (the tests above); what it is (doc_type) and the year it reviews (period_year) stay as read.
def test_a_report_that_looks_back_and_ahead_is_filed_as_a_plan_of_its_goals_year(years):
    doc = _document(years, "一图读懂.txt")
    assert (doc["plan_start_year"], doc["plan_end_year"], doc["period_year"]) == (2019, 2019, 2018)
    assert doc["doc_type"] not in ("plan", "opinions", "annual_plan")


def test_a_report_given_in_december_is_filed_as_a_plan_of_the_year_after(years):
    doc = _document(years, "争取回顾.txt")
    assert (doc["doc_type"], doc["plan_end_year"], doc["period_year"]) == ("government_report", 2025, 2024)


def test_a_reports_review_alone_is_no_plan(years):
    doc = _document(years, "年末报告.txt")
    assert (doc["plan_start_year"], doc["plan_end_year"]) == (None, None)


def test_a_reports_goals_alone_are_filed_as_a_plan_of_their_year(years):
    doc = _document(years, "目标新闻.txt")
    assert (doc["plan_start_year"], doc["plan_end_year"]) == (2024, 2024)
