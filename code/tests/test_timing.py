"""sigmoidlab.timing: the measuring helpers measure."""

import time

import pytest

from sigmoidlab.timing import best_time, ns_per_element, peak_memory


def test_best_time_sees_a_known_delay_and_counts_calls():
    calls = []

    def sleepy():
        calls.append(1)
        time.sleep(0.01)

    t = best_time(sleepy, repeats=3)
    assert 0.009 < t < 0.5 and len(calls) == 4  # one warm-up, three timed
    with pytest.raises(ValueError, match="repeats"):
        best_time(sleepy, repeats=0)


def test_ns_per_element_divides_by_length():
    t = ns_per_element(lambda v: time.sleep(0.002), list(range(1000)), repeats=2)
    assert 1_500 < t < 500_000  # about 2 ms / 1000 = 2000 ns, with room for a slow machine


def test_peak_memory_counts_the_result_and_temporaries():
    import numpy as np

    x = np.zeros(100_000)
    assert 1.0 <= peak_memory(np.copy, x) / x.nbytes < 1.1
    assert peak_memory(lambda v: (v + 1) * 2, x) / x.nbytes >= 1.0
