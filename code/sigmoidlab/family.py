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
import numpy.typing as npt

from .logistic import sigmoid

__all__ = ["FAMILY", "Member", "hard_sigmoid", "scaled_arctan", "softsign"]


def scaled_arctan(x: npt.ArrayLike) -> np.ndarray:
    r""":math:`\frac{2}{\pi}\arctan x`, the arctangent squeezed into :math:`(-1, 1)`."""
    return (2 / np.pi) * np.arctan(np.asarray(x, dtype=float))


def softsign(x: npt.ArrayLike) -> np.ndarray:
    r""":math:`x / (1 + |x|)`: no exponential, and tails that approach :math:`\pm1` slowly."""
    x = np.asarray(x, dtype=float)
    return x / (1 + np.abs(x))


def hard_sigmoid(x: npt.ArrayLike) -> np.ndarray:
    r"""Piecewise-linear stand-in :math:`\min(1, \max(0, x/6 + 1/2))`.

    This is PyTorch's ``hardsigmoid`` (used in MobileNetV3); it equals ``relu6(x + 3) / 6``.
    Exactly 0 for :math:`x \le -3` and exactly 1 for :math:`x \ge 3`.
    """
    x = np.asarray(x, dtype=float)
    return np.clip(x / 6 + 0.5, 0.0, 1.0)


def _erf(x: npt.ArrayLike) -> np.ndarray:
    from scipy.special import erf

    return erf(np.asarray(x, dtype=float))


@dataclass(frozen=True)
class Member:
    """One member of the family, with the facts chapter 1 tabulates (and asserts)."""

    name: str
    func: Callable[[npt.ArrayLike], np.ndarray]
    low: float
    high: float
    slope_at_0: float
    cost: str


FAMILY: tuple[Member, ...] = (
    Member("logistic", sigmoid, 0.0, 1.0, 0.25, "one exp, one add, one divide"),
    Member("tanh", np.tanh, -1.0, 1.0, 1.0, "one exp-like library call"),
    Member("scaled arctan", scaled_arctan, -1.0, 1.0, 2 / np.pi, "one arctan"),
    Member("erf", _erf, -1.0, 1.0, 2 / np.sqrt(np.pi), "one erf (polynomial approximations)"),
    Member("softsign", softsign, -1.0, 1.0, 1.0, "abs, add, divide: no transcendental"),
    Member("hard sigmoid", hard_sigmoid, 0.0, 1.0, 1 / 6, "multiply, add, clip: cheapest"),
)
