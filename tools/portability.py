"""Run strict nbval on every chapter under several CPU code paths (`make portability`).

The committed outputs must not depend on which SIMD or BLAS kernels a reader's CPU happens to
pick. A machine can imitate other CPUs in two ways, and each setting below re-runs every
notebook with one of them:

* ``OPENBLAS_CORETYPE``: OpenBLAS (bundled with NumPy and SciPy, built with DYNAMIC_ARCH) uses
  the matrix kernels of the named CPU instead of its own.
* ``NPY_DISABLE_CPU_FEATURES``: NumPy skips some of its dispatched SIMD loops (exp, tanh, ...).

A setting can only imitate a CPU that is no newer than this one: OpenBLAS's AVX-512 kernels die
with SIGILL ("illegal instruction") on a CPU without AVX-512, and x86 kernel names mean nothing
on arm64. So each setting runs only where

1. the machine's architecture is the setting's (x86-64 or arm64),
2. NumPy reports every CPU feature the setting needs, and
3. a probe (a small matrix product and NumPy's exp and tanh loops, in a subprocess under the
   setting's environment) runs to the end and OpenBLAS reports the requested kernel.

Otherwise the table says "not run" and why; that is not a failure, because what this CPU cannot
imitate is checked on CPUs that have it (README, "CPUs the outputs are checked on"). A probe
that fails for any other reason is a failure. Each nbval run inherits the fail-fast guard of
conftest.py (a dead kernel fails at once, a hung cell within ``execute.timeout``), and the whole
run of one setting is stopped after RUN_LIMIT_SECONDS as a last resort.

Writes ``_build/test-reports/portability/<setting>.xml`` (JUnit) and ``portability.md`` (the
table), prints the table, and exits 1 if any setting that ran had a failure.

Usage: python tools/portability.py [--reports DIR] [NOTEBOOK ...]   (default: book/)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from summary import junit_counts  # tools/summary.py: the same counting as make test's summary

KNOBS = ("OPENBLAS_CORETYPE", "NPY_DISABLE_CPU_FEATURES")
ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "_build" / "test-reports"
PROBE_LIMIT_SECONDS = 120  # the probe takes about a second; an import on a cold disk, more
# One setting's nbval run takes about 30 s here; a run still going after 20 minutes is hung
# in a way the per-cell timeout did not catch, and is stopped rather than waited for.
RUN_LIMIT_SECONDS = 20 * 60

# Touches both OpenBLAS libraries (NumPy's and SciPy's) and NumPy's dispatched loops, then
# prints the kernel each OpenBLAS says it runs.
PROBE = """
import argparse
import json
import numpy as np
import scipy.linalg
from threadpoolctl import threadpool_info

a = np.random.default_rng(0).random((96, 96))
b = a @ a
c = scipy.linalg.blas.dgemm(1.0, a, a)
assert np.allclose(b, c)
np.exp(a).sum(), np.tanh(a.astype(np.float32)).sum()
print(json.dumps([i.get("architecture") for i in threadpool_info()
                  if i.get("internal_api") == "openblas"]))
"""


def machine() -> str:
    """'x86_64' or 'arm64' (Linux says aarch64, macOS arm64), or whatever else the OS says."""
    name = platform.machine().lower()
    return {"amd64": "x86_64", "aarch64": "arm64"}.get(name, name)


def numpy_cpu_features() -> dict[str, bool]:
    from numpy._core._multiarray_umath import __cpu_features__

    return dict(__cpu_features__)


def numpy_dispatch_targets() -> list[str]:
    """The SIMD targets NumPy was built to dispatch to at run time (names vary by version)."""
    from numpy._core._multiarray_umath import __cpu_dispatch__

    return list(__cpu_dispatch__)


def avx512_targets(dispatch: list[str]) -> list[str]:
    return [f for f in dispatch if f.startswith("AVX512") or f == "X86_V4"]


@dataclass(frozen=True)
class Setting:
    name: str
    env: dict[str, str]
    arch: str  # "x86_64" or "arm64": where the setting means anything
    needs: tuple[str, ...] = ()  # NumPy's names of the CPU features it needs
    needs_words: str = ""  # the same, for a reader: "AVX-512"
    # Why running it would add nothing on a CPU that lacks `needs`, when that is the case
    # (a setting that switches something off is already the default where it is absent).
    if_lacking: str = ""
    # The names OpenBLAS may report for the forced kernel set (empty: OpenBLAS is not forced).
    openblas_kernels: tuple[str, ...] = ()


def settings(dispatch: list[str], features: Mapping[str, bool]) -> list[Setting]:
    """Every setting; `dispatch` and `features` say which NumPy loops there are to switch off."""
    dispatch = [f for f in dispatch if features.get(f)]  # only what this CPU would use
    avx512 = avx512_targets(dispatch)
    avx512_words = ("AVX512F", "AVX512CD", "AVX512BW", "AVX512DQ", "AVX512VL")
    return [
        Setting(
            "OpenBLAS Haswell (AVX2)",
            {"OPENBLAS_CORETYPE": "Haswell"},
            "x86_64",
            ("AVX2", "FMA3"),
            "AVX2 and FMA",
            openblas_kernels=("Haswell",),
        ),
        Setting(
            "OpenBLAS SkylakeX (AVX-512)",
            {"OPENBLAS_CORETYPE": "SkylakeX"},
            "x86_64",
            avx512_words,
            "AVX-512",
            openblas_kernels=("SkylakeX",),
        ),
        Setting(
            "OpenBLAS Prescott (SSE3)",
            {"OPENBLAS_CORETYPE": "Prescott"},
            "x86_64",
            ("SSE3",),
            "SSE3",
            # NumPy's and SciPy's OpenBLAS report their SSE3 kernel set by its oldest name.
            openblas_kernels=("Prescott", "Katmai"),
        ),
        Setting(
            "NumPy without AVX-512",
            {"NPY_DISABLE_CPU_FEATURES": " ".join(avx512)},
            "x86_64",
            ("AVX512F",),
            "AVX-512",
            if_lacking="NumPy's AVX-512 loops are off on this CPU anyway, so the nbval step "
            "already ran this path",
        ),
        Setting(
            "OpenBLAS ARMv8 (generic NEON)",
            {"OPENBLAS_CORETYPE": "ARMV8"},
            "arm64",
            ("ASIMD",),
            "NEON (ASIMD)",
            openblas_kernels=("ARMV8",),
        ),
        # NumPy's loops for its build's minimum CPU (SSE4.2 on x86-64, NEON on arm64): the
        # exp and tanh of a CPU without AVX2, and close to those of an arm64 machine.
        Setting(
            "NumPy baseline loops only",
            {"NPY_DISABLE_CPU_FEATURES": " ".join(dispatch)},
            "any",
        ),
    ]


@dataclass(frozen=True)
class ProbeResult:
    returncode: int | None  # None: still running at the limit
    kernels: list[str]  # the kernel each OpenBLAS reports running
    output: str


def probe(env: Mapping[str, str], code: str = PROBE) -> ProbeResult:
    """Run `code` in a fresh Python under `env`; a crash is a result, never an exception."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            env=dict(env),
            capture_output=True,
            text=True,
            timeout=PROBE_LIMIT_SECONDS,
        )
    except subprocess.TimeoutExpired as hung:
        return ProbeResult(None, [], str(hung.stdout or ""))
    kernels: list[str] = []
    if done.returncode == 0 and done.stdout.strip():
        kernels = json.loads(done.stdout.strip().splitlines()[-1])
    return ProbeResult(done.returncode, kernels, done.stdout + done.stderr)


def describe_signal(returncode: int) -> str:
    sig = signal.Signals(-returncode)
    return f"{sig.name} ({signal.strsignal(sig) or 'signal'})"


@dataclass(frozen=True)
class Decision:
    run: bool
    reason: str = ""  # why not run (run=False), or why it fails before running (failed=True)
    failed: bool = False


def decide(
    setting: Setting,
    arch: str,
    features: Mapping[str, bool],
    env: Mapping[str, str],
    run_probe: Callable[[Mapping[str, str]], ProbeResult] = probe,
) -> Decision:
    """Whether this CPU can run `setting`, and if not, the reason the table gives."""
    if setting.arch not in ("any", arch):
        return Decision(False, f"not run: {setting.arch} kernels; this CPU is {arch}")
    missing = [f for f in setting.needs if not features.get(f)]
    if missing:
        why = f"not run: this CPU lacks {setting.needs_words} ({' '.join(missing)})"
        return Decision(False, f"{why}: {setting.if_lacking}" if setting.if_lacking else why)
    if any(value == "" for value in setting.env.values()):
        return Decision(
            False,
            "not run: this CPU uses no NumPy loop beyond the baseline, so "
            "the nbval step already ran this path",
        )
    result = run_probe(env)
    if result.returncode is None:
        return Decision(False, f"probe still running after {PROBE_LIMIT_SECONDS} s", True)
    if result.returncode < 0:
        sig = describe_signal(result.returncode)
        return Decision(False, f"not run: the probe was killed by {sig}; this CPU cannot run it")
    if result.returncode > 0:
        last = result.output.strip().splitlines()[-1:] or ["no output"]
        return Decision(False, f"probe failed (exit {result.returncode}): {last[0]}", True)
    if setting.openblas_kernels and not result.kernels:
        # e.g. NumPy and SciPy wheels for macOS on Apple silicon, built with Accelerate
        return Decision(False, "not run: neither NumPy nor SciPy uses OpenBLAS here")
    accepted = {k.lower() for k in setting.openblas_kernels}
    wrong = sorted({str(k) for k in result.kernels if str(k).lower() not in accepted})
    if setting.openblas_kernels and wrong:
        return Decision(
            False,
            f"not run: OpenBLAS has no {setting.openblas_kernels[0]} kernels here and runs "
            f"{', '.join(wrong)} instead",
        )
    return Decision(True)


def clean_env(setting: Setting) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in KNOBS}
    env.update(setting.env)
    return env


def run_nbval(targets: list[str], env: dict[str, str], xml: Path) -> tuple[int, str]:
    """Strict nbval under `env`; returns the exit code and, if it was stopped, why."""
    command = [sys.executable, "-m", "pytest", "--nbval", *(targets or ["book"]), "-q"]
    command += ["-p", "no:cacheprovider", f"--junitxml={xml}"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    try:
        return process.wait(timeout=RUN_LIMIT_SECONDS), ""
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # pytest and its kernels
        process.wait()
        return 1, f"stopped after {RUN_LIMIT_SECONDS} s"


def main(targets: list[str], reports: Path = REPORTS) -> int:
    out = reports / "portability"
    out.mkdir(parents=True, exist_ok=True)
    arch, features = machine(), numpy_cpu_features()
    rows, skipped, ok = [], [], True
    for setting in settings(numpy_dispatch_targets(), features):
        env = clean_env(setting)
        environment = " ".join(f"{k}={v}" for k, v in setting.env.items())
        decision = decide(setting, arch, features, env)
        print(f"\n--- {setting.name}: {environment}", flush=True)
        if not decision.run:
            print(f"    {decision.reason}", flush=True)
            mark = "**FAILED**: " if decision.failed else ""
            rows.append(f"| {setting.name} | `{environment}` | {mark}{decision.reason} | | | | |")
            skipped.append(setting.name)
            ok = ok and not decision.failed
            continue
        slug = "".join(c if c.isalnum() else "-" for c in setting.name.lower()).strip("-")
        xml = out / f"{slug}.xml"
        xml.unlink(missing_ok=True)
        start = time.perf_counter()
        code, stopped = run_nbval(targets, env, xml)
        seconds = time.perf_counter() - start
        c = junit_counts([xml]) if xml.exists() else {"tests": 0, "failures": 0, "errors": 1}
        failed = c["failures"] + c["errors"]
        passed = c["tests"] - failed - c.get("skipped", 0)
        good = code == 0 and failed == 0 and passed > 0
        result = "ran" if good else f"**FAILED** {stopped}".rstrip()
        rows.append(
            f"| {setting.name} | `{environment}` | {result} | {passed} | {failed} | "
            f"{c.get('skipped', 0)} | {seconds:.0f} s |"
        )
        ok = ok and good
    cpu = f"{arch}, NumPy sees: " + " ".join(
        f for f in ("SSE3", "AVX2", "FMA3", "AVX512F", "ASIMD", "SVE") if features.get(f)
    )
    lines = [
        f"Strict nbval under other CPU code paths on this machine ({cpu}):",
        "",
        "| setting | environment | result | passed | failed | skipped | time |",
        "|---|---|---|---:|---:|---:|---:|",
        *rows,
        "",
        f"Not run here: {', '.join(skipped)}." if skipped else "Every setting ran here.",
    ]
    table = "\n".join(lines)
    (reports / "portability.md").write_text(table + "\n")
    print("\n" + table)
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks or folders (default: book)")
    parser.add_argument("--reports", type=Path, default=REPORTS, help="where the reports go")
    args = parser.parse_args()
    sys.exit(main(args.notebooks, args.reports.resolve()))
