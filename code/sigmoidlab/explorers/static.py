"""Kernel-free explorers for the static site: sliders and an SVG figure in plain HTML.

A page of the book cannot run a Python kernel, so the ipywidgets of
:mod:`sigmoidlab.explorers.widgets` are dead there. :func:`static_explorer` returns the same
explorer as one self-contained piece of HTML: range inputs, an empty ``<svg>``, a JSON spec and
a small script (``web/explorers.js``) that draws in the reader's browser. Nothing is fetched,
so it works offline and in a downloaded notebook alike.

Everything explorer-specific comes from the explorer's spec (:mod:`sigmoidlab.explorers.core`):
the sliders, the readouts with their formulas, the scene the script draws, and the tables
Python computes here for every slider position (for numbers no formula gives). The script
itself knows no explorer: it evaluates the spec's formulas and draws its scene.

Colours are CSS variables: the page's own (pydata-sphinx-theme's on the book's site,
JupyterLab's in a notebook) for background, text and lines, and Okabe-Ito hues for the curves,
with a lighter set for dark mode (``DARK_HUES``). The output is deterministic (same text on
every run), so a notebook cell showing it passes strict nbval.
"""

from __future__ import annotations

import dataclasses
import html
import json
from importlib.resources import files

from sigmoidlab.explorers.core import Slider
from sigmoidlab.explorers.spec import explorer
from sigmoidlab.plotting import OKABE_ITO

__all__ = ["StaticExplorer", "static_explorer"]

#: The curve colours in dark mode: Okabe-Ito's hues, lightened (mixed with white) where needed
#: for a contrast of at least 3:1 against the dark backgrounds of the book's theme (#121212),
#: pydata-sphinx-theme (#14181e) and JupyterLab (#111111). Blue is lightened by a fifth (3.4:1
#: becomes 4.9:1); vermillion and green already pass (4.6:1 and 5.2:1). The neuron's shading
#: ("shade") is the sky blue on a light page and the deeper blue on a dark one, so that the
#: light contour lines drawn over it stay visible.
DARK_HUES = {"blue": "#338EC1", "vermillion": OKABE_ITO["vermillion"], "green": OKABE_ITO["green"]}
LIGHT_EXTRAS = {"shade": OKABE_ITO["sky"], "band": "#E0E0E0"}
DARK_EXTRAS = {"shade": OKABE_ITO["blue"], "band": "#30363F"}


def _palette_css() -> str:
    """CSS variables for the curves: Okabe-Ito on a light page, ``DARK_HUES`` on a dark
    one (the book's dark theme, or JupyterLab's)."""
    light = {k: OKABE_ITO[k] for k in DARK_HUES} | LIGHT_EXTRAS
    dark = DARK_HUES | DARK_EXTRAS

    def block(colours: dict[str, str]) -> str:
        return "".join(f"--sl-{k}:{v};" for k, v in colours.items())

    return (
        f".sl-explorer{{{block(light)}}}\n"
        'html[data-theme="dark"] .sl-explorer,body[data-jp-theme-light="false"] .sl-explorer'
        f"{{{block(dark)}}}\n"
    )


class StaticExplorer:
    """The HTML of one kernel-free explorer; notebooks and the book display it as HTML."""

    def __init__(self, name: str, html_text: str) -> None:
        self.name, self.html = name, html_text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"StaticExplorer({self.name!r})  # shown as HTML with sliders in a browser"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _control(name: str, slider: Slider) -> str:
    # Every string goes through html.escape, names included: a quote in one would end the
    # attribute and let the rest of the name write markup.
    ident = html.escape(f"sl-{name}-{slider.name}")
    log = f' data-log-base="{_number(slider.log_base)}"' if slider.log_base else ""
    return (
        f'<div class="sl-control"><label for="{ident}">{html.escape(slider.label)} = '
        f'<output for="{ident}">{_number(slider.start)}</output></label>'
        f'<input type="range" id="{ident}" name="{html.escape(slider.name)}" '
        f'min="{_number(slider.lo)}" '
        f'max="{_number(slider.hi)}" step="{_number(slider.step)}" '
        f'value="{_number(slider.value)}"{log}></div>'
    )


def static_explorer(name: str) -> StaticExplorer:
    """The kernel-free explorer ``name`` (a key of
    :data:`~sigmoidlab.explorers.spec.EXPLORERS`) as self-contained HTML. Display it in a
    notebook cell (it is the cell's value) and the static site shows it with working
    sliders."""
    spec = explorer(name)
    width, height = spec.svg_size
    payload = {
        "name": name,
        "size": [width, height],
        "alt": spec.alt,
        "readouts": [[r.key, r.label, r.format, r.formula] for r in spec.readouts],
        "scene": dataclasses.asdict(spec.scene),
        # what no formula gives, for every combination of slider positions (last fastest)
        "tables": spec.table_rows(),
        # The value of each position of a logarithmic slider, as Python computes base**e:
        # the browser's Math.pow can differ from it in the last bit (2**-1.5 does).
        "log_positions": {
            s.name: [[float(e), s.log_base**e] for e in map(float, s.steps())]
            for s in spec.sliders
            if s.log_base
        },
    }
    web = files("sigmoidlab.explorers") / "web"
    script = web.joinpath("explorers.js").read_text(encoding="utf-8")
    css = web.joinpath("explorers.css").read_text(encoding="utf-8")
    # Inside a <script>, "</script" ends it and "<!--" changes how the end is found: writing
    # every "<" as the JSON escape \u003c rules out both (JSON.parse reads it back as "<").
    data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).replace("<", "\\u003c")
    controls = "".join(_control(name, s) for s in spec.sliders)
    n = len(spec.sliders)
    # "sl-many": three sliders or more go in two columns where there is room
    layout = " sl-many" if n > 2 else ""
    esc_name = html.escape(name)
    # The figure first and the sliders right under it: on a phone both fit on the screen.
    html_text = (
        f'<div class="sl-explorer" id="sl-{esc_name}" data-explorer="{esc_name}">'
        f"<style>{_palette_css()}{css}</style>"
        f'<p class="sl-title">{html.escape(spec.title)} '
        f"<small>(drag the slider{'' if n == 1 else 's'}; this works without Python)</small></p>"
        f'<svg class="sl-figure" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{html.escape(spec.alt)}"></svg>'
        '<ul class="sl-legend"></ul>'
        f'<div class="sl-controls{layout}">{controls}</div>'
        f'<p class="sl-readout" aria-live="polite"></p>'
        f'<script type="application/json" class="sl-data">{data}</script>'
        f"<script>{script}</script>"
        "</div>"
    )
    return StaticExplorer(name, html_text)
