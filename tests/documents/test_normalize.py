"""The canonical text: tables as tab-cell blocks, soft breaks joined, layout spaces removed."""

from __future__ import annotations

from plantrack.documents.normalize import Table, clean_line, parse_plain, render


def test_spaces_between_cjk_characters_and_digits_are_removed():
    assert clean_line("2023 年 ， 全 区 实 现 规 模 工 业 产 值 1953 亿元") == "2023年，全区实现规模工业产值1953亿元"


def test_spaces_next_to_latin_words_are_kept():
    assert clean_line("年产3GW 钙钛矿 and R&D Center") == "年产3GW 钙钛矿 and R&D Center"


def test_digits_and_units_are_not_normalized():
    assert clean_line("达到１２５０亿元，增长7.5%，≥3") == "达到１２５０亿元，增长7.5%，≥3"


def test_tab_cell_continuing_on_the_next_line_is_joined_into_its_cell():
    items = parse_plain("\t行动\n（集群）\n\t产值\n\t亿元\n\n\t\n\t占比\n\t%\n\n正文。\n")
    assert items[0] == Table([["行动\n（集群）", "产值", "亿元"], ["", "占比", "%"]])
    assert render(items) == "\t行动（集群）\n\t产值\n\t亿元\n\n\t\n\t占比\n\t%\n\n正文。\n"


def test_tables_have_a_blank_line_before_and_after_and_between_rows():
    text = render(["前言。", Table([["a1", "b1"], ["a2", "b2"]]), "后记。"])
    assert text == "前言。\n\n\ta1\n\tb1\n\n\ta2\n\tb2\n\n后记。\n"


def test_magazine_layout_lines_broken_inside_sentences_are_joined():
    layout = ("去 年 ， 区 经 济 信 息 委 在 区 委 、 区\n\n政 府 的 坚 强 领 导 下 ， 全 面 贯 彻 落 实 党\n"
              "的 二 十 大 精 神 ， 筑 牢 稳 中 求 进 总 基\n调 。\n"
              "2023 年 ， 全 区 实 现 规 模 工 业 产 值\n\n1953 亿元，同比增长 8%。\n"
              "新 增 企 业 技 术 中 心 19 家 ， 培 育 企\n业 28 家 ， 累 计 193 家 ， 面 积 达 到\n\n4.6万平方米。\n")
    paragraphs = render(parse_plain(layout)).split("\n\n")
    assert paragraphs == ["去年，区经济信息委在区委、区政府的坚强领导下，全面贯彻落实党的二十大精神，筑牢稳中求进总基调。",
                          "2023年，全区实现规模工业产值1953亿元，同比增长8%。",
                          "新增企业技术中心19家，培育企业28家，累计193家，面积达到4.6万平方米。\n"]


def test_paragraph_per_line_text_is_not_joined():
    text = "一、主要目标\n\n到2025年，产值达到350亿元。\n\n二、重点任务\n\n（一）壮大集群\n"
    assert render(parse_plain(text)) == "一、主要目标\n\n到2025年，产值达到350亿元。\n\n二、重点任务\n\n（一）壮大集群\n"


def test_heading_after_a_wrapped_line_starts_a_new_paragraph():
    lines = ["这是一段被排版折行的文字它在固定宽度处断开"] * 9 + ["（一）加快培育产业集群"]
    out = render(parse_plain("\n".join(lines))).split("\n\n")
    assert out[-1] == "（一）加快培育产业集群\n"


def test_converter_bookmarks_are_dropped():
    assert clean_line("[bookmark: _GoBack]坚持以习近平新时代") == "坚持以习近平新时代"


def test_wrapped_layout_keeps_an_outline_title_ending_in_gangyao_on_its_own_line():
    lines = (["阿勒泰市国民经济和社会发展第十五个五年规划纲要", "阿勒泰市人民政府"]
             + ["这是一段被排版折行的文字它在固定宽度处断开"] * 9)
    out = render(parse_plain("\n".join(lines)), force_wrapped=True).split("\n\n")
    assert out[:2] == ["阿勒泰市国民经济和社会发展第十五个五年规划纲要", "阿勒泰市人民政府"]


def _flattened(*cells: str) -> str:
    """A web page's table copied as text: one cell a line, each closed by " |"."""
    return "\n".join(c + " |" for c in cells) + "\n"


def test_a_table_flattened_one_cell_a_line_with_bars_is_read_back_into_rows():
    text = _flattened("单位:%", "工业增加值\n增长速度", "固定资产投资\n增长速度",
                      "全 省", "6.1", "8.2", "甲市", "5.9", "7.7", "乙市", "6.4", "-3.5") + "注:数据为初步统计。\n"
    items = parse_plain(text)
    tables = [x for x in items if isinstance(x, Table)]
    assert len(tables) == 1
    assert tables[0].rows == [["单位:%", "工业增加值增长速度", "固定资产投资增长速度"],
                              ["全省", "6.1", "8.2"], ["甲市", "5.9", "7.7"], ["乙市", "6.4", "-3.5"]]
    assert "注:数据为初步统计。" in items


def test_a_flattened_tables_spanning_header_cell_heads_each_column_under_it():
    text = _flattened("地区", "增长速度", "比上年同月(%)", "比上年同期(%)",
                      "全省", "9.4", "7.1", "甲市", "11.0", "8.3", "乙市", "7.7", "7.0")
    table = next(x for x in parse_plain(text) if isinstance(x, Table))
    assert table.rows[0] == ["地区", "增长速度比上年同月(%)", "增长速度比上年同期(%)"]


def test_lines_ending_in_bars_that_make_no_rows_of_figures_stay_text():
    text = _flattened("首页", "新闻中心", "政务公开", "办事服务", "互动交流", "数据发布", "专题专栏", "关于我们")
    assert not [x for x in parse_plain(text) if isinstance(x, Table)]


def test_a_flattened_table_whose_rows_open_with_a_line_of_bars_keeps_its_rows_and_text_cells():
    rows = [["指 标", "2030年完成", "2035年目标", "指标属性"], ["一、经济发展"],
            ["地区生产总值(亿元)", "300.41", "469.5", "预期性"], ["财政收入(亿元)", "27.2", "42.6", "预期性"],
            ["服务业增加值比重(%)", "30.2", "提高13.4个百分点", "预期性"]]
    text = "表1:主要目标\n" + "".join("|\n" + "".join(c + " |\n" for c in r) for r in rows) + "经济总量跃上新台阶。\n"
    items = parse_plain(text)
    table = next(x for x in items if isinstance(x, Table))
    assert table.rows[0] == ["指标", "2030年完成", "2035年目标", "指标属性"]
    assert table.rows[1] == ["一、经济发展"]
    assert table.rows[-1] == ["服务业增加值比重(%)", "30.2", "提高13.4个百分点", "预期性"]
    assert "表1:主要目标" in items and "经济总量跃上新台阶。" in items


_NAME_FIGURE_LINES = ("2020年某省国民经济主要指标表\n\n指   标\n\n人口(万人)\n\n 总人口\n\n3171.0\n\n  男性人口\n\n1588.2\n\n"
                      "国民经济核算(亿元)\n\n 地区生产总值\n\n13698.5\n\n  第一产业\n\n3438.3\n\n  第二产业\n\n3483.5\n\n"
                      "  第三产业\n\n6776.7\n\n注：本表为初步统计数。\n")


def test_a_two_column_table_copied_one_cell_a_line_without_bars_is_read_back_into_rows():
    items = parse_plain(_NAME_FIGURE_LINES)
    table = next(x for x in items if isinstance(x, Table))
    assert table.rows[0] == ["指标", ""]
    assert ["人口(万人)"] in table.rows and ["国民经济核算(亿元)"] in table.rows
    assert ["总人口", "3171.0"] in table.rows and ["第三产业", "6776.7"] in table.rows
    assert "2020年某省国民经济主要指标表" in items and "注：本表为初步统计数。" in items


def test_prose_a_copy_cut_at_every_number_is_not_read_as_a_table_of_names_and_figures():
    text = ("克服国内汽车市场\n28\n年以来首次下滑和连续\n18\n个月负增长等诸多困难\n10\n月份开始回暖复苏\n3\n"
            "个百分点的增长带动\n5\n家企业共同发展\n9\n个项目开工\n")
    assert not [x for x in parse_plain(text) if isinstance(x, Table)]


def test_a_table_with_two_figure_columns_copied_one_cell_a_line_is_read_back_with_its_heads():
    text = ("表1 按机构类型分组的法人单位\n\n单位数(万个)\n\n比重(%)\n\n一、法人单位\n\n41.1\n\n100\n\n企业法人\n\n38.6\n\n93.9\n\n"
            "机关、事业法人\n\n0.9\n\n2.2\n\n社会团体和其他法人\n\n1.6\n\n3.9\n\n年末，全市法人单位中，企业占九成以上。\n")
    items = parse_plain(text)
    table = next(x for x in items if isinstance(x, Table))
    assert table.rows[0] == ["", "单位数(万个)", "比重(%)"]
    assert ["企业法人", "38.6", "93.9"] in table.rows and len(table.rows) == 5
    assert "表1 按机构类型分组的法人单位" in items


def test_cells_of_a_tab_table_are_never_read_as_a_table_copied_one_cell_a_line():
    text = ("附件1\n主要发展目标\n\t类别\n\t目标名称\n\t单位\n\t2020年\n\t2025年\n\n\t产业链条建设\n（产业集群达规模）\n"
            "\t规上工业总产值\n\t亿元\n\t109.43\n\t350\n\n\t\n\t战略性新兴产业产值占比\n\t%\n\t5.6\n\t10\n\n"
            "\t\n\t研发投入强度\n\t%\n\t1.2\n\t2\n\n\t\n\t高新技术企业\n\t家\n\t20\n\t50\n")
    tables = [x for x in parse_plain(text) if isinstance(x, Table)]
    assert len(tables) == 1 and tables[0].rows[0] == ["类别", "目标名称", "单位", "2020年", "2025年"]
