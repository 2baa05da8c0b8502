"""The kernel-free explorers on the built site, driven the way a reader drives them.

For every explorer on every page: each slider, moved with the keyboard, changes the figure
(the SVG) and the readout; and the numbers the page shows equal sigmoidlab's for the same
slider values (the page computes sigma in JavaScript, or looks up precomputed profiles).
"""

from __future__ import annotations

import json

import pytest
from sigmoidlab import explorers

from .conftest import REPORT, SITE
from .test_site import open_page, site_pages

EXPECTED = {  # chapter page -> explorers it must carry
    "book/01_definition.html": ["neuron"],
    "book/02_derivative.html": ["derivative"],
    "book/03_perceptron.html": ["steepness"],
    "book/04_saturation.html": ["saturation"],
}


def python_state(name: str, values: dict[str, float]) -> dict[str, float]:
    """What sigmoidlab says the explorer should show for these slider values."""
    if name == "neuron":
        return explorers.neuron_state(*(values[k] for k in ("w1", "w2", "b", "x1", "x2")))
    if name == "steepness":
        return explorers.steepness_state(values["c"])
    if name == "derivative":
        return explorers.derivative_state(values["z0"])
    if name == "saturation":
        return explorers.saturation_state(int(values["depth"]), values["scale"])
    raise AssertionError(f"unknown explorer {name}")


def shown(explorer) -> tuple[str, str, dict]:
    svg = explorer.locator("svg.sl-figure").inner_html()
    readout = explorer.locator(".sl-readout").inner_text()
    return svg, readout, json.loads(explorer.get_attribute("data-state"))


def check_numbers(name: str, data: dict) -> None:
    expected = python_state(name, data["values"])
    assert set(data["state"]) == set(expected), (name, data)
    # saturation numbers are stored to 4 significant digits; the rest is computed exactly
    rel = 2e-3 if name == "saturation" else 1e-12
    for key, value in expected.items():
        assert data["state"][key] == pytest.approx(value, rel=rel, abs=1e-15), (name, key, data)


def pages_with_explorers() -> list[str]:
    return [p for p in site_pages() if 'class="sl-explorer"' in (SITE / p).read_text()]


def test_explorers_are_where_the_chapters_put_them():
    assert pages_with_explorers() == sorted(EXPECTED)


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
    assert totals["explorers_responding"] == len(explorers.EXPLORERS)
