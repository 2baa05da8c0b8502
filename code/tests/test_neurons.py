"""sigmoidlab.models.neurons, models.training, models.datasets and kernels.finite_differences."""

import mpmath
import numpy as np
import pytest

from sigmoidlab import sigmoid, sigmoid_derivative, sigmoid_second_derivative
from sigmoidlab.kernels.finite_differences import central_difference, step_size_sweep
from sigmoidlab.models.datasets import two_clusters
from sigmoidlab.models.logistic_regression import LogisticRegressionGD
from sigmoidlab.models.neurons import Perceptron, SigmoidNeuron, feedforward, step
from sigmoidlab.models.training import logistic_gradient_descent, logistic_objective


def test_second_derivative_against_mpmath():
    # mpmath: sigma'' = sigma' (1 - 2 sigma), at 40 digits
    mpmath.mp.dps = 40
    for x in [-30.0, -3.0, -1.0, 0.5, 2.0, 40.0]:
        s = 1 / (1 + mpmath.exp(-mpmath.mpf(x)))
        exact = float(s * (1 - s) * (1 - 2 * s))
        assert sigmoid_second_derivative(x) == pytest.approx(exact, rel=1e-14)
    assert sigmoid_second_derivative(0.0) == 0.0


def test_second_derivative_extremes():
    z_star = np.log(2 + np.sqrt(3))
    assert sigmoid_second_derivative(-z_star) == pytest.approx(np.sqrt(3) / 18, rel=1e-14)
    grid = np.linspace(-6, 6, 120_001)
    values = sigmoid_second_derivative(grid)
    assert grid[np.argmax(values)] == pytest.approx(-z_star, abs=1e-4)
    assert grid[np.argmin(values)] == pytest.approx(z_star, abs=1e-4)


def test_central_difference():
    x = np.linspace(-5, 5, 11)
    assert np.allclose(central_difference(sigmoid, x), sigmoid_derivative(x), atol=1e-10)
    with pytest.raises(ValueError, match="positive"):
        central_difference(sigmoid, 0.0, h=0.0)
    errors = step_size_sweep(sigmoid, float(sigmoid_derivative(1.0)), 1.0, [1e-1, 1e-5, 1e-12])
    assert errors[1] < errors[0] and errors[1] < errors[2]  # the U-shaped trade-off


def test_step_is_a_perceptron_output():
    np.testing.assert_array_equal(step([-1.0, 0.0, 1e-300, 2.0]), [0.0, 0.0, 1.0, 1.0])


def test_sigmoid_neuron_gradient_matches_finite_differences():
    neuron = SigmoidNeuron([2.0, -3.0], -3.0)
    x = np.array([-1.0, -2.0])
    grad_w, grad_b = neuron.output_gradient(x)
    h = 1e-6
    for i in range(2):
        e = np.zeros(2)
        e[i] = h
        numeric = (
            SigmoidNeuron(neuron.w + e, neuron.b).output(x)
            - SigmoidNeuron(neuron.w - e, neuron.b).output(x)
        ) / (2 * h)
        assert grad_w[i] == pytest.approx(numeric, rel=1e-7)
    numeric_b = (
        SigmoidNeuron(neuron.w, neuron.b + h).output(x)
        - SigmoidNeuron(neuron.w, neuron.b - h).output(x)
    ) / (2 * h)
    assert grad_b == pytest.approx(numeric_b, rel=1e-7)
    assert neuron.output(x) == pytest.approx(0.7310585786300049)
    assert grad_b == pytest.approx(0.19661193324148185)


def test_two_clusters_separable_and_not():
    X, y = two_clusters(separable=True, seed=3)
    assert X.shape == (100, 2) and set(np.unique(y)) == {0.0, 1.0}
    assert np.array_equal(X.sum(axis=1) > 0, y == 1.0)  # the line x1 + x2 = 0 separates
    X2, y2 = two_clusters(separable=False, seed=3)
    assert not np.array_equal(X2.sum(axis=1) > 0, y2 == 1.0)
    np.testing.assert_array_equal(two_clusters(seed=5)[0], two_clusters(seed=5)[0])


def test_perceptron_converges_on_separable_data_only():
    X, y = two_clusters(separable=True, seed=1)
    p = Perceptron([0.0, 0.0], 0.0)
    history = p.train(X, y, epochs=20)
    assert history.errors[-1] == 0 and np.array_equal(p.output(X), y)
    X2, y2 = two_clusters(separable=False, seed=1)
    p2 = Perceptron([0.0, 0.0], 0.0)
    h2 = p2.train(X2, y2, epochs=50)
    assert min(h2.errors) > 0
    last = np.array(h2.weights[-10:])
    assert np.ptp(last, axis=0).max() > 0.5  # still moving after 40 epochs


def test_sigmoid_neuron_training_lowers_loss_and_is_stable():
    X, y = two_clusters(separable=False, seed=1)
    neuron = SigmoidNeuron([0.0, 0.0], 0.0)
    assert neuron.cross_entropy(X, y) == pytest.approx(np.log(2))  # a = 1/2 everywhere
    history = neuron.train(X, y, epochs=200)
    assert history.loss[-1] < 0.5 * np.log(2)
    assert all(a >= b - 1e-12 for a, b in zip(history.loss, history.loss[1:], strict=False))
    huge = SigmoidNeuron([1e4, 1e4], 0.0)
    assert np.isfinite(huge.cross_entropy(X, y))  # from logits: no log(0)


def test_scaling_and_xor_network():
    nand = Perceptron([-2.0, -2.0], 3.0)
    inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    np.testing.assert_array_equal(nand.output(inputs), [1, 1, 1, 0])
    for c in (0.1, 7.0, 1e6):
        np.testing.assert_array_equal(nand.scaled(c).output(inputs), nand.output(inputs))
    hidden = (np.array([[1.0, 1.0], [-1.0, -1.0]]), np.array([-0.5, 1.5]))  # OR, NAND
    out = (np.array([[1.0, 1.0]]), np.array([-1.5]))  # AND
    xor = [feedforward([hidden, out], x, step)[0] for x in inputs]
    assert xor == [0.0, 1.0, 1.0, 0.0]


# -- the one logistic trainer and the one history type --------------------------------------
def same_history(a, b):
    return (
        a.loss == b.loss
        and a.errors == b.errors
        and len(a.weights) == len(b.weights)
        and all(np.array_equal(u, v) for u, v in zip(a.weights, b.weights, strict=True))
    )


def test_sigmoid_neuron_and_logistic_regression_train_with_the_same_loop():
    X, y = two_clusters(20, seed=3)
    neuron = SigmoidNeuron(np.zeros(2), 0.0)
    history = neuron.train(X, y, epochs=30, eta=0.5)
    w, b, direct = logistic_gradient_descent(X, y, np.zeros(2), 0.0, eta=0.5, epochs=30)
    assert np.array_equal(neuron.w, w) and neuron.b == b
    assert same_history(history, direct)
    model = LogisticRegressionGD(C=0.5, eta=0.5, epochs=30).fit(X, y)
    w, b, direct = logistic_gradient_descent(X, y, np.zeros(2), 0.0, eta=0.5, epochs=30, C=0.5)
    assert np.array_equal(model.coef_, w) and model.intercept_ == b
    assert same_history(model.history_, direct)
    # the penalty changes the path: the unpenalised weights are larger
    assert np.linalg.norm(model.coef_) < np.linalg.norm(neuron.w)


def test_training_history_records_the_objective_errors_and_weights_of_each_step():
    X, y = two_clusters(15, seed=4)
    w, b, history = logistic_gradient_descent(X, y, np.zeros(2), 0.0, eta=1.0, epochs=12, C=2.0)
    assert len(history.loss) == len(history.errors) == len(history.weights) == 12
    assert history.accuracy == [] and history.speeds == []  # a network's fields stay empty
    assert np.array_equal(history.weights[-1], np.append(w, b))
    for v, loss in zip(history.weights, history.loss, strict=True):
        wk, bk = v[:-1], v[-1]
        z = X @ wk + bk
        cost = np.mean(np.logaddexp(0, z) - y * z) + wk @ wk / (2 * 2.0 * len(y))
        assert loss == pytest.approx(cost, rel=1e-12)
    errors = [int(np.sum((X @ v[:-1] + v[-1] > 0) != (y > 0.5))) for v in history.weights]
    assert history.errors == errors
    assert logistic_objective(X, y, w, b, 2.0) == history.loss[-1]
    assert history.loss[-1] < history.loss[0]  # gradient descent with a small step goes down
