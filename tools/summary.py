"""Print the timing of each `make test` step and the test counts of all pytest runs.

The last line has the form "total: N passed, N failed, N skipped".
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def junit_counts(xml_files) -> dict[str, int]:
    """Tests, failures, errors and skips summed over JUnit XML files."""
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for xml in xml_files:
        for suite in ET.parse(xml).getroot().iter("testsuite"):
            for key in counts:
                counts[key] += int(suite.get(key, 0))
    return counts


def main(folder: str) -> int:
    reports = Path(folder)
    print("\n=== make test summary ===")
    for line in (reports / "times.tsv").read_text().splitlines():
        name, seconds, status = line.split("\t")
        print(f"  {name:38s} {float(seconds):7.1f} s  {status}")
    counts = junit_counts(sorted(reports.glob("*.xml")))
    failed = counts["failures"] + counts["errors"]
    passed = counts["tests"] - failed - counts["skipped"]
    print(f"total: {passed} passed, {failed} failed, {counts['skipped']} skipped")
    return 1 if failed or counts["tests"] == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
