"""Execute chapter notebooks in place, top to bottom, each in a fresh kernel.

Authors run this (``make execute``) after editing a chapter, then commit the notebook with
its outputs; nbval later checks those outputs are still what the code produces. It also
removes what must not be committed: saved widget state (large, random) and cell ids'
churn is left alone.

Usage: python tools/execute_notebooks.py [NOTEBOOK ...]   (default: every book/*.ipynb)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    start = time.perf_counter()
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    elapsed = time.perf_counter() - start
    nb.metadata.pop("widgets", None)  # saved widget state is not committed
    for cell in nb.cells:
        cell.metadata.pop("execution", None)  # timestamps would churn every run
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" or out.get("name") == "stderr":
                raise SystemExit(f"{path.name}: a cell printed an error or a warning:\n{out}")
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or sorted((ROOT / "book").glob("*.ipynb"))
    for path in paths:
        print(f"{path.name}: executed in {execute(path.resolve()):.1f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
