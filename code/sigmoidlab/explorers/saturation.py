r"""The saturation explorer (chapter 6): depth, weight scale and the speed of each layer.

A network of sigmoid layers with weights :math:`\mathcal N(0, s^2/n_{in})`: the learning
speed :math:`\|\partial C/\partial b^l\|` of each hidden layer and the fraction of its units
that are saturated (:math:`\sigma'(z) < 0.01`). The profiles need a network, not a formula:
the static page carries them for every slider position
(:meth:`~sigmoidlab.explorers.core.ExplorerSpec.table_rows`).
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from sigmoidlab._checks import positive_int, positive_real
from sigmoidlab.explorers.core import (
    ExplorerSpec,
    Panel,
    Readout,
    Scene,
    Slider,
    bars,
    legend_fill,
    ticks,
)
from sigmoidlab.kernels.logistic import sigmoid_derivative
from sigmoidlab.models.datasets import one_hot
from sigmoidlab.models.networks import Network
from sigmoidlab.plotting import OKABE_ITO

__all__ = [
    "SATURATED_BELOW",
    "SPEC",
    "SPEED_RANGE",
    "SaturationProfile",
    "draw_saturation",
    "saturation_profile",
    "saturation_state",
    "saturation_tables",
]

#: A unit counts as saturated where its slope is below this (|z| > 4.585).
SATURATED_BELOW = 0.01
SATURATION_WIDTH = 30  # units per hidden layer, as in chapter 6
SATURATION_INPUTS = 64  # input size, as the 8x8 digits of chapter 6
SATURATION_BATCH = 500
SPEED_RANGE = (1e-11, 10.0)  # fixed y-range, so settings can be compared by eye


@dataclass(frozen=True)
class SaturationProfile:
    """Per hidden layer (first to last): learning speed and fraction of saturated units."""

    speeds: np.ndarray
    saturated: np.ndarray


def saturation_profile(depth: int, scale: float, seed: int = 0) -> SaturationProfile:
    r"""Learning speeds :math:`\|\partial C/\partial b^l\|` and saturated fractions of
    the hidden layers of a fresh network.

    The network has ``depth`` hidden sigmoid layers of 30 units, 64 inputs and 10 sigmoid
    outputs with the cross-entropy cost; weights are :math:`\mathcal N(0, s^2/n_{in})`
    with :math:`s` = ``scale`` (``scale=1`` is chapter 6's initialisation) and biases
    :math:`\mathcal N(0, 1)`. The batch is 500 standard normal inputs with random labels,
    drawn from ``seed``; the weights for every scale are the same draws, rescaled, so the
    scale is the only thing that changes.

    Results are cached; their arrays are read-only, so that no caller can change what the
    next caller gets (copy one to modify it).

    Parameters
    ----------
    depth : int
        Hidden layers, a whole number at least 1 (3.0 is accepted, 2.5 is not).
    scale : float
        Weight scale :math:`s`, positive and finite.
    seed : int
        Seed of the batch and the weights, at least 0.
    """
    if isinstance(depth, (bool, np.bool_)) or not isinstance(depth, numbers.Real):
        raise TypeError(f"depth must be an integer, got {type(depth).__name__} {depth!r:.60}")
    if not np.isfinite(depth) or int(depth) != depth or depth < 1:
        raise ValueError(f"depth must be a positive integer, got {depth!r}")
    scale = positive_real(scale, "scale")
    seed = positive_int(seed, "seed", minimum=0)
    return _cached_profile(int(depth), scale, seed)


def _compute_profile(depth: int, scale: float, seed: int) -> SaturationProfile:
    """:func:`saturation_profile` for checked arguments, not cached."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((SATURATION_BATCH, SATURATION_INPUTS))
    Y = one_hot(rng.integers(0, 10, SATURATION_BATCH), 10)
    sizes = [SATURATION_INPUTS] + [SATURATION_WIDTH] * int(depth) + [10]
    net = Network(sizes, activation="sigmoid", init="scaled", seed=seed)
    net.weights = [scale * W for W in net.weights]
    zs, _ = net.forward(X)
    saturated = np.array([np.mean(sigmoid_derivative(z) < SATURATED_BELOW) for z in zs[:-1]])
    speeds = net.speeds(X, Y)
    # The cache hands the same arrays to every caller: make writing to them an error.
    speeds.flags.writeable = False
    saturated.flags.writeable = False
    return SaturationProfile(speeds=speeds, saturated=saturated)


_cached_profile = functools.lru_cache(maxsize=512)(_compute_profile)


def saturation_state(depth: int, scale: float) -> dict[str, float]:
    """How much faster the last hidden layer learns than the first, and the mean fraction
    of saturated hidden units, for :func:`saturation_profile` (same arguments), to full
    precision (the explorer shows them from :func:`saturation_tables`)."""
    profile = saturation_profile(depth, scale)
    return {
        "ratio": float(profile.speeds[-1] / profile.speeds[0]),
        "saturated": float(profile.saturated.mean()),
    }


def _short(value: float) -> float:
    """Four significant digits: enough for a figure, and stable across BLAS libraries."""
    return float(f"{value:.4g}")


def saturation_tables(depth: float, scale: float) -> dict[str, Any]:
    """What the explorer reads out and draws for one slider position: per-layer ``speeds``
    and saturated ``fractions`` to 4 digits (bars), the last-to-first speed ``ratio`` to 6
    and the mean ``saturated`` fraction (:func:`saturation_state`). Six digits, not all 17:
    the last digits of a matrix product depend on the CPU's BLAS kernel, and the page must
    be the same on every machine that builds it; the readout's ratio is Python's own, not
    a ratio of two 4-digit speeds (which rounded differently in 10 states)."""
    profile = saturation_profile(depth, scale)  # type: ignore[arg-type]  # checked there
    state = saturation_state(depth, scale)  # type: ignore[arg-type]
    return {
        "speeds": [_short(v) for v in profile.speeds],
        "fractions": [_short(v) for v in profile.saturated],
        "ratio": float(f"{state['ratio']:.6g}"),
        "saturated": state["saturated"],
    }


def draw_saturation(fig: Any, values: Mapping[str, float], state: Mapping[str, float]) -> None:
    """Bar charts of :func:`saturation_profile`: learning speed per hidden layer (log scale,
    left) and fraction of saturated units (right)."""
    depth, scale = values["depth"], values["scale"]
    profile = saturation_profile(int(depth), float(scale))
    layers = np.arange(1, int(depth) + 1)
    left, right = fig.subplots(1, 2, width_ratios=(3, 2))
    left.bar(layers, profile.speeds, color=OKABE_ITO["blue"], bottom=SPEED_RANGE[0])
    left.set(
        yscale="log",
        ylim=SPEED_RANGE,
        xticks=layers,
        xlabel="hidden layer",
        ylabel=r"speed $\|\partial C/\partial b^l\|$",
    )
    right.bar(layers, profile.saturated, color=OKABE_ITO["vermillion"])
    right.set(ylim=(0, 1), xticks=layers, xlabel="hidden layer", ylabel="fraction saturated")
    fig.suptitle(
        f"{depth} layers, weight scale s = {scale:g}: last/first speed "
        f"{state['ratio']:.3g}, saturated {state['saturated']:.0%}",
        fontsize=12,
    )


SPEC = ExplorerSpec(
    name="saturation",
    title="Depth, weight scale and the speed of each layer",
    alt="Left: bars of the learning speed of each hidden layer on a log scale. Right: bars of "
    "the fraction of saturated units in each hidden layer.",
    sliders=(
        Slider("depth", "hidden layers", 1, 8, 1, 4),
        Slider("scale", "weight scale s", -2.0, 4.0, 0.25, 0.0, log_base=2.0),
    ),
    readouts=(
        Readout("ratio", "last-layer speed / first-layer speed =", ".3g", "ratio"),
        Readout("saturated", "fraction of hidden units saturated =", ".0%", "saturated"),
    ),
    draw=draw_saturation,
    tables=saturation_tables,
    scene=Scene(
        panels=(
            Panel(
                xlim=(0.4, "depth + 0.6"),
                ylim=SPEED_RANGE,
                xticks=ticks(1, "depth", 1),
                yticks=(1e-11, 1e-9, 1e-7, 1e-5, 1e-3, 1e-1, 10),
                xlabel="hidden layer",
                ylabel="speed ‖∂C/∂bˡ‖",
                widest_tick="10⁻¹¹",
                height=(0.62, 230),
                logy=True,
                powers_of_ten=True,
                thin_x_labels=True,
                weight=0.6,
                marks=(bars("speeds", colour="blue", base=SPEED_RANGE[0]),),
            ),
            Panel(
                xlim=(0.4, "depth + 0.6"),
                ylim=(0, 1),
                xticks=ticks(1, "depth", 1),
                yticks=(0, 0.5, 1),
                xlabel="hidden layer",
                ylabel="saturated",
                widest_tick="0.5",
                height=(0.36, 130),
                thin_x_labels=True,
                weight=0.4,
                marks=(bars("fractions", colour="vermillion"),),
            ),
        ),
        legend=(
            legend_fill("learning speed of the layer (log scale)", "blue"),
            legend_fill("fraction of its units with σ′(z) < 0.01", "vermillion"),
        ),
        row_from=30,
        row_height=(0.55, 270),
    ),
    figsize=(6.4, 3.8),
    svg_size=(440, 318),
)
