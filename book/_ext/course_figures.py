"""Matplotlib figures inlined as SVG, to follow the light and dark themes.

The chapters draw their figures as SVG (``sigmoidlab.plotting.use_style``).
MyST-NB shows each one as ``<img src="_images/....svg">``, and an image
cannot take the page's colours: in dark mode the theme puts it on a
light-grey slab. This extension replaces each such ``<img>`` of a matplotlib
SVG with the SVG itself, rewritten so that:

* the figure's and the axes' backgrounds are transparent;
* black (text, spines, ticks, lines drawn "black") becomes ``var(--fig-fg)``,
  white fills (legend boxes) ``var(--fig-bg)``, and every other grey a mix
  of the two in the same proportion, so that a grey keeps its place between
  text and background in either theme; ``book/_static/figures.css`` sets the
  two colours per theme, and the light ones in print. White text stays
  white: the chapters only draw it on a coloured bar;
* the Okabe-Ito colours are kept: each has a contrast of at least 3:1
  against the dark theme's background (figures.css gives the numbers), so
  the palette stays the published colour-blind-safe one in both themes;
* ids are prefixed per figure (several SVGs share one HTML document), and
  the SVG has ``role="img"``, the alt text as ``aria-label`` and as its
  ``<title>``.

In a notebook nothing changes: the SVG keeps matplotlib's own colours.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

from sphinx.application import Sphinx

# An <img> whose src is .../_images/<name>.svg, as MyST-NB writes them.
IMG_RE = re.compile(
    r"<img\b[^>]*?\bsrc=\"(?:[^\"]*/)?_images/([^\"/]+\.svg)\"[^>]*>"
)
ATTR_RE = re.compile(r'([\w:-]+)="([^"]*)"')
HEX_RE = re.compile(r"#([0-9a-fA-F]{6})\b")
TAG_STYLE_RE = re.compile(r'(<(\w+)\b[^<>]*?)style="([^"]*)"')
# The background of the figure and of each axes: the first patch in them.
BACKGROUND_RE = re.compile(
    r'(<g id="(?:figure|axes)_\d+">\s*<g id="patch_\d+">\s*'
    r'<path\b[^>]*?style=")fill: #ffffff"'
)
PREAMBLE_RE = re.compile(r"\A.*?(?=<svg\b)", re.S)
METADATA_RE = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
COMMENT_RE = re.compile(r"\s*<!--.*?-->", re.S)
ID_RE = re.compile(r'\bid="([^"]+)"')
REF_RE = re.compile(r'(xlink:href="#|href="#|url\(#)([^")]+)')
SVG_OPEN_RE = re.compile(r"<svg\b([^>]*)>")
# Coordinates only: a transform's scale (glyphs use 0.015625) must stay exact.
GEOMETRY_RE = re.compile(r'(\b(?:d|x|y)=")([^"]*)"')
DIGITS_RE = re.compile(r"(\d+\.\d\d)\d+")
INDENT_RE = re.compile(r"[ \t]*\n\s*")

FG = "var(--fig-fg, #000000)"
BG = "var(--fig-bg, #ffffff)"


def is_matplotlib_svg(svg: str) -> bool:
    return "<svg" in svg and "Matplotlib" in svg[:2000]


def themed_colour(hex6: str) -> str | None:
    """The CSS for a grey ``hex6`` in the page's theme; None for a colour."""
    r, g, b = (int(hex6[i : i + 2], 16) for i in (0, 2, 4))
    if not r == g == b:
        return None
    if r == 0:
        return FG
    if r == 255:
        return BG
    # How far the grey is from white towards black, in percent.
    share = round(100 * (255 - r) / 255)
    return f"color-mix(in srgb, {FG} {share}%, {BG})"


def theme_style(style: str, *, on_group: bool) -> str:
    """Rewrite the greys of one style attribute.

    Matplotlib puts a text's colour on the ``<g>`` that holds its glyphs, and
    a shape's on its ``<path>`` or ``<use>``: white on a ``<g>`` is white
    text on a coloured bar, and stays white.
    """

    def swap(match: re.Match[str]) -> str:
        hex6 = match.group(1).lower()
        if on_group and hex6 == "ffffff":
            return match.group(0)
        return themed_colour(hex6) or match.group(0)

    return HEX_RE.sub(swap, style)


def theme_colours(svg: str) -> str:
    def swap(match: re.Match[str]) -> str:
        style = theme_style(match.group(3), on_group=match.group(2) == "g")
        return f'{match.group(1)}style="{style}"'

    return TAG_STYLE_RE.sub(swap, svg)


def prefix_ids(svg: str, prefix: str) -> str:
    """Every id becomes ``{prefix}-{id}``, and so do references to it."""
    ids = set(ID_RE.findall(svg))

    def ref(match: re.Match[str]) -> str:
        target = match.group(2)
        return match.group(1) + (
            f"{prefix}-{target}" if target in ids else target
        )

    svg = ID_RE.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    return REF_RE.sub(ref, svg)


def lighten(svg: str) -> str:
    """Fewer bytes, the same picture: coordinates (not transforms) cut to
    0.01 pt, under 1/50 of a pixel at the natural size, and no indentation.
    With fonttype "path" there is no <text> whose spaces could matter."""

    def cut(match: re.Match[str]) -> str:
        numbers = DIGITS_RE.sub(r"\1", match.group(2))
        return f'{match.group(1)}{numbers}"'

    return INDENT_RE.sub("\n", GEOMETRY_RE.sub(cut, svg))


def inline_svg(svg: str, img_tag: str, prefix: str) -> str:
    """The <svg> element that replaces ``img_tag``: themed and labelled."""
    attrs = dict(ATTR_RE.findall(img_tag))
    alt = attrs.get("alt", "")  # HTML-escaped already, as in the <img>
    svg = PREAMBLE_RE.sub("", svg, count=1)
    svg = METADATA_RE.sub("", svg)
    svg = COMMENT_RE.sub("", svg)
    svg = BACKGROUND_RE.sub(r'\1fill: none"', svg)
    svg = theme_colours(svg)
    svg = prefix_ids(svg, prefix)
    svg = lighten(svg)
    opening = SVG_OPEN_RE.search(svg)
    if opening is None:
        raise ValueError(f"no <svg> element in the figure for {img_tag}")
    own = dict(ATTR_RE.findall(opening.group(1)))
    # Natural size in CSS pixels (1 pt = 4/3 px): the text at the size
    # matplotlib was given, as large as the body text for 12 pt.
    width = round(float(own["width"].removesuffix("pt")) * 4 / 3)
    height = round(float(own["height"].removesuffix("pt")) * 4 / 3)
    classes = " ".join(["course-figure", *attrs.get("class", "").split()])
    new_open = (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="{own["viewBox"]}" width="{width}" height="{height}" '
        f'class="{classes}" role="img" aria-label="{alt}" '
        f'focusable="false" style="fill: {FG}; max-width: {width}px">'
        f"<title>{alt}</title>"
    )
    return svg[: opening.start()] + new_open + svg[opening.end() :]


def figure_sources(app: Sphinx) -> dict[str, Path]:
    """Name in _images/ -> the SVG file the builder copies there."""
    images: dict[str, str] = getattr(app.builder, "images", {})
    return {
        dest: Path(app.srcdir, src)
        for src, dest in images.items()
        if dest.endswith(".svg")
    }


def inline_figures(body: str, sources: dict[str, Path]) -> str:
    """``body`` with every matplotlib SVG <img> replaced by the SVG."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        source = sources.get(html.unescape(match.group(1)))
        if source is None or not source.is_file():
            return match.group(0)
        svg = source.read_text(encoding="utf-8")
        if not is_matplotlib_svg(svg):
            return match.group(0)
        count += 1
        digest = hashlib.sha1(match.group(1).encode()).hexdigest()[:8]
        return inline_svg(svg, match.group(0), f"f{digest}-{count}")

    return IMG_RE.sub(replace, body)


def on_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict,
    doctree: object,
) -> None:
    if "_images/" in context.get("body", ""):
        context["body"] = inline_figures(context["body"], figure_sources(app))


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("html-page-context", on_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
