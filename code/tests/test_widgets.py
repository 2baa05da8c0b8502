"""sigmoidlab.explorers.widgets: the live explorers, driven by setting slider values."""

import dataclasses

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pytest

from sigmoidlab import sigmoid
from sigmoidlab.explorers.spec import EXPLORERS
from sigmoidlab.explorers.steepness import STEP_GAP_0_01
from sigmoidlab.explorers.widgets import Explorer, live_explorer

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_explorer_starts_with_a_figure_and_a_readout(name):
    ex = live_explorer(name)
    assert isinstance(ex, widgets.VBox) and ex.spec is EXPLORERS[name]
    png = bytes(ex.image.value)
    assert png.startswith(PNG) and len(png) > 10_000
    assert ex.values == pytest.approx(EXPLORERS[name].defaults)
    assert ex.readout.value.startswith("<p>") and "=" in ex.readout.value
    assert plt.get_fignums() == [], "explorers draw on their own figures, not pyplot's"


@pytest.mark.parametrize(
    ("name", "slider"), [(n, s.name) for n in sorted(EXPLORERS) for s in EXPLORERS[n].sliders]
)
def test_every_slider_redraws_figure_and_readout(name, slider):
    ex = live_explorer(name)
    image, readout, state = bytes(ex.image.value), ex.readout.value, dict(ex.state)
    widget = ex.sliders[slider]
    widget.value = widget.max if widget.value != widget.max else widget.min
    assert bytes(ex.image.value) != image
    assert ex.readout.value != readout
    assert ex.state != state
    assert ex.state == EXPLORERS[name].state(**ex.values)
    assert ex.readout.value == f"<p>{EXPLORERS[name].format(ex.state)}</p>"


def test_live_explorer_checks_its_name():
    with pytest.raises(ValueError, match="no explorer 'tanh'"):
        live_explorer("tanh")
    with pytest.raises(TypeError, match="name"):
        live_explorer(None)


def test_slider_kinds_follow_the_spec():
    assert isinstance(live_explorer("steepness").sliders["c"], widgets.FloatLogSlider)
    sat = live_explorer("saturation")
    assert isinstance(sat.sliders["depth"], widgets.IntSlider)
    assert isinstance(sat.sliders["scale"], widgets.FloatLogSlider)
    assert isinstance(live_explorer("neuron").sliders["w1"], widgets.FloatSlider)


def test_neuron_output_follows_the_weights():
    ex = live_explorer("neuron", w1=0.0, w2=0.0, b=-1.0)
    assert ex.state["sigma"] == float(sigmoid(-1.0)) and ex.state["perceptron"] == 0.0
    assert "σ = 0.2689" in ex.readout.value
    ex.sliders["w1"].value = 2.0  # x1 = 1 > 0: a larger w1 raises the output
    assert ex.state["z"] == pytest.approx(1.0) and ex.state["sigma"] > 0.5
    assert ex.state["perceptron"] == 1.0


def test_steepness_band_shrinks_as_c_grows():
    ex = live_explorer("steepness")
    bands = []
    for c in (1.0, 4.0, 16.0):
        ex.sliders["c"].value = c
        bands.append(ex.state["band"])
    assert bands == pytest.approx([STEP_GAP_0_01, STEP_GAP_0_01 / 4, STEP_GAP_0_01 / 16])


def test_derivative_is_largest_at_zero():
    ex = live_explorer("derivative", z0=0.0)
    assert ex.state["slope"] == 0.25 and "σ′(z₀) = 0.2500" in ex.readout.value
    ex.sliders["z0"].value = 3.0
    assert ex.state["slope"] < 0.05


def test_saturation_deeper_networks_spread_speeds_further():
    ex = live_explorer("saturation", depth=2, scale=1.0)
    shallow = ex.state["ratio"]
    ex.sliders["depth"].value = 8
    assert ex.state["ratio"] > 100 * shallow


def test_unknown_slider_name_is_a_type_error():
    with pytest.raises(TypeError, match="no slider"):
        live_explorer("neuron", w3=1.0)


def test_an_exception_in_a_callback_fails_loudly():
    """ipywidgets.interact would swallow this; the explorers let it propagate."""

    def broken_draw(fig, values, state):
        if values["z0"] > 2:
            raise ZeroDivisionError("broken drawing function")
        EXPLORERS["derivative"].draw(fig, values, state)

    ex = Explorer(dataclasses.replace(EXPLORERS["derivative"], draw=broken_draw))
    ex.sliders["z0"].value = 1.5  # fine
    with pytest.raises(ZeroDivisionError, match="broken drawing"):
        ex.sliders["z0"].value = 3.0
