/* Kernel-free explorers for the static site (sigmoidlab.explorers.static).
 *
 * Each explorer's HTML holds its sliders, an empty <svg>, a JSON spec written by Python and a
 * copy of this script, so it works offline and alone. The script knows no explorer by name:
 * it evaluates the spec's readout formulas (the grammar and functions of
 * sigmoidlab.explorers.core.evaluate, with sigmoid, its derivative and logit in sigmoidlab's
 * forms), looks up what Python computed for each slider position (spec.tables), and draws the
 * spec's scene with a handful of generic marks. After every redraw the numbers shown are
 * written to data-state as JSON, which the tests compare with sigmoidlab's.
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

  // The formulas of sigmoidlab.kernels.logistic, step for step. sigma(z) with e = exp(-|z|),
  // which never overflows: s = e / (1 + e) for z < 0, 1 - s for z >= 0.
  function sigmoid(z) {
    var e = Math.exp(-Math.abs(z)), s = e / (1 + e);
    return z >= 0 ? 1 - s : s;
  }

  // sigma'(z) = e / (1 + e) / (1 + e) with e = exp(-|z|), as sigmoidlab.sigmoid_derivative: no
  // subtraction, so no cancellation in the tails (s * (1 - s) loses digits there, chapter 2).
  function sigmoidDerivative(z) {
    var e = Math.exp(-Math.abs(z)), u = 1 + e;
    return Math.min(e / u / u, 0.25);
  }

  // logit(p) = log(p / (1 - p)); near p = 1/2 log1p((2p - 1) / (1 - p)), which keeps its digits.
  function logit(p) {
    if (Math.abs(p - 0.475) <= 0.175) return Math.log1p((2 * p - 1) / (1 - p));
    return Math.log(p / (1 - p));
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

  // -- formulas: the grammar and functions of sigmoidlab.explorers.core.evaluate ------------------
  // Numbers, names, + - * / **, unary minus and calls, bound as in Python (-a**b is -(a**b)).
  var FUNCTIONS = {
    sigmoid: sigmoid, sigmoid_derivative: sigmoidDerivative, logit: logit,
    step: function (z) { return z > 0 ? 1 : 0; },  // as sigmoidlab's step: step(0) = 0
    exp: Math.exp, log: Math.log, sqrt: Math.sqrt, abs: Math.abs, min: Math.min, max: Math.max
  };
  var TOKEN = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_]\w*)|(\*\*|[-+*\/(),]))/y;
  function compile(src) {
    var toks = [], i = 0;
    TOKEN.lastIndex = 0;
    while (/\S/.test(src.slice(TOKEN.lastIndex))) {
      var m = TOKEN.exec(src);
      if (!m) throw new Error("formula " + src + ": unreadable");
      toks.push(m[1] !== undefined ? { num: parseFloat(m[1]) } : m[2] !== undefined ? { name: m[2] } : { op: m[3] });
    }
    function is(op) { return toks[i] !== undefined && toks[i].op === op; }
    function expect(op) { if (!is(op)) throw new Error("formula " + src + ": expected " + op); i++; }
    function binary(op, f, g) {
      if (op === "+") return function (e) { return f(e) + g(e); };
      if (op === "-") return function (e) { return f(e) - g(e); };
      if (op === "*") return function (e) { return f(e) * g(e); };
      if (op === "/") return function (e) { return f(e) / g(e); };
      return function (e) { return Math.pow(f(e), g(e)); };
    }
    function sum() {
      var f = product();
      while (is("+") || is("-")) f = binary(toks[i++].op, f, product());
      return f;
    }
    function product() {
      var f = unary();
      while (is("*") || is("/")) f = binary(toks[i++].op, f, unary());
      return f;
    }
    function unary() {
      if (is("-")) { i++; var f = unary(); return function (e) { return -f(e); }; }
      if (is("+")) { i++; return unary(); }
      var base = atom();
      if (is("**")) { i++; return binary("**", base, unary()); }
      return base;
    }
    function atom() {
      var t = toks[i++];
      if (t === undefined) throw new Error("formula " + src + ": ends too soon");
      if (t.num !== undefined) return function () { return t.num; };
      if (t.op === "(") { var f = sum(); expect(")"); return f; }
      if (t.name === undefined) throw new Error("formula " + src + ": unexpected " + t.op);
      if (!is("(")) {
        return function (e) {
          if (!(t.name in e)) throw new Error("formula " + src + ": unknown name " + t.name);
          return e[t.name];
        };
      }
      var fn = FUNCTIONS[t.name], args = [];
      if (!fn) throw new Error("formula " + src + ": unknown function " + t.name);
      i++;
      if (!is(")")) { args.push(sum()); while (is(",")) { i++; args.push(sum()); } }
      expect(")");
      return function (e) { return fn.apply(null, args.map(function (a) { return a(e); })); };
    }
    var whole = sum();
    if (i !== toks.length) throw new Error("formula " + src + ": unexpected " + JSON.stringify(toks[i]));
    return whole;
  }
  var compiled = {};
  function evaluate(f, env) {  // a number stays a number; a string is a formula
    if (typeof f === "number") return f;
    if (!compiled[f]) compiled[f] = compile(f);
    return compiled[f](env);
  }

  // -- the scene: generic marks on panels, laid out for the width W --------------------------
  function lineInBox(a, b, c, xl, yl) {  // a x + b y = c inside the panel: two end points or null
    var pts = [];
    if (b !== 0) xl.forEach(function (x) { var y = (c - a * x) / b; if (y >= yl[0] && y <= yl[1]) pts.push([x, y]); });
    if (a !== 0) yl.forEach(function (y) { var x = (c - b * y) / a; if (x >= xl[0] && x <= xl[1]) pts.push([x, y]); });
    pts.sort(function (p, q) { return p[0] - q[0] || p[1] - q[1]; });
    if (pts.length < 2 || (pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1])) return null;
    return [pts[0], pts[pts.length - 1]];
  }
  function ticks(lo, hi, step) {
    var t = [];
    for (var v = lo; v <= hi + 1e-9; v += step) t.push(Math.round(v * 1e6) / 1e6);
    return t;
  }
  function tickList(t, env) {
    if (Array.isArray(t)) return t;
    return ticks(evaluate(t.lo, env), evaluate(t.hi, env), t.step);
  }
  function stroke(m) {
    var s = { stroke: C[m.colour] };
    if (m.width !== undefined) s["stroke-width"] = m.width;
    if (m.dash) s["stroke-dasharray"] = m.dash;
    return s;
  }
  var MARKS = {
    curve: function (a, m, env, xl) {
      var local = Object.create(env), xs = range(xl[0], xl[1], m.n);
      path(a, xs, xs.map(function (t) { local[m.x] = t; return evaluate(m.y, local); }), stroke(m));
    },
    polyline: function (a, m, env) {
      var pts = m.points.map(function (p) { return [evaluate(p[0], env), evaluate(p[1], env)]; });
      path(a, pts.map(function (p) { return p[0]; }), pts.map(function (p) { return p[1]; }), stroke(m));
    },
    line: function (a, m, env, xl, yl) {
      var seg = lineInBox(evaluate(m.a, env), evaluate(m.b, env), evaluate(m.c, env), xl, yl);
      if (seg) path(a, [seg[0][0], seg[1][0]], [seg[0][1], seg[1][1]], stroke(m));
    },
    point: function (a, m, env) { dot(a, evaluate(m.x, env), evaluate(m.y, env), C[m.colour]); },
    vspan: function (a, m, env, xl, yl) {
      var lo = Math.max(evaluate(m.lo, env), xl[0]), hi = Math.min(evaluate(m.hi, env), xl[1]);
      if (hi > lo) el("rect", { x: a.x(lo), y: a.y(yl[1]), width: a.x(hi) - a.x(lo), height: a.y(yl[0]) - a.y(yl[1]), fill: C[m.colour] }, a.plot);
    },
    // sigma(a x + b y + c) changes only along (a, b): a linear gradient from a x + b y + c = -6
    // to +6 is exact. The colour at opacity sigma over the background is the blend of the two.
    field: function (a, m, env, xl, yl) {
      var wa = evaluate(m.a, env), wb = evaluate(m.b, env), c = evaluate(m.c, env), n2 = wa * wa + wb * wb;
      var box = { x: a.x(xl[0]), y: a.y(yl[1]), width: a.x(xl[1]) - a.x(xl[0]), height: a.y(yl[0]) - a.y(yl[1]) };
      el("rect", Object.assign({ fill: C.bg }, box), a.plot);
      var shaded = el("rect", Object.assign({ fill: C[m.colour] }, box), a.plot);
      if (n2 > 0) {
        var id = "sl-" + spec.name + "-shade" + (uid++);
        var grad = el("linearGradient", { id: id, gradientUnits: "userSpaceOnUse" }, el("defs", {}, svg));
        var p = [-6, 6].map(function (u) { return [(u - c) * wa / n2, (u - c) * wb / n2]; });
        grad.setAttribute("x1", a.x(p[0][0])); grad.setAttribute("y1", a.y(p[0][1]));
        grad.setAttribute("x2", a.x(p[1][0])); grad.setAttribute("y2", a.y(p[1][1]));
        range(-6, 6, 24).forEach(function (u, i) {
          el("stop", { offset: i / 24, "stop-color": C[m.colour], "stop-opacity": sigmoid(u) }, grad);
        });
        shaded.setAttribute("style", "fill:url(#" + id + ")");
      } else {
        shaded.setAttribute("fill-opacity", sigmoid(c));
      }
    },
    bars: function (a, m, env, xl) {
      var w = a.box[2] / (xl[1] - xl[0]) * 0.7;
      evaluate(m.heights, env).forEach(function (h, i) {
        el("rect", { x: a.x(i + 1) - w / 2, y: a.y(h), width: w, height: a.y(m.base) - a.y(h), fill: C[m.colour], "class": "sl-bar" }, a.plot);
      });
    }
  };
  function colorbar(colour, x, y, height) {
    var cb = axes([x, y, 12, height], [0, 1], [0, 1], { yticks: [0, 0.5, 1] });
    var id = "sl-" + spec.name + "-bar" + (uid++);
    var cg = el("linearGradient", { id: id, x1: 0, y1: 1, x2: 0, y2: 0 }, el("defs", {}, svg));
    el("stop", { offset: 0, "stop-color": C[colour], "stop-opacity": 0 }, cg);
    el("stop", { offset: 1, "stop-color": C[colour] }, cg);
    el("rect", { x: x, y: y, width: 12, height: height, fill: "url(#" + id + ")", stroke: C.fg }, cb.g);
    cb.g.querySelectorAll("text").forEach(function (t) { t.setAttribute("x", x + 17); t.setAttribute("text-anchor", "start"); });
  }
  var COLORBAR = function () { return 12 + 12 + 5 + textWidth("0.5", TICK) + 2; };  // gap, bar, labels

  // Lay the panels out (stacked, or side by side where the scene allows and there is room),
  // draw them, and return the figure's height.
  function render(env, W) {
    var S = spec.scene, panels = S.panels, top = 0.6 * TICK, pad = 0.5 * TICK;
    var margins = panels.map(function (p) { return leftMargin(p.widest_tick); });
    var boxes = [], H;
    if (S.row_from !== null && panels.length > 1 && W >= S.row_from * FS) {
      var inner = W - panels.length * pad - margins.reduce(function (s, m) { return s + m[0]; }, 0);
      var weights = panels.reduce(function (s, p) { return s + p.weight; }, 0);
      var h = Math.round(Math.min(S.row_height[0] * W, S.row_height[1])), x = 0, used = 0;
      panels.forEach(function (p, k) {
        var w = k === panels.length - 1 ? inner - used : Math.round(p.weight / weights * inner);
        boxes.push({ box: [x + margins[k][0], top, w, h], labelX: x + margins[k][1] });
        used += w;
        x += margins[k][0] + w + pad;
      });
      H = top + h + BELOW();
    } else {  // stacked, sharing the widest left margin; each y label beside its own ticks
      var lm = Math.max.apply(null, margins.map(function (m) { return m[0]; })), y = top;
      panels.forEach(function (p, k) {
        var w, h;
        if (p.height === null) {
          w = h = Math.max(120, Math.min(W - lm - (p.colorbar ? COLORBAR() : pad), 400));
        } else {
          w = W - lm - pad;
          h = Math.round(Math.min(p.height[0] * w, p.height[1]));
        }
        boxes.push({ box: [lm, y, w, h], labelX: margins[k][1] + lm - margins[k][0] });
        H = y + h + (p.x_tick_labels ? BELOW() : 0);
        y += h + (p.x_tick_labels ? BELOW() + top : 0.8 * FS);
      });
    }
    panels.forEach(function (p, k) {
      var box = boxes[k].box, xl = [evaluate(p.xlim[0], env), evaluate(p.xlim[1], env)];
      var xticks = tickList(p.xticks, env), step = xticks.length > 1 ? xticks[1] - xticks[0] : 1;
      var a = axes(box, xl, p.ylim, {
        xticks: xticks, yticks: tickList(p.yticks, env), logy: p.logy,
        yfmt: p.powers_of_ten ? powerOfTen : undefined, noXLabels: !p.x_tick_labels,
        // label every k-th tick where the labels would crowd
        xlabelEvery: p.thin_x_labels ? Math.max(1, Math.ceil(1.8 * TICK / (box[2] / (xl[1] - xl[0]) * step))) : 0,
        xlabel: p.xlabel, ylabel: p.ylabel, ylabelX: boxes[k].labelX
      });
      a.box = box;
      p.marks.forEach(function (m) { MARKS[m.mark](a, m, env, xl, p.ylim); });
      if (p.colorbar) colorbar(p.colorbar, box[0] + box[2] + 12, box[1], box[3]);
    });
    legend(S.legend.map(function (it) {
      // "{formula:spec}" in a label shows the formula's value, formatted as Python would
      var label = it.label.replace(/\{([^{}:]+):([^{}]*)\}/g, function (_, f, p) { return fmt(evaluate(f, env), p); });
      var out = { label: label };
      if (it.kind === "fill") out.fill = C[it.colour];
      else if (it.kind === "marker") out.marker = C[it.colour];
      else out.style = stroke({ colour: it.colour, dash: it.dash });
      return out;
    }));
    return H;
  }

  // -- sliders -> values -> readouts and drawing ------------------------------------------------
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
      var shown = base ? fmt(val, ".3g") : (inp.step.indexOf(".") >= 0 ? val.toFixed(1) : String(val));
      root.querySelector("output[for='" + inp.id + "']").textContent = shown;
      inp.setAttribute("aria-valuetext", shown);
    });
    return v;
  }
  // The row of spec.tables for the sliders' positions: the last slider varies fastest.
  function tableRow() {
    var index = 0;
    inputs.forEach(function (inp) {
      var lo = parseFloat(inp.min), step = parseFloat(inp.step);
      var n = Math.round((parseFloat(inp.max) - lo) / step) + 1;
      index = index * n + Math.round((parseFloat(inp.value) - lo) / step);
    });
    return spec.tables[index];
  }
  var drawnWidth = 0;
  function update() {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var v = values(), W = pageWidth(), env = Object.assign({}, v), state = {};
    if (spec.tables.length) Object.assign(env, tableRow());
    spec.readouts.forEach(function (r) { env[r[0]] = state[r[0]] = evaluate(r[3], env); });
    FS = fontSize();
    TICK = 0.9 * FS;
    var H = Math.ceil(render(env, W));
    drawnWidth = W;
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    var text = spec.readouts.map(function (r) { return r[1] + " " + fmt(state[r[0]], r[2]); }).join(";  ");
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
