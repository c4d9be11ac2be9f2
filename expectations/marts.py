"""Suite `marts`: the analysts' contract, checked after dbt and before publication.

Contract columns present, ids unique, facts pointing at existing documents / regions / indicators,
percentages within 0–100 unless they are changes or growth, status agreeing with the numbers,
every target and actual carrying its source quote; and two warnings that publish: overdue sources
(mart_source_freshness) and files that could not be read (mart_quarantined_documents).
"""

from __future__ import annotations

from functools import cache

import duckdb
import great_expectations.expectations as gxe
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from expectations import reference as ref
from expectations.checks import DOCUMENT_COLUMN, Check, Evidence, format_examples, frame_rows

SUITE = "marts"

_COMMON_FACT = ("document_id", "source_file", "region_code", "region_name", "indicator_text", "indicator_id")
_OVERRIDE = ("override_action", "override_by", "override_reason")
_CORRECTED = ("is_corrected", "corrected_fields")  # analysts' corrections (plantrack correct)

CONTRACT: dict[str, tuple[str, ...]] = {
    "dim_document": ("document_id", "source_file", "title", "doc_type", "region_code", "issuer", "issued_on",
                     "plan_start_year", "plan_end_year", "ingested_at", "is_current"),
    "dim_region": ("region_code", "name_zh", "level", "parent_code", "code_note"),
    "dim_indicator": ("indicator_id", "name_zh", "name_en", "theme", "unit", "direction", "measure_family"),
    "fct_plan_targets": ("target_id", *_COMMON_FACT, "target_kind", "comparator", "value_raw",
                         "value_high_raw", "unit_raw", "value", "value_high", "unit", "target_year",
                         "baseline_year", "baseline_value", "attribute", "quote", "char_start", "char_end",
                         "section", "method", "confidence", "confidence_reason", "year_evidence",
                         "year_confidence", *_OVERRIDE, "implausible_reason", *_CORRECTED),
    "fct_indicator_actuals": ("actual_id", *_COMMON_FACT, "measure", "period_year", "period_label",
                              "period_start", "period_end", "value_raw", "unit_raw", "value", "unit", "quote",
                              "char_start", "char_end", "confidence", "confidence_reason", "year_evidence",
                              "year_confidence", "is_estimate", "vintage", *_OVERRIDE, "implausible_reason",
                              *_CORRECTED),
    "mart_target_progress": (
        "target_id", "document_id", "source_file", "plan_title", "region_code", "region_name", "indicator_id",
        "indicator_text", "indicator_name_zh", "theme", "direction", "target_kind", "comparator", "attribute",
        "unit", "target_value", "target_value_high", "target_year", "baseline_year", "baseline_value",
        "baseline_source", "actual_id", "actual_value", "actual_year", "actual_measure", "actual_quote",
        "actual_source_file", "expected_value", "progress_ratio", "status", "status_zh", "status_reason", "gap",
        "required_annual_change", "target_quote", "as_of_date", "status_reason_zh", "match_method",
        "match_confidence", "is_provisional", *_CORRECTED),
    "mart_target_trajectory": ("target_id", "year", "target_path_value", "expected_value", "actual_value",
                               "unit"),
    "mart_target_conflicts": (
        "conflict_id", "region_code", "region_name", "indicator_id", "indicator_text", "target_year",
        "conflict_scope", "target_id_a", "source_file_a", "comparator_a", "value_a", "unit_a", "quote_a",
        "target_id_b", "source_file_b", "comparator_b", "value_b", "unit_b", "quote_b", "difference"),
    "mart_data_gaps": ("target_id", "region_code", "region_name", "indicator_id", "indicator_text",
                       "target_kind", "target_year", "source_file", "reason_code", "reason"),
    "mart_quarantined_documents": ("source_file", "document_id", "error_code", "reason", "quarantined_at",
                                   "run_id"),
    "mart_source_freshness": ("region_code", "region_name", "release_type", "expected_every",
                              "last_document_on", "next_due_on", "is_overdue", "days_overdue"),
}
CONTRACT["fct_indicator_actuals_history"] = (*CONTRACT["fct_indicator_actuals"], "is_latest")


def _sql_list(values) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def _bands_text() -> str:
    """The ratio bands in words, e.g. 'on_track ≥ 0.95, needs_acceleration 0.6–0.95, ...'."""
    def word(status: str, low: float | None, high: float | None) -> str:
        if high is None:
            return f"{status} ≥ {low:g}"
        if low is None:
            return f"{status} < {high:g}"
        return f"{status} {low:g}–{high:g}"
    return ", ".join(word(s, lo, hi) for s, (lo, hi) in ref.STATUS_RATIO_BOUNDS.items())


def _status_sql() -> str:
    """A boolean per progress row: its status agrees with progress_ratio and its reason."""
    tol = ref.RATIO_TOLERANCE
    arms = []
    for status, (low, high) in ref.STATUS_RATIO_BOUNDS.items():
        conds = ["progress_ratio IS NOT NULL"]
        if low is not None:
            conds.append(f"progress_ratio >= {low} - {tol}")
        if high is not None:
            conds.append(f"progress_ratio < {high} + {tol}")
        check = " AND ".join(conds)
        if status in ref.FLAT_PATH_STATUSES:
            # a flat path (target equal to its baseline) has no ratio: only the direction of the move
            check = (f"({check}) OR (progress_ratio IS NULL AND expected_value IS NOT NULL "
                     "AND expected_value = coalesce(baseline_value, 0))")
        arms.append(f"WHEN '{status}' THEN {check}")
    arms.append("WHEN 'not_assessable' THEN coalesce(trim(status_reason), '') <> ''")
    arms.append("WHEN 'achieved' THEN actual_value IS NOT NULL")
    # a part-year growth rate is "so far this year": only a full-year value can miss a target
    arms.append("WHEN 'missed' THEN NOT coalesce(is_provisional, false)")
    zh = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in ref.STATUS_ZH.items())
    return f"""
        SELECT target_id, source_file, indicator_text, status, status_zh, progress_ratio, status_reason,
               actual_value, CASE status {zh} END AS expected_status_zh,
               coalesce(CASE status {' '.join(arms)} ELSE true END, false)
               AND coalesce(status_zh = CASE status {zh} END, false) AS status_consistent
        FROM marts.mart_target_progress"""


DERIVED_SQL = {
    "percent_targets": f"""
        SELECT target_id, source_file, indicator_text, target_kind, value, value_high, unit, quote
        FROM marts.fct_plan_targets
        WHERE unit IN ({_sql_list(ref.PERCENT_UNITS)})
          AND target_kind NOT IN ({_sql_list(ref.CHANGE_TARGET_KINDS)})
          AND implausible_reason IS NULL""",
    "percent_actuals": f"""
        SELECT actual_id, source_file, indicator_text, measure, value, unit, quote
        FROM marts.fct_indicator_actuals
        WHERE unit IN ({_sql_list(ref.PERCENT_UNITS)})
          AND measure NOT IN ({_sql_list(ref.CHANGE_MEASURES)})
          AND implausible_reason IS NULL""",
    # values flagged implausible by the marts (never judging a target): a warning naming each document
    "implausible_values": """
        SELECT 'target' AS kind, target_id AS id, source_file, indicator_text, value, unit, implausible_reason
        FROM marts.fct_plan_targets WHERE implausible_reason IS NOT NULL
        UNION ALL
        SELECT 'actual', actual_id, source_file, indicator_text, value, unit, implausible_reason
        FROM marts.fct_indicator_actuals WHERE implausible_reason IS NOT NULL
        ORDER BY source_file, id""",
    "progress_status": _status_sql(),
    "progress_actual_quotes": """
        SELECT target_id, source_file, indicator_text, actual_id, actual_quote
        FROM marts.mart_target_progress WHERE actual_id IS NOT NULL""",
}


def read_frames(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, pd.DataFrame | None]:
    frames: dict[str, pd.DataFrame | None] = {}
    read = _columns_read()
    for table in CONTRACT:
        try:
            columns = [row[0] for row in con.execute(f'DESCRIBE marts."{table}"').fetchall()]
        except duckdb.CatalogException:
            frames[table] = None
            continue
        # Every column of the table is in the frame (the contract check sees them all), but only those a
        # check reads carry data: converting every column to pandas was half the suite at 5,000 documents.
        wanted = read.get(table)
        select = ", ".join(_quoted(c) if wanted is None or c in wanted else f"NULL AS {_quoted(c)}"
                           for c in columns)
        frames[table] = con.execute(f'SELECT {select} FROM marts."{table}"').df()
    for name, sql in DERIVED_SQL.items():
        try:
            frames[name] = con.execute(sql).df()
        except (duckdb.CatalogException, duckdb.BinderException):
            frames[name] = None  # the base table is missing or off-contract: its columns check says so
    return frames


def _quoted(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


@cache
def _columns_read() -> dict[str, set[str] | None]:
    """Per contract table, the columns its checks read (None: all of them): the checked column,
    the columns quoted for a failing row, the document (which document to hold back) and the key
    other tables' rows point at. A check that explains itself (`describe`) may read any column."""
    empty = {t: pd.DataFrame({c: pd.Series(dtype=object) for c in cols}) for t, cols in CONTRACT.items()}
    empty.update({name: None for name in DERIVED_SQL})
    read: dict[str, set[str] | None] = {t: {DOCUMENT_COLUMN} for t in CONTRACT}
    for _, _, parent, parent_col, _ in REFS:
        read[parent].add(parent_col)  # type: ignore[union-attr]
    for check in checks(empty):
        if check.frame not in read or read[check.frame] is None or check.rule == "contract_columns":
            continue
        if check.describe is not None:
            read[check.frame] = None
            continue
        config = check.expectation
        used = {*check.show, *([config.column] if getattr(config, "column", None) else []),
                *(getattr(config, "column_list", None) or [])}
        # a membership flag (_refers) is computed from its column, which is in `show`
        read[check.frame] |= {c for c in used if not c.startswith("_")}  # type: ignore[operator]
    return read


def _columns_check(table: str) -> Check:
    columns = CONTRACT[table]

    def describe(ev: Evidence) -> tuple[str, int, str]:
        missing = [c for c in columns if c not in ev.frame.columns]
        if not missing:
            return f"marts.{table} has every contract column.", 0, "all contract columns present"
        return (f"marts.{table} lacks the contract column(s) {', '.join(missing)}; dashboards and analysts' "
                f"SQL that use them break. Restore them in the dbt model {table} (its contract).",
                ev.total, f"missing: {', '.join(missing)}")

    return Check(f"{table}.contract_columns", "contract_columns", table,
                 gxe.ExpectTableColumnsToMatchSet(column_set=list(columns), exact_match=False),
                 f"rows of marts.{table}", "", "", f"columns include {', '.join(columns)}", describe=describe)


def _unique(table: str, columns: tuple[str, ...], show: tuple[str, ...] = ()) -> Check:
    key = " + ".join(columns)
    expectation = (gxe.ExpectColumnValuesToBeUnique(column=columns[0]) if len(columns) == 1
                   else gxe.ExpectCompoundColumnsToBeUnique(column_list=list(columns)))
    return Check(f"{table}.unique_{'_'.join(columns)}", "unique_ids", table, expectation,
                 f"rows of marts.{table}", f"share their {key} with another row",
                 f"Each {key} must identify one row: find the join in the dbt model {table} that duplicates "
                 "rows and fix it.", f"{key} is unique", (*columns, *show))


def _refers(table: str, column: str, parent: str, parent_col: str, frames, show: tuple[str, ...]) -> Check | None:
    parent_frame = frames.get(parent)
    if parent_frame is None or parent_col not in parent_frame.columns:
        return None  # the parent's own columns check reports it
    child = frames.get(table)
    if child is None or column not in child.columns:
        return None
    # Membership is computed here and GX checks a boolean: a value_set of every parent id (40k+ at
    # scale) is re-serialized by GX for each metric and made this suite take minutes.
    # Arrow's is_in over whole columns: pandas 3's isin on Arrow strings makes a scalar per value of
    # the set (13 lookups at 5,000 documents: 5 s of the suite's ~10).
    flag = f"_{column}_in_{parent}"
    ids = pa.array(parent_frame[parent_col].dropna().astype(str).unique(), type=pa.string())
    found = pc.is_in(pa.array(child[column].astype(str), type=pa.string(), from_pandas=True), value_set=ids)
    child[flag] = child[column].isna().to_numpy() | found.to_numpy(zero_copy_only=False)
    return Check(f"{table}.{column}_in_{parent}", "referential_integrity", table,
                 gxe.ExpectColumnValuesToBeInSet(column=flag, value_set=[True]),
                 f"rows of marts.{table}", f"have a {column} that is not in marts.{parent}",
                 f"They point at nothing, so filters and joins on {parent} drop them: add the missing "
                 f"{parent} row (a seed or its dbt model) or fix the join in {table}.",
                 f"{column} in marts.{parent}.{parent_col} (or null)", (*show, column))


def _years(table: str, column: str, show: tuple[str, ...]) -> Check:
    return Check(f"{table}.{column}_plausible", "plausible_years", table,
                 gxe.ExpectColumnValuesToBeBetween(column=column, min_value=ref.YEAR_MIN, max_value=ref.YEAR_MAX),
                 f"rows of marts.{table}", f"have a {column} outside {ref.YEAR_MIN}–{ref.YEAR_MAX}",
                 "Such a year is a misreading: check the quote, then fix the extractor or add an override.",
                 f"{column} between {ref.YEAR_MIN} and {ref.YEAR_MAX} (or null)", (*show, column, "quote"))


def _not_empty(table: str, column: str, rows: str, show: tuple[str, ...]) -> list[Check]:
    advice = (f"Every row must show where it comes from: carry {column} through the dbt model {table} "
              "(and check the extractor recorded it).")
    return [
        Check(f"{table}.{column}_not_null", "source_quote", table, gxe.ExpectColumnValuesToNotBeNull(column=column),
              rows, f"have no {column}", advice, f"{column} is not null", show),
        Check(f"{table}.{column}_not_empty", "source_quote", table,
              gxe.ExpectColumnValueLengthsToBeBetween(column=column, min_value=1), rows,
              f"have an empty {column}", advice, f"{column} is not empty", show),
    ]


def _percent(frame: str, rows: str, column: str, show: tuple[str, ...]) -> Check:
    return Check(f"{frame}.{column}_within_0_100", "percent_range", frame,
                 gxe.ExpectColumnValuesToBeBetween(column=column, min_value=0, max_value=100), rows,
                 f"have a {column} outside 0–100 %",
                 "A share or rate cannot exceed 100 % or be negative unless it is a change: check the quote; "
                 "it is either a growth/change misclassified as a level or share (fix the extractor) or a "
                 "misread number (add an override).", f"{column} between 0 and 100", (*show, column, "quote"))


def _quarantine_check() -> Check:
    def describe(ev: Evidence) -> tuple[str, int, str]:
        if ev.total == 0:
            return "Every source file could be read.", 0, "0 quarantined files"
        examples = format_examples(frame_rows(ev.frame, ("source_file", "reason")), ("source_file", "reason"))
        return (f"{ev.total} source file(s) could not be read and are left out (their last good version, if "
                f"any, keeps serving), e.g. {examples}. Fix or replace the file, or remove it from the "
                "sources.", ev.total, f"{ev.total} quarantined files")

    return Check("mart_quarantined_documents.none", "quarantined_documents", "mart_quarantined_documents",
                 gxe.ExpectTableRowCountToEqual(value=0), "quarantined files", "", "",
                 "no source file is quarantined", describe=describe)


def _implausible_check() -> Check:
    def describe(ev: Evidence) -> tuple[str, int, str]:
        if ev.total == 0:
            return "No implausible value.", 0, "0 implausible values"
        files = sorted(set(ev.frame["source_file"]))
        examples = format_examples(frame_rows(ev.frame, ("source_file", "indicator_text", "implausible_reason")),
                                   ("source_file", "indicator_text", "implausible_reason"))
        return (f"{ev.total} implausible value(s) in {len(files)} document(s) ({', '.join(files[:10])}) are "
                f"flagged and judge no target, e.g. {examples}. Check each quote: correct the value with an "
                "override (target_overrides.csv / actual_overrides.csv) or fix the document.",
                ev.total, f"{ev.total} implausible values")

    return Check("implausible_values.none", "implausible_values", "implausible_values",
                 gxe.ExpectTableRowCountToEqual(value=0), "implausible values", "", "",
                 "no implausible value", describe=describe)


TARGET_SHOW = ("target_id", "source_file", "indicator_text")
ACTUAL_SHOW = ("actual_id", "source_file", "indicator_text")
# (child table, column, parent table, parent column, columns quoted for a failing row)
REFS = [
    ("fct_plan_targets", "document_id", "dim_document", "document_id", TARGET_SHOW),
    ("fct_plan_targets", "region_code", "dim_region", "region_code", TARGET_SHOW),
    ("fct_plan_targets", "indicator_id", "dim_indicator", "indicator_id", TARGET_SHOW),
    ("fct_indicator_actuals", "document_id", "dim_document", "document_id", ACTUAL_SHOW),
    ("fct_indicator_actuals", "region_code", "dim_region", "region_code", ACTUAL_SHOW),
    ("fct_indicator_actuals", "indicator_id", "dim_indicator", "indicator_id", ACTUAL_SHOW),
    ("dim_document", "region_code", "dim_region", "region_code", ("document_id", "source_file")),
    ("mart_target_progress", "target_id", "fct_plan_targets", "target_id", TARGET_SHOW),
    ("mart_target_progress", "actual_id", "fct_indicator_actuals_history", "actual_id", TARGET_SHOW),
    ("mart_target_trajectory", "target_id", "mart_target_progress", "target_id", ("target_id", "year")),
    ("mart_data_gaps", "target_id", "fct_plan_targets", "target_id", TARGET_SHOW),
    ("mart_target_conflicts", "target_id_a", "fct_plan_targets", "target_id", ("conflict_id",)),
    ("mart_target_conflicts", "target_id_b", "fct_plan_targets", "target_id", ("conflict_id",)),
]


def checks(frames: dict[str, pd.DataFrame | None]) -> list[Check]:
    target_show, actual_show = TARGET_SHOW, ACTUAL_SHOW
    out: list[Check] = [_columns_check(t) for t in CONTRACT]
    out += [
        _unique("dim_document", ("document_id",), ("source_file",)),
        _unique("dim_region", ("region_code",), ("name_zh",)),
        _unique("dim_indicator", ("indicator_id",), ("name_zh",)),
        _unique("fct_plan_targets", ("target_id",), ("source_file", "indicator_text")),
        _unique("fct_indicator_actuals", ("actual_id",), ("source_file", "indicator_text")),
        _unique("fct_indicator_actuals_history", ("actual_id", "vintage"), ("source_file",)),
        _unique("mart_target_progress", ("target_id",), ("source_file", "indicator_text")),
        _unique("mart_target_trajectory", ("target_id", "year")),
        _unique("mart_target_conflicts", ("conflict_id",)),
    ]
    out += [c for args in REFS if (c := _refers(*args[:4], frames, args[4])) is not None]
    out += [_years("fct_plan_targets", "target_year", target_show),
            _years("fct_plan_targets", "baseline_year", target_show),
            _years("fct_indicator_actuals", "period_year", actual_show),
            _years("mart_target_progress", "target_year", target_show)]
    out += [_percent("percent_targets", "percentage targets that are not changes or growth", "value",
                     target_show),
            _percent("percent_targets", "percentage targets that are not changes or growth", "value_high",
                     target_show),
            _percent("percent_actuals", "percentage actual values that are not changes or growth", "value",
                     actual_show)]
    out += [
        Check("progress_status.status_known", "status_consistent", "progress_status",
              gxe.ExpectColumnValuesToBeInSet(column="status", value_set=list(ref.STATUS_ZH)),
              "targets in mart_target_progress", "have a status outside the methodology's list",
              "Fix the status logic in the dbt model mart_target_progress.",
              f"status in {', '.join(ref.STATUS_ZH)}", (*target_show, "status")),
        Check("progress_status.status_matches_numbers", "status_consistent", "progress_status",
              gxe.ExpectColumnValuesToBeInSet(column="status_consistent", value_set=[True]),
              "targets in mart_target_progress",
              "have a status that disagrees with their progress ratio, Chinese label or reason",
              f"Managers read the status, so it must follow from the numbers ({_bands_text()}, "
              "not_assessable with a reason, achieved with an actual, missed never on a provisional "
              "part-year value): fix mart_target_progress.",
              "status agrees with progress_ratio, status_zh and status_reason",
              (*target_show, "status", "status_zh", "progress_ratio", "status_reason")),
    ]
    out += _not_empty("fct_plan_targets", "quote", "targets in fct_plan_targets", target_show)
    out += _not_empty("mart_target_progress", "target_quote", "targets in mart_target_progress", target_show)
    out += _not_empty("fct_indicator_actuals", "quote", "actual values in fct_indicator_actuals", actual_show)
    out += _not_empty("progress_actual_quotes", "actual_quote", "targets compared with an actual value",
                      (*target_show, "actual_id"))
    out += [
        Check("mart_source_freshness.not_overdue", "freshness", "mart_source_freshness",
              gxe.ExpectColumnValuesToBeInSet(column="is_overdue", value_set=[False]),
              "expected releases (region × release type)", "are overdue",
              "Add the newer releases to the sources (or correct the release calendar seed if the "
              "expectation is wrong); until then progress is judged on older actuals.",
              "is_overdue is false", ("region_name", "release_type", "days_overdue", "last_document_on")),
        _quarantine_check(),
        _implausible_check(),
    ]
    return out
