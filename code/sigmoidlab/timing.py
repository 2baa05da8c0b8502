"""Timing and memory helpers for the measurements in chapter 8, the appendix and `make bench`.

Timings depend on the machine, so the cells that print them are tagged
``nbval-ignore-output`` and assert only orderings with wide margins. For the package's own
performance targets see ``code/benchmarks/bench_sigmoid.py`` (``make bench``).
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from ._checks import positive_int

__all__ = ["best_time", "ns_per_element", "peak_memory"]


def _callable(func: Any) -> None:
    if not callable(func):
        raise TypeError(f"func must be callable, got {type(func).__name__}")


def best_time(func: Callable[..., Any], *args: Any, repeats: int = 5) -> float:
    """Fastest of ``repeats`` calls of ``func(*args)``, in seconds, after one warm-up call.

    The minimum, not the mean: it is the run least disturbed by the rest of the machine.
    ``repeats`` is an integer, at least 1.
    """
    _callable(func)
    repeats = positive_int(repeats, "repeats")
    func(*args)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def ns_per_element(func: Callable[..., Any], x: Any, repeats: int = 5) -> float:
    """:func:`best_time` of ``func(x)`` divided by ``len(x)``, in nanoseconds.

    ``x`` must have a length of at least 1 (a list or an array, not a scalar).
    """
    try:
        n = len(x)
    except TypeError as exc:
        raise TypeError(
            f"x must have a length (a list or an array), got {type(x).__name__}"
        ) from exc
    if n == 0:  # the division below would be by zero
        raise ValueError("x is empty: there is no time per element to measure")
    return best_time(func, x, repeats=repeats) / n * 1e9


def peak_memory(func: Callable[..., Any], *args: Any) -> int:
    """Peak extra bytes allocated while ``func(*args)`` runs, its result included.

    Uses :mod:`tracemalloc`, which sees NumPy's array allocations. Unlike time, this is
    the same on every machine, so chapter 8 asserts it.

    A caller's own tracemalloc session is left running (its peak is reset, as measuring
    needs), and tracing started here is stopped even if ``func`` raises.
    """
    _callable(func)
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        result = func(*args)
        peak = tracemalloc.get_traced_memory()[1] - base
        del result
    finally:
        if not was_tracing:  # stop only what this call started
            tracemalloc.stop()
    return peak
