"""Timing and memory helpers for the measurements in chapter 5, the appendix and `make bench`.

Timings depend on the machine, so the cells that print them are tagged
``nbval-ignore-output`` and assert only orderings with wide margins. For the package's own
performance targets see ``code/benchmarks/bench_sigmoid.py`` (``make bench``).
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from typing import Any

__all__ = ["best_time", "ns_per_element", "peak_memory"]


def best_time(func: Callable[..., Any], *args: Any, repeats: int = 5) -> float:
    """Fastest of ``repeats`` calls of ``func(*args)``, in seconds, after one warm-up call.

    The minimum, not the mean: it is the run least disturbed by the rest of the machine.
    """
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1, got {repeats}")
    func(*args)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def ns_per_element(func: Callable[..., Any], x: Any, repeats: int = 5) -> float:
    """:func:`best_time` of ``func(x)`` divided by ``len(x)``, in nanoseconds."""
    return best_time(func, x, repeats=repeats) / len(x) * 1e9


def peak_memory(func: Callable[..., Any], *args: Any) -> int:
    """Peak extra bytes allocated while ``func(*args)`` runs, its result included.

    Uses :mod:`tracemalloc`, which sees NumPy's array allocations. Unlike time, this is
    the same on every machine, so chapter 5 asserts it.
    """
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    result = func(*args)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    del result
    return peak
