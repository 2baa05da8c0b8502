"""Workbooks for a class: copies of the chapters for students to fill in (`make workbooks`).

Each chapter (book/0*.ipynb) and the appendix is written to OUT (default _build/workbooks)
with its outputs cleared, its solutions taken out and the course's check cells (tagged
`remove-cell`, whose asserts would give answers away) removed. Everything a student runs to
set up an exercise stays: tests/test_workbooks.py executes every workbook.

nbconvert's own preprocessors clear the outputs (ClearOutputPreprocessor) and drop the tagged
cells (TagRemovePreprocessor). The solutions are MyST directives (```{solution} ...```) inside
Markdown cells, a format only MyST defines, so one small preprocessor here removes them, and
the "Solutions" heading left with nothing under it.

Usage: python tools/workbooks.py [OUT [NOTEBOOK ...]]   (default: _build/workbooks, every chapter)
"""

from __future__ import annotations

import re
import sys
import uuid
import warnings
from pathlib import Path

import nbformat
from nbconvert.preprocessors import (
    ClearOutputPreprocessor,
    Preprocessor,
    TagRemovePreprocessor,
)

ROOT = Path(__file__).resolve().parents[1]

# A solution directive: an opening fence of three or more backticks or colons, then
# {solution}, up to the closing fence of the same length on a line of its own.
SOLUTION = re.compile(r"^(?P<fence>`{3,}|:{3,})\{solution\}.*?^(?P=fence)[ \t]*$\n?", re.M | re.S)
# A "Solutions" heading with nothing but blank lines before the next heading or the cell's end.
EMPTY_HEADING = re.compile(r"^#{1,6}[ \t]+Solutions[ \t]*$\s*(?=^#|\Z)", re.M)

NOTE = (
    "> **Workbook.** This is the chapter as a notebook to work in: outputs, solutions and the "
    "course's hidden checks are removed. Run the cells from the top, then try the exercises "
    "at the end. The full chapter, with figures and solutions, is on the course's site."
)


class RemoveSolutionsPreprocessor(Preprocessor):
    """Delete every ```{solution}``` block from Markdown cells, then drop emptied cells."""

    def preprocess(self, nb, resources):
        kept = []
        for cell in nb.cells:
            if cell.cell_type == "markdown" and "{solution}" in cell.source:
                text = EMPTY_HEADING.sub("", SOLUTION.sub("", cell.source))
                cell.source = re.sub(r"\n{3,}", "\n\n", text).strip()
                if not cell.source:
                    continue
            kept.append(cell)
        nb.cells = kept
        return nb, resources


def chapters() -> list[Path]:
    """The chapters and the appendix, in the book's order."""
    book = ROOT / "book"
    return sorted(book.glob("0*.ipynb")) + sorted(book.glob("appendix*.ipynb"))


def workbook(path: Path) -> nbformat.NotebookNode:
    """The chapter at `path`, as a workbook."""
    with warnings.catch_warnings():  # a chapter saved without cell ids gets them below
        warnings.simplefilter("ignore", nbformat.validator.MissingIDFieldWarning)
        nb = nbformat.read(path, as_version=4)
    nb.nbformat_minor = max(nb.nbformat_minor, 5)
    for cell in nb.cells:
        cell.setdefault("id", uuid.uuid4().hex[:8])
    for step in (
        ClearOutputPreprocessor(),
        TagRemovePreprocessor(remove_cell_tags={"remove-cell"}),
        RemoveSolutionsPreprocessor(),
    ):
        step.enabled = True
        nb, _ = step(nb, {})
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nb.cells.insert(1, nbformat.v4.new_markdown_cell(NOTE))
    nbformat.validate(nb)
    return nb


def write_workbooks(out: Path, paths: list[Path] | None = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in paths or chapters():
        target = out / path.name
        nbformat.write(workbook(path), target)
        written.append(target)
    return written


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else ROOT / "_build" / "workbooks"
    for target in write_workbooks(out, [Path(a) for a in argv[1:]] or None):
        print(target)


if __name__ == "__main__":
    main(sys.argv[1:])
