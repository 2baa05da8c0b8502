/* Search results with typeset maths (loaded on the search page only, by course_site.py).
 *
 * Sphinx shows an excerpt of each page found, taken from the page's text, where a formula
 * is still its TeX source: "\(\sigma(z)\)". Here each formula is kept whole in the excerpt
 * (one cut by the excerpt's 240-character window is dropped at the edge) and MathJax
 * typesets it. The formulas are marked "nohighlight" so the search-term highlighter does not
 * split their TeX.
 */
(() => {
  "use strict";
  if (typeof Search === "undefined") return;
  const OPEN = "\u0002";
  const CLOSE = "\u0003";

  // TeX of a .math element, without delimiters, as inline maths.
  const inlineTex = (el) => {
    let tex = el.textContent.trim();
    const m = tex.match(/^\\\(([\s\S]*)\\\)$/) || tex.match(/^\\\[([\s\S]*)\\\]$/);
    if (m) tex = m[1];
    return tex
      .replace(/\\(label|tag)\{[^}]*\}/g, "")
      .replace(/\\(begin|end)\{(align|gather|multline)\*?\}/g, "\\$1{aligned}")
      .replace(/\\(begin|end)\{equation\*?\}/g, "")
      .replace(/\s+/g, " ")
      .trim();
  };

  const htmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    doc.querySelectorAll(".math").forEach((el) => {
      el.textContent = ` ${OPEN}${inlineTex(el)}${CLOSE} `;
    });
    return htmlToText(doc.documentElement.outerHTML, anchor);
  };

  const makeSearchSummary = Search.makeSearchSummary;
  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const summary = makeSearchSummary(htmlText, keywords, anchor);
    if (!summary) return summary;
    let text = summary.textContent;
    // A formula cut by the excerpt's start or end is dropped there.
    const firstOpen = text.indexOf(OPEN);
    const firstClose = text.indexOf(CLOSE);
    if (firstClose >= 0 && (firstOpen < 0 || firstClose < firstOpen)) {
      text = "..." + text.slice(firstClose + 1);
    }
    const lastOpen = text.lastIndexOf(OPEN);
    if (lastOpen > text.lastIndexOf(CLOSE)) text = text.slice(0, lastOpen) + "...";
    summary.textContent = "";
    text.split(new RegExp(`[${OPEN}${CLOSE}]`)).forEach((part, i) => {
      if (i % 2 === 0) {
        summary.append(part.replace(/\s+/g, " "));
      } else {
        const math = document.createElement("span");
        math.className = "math notranslate nohighlight";
        math.textContent = `\\(${part}\\)`;
        summary.append(math);
      }
    });
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
      // Typeset once the excerpt is in the page; MathJax wants its calls chained.
      MathJax.startup.promise = MathJax.startup.promise.then(() =>
        MathJax.typesetPromise([summary]),
      );
    }
    return summary;
  };
})();
