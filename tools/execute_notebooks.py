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
import yaml
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

ROOT = Path(__file__).resolve().parents[1]


def cell_timeout() -> float:
    """Seconds a cell may take: `execute.timeout` in _config.yml, as for the book build."""
    return float(yaml.safe_load((ROOT / "_config.yml").read_text())["execute"]["timeout"])


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    running = {"cell": None}  # which cell a dead kernel or a timeout interrupted

    def note_cell(cell, cell_index):
        running["cell"] = cell_index

    client = NotebookClient(
        nb,
        timeout=cell_timeout(),
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        on_cell_start=note_cell,
    )
    start = time.perf_counter()
    try:
        client.execute()
    except DeadKernelError:
        raise SystemExit(f"{path.name}, cell {running['cell']}: the kernel died") from None
    except CellTimeoutError:
        raise SystemExit(
            f"{path.name}, cell {running['cell']}: no result within {client.timeout:.0f} s"
        ) from None
    except CellExecutionError as error:
        raise SystemExit(f"{path.name}, cell {running['cell']}: {error}") from None
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
