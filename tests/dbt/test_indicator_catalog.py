"""The indicator catalog and its mapping, built for real: texts worded the way releases and plans of
places nobody's sample uses word them must map to the catalog indicator of their core.

One warehouse holds targets and actuals of two districts taken from the regions seed (not the
sample's), whose indicator texts are generated here: each catalog indicator wrapped in other scope,
period, verb, note and measure words, in synonyms and in traditional characters. dbt builds the
mapping and the review list once (the compile-time-inlined path a real refresh runs; the unit tests
in int_indicator_mapping.yml run the same rules from columns).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from plantrack.warehouse import connect, insert_rows

ROOT = Path(__file__).resolve().parents[2]
DBT_DIR = ROOT / "dbt_project"
DBT = Path(sys.executable).parent / "dbt"
SAMPLE_REGIONS = {"江津区", "綦江区", "黔江区"}

pytestmark = pytest.mark.integration


def _districts(n: int) -> list[tuple[str, str]]:
    with open(DBT_DIR / "seeds" / "regions.csv", encoding="utf-8") as f:
        rows = [(r["region_code"], r["name_zh"]) for r in csv.DictReader(f)
                if r["level"] in ("district", "county") and r["name_zh"] not in SAMPLE_REGIONS]
    return rows[-n:]  # the end of the list: far from the sample's Chongqing districts where possible


(CODE_A, NAME_A), (CODE_B, NAME_B) = _districts(2)


def _catalog() -> dict[str, dict]:
    with open(DBT_DIR / "seeds" / "indicators.csv", encoding="utf-8") as f:
        return {r["indicator_id"]: r for r in csv.DictReader(f)}


CATALOG = _catalog()


def _t2s_inverse(text: str) -> str:
    """The same words in traditional characters (OpenCC, as a repost from Hong Kong or Taiwan writes them)."""
    import opencc

    return opencc.OpenCC("s2t").convert(text)


# (text, indicator it must map to, measure) — context, synonyms and measures vary; the indicator does not
WRAPPED = [
    ("2024年1-9月全州实现地区生产总值", "gdp", "level"),
    ("前三季度本旗GDP同比增长", "gdp", "growth"),
    ("初步核算，2023年全县（不含经济开发区）完成地区生产总值", "gdp", "level"),
    ("下同)地区生产总值", "gdp", "level"),
    ("全年规上工业增加值平均增长", "industrial_va_above_scale", "growth"),
    ("上半年全市规模以上工业增加值", "industrial_va_above_scale", "level"),
    ("1-11月全社会固定资产投资比上年增长", "fixed_asset_investment", "growth"),
    ("全年社零总额", "retail_sales", "level"),
    ("今年一般公共预算收入", "public_budget_revenue", "level"),
    ("全年城镇常住居民人均可支配收入", "urban_disposable_income", "intensity"),
    ("农民人均可支配收入", "rural_disposable_income", "intensity"),
    ("年末常住人口城镇化率", "urbanisation_rate", "share"),
    ("新增城镇就业", "new_urban_jobs", "new_in_period"),
    ("城镇登记失业率", "registered_unemployment_rate", "share"),
    ("万元GDP能耗", "energy_intensity_gdp", "intensity"),
    ("单位地区生产总值能源消耗累计下降", "energy_intensity_gdp", "growth"),
    ("R&D经费投入强度", "rd_intensity_gdp", "intensity"),
    ("全社会研发经费投入强度", "rd_intensity_gdp", "intensity"),
    ("规上工业企业研发投入强度", "rd_intensity_industry", "intensity"),
    ("规上工业企业研发机构覆盖率提高到", "enterprises_rd_institution_share", "share"),
    ("数字经济核心产业增加值占GDP比重", "digital_economy_core_va_share", "share"),
    ("PM2.5平均浓度", "pm25", "level"),
    ("空气质量优良天数比例", "good_air_days_share", "share"),
    ("累计建成5G基站", "fiveg_base_stations", "cumulative"),
    ("外贸进出口总额", "imports_exports", "level"),
    ("建成区绿化覆盖率", "urban_green_coverage", "share"),
]
TRADITIONAL = [(_t2s_inverse(t), i, m) for t, i, m in WRAPPED[:8]]

# An indicator no catalog lists, reported by a release of the same district as the plan that sets
# it (unlocks a judgement), and one only a plan has (unlocks nothing).
UNLISTED_SHARED = "城市书房覆盖率"
UNLISTED_ALONE = "乡村振兴示范带"


def _doc(doc_id, code, name, doc_type, issued_on, start=None, end=None):
    return {
        "document_id": doc_id, "source_file": f"{doc_id}.txt", "format": "txt", "encoding": "utf-8",
        "size_bytes": 100, "title": f"{name}{doc_type}", "doc_type": doc_type, "issuer": f"{name}人民政府",
        "region_name": name, "region_code": code, "issued_on": issued_on, "plan_start_year": start,
        "plan_end_year": end, "metadata_reasons": "{}", "metadata_overridden": "[]", "text": "……",
        "extractor_version": "test", "ingested_at": datetime(2025, 1, 10, 8, 0),
    }


def _target(tid, doc_id, name, text):
    return {
        "target_id": tid, "document_id": doc_id, "scope_name": name, "scope_parent": None,
        "indicator_text": text, "target_kind": "level", "comparator": "=", "value_raw": "1",
        "value_high_raw": None, "unit_raw": "%", "value": 1.0, "value_high": None, "unit": "%",
        "target_year": 2027, "baseline_year": None, "baseline_value": None, "baseline_value_raw": None,
        "attribute": None, "quote": text, "char_start": 0, "char_end": len(text), "section": None,
        "method": "prose", "confidence": 0.9, "confidence_reason": None, "other_quotes": "[]",
        "extractor_version": "test",
    }


def _actual(aid, doc_id, name, text):
    return {
        "actual_id": aid, "document_id": doc_id, "scope_name": name, "scope_parent": None,
        "indicator_text": text, "measure": "level", "period_year": 2024, "period_label": "全年",
        "period_start": None, "period_end": None, "value_raw": "1", "unit_raw": "%", "value": 1.0,
        "unit": "%", "quote": text, "char_start": 0, "char_end": len(text), "section": None,
        "method": "prose", "confidence": 0.9, "confidence_reason": None, "extractor_version": "test",
    }


def _load(warehouse: Path) -> None:
    texts = [t for t, _, _ in WRAPPED + TRADITIONAL] + [r["name_zh"] for r in CATALOG.values()]
    targets = [_target(f"t{i}", "d_plan_a", NAME_A, t) for i, t in enumerate(dict.fromkeys(texts))]
    targets += [
        _target("t_unlisted_shared", "d_plan_a", NAME_A, f"全区{UNLISTED_SHARED}"),
        _target("t_unlisted_alone", "d_plan_a", NAME_A, UNLISTED_ALONE),
        _target("t_unlisted_b", "d_plan_b", NAME_B, UNLISTED_SHARED),
    ]
    actuals = [
        _actual("a_unlisted_shared", "d_release_a", NAME_A, f"2024年{UNLISTED_SHARED}"),
    ]
    with connect(warehouse) as con:
        insert_rows(con, "raw.documents", [
            _doc("d_plan_a", CODE_A, NAME_A, "plan", date(2023, 3, 1), 2023, 2027),
            _doc("d_plan_b", CODE_B, NAME_B, "plan", date(2023, 3, 1), 2023, 2027),
            _doc("d_release_a", CODE_A, NAME_A, "bulletin", date(2025, 3, 1)),
        ])
        insert_rows(con, "raw.targets", targets)
        insert_rows(con, "raw.actuals", actuals)
        insert_rows(con, "raw.current_sources", [
            {"source_file": f"{d}.txt", "document_id": d, "first_seen_at": datetime(2025, 1, 10, 8, 0)}
            for d in ("d_plan_a", "d_plan_b", "d_release_a")
        ])


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[duckdb.DuckDBPyConnection, subprocess.CompletedProcess]:
    tmp = tmp_path_factory.mktemp("catalog")
    warehouse = tmp / "warehouse.duckdb"
    _load(warehouse)
    project = tmp / "dbt_project"
    shutil.copytree(DBT_DIR, project, ignore=shutil.ignore_patterns("target", "logs", "dbt_packages", ".user.yml"))
    env = {**os.environ, "PLANTRACK_WAREHOUSE": str(warehouse), "DBT_PROFILES_DIR": str(project),
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    proc = subprocess.run(
        [str(DBT), "build", "--select", "+mart_unmapped_indicators", "+dim_indicator", "--indirect-selection", "cautious",
         "--vars", json.dumps({"as_of_date": "2025-06-30"})],
        cwd=project, env=env, capture_output=True, text=True, timeout=900,
    )
    con = duckdb.connect(str(warehouse), read_only=True)
    yield con, proc
    con.close()


def _mapping(con, text: str) -> dict:
    cur = con.execute("select * from intermediate.int_indicator_mapping where indicator_text = ?", [text])
    cols = [c[0] for c in cur.description]
    row = cur.fetchone()
    assert row is not None, f"{text} was not mapped at all"
    return dict(zip(cols, row, strict=True))


def test_the_build_passes_every_seed_model_data_test_and_unit_test(built):
    _, proc = built
    assert proc.returncode == 0, proc.stdout[-4000:]


def test_the_catalog_holds_hundreds_of_indicators_from_the_statistical_system(built):
    con, _ = built
    per_source = dict(con.execute("select source, count(*) from marts.dim_indicator group by 1").fetchall())
    assert sum(per_source.values()) >= 300
    assert per_source["nbs_bulletin"] >= 100 and per_source["plan_14th"] >= 50


@pytest.mark.parametrize(("text", "indicator_id", "measure"), WRAPPED, ids=[t for t, _, _ in WRAPPED])
def test_a_wrapped_text_maps_to_the_indicator_of_its_core(built, text, indicator_id, measure):
    con, _ = built
    row = _mapping(con, text)
    assert (row["indicator_id"], row["measure"]) == (indicator_id, measure), row


@pytest.mark.parametrize(("text", "indicator_id", "measure"), TRADITIONAL, ids=[t for t, _, _ in TRADITIONAL])
def test_traditional_characters_map_like_simplified(built, text, indicator_id, measure):
    con, _ = built
    row = _mapping(con, text)
    assert (row["indicator_id"], row["measure"]) == (indicator_id, measure), row


def test_every_catalog_name_maps_to_its_own_indicator(built):
    con, _ = built
    wrong = con.execute(
        "select i.indicator_id, i.name_zh, m.indicator_id from marts.dim_indicator i"
        " join intermediate.int_indicator_mapping m on m.indicator_text = i.name_zh"
        " where m.indicator_id is distinct from i.indicator_id"
    ).fetchall()
    assert wrong == []


def test_the_parts_of_a_text_are_kept_as_columns(built):
    con, _ = built
    row = _mapping(con, "初步核算，2023年全县（不含经济开发区）完成地区生产总值")
    assert row["indicator_core"] == "地区生产总值"
    assert row["scope_words"] == "全县" and row["verb_words"] == "完成"
    assert "初步核算" in row["period_words"] and "2023年" in row["period_words"]
    assert row["note_words"] == "(不含经济开发区)"


def test_a_share_names_its_base(built):
    con, _ = built
    assert _mapping(con, "数字经济核心产业增加值占GDP比重")["share_of"] == "地区生产总值"


def test_an_unmapped_text_says_why(built):
    con, _ = built
    row = _mapping(con, UNLISTED_ALONE)
    assert row["indicator_id"] is None and row["match_method"] == "unmapped"
    assert UNLISTED_ALONE in row["match_reason"]


def test_review_list_ranks_first_the_indicator_an_actual_of_the_same_place_would_judge(built):
    con, _ = built
    rows = {r[0]: r[1:] for r in con.execute(
        "select indicator_text, judgements_unlocked, actuals_unlocked, review_rank, indicator_core"
        " from marts.mart_unmapped_indicators").fetchall()}
    shared = rows[f"全区{UNLISTED_SHARED}"]
    assert shared[:2] == (1, 1)  # the target of the other district has no actual of its own place
    assert shared[2] == 1 and shared[3] == UNLISTED_SHARED
    assert rows[UNLISTED_ALONE][0] == 0 and rows[UNLISTED_ALONE][2] > 1
