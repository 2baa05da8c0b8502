"""Shared test settings: hypothesis profiles (CI is derandomised so runs are repeatable)."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_terminal_summary(terminalreporter):
    """How the hostile-input cases ended, per module (tests/hostile.py)."""
    from hostile import summary_lines

    for line in summary_lines():
        terminalreporter.write_line(line)
