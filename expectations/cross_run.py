"""Suite `cross_run`: tonight's row counts against the last good run's.

Counts per table and source file are kept in ops.row_counts (created here). A drop is explained
only by files removed from the sources since that run (raw.ingestion_log event 'removed');
anything else that shrinks a table, or empties a document, is caught.

The baseline is the latest other run that was not a failure: a run held back by a blocking check
does not become the yardstick for the next one. `accept_counts` makes an intended drop the baseline.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import great_expectations.expectations as gxe
import pandas as pd

from expectations import reference as ref
from expectations.checks import Check
from plantrack.warehouse import connect

SUITE = "cross_run"

DDL = """
CREATE TABLE IF NOT EXISTS ops.row_counts (
    run_id      VARCHAR NOT NULL,
    table_name  VARCHAR NOT NULL,   -- raw.targets | raw.actuals | marts.fct_plan_targets | ...
    source_file VARCHAR NOT NULL,
    document_id VARCHAR,            -- the version counted; null when the file had no current version
    n           BIGINT NOT NULL,
    counted_at  TIMESTAMP NOT NULL,
    accepted    BOOLEAN NOT NULL DEFAULT false  -- an intended drop, accepted as the new baseline
)"""

# Statements per current source file; a file with none counts 0, so "lost everything" is visible.
COUNTED = {
    "raw.targets": "SELECT document_id, count(*) AS n FROM raw.targets GROUP BY document_id",
    "raw.actuals": "SELECT document_id, count(*) AS n FROM raw.actuals GROUP BY document_id",
    "marts.fct_plan_targets": "SELECT document_id, count(*) AS n FROM marts.fct_plan_targets GROUP BY document_id",
    # Every vintage, not only the latest: a value an unchanged release reported is superseded (not lost)
    # when another current document reports the same region, indicator and period later, as hundreds
    # of edited copies of the sample releases do. Counting fct_indicator_actuals (latest only) read
    # that as "an unchanged document lost all its rows" and refused every run after.
    "marts.fct_indicator_actuals_history":
        "SELECT document_id, count(*) AS n FROM marts.fct_indicator_actuals_history GROUP BY document_id",
}


def count_rows(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Record this run's counts (replacing any from an earlier attempt of the same run)."""
    con.execute(DDL)
    now = datetime.now()
    con.execute("DELETE FROM ops.row_counts WHERE run_id = ?", [run_id])
    for table, sql in COUNTED.items():
        try:
            con.execute(f"""
                INSERT INTO ops.row_counts (run_id, table_name, source_file, document_id, n, counted_at)
                SELECT ?, ?, s.source_file, s.document_id, coalesce(c.n, 0), ?
                FROM raw.current_sources s LEFT JOIN ({sql}) c USING (document_id)""", [run_id, table, now])
        except duckdb.CatalogException:
            continue  # a layer not built yet (marts before the first dbt run): nothing to compare


def baseline_run(con: duckdb.DuckDBPyConnection, run_id: str) -> tuple[str, datetime] | None:
    row = con.execute("""
        SELECT run_id, max(counted_at) AS last_counted FROM ops.row_counts
        WHERE run_id <> ?
          AND (accepted OR run_id NOT IN (SELECT run_id FROM ops.runs WHERE status NOT IN ('success', 'running')))
        GROUP BY run_id ORDER BY last_counted DESC LIMIT 1""", [run_id]).fetchone()
    return (row[0], row[1]) if row else None


def read_frames(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, pd.DataFrame | None]:
    count_rows(con, run_id)
    base = baseline_run(con, run_id)
    if base is None:
        empty = pd.DataFrame()
        return {"table_totals": empty, "unchanged_documents": empty, "changed_documents": empty}
    base_run, base_at = base
    params = {"run": run_id, "base": base_run, "base_at": base_at}
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _removed AS
        SELECT DISTINCT source_file FROM raw.ingestion_log
        WHERE (event = 'removed' AND (run_id = $run OR logged_at >= $base_at))
           -- a file quarantined tonight (held back by a check, or unreadable) is explained too
           OR (event = 'quarantined' AND run_id = $run)""", {"run": run_id, "base_at": base_at})
    per_file = """
        WITH prev AS (SELECT * FROM ops.row_counts WHERE run_id = $base),
             cur AS (SELECT * FROM ops.row_counts WHERE run_id = $run)
        SELECT coalesce(cur.table_name, prev.table_name) AS table_name,
               coalesce(cur.source_file, prev.source_file) AS source_file,
               prev.document_id AS previous_document_id, cur.document_id,
               coalesce(prev.n, 0) AS previous_n, coalesce(cur.n, 0) AS current_n,
               coalesce(prev.document_id = cur.document_id, false) AS same_document,
               r.source_file IS NOT NULL AS removed,
               $base AS previous_run_id
        FROM prev FULL JOIN cur USING (table_name, source_file)
        LEFT JOIN _removed r ON r.source_file = coalesce(cur.source_file, prev.source_file)"""
    files = con.execute(f"SELECT * FROM ({per_file}) ORDER BY table_name, source_file",
                        {k: params[k] for k in ("run", "base")}).df()
    # Compare only tables counted in both runs (marts appear after the first dbt build).
    both = set(_tables_counted(con, run_id)) & set(_tables_counted(con, base_run))
    files = files[files["table_name"].isin(both)]
    files["lost_all"] = (files["previous_n"] > 0) & (files["current_n"] == 0) & ~files["removed"]
    totals = _totals(files, base_run)
    return {"table_totals": totals,
            "unchanged_documents": files[files["same_document"]].reset_index(drop=True),
            "changed_documents": files[~files["same_document"] & ~files["removed"]].reset_index(drop=True)}


def _tables_counted(con: duckdb.DuckDBPyConnection, run_id: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT DISTINCT table_name FROM ops.row_counts WHERE run_id = ?", [run_id]).fetchall()]


def _totals(files: pd.DataFrame, base_run: str) -> pd.DataFrame:
    rows = []
    for table, g in files.groupby("table_name", sort=True):
        previous = int(g["previous_n"].sum())
        removed = int(g.loc[g["removed"], "previous_n"].sum())
        current = int(g["current_n"].sum())
        expected = previous - removed
        drop = max(0, expected - current)
        share = drop / expected if expected > 0 else 0.0
        rows.append({"table_name": table, "previous_run_id": base_run, "previous_n": previous,
                     "removed_n": removed, "current_n": current, "unexplained_drop": drop,
                     "drop_percent": round(100 * share, 1),
                     "collapsed": share > ref.COLLAPSE_DROP, "dropped": share > ref.NOTABLE_DROP})
    return pd.DataFrame(rows, columns=["table_name", "previous_run_id", "previous_n", "removed_n", "current_n",
                                       "unexplained_drop", "drop_percent", "collapsed", "dropped"])


def accept_counts(warehouse, run_id: str) -> None:
    """Make this run's counts the baseline although the run failed (an intended drop, e.g. a stricter
    extractor). The next refresh then compares against them."""
    with connect(warehouse) as con:
        con.execute(DDL)
        con.execute("UPDATE ops.row_counts SET accepted = true WHERE run_id = ?", [run_id])


def checks(frames: dict[str, pd.DataFrame | None]) -> list[Check]:
    totals_show = ("table_name", "previous_n", "current_n", "removed_n", "drop_percent", "previous_run_id")
    file_show = ("source_file", "table_name", "previous_n", "current_n", "previous_run_id")
    accept = ("If the drop is intended, accept it: "
              "python -c \"from expectations.cross_run import accept_counts; accept_counts(<warehouse>, <run_id>)\".")
    return [
        Check("table_totals.no_collapse", "row_count_collapse", "table_totals",
              _flag_false("collapsed", frames.get("table_totals")),
              "tables counted in this run and the last good one",
              f"lost more than {ref.COLLAPSE_DROP:.0%} of their rows without a source file having been removed",
              "Something upstream broke (the extractor, a dbt join, a document read): compare the two runs' "
              f"counts in ops.row_counts, fix the cause and refresh. {accept}",
              f"rows fall by at most {ref.COLLAPSE_DROP:.0%} beyond what removed files explain", totals_show),
        Check("table_totals.no_notable_drop", "row_count_drop", "table_totals",
              _flag_false("dropped", frames.get("table_totals")),
              "tables counted in this run and the last good one",
              f"lost more than {ref.NOTABLE_DROP:.0%} of their rows without a source file having been removed",
              "Check whether the extractor or a dbt model changed on purpose; ops.row_counts has the counts per file.",
              f"rows fall by at most {ref.NOTABLE_DROP:.0%} beyond what removed files explain", totals_show),
        Check("unchanged_documents.none_lost_all", "document_lost_all_rows", "unchanged_documents",
              _flag_false("lost_all", frames.get("unchanged_documents")),
              "counts of unchanged documents",
              "fell to zero although the document is byte-for-byte the same",
              f"The same text now yields nothing, so the extractor or a dbt filter regressed: fix it. {accept}",
              "an unchanged document keeps at least one row where it had some", file_show),
        Check("changed_documents.none_lost_all", "changed_document_lost_all_rows", "changed_documents",
              _flag_false("lost_all", frames.get("changed_documents")),
              "counts of documents replaced by a new version (or gone without a removal)",
              "fell to zero",
              "Open the new version: if it really states no targets/values it is fine; otherwise the reader or "
              "extractor does not understand its format.",
              "a new version of a file keeps at least one row where the old one had some", file_show),
    ]


def _flag_false(column: str, frame: pd.DataFrame | None):
    """Every row's flag is false. An empty frame (first run: nothing to compare) has no column: pass."""
    if frame is None or column not in frame.columns:
        return gxe.ExpectTableRowCountToBeBetween(min_value=0)
    return gxe.ExpectColumnValuesToBeInSet(column=column, value_set=[False])
