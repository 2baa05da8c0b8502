r"""The neuron explorer (chapter 1): a sigmoid neuron with two inputs.

:math:`\sigma(w_1 x_1 + w_2 x_2 + b)` over the input plane. The line :math:`w \cdot x + b = 0`
(where :math:`\sigma = \tfrac12`) is the decision boundary a perceptron with the same weights
would use.
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
    field_shade,
    legend_fill,
    legend_line,
    legend_marker,
    line,
    point,
    ticks,
)
from sigmoidlab.kernels.logistic import logit, sigmoid
from sigmoidlab.plotting import OKABE_ITO

__all__ = ["BOX", "SPEC", "draw_neuron", "line_in_box", "neuron_state"]

#: The input plane of the neuron explorer, [-BOX, BOX] in each coordinate.
BOX = 3.0
_LEVELS = ((0.1, ":", "2,4"), (0.5, "-", ""), (0.9, "--", "9,5"))


def line_in_box(
    w1: float, w2: float, c: float, box: float = BOX
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The part of the line :math:`w_1 x_1 + w_2 x_2 = c` inside the square
    :math:`[-box, box]^2`, as two end points, or ``None`` if the line misses the square
    (or :math:`w = 0`, when there is no line)."""
    points: list[tuple[float, float]] = []
    if w2 != 0:  # crossings with the left and right edges
        for x in (-box, box):
            y = (c - w1 * x) / w2
            if -box <= y <= box:
                points.append((x, y))
    if w1 != 0:  # crossings with the bottom and top edges
        for y in (-box, box):
            x = (c - w2 * y) / w1
            if -box <= x <= box:
                points.append((x, y))
    unique = sorted(set(points))
    if len(unique) < 2:
        return None
    return unique[0], unique[-1]


def draw_neuron(fig: Any, values: Mapping[str, float], state: Mapping[str, float]) -> None:
    r"""Draw :math:`\sigma(w \cdot x + b)` over the input plane, the lines where it equals
    0.1, 0.5 and 0.9, and the input point x."""
    from matplotlib.colors import LinearSegmentedColormap

    w1, w2, b, x1, x2 = (values[k] for k in ("w1", "w2", "b", "x1", "x2"))
    ax = fig.subplots()
    g = np.linspace(-BOX, BOX, 121)
    X1, X2 = np.meshgrid(g, g)
    cmap = LinearSegmentedColormap.from_list("shade", ["#ffffff", OKABE_ITO["sky"]])
    image = ax.imshow(
        sigmoid(w1 * X1 + w2 * X2 + b),
        extent=(-BOX, BOX, -BOX, BOX),
        origin="lower",
        cmap=cmap,
        vmin=0.0,
        vmax=1.0,
    )
    fig.colorbar(image, ax=ax, label=r"$\sigma(w \cdot x + b)$", fraction=0.05)
    for p, dash, _ in _LEVELS:
        seg = line_in_box(w1, w2, float(logit(p)) - b)
        if seg is not None:
            label = rf"$\sigma = {p}$" + (" (perceptron boundary)" if p == 0.5 else "")
            ax.plot(*zip(*seg, strict=True), dash, color="black", lw=1.6, label=label)
    ax.plot(x1, x2, "o", color=OKABE_ITO["vermillion"], mec="black", ms=10, label="input $x$")
    ax.set(xlim=(-BOX, BOX), ylim=(-BOX, BOX), xlabel="$x_1$", ylabel="$x_2$", aspect="equal")
    ax.set_title(
        rf"$z = {state['z']:.2f}$,  $\sigma(z) = {state['sigma']:.3f}$,  "
        rf"perceptron: {state['perceptron']:.0f}",
        fontsize=12,
    )
    ax.legend(loc="upper left", fontsize=8.5, framealpha=0.9)
    ax.grid(False)


SPEC = ExplorerSpec(
    name="neuron",
    title="A sigmoid neuron with two inputs",
    alt="The input plane of a two-input sigmoid neuron, shaded from no colour (output 0) to blue "
    "(output 1), with the lines where the output is 0.1, 0.5 and 0.9 and the input point.",
    sliders=(
        Slider("w1", "w₁", -4.0, 4.0, 0.1, 2.0),
        Slider("w2", "w₂", -4.0, 4.0, 0.1, -1.0),
        Slider("b", "b", -4.0, 4.0, 0.1, 0.5),
        Slider("x1", "x₁", -3.0, 3.0, 0.1, 1.0),
        Slider("x2", "x₂", -3.0, 3.0, 0.1, 0.5),
    ),
    readouts=(
        Readout("z", "z = w·x + b =", ".3f", "w1 * x1 + w2 * x2 + b"),
        Readout("sigma", "σ =", ".4f", "sigmoid(z)"),
        Readout("perceptron", "perceptron output =", ".0f", "step(z)"),
    ),
    draw=draw_neuron,
    scene=Scene(
        panels=(
            Panel(
                xlim=(-BOX, BOX),
                ylim=(-BOX, BOX),
                xticks=ticks(-3, 3, 1),
                yticks=ticks(-3, 3, 1),
                xlabel="x₁",
                ylabel="x₂",
                widest_tick="\u22123",  # a minus sign, as the tick labels write it
                height=None,
                colorbar="shade",
                marks=(
                    field_shade("w1", "w2", "b"),
                    *(line("w1", "w2", f"logit({p}) - b", dash=dash) for p, _, dash in _LEVELS),
                    point("x1", "x2"),
                ),
            ),
        ),
        legend=(
            legend_fill("shading: the output σ(w·x + b), from 0 (none) to 1 (full)", "shade"),
            legend_line("σ = 0.1", "fg", "2,4"),
            legend_line("σ = 0.5 (perceptron boundary)", "fg"),
            legend_line("σ = 0.9", "fg", "9,5"),
            legend_marker("input x", "vermillion"),
        ),
    ),
    figsize=(6.4, 5.0),
    svg_size=(440, 372),
)


def neuron_state(w1: float, w2: float, b: float, x1: float, x2: float) -> dict[str, float]:
    """Weighted input, sigmoid output and perceptron output of the two-input neuron at x:
    the explorer's readouts. Every argument is a finite real number."""
    return SPEC.state(w1=w1, w2=w2, b=b, x1=x1, x2=x2)
