r"""The steepness explorer (chapter 3): from the sigmoid to the step, :math:`\sigma(cz)` as c grows.

Outside the band :math:`|z| < \operatorname{logit}(0.99)/c` the curve is within 0.01 of the
step function.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from sigmoidlab.explorers.core import (
    ExplorerSpec,
    Panel,
    Readout,
    Scene,
    Slider,
    curve,
    legend_fill,
    legend_line,
    polyline,
    ticks,
    vspan,
)
from sigmoidlab.kernels.logistic import logit, sigmoid
from sigmoidlab.plotting import OKABE_ITO

__all__ = ["SPEC", "STEP_GAP_0_01", "draw_steepness", "steepness_state"]

#: :math:`|\sigma(u) - \operatorname{step}(u)| < 0.01` exactly where :math:`|u|` exceeds this.
STEP_GAP_0_01 = float(logit(0.99))


def draw_steepness(fig: Any, values: Mapping[str, float], state: Mapping[str, float]) -> None:
    r"""Draw :math:`\sigma(cz)`, the step function and the band where they differ by more
    than 0.01."""
    c = values["c"]
    ax = fig.subplots()
    z = np.linspace(-3, 3, 1201)
    band = min(state["band"], 3.0)
    ax.axvspan(-band, band, color="0.88", label="differs from the step by > 0.01")
    ax.plot(z, sigmoid(z), ":", color="0.35", lw=1.5, label=r"$\sigma(z)$  ($c = 1$)")
    ax.plot([-3, 0, 0, 3], [0, 0, 1, 1], "--", color="black", lw=1.5, label="step (perceptron)")
    ax.plot(z, sigmoid(c * z), color=OKABE_ITO["blue"], label=rf"$\sigma(cz)$, $c = {c:.3g}$")
    ax.set(xlim=(-3, 3), ylim=(-0.05, 1.05), xlabel="$z$", ylabel="output")
    ax.set_title(
        rf"$c = {c:.3g}$: slope at 0 = {state['slope_at_0']:.3g}, "
        rf"step-like for $|z| > {state['band']:.3g}$",
        fontsize=11,
    )
    ax.legend(loc="lower right", fontsize=9, framealpha=0.95)


SPEC = ExplorerSpec(
    name="steepness",
    title="From the sigmoid to the step: σ(cz) as c grows",
    alt="The curve sigma(cz) against the perceptron's step function, with the band around "
    "z = 0 where they differ by more than 0.01 shaded.",
    sliders=(Slider("c", "c", -2.0, 6.0, 0.25, 0.0, log_base=2.0),),
    readouts=(
        Readout("c", "c =", ".3g", "c"),
        Readout("slope_at_0", "slope at 0 =", ".3g", "c / 4"),
        Readout("band", "within 0.01 of the step for |z| >", ".3g", "logit(0.99) / c"),
    ),
    draw=draw_steepness,
    scene=Scene(
        panels=(
            Panel(
                xlim=(-3, 3),
                ylim=(-0.05, 1.05),
                xticks=ticks(-3, 3, 1),
                yticks=ticks(0, 1, 0.25),
                xlabel="z",
                ylabel="output",
                height=(0.6, 280),
                marks=(
                    vspan("-band", "band"),
                    curve("sigmoid(z)", colour="muted", width=1.8, dash="2,3"),
                    polyline((-3, 0), (0, 0), (0, 1), (3, 1), width=1.8, dash="7,4"),
                    curve("sigmoid(c * z)", colour="blue"),
                ),
            ),
        ),
        legend=(
            legend_line("σ(cz), c = {c:.3g}", "blue"),
            legend_line("step (perceptron)", "fg", "7,4"),
            legend_line("σ(z), c = 1", "muted", "2,3"),
            legend_fill("differs from the step by more than 0.01", "band"),
        ),
    ),
    figsize=(6.4, 4.0),
    svg_size=(440, 300),
)


def steepness_state(c: float) -> dict[str, float]:
    r"""For :math:`\sigma(cz)`: the slope at 0 (:math:`c/4`) and the half-width of the band
    outside which the curve is within 0.01 of the perceptron's step: the explorer's readouts.

    ``c`` must be positive and finite: at ``c = 0`` the curve is flat and no band exists.
    """
    return SPEC.state(c=c)
