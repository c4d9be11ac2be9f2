"""Benchmark: a synthetic corpus generator (`generate`), the runner (`run`) and its table (`report`)."""
