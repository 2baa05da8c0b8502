"""Every page of the built site, opened in a real Chromium the way a reader meets it.

For each page: no console errors, no request leaving 127.0.0.1, MathJax rendered (every
math node typeset, no TeX errors), every image loaded and described by alt text, and no
serious or critical axe-core accessibility violation. axe-core is the npm release pinned in
tests/site/package-lock.json (installed by `make test`), run with the WCAG 2.0/2.1 A and AA
rules and axe's best practices.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from .conftest import AXE_JS, SITE

SKIP_DIRS = {"_static", "_sources", "_images"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AXE_RUN = f"""() => axe.run(document, {{
    runOnly: {{type: "tag", values: {AXE_TAGS}}},
    resultTypes: ["violations"]
}})"""


def site_pages() -> list[str]:
    pages = [
        p.relative_to(SITE).as_posix()
        for p in sorted(SITE.rglob("*.html"))
        if not SKIP_DIRS.intersection(p.relative_to(SITE).parts)
    ]
    return pages or ["index.html"]  # an empty site fails in base_url, not silently


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname == "127.0.0.1"


def open_page(browser, url: str, width: int = 1280, height: int = 900, theme: str | None = None):
    context = browser.new_context(viewport={"width": width, "height": height})
    if theme:  # pydata-sphinx-theme reads the reader's choice of mode from localStorage
        context.add_init_script(f"localStorage.setItem('mode', '{theme}');")
    page = context.new_page()
    record = {"console": [], "external": []}

    def route(r):
        if is_local(r.request.url):
            r.continue_()
        else:
            record["external"].append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and record["console"].append(m.text))
    page.on("pageerror", lambda e: record["console"].append(f"uncaught: {e}"))
    page.on(
        "response",
        lambda r: (
            r.status >= 400
            and record["console"].append(
                f"HTTP {r.status} for {r.url} (from {r.request.headers.get('referer')})"
            )
        ),
    )
    page.goto(url, wait_until="networkidle")
    return context, page, record


def wait_for_mathjax(page) -> dict:
    has_math = page.evaluate("document.querySelectorAll('.math').length")
    if not has_math:
        return {"math": 0, "typeset": 0, "errors": 0}
    page.wait_for_function(
        "window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=15000
    )
    page.evaluate("MathJax.startup.promise")
    # course-math.js then marks equations too wide for their column as focusable scroll
    # boxes; axe must see the finished page.
    page.wait_for_function("document.documentElement.dataset.courseMath === 'ready'")
    return page.evaluate("""() => ({
        math: document.querySelectorAll('.math').length,
        typeset: document.querySelectorAll('.math mjx-container, mjx-container').length,
        errors: document.querySelectorAll('mjx-merror').length})""")


IMAGES_JS = """() => Array.from(document.images).map(img => ({
    src: img.getAttribute('src'), alt: img.getAttribute('alt'),
    loaded: img.complete && img.naturalWidth > 0,
    decorative: img.getAttribute('role') === 'presentation' ||
                img.getAttribute('aria-hidden') === 'true'}))"""


@pytest.mark.parametrize("path", site_pages())
def test_page(path, browser, base_url, totals):
    context, page, record = open_page(browser, f"{base_url}/{path}")
    try:
        math = wait_for_mathjax(page)
        images = page.evaluate(IMAGES_JS)
        # What the reader's browser logged. axe-core, injected next, fetches stylesheets
        # itself and mis-resolves the theme's relative @import (a 404 no reader triggers).
        reader_console = list(record["console"])
        page.add_script_tag(path=str(AXE_JS))
        axe = page.evaluate(AXE_RUN)
        totals["axe_core"] = axe["testEngine"]["version"]
    finally:
        context.close()

    problems = []
    if reader_console:
        problems.append(f"console errors: {reader_console}")
    if record["external"]:
        problems.append(f"requests leaving the machine: {record['external']}")
    if math["math"] and (math["typeset"] < math["math"] or math["errors"]):
        problems.append(f"MathJax: {math}")
    for img in images:
        if not img["loaded"]:
            problems.append(f"image did not load: {img['src']}")
        if not img["decorative"] and not (img["alt"] or "").strip():
            problems.append(f"image without alt text: {img['src']}")
    severe = [v for v in axe["violations"] if v["impact"] in ("serious", "critical")]
    for v in severe:
        nodes = [n["target"] for n in v["nodes"]][:5]
        problems.append(f"axe {v['impact']}: {v['id']} ({v['help']}) at {nodes}")
    for v in axe["violations"]:
        if v not in severe:
            other = totals["other_axe_violations"]
            other[v["id"]] = other.get(v["id"], 0) + 1

    totals["pages"] += 1
    totals["console_errors"] += len(reader_console)
    totals["off_machine_requests"] += len(record["external"])
    totals["serious_or_critical"] += len(severe)
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


def test_every_chapter_is_on_the_site(base_url):
    for nb in sorted((Path(__file__).resolve().parents[2] / "book").glob("*.ipynb")):
        assert (SITE / "book" / f"{nb.stem}.html").is_file(), nb.name
