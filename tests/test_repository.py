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
