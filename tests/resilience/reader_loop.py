"""A reader process: query the serving file read-only in a loop until told to stop (or a bound is hit).

Run as `python -m tests.resilience.reader_loop SERVING OUT STOP MAX_SECONDS MAX_QUERIES`. Every read
opens the file afresh, as a dashboard request would, and writes one JSON line to OUT: the state it
saw, or the error it met.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import duckdb

STATE_QUERY = """
SELECT (SELECT count(*) FROM marts.dim_document),
       (SELECT count(*) FROM marts.fct_plan_targets),
       (SELECT count(*) FROM marts.fct_indicator_actuals),
       (SELECT count(*) FROM marts.mart_target_progress),
       (SELECT count(*) FROM marts.runs)
"""


def read_state(path: Path) -> list[int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return list(con.execute(STATE_QUERY).fetchone())
    finally:
        con.close()


def main(serving: str, out: str, stop: str, max_seconds: str, max_queries: str) -> None:
    deadline = time.monotonic() + float(max_seconds)
    with open(out, "w", encoding="utf-8") as fh:
        for _ in range(int(max_queries)):
            if Path(stop).exists() or time.monotonic() > deadline:
                break
            try:
                fh.write(json.dumps({"state": read_state(Path(serving))}) + "\n")
            except Exception as exc:  # noqa: BLE001 - every failure is what the test counts
                fh.write(json.dumps({"error": f"{type(exc).__name__}: {exc}"}) + "\n")
            fh.flush()
            time.sleep(0.02)  # leave the two cores to the refreshes


if __name__ == "__main__":
    main(*sys.argv[1:6])
