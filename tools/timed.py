"""Run a command, print how long it took, and append the time to a report file.

Usage: python tools/timed.py REPORT NAME COMMAND [ARG ...]
Exits with the command's exit code, so `make` stops at the first failing step.
"""

import subprocess
import sys
import time
from pathlib import Path


def main() -> int:
    report, name, *command = sys.argv[1:]
    print(f"\n=== {name} ===", flush=True)
    start = time.perf_counter()
    code = subprocess.call(command)
    elapsed = time.perf_counter() - start
    status = "ok" if code == 0 else f"FAILED (exit {code})"
    print(f"=== {name}: {status} in {elapsed:.1f} s ===", flush=True)
    Path(report).parent.mkdir(parents=True, exist_ok=True)
    with open(report, "a") as fh:
        fh.write(f"{name}\t{elapsed:.1f}\t{status}\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
