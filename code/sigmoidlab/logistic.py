r"""The logistic sigmoid and its companions: derivative, log-sigmoid and logit.

Every function here evaluates a formula that never forms a huge intermediate value, so
none of them overflows or warns for any input, and each is accurate to a few units in the
last place (ULP) over the whole floating-point range. The identities they rely on, with
:math:`e = \exp(-|x|) \in [0, 1]`:

.. math::

    \sigma(-|x|) = \frac{e}{1 + e}, \qquad
    \sigma(|x|) = 1 - \sigma(-|x|), \qquad
    \sigma'(x) = \frac{e}{(1 + e)^2}, \qquad
    \log\sigma(x) = \min(x, 0) - \log(1 + e).

The course explains them in chapter 1 (definition), chapter 2 (derivative) and chapter 5
(implementation).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._arrays import ArrayLike, FloatOrArray, Kernel, as_real_array, blockwise, finish, prepare_out

__all__ = ["log_sigmoid", "logit", "sigmoid", "sigmoid_derivative", "sigmoid_second_derivative"]


def _sigmoid_kernel(x: np.ndarray, out: np.ndarray, tmp: np.ndarray, mask: np.ndarray) -> None:
    # With e = exp(-|x|) and s = e / (1 + e) = sigma(-|x|) <= 1/2:
    #   sigma(x) = s for x < 0 and 1 - s for x >= 0, i.e. sigma(x) = |[x >= 0] - s|.
    # The select is arithmetic because NumPy's masked `where=` loops cost more than the exp.
    # 1 - s is benign (s <= 1/2, so its error is at most half an ULP of a result in
    # [1/2, 1]), and unlike 1 / (1 + e) it does not round 1 + e first: sigma(x) becomes 1.0
    # only where the exact value rounds to 1 (x > 37.43 in float64), not already at 36.74.
    np.greater_equal(x, 0, out=mask)  # read x before out is written: out may be x
    np.abs(x, out=out)
    np.negative(out, out=out)  # -|x| <= 0, so exp below cannot overflow
    np.exp(out, out=out)  # e, in [0, 1]
    np.add(out, 1, out=tmp)
    np.divide(out, tmp, out=out)  # s; accurate even when subnormal
    np.subtract(mask, out, out=out)  # 1 - s or -s; NaN propagates
    np.abs(out, out=out)


def _derivative_kernel(x: np.ndarray, out: np.ndarray, tmp: np.ndarray, mask: np.ndarray) -> None:
    np.copysign(x, -1, out=out)  # sigma' is even, so work with -|x|
    np.exp(out, out=out)
    np.add(out, 1, out=tmp)
    np.divide(out, tmp, out=out)  # e / (1 + e)
    np.divide(out, tmp, out=out)  # e / (1 + e)^2: no 1 - sigma, so no cancellation
    # Near x = 0 the two roundings can land one ULP above 1/4; the true value never exceeds
    # 1/4 (sigma is 1/4-Lipschitz), so keep that promise exactly.
    np.minimum(out, 0.25, out=out)


def _log_sigmoid_kernel(x: np.ndarray, out: np.ndarray, tmp: np.ndarray, mask: np.ndarray) -> None:
    np.copysign(x, -1, out=tmp)
    np.exp(tmp, out=tmp)
    np.log1p(tmp, out=tmp)  # softplus(-|x|) = log(1 + e), in [0, log 2]
    np.minimum(x, 0, out=out)  # NaN propagates through minimum
    np.subtract(out, tmp, out=out)  # both terms <= 0: a sum of like signs, no cancellation


def _logit_kernel(p: np.ndarray, out: np.ndarray, tmp: np.ndarray, mask: np.ndarray) -> None:
    # Near p = 1/2 the ratio p / (1 - p) is close to 1 and log() of it loses digits, so there
    # we use log1p((2p - 1) / (1 - p)), where 2p - 1 is exact (Sterbenz). Elsewhere log(p/(1-p)).
    np.subtract(p, 0.475, out=tmp)
    np.abs(tmp, out=tmp)
    np.less_equal(tmp, 0.175, out=mask)  # 0.3 <= p <= 0.65
    np.subtract(1, p, out=tmp)  # 1 - p, exact for p >= 1/2
    np.copyto(out, p)  # p is not read again after this line (out may be p)
    np.multiply(out, 2, out=out, where=mask)
    np.subtract(out, 1, out=out, where=mask)
    np.divide(out, tmp, out=out)
    np.log1p(out, out=out, where=mask)
    np.logical_not(mask, out=mask)
    np.log(out, out=out, where=mask)


def _evaluate(
    name: str, kernel: Kernel, x: ArrayLike, out: np.ndarray | None, **errstate: Any
) -> FloatOrArray:
    arr, scalar = as_real_array(x, name)
    if arr.dtype == np.float16:
        # NumPy evaluates float16 maths in float32 anyway; doing the whole formula in float32
        # and rounding once makes the float16 result correctly rounded in almost all cases.
        wide = np.empty(arr.shape, dtype=np.float32)
        target = prepare_out(out, arr, name)
        with np.errstate(**errstate):
            blockwise(kernel, arr.astype(np.float32), wide, np.dtype(np.float32))
            target[...] = wide  # rounding to float16 may underflow: not an error here
        return finish(target, scalar)
    target = prepare_out(out, arr, name)
    with np.errstate(**errstate):
        blockwise(kernel, arr, target, arr.dtype)
    return finish(target, scalar)


def sigmoid(x: ArrayLike, *, out: np.ndarray | None = None) -> FloatOrArray:
    r"""The logistic sigmoid :math:`\sigma(x) = \dfrac{1}{1 + e^{-x}}`, elementwise.

    It maps every real number into :math:`(0, 1)`, with :math:`\sigma(0) = \tfrac12` and
    :math:`\sigma(-x) = 1 - \sigma(x)`. Introduced in chapter 1; implemented and measured
    in chapter 5.

    Parameters
    ----------
    x : array_like
        Real input: a Python number, a (nested) list, or a NumPy array or scalar of
        integer, boolean or floating dtype.
    out : numpy.ndarray, optional
        Array to write the result into; same shape and dtype as the result. It may be ``x``
        itself (in-place evaluation).

    Returns
    -------
    numpy.floating or numpy.ndarray
        :math:`\sigma(x)`. A NumPy scalar for scalar input, else an array of ``x``'s shape.
        Integers and booleans give float64; float16, float32, float64 and longdouble keep
        their dtype. NaN gives NaN, :math:`-\infty` gives 0 and :math:`+\infty` gives 1.

    Raises
    ------
    TypeError
        For input that is not real numbers (strings, ``None``, dicts, complex, objects).

    Notes
    -----
    With :math:`e = \exp(-|x|)`, which lies in :math:`[0, 1]` and so never overflows,

    .. math::

        \sigma(x) = \begin{cases} \dfrac{e}{1 + e} & x < 0, \\[1ex]
        1 - \dfrac{e}{1 + e} & x \ge 0. \end{cases}

    The first branch stays accurate deep in the left tail, where the textbook form
    :math:`1 / (1 + e^{-x})` overflows (for :math:`x < -709.78` in float64) and returns 0
    although :math:`\sigma(x)` is a positive subnormal number down to :math:`x \approx
    -745.13`. Measured error against mpmath: at most 2.5 ULP in float64 and 3 ULP in float32
    (see ``code/tests/test_accuracy.py``).

    Examples
    --------
    >>> from sigmoidlab import sigmoid
    >>> float(sigmoid(0.0))
    0.5
    >>> float(sigmoid(-740.0)) > 0.0
    True
    """
    return _evaluate("sigmoid", _sigmoid_kernel, x, out, under="ignore")


def sigmoid_derivative(x: ArrayLike, *, out: np.ndarray | None = None) -> FloatOrArray:
    r"""The derivative :math:`\sigma'(x) = \sigma(x)\,(1 - \sigma(x)) = \sigma(x)\,\sigma(-x)`.

    Note that the argument is the *input* :math:`x`, not the activation
    :math:`\sigma(x)`. Introduced and derived in chapter 2.

    Parameters
    ----------
    x : array_like
        Real input, as for :func:`sigmoid`.
    out : numpy.ndarray, optional
        Array to write the result into, as for :func:`sigmoid`.

    Returns
    -------
    numpy.floating or numpy.ndarray
        :math:`\sigma'(x) \in (0, \tfrac14]`, largest at :math:`x = 0`; dtype rules as for
        :func:`sigmoid`. NaN gives NaN and :math:`\pm\infty` give 0.

    Notes
    -----
    The product :math:`s(1 - s)` with :math:`s = \sigma(x)` is exactly 0 for
    :math:`x > 37.43` (:math:`54\ln 2`) in float64, where :math:`s` rounds to 1 and :math:`1 - s`
    to 0; well before that, :math:`1 - s` has lost most of its digits. This function instead
    evaluates

    .. math::

        \sigma'(x) = \frac{e}{(1 + e)^2}, \qquad e = \exp(-|x|),

    which is even in :math:`x`, never overflows and involves no subtraction, so it keeps full
    relative accuracy in both tails, where :math:`\sigma'(x) \approx e^{-|x|}`, as long as the
    result is a normal number (:math:`|x| < 708.4` in float64): error at most 4 ULP against
    mpmath there. Beyond, :math:`\sigma'(x)` is subnormal and has fewer significant bits, and it
    rounds to 0 for :math:`|x| > 745.13`.

    Examples
    --------
    >>> from sigmoidlab import sigmoid_derivative
    >>> float(sigmoid_derivative(0.0))
    0.25
    """
    return _evaluate("sigmoid_derivative", _derivative_kernel, x, out, under="ignore")


def sigmoid_second_derivative(x: ArrayLike) -> FloatOrArray:
    r"""The second derivative :math:`\sigma''(x) = \sigma'(x)\,(1 - 2\sigma(x))`.

    Derived in chapter 2. It is odd, zero at the inflection point :math:`x = 0`, and has its
    extremes :math:`\pm\sqrt3/18` at :math:`x = \mp\ln(2 + \sqrt3)`.

    Parameters
    ----------
    x : array_like
        Real input, as for :func:`sigmoid`.

    Returns
    -------
    numpy.floating or numpy.ndarray
        :math:`\sigma''(x)`, with dtype rules as for :func:`sigmoid`.

    Notes
    -----
    :math:`1 - 2\sigma(x)` cancels badly for large :math:`x`; it equals
    :math:`-\tanh(x/2)`, which NumPy evaluates accurately everywhere, so the function
    computes :math:`-\sigma'(x)\tanh(x/2)`.
    """
    arr, scalar = as_real_array(x, "sigmoid_second_derivative")
    result = sigmoid_derivative(arr)
    result = -result * np.tanh(arr / 2)
    return finish(np.asarray(result), scalar)


def log_sigmoid(x: ArrayLike, *, out: np.ndarray | None = None) -> FloatOrArray:
    r"""The log-sigmoid :math:`\log \sigma(x) = -\log(1 + e^{-x}) = -\operatorname{softplus}(-x)`.

    It appears in the binary cross-entropy computed from logits. Introduced in chapter 5.

    Parameters
    ----------
    x : array_like
        Real input, as for :func:`sigmoid`.
    out : numpy.ndarray, optional
        Array to write the result into, as for :func:`sigmoid`.

    Returns
    -------
    numpy.floating or numpy.ndarray
        :math:`\log\sigma(x) < 0`; dtype rules as for :func:`sigmoid`.
        :math:`-\infty` gives :math:`-\infty`, :math:`+\infty` gives 0, NaN gives NaN.

    Notes
    -----
    ``log(sigmoid(x))`` fails twice: it is :math:`-\infty` once :math:`\sigma(x)` underflows
    (x < -745.13 in float64), and exactly 0 once :math:`\sigma(x)` rounds to 1 (x > 37.43),
    although the true value is about :math:`-e^{-x}`. This function uses

    .. math::

        \log\sigma(x) = \min(x, 0) - \log\!\left(1 + e^{-|x|}\right),

    a sum of two non-positive terms (so no cancellation) with ``log1p`` for the second.
    Error at most 4 ULP against mpmath.

    Examples
    --------
    >>> from sigmoidlab import log_sigmoid
    >>> float(log_sigmoid(-1000.0))
    -1000.0
    """
    return _evaluate("log_sigmoid", _log_sigmoid_kernel, x, out, under="ignore")


def logit(p: ArrayLike, *, out: np.ndarray | None = None) -> FloatOrArray:
    r"""The logit (log-odds) :math:`\operatorname{logit}(p) = \log\dfrac{p}{1 - p}`.

    The inverse of :func:`sigmoid`.

    Introduced in chapter 1, where :math:`\sigma(z)` is read as a probability and
    :math:`z` as its log-odds.

    Parameters
    ----------
    p : array_like
        Real input, as for :func:`sigmoid`; meaningful on :math:`[0, 1]`.
    out : numpy.ndarray, optional
        Array to write the result into, as for :func:`sigmoid`.

    Returns
    -------
    numpy.floating or numpy.ndarray
        :math:`\operatorname{logit}(p)`, with :math:`\operatorname{logit}(0) = -\infty`,
        :math:`\operatorname{logit}(1) = +\infty`, and NaN outside :math:`[0, 1]` or for NaN
        input. No warnings are raised for any of these. Dtype rules as for :func:`sigmoid`.

    Notes
    -----
    Near :math:`p = \tfrac12` the ratio :math:`p / (1 - p)` is close to 1 and taking its log
    loses digits, so for :math:`0.3 \le p \le 0.65` the function uses the equivalent

    .. math::

        \operatorname{logit}(p) = \operatorname{log1p}\!\left(\frac{2p - 1}{1 - p}\right),

    where :math:`2p - 1` is computed exactly. Error at most 4 ULP against mpmath.

    Examples
    --------
    >>> from sigmoidlab import logit, sigmoid
    >>> float(logit(0.5))
    0.0
    >>> float(sigmoid(logit(0.25)))
    0.25
    """
    return _evaluate(
        "logit", _logit_kernel, p, out, divide="ignore", invalid="ignore", under="ignore"
    )
