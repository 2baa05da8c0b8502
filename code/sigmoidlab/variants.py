r"""Ways to write the sigmoid in NumPy, good and bad, for chapter 5 to measure.

These are teaching specimens, kept here so the chapter compares the very code it shows and
the tests pin down how each one fails. Use :func:`sigmoidlab.logistic.sigmoid` (exported as
``sigmoidlab.sigmoid``) in real code.

``naive``
    :math:`1 / (1 + e^{-x})`: overflows (and warns) for x < -709.78, returning 0.
``where_both_branches``
    ``np.where`` of two safe branches: right values, but it still warns.
``branch_on_sign``
    each branch evaluated only where it is safe: stable.
``exp_minus_abs``
    one :math:`e = e^{-|x|}`, then :math:`1/(1+e)` or :math:`e/(1+e)`: stable.
``tanh_form``
    :math:`\tfrac12(1 + \tanh(x/2))`: never warns, inaccurate in the left tail.
``clipped_naive``
    ``naive(np.clip(x, -500, 500))``: fine in float64, not in float32.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = [
    "VARIANTS",
    "branch_on_sign",
    "clipped_naive",
    "exp_minus_abs",
    "naive",
    "tanh_form",
    "where_both_branches",
]


def naive(x: npt.ArrayLike) -> np.ndarray:
    """The textbook one-liner. ``exp(-x)`` overflows to inf for very negative ``x`` (with a
    RuntimeWarning) and the result is then 0, although the true value may be positive."""
    x = np.asarray(x)
    return 1 / (1 + np.exp(-x))


def where_both_branches(x: npt.ArrayLike) -> np.ndarray:
    """Selects the stable branch with ``np.where``, but ``np.where`` evaluates *both*
    branches everywhere first, so the overflow (and its warning) still happens."""
    x = np.asarray(x)
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def branch_on_sign(x: npt.ArrayLike) -> np.ndarray:
    """Evaluates ``1/(1+exp(-x))`` only where ``x >= 0`` and ``exp(x)/(1+exp(x))`` only
    where ``x < 0``: every exponent is <= 0, so nothing overflows."""
    x = np.asarray(x)
    out = np.empty_like(
        x, dtype=np.result_type(x, np.float64) if x.dtype.kind in "biu" else x.dtype
    )
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1 + e)
    return out


def exp_minus_abs(x: npt.ArrayLike) -> np.ndarray:
    """One exponential for all inputs, ``e = exp(-|x|)`` in [0, 1], then a select."""
    x = np.asarray(x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def tanh_form(x: npt.ArrayLike) -> np.ndarray:
    """``0.5 * (1 + tanh(x / 2))``: never warns, but ``1 + tanh`` cancels for very
    negative ``x``: relative error 1e-8 at x = -20, 2e-4 at -30, and 0 returned below -37.4
    (float64), where the true value is still about 1e-17."""
    x = np.asarray(x)
    return 0.5 * (1 + np.tanh(x / 2))


def clipped_naive(x: npt.ArrayLike) -> np.ndarray:
    """The naive form on ``np.clip(x, -500, 500)``: enough in float64, whose exp overflows
    only past 709.78, but not in float32, whose exp overflows past 88.72."""
    return naive(np.clip(np.asarray(x), -500, 500))


#: Name -> function, in the order chapter 5 discusses them.
VARIANTS = {
    "naive": naive,
    "where_both_branches": where_both_branches,
    "branch_on_sign": branch_on_sign,
    "exp_minus_abs": exp_minus_abs,
    "tanh_form": tanh_form,
    "clipped_naive": clipped_naive,
}
