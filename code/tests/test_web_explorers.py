"""sigmoidlab.web_explorers: the static site's explorers are self-contained, deterministic HTML.

That their sliders work in a browser is checked on the built site (tests/site)."""

import json
import os
import re
import shutil
import subprocess
from html import escape
from pathlib import Path

import numpy as np
import pytest

from sigmoidlab import sigmoid_derivative
from sigmoidlab.explorers import EXPLORERS, READOUT, saturation_profile
from sigmoidlab.web_explorers import StaticExplorer, static_explorer


def payload(html: str) -> dict:
    match = re.search(r'<script type="application/json" class="sl-data">(.*?)</script>', html)
    assert match, "no JSON spec in the explorer"
    return json.loads(match.group(1))


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_html_is_deterministic_and_displayable(name):
    ex = static_explorer(name)
    assert isinstance(ex, StaticExplorer)
    assert ex._repr_html_() == static_explorer(name).html  # same text every run: nbval-stable
    assert repr(ex) == f"StaticExplorer({name!r})  # shown as HTML with sliders in a browser"
    assert ex.html.startswith(f'<div class="sl-explorer" id="sl-{name}"')


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_one_labelled_range_input_per_slider(name):
    html = static_explorer(name).html
    spec = EXPLORERS[name]
    inputs = re.findall(r'<input type="range"[^>]*>', html)
    assert len(inputs) == len(spec.sliders)
    for slider, tag in zip(spec.sliders, inputs, strict=True):
        ident = f"sl-{name}-{slider.name}"
        assert f'id="{ident}"' in tag and f'name="{slider.name}"' in tag
        assert f'<label for="{ident}">' in html and f'<output for="{ident}">' in html
        for attr, value in (("min", slider.lo), ("max", slider.hi), ("step", slider.step)):
            assert float(re.search(f'{attr}="([^"]+)"', tag).group(1)) == value
        assert ("data-log-base" in tag) == bool(slider.log_base)


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_nothing_is_fetched(name):
    html = static_explorer(name).html
    urls = set(re.findall(r"https?://[^\s\"')]+", html))
    assert urls == {"http://www.w3.org/2000/svg"}  # a namespace name, never requested
    for tag in ("<link", "<img", "<iframe", "src=", "import(", "fetch("):
        assert tag not in html


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_spec_carries_alt_text_readout_labels_and_no_script_breakout(name):
    html = static_explorer(name).html
    data = payload(html)
    assert data["name"] == name and data["alt"] == EXPLORERS[name].alt
    assert data["readout"] == {k: list(v) for k, v in READOUT.items()}
    inner = re.search(r'class="sl-data">(.*?)</script>', html).group(1)
    assert "</" not in inner
    assert f'aria-label="{escape(EXPLORERS[name].alt)}"' in html


def test_saturation_data_covers_every_slider_position():
    data = payload(static_explorer("saturation").html)["data"]
    depth, scale = EXPLORERS["saturation"].sliders
    assert data["scales"] == list(scale.steps())
    assert len(data["speeds"]) == depth.positions().size
    for d, per_scale in enumerate(data["speeds"], start=1):
        assert len(per_scale) == len(data["scales"])
        assert all(len(speeds) == d for speeds in per_scale)
    exact = saturation_profile(3, 2.0**1.5)
    k = data["scales"].index(1.5)
    assert data["speeds"][2][k] == pytest.approx(list(exact.speeds), rel=5e-4)
    assert data["saturated"][2][k] == pytest.approx(list(exact.saturated), abs=5e-5)


def test_unknown_explorer():
    with pytest.raises(ValueError, match="no explorer 'tanh'"):
        static_explorer("tanh")


def test_javascript_derivative_is_the_stable_form():
    # The page's sigma' must not be s * (1 - s), which cancels in the tails (chapter 2): run the
    # JavaScript function itself in Node and compare it with sigmoidlab far out in both tails.
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node not found: the JavaScript check did not run")
        pytest.skip("node not found")
    js = (Path(__file__).resolve().parents[1] / "sigmoidlab" / "web" / "explorers.js").read_text()
    match = re.search(r"function sigmoidDerivative\(z\) \{.*?\n  \}", js, flags=re.S)
    assert match, "explorers.js has no sigmoidDerivative"
    assert "s * (1 - s)" not in js.replace("(s * (1 - s) loses", "")
    zs = [-700.0, -40.0, -1.3, 0.0, 2.0, 37.0, 40.0, 700.0]
    script = match.group(0) + f"\nconsole.log(JSON.stringify({zs}.map(sigmoidDerivative)));"
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True).stdout
    got = np.array(json.loads(out))
    want = sigmoid_derivative(np.array(zs))
    assert np.all(got > 0)  # s * (1 - s) would give 0 from z = 37.43 on
    np.testing.assert_allclose(got, want, rtol=1e-14)
