"""Place sigmoidlab.sigmoid on a roofline made of a memory copy and one np.exp pass.

Run with `make bench`. For float64 and float32 inputs of 10**7 values (seeded, spread over
[-40, 40] so both branches and both tails are exercised) it prints the nanoseconds per
element of

* a copy (``x.copy()``): reading and writing each value once, the floor set by memory;
* one ``np.exp`` pass (``np.exp(x)``): the floor for anything that computes an exponential
  with NumPy;
* ``sigmoidlab.sigmoid(x)`` and ``scipy.special.expit(x)``;

each call allocating its result, as a user calls it. Times are the fastest of several
interleaved rounds (same process, same data: a slow spell of a shared machine hits every
function alike, and the minimum is the least disturbed run). It also prints the peak extra
memory of one ``sigmoid`` call as a multiple of the input's size (tracemalloc; the result
itself counts, so 1.0x is the minimum for a function that returns a new array).

Goals (issue 17): sigmoid <= 2x one np.exp pass and <= 1x expit, float64 and float32, on CPUs
with and without AVX-512; peak extra memory <= 2.3x the input (issue 5). NumPy has a SIMD
float64 exp loop only for AVX-512, so where NumPy can use AVX-512 the script measures a
second time in a subprocess with those loops switched off (NPY_DISABLE_CPU_FEATURES), which
is what NumPy does on a CPU with AVX2 only. Exit status 1 if a goal is missed.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys

import numpy as np
import scipy
import scipy.special

import sigmoidlab
from sigmoidlab import sigmoid
from sigmoidlab.kernels.timing import interleaved_ns_per_element, peak_memory

EXP_GOAL = 2.0  # sigmoid / np.exp
EXPIT_GOAL = 1.0  # sigmoid / expit
MEMORY_GOAL = 2.3  # peak extra memory / input size


def avx512_targets() -> list[str]:
    """NumPy's AVX-512 dispatch targets, if this CPU has AVX-512 (else empty)."""
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

    if not __cpu_features__.get("AVX512F"):
        return []
    return [t for t in __cpu_dispatch__ if t.startswith("AVX512") or t == "X86_V4"]


def measure(n: int, repeats: int, label: str) -> bool:
    """Print one table for this process's CPU code paths; return whether every goal holds."""
    header = (
        f"{'dtype':8s} {'copy':>6s} {'np.exp':>7s} {'sigmoid':>8s} {'expit':>6s}"
        f" {'sig/exp':>8s} {'sig/expit':>10s} {'peak mem':>9s}"
    )
    print(f"{label}: ns per element, fastest of {repeats} interleaved rounds, n = {n:,}")
    print(header)
    print("-" * len(header))
    ok = True
    verdicts = []
    rng = np.random.default_rng(2026)
    for dtype in (np.float64, np.float32):
        x = rng.uniform(-40, 40, n).astype(dtype)
        funcs = {
            "copy": np.copy,
            "np.exp": np.exp,
            "sigmoid": sigmoid,
            "expit": scipy.special.expit,
        }
        t = interleaved_ns_per_element(funcs, x, repeats=repeats)
        over_exp = t["sigmoid"] / t["np.exp"]
        over_expit = t["sigmoid"] / t["expit"]
        mem = peak_memory(sigmoid, x) / x.nbytes
        name = np.dtype(dtype).name
        print(
            f"{name:8s} {t['copy']:6.2f} {t['np.exp']:7.2f} {t['sigmoid']:8.2f}"
            f" {t['expit']:6.2f} {over_exp:7.2f}x {over_expit:9.2f}x {mem:8.2f}x"
        )
        for what, ratio, goal in (
            ("sigmoid / np.exp", over_exp, EXP_GOAL),
            ("sigmoid / expit", over_expit, EXPIT_GOAL),
            ("peak memory / input", mem, MEMORY_GOAL),
        ):
            holds = ratio <= goal
            ok &= holds
            verdicts.append(
                f"  {name} {what} = {ratio:.2f} <= {goal}: {'holds' if holds else 'MISSED'}"
            )
    print("goals:")
    print("\n".join(verdicts))
    print()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10**7, help="values per array")
    parser.add_argument("--repeats", type=int, default=7, help="timed rounds")
    parser.add_argument("--native-only", action="store_true", help="skip the run without AVX-512")
    parser.add_argument("--label", default="", help=argparse.SUPPRESS)  # set for the child
    args = parser.parse_args()

    if args.label:  # the child run: one table, then report through the exit status
        return 0 if measure(args.n, args.repeats, args.label) else 1

    print(
        f"sigmoidlab {sigmoidlab.__version__}, NumPy {np.__version__}, "
        f"SciPy {scipy.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {_cpu()}\n"
        "Timings on a shared machine are noisy: run it twice before trusting a verdict.\n"
    )
    targets = avx512_targets()
    native = "this CPU, NumPy with AVX-512" if targets else "this CPU (no AVX-512 in NumPy)"
    ok = measure(args.n, args.repeats, native)
    if targets and not args.native_only:
        sys.stdout.flush()
        env = dict(os.environ, NPY_DISABLE_CPU_FEATURES=" ".join(targets))
        child = subprocess.run(
            [sys.executable, __file__, "-n", str(args.n), "--repeats", str(args.repeats),
             "--label", "the same CPU, NumPy's AVX-512 loops off (as on an AVX2-only CPU)"],
            env=env,
            check=False,
        )  # fmt: skip
        ok &= child.returncode == 0
    print("result:", "every goal holds" if ok else "A GOAL IS MISSED (see above)")
    return 0 if ok else 1


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
