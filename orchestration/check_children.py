"""The quality checks' child processes (python -m expectations.runner), each started ahead of its turn.

A child exits when done, so GX's imports (~200 MB) and the frames it checks never stay in the refresh
process while dbt builds; started early, its import (~5 s) overlaps reading or dbt instead of adding to
a one-document refresh. It opens the warehouse only once told to go (the pipeline is its single writer).
"""

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from expectations.outcome import CheckOutcome

RAW_LAYERS = ("raw",)
MARTS_LAYERS = ("marts", "cross_run")

# Checks children started ahead of their turn, by (warehouse, run id, layers): see start_in_child.
_started: dict[tuple[str, str, tuple[str, ...]], tuple[subprocess.Popen, Path]] = {}


def start_in_child(warehouse: Path, run_id: str, layers: tuple[str, ...], reports_dir: Path) -> None:
    """Start the layers' child now, so it imports GX (~5 s of a one-document refresh) while earlier
    steps run; it opens the warehouse only when run_in_child tells it to go (single writer)."""
    key = (str(Path(warehouse).resolve()), run_id, tuple(layers))
    if key in _started:
        return
    tmp = Path(tempfile.mkdtemp(prefix="plantrack-checks-"))
    with (tmp / "stderr.txt").open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "expectations.runner", key[0], run_id, str(Path(reports_dir).resolve()),
             str(tmp / "outcomes.json"), *layers],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=stderr)
    _started[key] = (proc, tmp)


def run_in_child(warehouse: Path, run_id: str, layers: tuple[str, ...], reports_dir: Path) -> list[CheckOutcome]:
    """The layers' suites (expectations.runner) in a child process that exits when done: GX's imports
    (~200 MB) and the frames it checks never stay in the refresh process while dbt builds. The child
    start_in_child started for them is used (once), else one is started now."""
    start_in_child(warehouse, run_id, layers, reports_dir)
    proc, tmp = _started.pop((str(Path(warehouse).resolve()), run_id, tuple(layers)))
    try:
        proc.communicate(b"go\n")
        if proc.returncode != 0:
            stderr = (tmp / "stderr.txt").read_text(encoding="utf-8", errors="replace")
            raise RuntimeError(f"the quality checks ({'+'.join(layers)}) stopped (exit {proc.returncode}): "
                               f"{stderr.strip()[-2000:]}")
        return [CheckOutcome(**o) for o in json.loads((tmp / "outcomes.json").read_text(encoding="utf-8"))]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def stop_started_children() -> None:
    """End the children started for checks the run never reached (it failed before them)."""
    while _started:
        proc, tmp = _started.popitem()[1]
        proc.communicate(b"")  # end of stdin: the child exits without opening the warehouse
        shutil.rmtree(tmp, ignore_errors=True)
