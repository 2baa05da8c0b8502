"""sigmoidlab.models.calibration (chapter 9): ECE, reliability bins, Platt and temperature."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.calibration import calibration_curve
from sklearn.linear_model import LogisticRegression

from sigmoidlab import sigmoid
from sigmoidlab.kernels.activations import softmax
from sigmoidlab.models.calibration import (
    expected_calibration_error,
    fit_platt,
    fit_temperature,
    reliability_bins,
)


def _synthetic(n, seed, A=1.0, B=0.0):
    """Scores s and labels drawn with P(y = 1 | s) = sigma(A s + B)."""
    rng = np.random.default_rng(seed)
    s = rng.normal(0, 2, n)
    y = (rng.random(n) < sigmoid(A * s + B)).astype(float)
    return s, y


@pytest.mark.parametrize(
    ("p", "y", "n_bins", "ece"),
    [
        ([0.5, 0.5], [0, 1], 10, 0.0),  # one bin, mean 0.5, half positive
        ([0.9, 0.9, 0.9, 0.9], [1, 1, 1, 0], 10, 0.15),  # 0.75 vs 0.9
        ([0.0, 1.0], [1, 0], 10, 1.0),  # confidently wrong
        ([0.1, 0.9], [0, 1], 1, 0.0),  # one bin: gap of the overall means
        ([0.2, 0.2, 0.8, 0.8], [0, 0, 1, 1], 2, 0.2),
        ([0.3], [1], 10, 0.7),
    ],
)
def test_ece_table(p, y, n_bins, ece):
    assert expected_calibration_error(p, y, n_bins) == pytest.approx(ece, abs=1e-12)


@pytest.mark.parametrize("n_bins", [1, 3, 5, 10, 15])
def test_bins_match_scikit_learn(n_bins):
    rng = np.random.default_rng(n_bins)
    p = np.concatenate([rng.random(300), np.linspace(0, 1, 21)])  # include the edges
    y = (rng.random(p.size) < p).astype(int)
    bins = reliability_bins(p, y, n_bins)
    frac, mean = calibration_curve(y, p, n_bins=n_bins)
    full = bins.counts > 0
    np.testing.assert_allclose(bins.fraction_positive[full], frac, rtol=1e-12)
    np.testing.assert_allclose(bins.mean_predicted[full], mean, rtol=1e-12)
    assert bins.counts.sum() == p.size and np.all(np.isnan(bins.gaps[~full]))


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_ece_of_calibrated_data_goes_to_zero(seed):
    rng = np.random.default_rng(seed)
    eces = []
    for n in (1_000, 100_000):
        p = rng.random(n)
        y = (rng.random(n) < p).astype(int)  # calibrated by construction
        eces.append(expected_calibration_error(p, y))
    assert eces[1] < 0.02 and eces[1] < eces[0] + 0.005


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.floats(0, 1), min_size=1, max_size=50),
    st.integers(0, 2**32 - 1),
    st.integers(1, 20),
)
def test_ece_lies_in_unit_interval(p, seed, n_bins):
    y = np.random.default_rng(seed).integers(0, 2, len(p))
    assert 0.0 <= expected_calibration_error(p, y, n_bins) <= 1.0


@pytest.mark.parametrize(("A", "B"), [(1.0, 0.0), (0.3, -1.0), (2.5, 0.7), (-1.5, 0.2)])
def test_platt_recovers_known_parameters(A, B):
    s, y = _synthetic(200_000, seed=7, A=A, B=B)
    fit = fit_platt(s, y, smoothed_targets=False)
    assert fit.A == pytest.approx(A, abs=0.03) and fit.B == pytest.approx(B, abs=0.03)


def test_platt_is_logistic_regression_on_one_feature():
    s, y = _synthetic(2_000, seed=3, A=0.5, B=0.4)
    ours = fit_platt(s, y, smoothed_targets=False)
    theirs = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000)
    theirs.fit(s[:, None], y)
    assert ours.A == pytest.approx(theirs.coef_[0, 0], rel=1e-6)
    assert ours.B == pytest.approx(theirs.intercept_[0], rel=1e-6, abs=1e-8)
    np.testing.assert_allclose(ours.predict_proba(s), sigmoid(ours.A * s + ours.B))


def test_platt_targets_keep_separable_scores_finite():
    s, y = np.array([-2.0, -1.0, 1.0, 2.0]), np.array([0, 0, 1, 1])
    fit = fit_platt(s, y)
    assert np.isfinite(fit.A) and fit.A > 0
    # the optimum's two equations, with Platt's targets (N+ + 1)/(N+ + 2) = 3/4
    # and 1/(N- + 2) = 1/4 in place of the labels
    residual = fit.predict_proba(s) - np.array([0.25, 0.25, 0.75, 0.75])
    assert abs(residual.mean()) < 1e-10 and abs((residual * s).mean()) < 1e-10
    with pytest.raises(ValueError, match="separate"):
        fit_platt(s, y, smoothed_targets=False)


@pytest.mark.parametrize(("T", "seed"), [(0.5, 0), (1.0, 1), (2.0, 2), (4.0, 3)])
def test_temperature_recovers_known_temperature(T, seed):
    s, y = _synthetic(200_000, seed)  # calibrated at T = 1
    assert fit_temperature(T * s, y) == pytest.approx(T, rel=0.03)


def test_temperature_multiclass_and_identity():
    rng = np.random.default_rng(5)
    z = rng.normal(0, 2, (50_000, 4))
    probs = softmax(z, axis=1)
    cum = np.cumsum(probs, axis=1)
    y = (rng.random((len(z), 1)) > cum).sum(axis=1)  # drawn from softmax(z)
    assert fit_temperature(z, y) == pytest.approx(1.0, rel=0.03)  # T = 1: no change
    assert fit_temperature(3 * z, y) == pytest.approx(3.0, rel=0.03)
    T = fit_temperature(3 * z, y)
    same = np.argmax(3 * z / T, axis=1) == np.argmax(3 * z, axis=1)
    assert np.all(same)  # T > 0 never changes the predicted class


@pytest.mark.parametrize(
    ("func", "args", "error", "match"),
    [
        (expected_calibration_error, ([0.5, 1.2], [0, 1]), ValueError, r"\[0, 1\]"),
        (expected_calibration_error, ([0.5, np.nan], [0, 1]), ValueError, "NaN"),
        (expected_calibration_error, ([0.5, 0.5], [0, 2]), ValueError, "0 or 1"),
        (expected_calibration_error, ([0.5], [0, 1]), ValueError, "labels"),
        (expected_calibration_error, ([0.5], [1], 0), ValueError, "n_bins"),
        (expected_calibration_error, ([0.5], [1], 2.5), TypeError, "n_bins"),
        (expected_calibration_error, ("ab", [1]), TypeError, "p"),
        (reliability_bins, ([[0.5]], [1]), ValueError, "dimension"),
        (fit_platt, ([1.0], [1]), ValueError, "two"),
        (fit_platt, ([1.0, np.inf], [0, 1]), ValueError, "NaN or infinite"),
        (fit_platt, ([1.0, 2.0], [0, 1], "yes"), TypeError, "smoothed"),
        (fit_temperature, ([1.0, -1.0], [0, 1]), ValueError, "chance"),
        (fit_temperature, ([-1.0, 1.0], [0, 1]), ValueError, "separate"),
        (fit_temperature, ([[1.0, 0.0]], [2]), ValueError, "class indices"),
        (fit_temperature, ([[1.0, 0.0]], [0, 1]), ValueError, "labels"),
    ],
)
def test_bad_input(func, args, error, match):
    if func is fit_platt and len(args) == 3:
        with pytest.raises(error, match=match):
            func(args[0], args[1], smoothed_targets=args[2])
        return
    with pytest.raises(error, match=match):
        func(*args)


def test_deterministic():
    s, y = _synthetic(5_000, seed=11, A=0.7, B=0.1)
    assert fit_platt(s, y) == fit_platt(s, y)
    assert fit_temperature(s, y) == fit_temperature(s, y)
