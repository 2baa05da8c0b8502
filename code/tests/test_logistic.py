"""Unit tests for sigmoidlab.kernels.logistic: values, dtypes, shapes, edge cases, errors.

Expected values are mpmath at 40 digits, computed with::

    import mpmath as mp; mp.mp.dps = 40
    s = lambda x: 1 / (1 + mp.exp(-x))
    s(x); s(x) * s(-x); -mp.log1p(mp.exp(-x)); mp.log(p / (1 - p))

and compared in ULPs (:func:`sigmoidlab.kernels.ulp.ulp_error`), so a tolerance means the
same thing in the tails (subnormal results included) as near zero.
"""

import threading
import tracemalloc
import warnings

import mpmath
import numpy as np
import pytest
import scipy.special

from sigmoidlab import log_sigmoid, logit, sigmoid, sigmoid_derivative, sigmoid_second_derivative
from sigmoidlab.kernels._arrays import BLOCK
from sigmoidlab.kernels.ulp import ulp_error

FUNCS = [sigmoid, sigmoid_derivative, sigmoid_second_derivative, log_sigmoid, logit]
FLOATS = [np.float16, np.float32, np.float64, np.longdouble]

# (x, sigma(x), sigma'(x), log sigma(x))
TABLE = [
    (0.0, "0.5", "0.25", "-0.69314718055994530942"),
    (2.0, "0.88079707797788244406", "0.10499358540350651735", "-0.12692801104297249644"),
    (-2.0, "0.11920292202211755594", "0.10499358540350651735", "-2.1269280110429724964"),
    (1.0, "0.73105857863000487925", "0.19661193324148185254", "-0.31326168751822283405"),
    (-1.0, "0.26894142136999512075", "0.19661193324148185254", "-1.313261687518222834"),
    (3.0, "0.95257412682243321912", "0.045176659730912132649", "-0.048587351573742058759"),
    (10.0, "0.99995460213129756561", "0.000045395807735951671032", "-0.000045398899216864646769"),
    (-10.0, "0.000045397868702434394505", "0.000045395807735951671032", "-10.000045398899216865"),
    (36.0, "0.99999999999999976805", "2.3195228302435683123e-16", "-2.3195228302435691193e-16"),
    (40.0, "0.99999999999999999575", "4.2483542552915889592e-18", "-4.2483542552915889863e-18"),
    (-40.0, "4.2483542552915889773e-18", "4.2483542552915889592e-18", "-40.000000000000000004"),
    # Below -709.78 the textbook 1/(1+exp(-x)) overflows; the true values are subnormal.
    (-709.5, "7.3801483140125808486e-309", "7.3801483140125808486e-309", "-709.5"),
    (-710.0, "4.4762862256751299561e-309", "4.4762862256751299561e-309", "-710.0"),
    (-740.0, "4.1887398800480489395e-322", "4.1887398800480489395e-322", "-740.0"),
    (-745.0, "2.8223507304719370764e-324", "2.8223507304719370764e-324", "-745.0"),
    (700.0, "1.0", "9.8596765437597708567e-305", "-9.8596765437597708567e-305"),
]


def ulps(computed, exact, dtype=np.float64):
    return float(ulp_error(np.asarray([computed]), [mpmath.mpf(exact)], dtype)[0])


@pytest.mark.parametrize(("x", "s", "ds", "ls"), TABLE)
def test_table_float64(x, s, ds, ls):
    assert ulps(sigmoid(x), s) <= 1.0
    assert ulps(sigmoid_derivative(x), ds) <= 2.0
    assert ulps(log_sigmoid(x), ls) <= 2.0


@pytest.mark.parametrize(
    ("x", "exact"),
    [
        (-88.0, "6.0546018954011858845e-39"),
        (-90.0, "8.1940126239905154304e-40"),
        (-100.0, "3.720075976020835963e-44"),
        (-103.0, "1.8521167695179754623e-45"),
    ],
)
def test_float32_left_tail_is_subnormal_not_zero(x, exact):
    got = sigmoid(np.float32(x))
    assert got.dtype == np.float32
    assert got > 0
    assert ulps(got, exact, np.float32) <= 1.0


def test_where_expit_underflows_we_do_not():
    x = np.array([-720.0, -740.0])
    with np.errstate(all="ignore"):
        assert np.all(scipy.special.expit(x) == 0.0)  # the behaviour we improve on
    assert np.all(sigmoid(x) > 0.0)
    assert sigmoid(-746.0) == 0.0  # truly below the smallest subnormal / 2


@pytest.mark.parametrize(
    ("p", "exact"),
    [
        (0.25, "-1.0986122886681096914"),
        (0.75, "1.0986122886681096914"),
        (0.1, "-2.1972245773362193211"),
        (0.9, "2.1972245773362196295"),
        (1e-300, "-690.77552789821370518"),
    ],
)
def test_logit_table(p, exact):
    assert ulps(logit(p), exact) <= 2.0


def test_named_values():
    assert sigmoid(0.0) == 0.5
    assert sigmoid_derivative(0.0) == 0.25
    assert logit(0.5) == 0.0
    assert log_sigmoid(0.0) == -np.log(2.0)


def test_special_values():
    inf, nan = np.inf, np.nan
    np.testing.assert_array_equal(sigmoid([-inf, inf, nan]), [0.0, 1.0, nan])
    np.testing.assert_array_equal(sigmoid_derivative([-inf, inf, nan]), [0.0, 0.0, nan])
    np.testing.assert_array_equal(log_sigmoid([-inf, inf, nan]), [-inf, 0.0, nan])
    np.testing.assert_array_equal(logit([0.0, 1.0, nan]), [-inf, inf, nan])
    np.testing.assert_array_equal(logit([-0.5, 1.5, -inf, inf]), [nan] * 4)


EXTREMES = [
    0.0,
    -0.0,
    1e-320,
    -1e-320,
    5e-324,
    1e-308,
    1.0,
    36.8,
    709.8,
    745.2,
    1e308,
    -1e308,
    np.finfo(np.float64).max,
    -np.finfo(np.float64).max,
    np.inf,
    -np.inf,
    np.nan,
]


@pytest.mark.parametrize("func", FUNCS)
@pytest.mark.parametrize("dtype", FLOATS)
def test_no_warnings_or_fp_errors_on_extremes(func, dtype):
    with np.errstate(all="ignore"):
        x = np.array(EXTREMES + [-x for x in EXTREMES]).astype(dtype)
    # Even a caller that turned every floating-point event into an exception is safe.
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        y = func(x)
    assert y.dtype == dtype and y.shape == x.shape
    if func is not logit:
        assert np.array_equal(np.isnan(y), np.isnan(x))


@pytest.mark.parametrize("func", FUNCS)
@pytest.mark.parametrize("dtype", FLOATS)
def test_dtype_is_preserved(func, dtype):
    x = np.linspace(0.05, 0.95, 7, dtype=dtype)
    assert func(x).dtype == dtype
    assert func(dtype(0.5)).dtype == dtype


@pytest.mark.parametrize("func", FUNCS)
@pytest.mark.parametrize("given", [1, True, np.int8(1), np.uint64(1), np.int32(1)])
def test_integers_and_bools_give_float64(func, given):
    y = func(given)
    assert isinstance(y, np.float64)


@pytest.mark.parametrize("func", FUNCS)
def test_scalar_in_scalar_out_and_shapes(func):
    assert np.ndim(func(0.3)) == 0 and not isinstance(func(0.3), np.ndarray)
    assert not isinstance(func(np.array(0.3)), np.ndarray)  # 0-d arrays behave like ufuncs
    assert func([0.1, 0.2]).shape == (2,)
    assert func([[0.1], [0.2]]).shape == (2, 1)
    assert func(np.empty((0, 3))).shape == (0, 3)


@pytest.mark.parametrize("func", FUNCS)
def test_large_non_contiguous_and_in_place_agree_with_small(func):
    rng = np.random.default_rng(0)
    x = rng.uniform(0.0, 1.0, size=(3, BLOCK + 123))  # in (0, 1) so logit is finite too
    expected = np.array([func(float(v)) for v in x[:, ::7].ravel()]).reshape(3, -1)
    np.testing.assert_array_equal(func(x[:, ::7]), expected)  # strided view
    np.testing.assert_array_equal(func(x.T).T, func(x))  # Fortran order
    y = x.copy()
    assert func(y, out=y) is y  # in place
    np.testing.assert_array_equal(y, func(x))


@pytest.mark.parametrize("func", FUNCS)
def test_out_argument_is_checked(func):
    x = np.array([0.2, 0.4])
    out = np.empty(2)
    assert func(x, out=out) is out
    with pytest.raises(ValueError, match="shape"):
        func(x, out=np.empty(3))
    with pytest.raises(ValueError, match="dtype"):
        func(x, out=np.empty(2, dtype=np.float32))
    with pytest.raises(TypeError, match="out="):
        func(x, out=[0.0, 0.0])
    strided = np.empty(4)[::2]
    func(x, out=strided)
    np.testing.assert_array_equal(strided, func(x))


BAD = [
    ("text", "str"),
    (None, "NoneType"),
    ({"a": 1}, "dict"),
    (b"1", "bytes"),
    (np.array([1, "a"], dtype=object), "object"),
    (1 + 2j, "complex"),
    ([1j], "complex"),
    (np.array(["2026-01-01"], dtype="datetime64[D]"), "datetime64"),
    ([[1, 2], [3]], "list"),
]


@pytest.mark.parametrize("func", FUNCS)
@pytest.mark.parametrize(("bad", "named"), BAD)
def test_bad_input_raises_type_error_naming_both_sides(func, bad, named):
    with pytest.raises(TypeError) as info:
        func(bad)
    message = str(info.value)
    assert func.__name__ in message
    assert named in message  # what was given
    assert "accepts" in message and "floating" in message  # what is accepted
    assert f"argument {'p' if func is logit else 'x'}" in message  # which argument


def test_symmetry_exact_in_float64_on_a_grid():
    x = np.linspace(-30, 30, 6001)
    # sigma(x) + sigma(-x) = 1 up to one rounding of the larger term
    assert np.max(np.abs(sigmoid(x) + sigmoid(-x) - 1.0)) <= np.finfo(float).eps
    np.testing.assert_array_equal(sigmoid_derivative(x), sigmoid_derivative(-x))


def test_derivative_is_not_the_cancelling_product():
    x = np.array([37.0, 50.0, 700.0])
    s = 1 / (1 + np.exp(-x))
    assert np.all(s * (1 - s) == 0.0)  # the naive product loses everything here
    np.testing.assert_allclose(sigmoid_derivative(x), np.exp(-x), rtol=1e-15)


def test_log_sigmoid_beats_log_of_sigmoid():
    assert log_sigmoid(-800.0) == -800.0  # log(sigmoid(-800)) is -inf
    assert log_sigmoid(40.0) == pytest.approx(-4.2483542552915889863e-18, rel=1e-15)


def test_logit_inverts_sigmoid():
    # For z > 0, sigma(z) is close to 1 and its rounding erases digits of 1 - sigma(z) that
    # logit would need: there the round trip is ill-conditioned, whatever the code.
    z = np.linspace(-30, 1, 311)
    assert np.all(np.abs(logit(sigmoid(z)) - z) <= 8 * np.spacing(np.abs(z) + 1))


def test_sigmoid_reaches_one_only_where_the_exact_value_rounds_to_one():
    # Exact sigma(x) rounds to 1 above 54 ln 2 = 37.43 (float64) and 25 ln 2 = 17.33
    # (float32). The textbook 1 / (1 + exp(-x)) already returns 1 above 53 ln 2 = 36.74 /
    # 24 ln 2 = 16.64, because 1 + exp(-x) rounds to 1 first.
    assert sigmoid(37.40) < 1.0 and sigmoid(37.46) == 1.0
    assert 1 / (1 + np.exp(-36.8)) == 1.0 and sigmoid(36.8) < 1.0
    assert sigmoid(np.float32(17.30)) < 1 and sigmoid(np.float32(17.36)) == 1
    assert sigmoid(np.float32(16.7)) < 1


def test_docstring_thresholds():
    # The Notes of sigmoid_derivative and log_sigmoid quote these float64 thresholds.
    s_below, s_above = sigmoid(np.array([37.42, 37.44]))
    assert s_below < 1.0 and s_above == 1.0  # sigma rounds to 1 just past 54 ln 2 = 37.43
    assert round(54 * np.log(2), 2) == 37.43
    assert s_below * (1 - s_below) > 0 and s_above * (1 - s_above) == 0.0
    assert round(-np.log(np.finfo(np.float64).tiny), 1) == 708.4  # smallest normal = e^-708.4
    assert sigmoid_derivative(708.3) >= np.finfo(np.float64).tiny > sigmoid_derivative(708.5)
    assert sigmoid_derivative(745.13) > 0 and sigmoid_derivative(745.14) == 0.0
    with np.errstate(divide="ignore"):
        assert np.log(sigmoid(-745.14)) == -np.inf and np.log(sigmoid(37.44)) == 0.0


# --- out= follows NumPy's ufunc rules (issue: overlapping out corrupted the result) ---


def test_reported_overlap_case():
    a = np.linspace(-9, 9, 50000)
    r = sigmoid(a[:40000].copy())
    sigmoid(a[:40000], out=a[10000:])
    np.testing.assert_array_equal(a[10000:], r)


def _overlap_pairs(a):
    # (input view, out view) pairs over the same buffer `a` of 5 * BLOCK elements
    n = 2 * BLOCK + 10
    return {
        "forward": (a[:n], a[5 : n + 5]),
        "backward": (a[5 : n + 5], a[:n]),
        "far-forward": (a[:n], a[BLOCK : BLOCK + n]),
        "reversed": (a[:n], a[:n][::-1]),
        "strided-in": (a[: 2 * n : 2], a[1 : n + 1]),
        "strided-out": (a[1 : n + 1], a[: 2 * n : 2]),
        "2-d-transposed": (a[: 100 * 90].reshape(100, 90), a[: 100 * 90].reshape(90, 100).T),
        "interleaved": (a[: 2 * n : 2], a[1 : 2 * n : 2]),  # shares the buffer, no element
    }


@pytest.mark.parametrize("func", FUNCS)
@pytest.mark.parametrize(
    "kind",
    [
        "forward",
        "backward",
        "far-forward",
        "reversed",
        "strided-in",
        "strided-out",
        "2-d-transposed",
        "interleaved",
    ],
)
@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.float16])
def test_overlapping_out_gives_the_non_overlapping_result(func, kind, dtype):
    a = np.random.default_rng(5).uniform(0.01, 0.99, 5 * BLOCK).astype(dtype)
    x, out = _overlap_pairs(a)[kind]
    expected = func(x.copy())
    assert func(x, out=out) is out
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("func", FUNCS)
def test_exact_in_place_needs_no_full_copy(func):
    x = np.random.default_rng(6).uniform(0.01, 0.99, 1 << 20)
    expected = func(x.copy())
    tracemalloc.start()
    try:
        func(x, out=x)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    np.testing.assert_array_equal(x, expected)
    assert peak < x.nbytes / 4  # block-sized scratch only


@pytest.mark.parametrize("func", FUNCS)
def test_float16_needs_no_wide_copies(func):
    x = np.random.default_rng(7).uniform(0.01, 0.99, 1 << 21).astype(np.float16)
    tracemalloc.start()
    try:
        y = func(x)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert y.dtype == np.float16
    # the result itself plus block-sized scratch (the old path needed 5x the result)
    assert peak < y.nbytes + (1 << 20)


@pytest.mark.parametrize("func", FUNCS)
def test_scalar_with_out_returns_out(func):
    out = np.empty(())
    assert func(0.3, out=out) is out
    assert out[()] == func(0.3)
    out32 = np.empty((), dtype=np.float32)
    assert func(np.float32(0.3), out=out32) is out32


@pytest.mark.parametrize("func", FUNCS)
def test_out_only_ever_holds_final_values(func):
    # Another thread reading out= while the function runs must see each element either as it
    # was before or as its final value, never an intermediate (exp(-|x|), 1 + e, ...).
    x = np.random.default_rng(8).uniform(0.01, 0.99, 8 * BLOCK)
    final = func(x)
    sentinel = -7.0
    bad = []
    for _ in range(10):
        out = np.full_like(x, sentinel)
        done = threading.Event()

        def watch(out=out, done=done):
            while not done.is_set():
                seen = out.copy()
                wrong = (seen != sentinel) & (seen != final)
                if wrong.any():
                    bad.append(seen[wrong][:3])
                    return

        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            for _ in range(5):
                func(x, out=out)
                out[...] = sentinel
        finally:
            done.set()
            watcher.join()
    assert not bad, f"intermediate values seen in out=: {bad[:3]}"


# --- special values, for every function and dtype (issue 6) ---


@pytest.mark.parametrize("dtype", FLOATS)
def test_special_values_every_dtype(dtype):
    info = np.finfo(dtype)
    big, tiny_sub = info.max, info.smallest_subnormal
    x = np.array([np.inf, -np.inf, np.nan, 0.0, -0.0, tiny_sub, -tiny_sub, big, -big], dtype)
    s = sigmoid(x)
    np.testing.assert_array_equal(s, np.array([1, 0, np.nan, 0.5, 0.5, 0.5, 0.5, 1, 0], dtype))
    d = sigmoid_derivative(x)
    np.testing.assert_array_equal(d, np.array([0, 0, np.nan] + [0.25] * 4 + [0, 0], dtype))
    d2 = sigmoid_second_derivative(x)
    assert np.isnan(d2[2]) and np.all(d2[[0, 1, 3, 4, 7, 8]] == 0)
    # sigma''(x) ~ -x/8 near 0: signs follow -x, zeros included (an odd function)
    assert np.array_equal(
        np.signbit(d2[[0, 1, 3, 4, 7, 8]]), [True, False, True, False] * 1 + [True, False]
    )
    assert d2[5] <= 0 <= d2[6]  # -x/8 rounds to -0 / +0 (or the smallest subnormal)
    ls = log_sigmoid(x)
    np.testing.assert_array_equal(ls[[0, 1, 2, 8]], np.array([0, -np.inf, np.nan, -big], dtype))
    assert np.all(ls[[3, 4, 5, 6]] == -np.log(dtype(2)))
    assert ls[7] == 0
    p = np.array([0, -0.0, 1, np.nan, tiny_sub, -tiny_sub, big, np.inf, -np.inf, 0.5], dtype)
    lp = logit(p)
    np.testing.assert_array_equal(
        lp[[0, 1, 2, 3, 9]], np.array([-np.inf, -np.inf, np.inf, np.nan, 0], dtype)
    )
    assert np.isfinite(lp[4]) and lp[4] < 0
    assert np.all(np.isnan(lp[[5, 6, 7, 8]]))


# --- The blocked kernel (chapter 8, "How close to the hardware?") -------------------------


def _unblocked_sigmoid(x):
    """The formula of the sigmoid kernel on whole arrays, without blocks or bit tricks."""
    with np.errstate(all="ignore"):
        e = np.exp(-np.abs(x))
        return np.abs((x >= 0) - e / (1 + e))


class _RecordingNumPy:
    """Stands in for the ``np`` a module sees; records the names of the ufuncs called."""

    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        thing = getattr(np, name)
        if not isinstance(thing, np.ufunc):
            return thing

        def call(*args, **kwargs):
            self.calls.append(thing.__name__)
            return thing(*args, **kwargs)

        return call


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_kernel_makes_exactly_the_documented_passes(monkeypatch, dtype):
    from sigmoidlab.kernels import logistic

    recorder = _RecordingNumPy()
    monkeypatch.setattr(logistic, "np", recorder)
    x = np.linspace(-40, 40, 101).astype(dtype)
    out = np.empty_like(x)
    scratch = [np.empty_like(x), np.empty_like(x)]
    logistic._sigmoid_kernel(x, out, scratch, np.empty(x.size, dtype=bool))
    assert recorder.calls == [name for name, _ in logistic.SIGMOID_PASSES]
    np.testing.assert_array_equal(out, _unblocked_sigmoid(x))


def test_sigmoid_kernel_longdouble_uses_float_passes_for_minus_abs(monkeypatch):
    from sigmoidlab.kernels import logistic

    recorder = _RecordingNumPy()
    monkeypatch.setattr(logistic, "np", recorder)
    x = np.linspace(-40, 40, 11).astype(np.longdouble)
    out = np.empty_like(x)
    logistic._sigmoid_kernel(x, out, [np.empty_like(x), np.empty_like(x)], np.empty(11, bool))
    assert recorder.calls[1:3] == ["absolute", "negative"]
    np.testing.assert_array_equal(out, _unblocked_sigmoid(x))


def _edge_sizes(dtype):
    from sigmoidlab.kernels._arrays import block_length

    # the work dtype: float16 is evaluated in float64, sigmoid keeps float32 in float32
    n = block_length(np.float64 if dtype == np.float16 else dtype)
    return [1, n - 1, n, n + 1, 2 * n - 1, 2 * n, 2 * n + 1, 3 * n + 7]


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.longdouble])
def test_sigmoid_is_bit_identical_to_the_unblocked_formula_at_block_edges(dtype):
    rng = np.random.default_rng(11)
    for n in _edge_sizes(dtype):
        x = rng.uniform(-50, 50, n).astype(dtype)
        x[:: max(1, n // 7)] = 0.0  # the branch point, and a few exact zeros per block
        np.testing.assert_array_equal(sigmoid(x), _unblocked_sigmoid(x), err_msg=f"n={n}")


@pytest.mark.parametrize("func", FUNCS)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_block_edges_do_not_change_any_value(func, dtype):
    # Each value must be the same whether it sits first, last or mid-block: compare the
    # whole array with pieces of 1000 elements, each evaluated on its own.
    rng = np.random.default_rng(12)
    for n in _edge_sizes(dtype)[1:]:
        x = rng.uniform(0.01, 0.99, n).astype(dtype)  # in (0, 1): logit is finite too
        pieces = np.concatenate([func(x[i : i + 1000]) for i in range(0, n, 1000)])
        np.testing.assert_array_equal(func(x), pieces, err_msg=f"n={n}")


@pytest.mark.parametrize("func", FUNCS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_non_contiguous_inputs_and_outputs_across_block_edges(func, dtype):
    n = _edge_sizes(dtype)[-1]
    base = np.random.default_rng(13).uniform(0.01, 0.99, 3 * n).astype(dtype)
    for x in (base[::3], base[::-2][:n], base.reshape(3, n).T):
        expected = func(np.ascontiguousarray(x))
        np.testing.assert_array_equal(func(x), expected)
        out = np.empty((2 * x.shape[0], *x.shape[1:]), dtype=dtype)[::2]
        assert func(x, out=out) is out
        np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("func", FUNCS)
@pytest.mark.parametrize("dtype", FLOATS)
def test_zero_dimensional_arrays(func, dtype):
    x = np.array(0.3, dtype=dtype)
    got = func(x)
    assert np.ndim(got) == 0 and got.dtype == dtype
    assert got == func(np.array([0.3], dtype=dtype))[0]
    out = np.empty((), dtype=dtype)
    assert func(x, out=out) is out and out == got
