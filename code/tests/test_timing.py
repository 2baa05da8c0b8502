"""sigmoidlab.kernels.timing: the measuring helpers measure (on a fake clock: no timing bounds)."""

import pytest

from sigmoidlab.kernels import timing
from sigmoidlab.kernels.timing import best_time, ns_per_element, peak_memory


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


def test_interleaved_takes_each_functions_fastest_round_after_warm_ups(clock):
    from sigmoidlab.kernels.timing import interleaved_ns_per_element

    order = []
    costs = {"a": iter([5.0, 0.004, 0.003, 0.009]), "b": iter([5.0, 0.001, 0.002, 0.002])}

    def make(name):
        def run(v):
            order.append(name)
            clock.spend(next(costs[name]))

        return run

    got = interleaved_ns_per_element({"a": make("a"), "b": make("b")}, [0] * 1000, repeats=3)
    assert got == pytest.approx({"a": 3_000, "b": 1_000})  # 3 ms and 1 ms over 1,000
    assert order == ["a", "b"] * 4  # warm-ups first, then rounds that alternate


@pytest.mark.parametrize(
    ("funcs", "x", "repeats", "error", "match"),
    [
        ({}, [1], 1, TypeError, "non-empty mapping"),
        ([len], [1], 1, TypeError, "non-empty mapping"),
        ({"f": 3}, [1], 1, TypeError, "callable"),
        ({"f": len}, [1], 0, ValueError, "repeats"),
        ({"f": len}, 3.0, 1, TypeError, "length"),
        ({"f": len}, [], 1, ValueError, "empty"),
    ],
)
def test_interleaved_refuses_bad_arguments(funcs, x, repeats, error, match):
    from sigmoidlab.kernels.timing import interleaved_ns_per_element

    with pytest.raises(error, match=match):
        interleaved_ns_per_element(funcs, x, repeats=repeats)
