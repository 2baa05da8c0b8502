/* Print (the print button of every page, and tools/build_pdf.py, which fires the same
   "beforeprint" before printing the whole book), three things CSS alone cannot do:
   - fit each display equation wider than the paper to its width, by shrinking its font
     (MathJax CommonHTML scales with it), so no formula is cut at the margin. The width
     is A4 less the 16 mm side margins of print.css: 178 mm = 672 CSS px;
   - print the light theme from dark mode;
   - mark short frames to be kept whole on a page.
   "afterprint" undoes all three. */
const COURSE_PRINT_WIDTH = 672;

function courseBlockOf(el) {
  let parent = el.parentElement;
  while (parent && getComputedStyle(parent).display.startsWith("inline")) {
    parent = parent.parentElement;
  }
  return parent;
}

function courseFitEquations() {
  const article = document.querySelector("article.bd-article") || document.body;
  // How much narrower the paper is than the article on screen; lists, boxes and proofs
  // keep their indent in print, so an equation loses that much room too.
  const narrower = Math.max(article.clientWidth - COURSE_PRINT_WIDTH, 0);
  let fitted = 0;
  // Display equations, and inline ones too (MathJax does not break a formula across
  // lines, so a long inline formula alone on its line can be wider than the paper).
  for (const eq of document.querySelectorAll("mjx-container")) {
    const math = eq.querySelector("mjx-math");
    const block = courseBlockOf(eq);
    if (!math || !block) continue;
    const room = block.clientWidth - narrower - 4;
    const need = math.getBoundingClientRect().width;
    if (need > room && room > 0) {
      eq.dataset.courseFontSize = eq.style.fontSize;
      const size = parseFloat(getComputedStyle(eq).fontSize);
      eq.style.fontSize = `${(size * room) / need}px`;
      fitted += 1;
    }
  }
  return fitted;
}

/* Paper is white: a reader in dark mode prints the light theme (the browser may not print
   backgrounds at all, which would leave light text on white), then gets dark back. */
function coursePrintLight() {
  const root = document.documentElement;
  if (root.dataset.theme === "dark") {
    root.dataset.coursePrintedFrom = "dark";
    root.dataset.theme = "light";
  }
}

/* Blocks shorter than these heights (CSS px; an A4 page holds about 990) are kept whole
   in print (print.css: .course-keep); longer ones may split across pages. Boxes
   (theorems, proofs, exercises, solutions) are units of their own and get more room. */
const COURSE_KEEP = [
  ["div.highlight, div.cell_output, table", 300],
  [".admonition, div.proof", 450],
];

function courseMarkShortFrames() {
  for (const [selector, height] of COURSE_KEEP) {
    for (const el of document.querySelectorAll(selector)) {
      if (el.getBoundingClientRect().height < height) el.classList.add("course-keep");
    }
  }
}

window.addEventListener("beforeprint", coursePrintLight);
window.addEventListener("beforeprint", courseMarkShortFrames);
window.addEventListener("beforeprint", courseFitEquations);
window.addEventListener("afterprint", () => {
  for (const el of document.querySelectorAll(".course-keep")) {
    el.classList.remove("course-keep");
  }
  const root = document.documentElement;
  if (root.dataset.coursePrintedFrom === "dark") {
    root.dataset.theme = "dark";
    delete root.dataset.coursePrintedFrom;
  }
  for (const eq of document.querySelectorAll("mjx-container[data-course-font-size]")) {
    eq.style.fontSize = eq.dataset.courseFontSize;
    delete eq.dataset.courseFontSize;
  }
});
