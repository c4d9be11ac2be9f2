"""Documents for "the night must publish": plans and releases of places in several provinces, some of
which the reader cannot code (a name several provinces share, a development zone, "XX区"), and one
file of every kind that used to stop the night. Invented texts in the form real ones take; each
builder takes its varying parts as arguments."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path


def plan(title: str, issuer: str, issued: str, lines: list[str]) -> str:
    return "\n".join([title, issuer, issued, "一、主要目标", *lines]) + "\n"


def bulletin(place: str, year: int, values: dict[str, str]) -> str:
    lines = [f"{place}{year}年国民经济和社会发展统计公报", f"{place.split('省')[-1].split('市')[-1]}统计局",
             f"{year + 1}年3月20日", "一、综合"]
    lines += [f"{year}年，全区{'实现' if '增长' not in v else ''}{k}{v}。" for k, v in values.items()]
    return "\n".join(lines) + "\n"


# Places of several provinces. Coded: the text names the province or city. Uncodable: 城关区 (甘肃 and
# 西藏), 朝阳区 (北京 and 吉林) name places in several provinces; 桥西区's three places are all in 河北;
# a development zone has no GB/T 2260 code; "XX区" is a template's placeholder.
MULTI_PROVINCE = {
    "zhejiang_haishu_plan.txt": plan("宁波市海曙区“十四五”制造业高质量发展规划（2021－2025年）", "浙江省宁波市海曙区人民政府",
                                     "2021年8月10日", ["到2025年，全区规模以上工业总产值达到1200亿元，2020年为860亿元。"]),
    "zhejiang_haishu_2023_bulletin.txt": bulletin("浙江省宁波市海曙区", 2023, {"规模以上工业总产值": "1043.5亿元"}),
    "sichuan_wuhou_2023_bulletin.txt": bulletin("四川省成都市武侯区", 2023, {"地区生产总值": "1421.7亿元",
                                                                     "规模以上工业增加值增长": "6.1%"}),
    "shaanxi_yanta_plan.txt": plan("西安市雁塔区“十四五”工业发展规划（2021－2025年）", "陕西省西安市雁塔区人民政府",
                                   "2021年9月1日", ["到2025年，全区规模以上工业总产值达到900亿元，2020年为610亿元。"]),
    "hubei_jianghan_2023_bulletin.txt": bulletin("湖北省武汉市江汉区", 2023, {"地区生产总值": "1602.3亿元"}),
    "fujian_gulou_2023_bulletin.txt": bulletin("福建省福州市鼓楼区", 2023, {"地区生产总值": "1520.8亿元"}),
    "chengguan_plan.txt": plan("城关区“十四五”工业发展规划（2021－2025年）", "城关区人民政府", "2021年7月1日",
                               ["到2025年，全区地区生产总值达到1500亿元，2020年为1050亿元。"]),
    "chengguan_2023_bulletin.txt": bulletin("城关区", 2023, {"地区生产总值": "1032.6亿元"}),
    "qiaoxi_plan.txt": plan("桥西区“十四五”工业发展规划（2021－2025年）", "桥西区人民政府", "2021年6月1日",
                            ["到2025年，全区规模以上工业总产值达到500亿元，2020年为380亿元。"]),
    "qiaoxi_2020_bulletin.txt": bulletin("桥西区", 2020, {"规模以上工业总产值": "380亿元"}),
    "qiaoxi_2023_bulletin.txt": bulletin("桥西区", 2023, {"规模以上工业总产值": "452.3亿元"}),
    "chaoyang_2023_bulletin.txt": bulletin("朝阳区", 2023, {"地区生产总值": "2150.4亿元"}),
    "devzone_2023_report.txt": "\n".join([
        "天津经济技术开发区2023年经济运行情况", "2024年1月25日",
        "2023年，开发区实现地区生产总值3120.5亿元，规模以上工业总产值增长5.2%。"]) + "\n",
    # a zone named after its city: the reader finds the city in its name, and must not file it there
    "zibo_hightech_2023_report.txt": "\n".join([
        "淄博高新区2023年经济运行情况", "2024年1月26日",
        "2023年，全区实现地区生产总值426.8亿元，规模以上工业增加值增长8.3%。"]) + "\n",
    # a news title naming its province by the short name only
    "neimenggu_news.txt": "\n".join([
        "1-7月内蒙古工业固定资产投资同比增长31.0%", "",
        "2021年1-7月，全区工业固定资产投资同比增长31.0%。"]) + "\n",
    "xx_district_work_summary.txt": "\n".join([
        "XX区2023年工作总结", "2024年1月10日", "2023年，全区实现地区生产总值356.2亿元。",
        "到2025年，全区地区生产总值达到420亿元。"]) + "\n",
}


@dataclass(frozen=True)
class Case:
    """A file that once stopped the night, and what must happen to it now."""

    name: str  # the file name as stored (a name that is not UTF-8 in its escaped form)
    error_code: str | None  # quarantined with this code; None: read and published
    reason_words: tuple[str, ...] = ()


NOTICE = "綦江区329号通知。到2025年，全区规模以上工业总产值达到429亿元。\n"
# A year typed 1935 for 2035: the raw check's plausible-years rule fails on this document alone.
TYPO_PLAN = plan("綦江区工业园区提升行动方案", "重庆市綦江区人民政府", "2023年5月1日",
                 ["到1935年，全区规模以上工业总产值达到900亿元。"])
FOREST_PLAN = plan("重庆市綦江区生态建设规划（2021－2025年）", "重庆市綦江区人民政府", "2021年5月1日",
                   ["到2025年，森林覆盖率达到1000%。"])
ODD_RELEASE = "\n".join([
    "重庆市綦江区2024年国民经济和社会发展统计公报", "重庆市綦江区统计局", "2025年3月20日",
    "2024年，全区实现规模以上工业总产值" + "1" + "0" * 41 + "亿元。",
    "2024年，全区实现地区生产总值1" + "0" * 30 + "亿元。",
    "年末常住人口-30000人。",
    "2024年，全区规模以上工业增加值增长10000%。"]) + "\n"
GBK_NAME = "规划.txt".encode("gbk")
GBK_STORED = "".join(chr(b) if b < 0x80 else f"\\x{b:02x}" for b in GBK_NAME)

CASES = (
    Case("notice.txt", None),
    Case("odd_release.txt", None),
    Case("forest_plan.txt", None),
    Case(GBK_STORED, None),
    Case("typo_year_plan.txt", "failed_check", ("plausible", "read again by the next run")),
    Case("huge_year_plan.txt", "bad_sidecar", ("huge_year_plan.txt.meta.json", "plan_start_year must be a year")),
    Case("zero_year_plan.txt", "bad_sidecar", ("zero_year_plan.txt.meta.json", "must be a year between")),
    Case("fifo_sidecar_plan.txt", "bad_sidecar", ("fifo_sidecar_plan.txt.meta.json", "FIFO")),
    Case("fifo.txt", "not_a_regular_file", ("fifo.txt", "FIFO")),
)


def write_multi_province(dest: Path) -> None:
    for name, text in MULTI_PROVINCE.items():
        (dest / name).write_text(text, encoding="utf-8")


def write_night_cases(dest: Path) -> None:
    """Every case of CASES, beside whatever `dest` holds."""
    (dest / "notice.txt").write_text(NOTICE, encoding="utf-8")
    (dest / "odd_release.txt").write_text(ODD_RELEASE, encoding="utf-8")
    (dest / "forest_plan.txt").write_text(FOREST_PLAN, encoding="utf-8")
    (dest / "typo_year_plan.txt").write_text(TYPO_PLAN, encoding="utf-8")
    with open(os.path.join(os.fsencode(dest), GBK_NAME), "w", encoding="utf-8") as fh:
        fh.write(plan("南岸区产业发展规划（2021－2025年）", "重庆市南岸区人民政府", "2021年4月1日",
                      ["到2025年，全区规模以上工业总产值达到700亿元，2020年为520亿元。"]))
    for name, sidecar in (("huge_year_plan.txt", {"plan_start_year": 99999999999999999999}),
                          ("zero_year_plan.txt", {"plan_start_year": 0, "plan_end_year": 0})):
        (dest / name).write_text(plan(f"{name}产业规划", "重庆市江津区人民政府", "2022年1月1日",
                                      ["到2025年，全区规模以上工业总产值达到800亿元。"]), encoding="utf-8")
        (dest / f"{name}.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    (dest / "fifo_sidecar_plan.txt").write_text(plan("江津区物流规划", "重庆市江津区人民政府", "2022年1月1日",
                                                     ["到2025年，全区物流业增加值达到120亿元。"]), encoding="utf-8")
    os.mkfifo(dest / "fifo_sidecar_plan.txt.meta.json")
    os.mkfifo(dest / "fifo.txt")
