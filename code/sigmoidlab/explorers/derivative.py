r"""The derivative explorer (chapter 2): a point on :math:`\sigma`, its tangent line, and
:math:`\sigma'(z_0) = \sigma(z_0)(1 - \sigma(z_0))`.
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
    legend_line,
    legend_marker,
    point,
    polyline,
    ticks,
)
from sigmoidlab.kernels.logistic import sigmoid, sigmoid_derivative
from sigmoidlab.plotting import OKABE_ITO

__all__ = ["SPEC", "derivative_state", "draw_derivative"]


def draw_derivative(fig: Any, values: Mapping[str, float], state: Mapping[str, float]) -> None:
    r"""Draw :math:`\sigma` with its tangent at :math:`z_0` (top) and :math:`\sigma'` with
    the slope at :math:`z_0` marked (bottom)."""
    z0 = values["z0"]
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    z = np.linspace(-6, 6, 601)
    top.plot(z, sigmoid(z), color=OKABE_ITO["blue"], label=r"$\sigma(z)$")
    top.plot(
        z,
        state["intercept"] + state["slope"] * z,
        "--",
        color=OKABE_ITO["vermillion"],
        lw=1.8,
        label="tangent at $z_0$",
    )
    top.plot(z0, state["sigma"], "o", color=OKABE_ITO["vermillion"], mec="black", ms=8)
    top.set(ylim=(-0.1, 1.1), ylabel=r"$\sigma$")
    top.set_title(
        rf"$z_0 = {z0:.2f}$:  $\sigma(z_0) = {state['sigma']:.3f}$,  "
        rf"$\sigma'(z_0) = {state['slope']:.4f}$",
        fontsize=12,
    )
    top.legend(loc="upper left", fontsize=9, framealpha=0.9)
    bottom.plot(z, sigmoid_derivative(z), color=OKABE_ITO["green"], label=r"$\sigma'(z)$")
    bottom.vlines(z0, 0, state["slope"], color=OKABE_ITO["vermillion"], lw=1.8)
    bottom.plot(z0, state["slope"], "o", color=OKABE_ITO["vermillion"], mec="black", ms=8)
    bottom.set(xlim=(-6, 6), ylim=(0, 0.28), xlabel="$z$", ylabel=r"$\sigma'$")


SPEC = ExplorerSpec(
    name="derivative",
    title="The slope of the sigmoid at a point",
    alt="Top: the sigmoid with a point and its tangent line. Bottom: the derivative "
    "sigma'(z), with its value at the point marked.",
    sliders=(Slider("z0", "z₀", -6.0, 6.0, 0.1, 1.0),),
    readouts=(
        Readout("z0", "z₀ =", ".2f", "z0"),
        Readout("sigma", "σ =", ".4f", "sigmoid(z0)"),
        Readout("slope", "σ′(z₀) =", ".4f", "sigmoid_derivative(z0)"),
        Readout("intercept", "tangent's intercept =", ".4f", "sigma - slope * z0"),
    ),
    draw=draw_derivative,
    scene=Scene(
        panels=(
            Panel(
                xlim=(-6, 6),
                ylim=(-0.1, 1.1),
                xticks=ticks(-6, 6, 2),
                yticks=ticks(0, 1, 0.25),
                ylabel="σ(z)",
                height=(0.5, 230),
                x_tick_labels=False,
                marks=(
                    curve("sigmoid(z)", colour="blue"),
                    polyline(
                        (-6, "intercept - 6 * slope"),
                        (6, "intercept + 6 * slope"),
                        colour="vermillion",
                        dash="8,5",
                    ),
                    point("z0", "sigma"),
                ),
            ),
            Panel(
                xlim=(-6, 6),
                ylim=(0, 0.28),
                xticks=ticks(-6, 6, 2),
                yticks=(0, 0.1, 0.2),
                xlabel="z",
                ylabel="σ′(z)",
                height=(0.32, 140),
                marks=(
                    curve("sigmoid_derivative(z)", colour="green"),
                    polyline(("z0", 0), ("z0", "slope"), colour="vermillion", width=2),
                    point("z0", "slope"),
                ),
            ),
        ),
        legend=(
            legend_line("σ(z)", "blue"),
            legend_line("tangent at z₀", "vermillion", "8,5"),
            legend_line("σ′(z)", "green"),
            legend_marker("the point z₀", "vermillion"),
        ),
    ),
    figsize=(6.4, 5.0),
    svg_size=(440, 402),
)


def derivative_state(z0: float) -> dict[str, float]:
    r""":math:`\sigma(z_0)`, :math:`\sigma'(z_0)` and the tangent
    :math:`y = \sigma(z_0) + \sigma'(z_0)(z - z_0)`, as slope and intercept: the explorer's
    readouts.

    ``z0`` must be a finite real number (at infinity the intercept would be NaN).
    """
    return SPEC.state(z0=z0)
