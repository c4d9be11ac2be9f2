"""What a saved page says about itself, read without a refresh (the whole path is in
tests/integration/test_read_evidence.py)."""

from __future__ import annotations

from datetime import date

from plantrack.documents.read import read_bytes

BODY = "全年实现地区生产总值808.2亿元，比上年增长6.9%。规模以上工业增加值增长5.0%。\n"


def _meta(name: str, body: str = BODY):
    return read_bytes(body.encode(), name, "." + name.rsplit(".", 1)[1]).meta


def test_a_file_name_without_a_site_after_its_title_says_nothing_about_the_place():
    meta = _meta("2023年国民经济和社会发展统计公报.txt")
    assert meta.sources.get("region_name") != "file_name"


def test_a_file_name_never_outranks_a_title_in_the_text():
    meta = _meta("2021年统计公报_重庆市璧山区人民政府.txt", "2023年璧山区国民经济和社会发展统计公报\n\n" + BODY)
    assert (meta.title, meta.sources["title"], meta.period_year) == ("2023年璧山区国民经济和社会发展统计公报", "title", 2023)


def test_a_pages_pubdate_does_not_replace_the_signature_date_of_the_document():
    html = ("<html><head><meta name='PubDate' content='2024-05-06'></head><body><p>某区2023年工作回眸</p>"
            f"<p>{BODY}</p><p>某区经济信息委</p><p>2024年1月10日</p></body></html>")
    meta = _meta("a.html", html)
    assert str(meta.issued_on) == "2024-01-10"


def test_a_newspaper_as_content_source_is_not_taken_for_the_issuer():
    html = ("<html><head><meta name='ContentSource' content='重庆日报'></head><body>"
            f"<p>{BODY}</p></body></html>")
    assert _meta("a.html", html).issuer is None


def test_a_bar_whose_date_rides_on_its_source_field_dates_the_page():
    meta = _meta("a.txt", "某省上半年生产总值增长5%\n\n来源:某某网2020-07-22 12:13\n\n" + BODY)
    assert str(meta.issued_on) == "2020-07-22" and meta.sources["issued_on"] == "metadata_block"


def test_a_bar_key_glued_to_the_value_before_it_is_still_a_key():
    meta = _meta("a.txt", "某区生产总值预期增长6%以上\n\n来源:本网专稿作者:时间:2024-02-28\n\n" + BODY)
    assert str(meta.issued_on) == "2024-02-28"


def test_a_municipality_speaking_from_the_whole_city_is_placed_at_the_municipality():
    meta = _meta("a.txt", "2018年上半年，天津市规模以上工业增加值比上年同期增长3.2%。全市制造业增加值增长4.3%。\n")
    assert meta.region_code == "120000"


def test_news_of_a_province_naming_it_again_and_again_is_placed_there():
    text = ("新华网广州1月12日电 1月12日，广东省十四届人大一次会议开幕。广东省省长在会上作政府工作报告，"
            "提出地区生产总值预期目标为增长5%以上。广东省将推进制造业当家。\n")
    assert _meta("a.txt", text).region_code == "440000"


def test_a_day_first_dateline_under_the_title_dates_a_part_year_report():
    text = "前三季度某区国民经济运行稳中有进\n\n26.10.2015  17:55\n\n前三季度，全区实现生产总值1147.06亿元，同比增长12.1%。\n"
    meta = read_bytes(text.encode(), "a.txt", ".txt").meta
    assert (meta.issued_on, meta.period_year, meta.period_label) == (date(2015, 10, 26), 2015, "前三季度")


def test_a_dotted_date_with_the_year_last_is_read_day_first_even_when_both_parts_are_months():
    text = "一季度某市经济企稳回升\n\n03.05.2016  13:12\n\n一季度，全市实现生产总值553.4亿元，同比增长1.2%。\n"
    meta = read_bytes(text.encode(), "a.txt", ".txt").meta
    assert (meta.issued_on, meta.period_year) == (date(2016, 5, 3), 2016)


def test_a_reports_delivery_date_under_its_title_outranks_a_later_page_date():
    text = ("发布时间:2022-07-11 20:57\n政府工作报告\n——2021年1月12日在某州第十五届\n人民代表大会第六次会议上\n"
            "一、2020年工作回顾\n过去一年，地区生产总值增长0.5%。\n")
    meta = _meta("a.txt", text)
    assert str(meta.issued_on) == "2021-01-12" and "posted" in meta.reasons["issued_on"]


def test_a_reports_delivery_date_on_one_line_dates_a_repost_without_a_bar():
    text = "某县政府工作报告(全文)\n2019年3月21日在某县第十五届人民代表大会第二次会议上\n一、2018年工作回顾\n" + BODY
    assert str(_meta("a.txt", text).issued_on) == "2019-03-21"
