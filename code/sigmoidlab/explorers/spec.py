r"""The registry of the book's explorers: :data:`EXPLORERS`, each one's spec by its name.

Each explorer is declared once, in its own module (its sliders, readouts, matplotlib drawing
and browser scene: see :mod:`sigmoidlab.explorers.core`); this module only collects them:

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

from typing import Any

from sigmoidlab.explorers import derivative, neuron, saturation, steepness
from sigmoidlab.explorers.core import ExplorerSpec

__all__ = ["EXPLORERS", "explorer"]

_MODULES = (neuron, derivative, steepness, saturation)  # in the order of the chapters

#: Every explorer's spec, by its name (the name is declared in the spec only).
EXPLORERS: dict[str, ExplorerSpec] = {m.SPEC.name: m.SPEC for m in _MODULES}


def explorer(name: Any) -> ExplorerSpec:
    """The spec of the explorer ``name``, for the front ends to build from."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a string, got {type(name).__name__}")
    if name not in EXPLORERS:
        raise ValueError(f"no explorer {name!r}; choose one of {sorted(EXPLORERS)}")
    return EXPLORERS[name]
