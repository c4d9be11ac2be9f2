"""One home for the vocabulary of Chinese text (plantrack.text), used by the reader, the extractor and the
evaluator; the copies that must exist elsewhere (the SQL's list of full-year labels) are held equal here."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from plantrack.text import bullets, numerals, periods, script, width

ROOT = Path(__file__).resolve().parents[2]


def test_the_sqls_full_year_labels_are_the_python_ones():
    project = yaml.safe_load((ROOT / "dbt_project" / "dbt_project.yml").read_text(encoding="utf-8"))
    assert tuple(project["vars"]["full_year_labels"]) == periods.FULL_YEAR_LABELS


@pytest.mark.parametrize(("text", "value"), [("两", 2), ("十五", 15), ("一百二十", 120), ("千", 1000),
                                             ("三万五千", 35000), ("一万亿", 1e12), ("二亿", 2e8)])
def test_chinese_numerals_with_their_magnitudes(text, value):
    assert numerals.parse_chinese_numeral(text) == value


def test_magnitudes_include_ten_thousand_hundred_millions():
    assert numerals.MAGNITUDES["万亿"] == 1e12


@pytest.mark.parametrize(("token", "n"), [("2023", 2023), ("２０２３", 2023), ("二〇二三", 2023), ("十二", 12), ("二十八", 28)])
def test_small_numbers_as_dates_write_them(token, n):
    assert numerals.cn_int(token) == n


def test_full_width_digits_become_half_width_at_the_same_length():
    assert width.to_halfwidth("增长８．５％") == "增长8.5%"
    assert len(width.to_halfwidth("１－７月")) == len("１－７月")


def test_years_are_read_with_only_digits_and_the_hyphen_made_half_width():
    assert width.halfwidth_digits("２０２１－２０２５年，目标１００％") == "2021-2025年，目标100％"
    assert width.halfwidth_digits("2021－2025年") == "2021-2025年"  # no full-width digit: the hyphen still


def test_traditional_becomes_simplified_and_glosses_go():
    assert script.simplified("黔江區(qū)地區(qū)生產總值") == "黔江区地区生产总值"
    assert len(script.to_simplified("經濟運行")) == 4


def test_period_words_and_analyst_codes_name_the_same_periods():
    assert periods.period_words("1—7月，全市") == ("1-7月", 7)
    assert periods.label_name("H1") == periods.label_name("1-6月") == "上半年"
    assert periods.norm_label("1～5月") == "1-5月"


def test_bullets_before_an_item_are_stripped():
    assert bullets.strip_bullets("●2025年，地区生产总值") == "2025年，地区生产总值"
    assert bullets.bullet_of("◆ 主要预期目标") == "◆"


def test_the_period_named_first_is_the_one_a_text_is_about():
    assert periods.period_words("2018年上半年，全市工业增速比一季度加快3.1个百分点") == ("上半年", 6)
    assert periods.period_words("1—7月，全市工业增速比上半年加快") == ("1-7月", 7)
