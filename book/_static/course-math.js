/* Display equations wider than the column scroll sideways (course.css), and
 * say so.
 *
 * Once MathJax has typeset the page, every display equation that does not fit
 * gets the class "course-scrolls" (a thin visible scrollbar),
 * "course-more-left"/"course-more-right" while there is more to see on that
 * side (a fade at that edge), and tabindex=0 with a name, so that a keyboard
 * user can focus it and scroll it with the arrow keys. Re-checked whenever the
 * box or its content changes size. On pages with MathJax, <html> gets
 * data-course-math="ready" when every box has been measured.
 *
 * An inline formula wider than its whole paragraph (long ones, on a phone) cannot
 * fit on any line: it gets the class "course-inline-wide", which makes it a box
 * of its own that scrolls the same way, instead of being cut at the edge.
 */
(() => {
  "use strict";
  const SELECTOR = 'mjx-container[jax="CHTML"][display="true"]';
  const INLINE = 'mjx-container[jax="CHTML"]:not([display="true"])';
  const BLOCK = "p, li, dd, td, th, figcaption, h1, h2, h3, h4, div";

  const update = (box) => {
    const over = box.scrollWidth - box.clientWidth > 1;
    box.classList.toggle("course-scrolls", over);
    box.classList.toggle("course-more-left", over && box.scrollLeft > 1);
    box.classList.toggle(
      "course-more-right",
      over && box.scrollLeft + box.clientWidth < box.scrollWidth - 1,
    );
    if (over && !box.hasAttribute("tabindex")) {
      box.tabIndex = 0;
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", "Equation, scrolls sideways");
      box.dataset.courseScroll = "1";
    } else if (!over && box.dataset.courseScroll) {
      for (const name of ["tabindex", "role", "aria-label", "data-course-scroll"]) {
        box.removeAttribute(name);
      }
    }
  };

  // The formula's own width (mjx-math is never capped) against its paragraph's.
  const updateInline = (box) => {
    const math = box.firstElementChild;
    const block = box.parentElement && box.parentElement.closest(BLOCK);
    if (!math || !block) return;
    const wide = math.getBoundingClientRect().width > block.clientWidth + 1;
    box.classList.toggle("course-inline-wide", wide);
    if (wide || box.dataset.courseScroll) update(box);
  };
  const updateAllInline = () => document.querySelectorAll(INLINE).forEach(updateInline);

  const watch = () => {
    updateAllInline();
    window.addEventListener("resize", updateAllInline, { passive: true });
    document.querySelectorAll(INLINE).forEach((box) => {
      box.addEventListener("scroll", () => update(box), { passive: true });
    });
    const boxes = document.querySelectorAll(SELECTOR);
    if (!boxes.length) return;
    // The box changes size with the window, its content when MathJax's fonts
    // arrive.
    const resize = new ResizeObserver((entries) =>
      entries.forEach((e) => update(e.target.closest(SELECTOR))),
    );
    boxes.forEach((box) => {
      update(box);
      box.addEventListener("scroll", () => update(box), { passive: true });
      resize.observe(box);
      if (box.firstElementChild) resize.observe(box.firstElementChild);
    });
  };

  // Tests wait for data-course-math="ready": every box measured with its fonts.
  const ready = () => {
    document.querySelectorAll(SELECTOR).forEach(update);
    updateAllInline();
    document.documentElement.dataset.courseMath = "ready";
  };
  // Inline maths followed by punctuation ("$x$,") may wrap before the comma, which
  // then starts a line. Keep the formula and its punctuation together.
  const gluePunctuation = () => {
    const inline = 'mjx-container[jax="CHTML"]:not([display="true"])';
    document.querySelectorAll(inline).forEach((container) => {
      // Sphinx wraps inline maths in <span class="math">; the comma follows that.
      const span = container.parentElement;
      const math = span && span.matches("span.math") ? span : container;
      const next = math.nextSibling;
      if (!next || next.nodeType !== Node.TEXT_NODE) return;
      const mark = /^[,.;:!?)\]]+/.exec(next.data);
      if (!mark) return;
      const keep = document.createElement("span");
      keep.className = "course-nowrap";
      math.before(keep);
      keep.append(math, document.createTextNode(mark[0]));
      next.data = next.data.slice(mark[0].length);
    });
  };

  const start = () => {
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
      MathJax.startup.promise
        .then(gluePunctuation)
        .then(watch)
        .then(() => document.fonts.ready)
        .then(ready);
    }
  };
  // This deferred script may run before MathJax's (also deferred) loader, which
  // has run and set its promise by DOMContentLoaded.
  if (document.readyState === "complete") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
