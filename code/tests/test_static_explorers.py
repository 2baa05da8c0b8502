"""sigmoidlab.explorers.static: the static site's explorers are self-contained, deterministic HTML.

That their sliders work in a browser is checked on the built site (tests/site)."""

import dataclasses
import itertools
import json
import os
import random
import re
import shutil
import subprocess
from html import escape, unescape
from pathlib import Path

import numpy as np
import pytest

from sigmoidlab import logit, sigmoid, sigmoid_derivative
from sigmoidlab.explorers.core import ExplorerSpec, evaluate
from sigmoidlab.explorers.saturation import saturation_profile, saturation_state
from sigmoidlab.explorers.spec import EXPLORERS
from sigmoidlab.explorers.static import StaticExplorer, static_explorer

WEB = Path(__file__).resolve().parents[1] / "sigmoidlab" / "explorers" / "web"


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
    assert data["readouts"] == [
        [r.key, r.label, r.format, r.formula] for r in EXPLORERS[name].readouts
    ]
    assert data["size"] == list(EXPLORERS[name].svg_size)
    inner = re.search(r'class="sl-data">(.*?)</script>', html).group(1)
    assert "</" not in inner
    assert f'aria-label="{escape(EXPLORERS[name].alt)}"' in html


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_tables_cover_every_slider_position(name):
    spec = EXPLORERS[name]
    tables = payload(static_explorer(name).html)["tables"]
    if spec.tables is None:
        assert tables == []
        return
    assert len(tables) == np.prod([s.positions().size for s in spec.sliders])
    grids = [list(s.positions()) for s in spec.sliders]
    for row, combo in zip(tables, itertools.product(*grids), strict=True):
        assert row == spec.tables(**dict(zip((s.name for s in spec.sliders), combo, strict=True)))


def test_saturation_tables_are_the_profiles():
    spec = EXPLORERS["saturation"]
    depth, scale = spec.sliders
    tables = payload(static_explorer("saturation").html)["tables"]
    k = list(scale.steps()).index(1.5)
    row = tables[2 * scale.steps().size + k]  # depth 3, scale 2**1.5
    exact = saturation_profile(3, 2.0**1.5)
    assert row["speeds"] == pytest.approx(list(exact.speeds), rel=5e-4)
    assert row["fractions"] == pytest.approx(list(exact.saturated), abs=5e-5)
    assert all(
        len(r["speeds"]) == d
        for d, r in zip(np.repeat(depth.positions(), scale.steps().size), tables, strict=True)
    )


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_formula_reads_only_known_names(name):
    """Each formula of the spec (readouts and scene) evaluates in Python at the defaults."""
    spec = EXPLORERS[name]
    env = dict(spec.defaults)
    if spec.tables is not None:
        env.update(spec.tables(**env))
    env.update(spec.state(**spec.defaults))
    scene = json.dumps(payload(static_explorer(name).html)["scene"])
    formulas = [f for f in re.findall(r'"((?:[^"\\]|\\.)*)"', scene) if re.search(r"[a-z0-9]", f)]
    checked = 0
    for mark in (m for p in spec.scene.panels for m in p.marks):
        local = {**env, mark.get("x", "z"): 0.5} if mark["mark"] == "curve" else env
        for key in ("x", "y", "a", "b", "c", "lo", "hi", "heights"):
            if isinstance(mark.get(key), str) and not (mark["mark"] == "curve" and key == "x"):
                evaluate(mark[key], local)
                checked += 1
        for xy in mark.get("points", []):
            [evaluate(v, env) for v in xy]
            checked += 1
    assert checked and formulas


def test_unknown_explorer():
    with pytest.raises(ValueError, match="no explorer 'tanh'"):
        static_explorer("tanh")


def node_or_skip() -> str:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node not found: the JavaScript check did not run")
        pytest.skip("node not found")
    return node


def test_javascript_derivative_is_the_stable_form():
    # The page's sigma' must not be s * (1 - s), which cancels in the tails (chapter 2): run the
    # JavaScript function itself in Node and compare it with sigmoidlab far out in both tails.
    node = node_or_skip()
    js = (WEB / "explorers.js").read_text()
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


def js_formulas() -> str:
    """The script's maths and formula evaluator, to run alone in Node."""
    js = (WEB / "explorers.js").read_text()
    maths = js[js.index("  // The formulas of sigmoidlab") : js.index("  // -- formatting")]
    grammar = js[js.index("  // -- formulas:") : js.index("  // -- the scene:")]
    return maths + grammar


# formula, variables: the grammar's corners (precedence, unary minus, **) and every function
FORMULAS = [
    ("1 + 2 * 3", {}),
    ("-a**2", {"a": 3.0}),
    ("(-a)**2", {"a": 3.0}),
    ("2**-1", {}),
    ("2**3**2", {}),
    ("a - b - c", {"a": 1.0, "b": 2.0, "c": 3.5}),
    ("a / b / c", {"a": 1.0, "b": 3.0, "c": 7.0}),
    ("-a * -b + +c", {"a": 1.5, "b": 2.0, "c": 0.25}),
    ("1e-11 * .5 + 2.", {}),
    ("sigmoid(z) - sigmoid(-z)", {"z": 37.5}),
    ("sigmoid(z)", {"z": -740.0}),
    ("sigmoid_derivative(z) * 1e20", {"z": -50.0}),
    ("logit(0.99) / c", {"c": 2.0**-1.5}),
    ("logit(p)", {"p": 0.45}),
    ("logit(p)", {"p": 0.1}),
    ("step(z) + step(-z) + step(0)", {"z": 1.0}),
    ("exp(1) + log(2) + sqrt(2) + abs(-3)", {}),
    ("min(a, b, 3) + max(a, b)", {"a": 1.0, "b": 2.0}),
    ("w1 * x1 + w2 * x2 + b", {"w1": 0.1, "x1": 0.2, "w2": -0.3, "x2": 2.9, "b": -4.0}),
]


def test_javascript_formulas_equal_python():
    node = node_or_skip()
    cases = json.dumps([[f, env] for f, env in FORMULAS])
    script = (
        js_formulas()
        + f"\nconsole.log(JSON.stringify({cases}.map("
        + "function (c) { return evaluate(c[0], c[1]); })));"
    )
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True).stdout
    got = json.loads(out)
    for (formula, env), value in zip(FORMULAS, got, strict=True):
        assert value == pytest.approx(evaluate(formula, env), rel=4e-16, abs=0), formula
    # sigmoid and logit are sigmoidlab's, to the last bit or nearly
    assert got[10] == pytest.approx(float(sigmoid(-740.0)), rel=1e-14)
    assert got[13] == pytest.approx(float(logit(0.45)), rel=1e-15)


@pytest.mark.parametrize(
    "bad", ["a +", "f(1)", "(1", "1 2", "a.b", "a[0]", "a if b else c", "x < 1"]
)
def test_formulas_outside_the_grammar_fail_in_both_languages(bad):
    with pytest.raises(ValueError):
        evaluate(bad, {"a": 1.0, "b": 1.0, "c": 1.0, "x": 1.0})
    node = node_or_skip()
    script = js_formulas() + f"\nevaluate({json.dumps(bad)}, {{a: 1, b: 1, c: 1, x: 1}});"
    assert subprocess.run([node, "-e", script], capture_output=True, text=True).returncode != 0


# -- the page's readout equals Python's in every state ------------------------------------------
# explorers.js run in Node against a minimal stand-in for the DOM: it sets the sliders to each
# state asked for, fires the input event, and prints the values, state and readout the page shows.
HARNESS = r"""
// Runs explorers.js against a minimal stand-in for the DOM, sets the sliders to every state
// asked for, and prints what the page would show: {values, state, readout} per state.
var input = JSON.parse(require("fs").readFileSync(0, "utf8"));
function Node(tag) {
  this.tagName = tag; this.attrs = {}; this.children = []; this.textContent = "";
  this.listeners = {};
}
Node.prototype.setAttribute = function (k, v) { this.attrs[k] = String(v); };
Node.prototype.getAttribute = function (k) { return k in this.attrs ? this.attrs[k] : null; };
Node.prototype.appendChild = function (c) { this.children.push(c); return c; };
Node.prototype.insertBefore = function (c, ref) {
  var i = this.children.indexOf(ref);
  this.children.splice(i < 0 ? 0 : i, 0, c);
  return c;
};
Node.prototype.removeChild = function (c) {
  this.children.splice(this.children.indexOf(c), 1);
  return c;
};
Object.defineProperty(Node.prototype, "firstChild", {
  get: function () { return this.children[0] || null; }
});
Node.prototype.addEventListener = function (type, fn) {
  (this.listeners[type] = this.listeners[type] || []).push(fn);
};
Node.prototype.querySelectorAll = function (tag) {
  var out = [];
  (function walk(n) {
    n.children.forEach(function (c) { if (c.tagName === tag) out.push(c); walk(c); });
  })(this);
  return out;
};
var root = new Node("div"), svg = new Node("svg"), readout = new Node("p"), legend = new Node("ul");
var data = new Node("script");
data.textContent = input.json;
var outputs = {}, inputs = input.sliders.map(function (s) {
  var n = new Node("input");
  n.id = s.id; n.name = s.name; n.step = s.step; n.value = s.value; n.min = s.min; n.max = s.max;
  if (s.log_base !== null) n.setAttribute("data-log-base", s.log_base);
  outputs[s.id] = new Node("output");
  return n;
});
root.querySelector = function (sel) {
  if (sel === "script.sl-data") return data;
  if (sel === "svg.sl-figure") return svg;
  if (sel === ".sl-readout") return readout;
  if (sel === ".sl-legend") return legend;
  var m = /^output\[for='(.*)'\]$/.exec(sel);
  if (m) return outputs[m[1]];
  throw new Error("unexpected selector " + sel);
};
root.querySelectorAll = function (sel) {
  if (sel === "input[type=range]") return inputs;
  throw new Error("unexpected selector " + sel);
};
global.document = {
  currentScript: { parentElement: root },
  createElementNS: function (ns, tag) { return new Node(tag); },
  createElement: function (tag) { return new Node(tag); },
  createTextNode: function (text) { var n = new Node("#text"); n.textContent = text; return n; }
};
require("vm").runInThisContext(input.script);
var shown = input.states.map(function (values) {
  inputs.forEach(function (inp, i) { inp.value = values[i]; });
  inputs[0].listeners.input[0]();
  var page = JSON.parse(root.getAttribute("data-state"));
  return { values: page.values, state: page.state, readout: readout.textContent };
});
console.log(JSON.stringify(shown));
"""


def run_page(html: str, states: list[list[str]]) -> list[dict]:
    """Drive the explorer's own script in Node through ``states`` (slider value strings)."""
    node = node_or_skip()
    match = re.search(r'class="sl-data">(.*?)</script><script>(.*)</script></div>$', html, re.S)
    assert match, "explorer HTML without its JSON spec and script"
    sliders = []
    for tag in re.findall(r'<input type="range"[^>]*>', html):
        attrs = {k: unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', tag)}
        sliders.append(
            {
                "id": attrs["id"],
                "name": attrs["name"],
                "step": attrs["step"],
                "min": attrs["min"],
                "max": attrs["max"],
                "value": attrs["value"],
                "log_base": attrs.get("data-log-base"),
            }
        )
    payload = {"json": match.group(1), "script": match.group(2), "sliders": sliders}
    payload["states"] = states
    out = subprocess.run(
        [node, "-e", HARNESS], input=json.dumps(payload), capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout)


def slider_states(name: str, limit: int = 3000) -> list[list[str]]:
    """Every combination of slider positions, or a seeded sample of ``limit`` of them."""
    grids = [[repr(float(v)) for v in s.steps()] for s in EXPLORERS[name].sliders]
    if np.prod([len(g) for g in grids]) <= limit:
        return [list(t) for t in itertools.product(*grids)]
    rng = random.Random(0)
    corners = [[g[0] for g in grids], [g[-1] for g in grids], [g[len(g) // 2] for g in grids]]
    return corners + [[rng.choice(g) for g in grids] for _ in range(limit)]


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_javascript_readout_equals_python_in_every_state(name):
    # Every state of the steepness, derivative and saturation explorers (33, 121 and 200) and
    # 3,003 of the neuron's: the page evaluates the spec's readout formulas in JavaScript, and
    # the text it shows is exactly what Python's evaluation of the same formulas shows. (The
    # saturation readout once divided the 4-digit speeds of the bars, and the steepness page
    # took 2**e from Math.pow; both rounded differently from Python in a few states.)
    spec = EXPLORERS[name]
    states = slider_states(name)
    shown = run_page(static_explorer(name).html, states)
    assert len(shown) == len(states)
    wrong = []
    for state, page in zip(states, shown, strict=True):
        values = {
            s.name: s.log_base ** float(v) if s.log_base else float(v)
            for s, v in zip(spec.sliders, state, strict=True)
        }
        assert {k: page["values"][k] for k in values} == values, (name, state)
        want = spec.state(**values)
        if page["readout"] != spec.format(want):
            wrong.append((state, page["readout"], spec.format(want)))
        assert page["state"] == pytest.approx(want, rel=1e-12, abs=1e-15), (name, state)
    assert not wrong, f"{len(wrong)} of {len(states)} states differ, e.g. {wrong[:3]}"


@pytest.mark.parametrize(
    ("value", "spec"),
    [
        (0.125, ".2f"),  # exact ties: Python rounds half to even, toFixed away from zero
        (0.375, ".2f"),
        (2.5, ".0f"),
        (-2.5, ".0f"),
        (0.5, ".0f"),
        (0.005, ".0%"),  # 100 * 0.005 is 0.5 exactly, in floating point
        (0.125, ".0%"),
        (0.0625, ".3g"),
        (1.125, ".3g"),
        (2.675, ".2f"),  # not a tie: the double is below 2.675
        (1.5e-5, ".3g"),  # Python switches to an exponent below 1e-4, toPrecision below 1e-6
        (123456.0, ".3g"),
        (100.0, ".3g"),
        (9.9951, ".3g"),
        (-0.0, ".3f"),
        (-0.0, ".3g"),
        (0.0, ".3g"),
        (float("nan"), ".3g"),
        (float("inf"), ".0%"),
        (-float("inf"), ".4f"),
        (1e-300, ".3g"),
        (1.7976931348623157e308, ".3g"),
        (3.0, "g"),
    ],
)
def test_javascript_format_matches_python(value, spec):
    node = node_or_skip()
    js = (WEB / "explorers.js").read_text()
    start = js.index("  function isTie(rest)")
    end = js.index("  // -- a tiny SVG plotting kit")
    # json.dumps writes nan, inf and -0.0 as the JavaScript literals NaN, Infinity and -0.0
    script = js[start:end] + f"\nconsole.log(fmt({json.dumps(value)}, {json.dumps(spec)}));"
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == format(value, spec)


def test_saturation_readout_is_the_exact_state():
    # The page shows the ratio to 6 digits (the rest depends on the CPU's BLAS kernel); the
    # text is still that of saturation_state's full-precision numbers in every state.
    spec = EXPLORERS["saturation"]
    for depth in spec.sliders[0].positions():
        for scale in spec.sliders[1].positions():
            shown, exact = spec.state(depth=depth, scale=scale), saturation_state(depth, scale)
            assert shown == pytest.approx(exact, rel=5e-6)
            assert spec.format(shown) == spec.format(exact)


def hostile_spec(name: str) -> ExplorerSpec:
    """``name``'s explorer with markup in every string a reader never sees changed."""
    spec = EXPLORERS[name]
    evil = '"><script>alert(1)</script><!--'
    first = dataclasses.replace(spec.sliders[0], name=f"x{evil}", label=f"w{evil}")
    # a table (if the explorer has them) with markup in it too; only its escaping is tested
    tables = None if spec.tables is None else (lambda **_: {"note": evil})
    return dataclasses.replace(
        spec, title=f"T{evil}", alt=f"A{evil}", sliders=(first, *spec.sliders[1:]), tables=tables
    )


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_hostile_names_and_labels_are_escaped(name, monkeypatch):
    monkeypatch.setitem(EXPLORERS, name, hostile_spec(name))
    html = static_explorer(name).html
    # only the explorer's own two scripts, and no comment opened anywhere
    assert html.count("<script") == 2 and "<!--" not in html
    assert "alert(1)</script>" not in html
    inputs = re.findall(r'<input type="range"[^>]*>', html)
    assert len(inputs) == len(EXPLORERS[name].sliders)
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', inputs[0]))
    assert unescape(attrs["name"]) == EXPLORERS[name].sliders[0].name
    inner = re.search(r'class="sl-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in inner
    assert json.loads(inner)["alt"] == EXPLORERS[name].alt  # read back intact


def test_json_spec_escapes_comment_openers(monkeypatch):
    spec = EXPLORERS["steepness"]
    monkeypatch.setitem(EXPLORERS, "steepness", dataclasses.replace(spec, alt="a <!-- b </x"))
    inner = re.search(r'class="sl-data">(.*?)</script>', static_explorer("steepness").html)
    assert inner and "<!--" not in inner.group(1) and "</" not in inner.group(1)
    assert json.loads(inner.group(1))["alt"] == "a <!-- b </x"


# -- colours follow the theme; curves keep their contrast in dark mode ---------------------------


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two "#rrggbb" colours."""

    def luminance(colour: str) -> float:
        rgb = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# Page backgrounds and text colours: the book's theme (sphinx-book-theme on pydata-sphinx-theme)
# in light and dark mode, pydata's own dark background, and JupyterLab's dark theme.
LIGHT_BACKGROUNDS = ["#ffffff"]
DARK_BACKGROUNDS = ["#121212", "#14181e", "#111111"]
DARK_TEXT = "#ced6dd"  # pydata's --pst-color-text-base in dark mode: axes and contour lines


def test_contrast_helper():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#0072B2", "#121212") == pytest.approx(3.61, abs=0.01)  # why blue changes


def test_curve_colours_keep_3_to_1_in_light_and_dark_mode():
    from sigmoidlab.explorers.static import DARK_EXTRAS, DARK_HUES
    from sigmoidlab.plotting import OKABE_ITO

    for name, dark in DARK_HUES.items():
        for bg in LIGHT_BACKGROUNDS:
            assert contrast(OKABE_ITO[name], bg) >= 3, (name, bg)
        for bg in DARK_BACKGROUNDS:
            assert contrast(dark, bg) >= 3, (name, dark, bg)
    # the neuron's contour lines (text colour) stay visible over its full shading
    assert contrast(DARK_TEXT, DARK_EXTRAS["shade"]) >= 3
    assert contrast("#222832", OKABE_ITO["sky"]) >= 3  # light mode: dark lines on sky blue


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_palette_is_in_the_html_for_both_modes(name):
    from sigmoidlab.explorers.static import DARK_HUES

    html = static_explorer(name).html
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    dark = re.search(r'html\[data-theme="dark"\] \.sl-explorer,[^{]*\{([^}]*)\}', style)
    assert dark, "no dark-mode palette"
    for key, colour in DARK_HUES.items():
        assert f"--sl-{key}:{colour};" in dark.group(1)


def test_no_colour_is_hard_coded():
    # Every colour comes from a CSS variable (the theme's, with a fallback for pages without
    # it), so the explorer follows light and dark mode; the script writes no colour literal.
    js = (WEB / "explorers.js").read_text()
    assert not re.findall(r"#[0-9a-fA-F]{3,6}\b|\brgb\(|\"(white|black)\"", js)
    css = (WEB / "explorers.css").read_text()
    declarations = re.findall(
        r"(?:^|[;{\s])((?:background|color|border|fill|stroke)[^:;{}]*):([^;}]*)", css
    )
    assert declarations, "no colour declarations found: the pattern is wrong"
    for prop, value in declarations:
        if re.search(r"#[0-9a-fA-F]{3,6}\b|rgb\(", value):
            assert value.strip().startswith("var("), (prop, value)


@pytest.mark.parametrize(
    ("value", "shown"), [(1e-11, "10⁻¹¹"), (0.1, "10⁻¹"), (10.0, "10¹"), (1.0, "10⁰")]
)
def test_axis_writes_powers_of_ten_as_superscripts(value, shown):
    node = node_or_skip()
    js = (WEB / "explorers.js").read_text()
    start, end = js.index("  var SUP = {"), js.index("  var uid = 0;")
    script = js[start:end] + f"\nconsole.log(powerOfTen({json.dumps(value)}));"
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == shown


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_title_counts_the_sliders(name):
    html = static_explorer(name).html
    one = len(EXPLORERS[name].sliders) == 1
    assert ("(drag the slider;" in html) == one and ("(drag the sliders;" in html) == (not one)
