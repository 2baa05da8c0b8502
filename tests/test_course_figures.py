"""book/_ext/course_figures.py: matplotlib SVGs inlined into the page, themed and labelled.

The sample is a real figure from the book's style (sigmoidlab.plotting) in a small HTML
body shaped like MyST-NB's output, so the test sees what the build sees.
"""

from __future__ import annotations

import io
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import course_figures  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
OKABE_ITO = {"#0072b2", "#e69f00", "#009e73", "#d55e00", "#56b4e9", "#cc79a7"}


def figure_svg(white_text: bool = False) -> str:
    import matplotlib.pyplot as plt
    from sigmoidlab import sigmoid
    from sigmoidlab.plotting import OKABE_ITO as PALETTE
    from sigmoidlab.plotting import SVG_SAVEFIG, centred_axes, grid, style

    with matplotlib.rc_context(style()):
        z = grid(-6, 6)
        fig, ax = plt.subplots()
        ax.plot(z, sigmoid(z), label="sigmoid")
        ax.axhline(1.0, color="grey", lw=1, ls=":")
        ax.plot([0], [0.5], "o", color=PALETTE["vermillion"])
        ax.plot(z, 0.2 * sigmoid(z), color="black")
        if white_text:
            ax.barh([0.5], [3.0], height=0.2, color=PALETTE["blue"])
            ax.text(0.1, 0.5, "on the bar", color="white")
        centred_axes(ax)
        ax.legend(loc="upper left", frameon=True)
        out = io.StringIO()
        fig.savefig(out, format="svg", bbox_inches="tight", **SVG_SAVEFIG)
        plt.close(fig)
    return out.getvalue()


@pytest.fixture
def page(tmp_path: Path) -> tuple[str, dict[str, Path]]:
    """Two figures, a PNG and a non-matplotlib SVG, as MyST-NB and Sphinx write them."""
    (tmp_path / "a.svg").write_text(figure_svg())
    (tmp_path / "b.svg").write_text(figure_svg(white_text=True))
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    sources = {name: tmp_path / name for name in ("a.svg", "b.svg", "logo.svg")}
    body = (
        '<figure class="align-default" id="fig-a">'
        '<img alt="An S-shaped curve &quot;rising&quot; from 0 to 1" '
        'src="../_images/a.svg" class="align-center" />'
        "<figcaption><p>Fig. 1</p></figcaption></figure>\n"
        '<img alt="Bars" src="../_images/b.svg" />\n'
        '<img alt="A photo" src="../_images/c.png" />\n'
        '<img alt="Logo" src="../_images/logo.svg" />\n'
        '<img alt="Missing" src="../_images/gone.svg" />\n'
    )
    return body, sources


def parse(body: str) -> ET.Element:
    """The body as XML: inlined SVG must be well-formed, whatever the HTML parser forgives."""
    return ET.fromstring(f"<div>{body}</div>")


def test_matplotlib_svgs_are_inlined_with_a_label(page: tuple[str, dict[str, Path]]) -> None:
    body, sources = page
    out = course_figures.inline_figures(body, sources)
    root = parse(out)
    svgs = root.findall(f".//{SVG}svg")
    assert len(svgs) == 2
    first, second = svgs
    assert first.get("role") == "img" == second.get("role")
    assert first.get("aria-label") == 'An S-shaped curve "rising" from 0 to 1'
    assert first.find(f"{SVG}title").text == first.get("aria-label")
    assert second.get("aria-label") == "Bars"
    assert "course-figure" in first.get("class").split()
    assert "align-center" in first.get("class").split()  # the <img>'s classes are kept
    # The width is the natural size; the aspect ratio is the viewBox's.
    _, _, vb_w, vb_h = map(float, first.get("viewBox").split())
    assert abs(int(first.get("width")) / int(first.get("height")) - vb_w / vb_h) < 0.01
    assert "<metadata>" not in out and "<?xml" not in out and "<!DOCTYPE" not in out
    # What is not a matplotlib SVG stays an <img>.
    assert 'src="../_images/c.png"' in out
    assert 'src="../_images/logo.svg"' in out
    assert 'src="../_images/gone.svg"' in out


def test_ids_are_unique_and_every_reference_resolves(page: tuple[str, dict[str, Path]]) -> None:
    body, sources = page
    out = course_figures.inline_figures(body, sources)
    ids = re.findall(r'\bid="([^"]+)"', out)
    assert len(ids) == len(set(ids)) > 20
    refs = re.findall(r'(?:href="#|url\(#)([^")]+)', out)
    assert refs  # glyphs and clip paths are referenced
    assert set(refs) <= set(ids)
    # The same figure twice on a page still gets distinct ids.
    twice = course_figures.inline_figures(
        '<img alt="x" src="_images/a.svg"/><img alt="y" src="_images/a.svg"/>', sources
    )
    twice_ids = re.findall(r'\bid="([^"]+)"', twice)
    assert len(twice_ids) == len(set(twice_ids))


def styles(svg_body: str) -> list[str]:
    return re.findall(r'style="([^"]*)"', svg_body)


def test_greys_follow_the_theme_colours_do_not(page: tuple[str, dict[str, Path]]) -> None:
    body, sources = page
    raw = sources["b.svg"].read_text()
    out = course_figures.inline_figures(body, sources)
    # Before: black, white and greys as literal colours; after: none left, except white text.
    greys = re.compile(r"#([0-9a-f]{2})\1\1\b")
    assert any(greys.search(s) for s in styles(raw))
    themed = re.compile(r"var\(--fig-(?:fg|bg), #[0-9a-f]{6}\)")  # fallbacks do not count
    leftover = [s for s in styles(out) if greys.search(themed.sub("", s))]
    assert leftover == ["fill: #ffffff"]  # the one white text, on the blue bar
    assert "var(--fig-fg, #000000)" in out
    assert "var(--fig-bg, #ffffff)" in out  # the legend box
    assert "color-mix(in srgb, var(--fig-fg, #000000) 50%, var(--fig-bg, #ffffff))" in out
    # The palette is kept as drawn.
    used = {c for s in styles(out) for c in re.findall(r"#[0-9a-f]{6}", s)} & OKABE_ITO
    assert {"#0072b2", "#d55e00"} <= used
    # Figure and axes backgrounds are transparent: no white rectangle behind the plot.
    for group in ("figure_1", "axes_1"):
        prefix = re.search(rf'id="(f[0-9a-f]+-\d+)-{group}"', out)
        assert prefix is not None
        start = out.index(f'id="{prefix.group(1)}-{group}"')
        background = re.search(r'<path\b[^>]*style="([^"]*)"', out[start:])
        assert background is not None and background.group(1) == "fill: none"


@pytest.mark.parametrize(
    ("hex6", "expected"),
    [
        ("000000", "var(--fig-fg, #000000)"),
        ("ffffff", "var(--fig-bg, #ffffff)"),
        ("808080", "color-mix(in srgb, var(--fig-fg, #000000) 50%, var(--fig-bg, #ffffff))"),
        ("b0b0b0", "color-mix(in srgb, var(--fig-fg, #000000) 31%, var(--fig-bg, #ffffff))"),
        ("0072b2", None),
        ("fefeff", None),
    ],
)
def test_themed_colour(hex6: str, expected: str | None) -> None:
    assert course_figures.themed_colour(hex6) == expected


def test_a_page_without_figures_is_unchanged(page: tuple[str, dict[str, Path]]) -> None:
    _, sources = page
    body = "<p>No figures here, only <code>_images/</code> in text.</p>"
    assert course_figures.inline_figures(body, sources) == body


def test_lighten_moves_no_coordinate_by_more_than_a_hundredth_of_a_point() -> None:
    raw = figure_svg()
    light = course_figures.lighten(raw)
    assert len(light) < 0.95 * len(raw)
    geometry = re.compile(r'\b(?:d|transform|x|y)="([^"]*)"')
    assert 'transform="scale(0.015625)"' in light  # glyph scales are kept exact
    number = re.compile(r"-?\d+(?:\.\d+)?")
    before, after = geometry.findall(raw), geometry.findall(light)
    assert len(before) == len(after) > 100
    for old, new in zip(before, after, strict=True):
        assert number.sub("#", old).split() == number.sub("#", new).split()  # same commands
        pairs = zip(number.findall(old), number.findall(new), strict=True)
        assert all(abs(float(a) - float(b)) < 0.01 for a, b in pairs)
