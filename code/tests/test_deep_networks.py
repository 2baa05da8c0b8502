"""sigmoidlab.models.deep_networks: batch-normalised and residual sigmoid layers (chapter 7)."""

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigmoidlab.models.datasets import one_hot
from sigmoidlab.models.deep_networks import DeepSigmoidNetwork, deep_gradient_check
from sigmoidlab.models.networks import Network

RNG = np.random.default_rng(0)
X_SMALL = RNG.normal(size=(7, 4))
Y_SMALL = one_hot(RNG.integers(0, 3, 7), 3)


@pytest.mark.parametrize(
    ("batch_norm", "residual", "loss", "init"),
    list(
        itertools.product(
            [False, True], [False, True], ["cross_entropy", "mse"], ["scaled", "standard"]
        )
    ),
)
def test_backprop_matches_finite_differences(batch_norm, residual, loss, init):
    net = DeepSigmoidNetwork(
        [4, 5, 5, 3], batch_norm=batch_norm, residual=residual, loss=loss, init=init, seed=1
    )
    assert deep_gradient_check(net, X_SMALL, Y_SMALL) < 1e-5


def test_gradient_check_catches_a_one_percent_error():
    """One gradient 1% too large, below a batch-normalised layer: the check must notice."""

    class Broken(DeepSigmoidNetwork):
        def backprop(self, X, Y):
            grads = super().backprop(X, Y)
            grads["W"][0] = grads["W"][0] * 1.01
            return grads

    net = Broken([4, 5, 5, 3], batch_norm=True, seed=1)
    assert deep_gradient_check(net, X_SMALL, Y_SMALL) > 1e-3


@pytest.mark.parametrize("loss", ["cross_entropy", "mse"])
def test_plain_network_is_networks_sigmoid_network(loss):
    """Without batch norm and skips it computes what Network computes."""
    X = RNG.normal(size=(9, 6))
    Y = one_hot(RNG.integers(0, 4, 9), 4)
    old = Network([6, 5, 5, 4], "sigmoid", loss, "scaled", seed=2)
    new = DeepSigmoidNetwork([6, 5, 5, 4], loss=loss, init="scaled", seed=2)
    np.testing.assert_allclose(new.predict(X), old.predict(X), rtol=1e-12)
    assert new.cost(X, Y) == pytest.approx(old.cost(X, Y), rel=1e-12)
    np.testing.assert_allclose(new.speeds(X, Y), old.speeds(X, Y), rtol=1e-10)


def test_batch_norm_normalises_and_residual_adds():
    X = RNG.normal(size=(50, 6))
    net = DeepSigmoidNetwork([6, 5, 5, 2], batch_norm=True, residual=True, seed=3)
    cache = net.forward(X)
    for u in cache["u"][:-1]:  # gamma 1, beta 0 at the start: mean 0, variance ~1
        np.testing.assert_allclose(u.mean(axis=0), 0, atol=1e-12)
        np.testing.assert_allclose(u.var(axis=0), 1, rtol=1e-2)  # var / (var + 1e-5)
    a = cache["a"]
    # the first hidden layer changes width (6 -> 5): no skip; the second adds its input
    np.testing.assert_allclose(a[1], 1 / (1 + np.exp(-cache["u"][0])), rtol=1e-12)
    np.testing.assert_allclose(a[2], a[1] + 1 / (1 + np.exp(-cache["u"][1])), rtol=1e-12)


def test_training_learns_and_stores_population_statistics():
    rng = np.random.default_rng(1)
    centres = rng.normal(size=(3, 8)) * 3
    labels = rng.integers(0, 3, 300)
    X = centres[labels] + rng.normal(size=(300, 8))
    for flags in ({"batch_norm": True}, {"residual": True}):
        net = DeepSigmoidNetwork([8, 10, 10, 3], seed=2, **flags)
        costs = net.train(X, one_hot(labels, 3), epochs=10, batch_size=10, eta=0.5)
        assert costs[-1] < costs[0] and net.accuracy(X, labels) > 0.95
        assert (net.population is not None) == flags.get("batch_norm", False)
    # inference uses the stored statistics: one example is classified as in the batch
    assert net.predict(X[:1]).shape == (1, 3)


@given(st.integers(0, 2**16), st.booleans(), st.booleans())
def test_seeded_and_speeds_are_per_hidden_layer(seed, batch_norm, residual):
    kwargs = {"batch_norm": batch_norm, "residual": residual, "seed": seed}
    a = DeepSigmoidNetwork([4, 5, 5, 3], **kwargs)
    b = DeepSigmoidNetwork([4, 5, 5, 3], **kwargs)
    np.testing.assert_array_equal(a.speeds(X_SMALL, Y_SMALL), b.speeds(X_SMALL, Y_SMALL))
    speeds = a.speeds(X_SMALL, Y_SMALL)
    assert speeds.shape == (2,) and np.all(np.isfinite(speeds)) and np.all(speeds >= 0)


def test_bad_arguments():
    with pytest.raises(TypeError, match="batch_norm"):
        DeepSigmoidNetwork([2, 2], batch_norm=1)
    with pytest.raises(ValueError, match="loss"):
        DeepSigmoidNetwork([2, 2], loss="hinge")
    with pytest.raises(ValueError, match="init"):
        DeepSigmoidNetwork([2, 2], init="xavier")
    with pytest.raises(ValueError, match="sizes"):
        DeepSigmoidNetwork([2])
    net = DeepSigmoidNetwork([2, 3, 2])
    with pytest.raises(ValueError, match="input"):
        net.predict(np.ones((1, 3)))
    with pytest.raises(ValueError, match="Y"):
        net.cost(np.ones((1, 2)), np.ones((1, 3)))
    with pytest.raises(ValueError, match="eta"):
        net.train(np.ones((1, 2)), np.ones((1, 2)), epochs=1, batch_size=1, eta=-1)
    with pytest.raises(TypeError, match="DeepSigmoidNetwork"):
        deep_gradient_check(Network([2, 2]), np.ones((1, 2)), np.ones((1, 2)))
