"""Screenshots of the live (ipywidgets) explorers running in JupyterLab, for authors to look at.

Starts JupyterLab on 127.0.0.1 with a scratch notebook that opens the four explorers, runs it
in Chromium, moves the first slider of each explorer with the keyboard, and saves before/after
screenshots to _build/test-reports/live-<name>-{before,after}.png. It prints whether each
figure changed. Not part of `make test` (the widgets' behaviour is unit-tested in
code/tests/test_widgets.py); run it with `make screenshots` after changing an explorer.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "_build" / "test-reports"
sys.path.insert(0, str(ROOT))  # the browser suite's Chromium settings
from sigmoidlab.explorers.spec import EXPLORERS  # noqa: E402

from tests.site.chromium import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

NAMES = list(EXPLORERS)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def open_and_run(page) -> None:
    """Wait for JupyterLab and its kernel, then run every cell until the widgets show."""
    page.wait_for_function(
        "window.jupyterapp && document.querySelector('.jp-Notebook')", timeout=60_000
    )
    # JupyterLab may ask which kernel to use for a notebook it has not opened before, and
    # its "Jupyter news?" toast would cover the last screenshot.
    for button, wait in (("Select", 15_000), ("No", 5_000)):
        try:
            page.get_by_role("button", name=button, exact=True).click(timeout=wait)
        except Exception:
            pass
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
    # Not awaited: evaluate() has no timeout, and the command's promise settles only when
    # every cell has run.
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    page.wait_for_function(
        f"document.querySelectorAll('.widget-image').length === {len(NAMES)}", timeout=120_000
    )


def main() -> int:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="live-explorers-"))
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            f"from sigmoidlab.explorers.widgets import live_explorer\nlive_explorer({name!r})"
        )
        for name in NAMES
    ]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, work / "explorers.ipynb")
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            "--ServerApp.token=",
            "--ServerApp.password=",
            "--allow-root",
            "--LabApp.expose_app_in_browser=True",
            f"--ServerApp.root_dir={work}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=open(OUT / "live-jupyterlab.log", "w"),
    )
    changed = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": 1200, "height": 1000})
            url = f"http://127.0.0.1:{port}/lab/tree/explorers.ipynb"
            for _ in range(120):  # wait for the server to answer
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            page.goto(url)
            try:
                open_and_run(page)
            except Exception:
                page.screenshot(path=str(OUT / "live-failure.png"))
                print(f"JupyterLab did not show the widgets; see {OUT / 'live-failure.png'}")
                raise
            outputs = page.locator(".jp-OutputArea-output:has(.widget-image)")
            for i, name in enumerate(NAMES):
                out = outputs.nth(i)
                out.scroll_into_view_if_needed()
                image = out.locator(".widget-image")
                before = image.get_attribute("src")
                out.screenshot(path=str(OUT / f"live-{name}-before.png"))
                out.locator(".noUi-handle").first.focus()
                for _ in range(3):
                    page.keyboard.press("ArrowRight")
                page.wait_for_function(
                    "([el, src]) => el.getAttribute('src') !== src",
                    arg=[image.element_handle(), before],
                    timeout=30_000,
                )
                # Each key press is one update; wait until the last one has been drawn.
                settled = image.get_attribute("src")
                for _ in range(60):
                    page.wait_for_timeout(1_000)
                    now = image.get_attribute("src")
                    if now == settled:
                        break
                    settled = now
                out.screenshot(path=str(OUT / f"live-{name}-after.png"))
                changed[name] = image.get_attribute("src") != before
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    for name, did in changed.items():
        print(f"{name}: figure {'changed' if did else 'DID NOT change'} after moving a slider")
    return 0 if len(changed) == len(NAMES) and all(changed.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
