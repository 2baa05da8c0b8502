"""What the whole-book PDF and the print button need from Sphinx.

* ``singlehtml`` support: sphinx-proof registers its nodes for the ``html``
  builder only, and sphinx-exercise registers some for ``singlehtml`` too, so
  Sphinx looks up the ``singlehtml`` table and finds no ``definition_node``.
  Every node that the ``html`` builder knows and ``singlehtml`` does not gets
  the ``html`` visitors (both builders use one translator class).
* ``print.css`` on every page with ``media="print"``, and ``print.js`` (fits
  wide display equations to the paper): the print button of the site and the
  PDF, which ``tools/build_pdf.py`` prints with Chromium from the single page.
* Sections titled "Solutions" get the class ``course-solutions``, so print
  starts them on a new page, apart from the exercises; each document's top
  section gets ``course-document`` (print.css sizes the chapters' titles in
  the PDF by it).
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx


def share_html_visitors(app: Sphinx) -> None:
    if app.builder.name != "singlehtml":
        return
    handlers = app.registry.translation_handlers
    single = handlers.setdefault("singlehtml", {})
    for name, visitors in handlers.get("html", {}).items():
        single.setdefault(name, visitors)


def mark_sections(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for section in doctree.findall(nodes.section):
        title = section.next_node(nodes.title)
        if title is not None and title.astext().strip() == "Solutions":
            section["classes"].append("course-solutions")
    # The single page holds every document, each in a start_of_file node.
    for start in [doctree, *doctree.findall(addnodes.start_of_file)]:
        top = start.next_node(nodes.section)
        if top is not None and "course-document" not in top["classes"]:
            top["classes"].append("course-document")


def alias(docname: str, anchor: str) -> str:
    return "d-" + docname.replace("/", "-") + "--" + anchor


def unique_anchors(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each anchor of the single page a name that says its document.

    Each document numbers its own ids ("id7", "exercises"), so on the single
    page they repeat, and singlehtml writes a link to another document's
    anchor as ``<root>.html#anchor``: the first such id on the page, if any.
    Every id gets an alias with its document's name (the first id stays:
    section and figure numbers are looked up by it), and links point at the
    alias. This runs before singlehtml's own ``fix_refuris``, while a link
    to another document still reads ``#document-<doc>#<anchor>``.
    """
    if app.builder.name != "singlehtml" or docname != app.config.root_doc:
        return

    # inline_all_toctrees gives a start_of_file its children without setting
    # their parent, so each node's document is tracked on the way down.
    owned: list[tuple[nodes.Element, str]] = []
    stack: list[tuple[nodes.Node, str]] = [(doctree, docname)]
    while stack:
        node, doc = stack.pop()
        if isinstance(node, addnodes.start_of_file):
            doc = str(node["docname"])
        elif isinstance(node, nodes.Element):
            owned.append((node, doc))
        stack.extend((child, doc) for child in reversed(node.children))

    aliases: set[str] = set()
    for node, doc in owned:
        new = [alias(doc, i) for i in node["ids"]]
        node["ids"].extend(new)
        aliases.update(new)
    prefix = "#document-"
    for ref, doc in owned:
        if not isinstance(ref, nodes.reference):
            continue
        if "refid" in ref:
            target = alias(doc, ref["refid"])
            if target in aliases:
                ref["refid"] = target
        elif str(ref.get("refuri", "")).startswith(prefix):
            other, _, anchor = ref["refuri"][len(prefix) :].partition("#")
            if anchor and alias(other, anchor) in aliases:
                ref["refuri"] = "#" + alias(other, anchor)


def same_page_links(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict,
    doctree: object,
) -> None:
    """On the single page, links written ``<root>.html#x`` become ``#x``.

    ``tools/build_pdf.py`` serves the page as ``index.html`` at the top of
    the output, where its ``_static/`` and ``_images/`` links resolve.
    """
    if app.builder.name == "singlehtml" and "body" in context:
        own = f'href="{app.config.root_doc}{app.builder.out_suffix}#'
        context["body"] = context["body"].replace(own, 'href="#')


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("builder-inited", share_html_visitors)
    app.connect("doctree-resolved", unique_anchors)
    app.connect("doctree-resolved", mark_sections)
    app.connect("html-page-context", same_page_links)
    app.add_css_file("print.css", media="print")
    app.add_js_file("print.js", defer="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
