"""Benchmark sigmoidlab's logistic functions against scipy.special.expit.

Run with `make bench`. For float64 and float32 inputs of 10**7 values (seeded, spread over
[-40, 40] so both branches and both tails are exercised) it prints, per function:

* the median time per element over several interleaved runs (same process, same data, so
  ratios are fair even on a noisy machine);
* the ratio to expit's median time measured in the same run;
* the peak extra memory during one call (tracemalloc, which sees NumPy's allocations), as a
  multiple of the input array's size. The result array itself counts: 1.0x is the minimum
  for a function that returns a new array.

Targets (issue 5): float64 <= 1.3x expit, float32 <= 1.1x, peak extra memory <= 2.3x input.
Exit status 1 if a target is missed, so the script can gate a release.
"""

from __future__ import annotations

import argparse
import functools
import platform
import statistics
import time

import numpy as np
import scipy
import scipy.special

import sigmoidlab
from sigmoidlab import sigmoid
from sigmoidlab.timing import peak_memory

TARGETS = {np.float64: 1.3, np.float32: 1.1}
MEMORY_TARGET = 2.3


def median_times(funcs: dict, x: np.ndarray, repeats: int) -> dict[str, float]:
    for f in funcs.values():  # warm up: page in the output memory, load code
        f(x)
    samples: dict[str, list[float]] = {name: [] for name in funcs}
    for _ in range(repeats):
        for name, f in funcs.items():  # interleaved, so drifts hit every function alike
            start = time.perf_counter()
            f(x)
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(v) for name, v in samples.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10**7, help="values per array")
    parser.add_argument("--repeats", type=int, default=9, help="timed runs per function")
    args = parser.parse_args()

    print(
        f"sigmoidlab {sigmoidlab.__version__}, NumPy {np.__version__}, "
        f"SciPy {scipy.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {_cpu()}"
    )
    print(f"n = {args.n:,} values in [-40, 40], median of {args.repeats} interleaved runs\n")
    header = f"{'dtype':8s} {'function':34s} {'ns/elem':>8s} {'vs expit':>9s} {'peak mem':>9s}"
    print(header)
    print("-" * len(header))
    ok = True
    rng = np.random.default_rng(2026)
    for dtype in (np.float64, np.float32):
        x = rng.uniform(-40, 40, args.n).astype(dtype)
        out = np.empty_like(x)
        funcs = {
            "scipy.special.expit": scipy.special.expit,
            "sigmoidlab.sigmoid": sigmoid,
            "sigmoidlab.sigmoid(out=)": functools.partial(sigmoid, out=out),
            "naive 1/(1+exp(-x))": _naive,
        }
        times = median_times(funcs, x, args.repeats)
        for name, t in times.items():
            mem = peak_memory(funcs[name], x) / x.nbytes
            ratio = t / times["scipy.special.expit"]
            print(
                f"{np.dtype(dtype).name:8s} {name:34s} {t / x.size * 1e9:8.2f} "
                f"{ratio:8.2f}x {mem:8.2f}x"
            )
            if name == "sigmoidlab.sigmoid":
                ok &= ratio <= TARGETS[dtype] and mem <= MEMORY_TARGET
        print()
    print("targets: float64 <= 1.3x expit, float32 <= 1.1x expit, peak memory <= 2.3x input")
    print("result:", "all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


def _naive(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    raise SystemExit(main())
