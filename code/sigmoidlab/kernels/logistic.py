r"""The logistic sigmoid and its companions: derivative, log-sigmoid and logit.

Every function here evaluates a formula that never forms a huge intermediate value, so
none of them overflows, warns or raises (even under ``np.errstate(all="raise")``) for any
input, and each is accurate to a few units in the last place (ULP) over the whole
floating-point range. float16 and float32 input is evaluated in float64 and rounded once,
which makes those results correctly rounded (at most 0.5 ULP, measured on every float16 and
every float32), except :func:`sigmoid` on float32, which stays in float32 arithmetic for
speed. Measured worst errors (``code/tests/test_accuracy.py``; float64 against mpmath on
sampled points, float32 and float16 on every value or millions of them):

============================  =======  =======  =======
function                      float64  float32  float16
============================  =======  =======  =======
sigmoid                       2.5      3.7      0.5
sigmoid_derivative            4        0.5      0.5
sigmoid_second_derivative     4.5      0.5      0.5
log_sigmoid                   4        0.5      0.5
logit                         4        0.5      0.5
============================  =======  =======  =======

The identities they rely on, with :math:`e = \exp(-|z|) \in [0, 1]`:

.. math::

    \sigma(-|z|) = \frac{e}{1 + e}, \qquad
    \sigma(|z|) = 1 - \sigma(-|z|), \qquad
    \sigma'(z) = \frac{e}{(1 + e)^2}, \qquad
    \log\sigma(z) = \min(z, 0) - \log(1 + e), \qquad
    \sigma''(z) = -\sigma'(z) \tanh(z/2).

Every function with ``out=`` follows NumPy's ufunc rules: ``out`` may be the input itself
(in place, no copy) or overlap it (the input is then copied first), it receives only final
values (never intermediate ones), and it is what the function returns.

The course explains them in chapter 1 (definition), chapter 2 (derivative) and chapter 8
(implementation).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from sigmoidlab.kernels._arrays import (
    ArrayLike,
    FloatOrArray,
    Kernel,
    as_real_array,
    blockwise,
    finish,
    prepare_out,
)

__all__ = ["log_sigmoid", "logit", "sigmoid", "sigmoid_derivative", "sigmoid_second_derivative"]

# Every kernel below reads its input block, works in private scratch arrays (``t``, ``u``,
# ``v``, of the work dtype) and writes ``out`` once, with its last operation; see
# ``_arrays.blockwise``. The work dtype is float64 for float16 and float32 input (one
# rounding at the end, so results are correctly rounded in all but rare ties), except for
# ``sigmoid`` on float32, which stays in float32 to keep its speed (see its Notes).


#: The passes of :func:`sigmoid` over each block, in order: (operation, what it computes).
#: Chapter 8 counts the bytes they move; ``code/tests/test_logistic.py`` checks that the
#: kernel makes exactly these calls.
SIGMOID_PASSES: tuple[tuple[str, str], ...] = (
    ("greater_equal", "m = [z >= 0], a bool mask"),
    ("bitwise_or", "n = -|z|: the sign bit set on z's bits"),
    ("exp", "e = exp(n), in [0, 1]"),
    ("add", "d = 1 + e"),
    ("divide", "s = e / d = sigma(-|z|)"),
    ("subtract", "m - s: 1 - s or -s"),
    ("absolute", "|m - s|, written to out"),
)

# The unsigned integer of each float's width: -|z| is z with its sign bit set, one integer
# pass (abs then negative would be two; copysign has no SIMD loop in NumPy).
_BITS = {np.dtype(np.float64): np.uint64, np.dtype(np.float32): np.uint32}
_SIGN_BIT = {np.dtype(np.float64): 1 << 63, np.dtype(np.float32): 1 << 31}


def _sigmoid_kernel(
    x: np.ndarray, out: np.ndarray, s: Sequence[np.ndarray], mask: np.ndarray
) -> None:
    # With e = exp(-|x|) and s = e / (1 + e) = sigma(-|x|) <= 1/2:
    #   sigma(x) = s for x < 0 and 1 - s for x >= 0, i.e. sigma(x) = |[x >= 0] - s|.
    # The select is arithmetic because NumPy's masked `where=` loops cost more than the exp.
    # 1 - s is benign (s <= 1/2, so its error is at most half an ULP of a result in
    # [1/2, 1]), and unlike 1 / (1 + e) it does not round 1 + e first: sigma(x) becomes 1.0
    # only where the exact value rounds to 1 (x > 37.43 in float64), not already at 36.74.
    # Seven passes (SIGMOID_PASSES); out= is given positionally, which NumPy parses faster.
    t, u = s[0], s[1]
    np.greater_equal(x, 0, mask)
    bits = _BITS.get(t.dtype)
    if bits is not None and x.dtype == t.dtype:
        np.bitwise_or(x.view(bits), _SIGN_BIT[t.dtype], t.view(bits))  # -|x|, exactly
    else:  # longdouble has no integer of its width: two exact float passes instead
        np.abs(x, t)
        np.negative(t, t)
    np.exp(t, t)  # e, in [0, 1]: -|x| <= 0, so exp cannot overflow
    np.add(t, 1, u)
    np.divide(t, u, t)  # s; accurate even when subnormal
    np.subtract(mask, t, t)  # 1 - s or -s; NaN propagates
    np.abs(t, out)  # the only write to out: rounds once to out's dtype


def _derivative_kernel(
    x: np.ndarray, out: np.ndarray, s: Sequence[np.ndarray], mask: np.ndarray
) -> None:
    t, u = s[0], s[1]
    np.abs(x, out=t)  # sigma' is even, so work with -|x| (abs + negative beat copysign)
    np.negative(t, out=t)
    np.exp(t, out=t)
    np.add(t, 1, out=u)
    np.divide(t, u, out=t)  # e / (1 + e)
    np.divide(t, u, out=t)  # e / (1 + e)^2: no 1 - sigma, so no cancellation
    # Near x = 0 the two roundings can land one ULP above 1/4; the true value never exceeds
    # 1/4 (sigma is 1/4-Lipschitz), so keep that promise exactly.
    np.minimum(t, 0.25, out=out)


def _second_derivative_kernel(
    x: np.ndarray, out: np.ndarray, s: Sequence[np.ndarray], mask: np.ndarray
) -> None:
    # sigma''(x) = -sigma'(x) tanh(x/2) and tanh(|x|/2) = (1 - e) / (1 + e) = -expm1(-|x|)/(1 + e):
    # expm1 keeps 1 - e accurate near x = 0, and nothing is halved (x/2 would round a
    # subnormal x and raise an underflow).
    t, u, v = s[0], s[1], s[2]
    np.abs(x, out=t)
    np.negative(t, out=t)  # -|x|
    np.exp(t, out=u)  # e
    np.expm1(t, out=t)  # e - 1, in [-1, 0]
    np.add(u, 1, out=v)  # 1 + e
    np.divide(t, v, out=t)  # -tanh(|x|/2)
    np.divide(u, v, out=u)
    np.divide(u, v, out=u)  # sigma'(x) = e / (1 + e)^2
    np.multiply(u, t, out=u)  # sigma''(|x|) <= 0
    np.copysign(u, x, out=u)  # sigma'' is odd: sigma''(x) = -copysign(sigma''(|x|), x)
    np.negative(u, out=out)


def _log_sigmoid_kernel(
    x: np.ndarray, out: np.ndarray, s: Sequence[np.ndarray], mask: np.ndarray
) -> None:
    t, u = s[0], s[1]
    np.abs(x, out=t)
    np.negative(t, out=t)
    np.exp(t, out=t)
    np.log1p(t, out=t)  # softplus(-|x|) = log(1 + e), in [0, log 2]
    np.minimum(x, 0, out=u)  # exact in x's dtype; NaN propagates through minimum
    np.subtract(u, t, out=out)  # both terms <= 0: a sum of like signs, no cancellation


def _logit_kernel(
    p: np.ndarray, out: np.ndarray, s: Sequence[np.ndarray], mask: np.ndarray
) -> None:
    # Near p = 1/2 the ratio p / (1 - p) is close to 1 and log() of it loses digits, so there
    # we use log1p((2p - 1) / (1 - p)), where 2p - 1 is exact (Sterbenz). Elsewhere log(p/(1-p)).
    # dtype= makes 1 - p and 2p - 1 happen in the work dtype, not in p's (float32) dtype.
    t, u = s[0], s[1]
    np.subtract(p, 0.475, out=t, dtype=t.dtype)
    np.abs(t, out=t)
    np.less_equal(t, 0.175, out=mask)  # 0.3 <= p <= 0.65
    np.subtract(1, p, out=t, dtype=t.dtype)  # 1 - p, exact for p >= 1/2
    np.copyto(u, p)
    np.multiply(u, 2, out=u, where=mask)
    np.subtract(u, 1, out=u, where=mask)
    np.divide(u, t, out=u)
    np.log1p(u, out=u, where=mask)
    np.logical_not(mask, out=mask)
    np.log(u, out=u, where=mask)
    np.copyto(out, u)  # the only write to out


def _evaluate(
    name: str,
    kernel: Kernel,
    x: ArrayLike,
    out: np.ndarray | None,
    *,
    argname: str = "x",
    n_scratch: int = 2,
    float32_in_float64: bool = True,
) -> FloatOrArray:
    arr, scalar = as_real_array(x, name, argname=argname)
    target = prepare_out(out, arr, name)
    work = arr.dtype
    if arr.dtype == np.float16 or (arr.dtype == np.float32 and float32_in_float64):
        # Evaluate in float64 block by block and round once: for float16 this also avoids
        # NumPy's slow float16 loops (it converts each operation to float32 and back).
        work = np.dtype(np.float64)
    # Tails underflow, logit divides by zero at p = 1 and takes log of 0 or of negatives:
    # all intended (results 0, +-inf, NaN), so no floating-point event is reported, even
    # to a caller running under np.errstate(all="raise").
    with np.errstate(all="ignore"):
        blockwise(kernel, arr, target, work, n_scratch)
    return finish(target, scalar, given=out is not None)


def sigmoid(x: ArrayLike, *, out: np.ndarray | None = None) -> FloatOrArray:
    r"""The logistic sigmoid :math:`\sigma(z) = \dfrac{1}{1 + e^{-z}}`, elementwise.

    It maps every real number into :math:`(0, 1)`, with :math:`\sigma(0) = \tfrac12` and
    :math:`\sigma(-z) = 1 - \sigma(z)`. Introduced in chapter 1; implemented and measured
    in chapter 8.

    Parameters
    ----------
    x : array_like
        The argument :math:`z` (the course's name for it; the parameter keeps the name
        ``x``): a Python number, a (nested) list, or a NumPy array or scalar of integer,
        boolean or floating dtype.
    out : numpy.ndarray, optional
        Writable array to write the result into; same shape and dtype as the result. It may
        be ``x`` itself (in-place evaluation, no copy) or overlap ``x`` (then ``x`` is copied
        first, as NumPy's ufuncs do). Only final values are written into it.

    Returns
    -------
    numpy.floating or numpy.ndarray
        :math:`\sigma(z)`. ``out`` if given; else a NumPy scalar for scalar input, an array
        of ``x``'s shape otherwise.
        Integers and booleans give float64; float16, float32, float64 and longdouble keep
        their dtype. NaN gives NaN, :math:`-\infty` gives 0 and :math:`+\infty` gives 1.

    Raises
    ------
    TypeError
        For input that is not real numbers (strings, bytes, ``None``, dicts, complex,
        object arrays, dates, masked arrays: use ``x.filled(np.nan)``), or an ``out`` that
        is not an array. The message names the function and the argument.
    ValueError
        For an integer beyond float64's range, or an ``out`` of the wrong shape or dtype,
        or read-only.

    Notes
    -----
    With :math:`e = \exp(-|z|)`, which lies in :math:`[0, 1]` and so never overflows,

    .. math::

        \sigma(z) = \begin{cases} \dfrac{e}{1 + e} & z < 0, \\[1ex]
        1 - \dfrac{e}{1 + e} & z \ge 0. \end{cases}

    The first branch stays accurate deep in the left tail, where the textbook form
    :math:`1 / (1 + e^{-z})` overflows (for :math:`z < -709.78` in float64) and returns 0
    although :math:`\sigma(z)` is a positive subnormal number down to :math:`z \approx
    -745.13`. Measured error: at most 2.5 ULP in float64 (against mpmath), 3.7 ULP in
    float32 (3.64 at worst over every float32, with NumPy's AVX-512 loops; its AVX2 and
    baseline loops measured 3.6 and 2.4), 0.5 ULP in float16 (every float16). float32 stays
    in float32 arithmetic: evaluating it in float64, which would make it correctly rounded,
    costs 10 to 20% in speed. Its error is that of NumPy's float32 ``exp`` (up to about
    1.3 ULP of :math:`e`, which doubles when :math:`e` and :math:`\sigma(z)` lie in
    different binades) plus three roundings.

    The formula runs in seven passes (:data:`SIGMOID_PASSES`) over blocks of 128 KiB, which
    stay in the CPU's cache between passes, so that main memory is read and written once,
    as by a copy; the result is bit for bit that of the same formula on whole arrays.
    Chapter 8 places it on a roofline made of a copy and one ``np.exp`` pass.

    Examples
    --------
    >>> from sigmoidlab import sigmoid
    >>> float(sigmoid(0.0))
    0.5
    >>> float(sigmoid(-740.0)) > 0.0
    True
    """
    return _evaluate("sigmoid", _sigmoid_kernel, x, out, float32_in_float64=False)


def sigmoid_derivative(x: ArrayLike, *, out: np.ndarray | None = None) -> FloatOrArray:
    r"""The derivative :math:`\sigma'(z) = \sigma(z)\,(1 - \sigma(z)) = \sigma(z)\,\sigma(-z)`.

    Note that the argument is the *input* :math:`z`, not the activation
    :math:`\sigma(z)`. Introduced and derived in chapter 2.

    Parameters
    ----------
    x : array_like
        The argument :math:`z`, as for :func:`sigmoid`.
    out : numpy.ndarray, optional
        Array to write the result into, as for :func:`sigmoid`.

    Returns
    -------
    numpy.floating or numpy.ndarray
        :math:`\sigma'(z) \in (0, \tfrac14]`, largest at :math:`z = 0`; dtype rules as for
        :func:`sigmoid`. NaN gives NaN and :math:`\pm\infty` give 0.

    Notes
    -----
    The product :math:`s(1 - s)` with :math:`s = \sigma(z)` is exactly 0 for
    :math:`z > 37.43` (:math:`54\ln 2`) in float64, where :math:`s` rounds to 1 and :math:`1 - s`
    to 0; well before that, :math:`1 - s` has lost most of its digits. This function instead
    evaluates

    .. math::

        \sigma'(z) = \frac{e}{(1 + e)^2}, \qquad e = \exp(-|z|),

    which is even in :math:`z`, never overflows and involves no subtraction, so it keeps full
    relative accuracy in both tails, where :math:`\sigma'(z) \approx e^{-|z|}`, as long as the
    result is a normal number (:math:`|z| < 708.4` in float64): error at most 4 ULP against
    mpmath there (3.3 measured); float32 and float16 results are correctly rounded (at most
    0.5 ULP, every value checked). Beyond, :math:`\sigma'(z)` is subnormal and has fewer
    significant bits, and it rounds to 0 for :math:`|z| > 745.13`.

    Examples
    --------
    >>> from sigmoidlab import sigmoid_derivative
    >>> float(sigmoid_derivative(0.0))
    0.25
    """
    return _evaluate("sigmoid_derivative", _derivative_kernel, x, out)


def sigmoid_second_derivative(x: ArrayLike, *, out: np.ndarray | None = None) -> FloatOrArray:
    r"""The second derivative :math:`\sigma''(z) = \sigma'(z)\,(1 - 2\sigma(z))`.

    Derived in chapter 2. It is odd, zero at the inflection point :math:`z = 0`, and has its
    extremes :math:`\pm\sqrt3/18` at :math:`z = \mp\ln(2 + \sqrt3)`.

    Parameters
    ----------
    x : array_like
        The argument :math:`z`, as for :func:`sigmoid`.
    out : numpy.ndarray, optional
        Array to write the result into, as for :func:`sigmoid`.

    Returns
    -------
    numpy.floating or numpy.ndarray
        :math:`\sigma''(z)`, with dtype rules as for :func:`sigmoid`. NaN gives NaN,
        :math:`\pm\infty` give :math:`\mp 0`, and :math:`\pm 0` give :math:`\mp 0`
        (:math:`\sigma''(z) \approx -z/8` near 0).

    Notes
    -----
    :math:`1 - 2\sigma(z)` cancels badly for large :math:`z`; it equals
    :math:`-\tanh(z/2)`. With :math:`e = \exp(-|z|)`, :math:`\tanh(|z|/2) = (1 - e)/(1 + e)`
    and :math:`1 - e = -\operatorname{expm1}(-|z|)` is accurate near 0, so, the function
    being odd,

    .. math::

        \sigma''(z) = -\operatorname{sign}(z)\,
        \frac{e}{(1 + e)^2} \cdot \frac{-\operatorname{expm1}(-|z|)}{1 + e}.

    No intermediate overflows, and nothing is halved (``x / 2`` would round a subnormal
    ``x`` and signal underflow). Error at most 4.5 ULP in float64 against mpmath (4.4
    measured), 0.5 ULP in float32 and float16 (every value checked).

    Examples
    --------
    >>> from sigmoidlab import sigmoid_second_derivative
    >>> float(sigmoid_second_derivative(0.0))
    -0.0
    """
    return _evaluate("sigmoid_second_derivative", _second_derivative_kernel, x, out, n_scratch=3)


def log_sigmoid(x: ArrayLike, *, out: np.ndarray | None = None) -> FloatOrArray:
    r"""The log-sigmoid :math:`\log \sigma(z) = -\log(1 + e^{-z}) = -\operatorname{softplus}(-z)`.

    It appears in the binary cross-entropy computed from logits. Introduced in chapter 8.

    Parameters
    ----------
    x : array_like
        The argument :math:`z`, as for :func:`sigmoid`.
    out : numpy.ndarray, optional
        Array to write the result into, as for :func:`sigmoid`.

    Returns
    -------
    numpy.floating or numpy.ndarray
        :math:`\log\sigma(z) < 0`; dtype rules as for :func:`sigmoid`.
        :math:`-\infty` gives :math:`-\infty`, :math:`+\infty` gives 0, NaN gives NaN.

    Notes
    -----
    ``log(sigmoid(x))`` fails twice: it is :math:`-\infty` once :math:`\sigma(z)` underflows
    (x < -745.13 in float64), and exactly 0 once :math:`\sigma(z)` rounds to 1 (x > 37.43),
    although the true value is about :math:`-e^{-z}`. This function uses

    .. math::

        \log\sigma(z) = \min(z, 0) - \log\!\left(1 + e^{-|z|}\right),

    a sum of two non-positive terms (so no cancellation) with ``log1p`` for the second.
    Error at most 4 ULP in float64 against mpmath (1.2 measured); float32 and float16
    results are correctly rounded (at most 0.5 ULP, every value checked).

    Examples
    --------
    >>> from sigmoidlab import log_sigmoid
    >>> float(log_sigmoid(-1000.0))
    -1000.0
    """
    return _evaluate("log_sigmoid", _log_sigmoid_kernel, x, out)


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

    where :math:`2p - 1` is computed exactly. Error at most 4 ULP in float64 against mpmath
    (2.2 measured); float32 and float16 results are correctly rounded (at most 0.5 ULP,
    every value in :math:`[0, 1]` checked).

    Examples
    --------
    >>> from sigmoidlab import logit, sigmoid
    >>> float(logit(0.5))
    0.0
    >>> float(sigmoid(logit(0.25)))
    0.25
    """
    return _evaluate("logit", _logit_kernel, p, out, argname="p")
