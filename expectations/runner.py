"""Run one layer's suite against the warehouse, store every outcome, build Data Docs.

Called by the pipeline's single writer between steps, in a child process that exits when done
(orchestration/check_children.py):
    python -m expectations.runner
imports Great Expectations, then waits for one JSON line on stdin, {"warehouse", "run_id",
"reports_dir", "out", "layers"} (the parent starts it ahead of its turn, so the ~5 s import overlaps
the steps before), runs run_quality_checks(warehouse, run_id, layer, reports_dir) for each layer and
writes the outcomes to `out`. An empty line or the end of stdin means: exit without opening the
warehouse. A failed blocking outcome means: do not publish tonight's marts.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import datetime
from pathlib import Path

import duckdb

from expectations import cross_run, marts, raw_statements
from expectations.checks import CheckOutcome, validate
from plantrack.warehouse import connect

__all__ = ["CheckOutcome", "LAYERS", "run_quality_checks", "blocking_failures", "summarize", "docs_index"]

LAYERS = {"raw": raw_statements, "marts": marts, "cross_run": cross_run}
DOCS_SUBDIR = "gx"


def run_quality_checks(warehouse: Path, run_id: str, layer: str, reports_dir: Path) -> list[CheckOutcome]:
    """Run the layer's suite on frames read from the warehouse; record and return every outcome."""
    if layer not in LAYERS:
        raise ValueError(f"unknown quality layer {layer!r}; use one of {', '.join(LAYERS)}")
    suite = LAYERS[layer]
    with connect(Path(warehouse)) as con:
        frames = suite.read_frames(con, run_id)
        outcomes = validate(suite.SUITE, frames, suite.checks(frames), run_id,
                            Path(reports_dir) / DOCS_SUBDIR)
        record_outcomes(con, run_id, outcomes)
        if hasattr(suite, "record_checked"):
            suite.record_checked(con, run_id, outcomes)
    return outcomes


def record_outcomes(con: duckdb.DuckDBPyConnection, run_id: str, outcomes: list[CheckOutcome]) -> None:
    """Replace this run's rows for these checks, so re-running a step does not duplicate them."""
    now = datetime.now().replace(microsecond=0)
    con.execute("BEGIN TRANSACTION")
    try:
        for o in outcomes:
            con.execute("DELETE FROM ops.quality_check_results WHERE run_id = ? AND suite = ? AND check_name = ?",
                        [run_id, o.suite, o.check_name])
        con.executemany(
            "INSERT INTO ops.quality_check_results (run_id, suite, check_name, severity, passed, observed, "
            "expected, affected_rows, message, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[run_id, o.suite, o.check_name, o.severity, o.passed, o.observed, o.expected, o.affected_rows,
              o.message, now] for o in outcomes])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def blocking_failures(outcomes: list[CheckOutcome]) -> list[CheckOutcome]:
    return [o for o in outcomes if not o.passed and o.severity == "blocking"]


def summarize(outcomes: list[CheckOutcome]) -> str:
    """One paragraph for a failed run: every blocking failure's message, warnings counted."""
    blocking = blocking_failures(outcomes)
    warnings = [o for o in outcomes if not o.passed and o.severity == "warning"]
    if not blocking:
        return (f"All {len(outcomes)} quality checks that block publication passed"
                f"{f'; {len(warnings)} warning(s)' if warnings else ''}.")
    lines = [f"{len(blocking)} blocking quality check(s) failed, so the marts were not published:"]
    lines += [f"- [{o.suite}] {o.check_name}: {o.message}" for o in blocking]
    return "\n".join(lines)


def docs_index(reports_dir: Path) -> Path:
    """Where the GX Data Docs site starts (for the README and `plantrack status`)."""
    return Path(reports_dir) / DOCS_SUBDIR / "index.html"


def _die_with_parent() -> None:
    """A refresh killed mid-check must not leave this child writing to (and locking) the warehouse."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def main() -> None:
    _die_with_parent()
    line = sys.stdin.readline().strip()
    if not line:
        return  # not needed after all (the run stopped before its checks): the warehouse stays closed
    job = json.loads(line)
    outcomes = [o for layer in job["layers"]
                for o in run_quality_checks(Path(job["warehouse"]), job["run_id"], layer, Path(job["reports_dir"]))]
    Path(job["out"]).write_text(json.dumps([dataclasses.asdict(o) for o in outcomes]), encoding="utf-8")


if __name__ == "__main__":
    main()
