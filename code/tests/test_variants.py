"""The teaching variants behave exactly as chapter 5 says, and the losses are stable."""

import warnings

import numpy as np
import pytest

from sigmoidlab import sigmoid
from sigmoidlab.losses import bce_from_logits, bce_from_probabilities, softplus
from sigmoidlab.variants import (
    VARIANTS,
    branch_on_sign,
    clipped_naive,
    exp_minus_abs,
    naive,
    tanh_form,
    where_both_branches,
)

GRID = np.linspace(-30, 30, 601)


@pytest.mark.parametrize("name", list(VARIANTS))
def test_every_variant_is_right_in_the_middle(name):
    with np.errstate(all="ignore"):
        assert np.allclose(VARIANTS[name](GRID), sigmoid(GRID), rtol=1e-12, atol=1e-16)


@pytest.mark.parametrize("func", [naive, where_both_branches])
def test_overflowing_forms_warn(func):
    with pytest.warns(RuntimeWarning, match="overflow"):
        func(np.array([-1000.0, 0.0]))


@pytest.mark.parametrize("func", [branch_on_sign, exp_minus_abs, tanh_form])
def test_stable_forms_do_not_warn(func):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = func(np.array([-1000.0, -720.0, 0.0, 1000.0]))
    assert y[-1] == 1.0 and y[2] == 0.5


def test_naive_is_zero_where_the_truth_is_positive():
    with np.errstate(over="ignore"):
        assert naive(np.array([-720.0]))[0] == 0.0
        assert naive(np.float32([-90.0]))[0] == 0.0
    assert branch_on_sign(np.array([-720.0]))[0] > 0 and exp_minus_abs(np.array([-720.0]))[0] > 0


def test_tanh_form_loses_the_left_tail():
    assert tanh_form(np.array([-40.0]))[0] == 0.0 and sigmoid(-40.0) > 4e-18
    rel = abs(tanh_form(np.array([-20.0]))[0] / sigmoid(-20.0) - 1)
    assert rel > 1e-9  # relative error millions of times machine epsilon


def test_clipping_to_500_saves_float64_not_float32():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        clipped_naive(np.array([-1000.0]))
    with pytest.warns(RuntimeWarning, match="overflow"):
        clipped_naive(np.array([-1000.0], dtype=np.float32))


def test_losses_from_logits_are_finite_and_match():
    z = np.array([-50.0, -2.0, 0.0, 3.0, 50.0])
    y = np.array([1.0, 0.0, 1.0, 1.0, 0.0])
    from_logits = bce_from_logits(z, y)
    assert np.all(np.isfinite(from_logits))
    assert from_logits[0] == pytest.approx(50.0) and from_logits[-1] == pytest.approx(50.0)
    assert np.allclose(bce_from_probabilities(sigmoid(z[1:4]), y[1:4]), from_logits[1:4])
    assert np.isinf(bce_from_probabilities(sigmoid(np.array([50.0])), np.array([0.0])))[0]
    assert np.allclose(softplus(z), np.log1p(np.exp(z)))
    assert softplus(1000.0) == 1000.0
