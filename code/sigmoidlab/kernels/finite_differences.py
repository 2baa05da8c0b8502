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
from typing import cast

import numpy as np
import numpy.typing as npt

from sigmoidlab._checks import finite_array, positive_real, real_number

__all__ = ["central_difference", "step_size_sweep"]


def central_difference(
    f: Callable[[np.ndarray], np.ndarray], x: npt.ArrayLike, h: float = 6e-6
) -> np.ndarray:
    """Central-difference estimate of ``f'(x)`` with step ``h`` (float64).

    ``f`` must be callable, ``x`` real numbers (NaN or infinite entries give NaN, as the
    formula does), ``h`` positive and finite.
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    h = positive_real(h, "h")  # h = 0 divides by zero, h = inf gives NaN
    x_arr = finite_array(x, "x", allow_empty=True, finite=False)
    return cast(np.ndarray, (f(x_arr + h) - f(x_arr - h)) / (2 * h))


def step_size_sweep(
    f: Callable[[np.ndarray], np.ndarray],
    exact_derivative: float,
    x: float,
    steps: npt.ArrayLike,
) -> np.ndarray:
    """Absolute error of the central difference at ``x`` for each step in ``steps``.

    ``steps`` is a 1-D list of positive, finite step sizes; ``x`` and ``exact_derivative``
    are finite real numbers.
    """
    exact_derivative = real_number(exact_derivative, "exact_derivative")
    x = real_number(x, "x")
    steps_arr = finite_array(steps, "steps", ndim=1)
    if not np.all(steps_arr > 0):
        raise ValueError("steps must all be positive")
    estimates = np.array([central_difference(f, x, float(h)) for h in steps_arr])
    return np.abs(estimates - exact_derivative)
