"""Run one `make test` step: print how long it took, append the time to a report file, and stop
it if it runs far past its usual time.

Usage: python tools/timed.py REPORT NAME LIMIT_SECONDS COMMAND [ARG ...]

Exits with the command's exit code, so `make` stops at the first failing step. A step still
running after LIMIT_SECONDS is hung (the per-cell timeouts should have caught a stuck notebook
long before): it is stopped with everything it started, and the step fails with exit 124 and a
message saying so, instead of running into CI's overall limit with nothing said.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def stop(process: subprocess.Popen) -> None:
    """End the step's whole process group (pytest, its kernels, Chromium ...)."""
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, None)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def main() -> int:
    report, name, limit, *command = sys.argv[1:]
    print(f"\n=== {name} ===", flush=True)
    start = time.perf_counter()
    process = subprocess.Popen(command, start_new_session=True)
    try:
        code = process.wait(timeout=float(limit))
        status = "ok" if code == 0 else f"FAILED (exit {code})"
    except subprocess.TimeoutExpired:
        stop(process)
        code = 124
        status = f"FAILED (still running after {float(limit):.0f} s: stopped as hung)"
    except KeyboardInterrupt:
        stop(process)
        raise
    elapsed = time.perf_counter() - start
    print(f"=== {name}: {status} in {elapsed:.1f} s ===", flush=True)
    Path(report).parent.mkdir(parents=True, exist_ok=True)
    with open(report, "a") as fh:
        fh.write(f"{name}\t{elapsed:.1f}\t{status}\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
