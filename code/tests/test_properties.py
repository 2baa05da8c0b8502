"""Property-based tests (hypothesis): identities that must hold for every input."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sigmoidlab import log_sigmoid, logit, sigmoid, sigmoid_derivative, sigmoid_second_derivative

EPS = np.finfo(np.float64).eps
reals = st.floats(allow_nan=False, allow_infinity=False)
moderate = st.floats(min_value=-700, max_value=700)
probabilities = st.floats(min_value=1e-300, max_value=1.0, exclude_max=True)


@given(reals)
def test_range(x):
    s = sigmoid(x)
    assert 0.0 <= s <= 1.0
    assert 0.0 <= sigmoid_derivative(x) <= 0.25
    assert log_sigmoid(x) <= 0.0


@given(moderate)
def test_symmetry_within_a_few_ulp(x):
    # sigma(-x) = 1 - sigma(x). Compare on the larger side: 1 - small is computed almost
    # exactly, while 1 - large would lose the digits that large itself cannot hold.
    small, large = sorted([sigmoid(x), sigmoid(-x)])
    assert abs(large - (1.0 - small)) <= np.spacing(large)


@given(reals, reals)
def test_monotonic(a, b):
    lo, hi = sorted([a, b])
    assert sigmoid(lo) <= sigmoid(hi)
    assert log_sigmoid(lo) <= log_sigmoid(hi)


@given(probabilities)
def test_sigmoid_of_logit_round_trips(p):
    # The rounding of z = logit(p) (relative eps, so absolute eps*|z|) moves sigma(z) by a
    # relative eps*|z| on the small side; the final result is rounded to spacing(p).
    z = logit(p)
    back = sigmoid(z)
    assert abs(back - p) <= 4 * EPS * (1 + abs(z)) * min(p, 1 - p) + np.spacing(p)


@given(st.floats(min_value=-30, max_value=30))
def test_derivative_matches_central_difference(x):
    h = 1e-5
    numeric = (sigmoid(x + h) - sigmoid(x - h)) / (2 * h)
    # truncation ~ h^2 |sigma'''| / 6 <= 2e-12 and round-off ~ eps / h ~ 2e-11
    assert abs(numeric - sigmoid_derivative(x)) <= 5e-11


@given(moderate)
def test_derivative_equals_product_forms(x):
    d = sigmoid_derivative(x)
    assert np.isclose(d, sigmoid(x) * sigmoid(-x), rtol=8 * EPS, atol=0)


@given(moderate)
def test_log_sigmoid_matches_log_where_safe(x):
    s = sigmoid(x)
    if 1e-300 < s < 0.5:
        assert np.isclose(log_sigmoid(x), np.log(s), rtol=8 * EPS, atol=0)


ALL = [sigmoid, sigmoid_derivative, sigmoid_second_derivative, log_sigmoid, logit]
FLOATS = [np.float16, np.float32, np.float64, np.longdouble]


@st.composite
def any_float_array(draw):
    """Arrays of every float dtype holding anything: subnormals, +-0, +-inf, NaN, extremes."""
    dtype = draw(st.sampled_from(FLOATS))
    width = min(np.dtype(dtype).itemsize * 8, 64)
    info = np.finfo(dtype)
    extremes = [info.smallest_subnormal, info.tiny, info.max, np.inf, np.nan, 0.0]
    special = st.sampled_from([float(v) * sign for v in extremes for sign in (1, -1)])
    elements = st.floats(width=width, allow_subnormal=True) | special
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=8))
    return draw(hnp.arrays(dtype, shape, elements=elements))


@pytest.mark.parametrize("func", ALL)
@given(x=any_float_array())
def test_never_raises_or_warns_under_errstate_raise(func, x):
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        y = func(x)
    assert np.asarray(y).dtype == x.dtype and np.shape(y) == x.shape
    assert np.all(np.isnan(y) | ~np.isnan(x)) or func is logit  # NaN in, NaN out


@pytest.mark.parametrize("func", ALL)
@given(x=st.floats(allow_subnormal=True, width=32) | st.floats(allow_subnormal=True))
def test_scalars_never_raise_under_errstate_raise(func, x):
    for value in (x, np.float32(x) if abs(x) < 3e38 or not np.isfinite(x) else x):
        with warnings.catch_warnings(), np.errstate(all="raise"):
            warnings.simplefilter("error")
            func(value)


@given(st.floats(min_value=-30, max_value=30))
def test_second_derivative_matches_central_difference(x):
    h = 1e-5
    numeric = (sigmoid_derivative(x + h) - sigmoid_derivative(x - h)) / (2 * h)
    assert abs(numeric - sigmoid_second_derivative(x)) <= 5e-11
