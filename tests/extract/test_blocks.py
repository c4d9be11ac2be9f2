"""Where a paragraph and a sentence end when every line of a page stands between blank lines."""

from __future__ import annotations

from plantrack.extract.blocks import Paragraph, parse_blocks


def _paragraphs(*lines: str) -> list[list[str]]:
    return [[s.text for s in b.sentences] for b in parse_blocks("\n\n".join(lines) + "\n")
            if isinstance(b, Paragraph)]


def test_a_long_line_without_a_stop_ends_its_sentence_and_its_paragraph_goes_on():
    item = "获批设立某某现代农业联合研究生院、某某美术学院、某某师范大学,高校总数达到168所"
    assert _paragraphs(item, "2024年主要目标", "经济增长目标确定为5.5%") == [
        [item, "2024年主要目标经济增长目标确定为5.5%"]]


def test_a_time_at_a_lines_end_heads_the_lines_after_it_up_to_the_sentences_stop():
    heading = "城镇和农村居民人均可支配收入分别增长4.3%、5.3%粮食产量515.6亿斤、创历史新高某省落点2026年"
    goals = "地区生产总值增长4.5%左右,在实际工作中努力争取更好结果一般公共预算收入增长2.5%左右"
    assert _paragraphs(heading, goals, "城镇新增就业45万人以上,城镇调查失业率5.5%左右") == [
        [heading + goals + "城镇新增就业45万人以上,城镇调查失业率5.5%左右"]]


def test_a_sentence_closed_inside_its_quote_ends_the_paragraph():
    quote = "他说：“我们今年的产值预计到1个亿，明年应该做到1.3到1.5个亿，每年按照30%的速度增长。”"
    assert _paragraphs(quote, "据统计,全市生产总值增至705.72亿元")[1:] == [["据统计,全市生产总值增至705.72亿元"]]
