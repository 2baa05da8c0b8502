"""Hygiene of the committed notebooks, checked without running them (nbval runs them).

Each chapter must be committed executed top to bottom in a fresh kernel (execution counts
1, 2, 3, ...), with no error or stderr output, no saved widget state, no sys.path edits, no
visible NBVAL comments, and alt text on every figure it shows.
"""

import ast
import re
from pathlib import Path

import nbformat
import pytest

BOOK = Path(__file__).resolve().parents[1] / "book"
NOTEBOOKS = sorted(BOOK.glob("*.ipynb"))
# The only tag a chapter may use to relax nbval: for output that truly varies (timings,
# widgets); the claims shown there are asserted in other cells.
ALLOWED_TAGS = {
    "nbval-ignore-output",
    "hide-input",
    "hide-output",
    "remove-input",
    "remove-output",
    "remove-cell",
    "hide-cell",
    "assert-lesson",  # a visible assert that is itself the lesson (tests/site/test_reader.py)
}


def test_there_are_chapters():
    assert NOTEBOOKS, "no notebooks found under book/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_hygiene(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    assert "widgets" not in nb.metadata, "saved widget state must not be committed"
    code = [c for c in nb.cells if c.cell_type == "code"]
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), f"not run top to bottom once: {counts}"
    for cell in code:
        src = cell.source
        assert "sys.path" not in src, "notebooks import sigmoidlab; they never edit sys.path"
        assert "NBVAL_" not in src, "use the invisible cell tag nbval-ignore-output instead"
        # nbval runs cells with store_history=False, which turns off IPython's trailing-';'
        # output suppression (nbval issue #194): end figure cells with plt.show() instead.
        assert not src.rstrip().endswith(";"), f"cell ends with ';':\n{src[-200:]}"
        unknown = set(cell.metadata.get("tags", [])) - ALLOWED_TAGS
        assert not unknown, f"unexpected cell tags {unknown}"
        for out in cell.outputs:
            assert out.output_type != "error", f"error output in:\n{src[:200]}"
            assert out.get("name") != "stderr", f"stderr/warning output in:\n{src[:200]}"
            text = out.get("data", {}).get("text/plain", "") if "data" in out else ""
            assert "at 0x" not in text, f"memory address in output (end with ';'):\n{text}"
            if "image/png" in out.get("data", {}) or "image/svg+xml" in out.get("data", {}):
                alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")
                assert len(alt) > 40, f"figure without meaningful alt text:\n{src[:200]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_chapter_says_how_to_run_it(path):
    """One line near the top links to the page that says how (said once, not per chapter)."""
    nb = nbformat.read(path, as_version=4)
    opening = "\n".join(c.source for c in nb.cells[:3] if c.cell_type == "markdown")
    assert "(running.md)" in opening, "the chapter opens with a link to running.md"
    assert "Run this chapter yourself" not in opening, "the old per-chapter box is back"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_lines_fit_the_page(path):
    """Code and printed output of at most 79 characters: nothing scrolls sideways on a
    desktop page or is cut in print (ruff checks the code; this checks the outputs)."""
    nb = nbformat.read(path, as_version=4)
    long = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            data = out.get("data", {})
            if "application/vnd.jupyter.widget-view+json" in data:
                continue  # a live widget's repr, shown by no page
            text = out.get("text", "") or data.get("text/plain", "")
            long += [line for line in text.splitlines() if len(line) > 79]
    assert not long, f"{len(long)} output lines over 79 characters, e.g. {long[:3]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_hidden_checks_are_labelled(path):
    """A check hidden from the site is still read in the notebook: it says what it is."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "code" and "remove-cell" in tags and "assert" in cell.source:
            first = cell.source.lstrip().splitlines()[0]
            assert first.startswith("# Check:"), f"unlabelled hidden check:\n{first}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_explorer_cells_are_tagged(path):
    """A live widget is dead on the static page (hidden there, and nbval cannot compare its
    output); the static explorer's code is scaffolding the reader need not see."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = set(cell.metadata.get("tags", []))
        if "sigmoidlab.explorers.widgets" in cell.source:
            assert {"nbval-ignore-output", "remove-output"} <= tags, cell.source
        if "static_explorer(" in cell.source:
            assert "remove-input" in tags, cell.source


def glossary_terms() -> list[str]:
    text = (BOOK / "glossary.md").read_text()
    body = text[text.index("```{glossary}") :].splitlines()[1:]
    return [line for line in body if line and not line.startswith((" ", "```"))]


def test_every_glossary_term_is_linked_from_the_text():
    # A term defined but never linked is a definition no reader finds from the text.
    prose = [(BOOK / p).read_text() for p in ("intro.md", "notation.md", "further_reading.md")]
    for path in sorted(BOOK.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        prose += [c.source for c in nb.cells if c.cell_type == "markdown"]
    linked = set()
    for target in re.findall(r"\{term\}`([^`]*)`", "\n".join(prose)):
        inner = re.fullmatch(r".*<(.*)>", target, flags=re.S)
        linked.add((inner.group(1) if inner else target).strip().lower())
    terms = glossary_terms()
    assert len(terms) >= 36
    assert [t for t in terms if t.lower() not in linked] == []


def test_intro_counts_the_appendix_claims():
    """The intro's table of contents says how many claims the appendix tests: that number
    is the appendix's count of numbered claim headings."""
    import re

    nb = nbformat.read(BOOK / "appendix_misconceptions.ipynb", as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    claims = len(re.findall(r"^## \d+\. ", markdown, flags=re.M))
    words = "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    words += "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
    intro = (BOOK / "intro.md").read_text()
    assert claims > 0 and f"{words.split()[claims]} common claims" in intro, claims


# ```{literalinclude} path, then its options, one per line (":pyobject: Class.method").
LITERALINCLUDE = re.compile(r"`{3,}\{literalinclude\}[ \t]+(\S+)[ \t]*\n((?:[ \t]*:[\w-]+:.*\n?)*)")


def literalincludes() -> list[tuple[str, str, dict[str, str]]]:
    """(page, path relative to book/, options) of every literalinclude in book/."""
    found = []
    pages = [(p.name, p.read_text()) for p in sorted(BOOK.glob("*.md"))]
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        pages += [(path.name, c.source) for c in nb.cells if c.cell_type == "markdown"]
    for page, text in pages:
        for match in LITERALINCLUDE.finditer(text):
            options = dict(
                re.match(r"\s*:([\w-]+):\s*(.*)", line).groups()
                for line in match.group(2).splitlines()
                if line.strip()
            )
            found.append((page, match.group(1), options))
    return found


def python_object_source(source: str, dotted: str) -> str | None:
    """The source of ``dotted`` (``name`` or ``Class.method``) in a module, or None."""
    body: list[ast.stmt] = ast.parse(source).body
    node = None
    for part in dotted.split("."):
        kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        node = next((n for n in body if isinstance(n, kinds) and n.name == part), None)
        if node is None:
            return None
        body = node.body
    return ast.get_source_segment(source, node)


def test_shown_package_code_exists():
    """Code a page shows from the package (literalinclude) names a file that exists and, with
    :pyobject:, an object that exists in it, and every marker it cuts at: a renamed function
    fails here, not as a silently empty box on the page."""
    includes = literalincludes()
    assert len(includes) >= 20, "the chapters show the package functions they teach"
    problems = []
    for page, target, options in includes:
        path = (BOOK / target).resolve()
        if not path.is_file():
            problems.append(f"{page}: {target} does not exist")
            continue
        text = path.read_text()
        if "pyobject" in options:
            text = python_object_source(text, options["pyobject"])
            if text is None:
                problems.append(f"{page}: no {options['pyobject']} in {target}")
                continue
        for marker in ("start-at", "start-after", "end-at", "end-before"):
            if marker in options and options[marker] not in text:
                problems.append(f"{page}: {marker} {options[marker]!r} not in {target}")
    assert not problems, "\n".join(problems)
