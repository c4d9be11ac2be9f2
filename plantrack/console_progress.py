"""A console progress bar: progress lines on stderr for long work (a stage name, a count, and how
long it took). Not the progress of plan targets, which is the dbt model int_target_progress."""

from __future__ import annotations

import sys
import time


class Progress:
    """Counts items of one stage and prints at most a few lines a second."""

    enabled = True

    def __init__(self, stage: str, total: int, stream=None, min_interval_s: float = 1.0):
        self.stage, self.total, self.done = stage, total, 0
        self.stream = stream or sys.stderr
        self.started = self.last = time.monotonic()
        self.min_interval_s = min_interval_s
        if self.enabled and total:
            self._print(f"{stage}: {total} to do")

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and (self.done == self.total or now - self.last >= self.min_interval_s):
            self.last = now
            pct = 100 * self.done / self.total if self.total else 100
            self._print(f"{self.stage}: {self.done}/{self.total} ({pct:.0f} %, {now - self.started:.1f} s)")

    def _print(self, line: str) -> None:
        print(f"[plantrack] {line}", file=self.stream, flush=True)


def say(line: str) -> None:
    if Progress.enabled:
        print(f"[plantrack] {line}", file=sys.stderr, flush=True)
