r"""The sigmoid family: S-shaped functions that neural networks have used as activations.

Each member is a smooth (or piecewise-linear) monotone squashing function. They differ in
their range, their slope at 0 and what they cost to evaluate. Compared in chapter 1.

=================  ===============================================  ==============  ===========
name               formula                                          range           slope at 0
=================  ===============================================  ==============  ===========
logistic           :math:`1 / (1 + e^{-x})`                         (0, 1)          1/4
tanh               :math:`(e^x - e^{-x}) / (e^x + e^{-x})`          (-1, 1)         1
scaled arctan      :math:`(2/\pi) \arctan x`                        (-1, 1)         2/π
erf                :math:`\operatorname{erf}(x)`                    (-1, 1)         2/√π
softsign           :math:`x / (1 + |x|)`                            (-1, 1)         1
hard sigmoid       :math:`\min(1, \max(0, x/6 + 1/2))`              [0, 1]          1/6
=================  ===============================================  ==============  ===========
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from sigmoidlab.kernels._arrays import ArrayLike, FloatOrArray, as_real_array, finish
from sigmoidlab.kernels.logistic import sigmoid

__all__ = ["FAMILY", "Member", "hard_sigmoid", "scaled_arctan", "softsign"]


def _working(arr: np.ndarray) -> np.ndarray:
    """float16/float32 are computed in float64 and rounded once at the end."""
    return arr.astype(np.float64) if arr.itemsize < 8 else arr


def _result(values: np.ndarray, arr: np.ndarray, scalar: bool) -> FloatOrArray:
    with np.errstate(over="ignore", under="ignore"):
        return finish(np.asarray(values).astype(arr.dtype, copy=False), scalar)


def scaled_arctan(x: ArrayLike) -> FloatOrArray:
    r""":math:`\frac{2}{\pi}\arctan x`, the arctangent squeezed into :math:`(-1, 1)`.

    Real input as for :func:`.sigmoid` (same dtype rules). Computed as
    :math:`\arctan x / \operatorname{fl}(\pi/2)`, with the value ``arctan`` itself returns at
    :math:`+\infty`, so that :math:`\pm\infty` give exactly :math:`\pm1`; NaN gives NaN.
    Measured error against mpmath: at most 2 ULP in float64, 0.5 ULP in float32.
    """
    arr, scalar = as_real_array(x, "scaled_arctan")
    w = _working(arr)
    half_pi = np.arctan(w.dtype.type(np.inf))  # fl(pi/2) in the working dtype
    with np.errstate(under="ignore"):  # subnormal results are expected, not an error
        return _result(np.arctan(w) / half_pi, arr, scalar)


def softsign(x: ArrayLike) -> FloatOrArray:
    r""":math:`x / (1 + |x|)`: no exponential, and tails that approach :math:`\pm1` slowly.

    Real input as for :func:`.sigmoid` (same dtype rules). For :math:`|x| \ge 1`
    it is evaluated as :math:`\operatorname{sign}(x) / (1 + 1/|x|)`, which gives the limits
    :math:`\pm1` at :math:`\pm\infty` (the plain quotient is :math:`\infty/\infty` = NaN
    there) and cannot overflow. NaN gives NaN. Measured error against mpmath: at most
    2 ULP in float64, 0.5 ULP in float32.
    """
    arr, scalar = as_real_array(x, "softsign")
    w = _working(arr)
    with np.errstate(all="ignore"):  # both branches are computed; the bad one is not selected
        a = np.abs(w)
        out = np.where(a < 1, w / (1 + a), np.copysign(1 / (1 + 1 / a), w))
    return _result(out, arr, scalar)


def hard_sigmoid(x: ArrayLike) -> FloatOrArray:
    r"""Piecewise-linear stand-in :math:`\min(1, \max(0, x/6 + 1/2))`.

    This is PyTorch's ``hardsigmoid`` (used in MobileNetV3); it equals ``relu6(x + 3) / 6``.
    Exactly 0 for :math:`x \le -3` (and :math:`-\infty`) and exactly 1 for :math:`x \ge 3`
    (and :math:`+\infty`); NaN gives NaN. Real input as for :func:`.sigmoid`
    (same dtype rules). Evaluated as :math:`(x + 3) \cdot \operatorname{fl}(1/6)`: near
    :math:`x = -3` the form :math:`x/6 + 1/2` cancels (relative error without bound as the
    result nears 0), while :math:`x + 3` is exact there. Measured error against mpmath: at
    most 1.5 ULP in float64 and 0.5 ULP in float32.
    """
    arr, scalar = as_real_array(x, "hard_sigmoid")
    w = _working(arr)
    with np.errstate(over="ignore"):  # x + 3 overflows only past the max float: clip to 1
        return _result(np.clip((w + 3) * (1 / 6), 0, 1), arr, scalar)


def _erf(x: ArrayLike) -> FloatOrArray:
    """erf with the package's input policy (longdouble is evaluated in float64: SciPy)."""
    from scipy.special import erf

    arr, scalar = as_real_array(x, "erf")
    with np.errstate(under="ignore"):
        return _result(erf(arr.astype(np.float64)), arr, scalar)


def _tanh(x: ArrayLike) -> FloatOrArray:
    """np.tanh with the package's input policy (np.tanh turns uint8 into float16, '3' ...)."""
    arr, scalar = as_real_array(x, "tanh")
    with np.errstate(under="ignore"):
        return _result(np.tanh(_working(arr)), arr, scalar)


@dataclass(frozen=True)
class Member:
    """One member of the family, with the facts chapter 1 tabulates (and asserts)."""

    name: str
    func: Callable[[ArrayLike], FloatOrArray]
    low: float
    high: float
    slope_at_0: float
    cost: str


FAMILY: tuple[Member, ...] = (
    Member("logistic", sigmoid, 0.0, 1.0, 0.25, "one exp, one add, one divide"),
    Member("tanh", _tanh, -1.0, 1.0, 1.0, "one exp-like library call"),
    Member("scaled arctan", scaled_arctan, -1.0, 1.0, 2 / np.pi, "one arctan"),
    Member("erf", _erf, -1.0, 1.0, 2 / np.sqrt(np.pi), "one erf (polynomial approximations)"),
    Member("softsign", softsign, -1.0, 1.0, 1.0, "abs, add, divide: no transcendental"),
    Member("hard sigmoid", hard_sigmoid, 0.0, 1.0, 1 / 6, "multiply, add, clip: cheapest"),
)
