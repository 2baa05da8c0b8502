"""Which Chromium the browser checks and tools use, and how it is started.

Debian's Chromium (`apt-get install -y chromium`); Playwright's own browser download does not
work here. The flags keep it from phoning home (no background networking, updates or sync),
so every request the suite sees comes from the page under test.
"""

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
