"""The kernel-free explorers on the built site, driven the way a reader drives them.

For every explorer on every page: each slider, moved with the keyboard, changes the figure
(the SVG) and the readout; and the numbers the page shows equal sigmoidlab's for the same
slider values (the page computes sigma in JavaScript, or looks up precomputed profiles).

Then on a phone (390 x 844) and a desktop, in light and dark mode: with the figure scrolled to
the top of the screen, every slider can be moved with the figure and the slider both on the
screen; every piece of text, in the SVG too, is at least 14 CSS pixels as drawn; the explorer's
background is the page's and every curve keeps 3:1 against it; in dark mode axe-core finds
nothing serious in the explorer (test_site runs axe on every page in light mode).
"""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from sigmoidlab.explorers.spec import EXPLORERS

from .conftest import AXE_JS, REPORT, ROOT, SITE
from .test_site import AXE_TAGS, open_page, site_pages


def explorers_in_chapters() -> dict[str, list[str]]:
    """Chapter page -> the explorers its notebook shows, read from its static_explorer calls."""
    found = {}
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        names = [
            name
            for cell in cells
            if cell.cell_type == "code"
            for name in re.findall(r"static_explorer\(\s*[\"']([^\"']+)[\"']", cell.source)
        ]
        if names:
            found[f"book/{path.stem}.html"] = names
    return found


EXPECTED = explorers_in_chapters()  # chapter page -> explorers it must carry


def python_state(name: str, values: dict[str, float]) -> dict[str, float]:
    """What sigmoidlab says the explorer should show for these slider values: the spec's
    readout formulas (and build-time tables) evaluated in Python."""
    spec = EXPLORERS[name]
    return spec.state(**{s.name: values[s.name] for s in spec.sliders})


def shown(explorer) -> tuple[str, str, dict]:
    svg = explorer.locator("svg.sl-figure").inner_html()
    readout = explorer.locator(".sl-readout").inner_text()
    return svg, readout, json.loads(explorer.get_attribute("data-state"))


def check_numbers(name: str, data: dict) -> None:
    expected = python_state(name, data["values"])
    assert set(data["state"]) == set(expected), (name, data)
    for key, value in expected.items():
        assert data["state"][key] == pytest.approx(value, rel=1e-12, abs=1e-15), (name, key, data)


def pages_with_explorers() -> list[str]:
    return [p for p in site_pages() if 'class="sl-explorer"' in (SITE / p).read_text()]


def test_explorers_are_where_the_chapters_put_them():
    assert pages_with_explorers() == sorted(EXPECTED)
    assert sorted(n for names in EXPECTED.values() for n in names) == sorted(EXPLORERS)


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_explorers_respond(path, browser, base_url, totals):
    context, page, record = open_page(browser, f"{base_url}/{path}")
    try:
        boxes = page.locator(".sl-explorer")
        names = [boxes.nth(i).get_attribute("data-explorer") for i in range(boxes.count())]
        assert names == EXPECTED[path], f"{path}: explorers {names}"
        for i, name in enumerate(names):
            explorer = boxes.nth(i)
            svg, readout, data = shown(explorer)
            assert svg.count("<path") + svg.count("<rect") > 3, f"{name}: empty figure"
            check_numbers(name, data)
            sliders = explorer.locator("input[type=range]")
            for j in range(sliders.count()):
                slider = sliders.nth(j)
                at_max = slider.input_value() == slider.get_attribute("max")
                slider.focus()
                for _ in range(3):  # three keyboard steps, as a reader would
                    page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
                new_svg, new_readout, new_data = shown(explorer)
                label = f"{path} {name} slider {slider.get_attribute('name')}"
                assert new_data["values"] != data["values"], f"{label}: the value did not move"
                assert new_svg != svg, f"{label}: the figure did not change"
                assert new_readout != readout, f"{label}: the readout did not change"
                check_numbers(name, new_data)
                svg, readout, data = new_svg, new_readout, new_data
            # for authors to look at: _build/test-reports/explorer-<name>.png
            explorer.screenshot(path=str(REPORT.parent / f"explorer-{name}.png"))
            totals["explorers_responding"] += 1
        assert not record["console"], f"{path}: console errors {record['console']}"
        assert not record["external"], f"{path}: requests leaving the machine {record['external']}"
    finally:
        context.close()


def test_every_explorer_responded(totals):
    """Runs after the tests above (pytest keeps file order): all four explorers responded."""
    assert totals["explorers_responding"] == len(EXPLORERS)


# -- phones, text size and dark mode ------------------------------------------------------------
VIEWS = [  # (width, height, theme): a phone (iPhone 12-14 size) and a desktop, both modes
    (390, 844, "light"),
    (390, 844, "dark"),
    (1280, 800, "light"),
    (1280, 800, "dark"),
]
MIN_TEXT_PX = 14.0  # the body text is 16 px; tick labels 0.9 of it

# The bottom of whatever the theme pins to the top of the screen (its header bar): the part of
# the viewport a reader cannot see the figure in.
PINNED_BOTTOM = """() => Math.max(0, ...Array.from(document.querySelectorAll('body *')).filter(
  e => {
    const s = getComputedStyle(e), r = e.getBoundingClientRect();
    return (s.position === 'fixed' || s.position === 'sticky') && s.visibility !== 'hidden'
        && r.top <= 1 && r.bottom > 0 && r.height > 0 && r.height < innerHeight / 3;
}).map(e => e.getBoundingClientRect().bottom))"""

# Every piece of text in the explorer as the reader sees it: HTML text at its computed size,
# SVG text at its computed size times the SVG's scale on the screen (a viewBox shrinks it).
TEXT_SIZES = """(ex) => {
    const out = [];
    const walker = document.createTreeWalker(ex, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!n.textContent.trim() || el.closest('style, script')) continue;
        let size = parseFloat(getComputedStyle(el).fontSize);
        if (el instanceof SVGElement) {
            const m = el.getScreenCTM();
            size *= Math.hypot(m.a, m.b);
        }
        if (el.getClientRects().length) out.push([n.textContent.trim().slice(0, 30), size]);
    }
    return out;
}"""

# The colour behind the explorer (the first ancestor that paints a background), the
# explorer's own, and every curve's and bar's colour.
COLOURS = """(ex) => {
    const paint = e => getComputedStyle(e).backgroundColor;
    let p = ex.parentElement;
    while (p && /rgba\\(0, 0, 0, 0\\)|transparent/.test(paint(p))) p = p.parentElement;
    const svg = ex.querySelector('svg.sl-figure');
    return {
        around: p ? paint(p) : 'rgb(255, 255, 255)',
        page: paint(document.body),
        own: paint(ex),
        curves: Array.from(svg.querySelectorAll('path')).map(e => getComputedStyle(e).stroke),
        bars: Array.from(svg.querySelectorAll('.sl-bar')).map(e => getComputedStyle(e).fill),
        theme: document.documentElement.dataset.theme
    };
}"""


def rgb(css: str) -> tuple[float, ...]:
    values = [float(v) for v in css[css.index("(") + 1 : css.index(")")].split(",")]
    assert len(values) == 3 or values[3] == 1, f"not an opaque colour: {css}"
    return tuple(values[:3])


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    def luminance(c: tuple[float, ...]) -> float:
        srgb = [v / 255 for v in c]
        lin = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in srgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def open_view(browser, url: str, width: int, height: int, theme: str):
    context, page, record = open_page(browser, url, width, height, theme)
    assert page.evaluate("document.documentElement.dataset.theme") == theme
    return context, page, record


def scroll_figure_to_top(page, explorer) -> float:
    """Scroll so that the figure's top sits just under the pinned header; return its bottom."""
    explorer.scroll_into_view_if_needed()
    pinned = page.evaluate(PINNED_BOTTOM)
    top = explorer.locator("svg.sl-figure").evaluate("e => e.getBoundingClientRect().top")
    page.evaluate(f"window.scrollBy(0, {top - pinned - 8})")
    return page.evaluate(PINNED_BOTTOM)


def on_screen(locator, pinned: float, width: int, height: int) -> bool:
    box = locator.evaluate(
        "e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"
    )
    return (
        box[0] >= 0 and box[2] <= width + 0.5 and box[1] >= pinned - 0.5 and box[3] <= height + 0.5
    )


@pytest.mark.parametrize(("width", "height", "theme"), VIEWS, ids=[f"{w}-{t}" for w, _, t in VIEWS])
@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_explorers_on_every_screen(path, width, height, theme, browser, base_url):
    context, page, record = open_view(browser, f"{base_url}/{path}", width, height, theme)
    problems = []
    try:
        boxes = page.locator(".sl-explorer")
        assert boxes.count() == len(EXPECTED[path])
        for i, name in enumerate(EXPECTED[path]):
            explorer, where = boxes.nth(i), f"{path} {name} at {width}x{height} {theme}"
            figure = explorer.locator("svg.sl-figure")
            pinned = scroll_figure_to_top(page, explorer)
            sliders = explorer.locator("input[type=range]")
            for j in range(sliders.count()):
                slider = sliders.nth(j)
                before = explorer.get_attribute("data-state")
                at_max = slider.input_value() == slider.get_attribute("max")
                slider.focus()
                for _ in range(3):
                    page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
                label = f"{where} slider {slider.get_attribute('name')}"
                assert explorer.get_attribute("data-state") != before, f"{label}: nothing moved"
                if not on_screen(figure, pinned, width, height):
                    problems.append(f"{label}: the figure is not (wholly) on the screen")
                if not on_screen(slider, pinned, width, height):
                    problems.append(f"{label}: the slider is not on the screen")
            small = [t for t in explorer.evaluate(TEXT_SIZES) if t[1] < MIN_TEXT_PX - 0.01]
            if small:
                problems.append(f"{where}: text under {MIN_TEXT_PX} px: {small[:5]}")
            colours = explorer.evaluate(COLOURS)
            own, around = rgb(colours["own"]), rgb(colours["around"])
            if max(abs(a - b) for a, b in zip(own, around, strict=True)) > 8:
                problems.append(f"{where}: background {colours['own']} on {colours['around']}")
            if around != rgb(colours["page"]):
                problems.append(f"{where}: sits on {colours['around']}, page {colours['page']}")
            for paint in colours["curves"] + colours["bars"]:
                if paint != "none" and contrast(rgb(paint), own) < 3:
                    problems.append(f"{where}: {paint} on {colours['own']} is under 3:1")
            if theme == "dark":  # light mode: test_site runs axe on the whole page
                page.add_script_tag(path=str(AXE_JS))
                axe = explorer.evaluate(
                    f"e => axe.run(e, {{runOnly: {{type: 'tag', values: {AXE_TAGS}}}}})"
                )
                for v in axe["violations"]:
                    if v["impact"] in ("serious", "critical"):
                        nodes = [n["target"] for n in v["nodes"]][:3]
                        problems.append(f"{where}: axe {v['id']} at {nodes}")
            # for authors to look at: _build/test-reports/explorer-<name>-<width>-<theme>.png
            scroll_figure_to_top(page, explorer)
            explorer.screenshot(path=str(REPORT.parent / f"explorer-{name}-{width}-{theme}.png"))
        if width > 390:  # a window narrowed to a phone's width: the figures are laid out again
            page.set_viewport_size({"width": 390, "height": 844})
            page.wait_for_timeout(300)
            for i, name in enumerate(EXPECTED[path]):
                sizes = [t[1] for t in boxes.nth(i).evaluate(TEXT_SIZES)]
                if min(sizes) < MIN_TEXT_PX - 0.01:
                    problems.append(f"{path} {name} narrowed to 390: text of {min(sizes):.1f} px")
        if record["console"]:
            problems.append(f"{path}: console errors {record['console']}")
        if record["external"]:
            problems.append(f"{path}: requests leaving the machine {record['external']}")
    finally:
        context.close()
    assert not problems, "\n  ".join(problems)
