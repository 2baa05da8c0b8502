"""Hostile inputs for every public function of ``logistic.py`` and ``accuracy.py``.

A table of cases, each with the outcome it must have:

* ``"value"``: the right value (checked against the same function on a clean, contiguous,
  owned float array, and that against an independent float64 formula), right dtype and shape;
* ``"TypeError"`` / ``"ValueError"``: that exception, with a message that names the function
  and the offending argument.

Every case runs with warnings turned into errors and under ``np.errstate(all="raise")``, so
a case that warns fails. Hypothesis then throws arrays of every float dtype (subnormals,
infinities and NaN included) in random layouts at the kernels.

Running this module prints a summary line at the end of pytest's report, for example::

    hostile kernels: 480 cases tried: 260 right value, 200 clear TypeError, 20 clear ValueError
"""

# ruff: noqa: E501  (the case tables read best one case per line)
from __future__ import annotations

import decimal
import fractions
import itertools
import warnings
from collections.abc import Callable
from typing import Any

import mpmath
import numpy as np
import pytest
from hostile import outcomes
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sigmoidlab import log_sigmoid, logit, sigmoid, sigmoid_derivative, sigmoid_second_derivative
from sigmoidlab.kernels._arrays import BLOCK
from sigmoidlab.kernels.ulp import reference, ulp_error

KERNELS = [sigmoid, sigmoid_derivative, sigmoid_second_derivative, log_sigmoid, logit]
ARGNAME = {f: "p" if f is logit else "x" for f in KERNELS}

#: Outcomes of the cases that ran to the end, for the summary line.
OUTCOMES = outcomes("kernels")  # printed at the end of the run (conftest.py)


def _f64_formula(f: Callable, x: np.ndarray) -> np.ndarray:
    """Independent float64 formulas (textbook forms made safe), to check the 'value' cases."""
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(all="ignore"):
        e = np.exp(-np.abs(x))
        d = e / (1 + e) ** 2
        if f is sigmoid:
            return np.where(x >= 0, 1 / (1 + e), e / (1 + e))
        if f is sigmoid_derivative:
            return d
        if f is sigmoid_second_derivative:
            return -d * np.tanh(x / 2)
        if f is log_sigmoid:
            return np.minimum(x, 0) - np.log1p(e)
        near_half = np.abs(x - 0.5) < 0.25  # there 2x - 1 is exact and log1p keeps the digits
        return np.where(near_half, np.log1p((2 * x - 1) / (1 - x)), np.log(x / (1 - x)))


def _strict(call: Callable[[], Any]) -> Any:
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        return call()


def _base() -> np.ndarray:
    # in (0, 1), so that logit is finite too; with 0 and 0.5 exactly
    return np.array([0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1e-300, 0.3])


def _big(order: str = "C") -> np.ndarray:
    rng = np.random.default_rng(1)
    return np.asarray(rng.uniform(0.01, 0.99, (3, BLOCK + 77)), order=order)


def _readonly() -> np.ndarray:
    a = _base()
    a.flags.writeable = False
    return a


# (case id, factory of the input, expected outcome, clean float values it must equal)
INPUT_CASES: list[tuple[str, Callable[[], Any], str]] = [
    ("str", lambda: "0.5", "TypeError"),
    ("None", lambda: None, "TypeError"),
    ("bytes", lambda: b"0.5", "TypeError"),
    ("bytearray", lambda: bytearray(b"1"), "TypeError"),
    ("dict", lambda: {"x": 0.5}, "TypeError"),
    ("set", lambda: {0.5}, "TypeError"),
    ("list-of-str", lambda: ["0.1", "0.2"], "TypeError"),
    ("array-of-str", lambda: np.array(["0.1"]), "TypeError"),
    ("array-of-bytes", lambda: np.array([b"0.1"]), "TypeError"),
    ("ragged-list", lambda: [[0.1, 0.2], [0.3]], "TypeError"),
    ("list-with-None", lambda: [0.1, None], "TypeError"),
    ("complex", lambda: 0.5 + 1j, "TypeError"),
    ("complex-zero-imag", lambda: np.complex128(0.5), "TypeError"),
    ("complex-array", lambda: np.array([0.5, 0.2], dtype=np.complex64), "TypeError"),
    ("object-array", lambda: np.array([0.1, 0.2], dtype=object), "TypeError"),
    ("object-array-of-ints", lambda: np.array([1, 2**80], dtype=object), "TypeError"),
    ("datetime64", lambda: np.datetime64("2026-01-01"), "TypeError"),
    ("datetime64-array", lambda: np.array(["2026-01-01"], dtype="datetime64[D]"), "TypeError"),
    ("timedelta64", lambda: np.array([1, 2], dtype="timedelta64[s]"), "TypeError"),
    ("structured", lambda: np.zeros(2, dtype=[("a", "f8")]), "TypeError"),
    ("masked-array", lambda: np.ma.array([0.1, 0.2], mask=[False, True]), "TypeError"),
    ("masked-no-mask", lambda: np.ma.array([0.1, 0.2]), "TypeError"),
    ("masked-constant", lambda: np.ma.masked, "TypeError"),
    ("decimal", lambda: decimal.Decimal("0.5"), "TypeError"),
    ("fraction", lambda: fractions.Fraction(1, 2), "TypeError"),
    ("generator", lambda: (v for v in [0.1, 0.2]), "TypeError"),
    ("int-beyond-float64", lambda: 10**400, "ValueError"),
    ("list-with-int-beyond-float64", lambda: [0.5, -(10**400)], "ValueError"),
    ("int-beyond-int64", lambda: 2**70, "value"),
    ("negative-int-beyond-int64", lambda: -(2**70), "value"),
    ("list-with-int-beyond-int64", lambda: [0, 2**64, -(2**80), 0.5], "value"),
    ("bool", lambda: True, "value"),
    ("bool-list", lambda: [True, False], "value"),
    ("numpy-ints", lambda: np.array([0, 1, -3], dtype=np.int8), "value"),
    ("uint64-max", lambda: np.uint64(2**64 - 1), "value"),
    ("empty-list", lambda: [], "value"),
    ("empty-2d", lambda: np.empty((0, 3)), "value"),
    ("empty-float32", lambda: np.empty((2, 0), dtype=np.float32), "value"),
    ("0-d-array", lambda: np.array(0.3), "value"),
    ("0-d-float16", lambda: np.array(0.3, dtype=np.float16), "value"),
    ("python-float", lambda: 0.3, "value"),
    ("numpy-float32", lambda: np.float32(0.3), "value"),
    ("longdouble", lambda: _base().astype(np.longdouble), "value"),
    ("float16", lambda: _base().astype(np.float16), "value"),
    ("float32", lambda: _base().astype(np.float32), "value"),
    ("strided-view", lambda: _base()[::3], "value"),
    ("reversed-view", lambda: _base()[::-1], "value"),
    ("2-d-strided", lambda: _big()[:, ::5], "value"),
    ("fortran-order", lambda: _big("F"), "value"),
    ("transposed-float32", lambda: _big().astype(np.float32).T, "value"),
    ("read-only", _readonly, "value"),
    ("broadcast-view", lambda: np.broadcast_to(np.array([0.2, 0.7]), (4, 2)), "value"),
    ("specials", lambda: [0.0, -0.0, np.inf, -np.inf, np.nan, 5e-324, -5e-324], "value"),
    ("largest-finite", lambda: [np.finfo(np.float64).max, -np.finfo(np.float64).max], "value"),
    ("tuple", lambda: (0.1, 0.2), "value"),
    ("nested-list", lambda: [[0.1], [0.2]], "value"),
]

# Wrong or unusual out= arguments: (case id, factory of (input, out), expected outcome)
OUT_CASES: list[tuple[str, Callable[[], tuple[Any, Any]], str]] = [
    ("wrong-shape", lambda: (_base(), np.empty(3)), "ValueError"),
    ("wrong-dtype", lambda: (_base(), np.empty(8, dtype=np.float32)), "ValueError"),
    ("int-dtype", lambda: (_base(), np.empty(8, dtype=np.int64)), "ValueError"),
    ("list", lambda: (_base(), [0.0] * 8), "TypeError"),
    ("tuple", lambda: (_base(), (0.0,) * 8), "TypeError"),
    ("masked", lambda: (_base(), np.ma.zeros(8)), "TypeError"),
    ("read-only", lambda: (_base(), _readonly()), "ValueError"),
    ("broadcast-shape", lambda: (0.3, np.empty(3)), "ValueError"),
    ("scalar-into-0-d", lambda: (0.3, np.empty(())), "value"),
    ("non-contiguous", lambda: (_base(), np.empty(16)[::2]), "value"),
    ("fortran-out", lambda: (_big(), np.empty((3, BLOCK + 77), order="F")), "value"),
    ("in-place", lambda: (lambda a: (a, a))(_base()), "value"),
    ("in-place-strided", lambda: (lambda a: (a, a))(_big()[:, ::3]), "value"),
    ("overlap-forward", lambda: (lambda a: (a[:-77], a[77:]))(_big()[0]), "value"),
    ("overlap-backward", lambda: (lambda a: (a[77:], a[:-77]))(_big()[0]), "value"),
    ("overlap-reversed", lambda: (lambda a: (a, a[::-1]))(_big()[0]), "value"),
    ("interleaved-no-overlap", lambda: (lambda a: (a[::2], a[1::2]))(_big()[0, :-1]), "value"),
]


def _check_error(kind: str, call: Callable[[], Any], func: str, argname: str) -> None:
    exc = TypeError if kind == "TypeError" else ValueError
    with pytest.raises(exc) as info:
        _strict(call)
    assert type(info.value) is exc or kind == "ValueError"  # no bare OverflowError & co.
    message = str(info.value)
    assert f"{func}()" in message, message
    assert argname in message, message
    OUTCOMES[kind] += 1


def _check_value(f: Callable, given: Any, result: Any) -> None:
    clean = np.array(np.asarray(given), dtype=np.float64 if _intlike(given) else None)
    if clean.dtype.kind != "f":
        clean = clean.astype(np.float64)
    expected = f(np.ascontiguousarray(clean))
    assert np.asarray(result).dtype == clean.dtype
    assert np.shape(result) == clean.shape
    np.testing.assert_array_equal(result, expected)
    # and the clean result itself is right (float64 formula; float16 rounds to 2**-11)
    tol = max(float(np.finfo(clean.dtype).eps), 1e-15) * 8
    with np.errstate(all="ignore"):
        exact = _f64_formula(f, clean.astype(np.float64))
    np.testing.assert_allclose(np.asarray(expected, dtype=np.float64), exact, rtol=tol, atol=0)
    OUTCOMES["value"] += 1


def _intlike(given: Any) -> bool:
    if isinstance(given, (bool, int)):
        return True
    if isinstance(given, (list, tuple)):
        return all(isinstance(v, (bool, int)) for v in given) and len(given) > 0
    return isinstance(given, np.ndarray | np.generic) and np.asarray(given).dtype.kind in "biu"


@pytest.mark.parametrize("f", KERNELS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(("case", "make", "expected"), INPUT_CASES, ids=[c[0] for c in INPUT_CASES])
def test_kernel_hostile_input(f, case, make, expected):
    given = make()
    if expected == "value":
        before = np.array(given, copy=True) if isinstance(given, np.ndarray) else None
        result = _strict(lambda: f(given))
        if before is not None:
            np.testing.assert_array_equal(given, before)  # input untouched
        if np.ndim(given) == 0 and not isinstance(given, list):
            assert not isinstance(result, np.ndarray)  # scalar in, NumPy scalar out
        _check_value(f, given, result)
    else:
        _check_error(expected, lambda: f(given), f.__name__, f"argument {ARGNAME[f]}")


@pytest.mark.parametrize("f", KERNELS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(("case", "make", "expected"), OUT_CASES, ids=[c[0] for c in OUT_CASES])
def test_kernel_hostile_out(f, case, make, expected):
    x, out = make()
    if expected != "value":
        _check_error(expected, lambda: f(x, out=out), f.__name__, "out=")
        return
    clean = np.array(x, dtype=np.float64, copy=True)
    want = f(clean)
    result = _strict(lambda: f(x, out=out))
    assert result is out  # as ufuncs do, also for scalar input
    np.testing.assert_array_equal(out, want)
    OUTCOMES["value"] += 1


# reference(name, x, dps) and ulp_error(computed, exact, dtype)
ACCURACY_CASES: list[tuple[str, Callable[[], Any], str, str]] = [
    ("reference-str-x", lambda: reference("sigmoid", "0.5"), "TypeError", "argument x"),
    ("reference-None-x", lambda: reference("sigmoid", None), "TypeError", "argument x"),
    ("reference-complex-x", lambda: reference("sigmoid", [1j]), "TypeError", "argument x"),
    (
        "reference-masked-x",
        lambda: reference("logit", np.ma.array([0.5])),
        "TypeError",
        "argument x",
    ),
    (
        "reference-datetime-x",
        lambda: reference("sigmoid", np.datetime64(1, "D")),
        "TypeError",
        "argument x",
    ),
    ("reference-ragged-x", lambda: reference("sigmoid", [[1], [1, 2]]), "TypeError", "argument x"),
    (
        "reference-object-x",
        lambda: reference("sigmoid", np.array([1.0], dtype=object)),
        "TypeError",
        "argument x",
    ),
    ("reference-huge-int", lambda: reference("sigmoid", 10**400), "ValueError", "argument x"),
    ("reference-unknown-name", lambda: reference("tanh", [0.1]), "ValueError", "argument name"),
    ("reference-None-name", lambda: reference(None, [0.1]), "ValueError", "argument name"),
    (
        "reference-dps-huge",
        lambda: reference("sigmoid", [0.1], dps=10**9),
        "ValueError",
        "argument dps",
    ),
    (
        "reference-dps-small",
        lambda: reference("sigmoid", [0.1], dps=3),
        "ValueError",
        "argument dps",
    ),
    (
        "reference-dps-str",
        lambda: reference("sigmoid", [0.1], dps="50"),
        "TypeError",
        "argument dps",
    ),
    (
        "reference-dps-float",
        lambda: reference("sigmoid", [0.1], dps=50.0),
        "TypeError",
        "argument dps",
    ),
    (
        "ulp-str-computed",
        lambda: ulp_error("a", [0.5], np.float64),
        "TypeError",
        "argument computed",
    ),
    (
        "ulp-masked-computed",
        lambda: ulp_error(np.ma.array([0.5]), [0.5], np.float64),
        "TypeError",
        "argument computed",
    ),
    (
        "ulp-complex-computed",
        lambda: ulp_error([0.5j], [0.5], np.float64),
        "TypeError",
        "argument computed",
    ),
    ("ulp-None-exact", lambda: ulp_error([0.5], None, np.float64), "TypeError", "argument exact"),
    ("ulp-str-exact", lambda: ulp_error([0.5], "0.5", np.float64), "TypeError", "argument exact"),
    ("ulp-not-iterable", lambda: ulp_error([0.5], 0.5, np.float64), "TypeError", "argument exact"),
    (
        "ulp-exact-not-numbers",
        lambda: ulp_error([0.5], [None], np.float64),
        "TypeError",
        "argument exact",
    ),
    (
        "ulp-exact-complex",
        lambda: ulp_error([0.5], [mpmath.mpc(1, 2)], np.float64),
        "TypeError",
        "argument exact",
    ),
    (
        "ulp-short-exact",
        lambda: ulp_error([0.5, 0.2], [0.5], np.float64),
        "ValueError",
        "argument exact",
    ),
    (
        "ulp-endless-exact",
        lambda: ulp_error([0.5], itertools.count(), np.float64),
        "ValueError",
        "argument exact",
    ),
    ("ulp-int-dtype", lambda: ulp_error([0.5], [0.5], int), "TypeError", "argument dtype"),
    (
        "ulp-complex-dtype",
        lambda: ulp_error([0.5], [0.5], np.complex128),
        "TypeError",
        "argument dtype",
    ),
    ("ulp-junk-dtype", lambda: ulp_error([0.5], [0.5], "nonsense"), "TypeError", "argument dtype"),
    ("ulp-None-dtype", lambda: ulp_error([0.5], [0.5], None), "TypeError", "argument dtype"),
]

LD_EPS = np.finfo(np.longdouble).eps
SPECIALS = [np.inf, np.nan, 1.0, np.inf]
MP_SPECIALS = [mpmath.inf, mpmath.nan, mpmath.inf, mpmath.ninf]
ACCURACY_VALUES: list[tuple[str, Callable[[], Any], Any]] = [
    ("reference-sigmoid-0", lambda: reference("sigmoid", 0), [0.5]),
    ("reference-bool", lambda: reference("sigmoid_derivative", [True]), [0.19661193324148185]),
    ("reference-specials", lambda: reference("sigmoid", [np.inf, -np.inf, np.nan]), [1.0, 0.0, np.nan]),
    ("reference-logit-outside", lambda: reference("logit", [-0.5, 1.5, 0.0, 1.0]), [np.nan, np.nan, -np.inf, np.inf]),
    ("reference-second-at-0", lambda: reference("sigmoid_second_derivative", [0.0]), [0.0]),
    ("reference-empty", lambda: reference("log_sigmoid", np.empty((0, 2))), []),
    ("reference-huge-int", lambda: reference("log_sigmoid", [-(2**70)]), [-(2.0**70)]),
    ("reference-longdouble", lambda: reference("sigmoid", np.longdouble(1) / 3), [0.5825702064623147]),
    ("reference-fortran", lambda: reference("sigmoid", np.zeros((2, 2), order="F")), [0.5] * 4),
    ("ulp-exact-is-0", lambda: ulp_error(np.float32(0.5), [0.5], np.float32), [0.0]),
    ("ulp-one-ulp", lambda: ulp_error([1 + 2**-52], [1], np.float64), [1.0]),
    ("ulp-float16", lambda: ulp_error(np.float16(1) + np.float16(2**-10), [1], np.float16), [1.0]),
    ("ulp-longdouble", lambda: ulp_error(1 + LD_EPS, [1], np.longdouble), [1.0]),
    ("ulp-specials", lambda: ulp_error(SPECIALS, MP_SPECIALS, "float64"), [0, 0, np.inf, np.inf]),
    ("ulp-numpy-exact", lambda: ulp_error([0.5], [np.float32(0.5)], np.float64), [0.0]),
    ("ulp-empty", lambda: ulp_error([], [], np.float64), []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "call", "expected", "argname"), ACCURACY_CASES, ids=[c[0] for c in ACCURACY_CASES]
)
def test_accuracy_tools_hostile(case, call, expected, argname):  # fmt: skip
    func = "reference" if case.startswith("reference") else "ulp_error"
    _check_error(expected, call, func, argname)


@pytest.mark.parametrize(
    ("case", "call", "want"), ACCURACY_VALUES, ids=[c[0] for c in ACCURACY_VALUES]
)
def test_accuracy_tools_values(case, call, want):  # fmt: skip
    got = np.array([float(v) for v in _strict(call)])
    np.testing.assert_allclose(got, np.asarray(want, dtype=float), rtol=1e-15, atol=0)
    OUTCOMES["value"] += 1


# --- hypothesis: every float dtype, every value (subnormals, +-inf, NaN), random layouts ---

FLOAT_DTYPES = [np.float16, np.float32, np.float64, np.longdouble]


@st.composite
def float_arrays(draw: st.DrawFn) -> np.ndarray:
    dtype = draw(st.sampled_from(FLOAT_DTYPES))
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=6))
    elements = st.floats(width=min(np.dtype(dtype).itemsize * 8, 64), allow_subnormal=True)
    arr = draw(hnp.arrays(dtype, shape, elements=elements))
    layout = draw(st.sampled_from(["C", "F", "reversed", "strided"]))
    if layout == "F":
        arr = np.asfortranarray(arr)
    elif layout == "reversed" and arr.ndim:
        arr = arr[::-1]
    elif layout == "strided" and arr.ndim:
        arr = np.repeat(arr, 2, axis=-1)[..., ::2]
    return arr


@pytest.mark.parametrize("f", KERNELS, ids=lambda f: f.__name__)
@given(x=float_arrays())
def test_kernel_any_float_array(f, x):
    result = _strict(lambda: f(x))  # no warning, no FloatingPointError
    contiguous = f(np.ascontiguousarray(x))
    assert np.asarray(result).dtype == x.dtype and np.shape(result) == x.shape
    np.testing.assert_array_equal(result, contiguous)  # layout does not matter
    assert np.array_equal(
        np.isnan(result), np.isnan(x) | ((x < 0) | (x > 1) if f is logit else False)
    )
    out = np.full_like(x, 7)
    assert _strict(lambda: f(x, out=out)) is out
    np.testing.assert_array_equal(out, contiguous)


NOT_REAL_DTYPES = ["c8", "c16", "U3", "S3", "M8[D]", "m8[s]", "O", "V8"]


@pytest.mark.parametrize("f", KERNELS, ids=lambda f: f.__name__)
@given(dtype=st.sampled_from(NOT_REAL_DTYPES), n=st.integers(0, 4))
def test_kernel_refuses_every_non_real_dtype(f, dtype, n):
    with pytest.raises(TypeError, match=rf"{f.__name__}\(\) argument {ARGNAME[f]}"):
        _strict(lambda: f(np.zeros(n, dtype=dtype)))
