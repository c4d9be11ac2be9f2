"""A number a fixed-width layout broke over two lines is one number again in the canonical text (a title's period,
a value): joining the pieces puts no space between digits."""

from __future__ import annotations

from pathlib import Path

from plantrack.ingest import read_source

WRAPPED = "\n".join([  # lines cut at 20 characters, as text taken from a fixed-width layout
    "某县推动数字经济高质量发展实施方案（2",
    "024—2026年）",
    "",
    "某县人民政府办公室",
    "",
    "为深入贯彻落实党中央、国务院和上级关于推",
    "进新型工业化的决策部署，坚持集群化发展方",
    "向，构建协同高效的创新体系，夯实高质量发",
    "展基础。结合本县实际，制定本方案。",
    "",
    "一、发展目标",
    "",
    "——绿色低碳转型取得新成效。金融机构各项",
    "贷款余额超3716.6亿元，重点企业清洁",
    "生产诊断超137家，规模以上工业企业营业收",
    "入利润率提高至17.5%，培育数字化车间2",
    "个以上，新培育市级工业设计中心125个以",
    "上。",
]) + "\n"


def test_a_year_and_a_value_broken_over_two_lines_are_whole_again(tmp_path: Path):
    path = tmp_path / "plan.txt"
    path.write_text(WRAPPED, encoding="utf-8")
    text = read_source(path, path.name).text
    assert "实施方案（2024—2026年）" in text
    assert "提高至17.5%" in text and "培育数字化车间2个以上" in text
