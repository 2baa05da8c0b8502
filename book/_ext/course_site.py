"""Small Sphinx extension that keeps the built site self-contained.

* MathJax: Sphinx points at a CDN by default. We ship MathJax 3 from the PyPI package
  ``django-static-mathjax`` (only the files the CommonHTML TeX build needs) into
  ``_static/mathjax`` after the build, and ``mathjax_path`` in ``_config.yml`` points there.
* The ``sigmoidlab`` version the book was built with is available to every page as the
  MyST substitution ``{{ sigmoidlab_version }}`` (used on the execution status page).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

# The parts of MathJax's es5 bundle that tex-chtml.js loads at run time.
MATHJAX_PARTS = ["tex-chtml.js", "output/chtml", "input/tex", "ui", "a11y", "sre", "adaptors"]


def mathjax_source() -> Path:
    import mathjax  # the django-static-mathjax distribution

    return Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"


def add_version(app: Sphinx, config: Config) -> None:
    import sigmoidlab

    subs = dict(config.myst_substitutions or {})
    subs["sigmoidlab_version"] = sigmoidlab.__version__
    config.myst_substitutions = subs


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


def tidy_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    """Fix two console errors that Jupyter Book 1's defaults cause on every page.

    * sphinx-thebe registers its inline config script twice (``const THEBE_JS_URL`` declared
      twice is a SyntaxError) and points at a CDN. Launch buttons are off on this offline
      site, so its scripts and styles are dropped.
    * pydata-sphinx-theme logs "Got invalid theme mode" when ``default_mode`` is unset.
    * Docutils marks the bibliography as ``role="list"`` holding ``role="doc-biblioentry"``
      items, a role ARIA 1.2 deprecated, so axe-core reports the list as having no items
      (critical). The entries become plain list items.
    """

    def is_thebe(asset: object) -> bool:
        name = str(getattr(asset, "filename", asset) or "")
        body = str(getattr(asset, "attributes", {}).get("body", ""))
        return "thebe" in name or "THEBE_JS_URL" in body

    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if not is_thebe(a)]
    if not context.get("default_mode"):
        context["default_mode"] = "auto"
    if "body" in context and 'role="doc-biblioentry"' in context["body"]:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Sphinx) -> dict[str, object]:
    if not (mathjax_source() / "tex-chtml.js").is_file():
        raise RuntimeError("MathJax files not found: pip install django-static-mathjax")
    app.connect("config-inited", add_version)
    app.connect("build-finished", copy_mathjax)
    app.connect("html-page-context", tidy_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
