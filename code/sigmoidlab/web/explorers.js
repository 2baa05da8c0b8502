/* Kernel-free explorers for the static site (sigmoidlab.web_explorers).
 *
 * Each explorer's HTML holds its sliders, an empty <svg>, a JSON spec written by Python and a
 * copy of this script, so it works offline and alone. The script only draws: the numbers that
 * need the package (contour levels, saturation profiles, colours, labels) come in the spec;
 * the one formula computed here is the sigmoid itself, in the same overflow-free form as
 * sigmoidlab. After every redraw the numbers shown are written to data-state as JSON, which
 * the browser tests compare with sigmoidlab's.
 */
(function () {
  "use strict";
  var root = document.currentScript.parentElement;
  var spec = JSON.parse(root.querySelector("script.sl-data").textContent);
  var svg = root.querySelector("svg.sl-figure");
  var readout = root.querySelector(".sl-readout");
  var NS = "http://www.w3.org/2000/svg";
  var C = spec.colours;
  var W = spec.size[0], H = spec.size[1];

  function sigmoid(z) {
    if (z >= 0) return 1 / (1 + Math.exp(-z));
    var e = Math.exp(z);
    return e / (1 + e);
  }

  // sigma'(z) = e / (1 + e)^2 with e = exp(-|z|), as sigmoidlab.sigmoid_derivative: no
  // subtraction, so no cancellation in the tails (s * (1 - s) loses digits there, chapter 2).
  function sigmoidDerivative(z) {
    var e = Math.exp(-Math.abs(z));
    return e / ((1 + e) * (1 + e));
  }

  // -- formatting, exactly as Python's format specs ".3f", ".4g", "g", ".0%" ------------------
  // JavaScript's toFixed and toExponential round an exact tie (a value whose decimal expansion
  // ends in the 5 just past the last digit kept) away from zero; Python rounds it to even. 100
  // digits show every such tie: a double's expansion that stops there is short, and one that
  // goes on is not a tie. Python's "g" also switches to exponent notation at other bounds.
  function isTie(rest) { return /^50*$/.test(rest); }
  function isEven(digit) { return "02468".indexOf(digit) >= 0; }
  function fixed(a, d) {  // a >= 0, finite: Python's format(a, f".{d}f")
    if (a >= 1e21) return a.toFixed(d);  // never shown by the explorers
    var long = a.toFixed(100), dot = long.indexOf(".");
    var kept = long.slice(0, d ? dot + d + 1 : dot), last = kept.charAt(kept.length - 1);
    return isTie(long.slice(dot + d + 1)) && isEven(last) ? kept : a.toFixed(d);
  }
  function significant(a, p) {  // a > 0, finite: [p digits rounded as Python does, exponent]
    var m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(a.toExponential(p - 1));
    var long = /^(\d)\.(\d+)e([+-]\d+)$/.exec(a.toExponential(100)), all = long[1] + long[2];
    if (isTie(all.slice(p)) && isEven(all.charAt(p - 1))) return [all.slice(0, p), parseInt(long[3], 10)];
    return [m[1] + (m[2] || ""), parseInt(m[3], 10)];
  }
  function trimZeros(s) { return s.indexOf(".") >= 0 ? s.replace(/0+$/, "").replace(/\.$/, "") : s; }
  function fmt(v, f) {
    var m = /^\.?(\d*)([fg%])$/.exec(f);
    var d = m[1] === "" ? 6 : parseInt(m[1], 10), kind = m[2];
    var sign = v < 0 || Object.is(v, -0) ? "-" : "", a = Math.abs(v), pct = kind === "%" ? "%" : "";
    if (a !== a) return "nan" + pct;
    if (kind === "%") a = Math.abs(100 * v);  // Python multiplies by 100 first, in floating point
    if (a === Infinity) return sign + "inf" + pct;
    if (kind !== "g") return sign + fixed(a, d) + pct;
    var p = Math.max(d, 1);
    if (a === 0) return sign + "0";
    var se = significant(a, p), digits = se[0], exp = se[1];
    if (exp >= -4 && exp < p) {
      var s = exp >= 0 ? digits.slice(0, exp + 1) + "." + digits.slice(exp + 1)
                       : "0." + "0".repeat(-exp - 1) + digits;
      return sign + trimZeros(s);
    }
    var mant = trimZeros(digits.charAt(0) + "." + digits.slice(1));
    return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
  }

  // -- a tiny SVG plotting kit -----------------------------------------------------------------
  function el(tag, attrs, parent, text) {
    var node = document.createElementNS(NS, tag);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  var uid = 0;
  function axes(box, xlim, ylim, opt) {
    // box = [left, top, width, height] in SVG units; opt: xticks, yticks, xlabel, ylabel, logy
    opt = opt || {};
    var ty = opt.logy ? function (v) { return Math.log10(v); } : function (v) { return v; };
    var y0 = ty(ylim[0]), y1 = ty(ylim[1]);
    var a = {
      x: function (v) { return box[0] + (v - xlim[0]) / (xlim[1] - xlim[0]) * box[2]; },
      y: function (v) { return box[1] + box[3] - (ty(v) - y0) / (y1 - y0) * box[3]; },
      g: el("g", {}, svg)
    };
    var id = "sl-" + spec.name + "-clip" + (uid++);
    var clip = el("clipPath", { id: id }, a.g);
    el("rect", { x: box[0], y: box[1], width: box[2], height: box[3] }, clip);
    (opt.xticks || []).forEach(function (t) {
      var x = a.x(t);
      el("line", { x1: x, x2: x, y1: box[1], y2: box[1] + box[3], stroke: "#ddd" }, a.g);
      el("text", { x: x, y: box[1] + box[3] + 17, "text-anchor": "middle" }, a.g, opt.xfmt ? opt.xfmt(t) : String(t));
    });
    (opt.yticks || []).forEach(function (t) {
      var y = a.y(t);
      el("line", { x1: box[0], x2: box[0] + box[2], y1: y, y2: y, stroke: "#ddd" }, a.g);
      el("text", { x: box[0] - 6, y: y + 5, "text-anchor": "end" }, a.g, opt.yfmt ? opt.yfmt(t) : String(t));
    });
    el("polyline", {
      points: [box[0], box[1], box[0], box[1] + box[3], box[0] + box[2], box[1] + box[3]].join(" "),
      fill: "none", stroke: "#222"
    }, a.g);
    if (opt.xlabel) el("text", { x: box[0] + box[2] / 2, y: box[1] + box[3] + 36, "text-anchor": "middle" }, a.g, opt.xlabel);
    if (opt.ylabel) {
      var yl = el("text", { x: 0, y: 0, "text-anchor": "middle" }, a.g, opt.ylabel);
      yl.setAttribute("transform", "translate(" + (box[0] - (opt.ylabelGap || 42)) + "," + (box[1] + box[3] / 2) + ") rotate(-90)");
    }
    a.plot = el("g", { "clip-path": "url(#" + id + ")" }, a.g);
    return a;
  }
  function path(a, xs, ys, style) {
    var d = xs.map(function (x, i) { return (i ? "L" : "M") + a.x(x).toFixed(2) + "," + a.y(ys[i]).toFixed(2); });
    return el("path", Object.assign({ d: d.join(""), fill: "none", "stroke-width": 2.5 }, style), a.plot);
  }
  function dot(a, x, y, colour) {
    return el("circle", { cx: a.x(x), cy: a.y(y), r: 7, fill: colour, stroke: "#000", "stroke-width": 1.5 }, a.plot);
  }
  var legendBox = root.querySelector(".sl-legend");
  function legend(items) {  // an HTML list under the figure: wraps on a phone, real text
    legendBox.textContent = "";
    items.forEach(function (it) {
      var li = document.createElement("li");
      var sw = el("svg", { width: 30, height: 14, viewBox: "0 0 30 14", "aria-hidden": "true" }, li);
      if (it.fill) el("rect", { x: 1, y: 1, width: 28, height: 12, fill: it.fill, stroke: "#888" }, sw);
      else if (it.marker) el("circle", { cx: 15, cy: 7, r: 5.5, fill: it.marker, stroke: "#000" }, sw);
      else el("line", Object.assign({ x1: 1, x2: 29, y1: 7, y2: 7, "stroke-width": 2.5 }, it.style), sw);
      li.appendChild(document.createTextNode(it.label));
      legendBox.appendChild(li);
    });
  }
  function range(lo, hi, n) {
    var out = [];
    for (var i = 0; i <= n; i++) out.push(lo + (hi - lo) * i / n);
    return out;
  }
  function mix(c0, c1, t) {  // blend two "#rrggbb" colours
    var a = parseInt(c0.slice(1), 16), b = parseInt(c1.slice(1), 16), out = "#";
    [16, 8, 0].forEach(function (s) {
      var v = Math.round(((a >> s) & 255) * (1 - t) + ((b >> s) & 255) * t);
      out += (v < 16 ? "0" : "") + v.toString(16);
    });
    return out;
  }

  // -- the four explorers: each draws and returns the numbers it shows ----------------------------
  function lineInBox(w1, w2, c, box) {  // as sigmoidlab.explorers.line_in_box
    var pts = [];
    if (w2 !== 0) [-box, box].forEach(function (x) { var y = (c - w1 * x) / w2; if (y >= -box && y <= box) pts.push([x, y]); });
    if (w1 !== 0) [-box, box].forEach(function (y) { var x = (c - w2 * y) / w1; if (x >= -box && x <= box) pts.push([x, y]); });
    pts.sort(function (p, q) { return p[0] - q[0] || p[1] - q[1]; });
    if (pts.length < 2 || (pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1])) return null;
    return [pts[0], pts[pts.length - 1]];
  }

  function ticks(lo, hi, step) {
    var t = [];
    for (var v = lo; v <= hi + 1e-9; v += step) t.push(Math.round(v * 1e6) / 1e6);
    return t;
  }

  var draw = {
    neuron: function (v) {
      var z = v.w1 * v.x1 + v.w2 * v.x2 + v.b, s = sigmoid(z), B = spec.data.box;
      var state = { z: z, sigma: s, perceptron: z > 0 ? 1 : 0 };
      var a = axes([50, 12, 320, 320], [-B, B], [-B, B], {
        xticks: ticks(-3, 3, 1), yticks: ticks(-3, 3, 1), xlabel: "x₁", ylabel: "x₂", ylabelGap: 34
      });
      // sigma(w.x + b) changes only along w: a linear gradient from w.x + b = -6 to +6 is exact
      var fill, n2 = v.w1 * v.w1 + v.w2 * v.w2;
      if (n2 > 0) {
        var id = "sl-" + spec.name + "-shade";
        var grad = el("linearGradient", { id: id, gradientUnits: "userSpaceOnUse" }, el("defs", {}, svg));
        var p = [-6, 6].map(function (u) { return [(u - v.b) * v.w1 / n2, (u - v.b) * v.w2 / n2]; });
        grad.setAttribute("x1", a.x(p[0][0])); grad.setAttribute("y1", a.y(p[0][1]));
        grad.setAttribute("x2", a.x(p[1][0])); grad.setAttribute("y2", a.y(p[1][1]));
        range(-6, 6, 24).forEach(function (u, i) {
          el("stop", { offset: i / 24, "stop-color": mix("#ffffff", C.sky, sigmoid(u)) }, grad);
        });
        fill = "url(#" + id + ")";
      } else {
        fill = mix("#ffffff", C.sky, sigmoid(v.b));
      }
      a.plot.insertBefore(el("rect", { x: a.x(-B), y: a.y(B), width: a.x(B) - a.x(-B), height: a.y(-B) - a.y(B), fill: fill }), a.plot.firstChild);
      var dashes = { "0.1": "2,4", "0.5": "", "0.9": "9,5" };
      spec.data.levels.forEach(function (lv) {
        var seg = lineInBox(v.w1, v.w2, lv[1] - v.b, B);
        if (seg) path(a, [seg[0][0], seg[1][0]], [seg[0][1], seg[1][1]], { stroke: "#000", "stroke-width": 2, "stroke-dasharray": dashes[String(lv[0])] });
      });
      dot(a, v.x1, v.x2, C.vermillion);
      // colour bar
      var cb = axes([386, 12, 14, 320], [0, 1], [0, 1], { yticks: [0, 0.5, 1] });
      var cid = "sl-" + spec.name + "-bar";
      var cg = el("linearGradient", { id: cid, x1: 0, y1: 1, x2: 0, y2: 0 }, el("defs", {}, svg));
      el("stop", { offset: 0, "stop-color": "#ffffff" }, cg);
      el("stop", { offset: 1, "stop-color": C.sky }, cg);
      el("rect", { x: 386, y: 12, width: 14, height: 320, fill: "url(#" + cid + ")", stroke: "#222" }, cb.g);
      cb.g.querySelectorAll("text").forEach(function (t) { t.setAttribute("x", 405); t.setAttribute("text-anchor", "start"); });
      legend([
        { label: "shading: output σ(w·x + b), white 0 to blue 1", fill: mix("#ffffff", C.sky, 0.6) },
        { label: "σ = 0.1", style: { stroke: "#000", "stroke-dasharray": "2,4" } },
        { label: "σ = 0.5 (perceptron boundary)", style: { stroke: "#000" } },
        { label: "σ = 0.9", style: { stroke: "#000", "stroke-dasharray": "9,5" } },
        { label: "input x", marker: C.vermillion }
      ]);
      return state;
    },

    steepness: function (v) {
      var c = v.c, band = spec.data.step_gap / c;
      var state = { c: c, slope_at_0: c / 4, band: band };
      var a = axes([50, 12, 375, 240], [-3, 3], [-0.05, 1.05], {
        xticks: ticks(-3, 3, 1), yticks: ticks(0, 1, 0.25), xlabel: "z", ylabel: "output", ylabelGap: 40
      });
      var h = Math.min(band, 3);
      el("rect", { x: a.x(-h), y: a.y(1.05), width: a.x(h) - a.x(-h), height: a.y(-0.05) - a.y(1.05), fill: "#e0e0e0" }, a.plot);
      var z = range(-3, 3, 600);
      path(a, z, z.map(sigmoid), { stroke: "#595959", "stroke-width": 1.6, "stroke-dasharray": "2,3" });
      path(a, [-3, 0, 0, 3], [0, 0, 1, 1], { stroke: "#000", "stroke-width": 1.8, "stroke-dasharray": "7,4" });
      path(a, z, z.map(function (t) { return sigmoid(c * t); }), { stroke: C.blue });
      legend([
        { label: "σ(cz), c = " + fmt(c, ".3g"), style: { stroke: C.blue } },
        { label: "step (perceptron)", style: { stroke: "#000", "stroke-dasharray": "7,4" } },
        { label: "σ(z), c = 1", style: { stroke: "#595959", "stroke-dasharray": "2,3" } },
        { label: "differs from the step by more than 0.01", fill: "#e0e0e0" }
      ]);
      return state;
    },

    derivative: function (v) {
      var z0 = v.z0, s = sigmoid(z0), d = sigmoidDerivative(z0);
      var state = { z0: z0, sigma: s, slope: d, intercept: s - d * z0 };
      var z = range(-6, 6, 600);
      var top = axes([50, 12, 375, 200], [-6, 6], [-0.1, 1.1], {
        xticks: ticks(-6, 6, 2), yticks: ticks(0, 1, 0.25), ylabel: "σ(z)", ylabelGap: 40
      });
      path(top, z, z.map(sigmoid), { stroke: C.blue });
      path(top, [-6, 6], [state.intercept - 6 * d, state.intercept + 6 * d], { stroke: C.vermillion, "stroke-dasharray": "8,5" });
      dot(top, z0, s, C.vermillion);
      var bottom = axes([50, 250, 375, 110], [-6, 6], [0, 0.28], {
        xticks: ticks(-6, 6, 2), yticks: [0, 0.1, 0.2], xlabel: "z", ylabel: "σ′(z)", ylabelGap: 40
      });
      path(bottom, z, z.map(sigmoidDerivative), { stroke: C.green });
      path(bottom, [z0, z0], [0, d], { stroke: C.vermillion, "stroke-width": 2 });
      dot(bottom, z0, d, C.vermillion);
      legend([
        { label: "σ(z)", style: { stroke: C.blue } },
        { label: "tangent at z₀", style: { stroke: C.vermillion, "stroke-dasharray": "8,5" } },
        { label: "σ′(z)", style: { stroke: C.green } },
        { label: "the point z₀", marker: C.vermillion }
      ]);
      return state;
    },

    saturation: function (v) {
      var D = spec.data, depth = Math.round(v.depth);
      var k = D.scales.indexOf(v.scale_exponent);
      var speeds = D.speeds[depth - 1][k], sat = D.saturated[depth - 1][k];
      // The readout's numbers come exactly from sigmoidlab.saturation_state: computed here
      // from the bars' 4-digit speeds, the ratio could round differently in its third digit.
      var state = { ratio: D.states[depth - 1][k][0], saturated: D.states[depth - 1][k][1] };
      var layers = ticks(1, depth, 1);
      var left = axes([64, 12, 196, 260], [0.4, depth + 0.6], D.speed_range, {
        xticks: layers, yticks: [1e-11, 1e-9, 1e-7, 1e-5, 1e-3, 1e-1, 10], logy: true,
        yfmt: function (t) { return "1e" + Math.round(Math.log10(t)); },
        xlabel: "hidden layer", ylabel: "speed ‖∂C/∂bˡ‖", ylabelGap: 54
      });
      var bw = 196 / (depth + 0.2) * 0.7;
      speeds.forEach(function (sp, i) {
        el("rect", { x: left.x(i + 1) - bw / 2, y: left.y(sp), width: bw, height: left.y(D.speed_range[0]) - left.y(sp), fill: C.blue }, left.plot);
      });
      var right = axes([318, 12, 114, 260], [0.4, depth + 0.6], [0, 1], {
        xticks: layers, yticks: [0, 0.5, 1], xlabel: "hidden layer", ylabel: "saturated", ylabelGap: 36
      });
      var bw2 = 114 / (depth + 0.2) * 0.7;
      sat.forEach(function (f, i) {
        el("rect", { x: right.x(i + 1) - bw2 / 2, y: right.y(f), width: bw2, height: right.y(0) - right.y(f), fill: C.vermillion }, right.plot);
      });
      legend([
        { label: "learning speed of the layer (log scale)", fill: C.blue },
        { label: "fraction of its units with σ′(z) < 0.01", fill: C.vermillion }
      ]);
      return state;
    }
  };

  // -- sliders -> values -> drawing ------------------------------------------------------------
  var inputs = Array.prototype.slice.call(root.querySelectorAll("input[type=range]"));
  // base ** exponent exactly as Python computed it (Math.pow may differ in the last bit, which
  // can change a rounded digit of the readout); Math.pow only off the slider's own positions.
  function logValue(name, exponent, base) {
    var table = (spec.log_positions || {})[name] || [];
    for (var i = 0; i < table.length; i++) {
      if (Math.abs(table[i][0] - exponent) < 1e-9) return table[i][1];
    }
    return Math.pow(base, exponent);
  }
  function values() {
    var v = {};
    inputs.forEach(function (inp) {
      var raw = parseFloat(inp.value), base = inp.getAttribute("data-log-base");
      var val = base ? logValue(inp.name, raw, parseFloat(base)) : raw;
      v[inp.name] = val;
      if (base) v[inp.name + "_exponent"] = raw;
      var shown = base ? fmt(val, ".3g") : (inp.step.indexOf(".") >= 0 ? val.toFixed(1) : String(val));
      root.querySelector("output[for='" + inp.id + "']").textContent = shown;
      inp.setAttribute("aria-valuetext", shown);
    });
    return v;
  }
  function update() {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var v = values();
    var state = draw[spec.name](v);
    var text = Object.keys(state).map(function (key) {
      var r = spec.readout[key];
      return r[0] + " " + fmt(state[key], r[1]);
    }).join(";  ");
    readout.textContent = text;
    svg.setAttribute("aria-label", spec.alt + " Now: " + text + ".");
    root.setAttribute("data-state", JSON.stringify({ values: v, state: state }));
  }
  inputs.forEach(function (inp) { inp.addEventListener("input", update); });
  update();
})();
