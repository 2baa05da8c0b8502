"""`make workbooks` (tools/workbooks.py): the chapters for a class, without outputs, solutions
or the course's checks. Each workbook is a valid notebook that keeps every exercise and every
code cell a student needs, and runs from top to bottom in a fresh kernel (nbclient, with the
book's per-cell timeout), so the cells that set up each exercise work without the removed ones.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from workbooks import ROOT, chapters, workbook, write_workbooks

CHAPTERS = chapters()


def tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("workbooks")
    write_workbooks(out)
    return out


def test_every_chapter_and_the_appendix():
    names = [p.name for p in CHAPTERS]
    assert names[0].startswith("01_") and names[-1].startswith("appendix")
    assert len(names) >= 7, names


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_a_workbook_is_the_chapter_without_answers(chapter, folder):
    book = nbformat.read(chapter, as_version=4)
    work = nbformat.read(folder / chapter.name, as_version=4)
    nbformat.validate(work)
    text = "\n".join(cell.source for cell in work.cells)
    assert "{solution}" not in text
    assert not any("remove-cell" in tags(cell) for cell in work.cells)
    assert not any(cell.get("outputs") or cell.get("execution_count") for cell in work.cells)
    # every exercise stays, and every code cell a reader of the page sees or unfolds
    exercises = sum(cell.source.count("{exercise}") for cell in book.cells)
    assert text.count("{exercise}") == exercises
    kept = [
        cell.source
        for cell in book.cells
        if cell.cell_type == "code" and "remove-cell" not in tags(cell)
    ]
    assert [cell.source for cell in work.cells if cell.cell_type == "code"] == kept
    if exercises:
        assert "Solutions" not in [line.lstrip("# ") for line in text.splitlines()]


def test_solutions_are_removed_in_every_fence_style(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_markdown_cell(
            "## Exercises\n\n```{exercise}\n:label: e1\nDo it.\n```\n\n"
            "## Solutions\n\n```{solution} e1\n:class: dropdown\nDone.\n```\n\n"
            "::::{solution} e2\n```python\nx = 1\n```\n::::\n\n## After\n\nKept."
        ),
        nbformat.v4.new_markdown_cell("## Solutions\n\n````{solution} e3\n```\ny\n```\n````"),
    ]
    path = tmp_path / "fences.ipynb"
    nbformat.write(nb, path)
    cells = [cell.source for cell in workbook(path).cells]
    assert cells[0] == "# Title" and cells[1].startswith("> **Workbook.**")
    assert cells[2:] == [
        "## Exercises\n\n```{exercise}\n:label: e1\nDo it.\n```\n\n## After\n\nKept."
    ]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_a_workbook_runs(chapter, folder):
    timeout = yaml.safe_load((ROOT / "_config.yml").read_text())["execute"]["timeout"]
    nb = nbformat.read(folder / chapter.name, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    start = time.perf_counter()
    try:
        client.execute()
    except CellExecutionError as error:
        pytest.fail(
            f"{chapter.name} as a workbook: {error}\nA NameError here means that a cell the "
            "workbook keeps uses a name only a `remove-cell` check cell defines: compute it in "
            "a kept cell (checks only check).",
            pytrace=False,
        )
    print(f"{chapter.name}: workbook ran in {time.perf_counter() - start:.1f} s")
    errors = [
        out for cell in nb.cells for out in cell.get("outputs", []) if out.output_type == "error"
    ]
    assert not errors, errors
