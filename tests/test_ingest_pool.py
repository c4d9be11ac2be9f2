"""The reading and extraction pool: results in input order, failures as values, few tasks queued at once."""

from __future__ import annotations

from concurrent.futures import Future

from plantrack import ingest


def _square_or_fail(n: int) -> int:
    if n % 7 == 3:
        raise ValueError(f"bad {n}")
    return n * n


def test_every_item_comes_back_in_order_with_its_result_or_its_error():
    out = list(ingest._run_pool(_square_or_fail, list(range(40)), lambda n: (n,), timeout_s=30, workers=2,
                                progress=None))
    assert [item for item, _ in out] == list(range(40))
    for n, result in out:
        assert (isinstance(result, ValueError) if n % 7 == 3 else result == n * n)


class _CountingPool:
    """Runs tasks at once, counting how many were scheduled and not yet collected."""

    most = 0
    waiting = 0

    def __init__(self, max_workers: int) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def schedule(self, fn, args, timeout):
        fut = Future()
        fut.set_result(fn(*args))
        _CountingPool.waiting += 1
        _CountingPool.most = max(_CountingPool.most, _CountingPool.waiting)
        original = fut.result

        def collect(*a, **k):
            _CountingPool.waiting -= 1
            return original(*a, **k)

        fut.result = collect
        return fut


def test_only_a_few_tasks_per_worker_wait_in_the_queue_however_many_documents(monkeypatch):
    """Each queued task holds its arguments (a whole Document for extraction) pickled: 5,000 at once
    held every text twice."""
    monkeypatch.setattr(ingest, "ProcessPool", _CountingPool)
    out = list(ingest._run_pool(lambda n: n, list(range(1000)), lambda n: (n,), timeout_s=30, workers=2,
                                progress=None))
    assert len(out) == 1000
    assert _CountingPool.most <= 2 * ingest.IN_FLIGHT_PER_WORKER + 1
