"""One plot style for the whole book: readable on a phone, safe for colour-blind readers.

Colours are the Okabe-Ito palette (distinguishable with the common colour-vision
deficiencies) and each line also gets its own dash pattern, so curves stay apart in
greyscale. Chapters call :func:`use_style` once; helpers here draw the figures that more
than one chapter needs.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np

from sigmoidlab._checks import positive_int, real_number

__all__ = ["OKABE_ITO", "SVG_SAVEFIG", "centred_axes", "grid", "style", "use_style", "zero_lines"]

#: The Okabe-Ito colour-blind-safe palette, in the order the book uses it.
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}

# Solid, dashed, dash-dot, dotted, long dash, dash-dot-dot, ...: distinct in greyscale too.
_DASHES = ["-", "--", "-.", ":", (0, (8, 2)), (0, (4, 1, 1, 1, 1, 1)), (0, (1, 3)), "-"]


def style() -> dict[str, Any]:
    """The book's matplotlib rcParams (a plain dict, so it can be inspected and tested)."""
    from cycler import cycler

    return {
        "figure.figsize": (6.4, 4.0),  # fits a phone screen at 100% width, legible text
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "font.size": 12,
        "axes.titlesize": 13,
        "axes.labelsize": 12,
        "legend.fontsize": 10.5,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "lines.linewidth": 2.2,
        "axes.prop_cycle": cycler(color=list(OKABE_ITO.values()), linestyle=_DASHES),
        "svg.hashsalt": "sigmoid-course",  # deterministic SVG ids
        # Text as glyph outlines: it looks the same on every machine (with "none" the
        # reader's fonts replace DejaVu and misplace the glyphs of mathtext), and costs
        # only about a fifth more bytes than text as text.
        "svg.fonttype": "path",
    }


#: Keyword arguments for ``savefig`` that make an SVG reproducible (no creation date).
SVG_SAVEFIG: dict[str, Any] = {"metadata": {"Date": None}}


def use_style() -> None:
    """Apply :func:`style` to matplotlib globally (call once at the top of a chapter).

    In a notebook it also switches inline figures to SVG: crisp at any zoom and on any
    screen, smaller than a 2x PNG for line plots, and on the website the book's Sphinx
    extension (``book/_ext/course_figures.py``) inlines the SVG and maps its colours to the
    light or dark theme. The SVG is reproducible: no date in its metadata, ids salted with a
    fixed string (``svg.hashsalt``), so the same figure gives the same bytes.
    """
    import matplotlib as mpl

    # matplotlib types rcParams' keys as a Literal of every setting; style() is a plain dict.
    mpl.rcParams.update(cast(Any, style()))
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # plain Python: nothing to configure
        return
    if get_ipython() is not None:
        # no annotations in matplotlib_inline
        set_matplotlib_formats("svg", **SVG_SAVEFIG)  # type: ignore[no-untyped-call]


def _axes(ax: Any, func: str) -> Any:
    """``ax`` if it is a matplotlib Axes; a TypeError naming ``func`` and ``ax`` otherwise."""
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise TypeError(f"{func}() needs ax to be a matplotlib Axes, got {type(ax).__name__}")
    return ax


def zero_lines(ax: Any) -> Any:
    """Thin grey reference lines through the origin, for framed axes with several curves."""
    _axes(ax, "zero_lines")
    ax.axhline(0.0, color="0.55", lw=0.9, zorder=0)
    ax.axvline(0.0, color="0.55", lw=0.9, zorder=0)
    return ax


def centred_axes(ax: Any, *, xlabel: str = "$z$", ylabel: str = "") -> Any:
    """Move the spines of ``ax`` through the origin, as in a textbook sketch.

    The axis lines and their ticks go through the origin, but the tick labels stay at the
    left and bottom edges of the frame (on secondary axes without lines), so that curves
    passing near the origin never run through "0.2" or "0.4". The axis labels go at the far
    ends of the axes, where a reader looks for them.
    """
    _axes(ax, "centred_axes")
    for name, label in (("xlabel", xlabel), ("ylabel", ylabel)):
        if not isinstance(label, str):
            raise TypeError(
                f"centred_axes() needs {name} to be a string, got {type(label).__name__}"
            )
    ax.spines["left"].set_position("zero")
    ax.spines["bottom"].set_position("zero")
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.tick_params(labelleft=False, labelbottom=False)  # ticks on the axes, labels at the edge
    # Secondary axes share the parent's limits and default locator, so their labels sit at
    # exactly the tick positions; they draw no line and no tick marks of their own.
    for edge in (ax.secondary_xaxis("bottom"), ax.secondary_yaxis("left")):
        for spine in edge.spines.values():
            spine.set_visible(False)
        edge.tick_params(length=0)
    ax.set_xlabel(xlabel, loc="right")
    if ylabel:
        ax.set_ylabel(ylabel, loc="top", rotation=0, labelpad=-10)
    return ax


def grid(lo: float = -6.0, hi: float = 6.0, n: int = 601) -> np.ndarray:
    """Evenly spaced inputs for smooth curves (601 points: exact steps of 0.02 on [-6, 6]).

    ``lo < hi`` are finite real numbers and ``n >= 2`` an integer; anything else is a
    ``TypeError`` or ``ValueError`` naming the argument.
    """
    lo_, hi_ = real_number(lo, "lo"), real_number(hi, "hi")
    if not lo_ < hi_:
        raise ValueError(f"lo must be below hi, got lo={lo!r}, hi={hi!r}")
    return np.linspace(lo_, hi_, positive_int(n, "n", minimum=2))
