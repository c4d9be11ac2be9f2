"""Reading the serving file the way analysts do: read-only, marts only."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

# ops tables served beside the marts: they gain a row per run by design.
RUN_LOG_TABLES = ("runs", "quality_check_results")


def serving_path(data_dir: Path) -> Path:
    return data_dir / "serving" / "plantrack.duckdb"


@contextmanager
def serving(data_dir: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(serving_path(data_dir)), read_only=True)
    try:
        yield con
    finally:
        con.close()


def rows(data_dir: Path, query: str, params: list | None = None) -> list[tuple]:
    with serving(data_dir) as con:
        return con.execute(query, params or []).fetchall()


def mart_tables(data_dir: Path) -> list[str]:
    return [r[0] for r in rows(data_dir, "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts' "
                                         "ORDER BY 1")]


def snapshot(data_dir: Path, skip: tuple[str, ...] = RUN_LOG_TABLES) -> dict[str, list[tuple]]:
    """Every row of every mart (sorted), except the per-run logs."""
    with serving(data_dir) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts'"
                                            ).fetchall()]
        return {t: con.execute(f'SELECT * FROM marts."{t}" ORDER BY ALL').fetchall()
                for t in sorted(tables) if t not in skip}


def counts_per_document(data_dir: Path) -> dict[str, tuple[int, int]]:
    """document_id -> (targets, actual values) in the marts, for current documents."""
    return {doc: (t, a) for doc, t, a in rows(data_dir, """
        SELECT d.document_id,
               (SELECT count(*) FROM marts.fct_plan_targets t WHERE t.document_id = d.document_id),
               (SELECT count(*) FROM marts.fct_indicator_actuals a WHERE a.document_id = d.document_id)
        FROM marts.dim_document d WHERE d.is_current""")}
