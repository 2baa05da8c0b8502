"""Run strict nbval on every chapter under several CPU code paths (`make portability`).

The committed outputs must not depend on which SIMD or BLAS kernels a reader's CPU happens to
pick. This machine can imitate other CPUs in two ways, and each setting below re-runs every
notebook with one of them:

* ``OPENBLAS_CORETYPE``: OpenBLAS (bundled with NumPy and SciPy, built with DYNAMIC_ARCH) uses
  the matrix kernels of the named CPU: Haswell (AVX2), SkylakeX (AVX-512) or Prescott (SSE3).
* ``NPY_DISABLE_CPU_FEATURES``: NumPy skips its AVX-512 loops (exp, tanh, ...), as on a CPU
  without AVX-512. A CPU that lacks them anyway runs its ordinary code: the table says so.

Writes ``_build/test-reports/portability/<setting>.xml`` (JUnit) and ``portability.md`` (the
table), prints the table, and exits 1 if any setting had a failure.

Usage: python tools/portability.py [NOTEBOOK ...]   (default: book/)
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from summary import junit_counts  # tools/summary.py: the same counting as make test's summary

KNOBS = ("OPENBLAS_CORETYPE", "NPY_DISABLE_CPU_FEATURES")
ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "_build" / "test-reports"


def avx512_features() -> list[str]:
    """NumPy's dispatch targets that need AVX-512 (names differ between NumPy versions)."""
    from numpy._core._multiarray_umath import __cpu_dispatch__

    return [f for f in __cpu_dispatch__ if f.startswith("AVX512") or f == "X86_V4"]


def cpu_has_avx512() -> bool:
    from numpy._core._multiarray_umath import __cpu_features__

    return any(__cpu_features__.get(f) for f in avx512_features())


def settings() -> dict[str, dict[str, str]]:
    return {
        "OpenBLAS Haswell (AVX2)": {"OPENBLAS_CORETYPE": "Haswell"},
        "OpenBLAS SkylakeX (AVX-512)": {"OPENBLAS_CORETYPE": "SkylakeX"},
        "OpenBLAS Prescott (SSE3)": {"OPENBLAS_CORETYPE": "Prescott"},
        "NumPy without AVX-512": {"NPY_DISABLE_CPU_FEATURES": " ".join(avx512_features())},
    }


def main(targets: list[str]) -> int:
    out = REPORTS / "portability"
    out.mkdir(parents=True, exist_ok=True)
    rows, ok = [], True
    for name, env_vars in settings().items():
        env = {k: v for k, v in os.environ.items() if k not in KNOBS}
        env.update(env_vars)
        slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")
        xml = out / f"{slug}.xml"
        print(f"\n--- {name}: {' '.join(f'{k}={v!r}' for k, v in env_vars.items())}", flush=True)
        start = time.perf_counter()
        code = subprocess.call(
            [
                sys.executable,
                "-m",
                "pytest",
                "--nbval",
                *(targets or ["book"]),
                "-q",
                "-p",
                "no:cacheprovider",
                f"--junitxml={xml}",
            ],
            cwd=ROOT,
            env=env,
        )
        seconds = time.perf_counter() - start
        c = (
            junit_counts([xml])
            if xml.exists()
            else {"tests": 0, "failures": 0, "errors": 1, "skipped": 0}
        )
        failed = c["failures"] + c["errors"]
        passed = c["tests"] - failed - c["skipped"]
        environment = " ".join(f"{k}={v}" for k, v in env_vars.items())
        rows.append(
            f"| {name} | `{environment}` | {passed} | {failed} | {c['skipped']} | {seconds:.0f} s |"
        )
        ok = ok and code == 0 and failed == 0 and passed > 0
    note = "" if cpu_has_avx512() else " (no AVX-512 on this CPU: two rows ran its ordinary code)"
    lines = [
        f"Strict nbval under four CPU code paths{note}:",
        "",
        "| setting | environment | passed | failed | skipped | time |",
        "|---|---|---:|---:|---:|---:|",
        *rows,
    ]
    table = "\n".join(lines)
    (REPORTS / "portability.md").write_text(table + "\n")
    print("\n" + table)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
