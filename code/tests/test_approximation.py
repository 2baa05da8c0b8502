"""sigmoidlab.models.approximation: bumps, the one-hidden-layer network, the error bound."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sigmoidlab import sigmoid
from sigmoidlab.models.approximation import (
    ShallowNetwork,
    bump,
    bump_error_bound,
    bump_network,
    modulus_of_continuity,
    sup_error,
)


def wave(x):
    return np.sin(2 * np.pi * x) + 0.5 * np.cos(5 * np.pi * x)


@pytest.mark.parametrize(
    ("x", "left", "right", "c", "expected"),
    [
        (0.5, 0.0, 1.0, 4.0, np.tanh(1.0)),  # centre: tanh(c (r - l) / 4)
        (0.0, 0.0, 1.0, 4.0, 0.5 - sigmoid(-4.0)),  # at an edge: about 1/2
        (3.0, 0.0, 1.0, 10.0, sigmoid(30.0) - sigmoid(20.0)),
        (-2.0, -1.0, 1.0, 1e6, 0.0),  # far outside, steep: 0
        (0.25, 0.0, 1.0, 1e6, 1.0),  # inside, steep: 1
    ],
)
def test_bump_values(x, left, right, c, expected):
    assert bump(x, left, right, c) == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_bump_keeps_shape_and_scalars():
    assert bump([[0.1, 0.2]], 0.0, 1.0, 3.0).shape == (1, 2)
    assert np.ndim(bump(0.3, 0.0, 1.0, 3.0)) == 0
    assert bump(np.float32(0.5), 0.0, 1.0, 4.0).dtype == np.float32


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("x", 0.0, 1.0, 1.0), TypeError),
        ((0.5, "0", 1.0, 1.0), TypeError),
        ((0.5, 0.0, None, 1.0), TypeError),
        ((0.5, 1.0, 1.0, 1.0), ValueError),  # left == right
        ((0.5, 2.0, 1.0, 1.0), ValueError),  # left > right
        ((0.5, 0.0, 1.0, 0.0), ValueError),  # steepness 0
        ((0.5, 0.0, 1.0, -3.0), ValueError),
        ((0.5, 0.0, 1.0, np.inf), ValueError),
        ((0.5, 0.0, np.nan, 1.0), ValueError),
        ((0.5, 0.0, 1.0, True), TypeError),
    ],
)
def test_bump_refuses_bad_input(args, error):
    with pytest.raises(error):
        bump(*args)


def test_network_computes_the_formula():
    W1, b1 = np.array([[2.0], [-1.0], [0.5]]), np.array([0.1, 0.0, -1.0])
    W2, b2 = np.array([[1.0, -2.0, 3.0]]), np.array([0.25])
    net = ShallowNetwork(W1, b1, W2, b2)
    x = np.linspace(-3, 3, 7)
    expected = sum(W2[0, j] * sigmoid(W1[j, 0] * x + b1[j]) for j in range(3)) + 0.25
    np.testing.assert_allclose(net.output(x), expected, rtol=1e-13)
    np.testing.assert_allclose(net.hidden(x) @ W2[0] + 0.25, expected, rtol=1e-13)
    assert net.hidden_units == 3 and net.inputs == 1
    assert net.output(0.0).shape == (1,)


def test_network_with_two_inputs_and_chunking():
    rng = np.random.default_rng(0)
    W1, b1 = rng.normal(size=(5, 2)), rng.normal(size=5)
    W2, b2 = rng.normal(size=(1, 5)), rng.normal(size=1)
    net = ShallowNetwork(W1, b1, W2, b2)
    X = rng.normal(size=(1_000_003, 2))  # more rows than one chunk holds
    expected = sigmoid(X @ W1.T + b1) @ W2[0] + b2[0]
    np.testing.assert_allclose(net.output(X), expected, rtol=1e-12, atol=1e-12)
    with pytest.raises(ValueError, match="2 inputs"):
        net.output([0.0, 1.0])


def test_network_is_read_only():
    net = bump_network(wave, 0, 1, 3, 10.0)
    with pytest.raises(ValueError):
        net.W1[0, 0] = 5.0


@pytest.mark.parametrize(
    ("shapes", "error"),
    [
        (((3, 1), (2,), (1, 3), (1,)), ValueError),
        (((3, 1), (3,), (3, 1), (1,)), ValueError),
        (((3, 1), (3,), (1, 3), (2,)), ValueError),
        (((3,), (3,), (1, 3), (1,)), ValueError),
    ],
)
def test_network_refuses_wrong_shapes(shapes, error):
    with pytest.raises(error):
        ShallowNetwork(*(np.ones(s) for s in shapes))


def test_network_refuses_non_numbers():
    with pytest.raises(TypeError):
        ShallowNetwork("W", np.ones(1), np.ones((1, 1)), np.ones(1))
    with pytest.raises(ValueError):
        ShallowNetwork(np.full((1, 1), np.nan), np.ones(1), np.ones((1, 1)), np.ones(1))


def test_bump_network_weights_as_documented():
    K, c = 4, 50.0
    net = bump_network(wave, 0.0, 2.0, K, c)
    h = 0.5
    edges = np.array([-h, h, 2 * h, 3 * h, 2.0 + h])
    centres = (np.arange(K) + 0.5) * h
    assert net.hidden_units == 2 * K
    np.testing.assert_array_equal(net.W1[:, 0], c)
    np.testing.assert_allclose(net.b1[0::2], -c * edges[:-1])
    np.testing.assert_allclose(net.b1[1::2], -c * edges[1:])
    np.testing.assert_allclose(net.W2[0, 0::2], wave(centres))
    np.testing.assert_allclose(net.W2[0, 1::2], -wave(centres))
    x = np.linspace(0, 2, 9)
    by_bumps = sum(wave(centres[k]) * bump(x, edges[k], edges[k + 1], c) for k in range(K))
    np.testing.assert_allclose(net.output(x), by_bumps, atol=1e-14)


@pytest.mark.parametrize(
    ("f", "a", "b", "errors_below"),
    [
        (wave, 0.0, 1.0, [0.45, 0.25, 0.12, 0.06, 0.03]),
        (np.abs, -1.0, 1.0, [0.13, 0.07, 0.035, 0.018, 0.009]),
        (np.exp, -2.0, 2.0, [1.0, 0.5, 0.25, 0.13, 0.07]),
    ],
)
def test_error_falls_like_one_over_k_with_steepness_scaled(f, a, b, errors_below):
    errors = []
    for K in (16, 32, 64, 128, 256):
        c = 2 * K**2 / (b - a)  # c h / 2 = K: the tails vanish fast
        net = bump_network(f, a, b, K, c)
        errors.append(sup_error(f, net, a, b))
        assert errors[-1] <= bump_error_bound(f, a, b, K, c)
    assert np.all(np.diff(errors) < 0)
    assert np.all(np.array(errors) < errors_below)


def test_constant_target_is_matched_up_to_the_tails():
    const = lambda x: np.full_like(x, 3.0)  # noqa: E731
    for K, c in ((1, 5.0), (10, 40.0)):
        net = bump_network(const, 0.0, 1.0, K, c)
        h = 1.0 / K
        assert sup_error(const, net, 0.0, 1.0) <= 6.0 * sigmoid(-c * h) + 1e-15
        assert modulus_of_continuity(const, 0.0, 1.0, h) == 0.0


@pytest.mark.parametrize(
    ("f", "delta", "expected"),
    [
        (lambda x: 3 * x, 0.1, 0.3),  # linear: slope times delta
        (lambda x: x**2, 0.25, 1.0 - 0.75**2),  # steepest at the right end
        (np.sin, 10.0, 2.0),  # delta beyond the interval: the whole range
        (np.sin, 1e-9, 0.0),  # below the grid spacing
    ],
)
def test_modulus_of_continuity(f, delta, expected):
    assert modulus_of_continuity(f, 0.0, 1.0 if f is not np.sin else 7.0, delta) == (
        pytest.approx(expected, abs=1e-3)
    )


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: bump_network("sin", 0, 1, 3, 1.0), TypeError),
        (lambda: bump_network(wave, 1, 0, 3, 1.0), ValueError),
        (lambda: bump_network(wave, 0, 1, 0, 1.0), ValueError),
        (lambda: bump_network(wave, 0, 1, 2.5, 1.0), TypeError),
        (lambda: bump_network(wave, 0, 1, 3, -1.0), ValueError),
        (lambda: bump_network(lambda x: 1.0, 0, 1, 3, 1.0), ValueError),  # one value
        (lambda: bump_network(lambda x: x / 0.0, 0, 1, 3, 1.0), ValueError),  # NaN/inf
        (lambda: bump_network(lambda x: x.astype(str), 0, 1, 3, 1.0), TypeError),
        (lambda: sup_error(wave, "net", 0, 1), TypeError),
        (lambda: sup_error(wave, bump_network(wave, 0, 1, 2, 1.0), 0, 1, 1), ValueError),
        (lambda: modulus_of_continuity(wave, 0, 1, 0.0), ValueError),
        (lambda: modulus_of_continuity(wave, 0, np.inf, 0.1), ValueError),
        (lambda: bump_error_bound(wave, 0, 1, True, 1.0), TypeError),
    ],
)
def test_bad_input_is_refused(call, error):
    with np.errstate(divide="ignore", invalid="ignore"), pytest.raises(error):
        call()


@given(
    freq=st.floats(0.5, 6.0),
    phase=st.floats(0.0, 2 * np.pi),
    K=st.integers(2, 60),
)
def test_bound_holds_and_error_shrinks(freq, phase, K):
    """For sin(freq x + phase) on [0, 1] (Lipschitz constant freq): the measured sup error is
    within the bound, the bound is within (freq h + tails), and with c h / 2 = K four times
    the bumps bring the error under freq h / 8 (+ 5%, + tails): it shrinks like 1/K.

    (That it at least halves is not a theorem: where the target is nearly flat on [0, 1] the
    coarse error is already far below freq h / 2; freq=0.5, phase=4.5, K=2 goes 0.0105 to
    0.0085.)"""

    def f(x):
        return np.sin(freq * x + phase)

    c = 2.0 * K**2
    error = sup_error(f, bump_network(f, 0, 1, K, c), 0, 1, points=4001)
    bound = bump_error_bound(f, 0, 1, K, c, points=4001)
    assert error <= bound
    assert bound <= freq / K + 6 * sigmoid(-K) + 1e-12
    finer = sup_error(f, bump_network(f, 0, 1, 4 * K, 2.0 * (4 * K) ** 2), 0, 1, points=4001)
    assert finer <= freq / (8 * K) * 1.05 + 4 * sigmoid(-4.0 * K)
