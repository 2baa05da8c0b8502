r"""What every explorer is made of: sliders, readouts, a scene, and the formulas they share.

An explorer is declared once, in its own module of ``sigmoidlab.explorers`` (one
:class:`ExplorerSpec` named ``SPEC``), and that declaration drives every front end:

* its :class:`Slider`\ s become ipywidgets sliders (:mod:`~sigmoidlab.explorers.widgets`)
  and HTML range inputs (:mod:`~sigmoidlab.explorers.static`);
* its :class:`Readout`\ s are the numbers it shows, each a *formula* in a tiny expression
  language that Python evaluates here (:func:`evaluate`) and the browser's script evaluates
  with the same grammar and the same functions, so the two cannot drift apart;
* its matplotlib ``draw`` function draws the figure of the live explorer, and its ``scene``
  (panels of generic marks: curves, points, lines, shaded bands and fields, bars) tells the
  browser's generic renderer how to draw the static one;
* numbers that need more than a formula (a trained network, say) come from its ``tables``
  function, which Python runs at build time for every position of the sliders.

The expression language: numbers, names (slider values, earlier readouts, table entries),
``+ - * / **``, unary minus, parentheses, and calls of the functions in :data:`FUNCTIONS`.
Operators bind as in Python (``-a**b`` is ``-(a**b)``). Anything else is a ``ValueError``.
"""

from __future__ import annotations

import ast
import functools
import itertools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from sigmoidlab._checks import positive_real, real_number
from sigmoidlab.kernels.logistic import logit, sigmoid, sigmoid_derivative
from sigmoidlab.models.neurons import step

__all__ = [
    "FUNCTIONS",
    "ExplorerSpec",
    "Panel",
    "Readout",
    "Scene",
    "Slider",
    "bars",
    "curve",
    "evaluate",
    "field_shade",
    "legend_fill",
    "legend_line",
    "legend_marker",
    "line",
    "names_in",
    "point",
    "polyline",
    "ticks",
    "vspan",
]

#: The functions a formula may call, in Python; web/explorers.js defines the same names with
#: the same formulas (sigmoid and its derivative in sigmoidlab's overflow-free forms).
FUNCTIONS: dict[str, Callable[..., float]] = {
    "sigmoid": lambda z: float(sigmoid(z)),
    "sigmoid_derivative": lambda z: float(sigmoid_derivative(z)),
    "logit": lambda p: float(logit(p)),
    "step": lambda z: float(step(z)),
    "exp": math.exp,
    "log": math.log,
    "sqrt": math.sqrt,
    "abs": abs,
    "min": min,
    "max": max,
}

_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: a**b,
}


@functools.lru_cache(maxsize=1024)
def _parse(formula: str) -> ast.expr:
    if not isinstance(formula, str):
        raise TypeError(f"a formula must be a string, got {type(formula).__name__}")
    try:
        tree = ast.parse(formula, mode="eval").body
    except SyntaxError as err:
        raise ValueError(f"formula {formula!r} is not an expression: {err.msg}") from None
    for node in ast.walk(tree):
        allowed = (
            isinstance(node, (ast.BinOp, ast.Name, ast.Load))
            or type(node) in _BINARY
            or (isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)))
            or isinstance(node, (ast.USub, ast.UAdd))
            or (
                isinstance(node, ast.Constant)
                and isinstance(node.value, (int, float))
                and not isinstance(node.value, bool)
            )
            or (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in FUNCTIONS
                and not node.keywords
            )
        )
        if not allowed:
            raise ValueError(f"formula {formula!r}: {type(node).__name__} is not allowed")
    return tree


def names_in(formula: str) -> set[str]:
    """The variable names a formula reads (function names excluded)."""
    tree = _parse(formula)
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in called}


def evaluate(formula: str | float, env: Mapping[str, Any]) -> Any:
    """The value of ``formula`` with the names in ``env``.

    >>> evaluate("-a**2 + sigmoid(0)", {"a": 3.0})
    -8.5
    """
    if isinstance(formula, (int, float)) and not isinstance(formula, bool):
        return float(formula)

    def walk(node: ast.expr) -> Any:
        if isinstance(node, ast.Constant):
            return float(node.value)  # type: ignore[arg-type]  # _parse allows numbers only
        if isinstance(node, ast.Name):
            if node.id not in env:
                raise ValueError(f"formula {formula!r}: unknown name {node.id!r}")
            return env[node.id]
        if isinstance(node, ast.UnaryOp):
            value = walk(node.operand)
            return -value if isinstance(node.op, ast.USub) else value
        if isinstance(node, ast.BinOp):
            return _BINARY[type(node.op)](walk(node.left), walk(node.right))
        assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        return FUNCTIONS[node.func.id](*(walk(a) for a in node.args))

    return walk(_parse(formula))


# -- sliders and readouts ------------------------------------------------------------------------
@dataclass(frozen=True)
class Slider:
    r"""One slider: its range, step and starting value.

    For a logarithmic slider (``log_base`` set) ``lo``, ``hi``, ``step`` and ``value`` are
    exponents: the slider moves in steps of ``step`` in :math:`\log_{base}` of the value.
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

    def check(self, value: Any) -> float:
        """``value`` as a float, if it is one this slider's explorer can compute with: a finite
        real number, positive for a logarithmic slider."""
        return positive_real(value, self.name) if self.log_base else real_number(value, self.name)


@dataclass(frozen=True)
class Readout:
    """One number an explorer shows: ``label`` then the value of ``formula`` in ``format``
    (a Python format spec; the browser formats exactly as Python does). The formula may use
    the slider values, table entries and the readouts listed before it."""

    key: str
    label: str
    format: str
    formula: str


# -- the scene: what the browser draws -------------------------------------------------------
# A mark is a plain dict (it goes into the page as JSON). Numbers in it may be formulas.
# Colours are the names of the page's CSS colours: blue, vermillion, green, shade, band (the
# explorer's palette), fg (the text colour) and muted.
Formula = str | float


def _style(colour: str, width: float | None, dash: str) -> dict[str, Any]:
    out: dict[str, Any] = {"colour": colour, "dash": dash}
    if width is not None:
        out["width"] = width
    return out


def curve(
    y: str,
    *,
    x: str = "z",
    n: int = 600,
    colour: str = "blue",
    width: float | None = None,
    dash: str = "",
) -> dict[str, Any]:
    """The graph of ``y`` (a formula in ``x``) over the panel's x range, at ``n + 1`` points."""
    return {"mark": "curve", "x": x, "y": y, "n": n, **_style(colour, width, dash)}


def polyline(
    *points: tuple[Formula, Formula], colour: str = "fg", width: float | None = None, dash: str = ""
) -> dict[str, Any]:
    """Straight segments through ``points``."""
    return {"mark": "polyline", "points": [list(p) for p in points], **_style(colour, width, dash)}


def line(
    a: Formula,
    b: Formula,
    c: Formula,
    *,
    colour: str = "fg",
    width: float | None = 2,
    dash: str = "",
) -> dict[str, Any]:
    """The line :math:`ax + by = c` across the panel (nothing if it misses the panel)."""
    return {"mark": "line", "a": a, "b": b, "c": c, **_style(colour, width, dash)}


def point(x: Formula, y: Formula, *, colour: str = "vermillion") -> dict[str, Any]:
    """A dot at (x, y)."""
    return {"mark": "point", "x": x, "y": y, "colour": colour}


def vspan(lo: Formula, hi: Formula, *, colour: str = "band") -> dict[str, Any]:
    """The panel's full height between x = lo and x = hi (clipped to the panel)."""
    return {"mark": "vspan", "lo": lo, "hi": hi, "colour": colour}


def field_shade(a: Formula, b: Formula, c: Formula, *, colour: str = "shade") -> dict[str, Any]:
    r"""The panel shaded by :math:`\sigma(ax + by + c)`: no colour at 0, ``colour`` at 1."""
    return {"mark": "field", "a": a, "b": b, "c": c, "colour": colour}


def bars(heights: str, *, colour: str = "blue", base: float = 0.0) -> dict[str, Any]:
    """Bars at x = 1, 2, ... with the heights in the list ``heights`` (a name), from ``base``."""
    return {"mark": "bars", "heights": heights, "colour": colour, "base": base}


def ticks(lo: Formula, hi: Formula, step: float) -> dict[str, Any]:
    """Ticks at lo, lo + step, ... up to hi (formulas allowed for lo and hi)."""
    return {"lo": lo, "hi": hi, "step": step}


def legend_line(label: str, colour: str, dash: str = "") -> dict[str, Any]:
    """A legend entry with a line sample. ``{formula:spec}`` in a label is filled in."""
    return {"label": label, "kind": "line", "colour": colour, "dash": dash}


def legend_fill(label: str, colour: str) -> dict[str, Any]:
    """A legend entry with a filled box."""
    return {"label": label, "kind": "fill", "colour": colour}


def legend_marker(label: str, colour: str) -> dict[str, Any]:
    """A legend entry with a dot."""
    return {"label": label, "kind": "marker", "colour": colour}


@dataclass(frozen=True)
class Panel:
    """One set of axes of the browser's figure and the marks drawn on it.

    ``height`` is ``(fraction of the panel's width, at most this many pixels)``, or ``None``
    for a square panel (with a colour bar if ``colorbar``). ``widest_tick`` is the longest
    y tick label, for the left margin. ``xticks`` and ``yticks`` are :func:`ticks` or a list.
    """

    xlim: tuple[Formula, Formula]
    ylim: tuple[float, float]
    marks: tuple[dict[str, Any], ...]
    xticks: dict[str, Any] | tuple[float, ...] = ()
    yticks: dict[str, Any] | tuple[float, ...] = ()
    xlabel: str = ""
    ylabel: str = ""
    widest_tick: str = "0.25"
    height: tuple[float, float] | None = (0.6, 280)
    x_tick_labels: bool = True
    logy: bool = False
    powers_of_ten: bool = False  # y tick labels as 10⁻¹¹
    thin_x_labels: bool = False  # label every k-th x tick where they would crowd
    colorbar: str = ""  # colour of a colour bar from 0 to 1 right of a square panel
    weight: float = 1.0  # share of the width when panels sit side by side


@dataclass(frozen=True)
class Scene:
    """The browser's figure: panels stacked top to bottom, or side by side where the figure
    is at least ``row_from`` text lines wide (``row_height``: fraction of the width, cap),
    and a legend under it."""

    panels: tuple[Panel, ...]
    legend: tuple[dict[str, Any], ...] = ()
    row_from: float | None = None
    row_height: tuple[float, float] = (0.55, 270)


# -- the explorer -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExplorerSpec:
    """An explorer, declared once: every front end is built from this.

    ``draw(fig, values, state)`` draws the live explorer's matplotlib figure for the slider
    ``values`` and the readout ``state``; ``tables(**values)``, if given, returns numbers the
    readouts and the scene may use by name (Python computes it for every slider position
    when it writes the static page).
    """

    name: str
    title: str
    alt: str  # what the figure shows, for screen readers
    sliders: tuple[Slider, ...]
    readouts: tuple[Readout, ...]
    draw: Callable[[Any, Mapping[str, float], Mapping[str, float]], None]
    scene: Scene
    figsize: tuple[float, float] = (6.4, 4.0)
    svg_size: tuple[int, int] = (440, 300)  # before the script lays the figure out
    tables: Callable[..., dict[str, Any]] | None = None

    @property
    def defaults(self) -> dict[str, float]:
        return {s.name: s.start for s in self.sliders}

    def check_slider_names(self, values: Mapping[str, Any]) -> None:
        """A ``TypeError`` naming the keys of ``values`` that are not this explorer's sliders."""
        unknown = set(values) - {s.name for s in self.sliders}
        if unknown:
            raise TypeError(f"{self.name} explorer has no slider(s) {sorted(unknown)}")

    def state(self, **values: Any) -> dict[str, float]:
        """The readout numbers for these slider values (each checked: a finite number,
        positive for a logarithmic slider); a slider not given is at its starting value."""
        self.check_slider_names(values)
        values = {**self.defaults, **values}
        env: dict[str, Any] = {s.name: s.check(values[s.name]) for s in self.sliders}
        if self.tables is not None:
            env.update(self.tables(**env))
        out: dict[str, float] = {}
        for r in self.readouts:
            env[r.key] = out[r.key] = float(evaluate(r.formula, env))
        return out

    def format(self, state: Mapping[str, float]) -> str:
        """The readout numbers as one line of text."""
        labels = {r.key: r for r in self.readouts}
        return ";  ".join(f"{labels[k].label} {v:{labels[k].format}}" for k, v in state.items())

    def table_rows(self) -> list[dict[str, Any]]:
        """``tables`` at every combination of slider positions, the last slider varying
        fastest; [] if the explorer has no tables."""
        if self.tables is None:
            return []
        grids = [[float(v) for v in s.positions()] for s in self.sliders]
        names = [s.name for s in self.sliders]
        return [
            self.tables(**dict(zip(names, combo, strict=True)))
            for combo in itertools.product(*grids)
        ]
