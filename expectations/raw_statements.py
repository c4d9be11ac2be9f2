"""Suite `raw_statements`: the extracted targets and actual values of the documents now in the sources.

Checked right after extraction, before dbt: every statement keeps its provenance (document, quote,
offsets into the document text), years are plausible, values parsed, units and categories known.
Only documents in raw.current_sources are checked: old versions are history, not tonight's data. And of
those only the ones whose statements have not passed these same checks before: raw rows never change
once loaded, so a refresh that adds one document to 5,000 checks one document's rows
(ops.raw_checked_documents, keyed by the checks' fingerprint: changed checks check everything again).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import duckdb
import great_expectations.expectations as gxe
import pandas as pd

from expectations import reference as ref
from expectations.checks import Check
from plantrack.model import Actual, Target

SUITE = "raw_statements"

# Whether each quote is the document text at [char_start, char_end) is computed in Python, one
# document at a time (`_quotes_at_offsets`): DuckDB's substr walks a UTF-8 string from its start, so
# one substr per quote costs quadratic time in a long document (50,000 quotes in 3.4 MB: 107 s).

FRAMES_SQL = {
    "documents": """
        SELECT d.document_id, s.source_file, d.title, d.doc_type, d.region_name, d.region_code,
               d.plan_start_year, d.plan_end_year, length(d.text) AS text_length
        FROM raw.current_sources s JOIN raw.documents d USING (document_id)""",
    "targets": """
        SELECT t.*, s.source_file
        FROM raw.targets t
        JOIN raw.current_sources s ON s.document_id = t.document_id""",
    "target_ranges": """
        SELECT t.target_id, t.indicator_text, t.value_raw, t.value_high_raw, t.value_high, s.source_file
        FROM raw.targets t JOIN raw.current_sources s ON s.document_id = t.document_id
        WHERE t.comparator = 'range'""",
    "target_other_quotes": """
        WITH q AS (
            SELECT t.target_id, t.document_id, t.indicator_text, s.source_file,
                   unnest(from_json(t.other_quotes,
                          '[{"quote": "VARCHAR", "char_start": "INTEGER", "char_end": "INTEGER"}]'),
                          recursive := true)
            FROM raw.targets t JOIN raw.current_sources s ON s.document_id = t.document_id
            WHERE t.other_quotes IS NOT NULL AND t.other_quotes NOT IN ('', '[]'))
        SELECT q.target_id, q.document_id, q.indicator_text, q.source_file, q.quote, q.char_start, q.char_end
        FROM q""",
    "actuals": """
        SELECT a.*, s.source_file
        FROM raw.actuals a
        JOIN raw.current_sources s ON s.document_id = a.document_id""",
}

# The same bytes may sit under two file names: check each current document once, under one name.
# (A temporary table per connection, filled by read_frames: the current documents not checked yet.)
_CURRENT = "unchecked_documents"
_UNCHECKED_SQL = """
    CREATE OR REPLACE TEMP TABLE unchecked_documents AS
    SELECT s.document_id, min(s.source_file) AS source_file
    FROM raw.current_sources s JOIN raw.documents d USING (document_id)
    WHERE NOT EXISTS (SELECT 1 FROM ops.raw_checked_documents c
                      WHERE c.document_id = s.document_id AND c.ingested_at = d.ingested_at
                        AND c.checks_fingerprint = ?)
    GROUP BY s.document_id"""
FRAMES_SQL = {name: sql.replace("raw.current_sources s", f"{_CURRENT} s") for name, sql in FRAMES_SQL.items()}

# Every field of the model's dataclasses has a raw column: dbt's staging models read them all.
TARGET_COLUMNS = [f.name for f in dataclasses.fields(Target)] + ["target_id", "extractor_version"]
ACTUAL_COLUMNS = [f.name for f in dataclasses.fields(Actual)] + ["actual_id", "extractor_version"]
PROVENANCE = ("document_id", "indicator_text", "value_raw", "quote", "char_start", "char_end", "method")


QUOTED_FRAMES = ("targets", "target_other_quotes", "actuals")
_DOCUMENT_BATCH = 64  # documents' texts held at once while quotes are checked


def fingerprint() -> str:
    """What these checks are: this module's and checks.py's code, every check's expectation (its
    value sets and bounds) and severity. Documents checked under another fingerprint are checked again."""
    here = Path(__file__).parent
    parts = [(here / name).read_text(encoding="utf-8") for name in ("raw_statements.py", "checks.py")]
    parts += [json.dumps([c.name, c.severity, {k: v for k, v in c.expectation.configuration.to_json_dict().items()
                                               if k != "meta"}], sort_keys=True, default=str)
              for c in checks({})]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def read_frames(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, pd.DataFrame | None]:
    frames: dict[str, pd.DataFrame | None] = {}
    try:
        con.execute(_UNCHECKED_SQL, [fingerprint()])
    except duckdb.CatalogException:
        return {name: None for name in FRAMES_SQL}  # no raw tables: each frame's checks say so
    for name, sql in FRAMES_SQL.items():
        try:
            frames[name] = con.execute(sql).df()
        except duckdb.CatalogException:
            frames[name] = None
    _quotes_at_offsets(con, {n: frames[n] for n in QUOTED_FRAMES if frames.get(n) is not None})
    return frames


def record_checked(con: duckdb.DuckDBPyConnection, run_id: str, outcomes) -> None:
    """The documents these frames held passed every blocking check: later runs need not check them."""
    if any(not o.passed and o.severity == "blocking" for o in outcomes):
        return
    con.execute("INSERT INTO ops.raw_checked_documents SELECT u.document_id, d.ingested_at, ?, ? "
                "FROM unchecked_documents u JOIN raw.documents d USING (document_id)", [fingerprint(), run_id])


def _quotes_at_offsets(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> None:
    """Add `quote_at_offsets` to each frame: document.text[char_start:char_end] == quote.

    Linear in the text and the quotes: each current document's text is read once (a few at a time)
    and sliced in Python, where a slice costs its length, not its offset.
    """
    rows_of = {name: frame.groupby("document_id", sort=False).indices if len(frame) else {}
               for name, frame in frames.items()}
    results = {name: [False] * len(frame) for name, frame in frames.items()}
    # Each column converted once: converting it per document was quadratic (5,000 documents: minutes).
    columns = {name: tuple(frame[c].to_numpy() for c in ("quote", "char_start", "char_end"))
               for name, frame in frames.items()}
    wanted = {doc for idx in rows_of.values() for doc in idx}
    if wanted:
        cur = con.execute(f"SELECT document_id, text FROM raw.documents WHERE document_id IN "
                          f"(SELECT document_id FROM {_CURRENT})")
        while batch := cur.fetchmany(_DOCUMENT_BATCH):
            for doc_id, text in batch:
                if doc_id not in wanted or text is None:
                    continue
                for name in frames:
                    positions = rows_of[name].get(doc_id)
                    if positions is None:
                        continue
                    quotes, starts, ends = (col[positions] for col in columns[name])
                    out = results[name]
                    for pos, q, s, e in zip(positions, quotes, starts, ends, strict=True):
                        out[pos] = _at(text, q, s, e)
    for name, frame in frames.items():
        frame["quote_at_offsets"] = results[name]


def _at(text: str, quote: object, start: object, end: object) -> bool:
    if not isinstance(quote, str) or pd.isna(start) or pd.isna(end):
        return False
    s, e = int(start), int(end)
    return 0 <= s <= e <= len(text) and text[s:e] == quote


def _columns_check(frame: str, columns: list[str], rows: str) -> Check:
    def describe(ev) -> tuple[str, int, str]:
        missing = sorted(set(columns) - set(ev.frame.columns))
        if not missing:
            return f"The {rows} have every column extraction writes.", 0, "all columns present"
        return (f"The {rows} lack the column(s) {', '.join(missing)}, so every one of their "
                f"{ev.total} rows is incomplete. Migrate the raw table to the current DDL "
                "(plantrack.warehouse) and refresh again.", ev.total, f"missing: {', '.join(missing)}")

    return Check(f"{frame}.columns", "raw_columns", frame,
                 gxe.ExpectTableColumnsToMatchSet(column_set=columns, exact_match=False), rows,
                 "lack a column", "", f"columns include {', '.join(columns)}", describe=describe)


def _statement_checks(frame: str, rows: str, id_col: str, columns: list[str], year_cols: tuple[str, ...],
                      category: tuple[str, tuple[str, ...]]) -> list[Check]:
    show = (id_col, "source_file", "indicator_text")
    checks = [_columns_check(frame, columns, rows),
              Check(f"{frame}.unique_{id_col}", "unique_ids", frame, gxe.ExpectColumnValuesToBeUnique(column=id_col),
                    rows, f"share their {id_col} with another row", "Two statements got the same id: "
                    "check how the extractor builds ids (model.stable_id).", f"{id_col} is unique", show)]
    for col in PROVENANCE:
        checks.append(Check(
            f"{frame}.{col}_not_null", "provenance_not_null", frame, gxe.ExpectColumnValuesToNotBeNull(column=col),
            rows, f"have no {col}", "Every statement must trace back to its document and quote: fix the "
            "extractor so it always records provenance.", f"{col} is not null", show))
    checks.append(Check(
        f"{frame}.quote_not_empty", "provenance_not_null", frame,
        gxe.ExpectColumnValueLengthsToBeBetween(column="quote", min_value=1), rows, "have an empty quote",
        "Every statement must quote its source text: fix the extractor.", "quote is not empty", show))
    checks.append(Check(
        f"{frame}.quote_at_offsets", "quote_at_offsets", frame,
        gxe.ExpectColumnValuesToBeInSet(column="quote_at_offsets", value_set=[True]), rows,
        "have a quote that is not the document text at their char_start..char_end",
        "The offsets or the quote are wrong, so a reader cannot find the statement in its document: "
        "fix the extractor's offsets (or the document's normalized text) and re-extract.",
        "document.text[char_start:char_end] == quote", (*show, "quote", "char_start", "char_end")))
    for col in year_cols:
        checks.append(Check(
            f"{frame}.{col}_plausible", "plausible_years", frame,
            gxe.ExpectColumnValuesToBeBetween(column=col, min_value=ref.YEAR_MIN, max_value=ref.YEAR_MAX),
            rows, f"have a {col} outside {ref.YEAR_MIN}–{ref.YEAR_MAX}",
            "A year that far off is a misreading (a page number, a document number, a typo in the "
            "source): check the quote, fix the extractor or add an override.",
            f"{col} between {ref.YEAR_MIN} and {ref.YEAR_MAX} (or null)", (*show, col, "quote")))
    checks.append(Check(
        f"{frame}.value_parses", "value_parses", frame, gxe.ExpectColumnValuesToNotBeNull(column="value"),
        rows, "have a value_raw that did not parse into a number",
        "They cannot be compared or charted: teach the number parser this form (plantrack.extract.numbers).",
        "value is a number", (*show, "value_raw")))
    checks.append(Check(
        f"{frame}.unit_known", "known_units", frame,
        gxe.ExpectColumnValuesToBeInSet(column="unit", value_set=sorted(ref.KNOWN_UNITS)), rows,
        "have a unit the unit table does not know",
        "Unknown units are not converted, so values may not be comparable: add the unit to "
        "plantrack.extract.units.", "unit in the extractor's unit table (or null)", (*show, "unit", "unit_raw")))
    checks.append(Check(
        f"{frame}.confidence_range", "confidence_range", frame,
        gxe.ExpectColumnValuesToBeBetween(column="confidence", min_value=0, max_value=1), rows,
        "have a confidence outside 0..1", "Confidence is a probability-like score: fix how the extractor "
        "computes it.", "confidence between 0 and 1", (*show, "confidence")))
    col, allowed = category
    checks.append(Check(
        f"{frame}.{col}_known", "known_categories", frame,
        gxe.ExpectColumnValuesToBeInSet(column=col, value_set=list(allowed)), rows,
        f"have a {col} the marts do not understand",
        f"The progress methodology only handles {', '.join(allowed)}: fix the extractor, or extend the "
        "methodology and expectations/reference.py together.", f"{col} in {', '.join(allowed)}", (*show, col)))
    return checks


def checks(frames: dict[str, pd.DataFrame | None]) -> list[Check]:
    doc_show = ("source_file", "title", "region_name")
    out = [
        Check("documents.region_known", "document_region_known", "documents",
              gxe.ExpectColumnValuesToNotBeNull(column="region_code"), "current documents not checked before",
              "have no detected region code",
              "Their targets cannot be placed on the map or matched to actuals of the same place: add "
              "region_name/region_code in a sidecar (<file>.meta.json) or teach the metadata detector.",
              "region_code is not null", doc_show),
        *[Check(f"documents.{col}_plausible", "plausible_years", "documents",
                gxe.ExpectColumnValuesToBeBetween(column=col, min_value=ref.YEAR_MIN, max_value=ref.YEAR_MAX),
                "current documents not checked before", f"have a {col} outside {ref.YEAR_MIN}–{ref.YEAR_MAX}",
                "Check the document's title and fix the detected plan period (or give it in a sidecar).",
                f"{col} between {ref.YEAR_MIN} and {ref.YEAR_MAX} (or null)", (*doc_show, col))
          for col in ("plan_start_year", "plan_end_year")],
        *_statement_checks("targets", "targets of current documents not checked before", "target_id", TARGET_COLUMNS,
                           ("target_year", "baseline_year"), ("target_kind", ref.TARGET_KINDS)),
        Check("targets.comparator_known", "known_categories", "targets",
              gxe.ExpectColumnValuesToBeInSet(column="comparator", value_set=list(ref.COMPARATORS)),
              "targets of current documents not checked before", "have a comparator the marts do not understand",
              "Fix the extractor's comparator mapping.", f"comparator in {' '.join(ref.COMPARATORS)}",
              ("target_id", "source_file", "indicator_text", "comparator")),
        Check("target_ranges.value_high_parses", "value_parses", "target_ranges",
              gxe.ExpectColumnValuesToNotBeNull(column="value_high"), "range targets",
              "have no upper value", "A range needs both ends to be judged: fix the range parser.",
              "value_high is a number when comparator is range",
              ("target_id", "source_file", "indicator_text", "value_raw", "value_high_raw")),
        Check("target_other_quotes.quote_at_offsets", "quote_at_offsets", "target_other_quotes",
              gxe.ExpectColumnValuesToBeInSet(column="quote_at_offsets", value_set=[True]),
              "further quotes of targets (the same target stated again)",
              "are not the document text at their offsets",
              "Fix the extractor's offsets for restated targets and re-extract.",
              "document.text[char_start:char_end] == quote",
              ("target_id", "source_file", "indicator_text", "quote")),
        *_statement_checks("actuals", "actual values of current documents not checked before", "actual_id", ACTUAL_COLUMNS,
                           ("period_year",), ("measure", ref.MEASURES)),
    ]
    return out
