"""Sphinx extension that keeps the built site self-contained, light and clean.

* MathJax: Sphinx points at a CDN by default. We ship MathJax 3 from the PyPI
  package ``django-static-mathjax`` into ``_static/mathjax`` after the build,
  and ``mathjax_path`` in ``_config.yml`` points there. Pages load MathJax's
  loader (``startup.js``) and only the components the book uses
  (``MATHJAX_LOAD``), not the 1.2 MB ``tex-chtml.js`` bundle, whose largest
  part is the right-click menu (426 kB).
* Icons: pydata-sphinx-theme loads Font Awesome's 1.5 MB ``fontawesome.js`` on
  every page to turn a handful of ``<i class="fa-...">`` tags into SVG. Its
  stylesheet already draws the same icons from the Font Awesome web font, so
  the script is dropped (``layout.html``) and the font is cut down to the
  glyphs the site uses (``course-icons.woff``, made after the build).
* Search: every page loaded the 80 kB search index for a search-as-you-type
  mode that is off; only the search page loads it now. There,
  ``course-search.js`` typesets the maths of the result excerpts.
* ``{course-exec-table}``: MyST-NB's execution table, with chapter titles and a
  text status.
* Bibliography labels are author-year (``author_year_labels``), as the text
  cites.
* The ``sigmoidlab`` version the book was built with is available to every
  page as the MyST substitution ``{{ sigmoidlab_version }}`` (used on the
  execution status page).
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

LOGGER = logging.getLogger(__name__)

# What MATHJAX_LOAD fetches at run time, plus tex-chtml.js for configurations
# that still name the bundle. input/tex autoloads TeX extensions (\boldsymbol,
# \cancel...) from input/tex/.
MATHJAX_PARTS = [
    "startup.js",
    "core.js",
    "input/tex.js",
    "input/tex",
    "output/chtml.js",
    "output/chtml",
    "a11y/assistive-mml.js",
    "tex-chtml.js",
]
# Components for the loader (startup.js). assistive-mml keeps the hidden MathML
# that screen readers read; the menu (ui/menu) and its explorer are left out.
MATHJAX_LOAD = ["input/tex", "output/chtml", "a11y/assistive-mml"]


def mathjax_source() -> Path:
    import mathjax  # the django-static-mathjax distribution

    return Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"


def configure(app: Sphinx, config: Config) -> None:
    import sigmoidlab

    subs = dict(config.myst_substitutions or {})
    subs["sigmoidlab_version"] = sigmoidlab.__version__
    config.myst_substitutions = subs
    mj = dict(config.mathjax3_config or {})
    mj["loader"] = {**mj.get("loader", {}), "load": MATHJAX_LOAD}
    config.mathjax3_config = mj


def copy_mathjax(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    source = mathjax_source()
    target = Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        src, dst = source / part, target / part
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)


# ---------------------------------------------------------------------------
# Icons and head scripts

FA_SCRIPT = re.compile(
    r'\s*<script[^>]*src="[^"]*/fontawesome\.js[^"]*"[^>]*></script>'
)
SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="[^"]*(?:_static/searchtools\.js|'
    r'_static/language_data\.js|searchindex\.js)"></script>'
)


def trim_head(html: str) -> str:
    """Jinja filter for layout.html: drop the icon and search scripts."""
    return SEARCH_SCRIPTS.sub("", FA_SCRIPT.sub("", str(html)))


def add_filters(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        templates.environment.filters["course_trim_head"] = trim_head


FA_FONT = "vendor/fontawesome/webfonts/fa-solid-900.ttf"
# A class-to-glyph rule of Font Awesome's stylesheet, such as
# .fa-a:before,.fa-b:before{content:"\f00d"}
FA_CLASS_RULE = re.compile(
    r'((?:\.fa-[a-z0-9-]+:before,?)+)\{content:"([^"]*)"\}'
)
CSS_CONTENT = re.compile(r'(?:content|--pst-icon-[a-z-]+):\s*"([^"]*)"')
FA_CLASS = re.compile(r"\bfa-[a-z0-9-]+")


def css_chars(value: str) -> set[str]:
    """The characters of a CSS string ("\\f00d" escapes or literal ones)."""
    text = re.sub(
        r"\\([0-9a-fA-F]{1,6})\s?", lambda m: chr(int(m.group(1), 16)), value
    )
    return set(text)


def subset_icon_font(app: Sphinx, exception: Exception | None) -> None:
    """Write _static/course-icons.woff: the icon font cut to the glyphs in use.

    Glyphs kept: those the stylesheets name outside Font Awesome's class list
    (admonition icons, arrows...), and those of every ``fa-*`` class the pages
    or scripts use. course.css declares it under Font Awesome's family name,
    so it replaces the 156 kB fa-solid-900.woff2.
    """
    if exception is not None or app.builder.format != "html":
        return
    from fontTools import subset

    static = Path(app.outdir) / "_static"
    if not (static / FA_FONT).is_file():  # another theme: no Font Awesome
        return
    by_class: dict[str, set[str]] = {}
    chars: set[str] = set()
    for css in static.rglob("*.css"):
        if "mathjax" in css.parts:
            continue
        text = css.read_text(encoding="utf-8", errors="replace")
        for classes, value in FA_CLASS_RULE.findall(text):
            for name in re.findall(r"fa-[a-z0-9-]+", classes):
                by_class[name] = css_chars(value)
        for value in CSS_CONTENT.findall(FA_CLASS_RULE.sub("", text)):
            chars |= {c for c in css_chars(value) if ord(c) > 0xFF}
    used: set[str] = set()
    sources = [*Path(app.outdir).rglob("*.html"), *static.rglob("*.js")]
    for path in sources:
        if "mathjax" in path.parts or path.name == "fontawesome.js":
            continue
        used |= set(
            FA_CLASS.findall(
                path.read_text(encoding="utf-8", errors="replace")
            )
        )
    for name in used:
        chars |= by_class.get(name, set())
    options = subset.Options()
    options.flavor = "woff"  # zlib; woff2 would need the brotli package
    options.layout_features = []
    font = subset.load_font(str(static / FA_FONT), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    subset.save_font(font, str(static / "course-icons.woff"), options)
    LOGGER.info(
        "course-icons.woff: %d glyphs for %d icon classes",
        len(chars),
        len(used),
    )


# ---------------------------------------------------------------------------
# Page context


def tidy_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict,
    doctree: object,
) -> None:
    """Fix faults that Jupyter Book 1's defaults cause, and add search maths.

    * sphinx-thebe registers its inline config script twice (``const
      THEBE_JS_URL`` declared twice is a SyntaxError) and points at a CDN.
      Launch buttons are off on this offline site, so its scripts and styles
      are dropped.
    * pydata-sphinx-theme logs "Got invalid theme mode" when ``default_mode``
      is unset.
    * Docutils marks the bibliography as ``role="list"`` holding
      ``role="doc-biblioentry"`` items, a role ARIA 1.2 deprecated, so axe-core
      reports the list as having no items (critical). The entries become plain
      list items.
    * MyST-NB's hide-input toggles lose an aria-label that hid their text.
    * The search page gets MathJax and course-search.js, which typesets the
      maths in the result excerpts.
    """

    def is_thebe(asset: object) -> bool:
        name = str(getattr(asset, "filename", asset) or "")
        body = str(getattr(asset, "attributes", {}).get("body", ""))
        return "thebe" in name or "THEBE_JS_URL" in body

    for key in ("script_files", "css_files"):
        if key in context:
            # In place: the builder's add_js_file appends to this list.
            context[key][:] = [a for a in context[key] if not is_thebe(a)]
    if not context.get("default_mode"):
        context["default_mode"] = "auto"
    if "body" in context and 'role="doc-biblioentry"' in context["body"]:
        context["body"] = context["body"].replace(
            'role="doc-biblioentry"', 'role="listitem"'
        )
    if "body" in context:
        # MyST-NB's hide-input toggle is named "Toggle hidden content", which
        # leaves out its visible text "Show code cell source" (axe-core:
        # label-content-name-mismatch, serious). Unlabelled, the summary's name
        # is its visible text.
        context["body"] = context["body"].replace(
            '<summary aria-label="Toggle hidden content">', "<summary>"
        )
    if pagename == "search" and app.builder.format == "html":
        import json

        add = app.builder.add_js_file  # type: ignore[attr-defined]
        add(
            "",
            body=f"window.MathJax = {json.dumps(app.config.mathjax3_config)}",
        )
        add(app.config.mathjax_path, defer="defer")
        add("course-search.js", defer="defer")


# ---------------------------------------------------------------------------
# Execution table


class CourseExecNode(nodes.General, nodes.Element):
    """Placeholder for the execution table, filled once notebooks have run."""


class CourseExecTable(SphinxDirective):
    """``{course-exec-table}``: a row per notebook: title, link, status."""

    def run(self) -> list[nodes.Node]:
        from myst_nb.ext.execution_tables import METADATA_KEY
        from myst_nb.sphinx_ import NbMetadataCollector

        # MyST-NB's nb-exec-table flag: the page is rebuilt after executions.
        NbMetadataCollector.set_doc_data(
            self.env, self.env.docname, METADATA_KEY, True
        )
        return [CourseExecNode()]


def exec_row(cells: list[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        para = (
            cell
            if isinstance(cell, nodes.paragraph)
            else nodes.paragraph("", "", cell)
        )
        row += nodes.entry("", para)
    return row


def toc_order(env: object) -> list[str]:
    """Every document in the order of the table of contents."""
    order: list[str] = []

    def visit(docname: str) -> None:
        if docname not in order:
            order.append(docname)
            for child in env.toctree_includes.get(docname, []):
                visit(child)

    visit(env.config.root_doc)
    return order


# How MyST-NB got a notebook's outputs, in words.
EXEC_METHOD = {
    "cache": "cached run",
    "direct": "executed",
    "inline": "executed",
}


class CourseExecTransform(SphinxPostTransform):
    # Like MyST-NB's table: before the references are resolved.
    default_priority = 8

    def chapter_link(self, docname: str) -> pending_xref:
        number = self.env.toc_secnumbers.get(docname, {}).get("", ())
        label = ".".join(map(str, number))
        title = self.env.titles[docname].astext()
        return pending_xref(
            "",
            nodes.inline("", f"{label}. {title}" if label else title),
            refdoc=self.env.docname,
            reftarget="/" + docname,
            reftype="doc",
            refdomain="std",
            refexplicit=True,
            refwarn=True,
        )

    def row(self, docname: str, run: dict | None) -> nodes.row:
        from datetime import datetime

        if not run:  # execution off: the page shows the stored outputs
            how = "not run by this build (the notebook's stored outputs)"
            return exec_row(
                [self.chapter_link(docname), nodes.Text(how), nodes.Text("-")]
            )
        mtime, took = run.get("mtime"), run.get("runtime")
        method = str(run.get("method", ""))
        how = [
            datetime.fromtimestamp(mtime).strftime("%Y-%m-%d %H:%M")
            if mtime
            else "",
            EXEC_METHOD.get(method, method),
            "" if took is None else f"{took:.1f} s",
        ]
        ok = run.get("succeeded") is True
        result = nodes.inline("", "Passed" if ok else "Failed")
        result["classes"] = ["exec-passed" if ok else "exec-failed"]
        status = nodes.paragraph("", "", result)
        if not ok and run.get("error"):
            status += nodes.Text(f": {run['error']}")
        return exec_row(
            [
                self.chapter_link(docname),
                nodes.Text(", ".join(h for h in how if h)),
                status,
            ]
        )

    def run(self, **kwargs: object) -> None:
        from myst_nb.sphinx_ import NbMetadataCollector

        for node in list(self.document.findall(CourseExecNode)):
            data = NbMetadataCollector.get_doc_data(self.env)
            notebooks = [
                d
                for d in toc_order(self.env)
                if str(self.env.doc2path(d)).endswith(".ipynb")
            ]
            heads = ["Chapter", "Last run", "Result"]
            table = nodes.table(
                classes=["colwidths-auto", "course-exec-table"]
            )
            tgroup = nodes.tgroup(cols=len(heads))
            table += tgroup
            tgroup += [nodes.colspec(colwidth=1) for _ in heads]
            tgroup += nodes.thead("", exec_row([nodes.Text(h) for h in heads]))
            body = nodes.tbody()
            tgroup += body
            for docname in notebooks:
                body += self.row(
                    docname, data.get(docname, {}).get("exec_data")
                )
            node.replace_self(table)


# ---------------------------------------------------------------------------
# Bibliography: author-year labels


def author_year_labels() -> None:
    """Register the pybtex style ``course_author_year``.

    It is pybtex's ``plain`` (sorted by author, year, title) with labels such
    as "Nielsen 2015" instead of [1]-[21], since the chapters cite author-year
    ("Glorot and Bengio (2010)"): one author "Cox 1958", two "Glorot and Bengio
    2010", three or more "Goodfellow et al. 2016"; equal labels get a, b.
    """
    import pybtex.plugin
    from pybtex.richtext import Text
    from pybtex.style.formatting.plain import Style as PlainStyle
    from pybtex.style.labels import BaseLabelStyle

    def surname(person: object) -> str:
        return Text.from_latex(
            " ".join(person.prelast_names + person.last_names)
        ).render_as("text")

    class AuthorYearLabels(BaseLabelStyle):
        def format_label(self, entry: object) -> str:
            people = (
                entry.persons.get("author")
                or entry.persons.get("editor")
                or []
            )
            # "and others" in the .bib file is pybtex's Person("others").
            etal = any(str(p) == "others" for p in people)
            names = [surname(p) for p in people if str(p) != "others"]
            if not names:
                who = entry.fields.get("organization") or entry.key
            elif len(names) == 1 and not etal:
                who = names[0]
            elif len(names) == 2 and not etal:
                who = f"{names[0]} and {names[1]}"
            else:
                who = f"{names[0]} et al."
            return f"{who} {entry.fields.get('year', 'n.d.')}"

        def format_labels(self, sorted_entries: list) -> object:
            labels = [self.format_label(e) for e in sorted_entries]
            count, seen = Counter(labels), Counter()
            for label in labels:
                if count[label] == 1:
                    yield label
                else:
                    yield label + chr(ord("a") + seen[label])
                    seen[label] += 1

    class AuthorYearStyle(PlainStyle):
        default_label_style = AuthorYearLabels

    pybtex.plugin.register_plugin(
        "pybtex.style.formatting",
        "course_author_year",
        AuthorYearStyle,
        force=True,
    )


def setup(app: Sphinx) -> dict[str, object]:
    if not (mathjax_source() / "startup.js").is_file():
        raise RuntimeError(
            "MathJax files not found: pip install django-static-mathjax"
        )
    author_year_labels()
    app.add_node(CourseExecNode)
    app.add_directive("course-exec-table", CourseExecTable)
    app.add_post_transform(CourseExecTransform)
    app.add_js_file("course-math.js", defer="defer")
    app.connect("config-inited", configure)
    app.connect("builder-inited", add_filters)
    app.connect("build-finished", copy_mathjax)
    app.connect("build-finished", subset_icon_font)
    app.connect("html-page-context", tidy_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
