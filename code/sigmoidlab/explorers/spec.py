r"""The registry of the book's explorers: :data:`EXPLORERS`, each one's spec by its name.

Each explorer is declared once, in its own module (its sliders, readouts, matplotlib drawing
and browser scene: see :mod:`sigmoidlab.explorers.core`); this module only collects them, and
keeps the functions the chapters' checks import from it:

* :mod:`~sigmoidlab.explorers.neuron` (chapter 1): a sigmoid neuron with two inputs,
  :math:`\sigma(w_1 x_1 + w_2 x_2 + b)` over the input plane;
* :mod:`~sigmoidlab.explorers.derivative` (chapter 2): a point on :math:`\sigma`, its
  tangent and :math:`\sigma'(z_0)`;
* :mod:`~sigmoidlab.explorers.steepness` (chapter 3): :math:`\sigma(cz)` turning into the
  step function as :math:`c` grows;
* :mod:`~sigmoidlab.explorers.saturation` (chapter 6): depth and weight scale of a sigmoid
  network against each hidden layer's learning speed and saturated units.
"""

from __future__ import annotations

from sigmoidlab.explorers import derivative, neuron, saturation, steepness
from sigmoidlab.explorers.core import ExplorerSpec, Readout, Slider
from sigmoidlab.explorers.derivative import derivative_state
from sigmoidlab.explorers.neuron import BOX, line_in_box, neuron_state
from sigmoidlab.explorers.saturation import (
    SATURATED_BELOW,
    SPEED_RANGE,
    SaturationProfile,
    _compute_profile,
    saturation_profile,
    saturation_state,
)
from sigmoidlab.explorers.steepness import STEP_GAP_0_01, steepness_state

__all__ = [
    "BOX",
    "EXPLORERS",
    "SATURATED_BELOW",
    "SPEED_RANGE",
    "STEP_GAP_0_01",
    "ExplorerSpec",
    "Readout",
    "SaturationProfile",
    "Slider",
    "derivative_state",
    "line_in_box",
    "neuron_state",
    "saturation_profile",
    "saturation_state",
    "steepness_state",
]

_MODULES = (neuron, derivative, steepness, saturation)  # in the order of the chapters

#: Every explorer's spec, by its name (the name is declared in the spec only).
EXPLORERS: dict[str, ExplorerSpec] = {m.SPEC.name: m.SPEC for m in _MODULES}

# saturation_profile's uncached twin, for tests of its cache
_compute_profile = _compute_profile
