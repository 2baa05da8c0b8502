"""Property-based tests (hypothesis): identities that must hold for every input."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from sigmoidlab import log_sigmoid, logit, sigmoid, sigmoid_derivative

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
