r"""Numerical differentiation, to check derivatives the way chapter 2 does.

The central difference

.. math::

    D_h f(x) = \frac{f(x + h) - f(x - h)}{2h} = f'(x) + \frac{h^2}{6} f'''(x) + O(h^4)

has a truncation error that shrinks like :math:`h^2`, and a round-off error that grows like
:math:`\varepsilon |f(x)| / h`, because the two function values agree in more and more
leading digits. The total is smallest near :math:`h \approx \varepsilon^{1/3}`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

__all__ = ["central_difference", "step_size_sweep"]


def central_difference(
    f: Callable[[np.ndarray], np.ndarray], x: npt.ArrayLike, h: float = 6e-6
) -> np.ndarray:
    """Central-difference estimate of ``f'(x)`` with step ``h`` (float64)."""
    if not h > 0:
        raise ValueError(f"step h must be positive, got {h!r}")
    x = np.asarray(x, dtype=np.float64)
    return (f(x + h) - f(x - h)) / (2 * h)


def step_size_sweep(
    f: Callable[[np.ndarray], np.ndarray],
    exact_derivative: float,
    x: float,
    steps: npt.ArrayLike,
) -> np.ndarray:
    """Absolute error of the central difference at ``x`` for each step in ``steps``."""
    steps = np.asarray(steps, dtype=np.float64)
    estimates = np.array([central_difference(f, x, float(h)) for h in steps])
    return np.abs(estimates - exact_derivative)
