"""What a reader's browser meets on each chapter page: code shown, asserts shown, bytes.

Opens every chapter of a built site in Chromium (the browser suite's) and prints one
Markdown table row per chapter: visible code lines (code-cell input a reader sees without
opening a toggle), visible asserts, visible code lines over 79 characters, code blocks that
scroll sideways at 1280 and 390 px, the page's height, bytes transferred and requests. Used for
the before/after table of issue 16; `make page-metrics` runs it on _build/html.

Usage: python tools/page_metrics.py [SITE_DIR [BOOK_DIR]]   (default: _build/html book)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.site.chromium: the one place the Chromium flags live

from tests.site.chromium import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402

# Code a reader sees: code-cell inputs and literal blocks that are rendered (checkVisibility
# is false inside a closed <details>, the toggle MyST-NB uses for hide-input).
CODE_JS = """() => {
  const blocks = Array.from(document.querySelectorAll('.cell_input pre, div.highlight pre'))
    .filter((el, i, all) => !all.some(o => o !== el && o.contains(el)));
  const seen = new Set(); const out = {lines: 0, asserts: 0, long: 0, scrolling: 0};
  for (const pre of blocks) {
    if (seen.has(pre) || !pre.checkVisibility()) continue;
    seen.add(pre);
    const inCell = pre.closest('.cell_input') !== null;
    const lines = pre.innerText.replace(/\\n$/, '').split('\\n');
    if (inCell) {
      out.lines += lines.length;
      out.asserts += lines.filter(l => /^\\s*assert\\b/.test(l)).length;
    }
    out.long += lines.filter(l => l.length > 79).length;
    if (pre.scrollWidth > pre.clientWidth + 1) out.scrolling += 1;
  }
  out.height = document.documentElement.scrollHeight;
  return out;
}"""


def collect_into(found: list):
    """A response handler (Playwright cannot attach to a bound builtin like list.append)."""
    return lambda response: found.append(response)


def measure(site: Path, book: Path) -> list[dict[str, object]]:
    from playwright.sync_api import sync_playwright

    rows = []
    chapters = sorted((site / "book").glob("[0-9][0-9]_*.html")) + sorted(
        (site / "book").glob("appendix_*.html")
    )
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for html in chapters:
            row: dict[str, object] = {"page": html.stem}
            notebook = book / f"{html.stem}.ipynb"
            row["notebook_asserts"] = notebook_asserts(notebook) if notebook.is_file() else "?"
            for width in (1280, 390):
                context = browser.new_context(viewport={"width": width, "height": 844})
                page = context.new_page()
                responses: list = []
                page.on("response", collect_into(responses))
                page.goto(f"{base}/book/{html.name}", wait_until="networkidle")
                code = page.evaluate(CODE_JS)
                if width == 1280:
                    row.update(code)
                    row["requests"] = len(responses)
                    row["bytes"] = sum(len(r.body()) for r in responses if r.status == 200)
                    row["scrolling_1280"] = code["scrolling"]
                else:
                    row["scrolling_390"] = code["scrolling"]
                    row["height_390"] = code["height"]
                context.close()
            rows.append(row)
        browser.close()
    return rows


def notebook_asserts(notebook: Path) -> int:
    """``assert`` statements in a notebook's code cells: what nbval runs, shown or not."""
    import ast
    import json

    cells = json.loads(notebook.read_text())["cells"]
    count = 0
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        # IPython magics are not Python; the chapters use none, but do not crash on one.
        lines = source.splitlines()
        source = "\n".join(ln for ln in lines if not ln.lstrip().startswith(("%", "!")))
        count += sum(isinstance(node, ast.Assert) for node in ast.walk(ast.parse(source)))
    return count


def table(rows: list[dict[str, object]]) -> str:
    columns = [
        "page",
        "asserts in notebook",
        "visible code lines",
        "visible asserts",
        "lines > 79",
        "blocks scrolling 1280 / 390 px",
        "height 1280 / 390 px",
        "bytes",
        "requests",
    ]
    head = "| " + " | ".join(columns) + " |\n" + "|---" * len(columns) + "|"
    body = [
        f"| {r['page']} | {r['notebook_asserts']} | {r['lines']} | {r['asserts']} | {r['long']} | "
        f"{r['scrolling_1280']} / {r['scrolling_390']} | {r['height']:,} / {r['height_390']:,} | "
        f"{int(r['bytes']) / 1e6:.2f} MB | {r['requests']} |"
        for r in rows
    ]
    return "\n".join([head, *body])


if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "_build" / "html"
    book = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "book"
    print(table(measure(site, book)))
