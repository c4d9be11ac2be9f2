"""Small warehouses built from scratch: raw tables via plantrack.warehouse, marts per the contract."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from expectations import reference as ref
from plantrack.model import EXTRACTOR_VERSION, Actual, Target
from plantrack.warehouse import actual_row, connect, insert_rows, target_row

NOW = datetime(2025, 3, 1, 8, 0, 0)


@dataclass
class Doc:
    """A document of made-up statements; each (indicator, value, unit, year) becomes one sentence."""

    source_file: str
    region_name: str
    region_code: str
    targets: list[tuple[str, str, str, int]] = field(default_factory=list)
    actuals: list[tuple[str, str, str, int]] = field(default_factory=list)
    title: str = ""

    @property
    def text(self) -> str:
        lines = [self.title or f"{self.region_name}发展规划（2021－2025年）", "一、主要目标"]
        lines += [f"到{y}年，{ind}达到{v}{u}。" for ind, v, u, y in self.targets]
        lines += [f"{y}年，{ind}完成{v}{u}。" for ind, v, u, y in self.actuals]
        return "\n".join(lines) + "\n"

    @property
    def document_id(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


def make_targets(doc: Doc) -> list[Target]:
    text, out = doc.text, []
    for ind, v, u, y in doc.targets:
        quote = f"{ind}达到{v}{u}"
        start = text.index(quote)
        kind = "share" if u == "%" else "level"
        out.append(Target(doc.document_id, doc.region_name, None, ind, kind, ">=", v, None, u, float(v), None,
                          u, y, 2020, None, None, None, quote, start, start + len(quote), "一、主要目标",
                          "prose", 0.9))
    return out


def make_actuals(doc: Doc) -> list[Actual]:
    text, out = doc.text, []
    for ind, v, u, y in doc.actuals:
        quote = f"{ind}完成{v}{u}"
        start = text.index(quote)
        out.append(Actual(doc.document_id, doc.region_name, None, ind, "level", y, "全年", None, None, v, u,
                          float(v), u, quote, start, start + len(quote), None, "prose", 0.9))
    return out


def load_docs(warehouse: Path, docs: list[Doc], run_id: str, events: dict[str, str] | None = None,
              targets_of=make_targets, actuals_of=make_actuals) -> None:
    """Write documents + statements + current_sources + ingestion_log as one pipeline run would."""
    events = events or {}
    with connect(warehouse) as con:
        previous = dict(con.execute("SELECT source_file, document_id FROM raw.current_sources").fetchall())
        for d in docs:
            insert_rows(con, "raw.documents", [{
                "document_id": d.document_id, "source_file": d.source_file, "format": "txt",
                "encoding": "utf-8", "size_bytes": len(d.text.encode()), "title": d.title or d.text.split("\n")[0],
                "doc_type": "plan", "issuer": None, "region_name": d.region_name, "region_code": d.region_code,
                "issued_on": None, "plan_start_year": 2021, "plan_end_year": 2025, "metadata_reasons": "{}",
                "metadata_overridden": "[]", "text": d.text, "extractor_version": EXTRACTOR_VERSION,
                "ingested_at": NOW}])
            insert_rows(con, "raw.targets", [target_row(t, EXTRACTOR_VERSION) for t in targets_of(d)])
            insert_rows(con, "raw.actuals", [actual_row(a, EXTRACTOR_VERSION) for a in actuals_of(d)])
        con.execute("DELETE FROM raw.current_sources")
        insert_rows(con, "raw.current_sources", [
            {"source_file": d.source_file, "document_id": d.document_id, "first_seen_at": NOW} for d in docs])
        log = [{"run_id": run_id, "source_file": d.source_file, "document_id": d.document_id,
                "event": events.get(d.source_file, "unchanged" if previous.get(d.source_file) == d.document_id
                                    else "changed" if d.source_file in previous else "added"), "logged_at": NOW}
               for d in docs]
        log += [{"run_id": run_id, "source_file": name, "document_id": doc_id, "event": "removed", "logged_at": NOW}
                for name, doc_id in previous.items() if name not in {d.source_file for d in docs}]
        con.executemany('INSERT INTO raw.ingestion_log (run_id, source_file, document_id, event, logged_at) '
                        "VALUES (?, ?, ?, ?, ?)",
                        [[r["run_id"], r["source_file"], r["document_id"], r["event"], r["logged_at"]] for r in log])


def sample_docs() -> list[Doc]:
    return [
        Doc("a_district_plan.txt", "甲区", "500101",
            targets=[("规上工业总产值", "900", "亿元", 2025), ("研发投入强度", "2.5", "%", 2025),
                     ("高新技术企业", "120", "家", 2025)]),
        Doc("b_county_plan.txt", "乙县", "500102",
            targets=[("数字经济核心产业增加值占比", "12", "%", 2027), ("专精特新企业", "40", "家", 2027)]),
        Doc("a_district_review.txt", "甲区", "500101",
            actuals=[("规上工业总产值", "760", "亿元", 2023), ("高新技术企业", "95", "家", 2023)]),
    ]


def corrupt(t: Target, **changes) -> Target:
    return replace(t, **changes)


MARTS_SQL = """
CREATE SCHEMA IF NOT EXISTS marts;
CREATE OR REPLACE TABLE marts.dim_region AS
    SELECT DISTINCT region_code, region_name AS name_zh, 'county' AS level, '500000' AS parent_code,
           NULL::VARCHAR AS code_note
    FROM raw.documents;
CREATE OR REPLACE TABLE marts.dim_document AS
    SELECT d.document_id, s.source_file, d.title, d.doc_type, d.region_code, d.issuer, d.issued_on,
           d.plan_start_year, d.plan_end_year, d.ingested_at, true AS is_current
    FROM raw.documents d JOIN raw.current_sources s USING (document_id);
CREATE OR REPLACE TABLE marts.dim_indicator AS
    SELECT DISTINCT 'i_' || md5(indicator_text)[:8] AS indicator_id, indicator_text AS name_zh,
           NULL::VARCHAR AS name_en, 'industry' AS theme, unit, 'higher_better' AS direction,
           'level' AS measure_family
    FROM (SELECT indicator_text, unit FROM raw.targets UNION SELECT indicator_text, unit FROM raw.actuals);
CREATE OR REPLACE TABLE marts.fct_plan_targets AS
    SELECT t.target_id, t.document_id, s.source_file, d.region_code, d.region_name, t.indicator_text,
           'i_' || md5(t.indicator_text)[:8] AS indicator_id, t.target_kind, t.comparator, t.value_raw,
           t.value_high_raw, t.unit_raw, t.value, t.value_high, t.unit, t.target_year, t.baseline_year,
           t.baseline_value, t.attribute, t.quote, t.char_start, t.char_end, t.section, t.method, t.confidence,
           t.confidence_reason, NULL::VARCHAR AS override_action, NULL::VARCHAR AS override_by,
           NULL::VARCHAR AS override_reason, NULL::VARCHAR AS implausible_reason, t.year_evidence,
           t.year_confidence, false AS is_corrected, NULL::VARCHAR AS corrected_fields
    FROM raw.targets t JOIN raw.current_sources s USING (document_id) JOIN raw.documents d USING (document_id);
CREATE OR REPLACE TABLE marts.fct_indicator_actuals_history AS
    SELECT a.actual_id, a.document_id, s.source_file, d.region_code, d.region_name, a.indicator_text,
           'i_' || md5(a.indicator_text)[:8] AS indicator_id, a.measure, a.period_year, a.period_label,
           a.period_start, a.period_end, a.value_raw, a.unit_raw, a.value, a.unit, a.quote, a.char_start,
           a.char_end, a.confidence, 1 AS vintage, NULL::VARCHAR AS override_action,
           NULL::VARCHAR AS override_by, NULL::VARCHAR AS override_reason, NULL::VARCHAR AS implausible_reason,
           a.confidence_reason, a.year_evidence, a.year_confidence, a.is_estimate, false AS is_corrected,
           NULL::VARCHAR AS corrected_fields, true AS is_latest
    FROM raw.actuals a JOIN raw.current_sources s USING (document_id) JOIN raw.documents d USING (document_id);
CREATE OR REPLACE TABLE marts.fct_indicator_actuals AS
    SELECT * EXCLUDE (is_latest) FROM marts.fct_indicator_actuals_history WHERE is_latest;
CREATE OR REPLACE TABLE marts.mart_target_progress AS
    WITH p AS (
        SELECT t.*, a.actual_id, a.value AS actual_value, a.period_year AS actual_year, a.quote AS actual_quote,
               a.source_file AS actual_source_file, a.value / t.value AS progress_ratio
        FROM marts.fct_plan_targets t
        LEFT JOIN marts.fct_indicator_actuals a
          ON a.indicator_text = t.indicator_text AND a.region_code = t.region_code)
    SELECT target_id, document_id, source_file, 'plan' AS plan_title, region_code, region_name, indicator_id,
           indicator_text, indicator_text AS indicator_name_zh, 'industry' AS theme, 'higher_better' AS direction,
           target_kind, comparator, attribute, unit, value AS target_value, value_high AS target_value_high,
           target_year, baseline_year, baseline_value, NULL::VARCHAR AS baseline_source, actual_id,
           actual_value, actual_year, 'level' AS actual_measure, actual_quote, actual_source_file,
           NULL::DOUBLE AS expected_value, progress_ratio,
           CASE WHEN progress_ratio IS NULL THEN 'not_assessable' WHEN progress_ratio >= {on_track} THEN 'on_track'
                WHEN progress_ratio >= {acceleration} THEN 'needs_acceleration' ELSE 'limited_progress' END AS status,
           CASE WHEN progress_ratio IS NULL THEN '{zh[not_assessable]}' WHEN progress_ratio >= {on_track}
                THEN '{zh[on_track]}' WHEN progress_ratio >= {acceleration} THEN '{zh[needs_acceleration]}'
                ELSE '{zh[limited_progress]}' END AS status_zh,
           CASE WHEN progress_ratio IS NULL THEN 'no comparable actual value' END AS status_reason,
           NULL::DOUBLE AS gap, NULL::DOUBLE AS required_annual_change, quote AS target_quote,
           DATE '2025-03-01' AS as_of_date,
           CASE WHEN progress_ratio IS NULL THEN '没有可比的实际值' END AS status_reason_zh,
           CASE WHEN actual_id IS NOT NULL THEN 'catalog' END AS match_method,
           CASE WHEN actual_id IS NOT NULL THEN 1.0 END::DOUBLE AS match_confidence,
           false AS is_provisional,
           false AS is_corrected, NULL::VARCHAR AS corrected_fields
    FROM p;
CREATE OR REPLACE TABLE marts.mart_target_trajectory AS
    SELECT target_id, target_year AS year, target_value AS target_path_value, expected_value, actual_value, unit
    FROM marts.mart_target_progress;
CREATE OR REPLACE TABLE marts.mart_target_conflicts AS
    SELECT NULL::VARCHAR AS conflict_id, NULL::VARCHAR AS region_code, NULL::VARCHAR AS region_name,
           NULL::VARCHAR AS indicator_id, NULL::VARCHAR AS indicator_text, NULL::INTEGER AS target_year,
           NULL::VARCHAR AS conflict_scope, NULL::VARCHAR AS target_id_a, NULL::VARCHAR AS source_file_a,
           NULL::VARCHAR AS comparator_a, NULL::DOUBLE AS value_a, NULL::VARCHAR AS unit_a,
           NULL::VARCHAR AS quote_a, NULL::VARCHAR AS target_id_b, NULL::VARCHAR AS source_file_b,
           NULL::VARCHAR AS comparator_b, NULL::DOUBLE AS value_b, NULL::VARCHAR AS unit_b,
           NULL::VARCHAR AS quote_b, NULL::DOUBLE AS difference
    WHERE false;
CREATE OR REPLACE TABLE marts.mart_data_gaps AS
    SELECT target_id, region_code, region_name, indicator_id, indicator_text, target_kind, target_year,
           source_file, 'no_actual' AS reason_code, status_reason AS reason
    FROM marts.mart_target_progress WHERE status = 'not_assessable';
CREATE OR REPLACE TABLE marts.mart_quarantined_documents AS
    SELECT source_file, document_id, error_code, reason, quarantined_at, run_id FROM raw.quarantine;
CREATE OR REPLACE TABLE marts.mart_source_freshness AS
    SELECT DISTINCT region_code, region_name, '统计公报' AS release_type, '1 year' AS expected_every,
           DATE '2024-03-20' AS last_document_on, DATE '2025-03-31' AS next_due_on, false AS is_overdue,
           0 AS days_overdue
    FROM raw.documents;
"""


def build_marts(warehouse: Path) -> None:
    """Marts shaped like the dbt project's contract, derived from the raw tables."""
    with connect(warehouse) as con:
        # the status bands and labels are the methodology's own (expectations.reference)
        bands = {b["status"]: b["from"] for b in ref.PROGRESS_METHOD["ratio_bands"]}
        con.execute(MARTS_SQL.format(on_track=bands["on_track"], acceleration=bands["needs_acceleration"],
                                     zh=ref.STATUS_ZH))


def execute(warehouse: Path, sql: str, params: list | None = None) -> None:
    with connect(warehouse) as con:
        con.execute(sql, params or [])


def outcomes_by_name(warehouse: Path, reports: Path, layer: str, run_id: str = "run-1") -> dict:
    from expectations.runner import run_quality_checks

    return {o.check_name: o for o in run_quality_checks(warehouse, run_id, layer, reports)}


def failures(outcomes: dict) -> dict:
    return {name: o for name, o in outcomes.items() if not o.passed}
