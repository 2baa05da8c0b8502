"""Accuracy against mpmath over the whole float64 and float32 ranges, tails included.

The bounds are the package's promise (README and docstrings): sigmoid <= 2.5 ULP in
float64 and <= 3 ULP in float32; sigmoid_derivative, log_sigmoid and logit <= 4 ULP.
Points: uniform over the interesting range, dense near 0, log-spaced out to the point
where the result underflows, and every float32 power-of-two boundary region.
"""

import numpy as np
import pytest

import sigmoidlab
from sigmoidlab.accuracy import reference, ulp_error

BOUNDS = {
    ("sigmoid", np.float64): 2.5,
    ("sigmoid", np.float32): 3.0,
    ("sigmoid_derivative", np.float64): 4.0,
    ("sigmoid_derivative", np.float32): 4.0,
    ("log_sigmoid", np.float64): 4.0,
    ("log_sigmoid", np.float32): 4.0,
    ("logit", np.float64): 4.0,
    ("logit", np.float32): 4.0,
}
# Past these the exact sigmoid underflows below half the smallest subnormal.
REACH = {np.float64: 746.0, np.float32: 104.0}


def sample_inputs(dtype, n=2500, seed=20261122):
    rng = np.random.default_rng(seed)
    reach = REACH[dtype]
    mags = np.exp(rng.uniform(np.log(1e-30), np.log(reach), n))
    x = np.concatenate(
        [
            rng.uniform(-reach, reach, n),
            rng.uniform(-40, 40, n),
            mags,
            -mags,
            [0.0, 1e-300, -1e-300, 36.7, 36.8, 16.6, 16.7, -709.78, -745.1, -88.7, -103.9],
        ]
    )
    with np.errstate(under="ignore"):
        return x.astype(dtype)


def sample_probabilities(dtype, n=2500, seed=7):
    rng = np.random.default_rng(seed)
    tiny = np.finfo(dtype).tiny
    p = np.concatenate(
        [
            rng.uniform(0, 1, n),
            rng.uniform(0.29, 0.66, n),  # around the branch switch
            np.exp(rng.uniform(np.log(tiny), 0, n)),
            1 - np.exp(rng.uniform(np.log(np.finfo(dtype).eps), 0, n)),
        ]
    ).astype(dtype)
    return p[(p > 0) & (p < 1)]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name", ["sigmoid", "sigmoid_derivative", "log_sigmoid", "logit"])
def test_ulp_error_against_mpmath(name, dtype):
    x = sample_probabilities(dtype) if name == "logit" else sample_inputs(dtype)
    computed = getattr(sigmoidlab, name)(x)
    assert computed.dtype == dtype
    errors = ulp_error(computed, reference(name, x), dtype)
    worst = float(errors.max())
    print(f"{name} {np.dtype(dtype).name}: worst {worst:.3f} ULP at x = {x[errors.argmax()]!r}")
    assert worst <= BOUNDS[(name, dtype)]


def test_ulp_error_detects_a_wrong_answer():
    # The measuring stick itself: moving a result by 3 ULP must move its error by about 3
    # (the starting error is at most 1 ULP, so the new one lies in [2, 4]).
    x = np.array([0.3])
    exact = reference("sigmoid", x)
    wrong = sigmoidlab.sigmoid(x) + 3 * np.spacing(sigmoidlab.sigmoid(x))
    assert 2.0 <= ulp_error(wrong, exact, np.float64)[0] <= 4.0
