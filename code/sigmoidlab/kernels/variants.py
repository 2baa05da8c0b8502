r"""Ways to write the sigmoid in NumPy, good and bad, for chapter 8 to measure.

These are teaching specimens, kept here so the chapter compares the very code it shows and
the tests pin down how each one fails. Use :func:`sigmoidlab.kernels.logistic.sigmoid` (exported as
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
    ``naive(np.clip(x, -500, 500))``: no overflow in float64, but every x < -500 gets
    :math:`\sigma(-500) \approx 7.1 \times 10^{-218}`; float32 still overflows.

Inputs follow the package's policy (see :func:`.sigmoid`): integers and booleans
are converted to float64 *first*, as the core kernels do (``np.exp(-x)`` on a ``uint8`` array
would wrap around: ``-x`` of 100 is 156), and anything that is not real numbers is a
``TypeError`` naming the function. Floating inputs keep their dtype and meet the naive
formula unprotected: the overflows, their warnings and the lost digits are the lesson.
"""

from __future__ import annotations

import numpy as np

from sigmoidlab.kernels._arrays import ArrayLike, FloatOrArray, as_real_array, finish

__all__ = [
    "VARIANTS",
    "branch_on_sign",
    "clipped_naive",
    "exp_minus_abs",
    "naive",
    "tanh_form",
    "where_both_branches",
]


def naive(x: ArrayLike) -> FloatOrArray:
    r"""The textbook one-liner. ``exp(-x)`` overflows to inf for very negative ``x`` (with a
    RuntimeWarning) and the result is then 0, although the true value may be positive.
    :math:`\pm\infty` give 1 and 0 without a warning, NaN gives NaN."""
    arr, scalar = as_real_array(x, "naive")
    return finish(np.asarray(1 / (1 + np.exp(-arr))), scalar)


def where_both_branches(x: ArrayLike) -> FloatOrArray:
    r"""Selects the stable branch with ``np.where``, but ``np.where`` evaluates *both*
    branches everywhere first, so the overflow (and its warning) still happens. At
    :math:`x = +\infty` the unused branch is :math:`\infty/\infty`, so the right value 1
    comes with an "invalid value" warning: the same lesson."""
    arr, scalar = as_real_array(x, "where_both_branches")
    out = np.where(arr >= 0, 1 / (1 + np.exp(-arr)), np.exp(arr) / (1 + np.exp(arr)))
    return finish(np.asarray(out), scalar)


def branch_on_sign(x: ArrayLike) -> FloatOrArray:
    """Evaluates ``1/(1+exp(-x))`` only where ``x >= 0`` and ``exp(x)/(1+exp(x))`` only
    where ``x < 0``: every exponent is <= 0, so nothing overflows."""
    arr, scalar = as_real_array(x, "branch_on_sign")
    out = np.empty_like(arr)
    pos = arr >= 0  # NaN is not >= 0: it takes the second branch and stays NaN
    out[pos] = 1 / (1 + np.exp(-arr[pos]))
    e = np.exp(arr[~pos])
    out[~pos] = e / (1 + e)
    return finish(out, scalar)


def exp_minus_abs(x: ArrayLike) -> FloatOrArray:
    """One exponential for all inputs, ``e = exp(-|x|)`` in [0, 1], then a select."""
    arr, scalar = as_real_array(x, "exp_minus_abs")
    e = np.exp(-np.abs(arr))
    return finish(np.asarray(np.where(arr >= 0, 1 / (1 + e), e / (1 + e))), scalar)


def tanh_form(x: ArrayLike) -> FloatOrArray:
    r"""``0.5 * (1 + tanh(x / 2))``: never warns, but ``1 + tanh`` cancels for very
    negative ``x``: relative error about 1e-8 at x = -20 and 2e-4 at -30, and exactly 0 once
    ``tanh(x/2)`` returns -1 (float64), where the true value is still about 3e-17.

    Where the zeros begin depends on the tanh, not on this formula. Just above -1 the
    float64 numbers are :math:`2^{-53}` apart, and :math:`1 + \tanh(x/2) = 2\sigma(x)
    \approx 2e^{x}`. A tanh whose error there is at most :math:`e` units of :math:`2^{-53}`
    must return -1 where :math:`2\sigma(x) < (1 - e)\,2^{-53}` and cannot where
    :math:`2\sigma(x) > e\,2^{-53}`, so the zeros begin between
    :math:`x = \ln(1 - e) - 54\ln 2` and :math:`x = \ln e - 54\ln 2` (for :math:`e < 1`).
    A correctly rounded tanh (:math:`e = 0.5`) starts them at :math:`-55\ln 2 \approx -38.12`;
    one with :math:`e \le 0.75` somewhere between -38.82 and -37.71; and no tanh within one
    unit starts them above :math:`-54\ln 2 \approx -37.43`. NumPy's tanh differs between CPUs
    (different code for different instruction sets), so the exact point does too: chapter 8
    measures it on the machine that builds the page."""
    arr, scalar = as_real_array(x, "tanh_form")
    return finish(np.asarray(0.5 * (1 + np.tanh(arr / 2))), scalar)


def clipped_naive(x: ArrayLike) -> FloatOrArray:
    r"""The naive form on ``np.clip(x, -500, 500)``.

    In float64 it no longer overflows (exp overflows only past 709.78), but clipping is
    not free: every input below -500, down to and including ``-inf``, gets the same value
    :math:`\sigma(-500) \approx 7.1 \times 10^{-218}`. For x = -600, -745 and -1000 it
    returns 7.1e-218 three times, where the correctly rounded values are 2.7e-261, 4.9e-324
    (the smallest subnormal) and 0: too large by a factor of about 1e43, 1e106 and
    infinitely. In float32, whose exp overflows past 88.72, clipping to 500 does not even
    prevent the overflow: it still warns and returns 0 below -88.72."""
    arr, _ = as_real_array(x, "clipped_naive")
    return naive(np.clip(arr, -500, 500))  # a 0-d array stays 0-d: scalar in, scalar out


#: Name -> function, in the order chapter 8 discusses them.
VARIANTS = {
    "naive": naive,
    "where_both_branches": where_both_branches,
    "branch_on_sign": branch_on_sign,
    "exp_minus_abs": exp_minus_abs,
    "tanh_form": tanh_form,
    "clipped_naive": clipped_naive,
}
