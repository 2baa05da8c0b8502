"""Checks of the whole-book PDF (`make pdf`, tools/build_pdf.py), run by `make test` after it.

They read the PDF with pypdf (its text and its bookmark outline) and compare it with the
site's HTML pages (`_build/html`, built just before): every chapter has a numbered bookmark,
every visible line of code on the site is in the PDF, nothing of the screen interface is,
no reference is left unresolved, and each chapter's solutions start on a page of their own
after its exercises. COURSE_BUILD points the checks at another build folder.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("COURSE_BUILD", ROOT / "_build"))
PDF = BUILD / "pdf" / "sigmoid-course.pdf"
SITE = BUILD / "html"
# Words of the screen interface that must not reach paper.
INTERFACE = [
    "Click to show",
    "Click to hide",
    "Show code cell",
    "Hide code cell",
    "Skip to main content",
    "Back to top",
    "Ctrl+K",
    "Copy to clipboard",
    "Toggle navigation",
    "Toggle hidden content",
    "Fullscreen",
    "Download this page",
]


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc["parts"]:
        files += [c["file"] for c in part["chapters"]]
    return files


def site_page(name: str) -> BeautifulSoup:
    path = SITE / f"{name}.html"
    if not path.is_file():
        pytest.fail(f"{path} missing: build the site first (make book, or make test)")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@cache
def reader() -> PdfReader:
    if not PDF.is_file():
        pytest.fail(f"{PDF} missing: run `make pdf` (make test runs it before these checks)")
    return PdfReader(PDF)


@cache
def page_texts() -> tuple[str, ...]:
    return tuple(page.extract_text() or "" for page in reader().pages)


def squeeze(text: str) -> str:
    """Without any whitespace: a wrapped line and an unwrapped one compare equal."""
    return re.sub(r"\s+", "", text)


@cache
def outline() -> tuple[tuple[int, str, int], ...]:
    """Every bookmark as (depth, title, page index), in document order."""
    pdf = reader()
    entries: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, item.title, pdf.get_destination_page_number(item)))

    walk(pdf.outline, 0)
    return tuple(entries)


def title_of(name: str) -> str:
    """The page's title as the site shows it, with its chapter number if it has one."""
    h1 = site_page(name).select_one("article h1")
    for anchor in h1.select("a.headerlink"):
        anchor.decompose()
    return " ".join(h1.get_text().split())


def test_page_count_is_sane():
    pages = len(reader().pages)
    # About 160 A4 pages in 2026; far fewer means pages went missing, far more means a
    # layout that blew up (a figure per page, code one word a line).
    assert 80 <= pages <= 400, f"{pages} pages"


def test_every_page_of_the_toc_has_a_bookmark():
    titles = {" ".join(t.split()) for _, t, _ in outline()}
    missing = [title_of(f) for f in toc_files() if title_of(f) not in titles]
    assert not missing, f"no bookmark for {missing}; bookmarks: {sorted(titles)[:40]}"


def test_chapters_and_their_sections_are_numbered():
    titles = [" ".join(t.split()) for _, t, _ in outline()]
    for number in range(1, numbered_chapters() + 1):
        assert any(t.startswith(f"{number}. ") for t in titles), f"no chapter {number}."
        assert any(t.startswith(f"{number}.1. ") for t in titles), f"no section {number}.1."


# What an unresolved reference or formula MathJax left untypeset looks like on paper.
NOT_ON_PAPER = ("??", "\\frac", "\\sigma", "\\(", "$$")


@cache
def code_containing(token: str) -> tuple[str, ...]:
    """Every piece of code on the site (blocks and inline), without whitespace, that contains
    ``token``: the package source a chapter shows keeps its docstrings' TeX (``\\sigma``),
    and the Jupyter hint ``name??`` is code too, so neither is an unresolved reference."""
    found = set()
    for name in toc_files():
        for element in site_page(name).select("article pre, article code"):
            for line in element.get_text().splitlines():
                if token in line:
                    found.add(squeeze(line))
    return tuple(found)


def inside_code(text: str, at: int, token: str) -> bool:
    """Whether the ``token`` at ``text[at]`` (whitespace removed) belongs to a piece of code:
    the code up to the token ends there, or the code from the token starts there (a code
    line the page break cut in two), with at least three characters of code beside it."""
    for code in code_containing(token):
        for start in (m.start() for m in re.finditer(re.escape(token), code)):
            end = start + len(token)
            before = start >= 3 and text[max(0, at - start) : at + len(token)] == code[:end]
            after = len(code) - end >= 3 and text[at : at + len(code) - start] == code[start:]
            if before or after:
                return True
    return False


def test_no_unresolved_reference_or_raw_tex():
    for index, page in enumerate(page_texts(), start=1):
        text = squeeze(without_footer(page))
        for bad in NOT_ON_PAPER:
            for match in re.finditer(re.escape(bad), text):
                where = text[max(0, match.start() - 40) : match.end() + 40]
                assert inside_code(text, match.start(), bad), f"page {index}: {bad!r} in {where}"


def test_code_is_told_apart_from_unresolved_references():
    """The exemption above covers code only: the same tokens in prose still fail."""
    code = max(code_containing("??"), key=len, default=None)
    assert code, "no code with ?? on the site (the Jupyter hints name??)"
    at = code.index("??")
    assert inside_code("prose" + code + "prose", 5 + at, "??")
    assert not inside_code("see section ?? above", 11, "??")
    assert not inside_code("where \\sigma(z) is", 5, "\\sigma")


def test_links_stay_inside_the_pdf():
    """An internal link is a jump inside the PDF, never a URL of the build's server."""
    internal, external = 0, []
    for page in reader().pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if "/Dest" in annot or (action is not None and action.get("/S") == "/GoTo"):
                internal += 1
            elif action is not None and "/URI" in action:
                external.append(str(action["/URI"]))
    local = [u for u in external if not u.startswith(("https://", "http://doi", "mailto:"))]
    assert not local, f"links out of the PDF to local files or the build server: {local[:5]}"
    # Cross-references, glossary terms, citations, API names: hundreds of them.
    assert internal >= 100, f"only {internal} internal links"


def test_a_link_to_a_page_lands_on_its_first_page():
    """The contents' links and every {doc} reference jump to where the page starts."""
    pdf = reader()
    named = pdf.named_destinations
    starts = {" ".join(t.split()): page for _, t, page in outline()}
    checked = 0
    for name in toc_files()[1:]:
        anchor = f"/document-{name}"
        assert anchor in named, f"no destination {anchor} in the PDF"
        landing = pdf.get_destination_page_number(named[anchor])
        assert landing == starts[title_of(name)], (
            f"{anchor} lands on page {landing + 1}, the page starts on {starts[title_of(name)] + 1}"
        )
        checked += 1
    assert checked == len(toc_files()) - 1


def test_no_interface_text():
    for index, text in enumerate(page_texts(), start=1):
        flat = " ".join(text.split())
        for words in INTERFACE:
            assert words not in flat, f"page {index} prints {words!r}"


def visible_code_lines(name: str) -> list[str]:
    """Lines of every code block and text output the page shows without a click.

    A closed <details> is a hide-input cell's code (the PDF prints its output only, as
    the page shows it); solutions' dropdowns are opened in print, so their code counts.
    """
    lines = []
    for pre in site_page(name).select("article pre"):
        if pre.find_parent("details") is not None:
            continue
        lines += [line for line in pre.get_text().splitlines() if line.strip()]
    return lines


def numbered_chapters() -> int:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return sum(len(part["chapters"]) for part in toc["parts"] if part.get("numbered"))


def without_footer(page: str) -> str:
    """A page's text without the running footer ("The Sigmoid Course", "12 / 273")."""
    return re.sub(r"The Sigmoid Course\s*\d+ / \d+\s*$", "", page)


def split_across_pages(line: str, pages: list[str]) -> bool:
    """Whether a code line starts at the foot of one page and ends on the next.

    The text of a page lists the rest of a block carried over from the page before after
    that page's own text, so the two parts of such a line are searched for separately."""
    for k in range(len(pages) - 1):
        for cut in range(1, len(line)):
            if pages[k].endswith(line[:cut]) and line[cut:] in pages[k + 1]:
                return True
            # A block inside a dropdown: the dropdown's title follows the cut on the page.
            head, tail = line[:cut], line[cut:]
            if min(len(head), len(tail)) >= 8 and head in pages[k][-400:] and tail in pages[k + 1]:
                return True
    return False


def test_every_visible_code_line_is_in_the_pdf():
    pages = [squeeze(without_footer(page)) for page in page_texts()]
    text = "".join(pages)
    checked, missing = 0, []
    for name in toc_files():
        for line in visible_code_lines(name):
            checked += 1
            code = squeeze(line)
            if code not in text and not split_across_pages(code, pages):
                missing.append(f"{name}: {line.strip()[:90]}")
    assert checked > 500, f"only {checked} code lines found on the site"
    assert not missing, f"{len(missing)} of {checked} code lines not in the PDF: {missing[:8]}"


def test_solutions_follow_the_exercises_on_a_new_page():
    entries = outline()
    texts = page_texts()
    for number in range(1, numbered_chapters() + 1):
        heads = {
            re.sub(r"^[\d.]+\s*", "", t).strip(): page
            for _, t, page in entries
            if t.startswith(f"{number}.")
        }
        assert "Exercises" in heads, f"chapter {number}: no Exercises section"
        assert "Solutions" in heads, f"chapter {number}: no Solutions section"
        exercises, solutions = heads["Exercises"], heads["Solutions"]
        assert solutions > exercises, f"chapter {number}: solutions not after the exercises"
        # A page of their own: the Solutions heading opens its page.
        first = texts[solutions].strip().splitlines()[0]
        assert re.match(rf"{number}\.\d+\.\s*Solutions", first), (
            f"chapter {number}: the page of the Solutions starts with {first!r}"
        )
        # And no solution is printed before it.
        for page in range(exercises, solutions):
            assert "Solution to Exercise" not in texts[page], (
                f"chapter {number}: a solution on page {page + 1}, before the Solutions"
            )


def test_the_site_links_the_pdf():
    intro = site_page("book/intro")
    links = [a["href"] for a in intro.select("a[href$='sigmoid-course.pdf']")]
    assert links, "the intro page does not link the PDF"
    for href in links:
        target = (SITE / "book" / href).resolve()
        assert target.is_file(), f"the intro links {href}, which is not in the site"
        assert target.read_bytes() == PDF.read_bytes(), f"{target} is not the PDF just built"
