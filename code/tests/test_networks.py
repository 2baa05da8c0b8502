"""sigmoidlab.models.networks: backpropagation verified against finite differences."""

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigmoidlab.models.datasets import one_hot, standardize
from sigmoidlab.models.networks import Network, gradient_check

RNG = np.random.default_rng(0)
X_SMALL = RNG.normal(size=(7, 4))
Y_SMALL = one_hot(RNG.integers(0, 3, 7), 3)


@pytest.mark.parametrize(
    ("activation", "loss", "init"),
    [  # "glorot_sigmoid" is for sigmoid units; with ReLU (relu-mse: 3e-5) its large
        # weights push this finite-difference check above 1e-5
        case
        for case in itertools.product(
            ["sigmoid", "tanh", "relu"],
            ["cross_entropy", "mse"],
            ["standard", "scaled", "glorot", "uniform", "lecun", "glorot_sigmoid", "he"],
        )
        if case[::2] != ("relu", "glorot_sigmoid")
    ],
)
def test_backprop_matches_finite_differences(activation, loss, init):
    net = Network([4, 5, 3, 3], activation, loss, init, seed=1)
    assert gradient_check(net, X_SMALL, Y_SMALL) < 1e-5


class OffByOnePercent(Network):
    """A deliberately broken backprop: one bias gradient is 1% too large."""

    def backprop(self, X, Y):
        grads_w, grads_b = super().backprop(X, Y)
        grads_b[0] = grads_b[0].copy()
        grads_b[0][1] *= 1.01
        return grads_w, grads_b


class ForgetsActivationDerivative(Network):
    """The classic bug: the hidden layers' f'(z) factor is left out."""

    def backprop(self, X, Y):
        saved = self.activation
        try:
            import sigmoidlab.models.networks as nets

            original = nets.ACTIVATIONS["sigmoid"]
            nets.ACTIVATIONS["sigmoid"] = (original[0], lambda z: np.ones_like(z))
            return super().backprop(X, Y)
        finally:
            nets.ACTIVATIONS["sigmoid"] = original
            self.activation = saved


@pytest.mark.parametrize("broken", [OffByOnePercent, ForgetsActivationDerivative])
def test_gradient_check_catches_broken_backprop(broken):
    net = broken([4, 5, 3, 3], "sigmoid", "cross_entropy", "scaled", seed=1)
    assert gradient_check(net, X_SMALL, Y_SMALL) > 1e-3


def test_output_delta_cancels_sigma_prime_only_for_cross_entropy():
    ce = Network([2, 1], loss="cross_entropy", seed=3)
    mse = Network([2, 1], loss="mse", seed=3)
    X, Y = np.array([[1.0, 0.0]]), np.array([[0.0]])
    a = ce.predict(X)[0, 0]
    z = ce.forward(X)[0][-1][0, 0]
    assert ce.backprop(X, Y)[1][-1][0] == pytest.approx(a)
    assert mse.backprop(X, Y)[1][-1][0] == pytest.approx(a * a * (1 - a))
    assert np.isclose(a, 1 / (1 + np.exp(-z)))


def test_training_learns_digits_like_data():
    rng = np.random.default_rng(1)
    centres = rng.normal(size=(3, 8)) * 3
    labels = rng.integers(0, 3, 300)
    X = centres[labels] + rng.normal(size=(300, 8))
    net = Network([8, 10, 3], init="scaled", seed=2)
    before = net.accuracy(X, labels)
    history = net.train(
        X,
        one_hot(labels, 3),
        epochs=10,
        batch_size=10,
        eta=0.5,
        X_eval=X,
        labels_eval=labels,
        X_probe=X[:50],
        Y_probe=one_hot(labels[:50], 3),
    )
    assert history.accuracy[-1] > 0.95 > before
    assert history.loss[-1] < history.loss[0]
    assert len(history.speeds) == 10 and history.speeds[0].shape == (1,)


def test_seeded_and_validated():
    a, b = Network([3, 4, 2], seed=5), Network([3, 4, 2], seed=5)
    assert all(np.array_equal(u, v) for u, v in zip(a.weights, b.weights, strict=True))
    for bad in ({"sizes": [3]}, {"sizes": [3, 0]}):
        with pytest.raises(ValueError, match="sizes"):
            Network(**bad)
    with pytest.raises(ValueError, match="activation"):
        Network([2, 2], activation="swish")
    with pytest.raises(ValueError, match="loss"):
        Network([2, 2], loss="hinge")
    with pytest.raises(ValueError, match="init"):
        Network([2, 2], init="xavier")
    glorot = Network([100, 50, 10], init="glorot")
    assert np.abs(glorot.weights[0]).max() <= np.sqrt(6 / 150) and not glorot.biases[0].any()
    uniform = Network([100, 50, 10], init="uniform")
    assert np.abs(uniform.weights[0]).max() <= 0.1 < np.sqrt(6 / 150)
    assert not uniform.biases[0].any()
    assert np.abs(uniform.weights[0]).max() > 0.09  # fills its range: U(-0.1, 0.1) on 5,000 draws


# init -> (weight variance for fan-in n_in and fan-out n_out, biases are zero);
# a uniform law on +-L has variance L^2 / 3
INIT_VARIANCES = [
    ("standard", lambda n_in, n_out: 1.0, False),
    ("scaled", lambda n_in, n_out: 1.0 / n_in, False),
    ("uniform", lambda n_in, n_out: 1.0 / (3 * n_in), True),
    ("lecun", lambda n_in, n_out: 1.0 / n_in, True),
    ("glorot", lambda n_in, n_out: 2.0 / (n_in + n_out), True),
    ("glorot_sigmoid", lambda n_in, n_out: 32.0 / (n_in + n_out), True),
    ("he", lambda n_in, n_out: 2.0 / n_in, True),
]


@pytest.mark.parametrize(("init", "variance", "zero_biases"), INIT_VARIANCES)
def test_each_initialisation_has_its_variance(init, variance, zero_biases):
    """Chapter 7's table: the empirical variance of 40,000 weights within 3% of the law's."""
    net = Network([400, 100, 50], init=init, seed=3)
    for W, b in zip(net.weights, net.biases, strict=True):
        n_out, n_in = W.shape
        assert abs(W.mean()) < 4 * np.sqrt(variance(n_in, n_out) / W.size)
        assert W.var() == pytest.approx(variance(n_in, n_out), rel=0.06)
        assert (not b.any()) == zero_biases


def test_glorot_sigmoid_is_four_times_glorot():
    """Same seed, same uniform draws: the sigmoid variant is Glorot's weights times 4."""
    plain = Network([20, 10, 5], init="glorot", seed=4)
    times4 = Network([20, 10, 5], init="glorot_sigmoid", seed=4)
    for W, W4 in zip(plain.weights, times4.weights, strict=True):
        np.testing.assert_allclose(W4, 4 * W, rtol=1e-12)


def test_helpers():
    np.testing.assert_array_equal(one_hot([2, 0], 3), [[0, 0, 1], [1, 0, 0]])
    X = np.array([[1.0, 5.0], [3.0, 5.0]])
    (Z,) = standardize(X)
    np.testing.assert_allclose(Z, [[-1.0, 0.0], [1.0, 0.0]])


@pytest.mark.parametrize(
    ("activation", "loss", "sizes"),
    [
        ("sigmoid", "cross_entropy", [4, 5, 3, 3]),
        ("sigmoid", "mse", [4, 5, 3, 3]),
        ("tanh", "cross_entropy", [4, 6, 2]),
        ("relu", "mse", [4, 3, 3, 3, 2]),
        ("sigmoid", "cross_entropy", [4, 2]),  # no hidden layer: only the output error
    ],
)
def test_errors_are_what_backprop_averages(activation, loss, sizes):
    """errors(): one (n, size) array per layer; their means are the bias gradients and
    delta^T a / n the weight gradients, exactly as backprop computes them."""
    net = Network(sizes, activation, loss, "scaled", seed=2)
    Y = one_hot(RNG.integers(0, sizes[-1], 7), sizes[-1])
    deltas = net.errors(X_SMALL, Y)
    grads_w, grads_b = net.backprop(X_SMALL, Y)
    activations = net.forward(X_SMALL)[1]
    assert [d.shape for d in deltas] == [(7, n) for n in sizes[1:]]
    for d, gw, gb, a in zip(deltas, grads_w, grads_b, activations[:-1], strict=True):
        np.testing.assert_allclose(d.mean(axis=0), gb, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(d.T @ a / 7, gw, rtol=1e-12, atol=1e-15)


def test_errors_follow_the_layer_recursion():
    """delta^L = a - y (cross-entropy) and delta^l = (W^{l+1}^T delta^{l+1}) * sigma'(z^l),
    written out example by example."""
    from sigmoidlab import sigmoid_derivative

    net = Network([4, 5, 3, 3], seed=4)
    Y = one_hot([0, 1, 2, 0, 1, 2, 0], 3)
    deltas = net.errors(X_SMALL, Y)
    zs, activations = net.forward(X_SMALL)
    for i, (x_z, y) in enumerate(zip(zip(*zs, strict=True), Y, strict=True)):
        expected = activations[-1][i] - y
        np.testing.assert_allclose(deltas[-1][i], expected)
        for layer in (1, 0):
            expected = (net.weights[layer + 1].T @ expected) * sigmoid_derivative(x_z[layer])
            np.testing.assert_allclose(deltas[layer][i], expected, rtol=1e-12)


@given(
    z=st.floats(-30, 30),
    y=st.sampled_from([0.0, 1.0]),
)
def test_output_error_of_one_neuron_is_the_derivative_of_its_cost(z, y):
    """For a [1, 1] network with input 1 and weight 0, the bias is z: the output error is
    sigma(z) - y for the cross-entropy and (sigma(z) - y) sigma'(z) for the quadratic cost,
    and the quadratic one is the smaller by exactly the factor sigma'(z) <= 1/4."""
    from sigmoidlab import sigmoid, sigmoid_derivative

    got = {}
    for loss in ("cross_entropy", "mse"):
        net = Network([1, 1], loss=loss)
        net.weights[0][:] = 0.0
        net.biases[0][:] = z
        got[loss] = net.errors([[1.0]], [[y]])[-1][0, 0]
    assert got["cross_entropy"] == pytest.approx(float(sigmoid(z)) - y, abs=1e-15)
    assert got["mse"] == pytest.approx(got["cross_entropy"] * float(sigmoid_derivative(z)))
    assert abs(got["mse"]) <= abs(got["cross_entropy"]) / 4


def test_errors_validates_its_arguments():
    net = Network([3, 2])
    with pytest.raises(ValueError, match="input"):
        net.errors(np.ones((2, 4)), np.zeros((2, 2)))
    with pytest.raises(ValueError, match="shape"):
        net.errors(np.ones((2, 3)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        net.errors(np.ones((1, 3)), np.full((1, 2), 2.0))
    with pytest.raises(TypeError):
        net.errors("not an array", np.zeros((1, 2)))
