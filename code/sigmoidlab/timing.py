"""Timing helpers for the chapters' speed measurements (chapter 5 and the appendix).

Timings depend on the machine, so the cells that print them are tagged
``nbval-ignore-output`` and assert only orderings with wide margins. For the package's own
performance targets see ``code/benchmarks/bench_sigmoid.py`` (``make bench``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

__all__ = ["best_time", "ns_per_element"]


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
