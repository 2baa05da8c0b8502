"""Timing and memory helpers for the measurements in chapter 8, the appendix and `make bench`.

Timings depend on the machine, so the cells that print them are tagged
``nbval-ignore-output`` and assert only orderings with wide margins. For the package's own
performance targets see ``code/benchmarks/bench_sigmoid.py`` (``make bench``).
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Mapping
from typing import Any

from sigmoidlab._checks import positive_int

__all__ = ["best_time", "interleaved_ns_per_element", "ns_per_element", "peak_memory"]


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
    n = _length(x)
    return best_time(func, x, repeats=repeats) / n * 1e9


def _length(x: Any) -> int:
    try:
        n = len(x)
    except TypeError as exc:
        raise TypeError(
            f"x must have a length (a list or an array), got {type(x).__name__}"
        ) from exc
    if n == 0:  # the division by it would be by zero
        raise ValueError("x is empty: there is no time per element to measure")
    return n


def interleaved_ns_per_element(
    funcs: Mapping[str, Callable[..., Any]], x: Any, repeats: int = 5
) -> dict[str, float]:
    """Nanoseconds per element of each ``func(x)``, timed in interleaved rounds.

    Every function is called once to warm up (page in its output, load its code); then, in
    each of ``repeats`` rounds, each function is timed once, in the order given, so that a
    slow spell of the machine hits all of them alike. The result maps each name to its
    fastest call divided by ``len(x)``: the minimum, as in :func:`best_time`, is the run
    least disturbed by the rest of the machine. Used by chapter 8 and ``make bench``.
    """
    if not isinstance(funcs, Mapping) or not funcs:
        raise TypeError("funcs must be a non-empty mapping from names to callables")
    for func in funcs.values():
        _callable(func)
    repeats = positive_int(repeats, "repeats")
    n = _length(x)
    for func in funcs.values():
        func(x)
    best = dict.fromkeys(funcs, float("inf"))
    for _ in range(repeats):
        for name, func in funcs.items():
            start = time.perf_counter()
            func(x)
            best[name] = min(best[name], time.perf_counter() - start)
    return {name: t / n * 1e9 for name, t in best.items()}


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
