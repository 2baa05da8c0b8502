"""sigmoidlab.networks: backpropagation verified against finite differences."""

import itertools

import numpy as np
import pytest

from sigmoidlab.networks import Network, gradient_check, one_hot, standardize

RNG = np.random.default_rng(0)
X_SMALL = RNG.normal(size=(7, 4))
Y_SMALL = one_hot(RNG.integers(0, 3, 7), 3)


@pytest.mark.parametrize(
    ("activation", "loss", "init"),
    list(
        itertools.product(
            ["sigmoid", "tanh", "relu"],
            ["cross_entropy", "mse"],
            ["standard", "scaled", "glorot", "uniform"],
        )
    ),
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
            import sigmoidlab.networks as nets

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
        Network([2, 2], init="he")
    glorot = Network([100, 50, 10], init="glorot")
    assert np.abs(glorot.weights[0]).max() <= np.sqrt(6 / 150) and not glorot.biases[0].any()
    uniform = Network([100, 50, 10], init="uniform")
    assert np.abs(uniform.weights[0]).max() <= 0.1 < np.sqrt(6 / 150)
    assert not uniform.biases[0].any()
    assert np.abs(uniform.weights[0]).max() > 0.09  # fills its range: U(-0.1, 0.1) on 5,000 draws


def test_helpers():
    np.testing.assert_array_equal(one_hot([2, 0], 3), [[0, 0, 1], [1, 0, 0]])
    X = np.array([[1.0, 5.0], [3.0, 5.0]])
    (Z,) = standardize(X)
    np.testing.assert_allclose(Z, [[-1.0, 0.0], [1.0, 0.0]])
