r"""The sigmoid inside modern activations and output layers (chapter 9).

* SiLU / Swish: :math:`\operatorname{silu}(x) = x\,\sigma(x)`.
* GELU: :math:`x\,\Phi(x)` with :math:`\Phi` the standard normal CDF, and its two common
  approximations :math:`x\,\sigma(1.702x)` and
  :math:`\tfrac12 x\bigl(1 + \tanh(\sqrt{2/\pi}\,(x + 0.044715x^3))\bigr)`.
* Hard swish: :math:`x \cdot \operatorname{hard\_sigmoid}(x)` (MobileNetV3).
* Softmax, whose two-class case is the sigmoid: :math:`\operatorname{softmax}(z, 0)_1 = \sigma(z)`.

Every function takes what :func:`.sigmoid` takes (real numbers, lists of them, NumPy
arrays or scalars of integer, boolean or floating dtype; anything else is a ``TypeError``
naming the function), keeps float16/float32/float64/longdouble and turns integers and booleans
into float64. None of them warns, for any input (not even under ``np.errstate(all="raise")``):
:math:`\pm\infty` give the mathematical limits and NaN gives NaN.

float16 and float32 inputs are evaluated in float64 and rounded once. float64 inputs use
formulas that keep every rounding error at the ULP level, also in the far tails where the
result is tiny (sometimes subnormal): exponent arguments such as :math:`1.702x` are carried
as an unevaluated sum of two floats (a "double-double", computed with Dekker's exact product),
because rounding the argument :math:`z` by half an ULP changes :math:`e^{z}` by a relative
:math:`|z|` ULP. The ULP bounds in the docstrings are measured against mpmath by
``code/tests/test_applications.py``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
from scipy.special import erfcx, ndtr

from sigmoidlab.kernels._arrays import ArrayLike, FloatOrArray, as_real_array, finish
from sigmoidlab.kernels.family import hard_sigmoid
from sigmoidlab.kernels.logistic import sigmoid

__all__ = ["gelu", "gelu_sigmoid", "gelu_tanh", "hard_swish", "silu", "softmax"]


# ---------------------------------------------------------------------------------------------
# Helpers: working precision and double-double arithmetic (Dekker 1971)


def _working(arr: np.ndarray) -> np.ndarray:
    """float16/float32 are computed in float64 (then rounded once); others as they are."""
    return arr.astype(np.float64) if arr.itemsize < 8 else arr


def _result(values: Any, arr: np.ndarray, scalar: bool) -> FloatOrArray:
    """Round the working result to the input's dtype (float16 may overflow: that is inf)."""
    with np.errstate(over="ignore", under="ignore"):
        return finish(np.asarray(values).astype(arr.dtype, copy=False), scalar)


def _split(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Veltkamp's split a = hi + lo, each half with at most half the significand bits."""
    p = (np.finfo(a.dtype).nmant + 2) // 2
    t = a * a.dtype.type(2.0**p + 1)
    hi = t - (t - a)
    return hi, a - hi


def _two_prod(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """a * b = p + e exactly (finite, moderate a and b: the splits must not overflow)."""
    p = a * b
    ah, al = _split(a)
    bh, bl = _split(b)
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def _two_sum(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """a + b = s + e exactly (Knuth), whatever the magnitudes."""
    s = a + b
    bv = s - a
    return s, (a - (s - bv)) + (b - bv)


def _dd_constant(digits: str, dtype: np.dtype) -> tuple[Any, Any]:
    """A real constant given by enough decimal digits, as hi + lo in ``dtype``."""
    exact = Fraction(digits)
    hi = dtype.type(digits)
    lo = float(exact - Fraction(*hi.as_integer_ratio()))
    return hi, dtype.type(lo)


_K_1702 = "1.702"
_K_TANH = "1.59576912160573071175978423973752747390343452"  # 2 sqrt(2/pi)
_A_TANH = "0.044715"
_DD_RANGE = 1024.0  # beyond this |x| every function below is saturated (or 0): no lo needed


def _times_sigmoid(x: np.ndarray, z_hi: np.ndarray, z_lo: np.ndarray) -> np.ndarray:
    r""":math:`x\,\sigma(z_{hi} + z_{lo})`, accurate to a few ULP, also where it is subnormal.

    With :math:`s = \sigma(z_{hi})` and :math:`c = \sigma(-z_{hi}) = 1 - s`,
    :math:`\sigma(z_{hi} + z_{lo}) = s\,(1 + z_{lo}\,c)` to first order (:math:`z_{lo}` is
    below an ULP of :math:`z_{hi}`). Where :math:`\sigma(z)` would be subnormal, its few
    significant bits would be multiplied by :math:`x` (hundreds of ULP lost), so there we use
    :math:`\sigma(z) = e^{z}` (exact to rounding: :math:`1 + e^{z}` rounds to 1) as
    :math:`(x\,e^{z + S})\,e^{-S}`: all factors normal and one rounding into the subnormals.
    ``z_hi + S`` is exact (S is an integer and :math:`|z_{hi}| < 2^{52}` there).
    """
    dtype = x.dtype
    info = np.finfo(dtype)
    log_tiny = float(np.log(info.tiny))
    shift = dtype.type(round(-0.56 * log_tiny))  # 397 in float64: e^(z + S) stays normal
    with np.errstate(all="ignore"):
        s = np.asarray(sigmoid(z_hi))
        c = np.asarray(sigmoid(-z_hi))
        main = (x * s) * (1 + z_lo * c)
        tail = ((x * np.exp(z_hi + shift)) * (1 + z_lo)) * np.exp(-shift)
        out = np.where(z_hi < log_tiny + 1, tail, main)
        # x = -inf: the limit is 0 (from below); the formulas above give -inf * 0 = NaN
        result: np.ndarray = np.where(x == -np.inf, dtype.type(-0.0), out)
        return result


def _dd_of_product(digits: str, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """k * x as hi + lo, for a decimal constant k that is not a float."""
    k_hi, k_lo = _dd_constant(digits, x.dtype)
    with np.errstate(all="ignore"):
        small = np.abs(x) <= _DD_RANGE
        xs = np.where(small, x, 0)  # keep the splits finite; lo does not matter beyond
        hi, err = _two_prod(xs, np.full_like(xs, k_hi))
        lo = err + xs * k_lo
        return np.where(small, hi, k_hi * x), np.where(small, lo, 0)


# ---------------------------------------------------------------------------------------------
# Public functions


def silu(x: ArrayLike) -> FloatOrArray:
    r"""SiLU (Swish-1): :math:`\operatorname{silu}(x) = x\,\sigma(x)`.

    Parameters
    ----------
    x : array_like
        Real input, as for :func:`.sigmoid`.

    Returns
    -------
    numpy.floating or numpy.ndarray
        :math:`x\,\sigma(x)`; a NumPy scalar for scalar input. float16/32/64 and longdouble
        keep their dtype; integers and booleans give float64. :math:`-\infty` gives 0
        (as ``-0.0``: the values approach 0 from below), :math:`+\infty` gives
        :math:`+\infty`, NaN gives NaN; no warnings.

    Notes
    -----
    The minimum is :math:`\approx -0.2785` at :math:`x \approx -1.2785`. For :math:`x \to
    -\infty`, :math:`\operatorname{silu}(x) \approx x e^{x}`, a subnormal number for
    :math:`-745 < x < -702` (float64): there the stable :math:`\sigma(x)` has few significant
    bits, and multiplying them by :math:`x` would cost hundreds of ULP, so the tail is
    computed as :math:`(x e^{x + S}) e^{-S}` with every factor a normal number.
    Measured error against mpmath: at most 4 ULP in float64 (:math:`\sigma` itself
    contributes up to 2.5) and 0.5 ULP in float32.
    """
    arr, scalar = as_real_array(x, "silu")
    w = _working(arr)
    return _result(_times_sigmoid(w, w, np.zeros_like(w)), arr, scalar)


def gelu(x: ArrayLike) -> FloatOrArray:
    r"""Exact GELU: :math:`\operatorname{gelu}(x) = x\,\Phi(x)`, :math:`\Phi` the normal CDF.

    Parameters
    ----------
    x : array_like
        Real input, as for :func:`.sigmoid`.

    Returns
    -------
    numpy.floating or numpy.ndarray
        :math:`x\,\Phi(x)`; dtype rules as for :func:`silu`. :math:`-\infty` gives 0 (as
        ``-0.0``), :math:`+\infty` gives :math:`+\infty`, NaN gives NaN; no warnings.
        longdouble input is evaluated in float64 (SciPy's ``ndtr`` and ``erfcx`` have no
        extended-precision loops), so it has float64 accuracy.

    Notes
    -----
    For :math:`x \ge -1`, :math:`\Phi(x) \ge 0.16` and ``x * ndtr(x)`` is accurate.
    For :math:`x < -1` the left tail :math:`\Phi(x) \approx \varphi(x)/|x|` is tiny, and
    ``ndtr`` first rounds :math:`x/\sqrt2`, which costs a relative :math:`x^2` ULP (up to
    about 1,000 ULP before this function was rewritten). Instead

    .. math::

        \Phi(x) = \tfrac12 \operatorname{erfc}\!\left(\tfrac{-x}{\sqrt2}\right)
                = \tfrac12 \operatorname{erfcx}\!\left(\tfrac{-x}{\sqrt2}\right)
                  e^{-x^2/2},

    where :math:`\operatorname{erfcx}(t) = e^{t^2}\operatorname{erfc}(t)` is well
    conditioned (rounding its argument costs about an ULP) and :math:`x^2/2` is formed
    exactly as a sum of two floats :math:`h + l`, with :math:`e^{-x^2/2} = e^{-h}(1 - l)`.
    Measured error against mpmath: at most 7 ULP in float64 (SciPy's ``erfcx`` contributes
    up to 5) and 0.5 ULP in float32, subnormal results included.
    """
    arr, scalar = as_real_array(x, "gelu")
    w = arr.astype(np.float64)  # SciPy's kernels are float64 (float32 ones are less accurate)
    with np.errstate(all="ignore"):
        right = w * ndtr(w)  # accurate for x >= -1: Phi(x) >= 0.16, no tail to lose
        # x <= -40: the result underflows to (-)0; clamping keeps the splits finite
        xl = np.clip(w, -40.0, -1.0)
        hi, lo = _two_prod(xl, xl)  # x^2, exactly
        scaled = (xl * 0.5 * erfcx(xl * -np.sqrt(0.5))) * (1 - 0.5 * lo)
        left = scaled * np.exp(-0.5 * hi)  # one rounding into the subnormals, if any
        out = np.where(w < -1.0, left, right)
        out = np.where(w < -40.0, -0.0, out)  # also -inf: the limit 0, from below
    return _result(out, arr, scalar)


def gelu_sigmoid(x: ArrayLike) -> FloatOrArray:
    r"""The sigmoid approximation of GELU, :math:`x\,\sigma(1.702x)`.

    Parameters
    ----------
    x : array_like
        Real input, as for :func:`.sigmoid`.

    Returns
    -------
    numpy.floating or numpy.ndarray
        :math:`x\,\sigma(1.702x)` with the decimal constant 1.702; dtype and limits as for
        :func:`silu`.

    Notes
    -----
    1.702 is not a binary float and :math:`1.702x` is rounded; in the left tail,
    :math:`\sigma(1.702x) \approx e^{1.702x}`, so that rounding alone would cost a relative
    :math:`1.702|x|` ULP (over 1,000 ULP near :math:`x = -400`). The product is therefore kept
    exactly, as a sum of two floats. Measured error against mpmath (with the exact 1.702): at
    most 4 ULP in float64 and 0.5 ULP in float32.
    """
    arr, scalar = as_real_array(x, "gelu_sigmoid")
    w = _working(arr)
    z_hi, z_lo = _dd_of_product(_K_1702, w)
    return _result(_times_sigmoid(w, z_hi, z_lo), arr, scalar)


def gelu_tanh(x: ArrayLike) -> FloatOrArray:
    r"""The tanh approximation of GELU used in BERT and GPT-2.

    .. math::

        \operatorname{gelu\_tanh}(x) = \tfrac12 x\bigl(1 + \tanh u\bigr) = x\,\sigma(2u),
        \qquad u = \sqrt{2/\pi}\,\bigl(x + 0.044715x^3\bigr).

    Parameters
    ----------
    x : array_like
        Real input, as for :func:`.sigmoid`.

    Returns
    -------
    numpy.floating or numpy.ndarray
        The approximation, with dtype and limits as for :func:`silu`.

    Notes
    -----
    The textbook form :math:`\tfrac12 x(1 + \tanh u)` cancels for negative :math:`x`:
    :math:`\tanh u` rounds to :math:`-1` once :math:`u < -19` (:math:`x < -5.6`), and it
    returned ``-0.0`` there although the value is about :math:`-10^{-16}` at :math:`x = -5.6`
    and representable down to :math:`x \approx -19.6`. The identity
    :math:`1 + \tanh u = 2\sigma(2u)` removes the cancellation; :math:`2u =
    2\sqrt{2/\pi}\,x(1 + 0.044715x^2)` is formed as a sum of two floats, since
    :math:`\sigma(2u) \approx e^{2u}` there magnifies its rounding by :math:`|2u|`. Below
    :math:`x \approx -19.6` the true value underflows and ``-0.0`` is the correctly rounded
    result. Measured error against mpmath (with the exact constants): at most 4 ULP in
    float64 and 0.5 ULP in float32.
    """
    arr, scalar = as_real_array(x, "gelu_tanh")
    w = _working(arr)
    dtype = w.dtype
    a_hi, a_lo = _dd_constant(_A_TANH, dtype)
    k_hi, k_lo = _dd_constant(_K_TANH, dtype)
    with np.errstate(all="ignore"):
        small = np.abs(w) <= 64  # beyond, sigma(2u) is exactly 0 or 1 (|2u| > 18,000)
        xs = np.where(small, w, 0)
        x2, x2e = _two_prod(xs, xs)  # x^2
        ax2, e = _two_prod(np.full_like(xs, a_hi), x2)  # a x^2
        ax2e = e + (a_hi * x2e + a_lo * x2)
        one, e = _two_sum(np.ones_like(xs), ax2)  # 1 + a x^2
        one_e = e + ax2e
        p, e = _two_prod(xs, one)  # x (1 + a x^2)
        p_e = e + xs * one_e
        z, e = _two_prod(np.full_like(xs, k_hi), p)  # 2u = k x (1 + a x^2)
        z_e = e + (k_hi * p_e + k_lo * p)
        z_hi = z + z_e  # renormalise (|z_e| is below an ULP of z)
        z_lo = z_e - (z_hi - z)
        z_hi = np.where(small, z_hi, k_hi * w * (1 + a_hi * w * w))  # may be +-inf: fine
        z_lo = np.where(small, z_lo, 0)
    return _result(_times_sigmoid(w, z_hi, z_lo), arr, scalar)


def hard_swish(x: ArrayLike) -> FloatOrArray:
    r"""Hard swish :math:`x \cdot \min(1, \max(0, (x + 3)/6))` (MobileNetV3).

    Parameters
    ----------
    x : array_like
        Real input, as for :func:`.sigmoid`.

    Returns
    -------
    numpy.floating or numpy.ndarray
        Exactly 0 (``+0.0``) for :math:`x \le -3`, including :math:`-\infty`; :math:`x` for
        :math:`x \ge 3`, including :math:`+\infty`; NaN for NaN. Dtype rules as for
        :func:`silu`. Measured error against mpmath: at most 2 ULP in float64, 0.5 ULP in
        float32.
    """
    arr, scalar = as_real_array(x, "hard_swish")
    w = _working(arr)
    with np.errstate(all="ignore"):
        hs = np.asarray(hard_sigmoid(w))
        # hs == 0 exactly for x <= -3: the product is +0 (not -0.0, nor -inf * 0 = NaN)
        out = np.where(hs == 0, 0, w * hs)
    return _result(out, arr, scalar)


def softmax(z: ArrayLike, axis: int | tuple[int, ...] | None = -1) -> FloatOrArray:
    r""":math:`\operatorname{softmax}(z)_i = e^{z_i} / \sum_j e^{z_j}` along ``axis``.

    Parameters
    ----------
    z : array_like
        Real input, as for :func:`.sigmoid`. A scalar is a one-element
        distribution (its softmax is 1).
    axis : int, tuple of int or None
        The axis (or axes) along which the entries sum to 1; ``None`` means all entries.

    Returns
    -------
    numpy.floating or numpy.ndarray
        Same shape as ``z``; dtype rules as for :func:`silu`. Empty input gives an empty
        result.

    Raises
    ------
    TypeError
        For input that is not real numbers, or an ``axis`` that is not an integer.
    ValueError
        For an ``axis`` the array does not have.

    Notes
    -----
    With :math:`m = \max_j z_j`, :math:`\operatorname{softmax}(z)_i = e^{z_i - m} / \sum_j
    e^{z_j - m}`: every exponent is :math:`\le 0` (no overflow) and the largest term is 1, so
    the sum is at least 1 (no underflow to 0/0). Rounding :math:`z_i - m` would cost a
    relative :math:`|z_i - m|` ULP of :math:`e^{z_i - m}` (up to hundreds of ULP), so the
    difference is kept exactly as :math:`d + \delta` (Knuth's two-sum) and
    :math:`e^{z_i - m} = e^{d}(1 + \delta)`.

    Limits: where some :math:`z_i = +\infty`, the probability is shared equally by the
    entries equal to :math:`+\infty` (the limit of :math:`z + t v` as :math:`t \to \infty`
    for entries growing at the same rate); if all entries are :math:`-\infty`, equally by
    all (softmax is unchanged by adding a constant). A NaN makes its whole slice NaN, since
    every output depends on every input.

    Measured error against mpmath: at most 5 ULP in float64 and 0.5 ULP in float32, for
    slices of up to 100 entries (the sum's rounding error grows slowly with the length).
    """
    arr, scalar = as_real_array(z, "softmax", argname="z")
    _check_axis(axis, arr.ndim)
    if scalar:
        axis = None
    w = _working(arr)
    if w.size == 0:
        return _result(np.empty_like(w), arr, scalar)
    with np.errstate(all="ignore"):
        m = np.max(w, axis=axis, keepdims=True)  # NaN in a slice makes m NaN
        finite_m = np.isfinite(m)
        d, delta = _two_sum(w, -np.where(finite_m, m, 0))
        delta = np.where(np.isfinite(d), delta, 0)  # -inf entries: e = 0
        e = np.exp(d) * (1 + delta)
        # an infinite maximum: equal shares for the entries equal to it
        e = np.where(finite_m, e, (w == m).astype(w.dtype))
        e[np.isnan(w)] = np.nan  # a NaN in a slice whose maximum is +inf
        out = e / np.sum(e, axis=axis, keepdims=True)
    return _result(out, arr, scalar)


def _check_axis(axis: Any, ndim: int) -> None:
    """``axis`` must be None, an int or a tuple of ints that the array has."""
    if axis is None:
        return
    axes = axis if isinstance(axis, tuple) else (axis,)
    for a in axes:
        if isinstance(a, (bool, np.bool_)) or not isinstance(a, (int, np.integer)):
            raise TypeError(
                f"softmax() argument axis: needs an int, a tuple of ints or None, got {axis!r}."
            )
        n = max(ndim, 1)  # a scalar is treated as one entry along axis 0
        if not -n <= a < n:
            raise ValueError(
                f"softmax() argument axis: {axis!r} is out of range for {ndim}-d input."
            )
