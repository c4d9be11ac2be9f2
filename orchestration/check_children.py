"""The quality checks' child processes (python -m expectations.runner).

A child exits when done, so GX's imports (~200 MB) and the frames it checks never stay in the refresh
process while dbt builds. `plantrack refresh` starts the raw checks' child ahead of its turn, before
Dagster's start-up, so its import (~5 s) overlaps start-up and reading instead of adding to a
one-document refresh; it is told what to check (and opens the warehouse) only when its turn comes: the
pipeline stays the warehouse's single writer. The marts checks' child is started when dbt starts an
incremental build (its ~3-5 s of imports then overlap dbt's start-up instead of following the build), not
beside a full build, where it would add its ~280 MB to dbt's peak. Runs Dagster launches (`plantrack serve`)
start their children when their turn comes: a child waiting beside a run that is stopped would outlive it.
"""

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from expectations.outcome import CheckOutcome

RAW_LAYERS = ("raw",)
MARTS_LAYERS = ("marts", "cross_run")

# The child started for the next checks (at most one), and its scratch directory.
_spare: list[tuple[subprocess.Popen, Path]] = []
# Set while a run executes in this process (`plantrack refresh`): only then may a step start the next
# child ahead, as the run ends every child it did not use.
_ahead: list[bool] = []


@contextmanager
def ahead_of_turn() -> Iterator[None]:
    """While a run executes in this process: children may start ahead (the raw checks' at once); any
    left unused are ended when it ends."""
    start_spare()
    _ahead.append(True)
    try:
        yield
    finally:
        _ahead.clear()
        stop_spare()


def start_spare_ahead() -> None:
    """Start the next checks' child now when this run may (see ahead_of_turn); else it starts on its turn."""
    if _ahead:
        start_spare()


def start_spare() -> None:
    """Start the next checks' child now, unless one is already waiting."""
    if _spare:
        return
    tmp = Path(tempfile.mkdtemp(prefix="plantrack-checks-"))
    with (tmp / "stderr.txt").open("wb") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "expectations.runner"],
                                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=stderr)
    _spare.append((proc, tmp))


def run_in_child(warehouse: Path, run_id: str, layers: tuple[str, ...], reports_dir: Path) -> list[CheckOutcome]:
    """The layers' suites in the waiting child (started now when none is)."""
    start_spare()
    proc, tmp = _spare.pop()
    job = {"warehouse": str(Path(warehouse).resolve()), "run_id": run_id, "layers": list(layers),
           "reports_dir": str(Path(reports_dir).resolve()), "out": str(tmp / "outcomes.json")}
    try:
        proc.communicate(json.dumps(job).encode("utf-8") + b"\n")
        if proc.returncode != 0:
            stderr = (tmp / "stderr.txt").read_text(encoding="utf-8", errors="replace")
            raise RuntimeError(f"the quality checks ({'+'.join(layers)}) stopped (exit {proc.returncode}): "
                               f"{stderr.strip()[-2000:]}")
        return [CheckOutcome(**o) for o in json.loads((tmp / "outcomes.json").read_text(encoding="utf-8"))]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def stop_spare() -> None:
    """End a child started for checks the run never reached (it failed, or had none left)."""
    while _spare:
        proc, tmp = _spare.pop()
        proc.communicate(b"")  # end of stdin: the child exits without opening the warehouse
        shutil.rmtree(tmp, ignore_errors=True)
