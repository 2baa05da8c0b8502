"""sigmoidlab.models.gates (GRUCell, glu, swiglu) and models.losses.siglip_loss (chapter 9)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sigmoidlab import sigmoid
from sigmoidlab.kernels.activations import silu
from sigmoidlab.models.gates import GRUCell, glu, swiglu
from sigmoidlab.models.losses import bce_from_logits, siglip_logits, siglip_loss


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.floats(-5, 5), st.floats(-5, 5))
def test_gru_gates_in_unit_interval_and_state_bounded(seed, xi, hi):
    cell = GRUCell.random(inputs=3, hidden=4, seed=seed % 1000)
    h = np.full(4, np.tanh(hi))  # a state in (-1, 1)
    h_new, gates = cell.step([xi, -xi, 0.5], h)
    assert set(gates) == {"z", "r"}
    assert all(np.all((g > 0) & (g < 1)) for g in gates.values())
    # h' = z h + (1 - z) h~ lies between h and a number in (-1, 1)
    assert np.all(np.abs(h_new) <= np.maximum(np.abs(h), 1.0))


def test_gru_step_matches_the_equations():
    cell = GRUCell.random(inputs=2, hidden=3, seed=4)
    x, h = np.array([0.3, -1.2]), np.array([0.5, -0.1, 0.9])
    z = sigmoid(cell.W["z"] @ np.r_[h, x] + cell.b["z"])
    r = sigmoid(cell.W["r"] @ np.r_[h, x] + cell.b["r"])
    cand = np.tanh(cell.W["h"] @ np.r_[r * h, x] + cell.b["h"])
    h_new, gates = cell.step(x, h)
    np.testing.assert_allclose(h_new, z * h + (1 - z) * cand, rtol=1e-14)
    np.testing.assert_allclose(gates["z"], z, rtol=1e-14)


@pytest.mark.parametrize(("bias", "keeps"), [(30.0, True), (-30.0, False)])
def test_gru_update_gate_keeps_or_replaces_the_state(bias, keeps):
    cell = GRUCell.random(inputs=2, hidden=3, seed=0)
    cell.b["z"][:] = bias
    h = np.array([0.5, -0.7, 2.0])
    h_new, _ = cell.step([1.0, 1.0], h)
    assert np.allclose(h_new, h, atol=1e-12) == keeps


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (dict(W="w", b={}), TypeError, "dict"),
        (dict(W={"z": np.ones((2, 3))}, b={}), ValueError, "keys"),
    ],
)
def test_gru_bad_construction(kwargs, error, match):
    with pytest.raises(error, match=match):
        GRUCell(**kwargs)


def test_gru_bad_step():
    cell = GRUCell.random(inputs=2, hidden=3)
    with pytest.raises(ValueError, match="x has 3 entries"):
        cell.step([1.0, 2.0, 3.0], np.zeros(3))
    with pytest.raises(ValueError, match="NaN"):
        cell.step([1.0, np.nan], np.zeros(3))


def _glu_data(seed=0):
    rng = np.random.default_rng(seed)
    return (
        rng.normal(size=(5, 4)),
        rng.normal(size=(4, 3)),
        rng.normal(size=(4, 3)),
        rng.normal(size=3),
        rng.normal(size=3),
    )


@pytest.mark.parametrize(
    ("func", "act"), [(glu, lambda g: sigmoid(g)), (swiglu, lambda g: silu(g))]
)
def test_glu_and_swiglu_formulas(func, act):
    x, W, V, b, c = _glu_data()
    np.testing.assert_allclose(func(x, W, V, b, c), (x @ W + b) * act(x @ V + c), rtol=1e-14)
    np.testing.assert_allclose(func(x[0], W, V), (x[0] @ W) * act(x[0] @ V), rtol=1e-14)


def test_glu_linear_path_gradient_is_the_gate():
    # d/db of sum(glu) is the gate sigma(xV + c), summed over rows: no sigma' factor
    x, W, V, b, c = _glu_data(1)
    eps = 1e-6
    numeric = np.array(
        [
            (glu(x, W, V, b + eps * e, c).sum() - glu(x, W, V, b - eps * e, c).sum()) / (2 * eps)
            for e in np.eye(3)
        ]
    )
    np.testing.assert_allclose(numeric, sigmoid(x @ V + c).sum(axis=0), rtol=1e-8)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((np.ones(3), np.ones((4, 2)), np.ones((4, 2))), "features"),
        ((np.ones(4), np.ones((4, 2)), np.ones((4, 3))), "same shape"),
        ((np.ones(4), np.ones((4, 2)), np.ones((4, 2)), np.ones(3)), "need"),
        ((np.ones((2, 2, 4)), np.ones((4, 2)), np.ones((4, 2))), "dimension"),
    ],
)
def test_glu_bad_shapes(args, match):
    with pytest.raises(ValueError, match=match):
        glu(*args)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 6), st.floats(0.1, 50), st.floats(-20, 20))
def test_siglip_is_a_sum_of_binary_cross_entropies(seed, n, t, b):
    rng = np.random.default_rng(seed)
    images, texts = rng.normal(size=(n, 3)) + 0.1, rng.normal(size=(n, 3)) + 0.1
    logits = siglip_logits(images, texts, t, b)
    expected = np.sum(bce_from_logits(logits, np.eye(n))) / n
    assert siglip_loss(images, texts, t, b) == pytest.approx(expected, rel=1e-12)
    assert siglip_loss(images, texts, t, b) >= 0


def test_siglip_logits_and_scale_invariance():
    images = np.array([[3.0, 0.0], [0.0, 1.0]])
    texts = np.array([[1.0, 0.0], [0.0, 2.0]])
    np.testing.assert_allclose(siglip_logits(images, texts, 10, -10), [[0, -10], [-10, 0]])
    # the embeddings' lengths do not matter: they are normalised
    assert siglip_loss(images, texts) == siglip_loss(2 * images, texts)


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        ((np.ones((2, 3)), np.ones((3, 3))), ValueError, "same shape"),
        ((np.zeros((2, 3)), np.ones((2, 3))), ValueError, "zero row"),
        ((np.ones((2, 3)), np.ones((2, 3)), 0.0), ValueError, "positive"),
        ((np.ones((2, 3)), np.ones((2, 3)), "10"), TypeError, "t"),
        ((np.ones(3), np.ones(3)), ValueError, "dimension"),
    ],
)
def test_siglip_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        siglip_loss(*args)
