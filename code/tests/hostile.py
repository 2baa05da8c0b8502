"""Outcome counts of the hostile-input tables, one counter per test module.

Each table case records how it ended ("value", "TypeError" or "ValueError"); conftest.py prints
one line per module at the end of the run, so a run says how many cases were tried.
"""

import collections
from collections.abc import Iterator

COUNTS: dict[str, collections.Counter[str]] = {}


def outcomes(group: str) -> collections.Counter[str]:
    """The counter of one group of cases ("kernels", "elementwise", "models")."""
    return COUNTS.setdefault(group, collections.Counter())


def summary_lines() -> Iterator[str]:
    for group, c in COUNTS.items():
        if c:
            yield (
                f"hostile {group}: {sum(c.values())} cases tried: {c['value']} right value, "
                f"{c['TypeError']} clear TypeError, {c['ValueError']} clear ValueError"
            )
