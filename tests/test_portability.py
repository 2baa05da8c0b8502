"""Which portability settings run on which CPU (tools/portability.py), without running nbval.

A CPU is described by what NumPy reports (`__cpu_features__`), so these tests can stand for
machines the suite is not on: an AVX2-only x86-64 laptop or server, an arm64 Mac or Graviton.
The probe is faked where a test needs it to crash; the real probe is run once on this machine.
"""

import signal
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import portability as pt

X86_DISPATCH = ["X86_V3", "X86_V4", "AVX512_ICL", "AVX512_SPR"]  # NumPy 2.4 on x86-64
ARM_DISPATCH = ["ASIMDHP", "ASIMDDP", "ASIMDFHM", "SVE"]
AVX2_ONLY = {"SSE3": True, "X86_V2": True, "AVX2": True, "FMA3": True, "X86_V3": True}
AVX512 = {
    **AVX2_ONLY,
    **dict.fromkeys(["AVX512F", "AVX512CD", "AVX512BW", "AVX512DQ", "AVX512VL", "X86_V4"], True),
    "AVX512_ICL": True,
}
GRAVITON2 = {"ASIMD": True, "ASIMDHP": True, "ASIMDDP": True}


def probe_ok(kernels):
    return lambda env: pt.ProbeResult(0, kernels, "")


def plan(arch, features, dispatch, run_probe):
    """Setting name -> decision, as main() would take them on that CPU."""
    return {
        s.name: pt.decide(s, arch, features, s.env, run_probe)
        for s in pt.settings(dispatch, features)
    }


def forced_kernel(env):
    """A probe that reports the kernel OPENBLAS_CORETYPE asks for, as OpenBLAS does."""
    return pt.ProbeResult(0, [env.get("OPENBLAS_CORETYPE", "Haswell")] * 2, "")


def test_avx2_only_cpu_skips_avx512_and_says_why():
    probed = []

    def spy(env):
        probed.append(dict(env))
        return forced_kernel(env)

    decisions = plan("x86_64", AVX2_ONLY, X86_DISPATCH, spy)
    skylake = decisions["OpenBLAS SkylakeX (AVX-512)"]
    assert not skylake.run and not skylake.failed
    assert "this CPU lacks AVX-512" in skylake.reason
    no512 = decisions["NumPy without AVX-512"]
    assert not no512.run and "already ran this path" in no512.reason
    assert decisions["OpenBLAS Haswell (AVX2)"].run
    assert decisions["OpenBLAS Prescott (SSE3)"].run
    assert decisions["NumPy baseline loops only"].run
    assert "this CPU is x86_64" in decisions["OpenBLAS ARMv8 (generic NEON)"].reason
    # the AVX-512 kernels are never even probed on such a CPU (the probe would die of SIGILL)
    assert all(env.get("OPENBLAS_CORETYPE") != "SkylakeX" for env in probed)
    # the baseline setting switches off only what the CPU has: AVX2's loops, not AVX-512's
    baseline = next(s for s in pt.settings(X86_DISPATCH, AVX2_ONLY) if "baseline" in s.name)
    assert baseline.env == {"NPY_DISABLE_CPU_FEATURES": "X86_V3"}


def test_avx512_cpu_runs_every_x86_setting():
    decisions = plan("x86_64", AVX512, X86_DISPATCH, forced_kernel)
    ran = {name for name, d in decisions.items() if d.run}
    assert ran == {
        "OpenBLAS Haswell (AVX2)",
        "OpenBLAS SkylakeX (AVX-512)",
        "OpenBLAS Prescott (SSE3)",
        "NumPy without AVX-512",
        "NumPy baseline loops only",
    }
    no512 = next(s for s in pt.settings(X86_DISPATCH, AVX512) if s.name.endswith("AVX-512"))
    assert no512.env == {"NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL"}  # no SPR on this CPU


def test_arm64_runs_what_applies_and_names_what_it_skipped():
    decisions = plan("arm64", GRAVITON2, ARM_DISPATCH, forced_kernel)
    for name in ("Haswell (AVX2)", "SkylakeX (AVX-512)", "Prescott (SSE3)"):
        d = decisions[f"OpenBLAS {name}"]
        assert not d.run and not d.failed and "x86_64 kernels; this CPU is arm64" in d.reason
    assert not decisions["NumPy without AVX-512"].run
    assert decisions["OpenBLAS ARMv8 (generic NEON)"].run
    assert decisions["NumPy baseline loops only"].run


def test_a_probe_killed_by_sigill_means_not_run_not_a_hang():
    died = lambda env: pt.ProbeResult(-signal.SIGILL, [], "")  # noqa: E731
    decisions = plan("x86_64", AVX512, X86_DISPATCH, died)
    d = decisions["OpenBLAS SkylakeX (AVX-512)"]
    assert not d.run and not d.failed and "SIGILL" in d.reason


def test_a_probe_that_fails_otherwise_is_a_failure():
    broken = lambda env: pt.ProbeResult(1, [], "ImportError: no module named scipy")  # noqa: E731
    d = plan("x86_64", AVX512, X86_DISPATCH, broken)["OpenBLAS Haswell (AVX2)"]
    assert d.failed and "ImportError" in d.reason
    hung = lambda env: pt.ProbeResult(None, [], "")  # noqa: E731
    assert plan("x86_64", AVX512, X86_DISPATCH, hung)["OpenBLAS Haswell (AVX2)"].failed


def test_openblas_ignoring_the_requested_kernel_is_reported():
    # OpenBLAS falls back to its own choice for a kernel it does not have, silently.
    d = plan("x86_64", AVX512, X86_DISPATCH, probe_ok(["Zen", "Zen"]))["OpenBLAS Haswell (AVX2)"]
    assert not d.run and "runs Zen instead" in d.reason
    prescott = plan("x86_64", AVX512, X86_DISPATCH, probe_ok(["Katmai", "Katmai"]))
    assert prescott["OpenBLAS Prescott (SSE3)"].run  # the SSE3 set's reported name


def test_a_machine_without_openblas_skips_the_openblas_settings():
    # NumPy and SciPy on an Apple silicon Mac may use Accelerate: no OpenBLAS to force.
    decisions = plan("arm64", GRAVITON2, ARM_DISPATCH, probe_ok([]))
    armv8 = decisions["OpenBLAS ARMv8 (generic NEON)"]
    assert not armv8.run and not armv8.failed and "uses OpenBLAS" in armv8.reason
    assert decisions["NumPy baseline loops only"].run


def test_real_probe_reports_a_crash_as_a_result():
    code = "import os, resource, signal\n"
    code += "resource.setrlimit(resource.RLIMIT_CORE, (0, 0))\n"
    code += "os.kill(os.getpid(), signal.SIGILL)"
    result = pt.probe({}, code=code)
    assert result.returncode == -signal.SIGILL
    assert "SIGILL" in pt.describe_signal(result.returncode)


@pytest.mark.skipif(pt.machine() != "x86_64", reason="the probe of an x86 kernel needs x86-64")
def test_real_probe_runs_the_haswell_kernels_where_the_cpu_has_avx2():
    features = pt.numpy_cpu_features()
    haswell = pt.settings(pt.numpy_dispatch_targets(), features)[0]
    decision = pt.decide(haswell, pt.machine(), features, pt.clean_env(haswell))
    if features.get("AVX2") and features.get("FMA3"):
        assert decision.run, decision.reason
    else:
        assert not decision.run and "lacks AVX2" in decision.reason
