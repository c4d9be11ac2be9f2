"""Fault-injection points for the crash tests: a refresh can be made to stop at a named stage.

With PLANTRACK_FAULT_PAUSE=<stage>, the process writes the stage name to PLANTRACK_FAULT_MARKER and
sleeps there, so a test can SIGKILL it at exactly that point. Unset, this does nothing.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

STAGES = ("read", "extract", "load", "dbt", "checks", "publish")


def checkpoint(stage: str) -> None:
    if os.environ.get("PLANTRACK_FAULT_PAUSE") != stage:
        return
    marker = os.environ.get("PLANTRACK_FAULT_MARKER")
    if marker:
        Path(marker).write_text(stage, encoding="utf-8")
    time.sleep(float(os.environ.get("PLANTRACK_FAULT_SLEEP_S", "600")))
