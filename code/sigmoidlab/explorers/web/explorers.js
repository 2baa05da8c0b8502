/* Kernel-free explorers for the static site (sigmoidlab.explorers.static).
 *
 * Each explorer's HTML holds its sliders, an empty <svg>, a JSON spec written by Python and a
 * copy of this script, so it works offline and alone. The script only draws: the numbers that
 * need the package (contour levels, saturation profiles, labels) come in the spec; the one
 * formula computed here is the sigmoid itself, in the same overflow-free form as sigmoidlab.
 * After every redraw the numbers shown are written to data-state as JSON, which the browser
 * tests compare with sigmoidlab's.
 *
 * The figure is laid out for the width it gets on the page, one SVG unit per CSS pixel, and
 * redrawn when that width changes: its text is then exactly as large as the page's text (a
 * fixed viewBox shrinks it on a phone). Colours are CSS variables (explorers.css), so the
 * figure follows the theme, dark mode included, without a redraw.
 */
(function () {
  "use strict";
  var root = document.currentScript.parentElement;
  var spec = JSON.parse(root.querySelector("script.sl-data").textContent);
  var svg = root.querySelector("svg.sl-figure");
  var readout = root.querySelector(".sl-readout");
  var NS = "http://www.w3.org/2000/svg";
  // Paints as CSS (inline style): presentation attributes cannot take var().
  var C = {
    blue: "var(--sl-blue)", vermillion: "var(--sl-vermillion)", green: "var(--sl-green)",
    shade: "var(--sl-shade)", band: "var(--sl-band)", muted: "var(--sl-muted)",
    bg: "var(--sl-bg)", fg: "currentColor"
  };
  var PAINT = { fill: 1, stroke: 1, "stop-color": 1 };

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
    var node = document.createElementNS(NS, tag), style = "";
    for (var k in attrs) {
      if (PAINT[k]) style += k + ":" + attrs[k] + ";";
      else node.setAttribute(k, attrs[k]);
    }
    if (style) node.setAttribute("style", style);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  // The layout's measures, in CSS pixels: the figure's width on the page (the spec's size
  // where the page gives none: a hidden element, or the tests' stand-in DOM) and its font size.
  function pageWidth() {
    var w = svg.getBoundingClientRect ? svg.getBoundingClientRect().width : 0;
    return w > 0 ? Math.round(w) : spec.size[0];
  }
  function fontSize() {
    var f = typeof getComputedStyle === "function" ? parseFloat(getComputedStyle(svg).fontSize) : NaN;
    return f > 0 ? f : 16;
  }
  var FS = 16, TICK = 14.4;  // set by update(): text and tick-label sizes
  function textWidth(s, size) { return s.length * 0.6 * size; }  // a generous estimate
  function minus(s) { return String(s).replace(/^-/, "\u2212"); }  // a real minus sign
  var SUP = { "-": "\u207b", 0: "\u2070", 1: "\u00b9", 2: "\u00b2", 3: "\u00b3", 4: "\u2074",
              5: "\u2075", 6: "\u2076", 7: "\u2077", 8: "\u2078", 9: "\u2079" };
  function powerOfTen(v) {  // 1e-11 -> "10⁻¹¹", as the book's figures write it
    return "10" + String(Math.round(Math.log10(v))).split("").map(function (c) { return SUP[c]; }).join("");
  }
  var uid = 0;
  function axes(box, xlim, ylim, opt) {
    // box = [left, top, width, height] in pixels; opt: xticks, yticks, xfmt, yfmt, xlabel,
    // ylabel, ylabelX (where the y label's centre sits), noXLabels, logy
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
    var bottom = box[1] + box[3];
    (opt.xticks || []).forEach(function (t, i) {
      var x = a.x(t);
      el("line", { x1: x, x2: x, y1: box[1], y2: bottom, "class": "sl-gridline" }, a.g);
      if (opt.noXLabels || (opt.xlabelEvery && i % opt.xlabelEvery)) return;
      el("text", { x: x, y: bottom + 1.1 * TICK, "text-anchor": "middle", "class": "sl-tick" }, a.g,
         opt.xfmt ? opt.xfmt(t) : minus(t));
    });
    (opt.yticks || []).forEach(function (t) {
      var y = a.y(t);
      el("line", { x1: box[0], x2: box[0] + box[2], y1: y, y2: y, "class": "sl-gridline" }, a.g);
      el("text", { x: box[0] - 5, y: y + 0.35 * TICK, "text-anchor": "end", "class": "sl-tick" }, a.g,
         opt.yfmt ? opt.yfmt(t) : minus(t));
    });
    el("polyline", {
      points: [box[0], box[1], box[0], bottom, box[0] + box[2], bottom].join(" "), "class": "sl-axis"
    }, a.g);
    if (opt.xlabel) el("text", { x: box[0] + box[2] / 2, y: bottom + 1.1 * TICK + 1.25 * FS, "text-anchor": "middle" }, a.g, opt.xlabel);
    if (opt.ylabel) {
      var yl = el("text", { x: 0, y: 0, "text-anchor": "middle" }, a.g, opt.ylabel);
      yl.setAttribute("transform", "translate(" + opt.ylabelX + "," + (box[1] + box[3] / 2) + ") rotate(-90)");
    }
    a.plot = el("g", { "clip-path": "url(#" + id + ")" }, a.g);
    return a;
  }
  // Left margin for y tick labels as wide as `widest` and a rotated y label: [margin, label x]
  function leftMargin(widest) {
    var labelX = 0.75 * FS;
    return [Math.ceil(labelX + 0.6 * FS + textWidth(widest, TICK) + 5), labelX];
  }
  var BELOW = function () { return 1.1 * TICK + 1.25 * FS + 0.4 * FS; };  // tick labels + x label
  function path(a, xs, ys, style) {
    var d = xs.map(function (x, i) { return (i ? "L" : "M") + a.x(x).toFixed(2) + "," + a.y(ys[i]).toFixed(2); });
    return el("path", Object.assign({ d: d.join(""), fill: "none", "stroke-width": 2.5 }, style), a.plot);
  }
  function dot(a, x, y, colour) {
    return el("circle", { cx: a.x(x), cy: a.y(y), r: 7, fill: colour, stroke: C.fg, "stroke-width": 1.5 }, a.plot);
  }
  var legendBox = root.querySelector(".sl-legend");
  function legend(items) {  // an HTML list under the figure: wraps on a phone, real text
    legendBox.textContent = "";
    items.forEach(function (it) {
      var li = document.createElement("li");
      var sw = el("svg", { width: 30, height: 14, viewBox: "0 0 30 14", "aria-hidden": "true" }, li);
      if (it.fill) el("rect", { x: 1, y: 1, width: 28, height: 12, fill: it.fill, stroke: C.muted }, sw);
      else if (it.marker) el("circle", { cx: 15, cy: 7, r: 5.5, fill: it.marker, stroke: C.fg }, sw);
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

  // -- the four explorers: each draws for width W and returns [height, the numbers it shows] ----
  function lineInBox(w1, w2, c, box) {  // as sigmoidlab.explorers.spec.line_in_box
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
    neuron: function (v, W) {
      var z = v.w1 * v.x1 + v.w2 * v.x2 + v.b, s = sigmoid(z), B = spec.data.box;
      var state = { z: z, sigma: s, perceptron: z > 0 ? 1 : 0 };
      var lm = leftMargin("\u22123"), top = 0.6 * TICK;
      // the colour bar right of the square: gap, bar, its tick labels
      var barW = 12, right = 12 + barW + 5 + textWidth("0.5", TICK) + 2;
      var side = Math.max(120, Math.min(W - lm[0] - right, 400));
      var a = axes([lm[0], top, side, side], [-B, B], [-B, B], {
        xticks: ticks(-3, 3, 1), yticks: ticks(-3, 3, 1), xlabel: "x\u2081", ylabel: "x\u2082", ylabelX: lm[1]
      });
      // sigma(w.x + b) changes only along w: a linear gradient from w.x + b = -6 to +6 is
      // exact. The shade colour at opacity sigma over the background is the blend of the two.
      var n2 = v.w1 * v.w1 + v.w2 * v.w2;
      var square = { x: a.x(-B), y: a.y(B), width: a.x(B) - a.x(-B), height: a.y(-B) - a.y(B) };
      var shaded = el("rect", Object.assign({ fill: C.shade }, square));
      if (n2 > 0) {
        var id = "sl-" + spec.name + "-shade";
        var grad = el("linearGradient", { id: id, gradientUnits: "userSpaceOnUse" }, el("defs", {}, svg));
        var p = [-6, 6].map(function (u) { return [(u - v.b) * v.w1 / n2, (u - v.b) * v.w2 / n2]; });
        grad.setAttribute("x1", a.x(p[0][0])); grad.setAttribute("y1", a.y(p[0][1]));
        grad.setAttribute("x2", a.x(p[1][0])); grad.setAttribute("y2", a.y(p[1][1]));
        range(-6, 6, 24).forEach(function (u, i) {
          el("stop", { offset: i / 24, "stop-color": C.shade, "stop-opacity": sigmoid(u) }, grad);
        });
        shaded.setAttribute("style", "fill:url(#" + id + ")");
      } else {
        shaded.setAttribute("fill-opacity", sigmoid(v.b));
      }
      a.plot.insertBefore(shaded, a.plot.firstChild);
      a.plot.insertBefore(el("rect", Object.assign({ fill: C.bg }, square)), a.plot.firstChild);
      var dashes = { "0.1": "2,4", "0.5": "", "0.9": "9,5" };
      spec.data.levels.forEach(function (lv) {
        var seg = lineInBox(v.w1, v.w2, lv[1] - v.b, B);
        if (seg) path(a, [seg[0][0], seg[1][0]], [seg[0][1], seg[1][1]], { stroke: C.fg, "stroke-width": 2, "stroke-dasharray": dashes[String(lv[0])] });
      });
      dot(a, v.x1, v.x2, C.vermillion);
      // colour bar
      var bx = lm[0] + side + 12;
      var cb = axes([bx, top, barW, side], [0, 1], [0, 1], { yticks: [0, 0.5, 1] });
      var cid = "sl-" + spec.name + "-bar";
      var cg = el("linearGradient", { id: cid, x1: 0, y1: 1, x2: 0, y2: 0 }, el("defs", {}, svg));
      el("stop", { offset: 0, "stop-color": C.shade, "stop-opacity": 0 }, cg);
      el("stop", { offset: 1, "stop-color": C.shade }, cg);
      el("rect", { x: bx, y: top, width: barW, height: side, fill: "url(#" + cid + ")", stroke: C.fg }, cb.g);
      cb.g.querySelectorAll("text").forEach(function (t) { t.setAttribute("x", bx + barW + 5); t.setAttribute("text-anchor", "start"); });
      legend([
        { label: "shading: the output σ(w·x + b), from 0 (none) to 1 (full)", fill: C.shade },
        { label: "σ = 0.1", style: { stroke: C.fg, "stroke-dasharray": "2,4" } },
        { label: "σ = 0.5 (perceptron boundary)", style: { stroke: C.fg } },
        { label: "σ = 0.9", style: { stroke: C.fg, "stroke-dasharray": "9,5" } },
        { label: "input x", marker: C.vermillion }
      ]);
      return [top + side + BELOW(), state];
    },

    steepness: function (v, W) {
      var c = v.c, band = spec.data.step_gap / c;
      var state = { c: c, slope_at_0: c / 4, band: band };
      var lm = leftMargin("0.25"), top = 0.6 * TICK, pw = W - lm[0] - 0.5 * TICK;
      var ph = Math.round(Math.min(0.6 * pw, 280));
      var a = axes([lm[0], top, pw, ph], [-3, 3], [-0.05, 1.05], {
        xticks: ticks(-3, 3, 1), yticks: ticks(0, 1, 0.25), xlabel: "z", ylabel: "output", ylabelX: lm[1]
      });
      var h = Math.min(band, 3);
      el("rect", { x: a.x(-h), y: a.y(1.05), width: a.x(h) - a.x(-h), height: a.y(-0.05) - a.y(1.05), fill: C.band }, a.plot);
      var z = range(-3, 3, 600);
      path(a, z, z.map(sigmoid), { stroke: C.muted, "stroke-width": 1.8, "stroke-dasharray": "2,3" });
      path(a, [-3, 0, 0, 3], [0, 0, 1, 1], { stroke: C.fg, "stroke-width": 1.8, "stroke-dasharray": "7,4" });
      path(a, z, z.map(function (t) { return sigmoid(c * t); }), { stroke: C.blue });
      legend([
        { label: "σ(cz), c = " + fmt(c, ".3g"), style: { stroke: C.blue } },
        { label: "step (perceptron)", style: { stroke: C.fg, "stroke-dasharray": "7,4" } },
        { label: "σ(z), c = 1", style: { stroke: C.muted, "stroke-dasharray": "2,3" } },
        { label: "differs from the step by more than 0.01", fill: C.band }
      ]);
      return [top + ph + BELOW(), state];
    },

    derivative: function (v, W) {
      var z0 = v.z0, s = sigmoid(z0), d = sigmoidDerivative(z0);
      var state = { z0: z0, sigma: s, slope: d, intercept: s - d * z0 };
      var z = range(-6, 6, 600);
      var lm = leftMargin("0.25"), top = 0.6 * TICK, pw = W - lm[0] - 0.5 * TICK;
      var h1 = Math.round(Math.min(0.5 * pw, 230)), h2 = Math.round(Math.min(0.32 * pw, 140));
      var upper = axes([lm[0], top, pw, h1], [-6, 6], [-0.1, 1.1], {
        xticks: ticks(-6, 6, 2), yticks: ticks(0, 1, 0.25), ylabel: "σ(z)", ylabelX: lm[1], noXLabels: true
      });
      path(upper, z, z.map(sigmoid), { stroke: C.blue });
      path(upper, [-6, 6], [state.intercept - 6 * d, state.intercept + 6 * d], { stroke: C.vermillion, "stroke-dasharray": "8,5" });
      dot(upper, z0, s, C.vermillion);
      var top2 = top + h1 + 0.8 * FS;
      var lower = axes([lm[0], top2, pw, h2], [-6, 6], [0, 0.28], {
        xticks: ticks(-6, 6, 2), yticks: [0, 0.1, 0.2], xlabel: "z", ylabel: "σ′(z)", ylabelX: lm[1]
      });
      path(lower, z, z.map(sigmoidDerivative), { stroke: C.green });
      path(lower, [z0, z0], [0, d], { stroke: C.vermillion, "stroke-width": 2 });
      dot(lower, z0, d, C.vermillion);
      legend([
        { label: "σ(z)", style: { stroke: C.blue } },
        { label: "tangent at z₀", style: { stroke: C.vermillion, "stroke-dasharray": "8,5" } },
        { label: "σ′(z)", style: { stroke: C.green } },
        { label: "the point z₀", marker: C.vermillion }
      ]);
      return [top2 + h2 + BELOW(), state];
    },

    saturation: function (v, W) {
      var D = spec.data, depth = Math.round(v.depth);
      var k = D.scales.indexOf(v.scale_exponent);
      var speeds = D.speeds[depth - 1][k], sat = D.saturated[depth - 1][k];
      // The readout's numbers come exactly from sigmoidlab.saturation_state: computed here
      // from the bars' 4-digit speeds, the ratio could round differently in its third digit.
      var state = { ratio: D.states[depth - 1][k][0], saturated: D.states[depth - 1][k][1] };
      var layers = ticks(1, depth, 1), top = 0.6 * TICK, pad = 0.5 * TICK;
      var lmL = leftMargin("10\u207b\u00b9\u00b9"), lmR = leftMargin("0.5");
      // Side by side where both panels get room, else the saturated fraction under the speeds.
      var wide = W >= 30 * FS, boxL, boxR, xR, height;
      if (wide) {
        var inner = W - lmL[0] - lmR[0] - 2 * pad;
        var hw = Math.round(Math.min(0.55 * W, 270));
        boxL = [lmL[0], top, Math.round(0.6 * inner), hw];
        xR = boxL[0] + boxL[2] + pad;
        boxR = [xR + lmR[0], top, inner - boxL[2], hw];
        height = top + hw + BELOW();
      } else {
        var pw = W - lmL[0] - pad;
        boxL = [lmL[0], top, pw, Math.round(Math.min(0.62 * pw, 230))];
        xR = 0;
        boxR = [lmL[0], top + boxL[3] + BELOW() + top, pw, Math.round(Math.min(0.36 * pw, 130))];
        height = boxR[1] + boxR[3] + BELOW();
      }
      // Label every k-th layer so that the numbers stay apart.
      function every(box) { return Math.max(1, Math.ceil(1.8 * TICK / (box[2] / (depth + 0.2)))); }
      var left = axes(boxL, [0.4, depth + 0.6], D.speed_range, {
        xticks: layers, yticks: [1e-11, 1e-9, 1e-7, 1e-5, 1e-3, 1e-1, 10], logy: true,
        yfmt: powerOfTen, xlabelEvery: every(boxL),
        xlabel: "hidden layer", ylabel: "speed ‖∂C/∂bˡ‖", ylabelX: lmL[1]
      });
      var bw = boxL[2] / (depth + 0.2) * 0.7;
      speeds.forEach(function (sp, i) {
        el("rect", { x: left.x(i + 1) - bw / 2, y: left.y(sp), width: bw, height: left.y(D.speed_range[0]) - left.y(sp), fill: C.blue, "class": "sl-bar" }, left.plot);
      });
      var right = axes(boxR, [0.4, depth + 0.6], [0, 1], {
        xticks: layers, yticks: [0, 0.5, 1], xlabelEvery: every(boxR),
        xlabel: "hidden layer", ylabel: "saturated", ylabelX: xR + lmR[1] + (wide ? 0 : lmL[0] - lmR[0])
      });
      var bw2 = boxR[2] / (depth + 0.2) * 0.7;
      sat.forEach(function (f, i) {
        el("rect", { x: right.x(i + 1) - bw2 / 2, y: right.y(f), width: bw2, height: right.y(0) - right.y(f), fill: C.vermillion, "class": "sl-bar" }, right.plot);
      });
      legend([
        { label: "learning speed of the layer (log scale)", fill: C.blue },
        { label: "fraction of its units with σ′(z) < 0.01", fill: C.vermillion }
      ]);
      return [height, state];
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
  var drawnWidth = 0;
  function update() {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var v = values(), W = pageWidth();
    FS = fontSize();
    TICK = 0.9 * FS;
    var drawn = draw[spec.name](v, W), H = Math.ceil(drawn[0]), state = drawn[1];
    drawnWidth = W;
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
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
  // Lay the figure out again when its width changes (a phone turned, a side panel opened).
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(function () { if (pageWidth() !== drawnWidth) update(); }).observe(root);
  }
})();
