"""Build the whole book as one PDF, offline: `make pdf`.

1. Sphinx's ``singlehtml`` builder puts every page of ``_toc.yml`` on one HTML page.
   By default it renders the notebooks' stored outputs (`make test`, after nbval has
   proven them); with ``--execute cache`` (`make book`) it renders the outputs of the
   site's execution cache, ``_build/.jupyter_cache``, which `make book` has just filled,
   so the PDF shows what the site shows. Its own config sits at the root
   (``.config.pdf.yml``) because Jupyter Book resolves paths relative to it, and it builds
   under ``_build/pdf``, sharing no doctrees with the site. (It stays `jupyter-book build`
   with a config of its own, not the site test build's `sphinx-build -D`: for singlehtml,
   Jupyter Book also sets Sphinx's HTML assets policy to "always", which sphinx-build
   does not.)
2. The Debian Chromium (the browser suite's, tests/site/chromium.py) opens that page from
   a server on 127.0.0.1, waits until MathJax has typeset every formula, every font has
   loaded and every image has decoded, opens the solutions, and prints it to A4 with
   the print stylesheet (book/_static/print.css), page numbers and a bookmark outline.

Usage: python tools/build_pdf.py [--work DIR] [--execute off|cache] [--draft] [--optional]
                                [OUTPUT.pdf ...]
   OUTPUT: default DIR/sigmoid-course.pdf; each further path gets a copy (the site's).
   --work: where the single page is built (default _build/pdf).
   --draft: build the single page without -W (a look at a book whose notebooks are
            mid-edit); `make pdf` never passes it.
   --optional: without Chromium, build nothing, say so loudly, and take the PDF's link
            (and any old copy) out of the site given as a further OUTPUT's folder, so
            `make book` works with Python alone and never links a missing file.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the browser suite's Chromium settings
from tests.site.chromium import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402

CONFIG = ROOT / ".config.pdf.yml"
TITLE = "The Sigmoid Course"

# Printed on every page; Chromium fills the spans with these class names.
HEADER = (
    '<div style="font-size:8px;width:100%;padding:0 16mm;color:#555;'
    f'font-family:sans-serif;text-align:right">{TITLE}</div>'
)
FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#555;'
    'font-family:sans-serif"><span class="pageNumber"></span> / '
    '<span class="totalPages"></span></div>'
)

# Run in the page before printing. Resolves when the page is ready to print, or rejects
# with what is not (a formula MathJax could not typeset, an image that did not load).
READY_JS = """
async () => {
  // print.css keeps the theme's print header (book title, contents) for the book only.
  document.documentElement.classList.add("course-book-pdf");
  for (const img of document.images) img.loading = "eager";
  await MathJax.startup.promise;
  await document.fonts.ready;
  await Promise.all([...document.images].map(img => img.decode().catch(() => {
    throw new Error("image did not load: " + img.src);
  })));
  const untypeset = [...document.querySelectorAll("span.math, div.math")]
    .filter(el => !el.querySelector("mjx-container"));
  const errors = document.querySelectorAll("mjx-merror");
  if (untypeset.length || errors.length) {
    throw new Error(`MathJax: ${untypeset.length} formulas untypeset, ` +
      `${errors.length} with TeX errors; first: ` +
      (untypeset[0] || errors[0]).textContent.slice(0, 80));
  }
  // What the print button gets on "beforeprint", which page.pdf() does not fire by
  // itself: sphinx-togglebutton opens the dropdowns, and print.js fits wide equations
  // (measured here at the paper's width, the viewport set to it).
  window.dispatchEvent(new Event("beforeprint"));
  // The contents' part captions (Getting started, Chapters ...) are marked as headings
  // and would each become a bookmark pointing at the first page.
  document.querySelectorAll("#jb-print-toc [role=heading]")
    .forEach(el => el.removeAttribute("role"));
  // Every formula, display or inline, inside the text's width (print.js fitted them).
  const tooWide = [...document.querySelectorAll("mjx-container")].filter(eq => {
    const block = courseBlockOf(eq);
    const math = eq.querySelector("mjx-math");
    if (!block || !math || !block.getClientRects().length) return false;
    const box = block.getBoundingClientRect(), m = math.getBoundingClientRect();
    return m.right > box.right + 1 || m.left < box.left - 1;
  }).length;
  if (tooWide) throw new Error(`${tooWide} formulas wider than the paper`);
  const closed = document.querySelectorAll(".admonition.toggle-hidden").length;
  if (closed) throw new Error(`${closed} dropdowns still closed`);
  return document.querySelectorAll("mjx-container").length;
}
"""

# The headings Chromium makes bookmarks of, in order, as their text reads: a formula as
# its MathML text (σ(z)), not the TeX, and no link anchor.
HEADINGS_JS = """
() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6, [role=heading]")]
  .filter(h => h.getClientRects().length)
  .map(h => {
    const copy = h.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(a => a.remove());
    copy.querySelectorAll("mjx-container").forEach(m => {
      const mml = m.querySelector("mjx-assistive-mml");
      m.replaceWith(mml ? mml.textContent : "");
    });
    return copy.textContent.replace(/\\s+/g, " ").trim();
  })
"""


# The paragraph of book/intro.md that links the PDF.
LINK_RE = re.compile(r'<p class="course-pdf-link">.*?</p>\s*', re.S)


def build_single_page(work: Path, execute: str, strict: bool) -> Path:
    config = (ROOT / "_config.yml").read_text()
    setting = f'  execute_notebooks: "{execute}"'
    if execute == "cache":
        # The site's cache: _build/.jupyter_cache beside the default work folder.
        setting += f'\n  cache: "{work.parent / ".jupyter_cache"}"'
    config, found = re.subn(r"(?m)^  execute_notebooks: .*$", setting, config)
    if found != 1:
        raise SystemExit("build_pdf: no `execute_notebooks:` line in _config.yml")
    CONFIG.write_text(config)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    subprocess.run(
        [
            str(jupyter_book),
            "build",
            ".",
            *(["-W", "-n", "--keep-going"] if strict else ["-n"]),
            "--config",
            CONFIG.name,
            "--path-output",
            str(work),
            "--builder",
            "custom",
            "--custom-builder",
            "singlehtml",
        ],
        cwd=ROOT,
        check=True,
    )
    # singlehtml writes the page where the root document lives (book/intro.html) but
    # writes its links as if it sat at the top of the output (_static/, _images/).
    single = work / "_build" / "singlehtml"
    page = single / "index.html"
    shutil.copyfile(single / "book" / "intro.html", page)
    return page


def print_pdf(page: Path, out: Path) -> tuple[int, int]:
    from playwright.sync_api import sync_playwright

    with serve(page.parent) as base, sync_playwright() as pw:
        url = f"{base}/{page.name}"
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        # The viewport is the paper's width less the margins (178 mm), so the page is
        # laid out as it will print when print.js measures the equations.
        context = browser.new_page(viewport={"width": 672, "height": 950})
        # Fail on anything fetched from off the machine (there should be nothing).
        off = []
        context.on(
            "request",
            lambda r: (
                off.append(r.url)
                if not r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                else None
            ),
        )
        context.emulate_media(media="print", color_scheme="light")
        context.goto(url, wait_until="load")
        formulas = context.evaluate(READY_JS)
        headings = context.evaluate(HEADINGS_JS)
        if off:
            raise SystemExit(f"build_pdf: requests leaving the machine: {off[:5]}")
        out.parent.mkdir(parents=True, exist_ok=True)
        context.pdf(
            path=str(out),
            format="A4",
            margin={"top": "18mm", "bottom": "16mm", "left": "16mm", "right": "16mm"},
            display_header_footer=True,
            header_template=HEADER,
            footer_template=FOOTER,
            print_background=True,
            outline=True,
            tagged=True,
        )
        browser.close()
    retitle_bookmarks(out, headings)
    return formulas, out.stat().st_size


def retitle_bookmarks(pdf: Path, headings: list[str]) -> None:
    """Give each bookmark its heading's text.

    Chromium takes a bookmark's title from the heading as laid out: it drops the space
    at a line break, drops formulas, and doubles the text of some headings that move
    to the next page ("2.11. 2.11. ExercisesExercises"). The bookmarks are the visible
    headings in document order, so the n-th bookmark gets the n-th heading's text; the
    two lists must match in length and each pair must start alike, or the build fails.
    """
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=str(pdf))
    items = []

    def walk(item: object) -> None:
        while item is not None:
            node = item.get_object()
            items.append(node)
            walk(node.get("/First"))
            item = node.get("/Next")

    walk(writer.root_object["/Outlines"].get_object().get("/First"))
    if len(items) != len(headings):
        raise SystemExit(f"build_pdf: {len(items)} bookmarks but {len(headings)} visible headings")
    for node, heading in zip(items, headings, strict=True):
        old = str(node["/Title"])
        if "".join(old.split())[:3] != "".join(heading.split())[:3]:
            raise SystemExit(f"build_pdf: bookmark {old!r} is not heading {heading!r}")
        node[NameObject("/Title")] = TextStringObject(heading)
    with open(pdf, "wb") as out:
        writer.write(out)


def unlink_pdf(sites: list[Path]) -> None:
    """Without a PDF, the site must not link one: drop the link and any stale copy."""
    for site in sites:
        (site / "sigmoid-course.pdf").unlink(missing_ok=True)
        for page in site.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            if "course-pdf-link" in text:
                page.write_text(LINK_RE.sub("", text), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outputs", nargs="*", type=Path)
    parser.add_argument("--work", type=Path, default=ROOT / "_build" / "pdf")
    parser.add_argument("--execute", choices=["off", "cache"], default="off")
    parser.add_argument("--draft", action="store_true")
    parser.add_argument("--optional", action="store_true")
    args = parser.parse_args()
    work = args.work.resolve()
    outs = [p.resolve() for p in args.outputs] or [work / "sigmoid-course.pdf"]
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        message = f"no Chromium at {CHROMIUM} (apt-get install -y chromium, or set CHROMIUM)"
        if not args.optional:
            raise SystemExit(f"build_pdf: {message}")
        unlink_pdf([p.parent for p in outs[1:]])
        print(f"\n*** build_pdf: {message}: NO PDF built; the site does not link one ***\n")
        return 0
    start = time.perf_counter()
    page = build_single_page(work, args.execute, strict=not args.draft)
    built = time.perf_counter()
    formulas, size = print_pdf(page, outs[0])
    for extra in outs[1:]:
        extra.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(outs[0], extra)
    done = time.perf_counter()
    print(
        f"build_pdf: {outs[0]} ({size / 1e6:.1f} MB, {formulas} formulas typeset); "
        f"single page {built - start:.0f} s, printing {done - built:.0f} s"
        + "".join(f"; copied to {p}" for p in outs[1:])
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
