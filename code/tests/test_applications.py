"""sigmoidlab.kernels.activations, .regression and .gates (chapter 9)."""

import mpmath
import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from sigmoidlab import sigmoid
from sigmoidlab.kernels.activations import gelu, gelu_sigmoid, gelu_tanh, hard_swish, silu, softmax
from sigmoidlab.models.datasets import standardize
from sigmoidlab.models.gates import LSTMCell
from sigmoidlab.models.logistic_regression import LogisticRegressionGD


def test_gelu_against_mpmath_and_approximations():
    mpmath.mp.dps = 30
    for x in (-3.0, -0.5, 0.7, 2.0):
        exact = float(mpmath.mpf(x) * mpmath.ncdf(x))
        assert gelu(x) == pytest.approx(exact, rel=1e-14)
    x = np.linspace(-10, 10, 20_001)
    assert 0.019 < np.abs(gelu_sigmoid(x) - gelu(x)).max() < 0.021
    assert 4e-4 < np.abs(gelu_tanh(x) - gelu(x)).max() < 5e-4


def test_silu_minimum_and_hard_swish():
    x = np.linspace(-3, 0, 300_001)
    s = silu(x)
    assert s.min() == pytest.approx(-0.2785, abs=1e-4)
    assert x[s.argmin()] == pytest.approx(-1.2785, abs=1e-3)
    np.testing.assert_array_equal(hard_swish([-4.0, 0.0, 4.0]), [0.0, 0.0, 4.0])


def test_softmax_two_classes_is_the_sigmoid_and_is_stable():
    z = np.linspace(-50, 50, 101)
    pairs = np.stack([z, np.zeros_like(z)], axis=1)
    np.testing.assert_allclose(softmax(pairs)[:, 0], sigmoid(z), rtol=1e-14)
    assert np.all(np.isfinite(softmax([1000.0, 0.0, -1000.0])))
    assert softmax([[1.0, 2.0], [3.0, 3.0]]).sum(axis=1) == pytest.approx([1.0, 1.0])


def test_logistic_regression_matches_scikit_learn():
    X, y = load_breast_cancer(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
    Str, Ste = standardize(Xtr, Xte)
    ours = LogisticRegressionGD(C=1.0, eta=1.0, epochs=3000).fit(Str, ytr)
    theirs = LogisticRegression(C=1.0, max_iter=10_000).fit(Str, ytr)
    assert abs((ours.predict(Ste) == yte).mean() - (theirs.predict(Ste) == yte).mean()) <= 0.01
    assert np.corrcoef(ours.coef_, theirs.coef_[0])[0, 1] > 0.999
    assert np.all(np.diff(ours.history_.loss) <= 1e-12)
    with pytest.raises(ValueError, match="0 or 1"):
        LogisticRegressionGD().fit(Str[:3], [0, 1, 2])


def test_lstm_gates_are_sigmoids_and_forget_gate_controls_memory():
    cell = LSTMCell.random(inputs=3, hidden=4, seed=1)
    h, _, gates = cell.step([1.0, -1.0, 0.5], np.zeros(4), np.ones(4))
    assert all(np.all((g > 0) & (g < 1)) for g in gates.values())
    assert np.all(np.abs(h) < 1)
    cell.b["f"][:] = 50.0  # forget gate open: keep the memory
    cell.b["i"][:] = -50.0  # input gate shut: write nothing
    _, c_keep, _ = cell.step([1.0, -1.0, 0.5], np.zeros(4), np.ones(4))
    np.testing.assert_allclose(c_keep, np.ones(4), atol=1e-12)


# --- Accuracy of the activations and the family against mpmath -------------------------------
# The exact functions, as mpmath expressions of an exact mpf x. Constants are built inside the
# lambdas so they get the working precision of the call (an mpf made at import has 53 bits).


def _mp_sigmoid(z):
    return 1 / (1 + mpmath.exp(-z))


REFERENCES = {
    "silu": lambda x: x * _mp_sigmoid(x),
    # (mpmath's ncdf overflows for |x| ~ 1e154; there gelu is x or underflows to 0)
    "gelu": lambda x: x * mpmath.ncdf(x) if abs(x) < 100 else max(x, 0),
    "gelu_sigmoid": lambda x: x * _mp_sigmoid(mpmath.mpf("1.702") * x),
    # x sigma(2u) = x (1 + tanh u) / 2 exactly, without the cancellation of 1 + tanh u
    "gelu_tanh": lambda x: (
        x * _mp_sigmoid(2 * mpmath.sqrt(2 / mpmath.pi) * (x + mpmath.mpf("0.044715") * x**3))
    ),
    "hard_swish": lambda x: x * min(1, max(0, (x + 3) / 6)),
    "hard_sigmoid": lambda x: min(1, max(0, (x + 3) / 6)),
    "softsign": lambda x: x / (1 + abs(x)),
    "scaled_arctan": lambda x: 2 / mpmath.pi * mpmath.atan(x),
    "softplus": lambda x: mpmath.log1p(mpmath.exp(x)),
}

# The float64 bound each docstring states ("at most N ULP in float64"); float32 inputs are
# computed in float64 and rounded once, so 0.5 ULP (plus a hair for double rounding).
FLOAT64_BOUNDS = {
    "silu": 4,
    "gelu": 7,
    "gelu_sigmoid": 4,
    "gelu_tanh": 4,
    "hard_swish": 2,
    "hard_sigmoid": 1.5,
    "softsign": 2,
    "scaled_arctan": 2,
    "softplus": 4,
}


def to_mpf(v):
    """A float (longdouble included) as an exact mpf."""
    v = np.asarray(v)[()]
    if v.dtype.itemsize <= 8 or not np.isfinite(v):
        return mpmath.mpf(float(v))
    m, e = np.frexp(v)
    return mpmath.ldexp(mpmath.mpf(int(np.ldexp(m, 64))), int(e) - 64)


def exact(name, xs, dps=60):
    with mpmath.workdps(dps):
        return [REFERENCES[name](to_mpf(v)) for v in np.ravel(xs)]


def accuracy_points(dtype):
    """Both tails down to where the results underflow, the middle, subnormals, near 0."""
    info = np.finfo(dtype)
    lo = -760.0 if dtype == np.float64 else -110.0
    rng = np.random.default_rng(7)
    tiny = np.geomspace(float(info.smallest_subnormal), 1.0, 300)
    parts = [
        np.linspace(lo, 40, 1501),
        np.linspace(-40, 5, 1501),
        rng.uniform(lo, 40, 600),
        tiny,
        -tiny,
        np.array([-3.0, 3.0, np.nextafter(-3.0, 0), 1e10, 1e100, -1e100]),
    ]
    with np.errstate(over="ignore", under="ignore"):
        x = np.concatenate(parts).astype(dtype)
    return np.unique(x[np.isfinite(x)])


def _function(name):
    from sigmoidlab.kernels import activations, family
    from sigmoidlab.models import losses

    for module in (activations, family, losses):
        if hasattr(module, name):
            return getattr(module, name)
    raise KeyError(name)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_ulp_bound_in_the_docstring_holds(name, dtype):
    from sigmoidlab.kernels.ulp import ulp_error

    func = _function(name)
    bound = FLOAT64_BOUNDS[name]
    doc = " ".join(func.__doc__.split())
    assert f"at most {bound} ULP in float64" in doc and "0.5 ULP in float32" in doc
    xs = accuracy_points(dtype)
    got = func(xs)
    assert got.dtype == dtype
    err = ulp_error(got, exact(name, xs), dtype)
    limit = bound if dtype == np.float64 else 0.5 + 1e-6
    worst = int(np.argmax(err))
    assert err.max() <= limit, f"{name}: {err.max():.3g} ULP at x = {xs[worst]!r}"


def test_reviewer_cases_gelu_tanh_left_tail_is_not_zero():
    # 1 + tanh(u) rounded to 0 for x < -5.6, although the value is representable to -19.6
    x = np.array([-6.0, -10.0, -19.0])
    got = gelu_tanh(x)
    assert np.all(got < 0)
    from sigmoidlab.kernels.ulp import ulp_error

    assert ulp_error(got, exact("gelu_tanh", x), np.float64).max() <= 4


def test_reviewer_cases_silu_near_subnormals_and_gelu_tail():
    from sigmoidlab.kernels.ulp import ulp_error

    x = np.array([-740.7894394629205, -720.0, -708.0])
    assert ulp_error(silu(x), exact("silu", x), np.float64).max() <= 4  # was 370
    x = np.array([-5.0, -12.0, -25.0, -37.5])
    assert ulp_error(gelu(x), exact("gelu", x), np.float64).max() <= 7  # ndtr: 1,000+
    x = np.array([-324.34060582255955, -400.0])
    assert ulp_error(gelu_sigmoid(x), exact("gelu_sigmoid", x), np.float64).max() <= 4  # 599


def _softmax_exact(z):
    with mpmath.workdps(60):
        zz = [to_mpf(v) for v in z]
        m = max(zz)
        es = [mpmath.exp(v - m) for v in zz]
        total = mpmath.fsum(es)
        return [e / total for e in es]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_softmax_ulp_bound(dtype):
    from sigmoidlab.kernels.ulp import ulp_error

    doc = " ".join(softmax.__doc__.split())
    assert "at most 5 ULP in float64 and 0.5 ULP in float32" in doc
    rng = np.random.default_rng(3)
    worst = 0.0
    for n in (2, 3, 10, 100):
        for scale in (1, 30, 700):
            for _ in range(4):
                z = (rng.standard_normal(n) * scale).astype(dtype)
                got = softmax(z)
                assert got.dtype == dtype
                worst = max(worst, ulp_error(got, _softmax_exact(z), dtype).max())
    assert worst <= (5 if dtype == np.float64 else 0.5 + 1e-6)


def test_softmax_limits_and_nan():
    with np.errstate(all="raise"):
        got = softmax([[np.inf, np.inf, 1.0], [np.inf, -np.inf, 0.0], [-np.inf, -np.inf, -np.inf]])
        np.testing.assert_array_equal(got, [[0.5, 0.5, 0], [1, 0, 0], [1 / 3, 1 / 3, 1 / 3]])
        assert np.all(np.isnan(softmax([1.0, np.nan, 2.0])))
        assert np.all(np.isnan(softmax([np.inf, np.nan])))
        np.testing.assert_array_equal(softmax([[1.0, np.nan], [0.0, 0.0]])[1], [0.5, 0.5])
    assert softmax(3.0) == 1.0 and softmax(np.empty((0, 3))).shape == (0, 3)
    assert softmax(np.empty((3, 0))).shape == (3, 0)
    np.testing.assert_allclose(softmax([[1.0, 2.0], [3.0, 4.0]], axis=None).sum(), 1.0)
    with pytest.raises(ValueError, match=r"softmax\(\) argument axis"):
        softmax([1.0, 2.0], axis=1)
    with pytest.raises(TypeError, match=r"softmax\(\) argument axis"):
        softmax([1.0, 2.0], axis="0")
