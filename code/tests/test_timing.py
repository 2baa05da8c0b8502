"""sigmoidlab.timing: the measuring helpers measure (on a fake clock: no timing bounds)."""

import pytest

from sigmoidlab import timing
from sigmoidlab.timing import best_time, ns_per_element, peak_memory


class FakeClock:
    """A perf_counter that advances only when the timed function says so: exact, no sleeps."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def spend(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(timing.time, "perf_counter", fake)
    return fake


def test_best_time_is_the_fastest_timed_call_after_a_warm_up(clock):
    durations = iter([9.0, 0.3, 0.1, 0.2])  # the warm-up is slowest and must not count
    calls = []

    def work():
        calls.append(1)
        clock.spend(next(durations))

    assert best_time(work, repeats=3) == pytest.approx(0.1)
    assert len(calls) == 4  # one warm-up, three timed
    with pytest.raises(ValueError, match="repeats"):
        best_time(work, repeats=0)


def test_ns_per_element_divides_by_length(clock):
    t = ns_per_element(lambda v: clock.spend(0.002), list(range(1000)), repeats=2)
    assert t == pytest.approx(2_000)  # 2 ms over 1,000 elements


def test_peak_memory_counts_the_result_and_temporaries():
    import numpy as np

    x = np.zeros(100_000)
    assert 1.0 <= peak_memory(np.copy, x) / x.nbytes < 1.1
    assert peak_memory(lambda v: (v + 1) * 2, x) / x.nbytes >= 1.0
