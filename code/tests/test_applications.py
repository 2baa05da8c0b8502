"""sigmoidlab.activations, .regression and .gates (chapter 6)."""

import mpmath
import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from sigmoidlab import sigmoid
from sigmoidlab.activations import gelu, gelu_sigmoid, gelu_tanh, hard_swish, silu, softmax
from sigmoidlab.gates import LSTMCell
from sigmoidlab.networks import standardize
from sigmoidlab.regression import LogisticRegressionGD


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
    assert np.all(np.diff(ours.loss_history) <= 1e-12)
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
