"""What a fork needs to reuse and cite the course: licences, citation, changelog.

CITATION.cff is validated against the Citation File Format 1.2.0 JSON schema
(tests/schemas/citation-cff-1.2.0.json, taken unchanged from the cffconvert 2.0.0 wheel on
PyPI: cffconvert itself pins jsonschema 3, which Jupyter's packages do not accept).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import sigmoidlab
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "tests" / "schemas" / "citation-cff-1.2.0.json"


def citation() -> dict:
    # CFF dates are strings in the schema; YAML would turn them into date objects.
    text = (ROOT / "CITATION.cff").read_text()
    return yaml.load(text, Loader=yaml.BaseLoader)


def test_citation_file_is_valid_cff():
    jsonschema.validate(citation(), json.loads(SCHEMA.read_text()))


def test_the_validation_can_fail():
    broken = citation() | {"authors": []}  # CFF requires at least one author
    try:
        jsonschema.validate(broken, json.loads(SCHEMA.read_text()))
    except jsonschema.ValidationError:
        return
    raise AssertionError("a citation with no authors passed the schema")


def newest_release() -> tuple[str, str, str]:
    changelog = (ROOT / "CHANGELOG.md").read_text()
    match = re.search(
        r"^## \[course (\S+), sigmoidlab (\S+)\] - (\d{4}-\d\d-\d\d)$", changelog, re.M
    )
    assert match, "CHANGELOG.md has no release heading '## [course X, sigmoidlab Y] - date'"
    return match.group(1), match.group(2), match.group(3)


def test_versions_agree():
    course, package, date = newest_release()
    cff = citation()
    assert cff["version"] == course, (cff["version"], course)
    assert cff["date-released"] == date
    assert package == sigmoidlab.__version__
    pyproject = (ROOT / "code" / "pyproject.toml").read_text()
    assert f'version = "{package}"' in pyproject


def test_licences_are_present_and_named_alike():
    mit = (ROOT / "LICENSE").read_text()
    assert mit.startswith("MIT License") and "Permission is hereby granted" in mit
    assert "CC BY 4.0" in (ROOT / "LICENSE-TEXT.md").read_text()
    assert citation()["license"] == ["MIT", "CC-BY-4.0"]
    assert 'license = "MIT"' in (ROOT / "code" / "pyproject.toml").read_text()


def readme_package_tree() -> set[str]:
    """The paths the README's package tree names (folders end in '/')."""
    text = (ROOT / "README.md").read_text()
    block = text.split("### The package, grouped by who reads it", 1)[1].split("```text\n")[1]
    block = block.split("```", 1)[0]
    paths, parents = set(), []
    for line in block.splitlines()[1:]:
        name_at = re.search(r"[\w.]+/?(?=\s|$)", line.replace("│", " "))
        assert name_at, f"README tree line without a name: {line!r}"
        depth = name_at.start() // 4 - 1  # "├── " puts the top level at column 4
        parents[depth:] = [name_at.group()]
        paths.add("".join(parents))
    return paths


def test_readme_tree_names_every_module_of_the_package():
    package = ROOT / "code" / "sigmoidlab"
    files = {
        str(p.relative_to(package)) + ("/" if p.is_dir() else "")
        for p in package.rglob("*")
        if ((p.suffix == ".py" and p.name != "__init__.py") or p.is_dir())
        and "__pycache__" not in p.parts
        and "web" not in p.parts[len(package.parts) :][:-1]
    }
    files.add("__init__.py")
    assert readme_package_tree() == files, "README's package tree and code/sigmoidlab differ"
