"""Hostile inputs for the elementwise functions around the core (chapters 1, 3, 8 and 9).

Covers every public function of ``activations.py``, ``family.py`` (and the callables in
``FAMILY`` that the package itself defines), ``losses.py``, ``variants.py`` and
``neurons.step``. A table of cases, each with the outcome it must have:

* ``"value"``: the right value, dtype and shape. The accurate functions are checked against
  mpmath (or the mathematical limit at +-inf, NaN for NaN) within the ULP bound their
  docstring states; they run under ``np.errstate(all="raise")`` with warnings as errors, so
  a case that warns fails. The teaching variants are checked against the same variant on the
  input converted to float first (their naive float behaviour, warnings included, is the
  lesson: ``test_variants.py`` pins it down).
* ``"TypeError"`` / ``"ValueError"``: that exception, with a message that names the function
  and the argument.

Hypothesis then throws floats of every width (subnormals, infinities, NaN) and arbitrary
non-numbers at them. Running this module prints a summary line at the end of pytest's report::

    hostile elementwise: N cases tried: V right value, T clear TypeError, E clear ValueError
"""

from __future__ import annotations

import datetime
import decimal
import warnings
from collections.abc import Callable
from typing import Any

import mpmath
import numpy as np
import pytest
from hostile import outcomes
from hypothesis import given
from hypothesis import strategies as st
from test_applications import FLOAT64_BOUNDS, REFERENCES, to_mpf

from sigmoidlab.kernels.activations import gelu, gelu_sigmoid, gelu_tanh, hard_swish, silu, softmax
from sigmoidlab.kernels.family import FAMILY, hard_sigmoid, scaled_arctan, softsign
from sigmoidlab.kernels.ulp import ulp_error
from sigmoidlab.kernels.variants import VARIANTS
from sigmoidlab.models.losses import bce_from_logits, bce_from_probabilities, softplus
from sigmoidlab.models.neurons import step

#: The accurate one-argument functions: name -> (function, argument name).
ACCURATE: dict[str, tuple[Callable, str]] = {
    "silu": (silu, "x"),
    "gelu": (gelu, "x"),
    "gelu_sigmoid": (gelu_sigmoid, "x"),
    "gelu_tanh": (gelu_tanh, "x"),
    "hard_swish": (hard_swish, "x"),
    "softmax": (softmax, "z"),
    "scaled_arctan": (scaled_arctan, "x"),
    "softsign": (softsign, "x"),
    "hard_sigmoid": (hard_sigmoid, "x"),
    "softplus": (softplus, "x"),
    "step": (step, "z"),
    "tanh": (next(m.func for m in FAMILY if m.name == "tanh"), "x"),
    "erf": (next(m.func for m in FAMILY if m.name == "erf"), "x"),
}
UNARY: dict[str, tuple[Callable, str]] = {**ACCURATE, **{n: (f, "x") for n, f in VARIANTS.items()}}

BOUNDS = {**FLOAT64_BOUNDS, "softmax": 5, "step": 0, "tanh": 4, "erf": 4}
EXTRA_REFERENCES = {
    "step": lambda x: mpmath.mpf(1) if x > 0 else mpmath.mpf(0),
    "tanh": mpmath.tanh,
    "erf": mpmath.erf,
}
#: Values at -inf and +inf.
LIMITS = {
    "silu": (0.0, np.inf),
    "gelu": (0.0, np.inf),
    "gelu_sigmoid": (0.0, np.inf),
    "gelu_tanh": (0.0, np.inf),
    "hard_swish": (0.0, np.inf),
    "scaled_arctan": (-1.0, 1.0),
    "softsign": (-1.0, 1.0),
    "tanh": (-1.0, 1.0),
    "erf": (-1.0, 1.0),
    "hard_sigmoid": (0.0, 1.0),
    "step": (0.0, 1.0),
    "softplus": (0.0, np.inf),
}

OUTCOMES = outcomes("elementwise")  # printed at the end of the run (conftest.py)


def _ragged() -> list:
    return [[1.0], [1.0, 2.0]]


def _grid() -> np.ndarray:
    return np.linspace(-6.0, 6.0, 12).reshape(3, 4)


# (id, factory, expected outcome). Factories, so that no case can alter another's input.
UNARY_CASES: list[tuple[str, Callable[[], Any], str]] = [
    ("str", lambda: "3", "TypeError"),
    ("None", lambda: None, "TypeError"),
    ("bytes", lambda: b"3", "TypeError"),
    ("bytearray", lambda: bytearray(b"3"), "TypeError"),
    ("list of str", lambda: ["1", "2"], "TypeError"),
    ("ragged list", _ragged, "TypeError"),
    ("dict", lambda: {"x": 1.0}, "TypeError"),
    ("set", lambda: {1.0}, "TypeError"),
    ("complex", lambda: 1 + 2j, "TypeError"),
    ("complex array", lambda: np.array([1.0 + 0j]), "TypeError"),
    ("object array", lambda: np.array([1.0, 2.0], dtype=object), "TypeError"),
    ("Decimal", lambda: decimal.Decimal("1.5"), "TypeError"),
    ("datetime64 array", lambda: np.array(["2020-01-01"], dtype="datetime64[D]"), "TypeError"),
    ("datetime64 scalar", lambda: np.datetime64("2020-01-01"), "TypeError"),
    ("timedelta64", lambda: np.array([3], dtype="timedelta64[s]"), "TypeError"),
    ("datetime.date", lambda: datetime.date(2020, 1, 1), "TypeError"),
    ("masked array", lambda: np.ma.array([1.0, 2.0], mask=[False, True]), "TypeError"),
    ("object()", lambda: object(), "TypeError"),
    ("int beyond float64", lambda: 10**400, "ValueError"),
    ("list with int beyond float64", lambda: [1.0, -(10**400)], "ValueError"),
    ("int beyond int64", lambda: 2**64, "value"),
    ("Python int", lambda: 3, "value"),
    ("Python float", lambda: -2.5, "value"),
    ("Python bool", lambda: True, "value"),
    ("bool array", lambda: np.array([True, False]), "value"),
    ("uint8 array", lambda: np.array([0, 100, 200, 255], dtype=np.uint8), "value"),
    ("int8 array", lambda: np.array([-128, -1, 127], dtype=np.int8), "value"),
    ("int64 array", lambda: np.arange(-3, 4), "value"),
    ("uint64 max", lambda: np.array([2**64 - 1], dtype=np.uint64), "value"),
    ("list of ints", lambda: [-2, 0, 5], "value"),
    ("nested list", lambda: [[-1.0, 0.5], [2.0, 3.0]], "value"),
    ("tuple", lambda: (-1.0, 1.0), "value"),
    ("empty float64", lambda: np.empty(0), "value"),
    ("empty 2-d float32", lambda: np.empty((2, 0), dtype=np.float32), "value"),
    ("empty list", lambda: [], "value"),
    ("0-d float64", lambda: np.array(-1.5), "value"),
    ("0-d float32", lambda: np.array(7.0, dtype=np.float32), "value"),
    ("float32 scalar", lambda: np.float32(-2.5), "value"),
    ("strided view", lambda: _grid()[:, ::2], "value"),
    ("transposed view", lambda: _grid().T, "value"),
    ("reversed view", lambda: np.linspace(-3, 3, 7)[::-1], "value"),
    ("+-inf", lambda: np.array([-np.inf, np.inf]), "value"),
    ("nan", lambda: np.array([np.nan, 1.0]), "value"),
    ("signed zeros", lambda: np.array([-0.0, 0.0]), "value"),
    ("float64 subnormals", lambda: np.array([5e-324, -5e-324, -2e-310, 2.2e-308]), "value"),
    ("float32 subnormals", lambda: np.array([1e-45, -1e-45, -1e-40], dtype=np.float32), "value"),
    ("float64 extremes", lambda: np.array([-1.7e308, 1.7e308, -800.0, 800.0]), "value"),
    ("float16", lambda: np.array([-12.0, -3.0, 0.5, 60000.0, np.inf], dtype=np.float16), "value"),
    ("float32", lambda: np.array([-110.0, -90.0, 0.0, 17.0, np.nan], dtype=np.float32), "value"),
    (
        "longdouble",
        lambda: np.array([-30.0, -2.0, 0.0, 1e3, -np.inf], dtype=np.longdouble),
        "value",
    ),
]


def _expected_dtype(x: Any) -> np.dtype:
    if isinstance(x, (np.ndarray, np.generic)) and x.dtype.kind == "f":
        return x.dtype
    probe = np.asarray(x) if not isinstance(x, int) or abs(x) < 2**63 else np.asarray(1.0)
    return probe.dtype if probe.dtype.kind == "f" else np.dtype(np.float64)


def _exact_elementwise(name: str, xs: np.ndarray) -> list[Any]:
    f = REFERENCES.get(name) or EXTRA_REFERENCES[name]
    out = []
    with mpmath.workdps(60):
        for v in xs.ravel():
            if np.isnan(v):
                out.append(mpmath.nan)
            elif np.isinf(v):
                out.append(mpmath.mpf(LIMITS[name][int(v > 0)]))
            else:
                out.append(f(to_mpf(v)))
    return out


def _exact_softmax(z: np.ndarray) -> list[Any]:
    """Along the last axis (the default), with the documented limits."""
    if z.size == 0:
        return []
    rows = np.atleast_1d(z).reshape(-1, np.atleast_1d(z).shape[-1])
    out = []
    with mpmath.workdps(60):
        for row in rows:
            if np.any(np.isnan(row)):
                out += [mpmath.nan] * row.size
            elif np.isinf(row.max()):
                top = row == row.max()
                out += [mpmath.mpf(1) / int(top.sum()) if t else mpmath.mpf(0) for t in top]
            else:
                vals = [to_mpf(v) for v in row]
                m = max(vals)
                es = [mpmath.exp(v - m) for v in vals]
                total = mpmath.fsum(es)
                out += [e / total for e in es]
    return out


def _check_value(name: str, func: Callable, x: Any) -> None:
    dtype = _expected_dtype(x)
    with np.errstate(over="ignore"):  # the clean conversion itself, not the function
        clean = np.asarray(x, dtype=dtype) if not isinstance(x, int) else np.asarray(float(x))
    if name in VARIANTS:
        with np.errstate(all="ignore"):
            got = func(x)
            want = func(np.array(clean))
        np.testing.assert_array_equal(got, want)
    else:
        with warnings.catch_warnings(), np.errstate(all="raise"):
            warnings.simplefilter("error")
            got = func(x)
        exact = _exact_softmax(clean) if name == "softmax" else _exact_elementwise(name, clean)
        unit = np.float64 if dtype.itemsize >= 8 else dtype
        bound = (
            BOUNDS[name] + (0.5 if dtype.itemsize > 8 else 0) if unit == np.float64 else 0.5 + 1e-6
        )
        err = ulp_error(np.asarray(got, dtype=unit), exact, unit)
        assert err.size == 0 or err.max() <= bound, f"{name}({clean!r}) = {got!r}: {err.max()} ULP"
    assert np.asarray(got).dtype == dtype
    assert np.shape(got) == clean.shape
    assert isinstance(got, np.generic) == (clean.ndim == 0)


@pytest.mark.parametrize(("case", "make", "outcome"), UNARY_CASES, ids=[c[0] for c in UNARY_CASES])
@pytest.mark.parametrize("name", list(UNARY))
def test_one_argument_table(name: str, case: str, make: Callable[[], Any], outcome: str) -> None:
    func, argname = UNARY[name]
    x = make()
    if outcome == "value":
        _check_value(name, func, x)
    else:
        error = TypeError if outcome == "TypeError" else ValueError
        with pytest.raises(error) as info:
            func(x)
        message = str(info.value)
        assert message.startswith(f"{name}() argument {argname}"), message
    OUTCOMES[outcome] += 1


# --- Two-argument losses ----------------------------------------------------------------------

LOSSES = {
    "bce_from_probabilities": (bce_from_probabilities, "a"),
    "bce_from_logits": (bce_from_logits, "z"),
}

# (id, first argument, labels, outcome, argument the error must name)
LOSS_CASES: list[tuple[str, Callable[[], Any], Callable[[], Any], str, str]] = [
    ("first str", lambda: "0.5", lambda: 1.0, "TypeError", "first"),
    ("first None", lambda: None, lambda: 1.0, "TypeError", "first"),
    ("first bytes", lambda: b"0", lambda: 1.0, "TypeError", "first"),
    ("first ragged", _ragged, lambda: 1.0, "TypeError", "first"),
    ("first complex", lambda: 0.5 + 0j, lambda: 1.0, "TypeError", "first"),
    (
        "first object array",
        lambda: np.array([0.5], dtype=object),
        lambda: 1.0,
        "TypeError",
        "first",
    ),
    (
        "first datetime64",
        lambda: np.array(["2020-01-01"], dtype="datetime64[D]"),
        lambda: 1.0,
        "TypeError",
        "first",
    ),
    (
        "first masked",
        lambda: np.ma.array([0.5, 0.5], mask=[0, 1]),
        lambda: 1.0,
        "TypeError",
        "first",
    ),
    ("labels str", lambda: 0.5, lambda: "1", "TypeError", "y"),
    ("labels None", lambda: 0.5, lambda: None, "TypeError", "y"),
    ("labels list of str", lambda: [0.5, 0.5], lambda: ["0", "1"], "TypeError", "y"),
    ("labels complex", lambda: 0.5, lambda: 1j, "TypeError", "y"),
    ("labels datetime64", lambda: 0.5, lambda: np.datetime64("2020-01-01"), "TypeError", "y"),
    (
        "labels masked",
        lambda: [0.5, 0.5],
        lambda: np.ma.array([0.0, 1.0], mask=[1, 0]),
        "TypeError",
        "y",
    ),
    ("first int beyond float64", lambda: 10**400, lambda: 1.0, "ValueError", "first"),
    ("labels 2", lambda: [0.5, 0.5], lambda: [0, 2], "ValueError", "y"),
    ("labels -1", lambda: 0.5, lambda: -1, "ValueError", "y"),
    ("labels 1 + eps", lambda: 0.5, lambda: np.nextafter(1.0, 2.0), "ValueError", "y"),
    ("labels -0.5 float32", lambda: 0.5, lambda: np.float32(-0.5), "ValueError", "y"),
    ("labels +inf", lambda: 0.5, lambda: np.inf, "ValueError", "y"),
    ("labels uint8 255", lambda: [0.5], lambda: np.array([255], dtype=np.uint8), "ValueError", "y"),
    ("labels int8 -128", lambda: [0.5], lambda: np.array([-128], dtype=np.int8), "ValueError", "y"),
    ("shapes (2,) (3,)", lambda: [0.5, 0.5], lambda: [0, 1, 1], "ValueError", "both"),
    ("shapes (2, 3) (2,)", lambda: np.full((2, 3), 0.5), lambda: [0, 1], "ValueError", "both"),
    ("hard labels", lambda: [0.25, 0.5, 0.75], lambda: [1, 0, 1], "value", ""),
    ("soft labels", lambda: [0.25, 0.5, 0.75], lambda: [0.1, 0.5, 0.9], "value", ""),
    ("bool labels", lambda: [0.25, 0.75], lambda: np.array([True, False]), "value", ""),
    ("uint8 labels", lambda: [0.25, 0.75], lambda: np.array([1, 0], dtype=np.uint8), "value", ""),
    ("broadcast column", lambda: np.full((3, 1), 0.5), lambda: [0.0, 1.0], "value", ""),
    ("scalars", lambda: 0.5, lambda: 1, "value", ""),
    ("0-d arrays", lambda: np.array(0.5), lambda: np.array(1.0), "value", ""),
    ("empty", lambda: np.empty(0), lambda: np.empty(0), "value", ""),
    ("empty against scalar", lambda: np.empty((0, 2)), lambda: 1.0, "value", ""),
    (
        "strided views",
        lambda: np.linspace(0.05, 0.95, 10)[::3],
        lambda: np.tile([0.0, 1.0], 4)[::2],
        "value",
        "",
    ),
    ("nan first", lambda: [np.nan, 0.5], lambda: [1.0, 1.0], "value", ""),
    ("nan labels", lambda: [0.5, 0.5], lambda: [np.nan, 0.0], "value", ""),
    ("edges 0 and 1", lambda: [0.0, 1.0, 0.0, 1.0], lambda: [0, 1, 1, 0], "value", ""),
    ("subnormal", lambda: [5e-324, 1e-310], lambda: [1.0, 0.0], "value", ""),
    ("float16", lambda: np.array([0.25, 0.5], dtype=np.float16), lambda: [1, 0], "value", ""),
    (
        "float32 with float64 labels",
        lambda: np.array([0.25, 0.5], dtype=np.float32),
        lambda: np.array([1.0, 0.0]),
        "value",
        "",
    ),
    ("longdouble", lambda: np.array([0.25, 0.5], dtype=np.longdouble), lambda: [1, 0], "value", ""),
]
LOGIT_ONLY_CASES: list[tuple[str, Callable[[], Any], Callable[[], Any], str, str]] = [
    (
        "logits +-inf",
        lambda: [np.inf, -np.inf, np.inf, -np.inf, np.inf],
        lambda: [1, 0, 0, 1, 0.5],
        "value",
        "",
    ),
    ("logits huge", lambda: [-1e308, 1e308, 800.0], lambda: [0, 1, 0], "value", ""),
    ("logits int8", lambda: np.array([-128, 127], dtype=np.int8), lambda: [1, 0], "value", ""),
]
PROBABILITY_ONLY_CASES: list[tuple[str, Callable[[], Any], Callable[[], Any], str, str]] = [
    ("probability 1.5", lambda: 1.5, lambda: 1, "ValueError", "first"),
    ("probability -0.1", lambda: [0.5, -0.1], lambda: 1, "ValueError", "first"),
    ("probability -inf", lambda: -np.inf, lambda: 1, "ValueError", "first"),
    ("probability int 2", lambda: np.array([2]), lambda: 1, "ValueError", "first"),
]


def _mp_log_sigmoid(z: Any) -> Any:
    if mpmath.isinf(z):
        return mpmath.mpf(0) if z > 0 else mpmath.ninf
    return -mpmath.log1p(mpmath.exp(-z))


def _exact_loss(name: str, first: np.ndarray, y: np.ndarray) -> list[Any]:
    out = []
    with mpmath.workdps(60):
        for f, label in zip(*(a.ravel() for a in np.broadcast_arrays(first, y)), strict=True):
            if np.isnan(f) or np.isnan(label):
                out.append(mpmath.nan)
                continue
            v, w = to_mpf(f), to_mpf(label)
            if name == "bce_from_logits":
                p, q = _mp_log_sigmoid(v), _mp_log_sigmoid(-v)
            else:
                p = mpmath.log(v) if v > 0 else mpmath.ninf
                q = mpmath.log1p(-v) if v < 1 else mpmath.ninf
            total = (w * p if w != 0 else 0) + ((1 - w) * q if w != 1 else 0)
            out.append(-total)
    return out


def _loss_cases(name: str) -> list[tuple[str, Any, Any, str, str]]:
    extra = LOGIT_ONLY_CASES if name == "bce_from_logits" else PROBABILITY_ONLY_CASES
    return [(name, *case) for case in LOSS_CASES + extra]


ALL_LOSS_CASES = _loss_cases("bce_from_probabilities") + _loss_cases("bce_from_logits")


@pytest.mark.parametrize(
    ("name", "case", "first", "labels", "outcome", "names"),
    ALL_LOSS_CASES,
    ids=[f"{c[0]}-{c[1]}" for c in ALL_LOSS_CASES],
)
def test_loss_table(
    name: str, case: str, first: Callable, labels: Callable, outcome: str, names: str
) -> None:
    func, first_name = LOSSES[name]
    a, y = first(), labels()
    if outcome == "value":
        with warnings.catch_warnings(), np.errstate(all="raise"):
            warnings.simplefilter("error")
            got = func(a, y)
        strong = [
            v.dtype
            for v in (a, y)
            if isinstance(v, (np.ndarray, np.generic)) and v.dtype.kind == "f"
        ]
        dtype = np.result_type(*strong) if strong else np.dtype(np.float64)
        assert np.asarray(got).dtype == dtype
        a_clean, y_clean = np.asarray(a, dtype=np.longdouble), np.asarray(y, dtype=np.longdouble)
        assert np.shape(got) == np.broadcast_shapes(a_clean.shape, y_clean.shape)
        assert isinstance(got, np.generic) == (a_clean.ndim == y_clean.ndim == 0)
        unit = np.float64 if dtype.itemsize >= 8 else dtype
        err = ulp_error(np.asarray(got, dtype=unit), _exact_loss(name, a_clean, y_clean), unit)
        assert err.size == 0 or err.max() <= (4.5 if unit == np.float64 else 0.5 + 1e-6)
        assert not np.any(np.signbit(np.asarray(got)))  # losses are >= 0, never -0.0
    else:
        error = TypeError if outcome == "TypeError" else ValueError
        with pytest.raises(error) as info:
            func(a, y)
        message = str(info.value)
        assert message.startswith(f"{name}() argument"), message
        if names == "both":
            assert f"arguments {first_name} " in message and " and y " in message, message
        else:
            assert message.startswith(
                f"{name}() argument {first_name if names == 'first' else 'y'}"
            )
    OUTCOMES[outcome] += 1


# --- Hypothesis -------------------------------------------------------------------------------

floats64 = st.floats(allow_nan=True, allow_infinity=True)
floats32 = st.floats(allow_nan=True, allow_infinity=True, width=32)
floats16 = st.floats(allow_nan=True, allow_infinity=True, width=16)
not_numbers = st.one_of(
    st.text(max_size=5),
    st.binary(max_size=5),
    st.none(),
    st.complex_numbers(allow_nan=False).filter(lambda c: c.imag != 0),
    st.lists(st.text(min_size=1, max_size=3), min_size=1, max_size=3),
    st.dictionaries(st.text(max_size=2), st.floats(), max_size=2),
    st.dates(),
    st.decimals(allow_nan=False),
)


@pytest.mark.parametrize("name", list(ACCURATE))
@given(x=st.one_of(floats64, floats32.map(np.float32), floats16.map(np.float16)))
def test_accurate_functions_on_any_float(name: str, x: Any) -> None:
    _check_value(name, ACCURATE[name][0], x)


@pytest.mark.parametrize("name", list(UNARY))
@given(bad=not_numbers)
def test_non_numbers_are_a_type_error_naming_the_function(name: str, bad: Any) -> None:
    func, argname = UNARY[name]
    with pytest.raises(TypeError, match=rf"^{name}\(\) argument {argname}"):
        func(bad)


@pytest.mark.parametrize("name", list(VARIANTS))
@given(x=st.integers(min_value=-(2**63), max_value=2**64 - 1))
def test_variants_convert_integers_before_the_formula(name: str, x: int) -> None:
    # the integer dtype NumPy would pick (int64 or uint64), or uint8 / int8 when it fits
    arrays = [np.array([x])]
    for small in (np.uint8, np.int8):
        info = np.iinfo(small)
        if info.min <= x <= info.max:
            arrays.append(np.array([x], dtype=small))
    for arr in arrays:
        with np.errstate(all="ignore"):
            got = VARIANTS[name](arr)
            want = VARIANTS[name](arr.astype(np.float64))
        np.testing.assert_array_equal(got, want)


@given(
    z=st.lists(floats64, min_size=1, max_size=6),
    y=st.floats(min_value=0.0, max_value=1.0) | st.just(float("nan")),
)
def test_bce_from_logits_on_any_logits(z: list[float], y: float) -> None:
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        got = bce_from_logits(z, y)
    err = ulp_error(got, _exact_loss("bce_from_logits", np.array(z), np.array(y)), np.float64)
    assert err.max() <= 4.5
    assert not np.any(got < 0)


@given(
    a=st.lists(
        st.floats(min_value=0.0, max_value=1.0) | st.just(float("nan")), min_size=1, max_size=6
    ),
    y=st.floats(min_value=0.0, max_value=1.0),
)
def test_bce_from_probabilities_on_any_probabilities(a: list[float], y: float) -> None:
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        got = bce_from_probabilities(a, y)
    err = ulp_error(
        got, _exact_loss("bce_from_probabilities", np.array(a), np.array(y)), np.float64
    )
    assert err.max() <= 4.5


@given(y=st.floats(allow_nan=False).filter(lambda v: not 0 <= v <= 1))
def test_labels_outside_the_unit_interval_are_a_value_error(y: float) -> None:
    for name, (func, _) in LOSSES.items():
        with pytest.raises(
            ValueError, match=rf"^{name}\(\) argument y must hold labels in \[0, 1\]"
        ):
            func(0.5, y)
