"""The book's plot style: SVG figures that are reproducible, centred axes whose labels stay
clear of the curves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from sigmoidlab import sigmoid, sigmoid_derivative
from sigmoidlab.plotting import centred_axes, grid, style, use_style


@pytest.fixture
def ipython() -> Iterator[Any]:
    """An IPython shell that get_ipython() returns, as in a notebook; removed afterwards."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        yield shell
    finally:
        InteractiveShell.clear_instance()
        matplotlib.rcdefaults()


@pytest.fixture
def fresh_style() -> Iterator[None]:
    yield
    matplotlib.rcdefaults()
    plt.close("all")


def test_style_writes_reproducible_svg_with_text_as_outlines() -> None:
    rc = style()
    assert rc["svg.fonttype"] == "path"  # the same glyphs on every machine
    assert rc["svg.hashsalt"]  # ids do not change from run to run


def sigmoid_figure() -> Any:
    z = grid(-8, 8)
    fig, ax = plt.subplots()
    ax.plot(z, sigmoid(z), label=r"$\sigma(z)$")
    centred_axes(ax, ylabel=r"$\sigma(z)$")
    ax.set_ylim(-0.05, 1.1)
    ax.legend(loc="upper left")
    return fig


# Matplotlib before 3.9 reads IPython's deprecated backend2gui when it draws inside IPython
# 8.24 or newer (make test-min pins Matplotlib 3.8); a warning from that pairing, not ours.
@pytest.mark.filterwarnings("ignore:backend2gui is deprecated:DeprecationWarning")
def test_use_style_makes_inline_figures_svg_and_reproducible(ipython: Any) -> None:
    use_style()
    formatters = ipython.display_formatter.formatters
    figure_type = plt.Figure
    assert formatters["image/svg+xml"].lookup(sigmoid_figure()) is not None
    with pytest.raises(KeyError):
        formatters["image/png"].lookup_by_type(figure_type)  # no PNG next to the SVG
    first = formatters["image/svg+xml"](sigmoid_figure())
    second = formatters["image/svg+xml"](sigmoid_figure())
    plt.close("all")
    assert first.startswith("<?xml") or first.lstrip().startswith("<svg")
    assert first == second  # same figure, same bytes: no date, salted ids
    assert "<dc:date>" not in first
    assert "<text" not in first  # text drawn as outlines (svg.fonttype "path")
    assert "<image" not in first  # a line plot stays vector, nothing rasterised


def test_use_style_outside_ipython_only_sets_rcparams(fresh_style: None) -> None:
    use_style()
    assert matplotlib.rcParams["svg.fonttype"] == "path"
    assert matplotlib.rcParams["font.size"] == style()["font.size"]


def label_boxes(fig: Any, ax: Any) -> list[Any]:
    """Display boxes of every visible tick label of ``ax`` and of its secondary axes."""
    renderer = fig.canvas.get_renderer()
    boxes = []
    for axes in [ax, *ax.child_axes]:
        for axis in (axes.xaxis, axes.yaxis):
            for label in axis.get_ticklabels():
                if label.get_visible() and label.get_text():
                    boxes.append(label.get_window_extent(renderer))
    return boxes


@pytest.mark.parametrize(
    ("curves", "ylim"),
    [
        ([sigmoid], (-0.05, 1.1)),  # Fig. 1.1
        ([sigmoid, sigmoid_derivative], (-0.05, 1.1)),  # Fig. 2.1 and 5.2
    ],
    ids=["sigmoid", "sigmoid-and-derivative"],
)
def test_centred_axes_keep_tick_labels_clear_of_the_curves(
    fresh_style: None, curves: list[Any], ylim: tuple[float, float]
) -> None:
    use_style()
    z = grid(-6, 6)
    fig, ax = plt.subplots()
    lines = [ax.plot(z, f(z))[0] for f in curves]
    centred_axes(ax)
    ax.set_ylim(*ylim)
    fig.canvas.draw()
    boxes = label_boxes(fig, ax)
    assert len(boxes) >= 10  # the labels exist: both axes are labelled
    for line in lines:
        points = line.get_transform().transform(line.get_xydata())
        for box in boxes:
            inside = (
                (points[:, 0] >= box.x0)
                & (points[:, 0] <= box.x1)
                & (points[:, 1] >= box.y0)
                & (points[:, 1] <= box.y1)
            )
            assert not inside.any(), f"a curve runs through the tick label at {box}"
    # The axis lines still cross at the origin, with their ticks on them.
    origin = ax.transData.transform((0.0, 0.0))
    left = ax.spines["left"].get_window_extent()
    bottom = ax.spines["bottom"].get_window_extent()
    for name in ("left", "bottom"):
        assert ax.spines[name].get_position() in ("zero", ("data", 0.0))
    assert left.x0 <= origin[0] <= left.x1 and bottom.y0 <= origin[1] <= bottom.y1
    # The labels sit at the ticks' positions, at the frame's edges.
    frame = ax.get_window_extent()
    secondary_x, secondary_y = ax.child_axes
    np.testing.assert_allclose(secondary_x.get_xticks(), ax.get_xticks())
    np.testing.assert_allclose(secondary_y.get_yticks(), ax.get_yticks())
    for box in boxes:
        assert box.x1 <= frame.x0 + 1 or box.y1 <= frame.y0 + 1
    plt.close(fig)


def test_centred_axes_labels_would_be_struck_through_on_the_spine(fresh_style: None) -> None:
    """The check above can fail: with labels on the spine through 0, the curve hits one."""
    use_style()
    z = grid(-6, 6)
    fig, ax = plt.subplots()
    (line,) = ax.plot(z, sigmoid(z))
    ax.spines["left"].set_position("zero")
    ax.spines["bottom"].set_position("zero")
    ax.set_ylim(-0.05, 1.1)
    fig.canvas.draw()
    points = line.get_transform().transform(line.get_xydata())
    hit = [
        box
        for box in label_boxes(fig, ax)
        if (
            (points[:, 0] >= box.x0)
            & (points[:, 0] <= box.x1)
            & (points[:, 1] >= box.y0)
            & (points[:, 1] <= box.y1)
        ).any()
    ]
    assert hit
    plt.close(fig)
