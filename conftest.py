"""Notebook runs fail fast: `pytest --nbval` never waits out a dead or hung kernel.

nbval waits for each cell's reply for ``--nbval-cell-timeout`` seconds (2,000 by default)
and does not notice a kernel that has died: a kernel killed by a CPU instruction it lacks
(SIGILL) left `make test` silent for half an hour per notebook. This plugin, loaded for
every pytest run from the repository root (see pytest.ini), changes two things:

* the default cell timeout is the one the book build uses, ``execute.timeout`` in
  ``_config.yml``, sized to the slowest chapter cell with a wide margin (an explicit
  ``--nbval-cell-timeout`` still wins);
* while a cell runs, the kernel process is checked every second; if it has died, the cell
  fails at once with the notebook, the cell and the signal named, and every later cell of
  that notebook fails at once with "not run" instead of waiting.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path
from queue import Empty

import pytest
import yaml

ROOT = Path(__file__).resolve().parent
POLL_SECONDS = 1.0
NBVAL_DEFAULT_TIMEOUT = 2000.0  # nbval's own default, replaced unless given on the command line


def book_cell_timeout() -> float:
    """Seconds a chapter cell may take: `execute.timeout` in _config.yml, the one source."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    return float(config["execute"]["timeout"])


class KernelDied(Exception):
    """The kernel process ended while a cell was running."""


def describe_exit(kernel) -> str:
    """'killed by SIGILL (illegal instruction)' or 'exited with code 3', from the process."""
    process = getattr(getattr(kernel.km, "provisioner", None), "process", None)
    code = process.poll() if process is not None else None
    if code is None:
        return "is no longer running"
    if code < 0:
        sig = signal.Signals(-code)
        return f"was killed by {sig.name} ({signal.strsignal(sig) or 'signal'})"
    return f"exited with code {code}"


def watch_kernel(await_reply):
    """Wrap RunningKernel.await_reply: wait in short slices and check the process between."""

    def await_reply_or_death(self, msg_id, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = POLL_SECONDS if deadline is None else deadline - time.monotonic()
            try:
                return await_reply(self, msg_id, timeout=max(0.0, min(POLL_SECONDS, left)))
            except Empty:
                if not self.is_alive():
                    raise KernelDied(describe_exit(self)) from None
                if deadline is not None and time.monotonic() >= deadline:
                    raise

    return await_reply_or_death


def fail_fast_on_death(runtest):
    """Wrap IPyNbCell.runtest: a dead kernel fails the cell with a message naming it."""

    def runtest_or_report(self):
        where = str(self.parent.path.relative_to(ROOT))
        if not self.parent.kernel.is_alive():
            self.raise_cell_error(f"{where}: not run, the notebook's kernel died earlier")
        try:
            runtest(self)
        except KernelDied as died:
            self.raise_cell_error(f"{where}: the kernel {died} while running this cell")

    return runtest_or_report


def skip_svg_figures(init):
    """nbval compares a figure's text but not its pixels: it skips PNG and JPEG. The chapters'
    figures are SVG (crisp at any zoom, themed on the site), whose path coordinates carry
    digits a BLAS kernel or a Matplotlib release may round differently; they are pictures
    like the PNGs, so they are skipped the same way. What a figure shows is asserted in its
    chapter's cells."""

    def init_skipping_svg(self, *args, **kwargs):
        init(self, *args, **kwargs)
        if "image/svg+xml" not in self.skip_compare:
            self.skip_compare = (*self.skip_compare, "image/svg+xml")

    return init_skipping_svg


def pytest_configure(config: pytest.Config) -> None:
    if not config.pluginmanager.hasplugin("nbval"):
        return
    from nbval.kernel import RunningKernel
    from nbval.plugin import IPyNbCell, IPyNbFile

    if not getattr(IPyNbFile.__init__, "_skips_svg", False):
        IPyNbFile.__init__ = skip_svg_figures(IPyNbFile.__init__)
        IPyNbFile.__init__._skips_svg = True
    if float(config.option.nbval_cell_timeout) == NBVAL_DEFAULT_TIMEOUT:
        config.option.nbval_cell_timeout = book_cell_timeout()
    if not getattr(RunningKernel.await_reply, "_watches_kernel", False):
        RunningKernel.await_reply = watch_kernel(RunningKernel.await_reply)
        RunningKernel.await_reply._watches_kernel = True
        IPyNbCell.runtest = fail_fast_on_death(IPyNbCell.runtest)
