"""The teaching variants behave exactly as chapter 8 says, and the losses are stable."""

import warnings

import numpy as np
import pytest

from sigmoidlab import sigmoid
from sigmoidlab.kernels.variants import (
    VARIANTS,
    branch_on_sign,
    clipped_naive,
    exp_minus_abs,
    naive,
    tanh_form,
    where_both_branches,
)
from sigmoidlab.models.losses import bce_from_logits, bce_from_probabilities, softplus

GRID = np.linspace(-30, 30, 601)


@pytest.mark.parametrize("name", list(VARIANTS))
def test_every_variant_is_right_in_the_middle(name):
    with np.errstate(all="ignore"):
        assert np.allclose(VARIANTS[name](GRID), sigmoid(GRID), rtol=1e-12, atol=1e-16)


@pytest.mark.parametrize("func", [naive, where_both_branches])
def test_overflowing_forms_warn(func):
    with pytest.warns(RuntimeWarning, match="overflow"):
        func(np.array([-1000.0, 0.0]))


@pytest.mark.parametrize("func", [branch_on_sign, exp_minus_abs, tanh_form])
def test_stable_forms_do_not_warn(func):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = func(np.array([-1000.0, -720.0, 0.0, 1000.0]))
    assert y[-1] == 1.0 and y[2] == 0.5


def test_naive_is_zero_where_the_truth_is_positive():
    with np.errstate(over="ignore"):
        assert naive(np.array([-720.0]))[0] == 0.0
        assert naive(np.float32([-90.0]))[0] == 0.0
    assert branch_on_sign(np.array([-720.0]))[0] > 0 and exp_minus_abs(np.array([-720.0]))[0] > 0


def test_tanh_form_loses_the_left_tail():
    assert tanh_form(np.array([-40.0]))[0] == 0.0 and sigmoid(-40.0) > 4e-18
    rel = abs(tanh_form(np.array([-20.0]))[0] / sigmoid(-20.0) - 1)
    assert rel > 1e-9  # relative error millions of times machine epsilon


def test_clipping_to_500_saves_float64_not_float32():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        clipped_naive(np.array([-1000.0]))
    with pytest.warns(RuntimeWarning, match="overflow"):
        clipped_naive(np.array([-1000.0], dtype=np.float32))


def test_losses_from_logits_are_finite_and_match():
    z = np.array([-50.0, -2.0, 0.0, 3.0, 50.0])
    y = np.array([1.0, 0.0, 1.0, 1.0, 0.0])
    from_logits = bce_from_logits(z, y)
    assert np.all(np.isfinite(from_logits))
    assert from_logits[0] == pytest.approx(50.0) and from_logits[-1] == pytest.approx(50.0)
    assert np.allclose(bce_from_probabilities(sigmoid(z[1:4]), y[1:4]), from_logits[1:4])
    assert np.isinf(bce_from_probabilities(sigmoid(np.array([50.0])), np.array([0.0])))[0]
    assert np.allclose(softplus(z), np.log1p(np.exp(z)))
    assert softplus(1000.0) == 1000.0


# --- Integer input, limits and the documented costs of the variants ---------------------------


@pytest.mark.parametrize(
    ("func", "x", "truth"),
    [
        (naive, np.array([100], np.uint8), sigmoid(100.0)),  # -x wrapped to 156: gave 0
        (naive, np.array([-128], np.int8), sigmoid(-128.0)),  # -x wrapped to -128: gave 1
        (exp_minus_abs, np.array([200], np.uint8), sigmoid(200.0)),  # gave 0
        (branch_on_sign, np.array([200], np.uint8), sigmoid(200.0)),
        (where_both_branches, np.array([-128], np.int8), sigmoid(-128.0)),
        (tanh_form, np.array([5], np.uint8), sigmoid(5.0)),
        (clipped_naive, np.array([-100], np.int8), sigmoid(-100.0)),
    ],
)
def test_integers_are_converted_to_float_first(func, x, truth):
    got = func(x)
    assert got.dtype == np.float64
    assert got[0] == pytest.approx(truth, rel=1e-14)


@pytest.mark.parametrize("name", list(VARIANTS))
def test_variants_keep_float_dtypes_and_propagate_nan(name):
    for dtype in (np.float16, np.float32, np.float64, np.longdouble):
        x = np.array([-1.0, 0.0, np.nan, 2.0], dtype=dtype)
        got = VARIANTS[name](x)
        assert got.dtype == dtype
        assert np.isnan(got[2]) and got[1] == 0.5


@pytest.mark.parametrize("name", list(VARIANTS))
def test_variants_refuse_non_numbers_naming_themselves(name):
    for bad in ("3", None, np.array(["2020-01-01"], dtype="datetime64[D]"), 1 + 2j):
        with pytest.raises(TypeError, match=rf"^{name}\(\)"):
            VARIANTS[name](bad)


def test_variant_limits_at_infinity():
    x = np.array([-np.inf, np.inf])
    for func in (naive, branch_on_sign, exp_minus_abs, tanh_form):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            np.testing.assert_array_equal(func(x), [0.0, 1.0])
    # where_both_branches: right values, and the unused branch inf/inf warns (its lesson)
    with pytest.warns(RuntimeWarning, match="invalid value"):
        np.testing.assert_array_equal(where_both_branches(x), [0.0, 1.0])
    # clipped_naive: -inf is clipped to -500 like every other x < -500 (its lesson)
    assert clipped_naive(-np.inf) == naive(-500.0) > 0 and clipped_naive(np.inf) == 1.0


def test_float_overflow_still_warns_for_the_naive_forms():
    for func in (naive, where_both_branches, clipped_naive):
        with pytest.warns(RuntimeWarning, match="overflow"):
            func(np.array([-1000.0], dtype=np.float32))
    with pytest.warns(RuntimeWarning, match="overflow"):
        naive(np.float16(-12.0))  # float16's exp overflows past 11.09
    with np.errstate(over="raise"), pytest.raises(FloatingPointError):
        naive(np.array([-720.0]))


def test_clipped_naive_docstring_states_what_clipping_costs():
    x = np.array([-600.0, -745.0, -1000.0])
    got = clipped_naive(x)
    truth = sigmoid(x)  # correctly rounded (within the core's bound) in float64
    np.testing.assert_array_equal(got, np.full(3, naive(-500.0)))
    assert f"{got[0]:.1e}" == "7.1e-218"
    assert [f"{t:.1e}" for t in truth] == ["2.7e-261", "4.9e-324", "0.0e+00"]
    assert truth[1] == np.finfo(np.float64).smallest_subnormal
    doc = " ".join(clipped_naive.__doc__.split())
    assert "7.1e-218 three times" in doc and "2.7e-261, 4.9e-324" in doc and "and 0" in doc
    assert "enough in float64" not in doc
    assert round(float(np.log10(got[0] / truth[0]))) == 43  # "a factor of about 1e43"
    assert round(float(np.log10(got[1] / truth[1]))) == 106


def test_tanh_form_docstring_states_where_it_reaches_zero():
    scan = np.linspace(-39.0, -37.0, 200_001)
    zero_from = scan[tanh_form(scan) == 0.0].max()
    # depends on the CPU's tanh near -1; a correctly rounded tanh gives -55 ln 2 = -38.12
    assert -38.5 < zero_from < -37.5
    assert 2e-17 < sigmoid(zero_from) < 5e-17  # "the true value is still about 3e-17"
    doc = " ".join(tanh_form.__doc__.split())
    assert "37.4 " not in doc and "-37.98" not in doc  # no one machine's value
    assert "-38.82 and -37.71" in doc and "38.12" in doc and "37.43" in doc
    assert round(-55 * np.log(2), 2) == -38.12


def test_tanh_form_zeros_start_inside_the_docstrings_bounds():
    """The bounds in terms of the tanh's error e hold for the tanh this CPU runs."""
    scan = np.linspace(-39.0, -37.0, 200_001)
    step = scan[1] - scan[0]
    zero = tanh_form(scan) == 0.0
    # 1 + tanh(x/2) is exact here (Sterbenz); its true value is 2 sigma(x)
    gap = np.tanh(scan / 2) + 1
    e = float(np.max(np.abs(gap - 2 * sigmoid(scan)))) * 2.0**53  # in units of 2^-53
    assert e < 1  # this CPU's tanh is within one unit near -1
    lowest = np.log(1 - e) - 54 * np.log(2)  # zero for every x below
    highest = np.log(e) - 54 * np.log(2)  # never zero above
    assert np.all(zero[scan < lowest - step]) and not np.any(zero[scan > highest + step])
    # the docstring's numbers: e = 0.5, e = 0.75 (rounded outwards) and e = 1
    ln2 = np.log(2)
    assert np.isclose(np.log(0.5) - 54 * ln2, -55 * ln2)
    assert -38.82 < np.log(0.25) - 54 * ln2 < -38.81
    assert -37.72 < np.log(0.75) - 54 * ln2 < -37.71
    assert round(-54 * ln2, 2) == -37.43
    if e <= 0.75:
        assert -38.82 < scan[zero].max() < -37.71


# --- Losses: validation, limits, dtype -------------------------------------------------------


@pytest.mark.parametrize(
    ("z", "y", "expected"),
    [
        (np.inf, 1.0, 0.0),  # gave nan with a RuntimeWarning
        (-np.inf, 0.0, 0.0),  # gave nan
        (np.inf, 0.0, np.inf),
        (-np.inf, 1.0, np.inf),
        (np.inf, 0.5, np.inf),
        (-np.inf, 0.5, np.inf),
        (np.nan, 1.0, np.nan),
        (1.0, np.nan, np.nan),
    ],
)
def test_bce_from_logits_limits_without_warnings(z, y, expected):
    with np.errstate(all="raise"):
        got = bce_from_logits(z, y)
    np.testing.assert_array_equal(got, expected)
    assert not np.signbit(got)


@pytest.mark.parametrize(
    ("a", "y", "expected"),
    [(0.0, 1.0, np.inf), (1.0, 0.0, np.inf), (0.0, 0.0, 0.0), (1.0, 1.0, 0.0), (np.nan, 1, np.nan)],
)
def test_bce_from_probabilities_at_the_edges(a, y, expected):
    with np.errstate(all="raise"):
        np.testing.assert_array_equal(bce_from_probabilities(a, y), expected)


@pytest.mark.parametrize(
    ("func", "args", "argname"),
    [
        (bce_from_probabilities, (1.5, 1.0), "a"),
        (bce_from_probabilities, (-0.1, 1.0), "a"),
        (bce_from_probabilities, (0.5, 2.0), "y"),
        (bce_from_probabilities, (0.5, -1.0), "y"),
        (bce_from_probabilities, (np.inf, 1.0), "a"),
        (bce_from_logits, (0.0, 1.5), "y"),
        (bce_from_logits, (0.0, -np.inf), "y"),
        (bce_from_logits, ([0.0, 1.0], [0, 3]), "y"),
    ],
)
def test_losses_reject_values_outside_the_unit_interval(func, args, argname):
    with pytest.raises(ValueError, match=rf"{func.__name__}\(\) argument {argname} must hold"):
        func(*args)


def test_losses_reject_shapes_that_do_not_broadcast():
    for func, names in ((bce_from_probabilities, "a .* and y"), (bce_from_logits, "z .* and y")):
        with pytest.raises(ValueError, match=rf"{func.__name__}\(\) arguments {names}"):
            func([[0.5, 0.5]], [1.0, 0.0, 1.0])


def test_loss_dtypes():
    z32 = np.array([1.0, -2.0], dtype=np.float32)
    assert bce_from_logits(z32, [1, 0]).dtype == np.float32  # labels do not upcast
    assert bce_from_logits(z32, 1.0).dtype == np.float32
    assert bce_from_logits(z32, np.array([1.0, 0.0])).dtype == np.float64  # NumPy float64 does
    assert bce_from_logits([1, 2], [1, 0]).dtype == np.float64
    assert isinstance(bce_from_logits(1.0, 1), np.float64)
    assert bce_from_probabilities(np.float16(0.5), True).dtype == np.float16
    assert softplus(np.float32(3.0)).dtype == np.float32
    assert softplus(-np.inf) == 0.0 and not np.signbit(softplus(-np.inf))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_bce_from_logits_ulp_bound(dtype):
    import mpmath

    from sigmoidlab.kernels.ulp import ulp_error

    doc = " ".join(bce_from_logits.__doc__.split())
    assert "at most 4 ULP in float64 and 0.5 ULP in float32" in doc
    z = np.concatenate([np.linspace(-800, 800, 801), np.linspace(-40, 40, 801)]).astype(dtype)
    for y in (0.0, 1.0, 0.3, 1e-6):
        got = bce_from_logits(z, np.full_like(z, y))
        with mpmath.workdps(60):
            Y = mpmath.mpf(float(np.asarray(y, dtype)))
            exact = [
                Y * mpmath.log1p(mpmath.exp(-mpmath.mpf(float(v))))
                + (1 - Y) * mpmath.log1p(mpmath.exp(mpmath.mpf(float(v))))
                for v in z
            ]
        assert ulp_error(got, exact, dtype).max() <= (4 if dtype == np.float64 else 0.5 + 1e-6)
