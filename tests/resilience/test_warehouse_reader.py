"""A reader holding the warehouse file open can make a refresh fail, never fail unrecorded.

Issue 22: a long query on warehouse.duckdb (through a Superset connection, now refused) made a refresh
fail with "Could not set lock on file", and that run was recorded nowhere. Here any process holds the
warehouse open read-only while `plantrack refresh` runs: the refresh fails and says why, the failure is
in the served runs at once, and in the warehouse's own ops.runs as soon as the next run can open it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import duckdb

from tests.conftest import run_plantrack
from tests.resilience.serving import rows

_HOLD_WAREHOUSE = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
con.execute("SELECT count(*) FROM raw.documents").fetchall()
print("held", flush=True)
time.sleep(600)
"""


def test_a_refresh_blocked_by_a_warehouse_reader_is_recorded(sample_data_dir, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(sample_data_dir, data_dir, ignore=shutil.ignore_patterns("*.lock"))
    warehouse = data_dir / "warehouse.duckdb"
    reader = subprocess.Popen([sys.executable, "-c", _HOLD_WAREHOUSE, str(warehouse)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert reader.stdout.readline().strip() == "held"
        blocked = run_plantrack("refresh", "--force", data_dir=data_dir, timeout=600)
    finally:
        reader.kill()
        reader.wait()
    assert blocked.returncode != 0, blocked.stdout[-2000:]
    assert "lock" in blocked.stdout.lower(), blocked.stdout[-2000:]
    served = rows(data_dir, "SELECT run_id, status, message FROM marts.runs WHERE status = 'failure'")
    assert len(served) == 1 and "lock" in served[0][2].lower(), served
    failed_run = served[0][0]

    after = run_plantrack("refresh", data_dir=data_dir, timeout=900)
    assert after.returncode == 0, after.stdout[-3000:] + after.stderr[-3000:]
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        recorded = con.execute("SELECT status, message FROM ops.runs WHERE run_id = ?", [failed_run]).fetchall()
    finally:
        con.close()
    assert recorded and recorded[0][0] == "failure" and "lock" in recorded[0][1].lower(), recorded
