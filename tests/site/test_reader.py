"""The page as a reader meets it: fits a phone, shows figures undistorted, keeps checks and
solutions out of the way.

Every page at 360 and 390 px (the narrowest common phones):
* no page is wider than the viewport (nothing scrolls sideways but code and equation boxes);
* every image is shown within 2% of its natural aspect ratio, and every inline SVG figure
  has an accessible name;
* every display equation fits its column or sits in a box that scrolls sideways, shows that
  it does (book/_static/course-math.js: a scrollbar and a fade) and takes keyboard focus;
* no inline formula can wrap before the punctuation that follows it, and none is cut at the
  edge: one wider than its paragraph scrolls in a box of its own, marked like an equation's.
Every chapter, at 1280 px:
* no code cell or output scrolls sideways (lines of at most 79 characters, and they fit);
* no visible code line is an ``assert`` unless its cell is tagged ``assert-lesson`` (the prose
  says why that assert is shown);
* every solution is closed until its toggle is clicked, and opens when it is;
* the "Solutions" section shows no code cell: no answer is printed outside a closed toggle.
"""

from __future__ import annotations

import pytest

from .test_site import open_page, site_pages

# Numbered chapters (each ends with exercises and their solutions), then the appendix.
NUMBERED = [p for p in site_pages() if p.startswith("book/") and p.split("/")[-1][:2].isdigit()]
CHAPTERS = NUMBERED + [p for p in site_pages() if p.startswith("book/appendix")]

LAYOUT_JS = """() => {
  const doc = document.documentElement;
  const problems = [];
  if (doc.scrollWidth > doc.clientWidth + 1)
    problems.push(`page is ${doc.scrollWidth} px wide in a ${doc.clientWidth} px viewport`);
  for (const img of document.images) {
    if (!img.checkVisibility() || !img.naturalWidth || !img.clientWidth) continue;
    const natural = img.naturalWidth / img.naturalHeight;
    const shown = img.clientWidth / img.clientHeight;
    if (Math.abs(shown / natural - 1) > 0.02)
      problems.push(`image ${img.getAttribute('src')} shown at ${img.clientWidth}x` +
                    `${img.clientHeight}, natural ratio ${natural.toFixed(3)}`);
  }
  for (const svg of document.querySelectorAll('svg[role="img"]:not([aria-hidden="true"])')) {
    const name = svg.getAttribute('aria-label') || svg.getAttribute('aria-labelledby');
    if (!name || !name.trim()) problems.push('inline SVG figure without an accessible name');
  }
  for (const math of document.querySelectorAll('span.math')) {
    const next = math.nextSibling;
    if (math.parentElement.classList.contains('course-nowrap')) continue;  // kept together
    if (next && next.nodeType === Node.TEXT_NODE && /^[,.;:!?)\\]]/.test(next.data))
      problems.push(`inline formula ${JSON.stringify(math.textContent.slice(0, 30))} may ` +
                    `wrap before its ${JSON.stringify(next.data[0])} (course-math.js)`);
  }
  const scrolls = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
  };
  for (const eq of document.querySelectorAll('mjx-container[display="true"]')) {
    if (!eq.checkVisibility()) continue;
    const box = eq.getBoundingClientRect();
    const column = eq.parentElement.getBoundingClientRect();
    const right = Math.min(column.right, doc.clientWidth) + 1;
    const fits = box.left >= column.left - 1 && box.right <= right
                 && eq.scrollWidth <= eq.clientWidth + 1;
    if (fits) continue;
    const what = `equation ${JSON.stringify(eq.textContent.slice(0, 40))}`;
    if (!scrolls(eq) && getComputedStyle(eq).overflowX !== 'auto')
      problems.push(`${what} is cut at ${Math.round(box.right)} px and does not scroll`);
    else if (!eq.classList.contains('course-scrolls') || eq.tabIndex !== 0)
      problems.push(`${what} scrolls with no visible sign or keyboard access (course-math.js)`);
  }
  for (const eq of document.querySelectorAll('mjx-container:not([display="true"])')) {
    if (!eq.checkVisibility()) continue;
    const block = eq.parentElement.closest('p, li, dd, td, th, figcaption, h1, h2, h3, h4, div');
    if (!block) continue;
    let inBox = false;  // inside a table or box that scrolls as a whole (not the page)
    for (let a = eq.parentElement; a && !a.matches('article, main, body'); a = a.parentElement)
      if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) inBox = true;
    if (inBox) continue;
    const column = block.getBoundingClientRect();
    const box = eq.getBoundingClientRect();
    const right = Math.min(column.right, doc.clientWidth) + 1;
    const what = `inline formula ${JSON.stringify(eq.textContent.slice(0, 40))}`;
    if (box.right > right)
      problems.push(`${what} is cut at ${Math.round(box.right)} px (course-math.js)`);
    // an inline element has no clientWidth: only the marked box can scroll
    else if (eq.classList.contains('course-inline-wide') && eq.scrollWidth > eq.clientWidth + 1
             && (!eq.classList.contains('course-scrolls') || eq.tabIndex !== 0))
      problems.push(`${what} scrolls with no visible sign or keyboard access (course-math.js)`);
  }
  return problems;
}"""


def typeset(page) -> None:
    if page.evaluate("document.querySelectorAll('.math').length"):
        page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise")
        page.evaluate("MathJax.startup.promise")
        page.wait_for_function("document.documentElement.dataset.courseMath === 'ready'")


@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("path", site_pages())
def test_page_fits_a_phone(path, width, browser, base_url):
    context, page, _ = open_page(browser, f"{base_url}/{path}", width=width, height=844)
    try:
        typeset(page)
        problems = page.evaluate(LAYOUT_JS)
    finally:
        context.close()
    assert not problems, f"{path} at {width} px:\n  " + "\n  ".join(problems)


CHECKS_JS = """() => {
  const shown = [];
  for (const pre of document.querySelectorAll('.cell_input pre')) {
    if (!pre.checkVisibility() || pre.closest('.tag_assert-lesson')) continue;
    for (const line of pre.innerText.split('\\n'))
      if (/^\\s*assert\\b/.test(line)) shown.push(line.trim());
  }
  const lessons = document.querySelectorAll('.tag_assert-lesson').length;
  const scrolling = Array.from(document.querySelectorAll('.cell_input pre, .cell_output pre'))
    .filter(pre => pre.checkVisibility() && pre.scrollWidth > pre.clientWidth + 1)
    .map(pre => pre.innerText.split('\\n')[0].slice(0, 60));
  return {shown, lessons, scrolling};
}"""

SOLUTIONS_JS = """() => Array.from(document.querySelectorAll('div.solution')).map(sol => {
  const body = Array.from(sol.children).filter(c => !c.classList.contains('admonition-title'));
  return {label: sol.querySelector('.admonition-title')?.innerText.trim() ?? '?',
          dropdown: sol.classList.contains('dropdown'),
          open: body.some(c => c.checkVisibility() && c.innerText.trim() !== '')};
})"""

SOLUTIONS_SECTION_JS = """() => {
  const heading = Array.from(document.querySelectorAll('h2'))
    .find(h => h.textContent.replace('#', '').trim().replace(/^[0-9.]+\\s*/, '') === 'Solutions');
  if (!heading) return null;
  const cells = Array.from(heading.closest('section').querySelectorAll('.cell'));
  return cells.filter(c => c.checkVisibility() && c.innerText.trim() !== '')
              .map(c => c.innerText.trim().slice(0, 80));
}"""


@pytest.mark.parametrize("path", CHAPTERS)
def test_checks_stay_out_of_the_readers_way(path, browser, base_url):
    context, page, _ = open_page(browser, f"{base_url}/{path}")
    try:
        checks = page.evaluate(CHECKS_JS)
    finally:
        context.close()
    assert not checks["shown"], (
        f"{path} shows {len(checks['shown'])} assert lines outside cells tagged assert-lesson "
        f"(hide the check with remove-cell, or tag it and say in the prose why it is shown): "
        f"{checks['shown'][:5]}"
    )
    assert not checks["scrolling"], (
        f"{path}: code or output that scrolls sideways at 1280 px (lines over 79 characters?): "
        f"{checks['scrolling']}"
    )
    lessons = checks["lessons"]
    assert lessons <= 3, f"{path}: {lessons} assert-lesson cells; keep them rare"


@pytest.mark.parametrize("path", NUMBERED)
def test_solutions_stay_closed_until_opened(path, browser, base_url):
    context, page, _ = open_page(browser, f"{base_url}/{path}")
    try:
        before = page.evaluate(SOLUTIONS_JS)
        in_solutions = page.evaluate(SOLUTIONS_SECTION_JS)
        for title in page.locator("div.solution > .admonition-title").all():
            title.click()
        after = page.evaluate(SOLUTIONS_JS)
    finally:
        context.close()
    assert before, f"{path}: no solutions found"
    given_away = [s["label"] for s in before if s["open"] or not s["dropdown"]]
    assert not given_away, f"{path}: solutions readable before their toggle: {given_away}"
    unopened = [s["label"] for s in after if not s["open"]]
    assert not unopened, f"{path}: solutions that do not open when clicked: {unopened}"
    assert in_solutions is not None, f"{path}: no 'Solutions' section after the exercises"
    assert not in_solutions, f"{path}: visible cells in the Solutions section: {in_solutions}"
