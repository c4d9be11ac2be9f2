"""The reading view: traditional text, pinyin glosses, half-width punctuation and web page furniture
normalised, with every view span mapping back to the original characters."""

from __future__ import annotations

import opencc
import pytest

from plantrack.documents.reading_view import build_view, parse_fields

S2T = opencc.OpenCC("s2t")


def test_simplified_text_without_furniture_is_its_own_view():
    text = "2024年，天津市滨海新区地区生产总值增长5.1%。\n\n\t指标\n\t数值\n"
    view = build_view(text)
    assert view.identity and view.text == text and view.span(3, 9) == (3, 9)


def test_traditional_characters_become_simplified_one_for_one():
    simplified = "广东省佛山市顺德区实现地区生产总值4166.4亿元，比上年增长5.3%。"
    view = build_view(S2T.convert(simplified))
    assert view.text == simplified
    assert list(view.origin) == list(range(len(simplified)))


def test_pinyin_glosses_are_dropped_and_spans_map_back_to_the_original():
    original = "全區(qū)實現(xiàn)經(jīng)濟(jì)增長6.2%。"
    view = build_view(original)
    assert view.text == "全区实现经济增长6.2%。"
    start = view.text.index("经济")
    s, e = view.span(start, len(view.text))
    assert original[s:e] == "經(jīng)濟(jì)增長6.2%。"


def test_a_repost_glossing_many_characters_without_tone_marks_loses_its_glosses():
    original = ("在推(tui)动新型城镇化方面,宁夏(xia)提出以(yi)县城为(wei)重要载体,常住人(ren)口城镇化率达到70%,"
                "制(zhi)造业增加值(zhi)占地区生产总值(zhi)比重超(chao)过20%。\n")
    assert build_view(original).text == ("在推动新型城镇化方面，宁夏提出以县城为重要载体，常住人口城镇化率达到70%，"
                                         "制造业增加值占地区生产总值比重超过20%。\n")


def test_a_few_lower_case_words_in_parentheses_are_kept():
    text = "全县生产总值(gdp)增长6%，固定资产投资(fai)增长8%。\n"
    assert "(gdp)" in build_view(text).text.replace("（", "(").replace("）", ")")


def test_half_width_punctuation_in_chinese_sentences_becomes_full_width():
    view = build_view("上半年,全县生产总值(GDP)85.6亿元;其中:工业增长7%。\n")
    assert view.text == "上半年，全县生产总值（GDP）85.6亿元；其中：工业增长7%。\n"


@pytest.mark.parametrize("kept", ["生产总值1,504.37亿元。", "三次产业结构为6.5 : 55.8 : 37.7。",
                                  "发布于2024-07-25 17:33:33。", "详见https://www.gov.cn/zhengce。"])
def test_thousand_separators_ratios_times_and_urls_keep_half_width(kept):
    assert build_view(kept + "\n").text == kept + "\n"


@pytest.mark.parametrize("noise", ["【字体：大 中 小】", "[ 打印本页 ] [ 关闭窗口 ]", "分享到：微信 微博 QQ空间",
                                   "首页 > 政务公开 > 统计信息", "当前位置：首页>统计数据",
                                   "浏览次数：1024", "【打印】 【关闭】"])
def test_web_page_bars_are_dropped(noise):
    view = build_view(f"2023年甘肃省天水市统计公报\n\n{noise}\n\n全年粮食产量123.4万吨。\n")
    assert view.text == "2023年甘肃省天水市统计公报\n\n全年粮食产量123.4万吨。\n"


@pytest.mark.parametrize("line", ["一、综合", "单位：亿元", "打造千亿级产业集群", "关闭落后产能企业12家。",
                                  "研发投入强度>全市平均水平", "返回式卫星产业园"])
def test_short_content_lines_stay(line):
    assert build_view(f"{line}\n").text == f"{line}\n"


def test_bracketed_metadata_block_is_read_and_not_kept():
    text = ("[ 索引号 ] 11500155MB1F12345X/2022-00012 [ 主题分类 ] 国民经济\n\n"
            "[ 发布机构 ] 河北省保定市统计局 [ 发布日期 ] 2022-09-14\n\n上半年，全市生产总值增长4.2%。\n")
    view = build_view(text)
    assert view.text == "上半年，全市生产总值增长4.2%。\n"
    assert view.fields["发布机构"] == "河北省保定市统计局" and view.fields["发布日期"] == "2022-09-14"
    assert text[slice(*view.span(0, 3))] == "上半年"


def test_metadata_table_rows_are_read_and_not_kept():
    text = ("\t索引号：\n\t11420100/2024-01234\n\t发文字号：\n\t武政规〔2024〕3号\n\n"
            "\t成文日期：\n\t2024年3月5日\n\t发布机构：\n\t湖北省武汉市人民政府\n\n正文。\n")
    view = build_view(text)
    assert view.text == "正文。\n"
    assert view.fields["发文字号"] == "武政规〔2024〕3号" and view.fields["成文日期"] == "2024年3月5日"


def test_a_table_header_named_like_a_key_is_content():
    text = "\t名称\n\t单位\n\t2020年\n\t2025年\n\n\t规上工业产值\n\t亿元\n\t100\n\t200\n"
    assert build_view(text).text == text


def test_a_dateline_with_source_and_font_bar_is_metadata():
    pairs = parse_fields("发布时间:2023-09-25 来源:区统计局 【字体:大 中 小】")
    assert pairs == {"发布时间": "2023-09-25", "来源": "区统计局"}


def test_a_key_and_its_value_on_separate_lines_are_read_together():
    view = build_view("发布机构：\n\n云南省大理州统计局\n\n发布日期：\n\n2021-05-06\n\n全州生产总值增长8.2%。\n")
    assert view.text == "全州生产总值增长8.2%。\n"
    assert (view.fields["发布机构"], view.fields["发布日期"]) == ("云南省大理州统计局", "2021-05-06")


def test_a_pages_list_of_links_to_other_pages_is_no_content():
    text = ("全年全区生产总值增长5.1%。\n\n相关文章\n\n某市亮出一季度“成绩单” GDP同比增长6.7%\n\n"
            "04-30某公司：一季度净利润同比增长11.56%\n")
    view = build_view(text)
    assert "增长5.1%" in view.text and "6.7" not in view.text and "11.56" not in view.text


def test_links_end_where_a_sentence_starts_again():
    text = "相关链接：\n\n某专家：提高人均GDP必须依靠实体经济\n\n全年全区生产总值增长5.1%。\n"
    view = build_view(text)
    assert "人均GDP" not in view.text and "增长5.1%。" in view.text
