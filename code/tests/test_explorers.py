"""sigmoidlab.explorers: the specs, numbers and figures of the explorers, without a front end."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure

from sigmoidlab import sigmoid, sigmoid_derivative
from sigmoidlab.explorers.core import FUNCTIONS, Readout, Slider, evaluate, names_in
from sigmoidlab.explorers.derivative import derivative_state
from sigmoidlab.explorers.neuron import BOX, line_in_box, neuron_state
from sigmoidlab.explorers.saturation import (
    _compute_profile,
    saturation_profile,
    saturation_state,
)
from sigmoidlab.explorers.spec import EXPLORERS
from sigmoidlab.explorers.steepness import steepness_state

# -- sliders --------------------------------------------------------------------------------


def test_slider_rejects_a_start_outside_its_range():
    with pytest.raises(ValueError, match="lo <= value <= hi"):
        Slider("w", "w", -1.0, 1.0, 0.1, 2.0)
    with pytest.raises(ValueError, match="step > 0"):
        Slider("w", "w", -1.0, 1.0, 0.0, 0.0)


def test_linear_slider_positions_are_exact_steps():
    s = Slider("w", "w", -4.0, 4.0, 0.1, 2.0)
    assert s.positions().size == 81
    assert s.positions()[0] == -4.0 and s.positions()[-1] == 4.0
    assert 2.1 in s.positions()  # rounded, so the browser's "2.1" is found exactly
    assert not s.integer and s.start == 2.0


def test_log_slider_moves_in_exponents():
    s = Slider("c", "c", -2.0, 6.0, 0.25, 0.0, log_base=2.0)
    assert s.start == 1.0
    assert s.positions()[0] == 0.25 and s.positions()[-1] == 64.0
    np.testing.assert_allclose(np.diff(np.log2(s.positions())), 0.25)
    assert not s.integer


def test_integer_slider():
    depth = Slider("depth", "layers", 1, 8, 1, 4)
    assert depth.integer and list(depth.positions()) == list(range(1, 9))


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_explorer_draws_its_defaults_and_reports_known_numbers(name):
    spec = EXPLORERS[name]
    assert spec.name == name and len(spec.alt) > 60
    fig = Figure(figsize=spec.figsize)
    state = spec.state(**spec.defaults)
    spec.draw(fig, spec.defaults, state)
    assert fig.axes, "nothing was drawn"
    assert list(state) == [r.key for r in spec.readouts]
    assert all(np.isfinite(v) for v in state.values())
    text = spec.format(state)
    assert all(r.label in text for r in spec.readouts)


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_readout_formulas_read_sliders_tables_and_earlier_readouts(name):
    spec = EXPLORERS[name]
    known = {s.name for s in spec.sliders}
    if spec.tables is not None:
        known |= set(spec.tables(**spec.defaults))
    for r in spec.readouts:
        assert names_in(r.formula) <= known, (name, r.key)
        known.add(r.key)


def test_format_uses_the_readout_formats():
    spec = EXPLORERS["neuron"]
    assert spec.format({"z": 2.0, "sigma": 0.88079}) == "z = w·x + b = 2.000;  σ = 0.8808"
    sat = EXPLORERS["saturation"]
    assert sat.format({"saturated": 0.257}) == "fraction of hidden units saturated = 26%"


def test_state_checks_its_values():
    spec = EXPLORERS["derivative"]
    with pytest.raises(TypeError, match="no slider"):
        spec.state(z=1.0)
    assert spec.state() == spec.state(**spec.defaults)  # sliders not given: their defaults
    with pytest.raises(ValueError, match="z0"):
        spec.state(z0=float("nan"))


# -- the formula language -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formula", "value"),
    [
        ("1 + 2 * 3", 7.0),
        ("-a**2", -9.0),
        ("(-a)**2", 9.0),
        ("2**3**2", 512.0),
        ("a - 1 - 1", 1.0),
        ("-a * -2", 6.0),
        ("sigmoid(0)", 0.5),
        ("sigmoid_derivative(0)", 0.25),
        ("logit(0.5)", 0.0),
        ("step(0) + step(a)", 1.0),
        ("min(a, 1) + max(a, 1) + abs(-a)", 7.0),
        (2.5, 2.5),
    ],
)
def test_evaluate(formula, value):
    assert evaluate(formula, {"a": 3.0}) == value


@pytest.mark.parametrize(
    "bad",
    [
        "a +",
        "open(1)",
        "a.b",
        "a[0]",
        "x < 1",
        "a if a else a",
        "'s'",
        "True",
        "lambda: 1",
        "f(x=1)",
    ],
)
def test_evaluate_rejects_anything_outside_the_grammar(bad):
    with pytest.raises(ValueError):
        evaluate(bad, {"a": 1.0, "x": 1.0})


def test_evaluate_names_unknown_names():
    with pytest.raises(ValueError, match="unknown name 'q'"):
        evaluate("q + 1", {})
    with pytest.raises(TypeError):
        evaluate(None, {})  # type: ignore[arg-type]
    assert names_in("sigmoid(w1 * x1) + b") == {"w1", "x1", "b"}
    assert {"sigmoid", "sigmoid_derivative", "logit", "step"} <= set(FUNCTIONS)


@given(st.floats(-50, 50, allow_nan=False), st.floats(-50, 50, allow_nan=False))
def test_readout_formula_is_python_arithmetic(w, x):
    r = Readout("z", "z =", ".3f", "w * x + 1")
    assert evaluate(r.formula, {"w": w, "x": x}) == w * x + 1


# -- the neuron -----------------------------------------------------------------------------


def test_neuron_state():
    state = neuron_state(2.0, -1.0, 0.5, 1.0, 0.5)
    assert state == {"z": 2.0, "sigma": float(sigmoid(2.0)), "perceptron": 1.0}
    assert neuron_state(1.0, 1.0, 0.0, 0.0, 0.0)["perceptron"] == 0.0  # step(0) = 0
    assert neuron_state(0.0, 0.0, -1.0, 2.0, 2.0)["sigma"] == float(sigmoid(-1.0))


def test_line_in_box_known_cases():
    assert line_in_box(1.0, 0.0, 0.5) == ((0.5, -BOX), (0.5, BOX))  # vertical x1 = 0.5
    assert line_in_box(0.0, 2.0, 1.0) == ((-BOX, 0.5), (BOX, 0.5))  # horizontal x2 = 0.5
    assert line_in_box(1.0, 1.0, 0.0) == ((-BOX, BOX), (BOX, -BOX))  # the anti-diagonal
    assert line_in_box(1.0, 0.0, 10.0) is None  # misses the square
    assert line_in_box(1.0, 1.0, 2 * BOX) is None  # touches one corner only
    assert line_in_box(0.0, 0.0, 0.0) is None  # w = 0: no line at all


finite = st.floats(-4, 4, allow_nan=False)


@given(finite, finite, st.floats(-20, 20, allow_nan=False))
def test_line_in_box_end_points_are_on_the_line_and_in_the_box(w1, w2, c):
    seg = line_in_box(w1, w2, c)
    if seg is None:
        return
    for x1, x2 in seg:
        assert -BOX <= x1 <= BOX and -BOX <= x2 <= BOX
        assert abs(w1 * x1 + w2 * x2 - c) <= 1e-9 * max(1.0, abs(c), 4 * BOX * (abs(w1) + abs(w2)))


# -- steepness and the derivative --------------------------------------------------------------


@pytest.mark.parametrize("c", [0.25, 1.0, 8.0, 64.0])
def test_steepness_band_is_where_the_curve_is_within_0_01_of_the_step(c):
    state = steepness_state(c)
    assert state["slope_at_0"] == c / 4
    assert float(sigmoid(c * state["band"])) == pytest.approx(0.99, abs=1e-12)
    z = np.linspace(-3, 3, 6001)
    outside = np.abs(z) > state["band"] * (1 + 1e-9)
    gap = np.abs(sigmoid(c * z) - (z > 0))
    assert np.all(gap[outside] < 0.01) and np.all(gap[~outside & (z != 0)] >= 0.01 - 1e-12)


@pytest.mark.parametrize("z0", [-6.0, -1.0, 0.0, 0.3, 4.0])
def test_derivative_state_is_the_tangent(z0):
    state = derivative_state(z0)
    assert state["slope"] == float(sigmoid_derivative(z0))
    assert state["intercept"] + state["slope"] * z0 == pytest.approx(state["sigma"], abs=1e-15)
    at_zero = derivative_state(0.0)
    assert {k: at_zero[k] for k in ("z0", "sigma", "slope", "intercept")} == {
        "z0": 0.0,
        "sigma": 0.5,
        "slope": 0.25,
        "intercept": 0.5,
    }


# -- saturation -----------------------------------------------------------------------------


def test_saturation_profile_is_repeatable_and_sized_by_depth():
    a, b = saturation_profile(3, 1.0), _compute_profile(3, 1.0, 0)
    np.testing.assert_array_equal(a.speeds, b.speeds)
    assert a.speeds.shape == a.saturated.shape == (3,)
    assert np.all((a.saturated >= 0) & (a.saturated <= 1))


@pytest.mark.parametrize(("depth", "scale"), [(0, 1.0), (2.5, 1.0), (3, 0.0), (3, -1.0)])
def test_saturation_profile_rejects_bad_arguments(depth, scale):
    with pytest.raises(ValueError):
        saturation_profile(depth, scale)
    with pytest.raises(ValueError):
        saturation_profile(3, float("nan"))


def test_standard_scale_vanishes_layer_by_layer_without_saturating():
    profile = saturation_profile(8, 1.0)
    assert np.all(np.diff(profile.speeds) > 0)  # each layer learns faster than the one before
    assert saturation_state(8, 1.0)["ratio"] > 1e4
    assert profile.saturated.max() < 0.01  # under 1% of units


def test_large_weights_saturate_units_but_do_not_make_gradients_vanish():
    state = saturation_state(8, 16.0)
    assert state["saturated"] > 0.6
    assert state["ratio"] < 10


def test_saturation_state_matches_profile():
    p = saturation_profile(5, 2.0)
    assert saturation_state(5, 2.0) == {
        "ratio": p.speeds[-1] / p.speeds[0],
        "saturated": p.saturated.mean(),
    }
