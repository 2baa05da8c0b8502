"""The locked environment: the venv holds exactly requirements.lock, and the lock agrees with the
ranges it was computed from (requirements.txt and code/pyproject.toml).

`make book` and `make test` install requirements.lock (see the Makefile, `$(STAMP)`); `make
test-latest` installs the newest releases instead, and writes "latest" in the venv's stamp, so
the comparison with the lock is skipped there (the other checks still run).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"
STAMP = Path(sys.prefix) / ".installed"
# Installed by `python -m venv`, not by the lock: pip is the installer, not the course's.
INSTALLER = {"pip"}


def locked() -> list[Requirement]:
    """Every `name==version ; marker` entry of the lock (hash lines dropped)."""
    return [
        Requirement(line.split(" \\")[0].strip())
        for line in LOCK.read_text().splitlines()
        if re.match(r"[A-Za-z0-9]", line)
    ]


def locked_here() -> dict[str, str]:
    """The lock's pins whose markers hold for this Python on this machine."""
    pins = {}
    for req in locked():
        if req.marker is None or req.marker.evaluate():
            name = canonicalize_name(req.name)
            assert name not in pins, f"{req.name} is pinned twice for this machine"
            (spec,) = req.specifier
            pins[name] = spec.version
    return pins


def installed() -> tuple[dict[str, str], list[str]]:
    """`pip freeze --all` of this venv: pinned packages, and the editable installs."""
    out = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--all", "--disable-pip-version-check"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pins, editable = {}, []
    for line in out.splitlines():
        if line.startswith("-e "):
            editable.append(line)
        elif "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins, editable


def course_requirements() -> tuple[list[Requirement], set[str]]:
    """requirements.txt's ranges, and the extras of the package it installs."""
    reqs, extras = [], set()
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-e ./code"):
            extras = set(re.search(r"\[(.*)\]", line).group(1).split(","))
        elif line:
            reqs.append(Requirement(line))
    return reqs, extras


def package_requirements(extras: set[str]) -> list[Requirement]:
    """sigmoidlab's dependencies and those of the given extras (code/pyproject.toml)."""
    project = tomllib.loads((ROOT / "code" / "pyproject.toml").read_text())["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    for extra in sorted(extras):
        reqs += [Requirement(r) for r in project["optional-dependencies"][extra]]
    return reqs


def direct_requirements() -> list[Requirement]:
    course, extras = course_requirements()
    return course + package_requirements(extras)


def test_the_venv_is_exactly_the_lock():
    if not STAMP.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{STAMP} missing: this venv was not made by make")
        pytest.skip("not a venv made by `make` (no .installed stamp): nothing to compare")
    if STAMP.read_text().strip() == "latest":
        pytest.skip("make test-latest: this venv holds the newest releases, not the lock")
    want = locked_here()
    have, editable = installed()
    have = {n: v for n, v in have.items() if n not in INSTALLER}
    wrong = {n: (want[n], have[n]) for n in want.keys() & have.keys() if want[n] != have[n]}
    missing = sorted(want.keys() - have.keys())
    extra = sorted(have.keys() - want.keys())
    assert not wrong, f"installed versions differ from the lock (lock, venv): {wrong}"
    assert not missing, f"locked but not installed: {missing}"
    assert not extra, (
        f"installed but not in the lock: {extra}. Installed by hand? "
        f"Recreate the venv: rm -rf {sys.prefix} && make book"
    )
    # sigmoidlab, editable: pip freeze writes the folder ("-e /path/code"), or, in a git
    # clone, the repository and subdirectory ("-e git+...#egg=sigmoidlab&subdirectory=code")
    assert any(line.endswith(("/code", "subdirectory=code")) for line in editable), editable


def test_the_lock_satisfies_every_range():
    """requirements.txt or code/pyproject.toml changed without `make lock`."""
    pins: dict[str, list[str]] = {}
    for req in locked():
        (spec,) = req.specifier
        pins.setdefault(canonicalize_name(req.name), []).append(spec.version)
    for req in direct_requirements():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req} is not in requirements.lock: run `make lock`"
        for version in pins[name]:
            assert req.specifier.contains(version, prereleases=True), (
                f"requirements.lock pins {req.name}=={version}, outside {req}: run `make lock`"
            )


def test_every_lock_entry_has_hashes():
    entries = re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text().split("\n", 2)[2])
    for entry in entries:
        assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_the_lock_covers_the_oldest_supported_python():
    """The lock is universal from the package's floor: the Makefile's --python-version."""
    project = tomllib.loads((ROOT / "code" / "pyproject.toml").read_text())["project"]
    floor = re.fullmatch(r">=(3\.\d+)", project["requires-python"]).group(1)
    makefile = (ROOT / "Makefile").read_text()
    assert f"--universal --python-version {floor} " in makefile
    assert LOCK.read_text().startswith("# This file was autogenerated by uv")


def test_direct_dependencies_are_written_once():
    """A range lives in requirements.txt or in code/pyproject.toml, never in both."""
    course, extras = course_requirements()
    course_names = [canonicalize_name(req.name) for req in course]
    package_names = {canonicalize_name(req.name) for req in package_requirements(extras)}
    assert extras == {"test", "widgets"}, extras
    assert len(set(course_names)) == len(course_names), "a package listed twice"
    assert not set(course_names) & package_names, set(course_names) & package_names
