"""Live explorers for readers running the notebooks: ipywidgets sliders over the figures of
:mod:`sigmoidlab.explorers.spec`.

:func:`live_explorer` returns an :class:`Explorer`, a widget holding the sliders, the figure
(a PNG drawn by matplotlib) and a one-line readout of the numbers, all taken from the
explorer's spec (:data:`~sigmoidlab.explorers.spec.EXPLORERS`)::

    from sigmoidlab.explorers.widgets import live_explorer
    live_explorer(name)          # in a notebook cell; name: a key of EXPLORERS

Callbacks do no work of their own: they call :meth:`Explorer.render`, which computes the
readouts from the spec's formulas and calls the explorer's drawing function. An exception there
is *not* swallowed (as ``ipywidgets.interact`` does): setting a slider from Python raises it,
so the unit tests see it, and a kernel logs it. The static site cannot run these; it has the
kernel-free counterparts of :mod:`sigmoidlab.explorers.static`.
"""

from __future__ import annotations

import io
from typing import Any, cast

import ipywidgets as widgets  # type: ignore[import-untyped]  # ships no type hints
import matplotlib as mpl
from matplotlib.figure import Figure

from sigmoidlab._checks import positive_real, real_number
from sigmoidlab.explorers.core import ExplorerSpec, Slider
from sigmoidlab.explorers.spec import explorer
from sigmoidlab.plotting import style

__all__ = ["Explorer", "live_explorer"]


def _slider_widget(spec: Slider, value: float) -> widgets.ValueWidget:
    common: dict[str, Any] = {
        "description": spec.label,
        # Drawing takes a few tenths of a second: redraw on release, not on every pixel.
        "continuous_update": False,
        "style": {"description_width": "initial"},
        "layout": widgets.Layout(width="300px"),
    }
    if spec.log_base:
        return widgets.FloatLogSlider(
            value=value, base=spec.log_base, min=spec.lo, max=spec.hi, step=spec.step, **common
        )
    if spec.integer:
        return widgets.IntSlider(
            value=int(value), min=int(spec.lo), max=int(spec.hi), step=int(spec.step), **common
        )
    return widgets.FloatSlider(
        value=value, min=spec.lo, max=spec.hi, step=spec.step, readout_format=".1f", **common
    )


def _start_value(spec: Slider, value: Any) -> float:
    """A starting value for ``spec``: a finite number within the slider's range (ipywidgets
    would silently clamp one outside it)."""
    number = real_number(value, spec.name)
    lo, hi = (
        (spec.log_base**spec.lo, spec.log_base**spec.hi) if spec.log_base else (spec.lo, spec.hi)
    )
    if not lo <= number <= hi:
        raise ValueError(f"{spec.name} must be between {lo:g} and {hi:g}, got {value!r}")
    if spec.integer and not number.is_integer():
        raise ValueError(f"{spec.name} must be a whole number, got {value!r}")
    return number


class Explorer(widgets.VBox):  # type: ignore[misc]  # ipywidgets is untyped
    """Sliders, a figure and a readout for one :class:`~sigmoidlab.explorers.core.ExplorerSpec`.

    Parameters
    ----------
    spec : ExplorerSpec
        What to draw and which sliders drive it.
    dpi : float
        Resolution of the figure's PNG, positive.
    **values : float
        Starting slider values, by slider name (the spec's defaults otherwise).

    Attributes
    ----------
    sliders : dict
        Slider widgets by name; set ``.value`` to drive the explorer from code.
    image : ipywidgets.Image
        The current figure, as PNG bytes in ``image.value``.
    readout : ipywidgets.HTML
        The current numbers, as text.
    state : dict
        The current numbers, from the spec's readout formulas.
    """

    def __init__(self, spec: ExplorerSpec, *, dpi: float = 100, **values: float) -> None:
        if not isinstance(spec, ExplorerSpec):
            raise TypeError(f"spec must be an ExplorerSpec, got {type(spec).__name__}")
        spec.check_slider_names(values)
        self.spec, self.dpi = spec, positive_real(dpi, "dpi")
        by_name = {s.name: s for s in spec.sliders}
        start = {**spec.defaults, **{k: _start_value(by_name[k], v) for k, v in values.items()}}
        self.sliders = {s.name: _slider_widget(s, start[s.name]) for s in spec.sliders}
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="720px"))
        self.readout = widgets.HTML()
        self.state: dict[str, float] = {}
        controls = widgets.Box(
            list(self.sliders.values()), layout=widgets.Layout(flex_flow="row wrap")
        )
        super().__init__([widgets.HTML(f"<b>{spec.title}</b>"), controls, self.image, self.readout])
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.render()

    @property
    def values(self) -> dict[str, float]:
        """The current slider values, by name."""
        return {name: slider.value for name, slider in self.sliders.items()}

    def render(self) -> None:
        """Draw the figure for the current slider values and update image and readout."""
        with mpl.rc_context(cast(Any, style())):  # rcParams keys are typed as literals
            values = self.values
            state = self.spec.state(**values)
            fig = Figure(figsize=self.spec.figsize, layout="constrained")
            self.spec.draw(fig, values, state)
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=self.dpi)
        self.state = state
        self.image.value = buffer.getvalue()
        self.readout.value = f"<p>{self.spec.format(state)}</p>"

    def _on_change(self, change: dict[str, Any]) -> None:
        self.render()


def live_explorer(name: str, **values: float) -> Explorer:
    """The live explorer ``name`` (a key of :data:`~sigmoidlab.explorers.spec.EXPLORERS`),
    its sliders starting at ``values`` (by slider name; the spec's defaults otherwise)."""
    return Explorer(explorer(name), **values)
