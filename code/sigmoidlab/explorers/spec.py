r"""The four explorers of the book: their sliders, their numbers and their figures.

Each explorer is a pure function of its slider values, so it can be tested without a
browser or a kernel, and two front ends share it:

* :mod:`sigmoidlab.explorers.widgets` puts the matplotlib figures drawn here behind ipywidgets
  sliders, for readers running the notebooks;
* :mod:`sigmoidlab.explorers.static` draws the same pictures in the reader's browser on the
  static site, from the same slider specifications (and, for the saturation explorer, from
  numbers precomputed here).

The explorers:

``neuron``
    A sigmoid neuron with two inputs: :math:`\sigma(w_1 x_1 + w_2 x_2 + b)` over the input
    plane. The line :math:`w \cdot x + b = 0` (where :math:`\sigma = \tfrac12`) is the
    decision boundary a perceptron with the same weights would use.
``steepness``
    :math:`\sigma(cz)` as :math:`c` grows: outside the band
    :math:`|z| < \operatorname{logit}(0.99)/c` the curve is within 0.01 of the step function.
``derivative``
    A point on :math:`\sigma`, its tangent line, and :math:`\sigma'(z_0) = \sigma(z_0)(1 -
    \sigma(z_0))`.
``saturation``
    A network of sigmoid layers with weights :math:`\mathcal N(0, s^2/n_{in})`: the learning
    speed :math:`\|\partial C/\partial b^l\|` of each hidden layer and the fraction of its
    units that are saturated (:math:`\sigma'(z) < 0.01`).
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from sigmoidlab._checks import positive_int, positive_real, real_number
from sigmoidlab.kernels.logistic import logit, sigmoid, sigmoid_derivative
from sigmoidlab.models.datasets import one_hot
from sigmoidlab.models.networks import Network
from sigmoidlab.models.neurons import step
from sigmoidlab.plotting import OKABE_ITO

__all__ = [
    "EXPLORERS",
    "READOUT",
    "SATURATED_BELOW",
    "ExplorerSpec",
    "SaturationProfile",
    "Slider",
    "derivative_state",
    "draw_derivative",
    "draw_neuron",
    "draw_saturation",
    "draw_steepness",
    "format_state",
    "line_in_box",
    "neuron_state",
    "saturation_profile",
    "saturation_state",
    "steepness_state",
]

#: A unit counts as saturated where its slope is below this (|z| > 4.585).
SATURATED_BELOW = 0.01
#: The input plane of the neuron explorer, [-BOX, BOX] in each coordinate.
BOX = 3.0


@dataclass(frozen=True)
class Slider:
    """One slider: its range, step and starting value.

    For a logarithmic slider (``log_base`` set) ``lo``, ``hi``, ``step`` and ``value`` are
    exponents: the slider moves in steps of ``step`` in :math:`\\log_{base}` of the value.
    """

    name: str
    label: str
    lo: float
    hi: float
    step: float
    value: float
    log_base: float | None = None

    def __post_init__(self) -> None:
        if not self.lo <= self.value <= self.hi or self.step <= 0:
            raise ValueError(f"slider {self.name}: need lo <= value <= hi and step > 0")

    @property
    def integer(self) -> bool:
        """Whether the slider moves over integers (such as a number of layers)."""
        return not self.log_base and all(float(v).is_integer() for v in (self.lo, self.step))

    @property
    def start(self) -> float:
        """The starting value in the explorer's units (``log_base ** value`` if logarithmic)."""
        return self.log_base**self.value if self.log_base else self.value

    def steps(self) -> np.ndarray:
        """Every position of the slider itself (exponents, if logarithmic)."""
        n = round((self.hi - self.lo) / self.step)
        return np.round(self.lo + self.step * np.arange(n + 1), 10)

    def positions(self) -> np.ndarray:
        """Every value the slider can take, in the explorer's units."""
        return self.log_base ** self.steps() if self.log_base else self.steps()


@dataclass(frozen=True)
class ExplorerSpec:
    """An explorer: a title, its sliders, and a function drawing it on a matplotlib figure."""

    name: str
    title: str
    sliders: tuple[Slider, ...]
    draw: Callable[..., dict[str, float]]
    figsize: tuple[float, float] = (6.4, 4.0)
    alt: str = ""  # what the figure shows, for screen readers

    @property
    def defaults(self) -> dict[str, float]:
        return {s.name: s.start for s in self.sliders}


# -- the neuron ------------------------------------------------------------------------------
def neuron_state(w1: float, w2: float, b: float, x1: float, x2: float) -> dict[str, float]:
    """Weighted input, sigmoid output and perceptron output of the two-input neuron at x.

    Every argument is a finite real number.
    """
    for name, value in (("w1", w1), ("w2", w2), ("b", b), ("x1", x1), ("x2", x2)):
        real_number(value, name)
    z = w1 * x1 + w2 * x2 + b
    return {"z": z, "sigma": float(sigmoid(z)), "perceptron": float(step(z))}


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


_NEURON_LEVELS = ((0.1, ":"), (0.5, "-"), (0.9, "--"))


def draw_neuron(fig: Any, w1: float, w2: float, b: float, x1: float, x2: float) -> dict[str, float]:
    """Draw :math:`\\sigma(w \\cdot x + b)` over the input plane, the lines where it equals
    0.1, 0.5 and 0.9, and the input point x. Returns :func:`neuron_state`."""
    from matplotlib.colors import LinearSegmentedColormap

    state = neuron_state(w1, w2, b, x1, x2)
    ax = fig.subplots()
    g = np.linspace(-BOX, BOX, 121)
    X1, X2 = np.meshgrid(g, g)
    cmap = LinearSegmentedColormap.from_list("neuron", ["#ffffff", OKABE_ITO["sky"]])
    image = ax.imshow(
        sigmoid(w1 * X1 + w2 * X2 + b),
        extent=(-BOX, BOX, -BOX, BOX),
        origin="lower",
        cmap=cmap,
        vmin=0.0,
        vmax=1.0,
    )
    fig.colorbar(image, ax=ax, label=r"$\sigma(w \cdot x + b)$", fraction=0.05)
    for p, dash in _NEURON_LEVELS:
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
    return state


# -- steepness ------------------------------------------------------------------------------
#: :math:`|\sigma(u) - \operatorname{step}(u)| < 0.01` exactly where :math:`|u|` exceeds this.
STEP_GAP_0_01 = float(logit(0.99))


def steepness_state(c: float) -> dict[str, float]:
    """For :math:`\\sigma(cz)`: the slope at 0 (:math:`c/4`) and the half-width of the band
    outside which the curve is within 0.01 of the perceptron's step.

    ``c`` must be positive and finite: at ``c = 0`` the curve is flat and no band exists.
    """
    positive_real(c, "c")
    return {"c": c, "slope_at_0": c / 4, "band": STEP_GAP_0_01 / c}


def draw_steepness(fig: Any, c: float) -> dict[str, float]:
    """Draw :math:`\\sigma(cz)`, the step function and the band where they differ by more
    than 0.01. Returns :func:`steepness_state`."""
    state = steepness_state(c)
    ax = fig.subplots()
    z = np.linspace(-3, 3, 1201)
    band = state["band"]
    if band < 3:
        ax.axvspan(-band, band, color="0.88", label="differs from the step by > 0.01")
    else:
        ax.axvspan(-3, 3, color="0.88", label="differs from the step by > 0.01")
    ax.plot(z, sigmoid(z), ":", color="0.35", lw=1.5, label=r"$\sigma(z)$  ($c = 1$)")
    ax.plot([-3, 0, 0, 3], [0, 0, 1, 1], "--", color="black", lw=1.5, label="step (perceptron)")
    ax.plot(z, sigmoid(c * z), color=OKABE_ITO["blue"], label=rf"$\sigma(cz)$, $c = {c:.3g}$")
    ax.set(xlim=(-3, 3), ylim=(-0.05, 1.05), xlabel="$z$", ylabel="output")
    ax.set_title(
        rf"$c = {c:.3g}$: slope at 0 = {state['slope_at_0']:.3g}, step-like for $|z| > {band:.3g}$",
        fontsize=11,
    )
    ax.legend(loc="lower right", fontsize=9, framealpha=0.95)
    return state


# -- the derivative -----------------------------------------------------------------------
def derivative_state(z0: float) -> dict[str, float]:
    """:math:`\\sigma(z_0)`, :math:`\\sigma'(z_0)` and the tangent
    :math:`y = \\sigma(z_0) + \\sigma'(z_0)(z - z_0)`, as slope and intercept.

    ``z0`` must be a finite real number (at infinity the intercept would be NaN).
    """
    real_number(z0, "z0")
    s, d = float(sigmoid(z0)), float(sigmoid_derivative(z0))
    return {"z0": z0, "sigma": s, "slope": d, "intercept": s - d * z0}


def draw_derivative(fig: Any, z0: float) -> dict[str, float]:
    """Draw :math:`\\sigma` with its tangent at :math:`z_0` (top) and :math:`\\sigma'` with
    the slope at :math:`z_0` marked (bottom). Returns :func:`derivative_state`."""
    state = derivative_state(z0)
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
    return state


# -- saturation ---------------------------------------------------------------------------
@dataclass(frozen=True)
class SaturationProfile:
    """Per hidden layer (first to last): learning speed and fraction of saturated units."""

    speeds: np.ndarray
    saturated: np.ndarray


SATURATION_WIDTH = 30  # units per hidden layer, as in chapter 6
SATURATION_INPUTS = 64  # input size, as the 8x8 digits of chapter 6
SATURATION_BATCH = 500


def saturation_profile(depth: int, scale: float, seed: int = 0) -> SaturationProfile:
    """Learning speeds :math:`\\|\\partial C/\\partial b^l\\|` and saturated fractions of
    the hidden layers of a fresh network.

    The network has ``depth`` hidden sigmoid layers of 30 units, 64 inputs and 10 sigmoid
    outputs with the cross-entropy cost; weights are :math:`\\mathcal N(0, s^2/n_{in})`
    with :math:`s` = ``scale`` (``scale=1`` is chapter 6's initialisation) and biases
    :math:`\\mathcal N(0, 1)`. The batch is 500 standard normal inputs with random labels,
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
    of saturated hidden units, for :func:`saturation_profile` (same arguments)."""
    profile = saturation_profile(depth, scale)
    return {
        "ratio": float(profile.speeds[-1] / profile.speeds[0]),
        "saturated": float(profile.saturated.mean()),
    }


SPEED_RANGE = (1e-11, 10.0)  # fixed y-range, so settings can be compared by eye


def draw_saturation(fig: Any, depth: int, scale: float) -> dict[str, float]:
    """Bar charts of :func:`saturation_profile`: learning speed per hidden layer (log scale,
    left) and fraction of saturated units (right). Returns the last-to-first speed ratio
    and the mean saturated fraction."""
    state = saturation_state(depth, scale)
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
    return state


# -- readouts ------------------------------------------------------------------------------
#: How a readout shows each number of an explorer's state: key -> (label, format spec).
READOUT = {
    "z": ("z = w·x + b =", ".3f"),
    "sigma": ("σ =", ".4f"),
    "perceptron": ("perceptron output =", ".0f"),
    "c": ("c =", ".3g"),
    "slope_at_0": ("slope at 0 =", ".3g"),
    "band": ("within 0.01 of the step for |z| >", ".3g"),
    "z0": ("z₀ =", ".2f"),
    "slope": ("σ′(z₀) =", ".4f"),
    "intercept": ("tangent's intercept =", ".4f"),
    "ratio": ("last-layer speed / first-layer speed =", ".3g"),
    "saturated": ("fraction of hidden units saturated =", ".0%"),
}


def format_state(state: dict[str, float]) -> str:
    """The numbers of an explorer's state as one line of text, for its readout."""
    return ";  ".join(f"{READOUT[k][0]} {v:{READOUT[k][1]}}" for k, v in state.items())


# -- the registry -----------------------------------------------------------------------------
EXPLORERS: dict[str, ExplorerSpec] = {
    "neuron": ExplorerSpec(
        "neuron",
        "A sigmoid neuron with two inputs",
        (
            Slider("w1", "w₁", -4.0, 4.0, 0.1, 2.0),
            Slider("w2", "w₂", -4.0, 4.0, 0.1, -1.0),
            Slider("b", "b", -4.0, 4.0, 0.1, 0.5),
            Slider("x1", "x₁", -3.0, 3.0, 0.1, 1.0),
            Slider("x2", "x₂", -3.0, 3.0, 0.1, 0.5),
        ),
        draw_neuron,
        (6.4, 5.0),
        "The input plane of a two-input sigmoid neuron, shaded from no colour (output 0) to blue "
        "(output 1), with the lines where the output is 0.1, 0.5 and 0.9 and the input point.",
    ),
    "steepness": ExplorerSpec(
        "steepness",
        "From the sigmoid to the step: σ(cz) as c grows",
        (Slider("c", "c", -2.0, 6.0, 0.25, 0.0, log_base=2.0),),
        draw_steepness,
        (6.4, 4.0),
        "The curve sigma(cz) against the perceptron's step function, with the band around "
        "z = 0 where they differ by more than 0.01 shaded.",
    ),
    "derivative": ExplorerSpec(
        "derivative",
        "The slope of the sigmoid at a point",
        (Slider("z0", "z₀", -6.0, 6.0, 0.1, 1.0),),
        draw_derivative,
        (6.4, 5.0),
        "Top: the sigmoid with a point and its tangent line. Bottom: the derivative "
        "sigma'(z), with its value at the point marked.",
    ),
    "saturation": ExplorerSpec(
        "saturation",
        "Depth, weight scale and the speed of each layer",
        (
            Slider("depth", "hidden layers", 1, 8, 1, 4),
            Slider("scale", "weight scale s", -2.0, 4.0, 0.25, 0.0, log_base=2.0),
        ),
        draw_saturation,
        (6.4, 3.8),
        "Left: bars of the learning speed of each hidden layer on a log scale. Right: bars of "
        "the fraction of saturated units in each hidden layer.",
    ),
}
