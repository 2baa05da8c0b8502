"""Fixtures for the browser checks: the built site served on 127.0.0.1 and a Chromium.

Chromium is Debian's (`apt-get install -y chromium`); Playwright's own browser download is
not used. Without Chromium these tests are skipped with a loud reason on a developer's
machine, and fail under CI (CI=true), where `.ci/run` installs it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from .chromium import CHROMIUM, CHROMIUM_FLAGS, serve

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_build" / "html"
REPORT = ROOT / "_build" / "test-reports" / "site.json"
# axe-core, the npm release pinned in tests/site/package-lock.json (`make test` runs npm ci).
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
TOTALS: dict[str, object] = {
    "pages": 0,
    "console_errors": 0,
    "off_machine_requests": 0,
    "serious_or_critical": 0,
    "explorers_responding": 0,
    "other_axe_violations": {},
}


@pytest.fixture(scope="session")
def base_url() -> str:
    if not (SITE / "index.html").is_file():
        pytest.fail("no built site in _build/html: run `make book` (or `make test`) first")
    with serve(SITE) as url:
        yield url


@pytest.fixture(scope="session", autouse=True)
def axe_installed():
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} missing: run `make test` (it runs npm ci in tests/site)")


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        reason = (
            "Chromium not found at /usr/bin/chromium: the browser checks did NOT run. "
            "Install it with `apt-get install -y chromium`."
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def totals():
    yield TOTALS
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(TOTALS, indent=2))
    print("\nsite checks:", json.dumps(TOTALS))
