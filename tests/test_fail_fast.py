"""A dying or hung kernel fails every notebook runner fast, with the notebook named.

The fixtures are notebooks whose kernel kills itself with SIGILL (as on a CPU without an
instruction the code uses) or sleeps forever. Each runner the course uses is tried on them:
strict nbval (`make test`), `make portability`, `make execute` and the book build (`make book`).
The limits in the asserts are the point of the tests: without the guard, nbval waited 2,000 s
for a dead kernel's reply.
"""

import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DIES = FIXTURES / "kernel_dies.ipynb"
HANGS = FIXTURES / "kernel_hangs.ipynb"
BIN = Path(sys.executable).parent
CELL_TIMEOUT = float(yaml.safe_load((ROOT / "_config.yml").read_text())["execute"]["timeout"])


def run(command, cwd=ROOT, limit=300):
    """Run a command; return (exit code, seconds, output). `limit` only stops a runaway test."""
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=limit, stdin=subprocess.DEVNULL
    )
    return done.returncode, time.perf_counter() - start, done.stdout + done.stderr


def nbval(notebook, *options):
    return run([sys.executable, "-m", "pytest", "--nbval", str(notebook.relative_to(ROOT)),
                "-p", "no:cacheprovider", "--color=no", *options])  # fmt: skip


def test_the_cell_timeout_is_seconds_not_minutes():
    # the slowest chapter cell takes about 6 s; the timeout must leave a margin but fail fast
    assert 30 <= CELL_TIMEOUT <= 120


def test_nbval_fails_at_once_when_the_kernel_dies():
    code, seconds, out = nbval(DIES)
    assert code == 1
    assert seconds < 30, f"took {seconds:.0f} s"
    assert "tests/fixtures/kernel_dies.ipynb: the kernel was killed by SIGILL" in out
    for later in (2, 3):  # the cells after the dead one fail at once, not after a timeout
        assert f"Cell {later}: {DIES.relative_to(ROOT)}: not run, the notebook's kernel" in out
    assert "1 passed" in out and "3 failed" in out


def test_nbval_stops_a_hung_cell_after_the_books_cell_timeout():
    code, seconds, out = nbval(HANGS)  # no --nbval-cell-timeout: conftest.py sets the default
    assert code == 1
    assert f"Timeout of {CELL_TIMEOUT:g} seconds exceeded" in out
    assert CELL_TIMEOUT <= seconds < CELL_TIMEOUT + 30, f"took {seconds:.0f} s"


def test_portability_fails_fast_and_names_the_notebook(tmp_path):
    command = [sys.executable, "tools/portability.py", "--reports", str(tmp_path)]
    code, seconds, out = run([*command, str(DIES.relative_to(ROOT))])
    assert code == 1
    assert seconds < 120, f"took {seconds:.0f} s"
    assert "kernel_dies.ipynb: the kernel was killed by SIGILL" in out
    table = (tmp_path / "portability.md").read_text()
    rows = [line for line in table.splitlines() if line.startswith("| ") and "`" in line]
    ran = [row for row in rows if "not run" not in row]
    assert ran and all("**FAILED**" in row for row in ran), table


def test_make_execute_fails_fast_and_names_the_notebook_and_cell(tmp_path):
    copy = tmp_path / DIES.name  # the executor writes in place: never run it on the fixture
    shutil.copy(DIES, copy)
    code, seconds, out = run([sys.executable, "tools/execute_notebooks.py", str(copy)])
    assert code == 1
    assert seconds < 60, f"took {seconds:.0f} s"
    assert "kernel_dies.ipynb, cell 1: the kernel died" in out


def test_book_build_fails_fast_and_names_the_notebook(tmp_path):
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    execute = {**config["execute"], "execute_notebooks": "force"}
    (tmp_path / "_config.yml").write_text(yaml.safe_dump({"title": "t", "execute": execute}))
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: kernel_dies\n")
    shutil.copy(DIES, tmp_path / DIES.name)
    code, seconds, out = run([str(BIN / "jupyter-book"), "build", ".", "-W", "-n"], cwd=tmp_path)
    assert code != 0
    assert seconds < 120, f"took {seconds:.0f} s"
    assert "kernel_dies.ipynb: Executing notebook" in out and "DeadKernelError" in out


def test_a_make_test_step_past_its_limit_is_stopped_with_what_it_started(tmp_path):
    report = tmp_path / "times.tsv"
    marker = "sleep 86399"  # a child that would outlive the step if only the shell were killed
    step = [sys.executable, "tools/timed.py", str(report), "stuck step", "2"]
    code, seconds, out = run([*step, "bash", "-c", f"{marker} & {marker}"])
    assert code == 124
    assert seconds < 20, f"took {seconds:.0f} s"
    assert "stuck step: FAILED (still running after 2 s: stopped as hung)" in out
    assert "stopped as hung" in report.read_text()
    assert not running_commands_containing(marker)


def running_commands_containing(text):
    """Command lines of running processes that contain `text` (/proc on Linux, else ps)."""
    proc = Path("/proc")
    if proc.is_dir():
        lines = []
        for cmdline in proc.glob("[0-9]*/cmdline"):
            try:
                lines.append(cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace"))
            except OSError:  # the process ended while we looked
                continue
    else:
        ps = ["ps", "-A", "-o", "command"]
        lines = subprocess.run(ps, capture_output=True, text=True).stdout.splitlines()
    return [line for line in lines if text in line]
