r"""Measuring accuracy in ULPs against a high-precision reference (mpmath).

An ULP (unit in the last place) of a real number :math:`y` in a binary format with
:math:`p` significand bits is the gap between consecutive floats around :math:`y`:

.. math::

    \operatorname{ulp}(y) = 2^{\max(\lfloor \log_2 |y| \rfloor,\ e_{\min}) - p + 1},

where :math:`e_{\min}` is the smallest normal exponent (below it the gap stays at the
subnormal spacing). The error of a computed value :math:`c` is :math:`|c - y| /
\operatorname{ulp}(y)` with :math:`y` the exact value; a correctly rounded result has error
at most 0.5. Used by the accuracy tests and in chapter 8. Needs ``mpmath``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

from sigmoidlab.kernels._arrays import as_real_array

__all__ = ["REFERENCES", "reference", "ulp_error"]

# Enough for every float format NumPy has (longdouble: 64 bits, about 20 digits), far from
# the point where mpmath would take minutes per value.
MAX_DPS = 10_000


def _mp() -> Any:
    try:
        import mpmath
    except ImportError as exc:  # pragma: no cover - mpmath is in requirements.txt
        raise ImportError("sigmoidlab.kernels.ulp needs mpmath: pip install mpmath") from exc
    return mpmath


def _sigmoid(mp: Any, x: Any) -> Any:
    return 1 / (1 + mp.exp(-x))


def _derivative(mp: Any, x: Any) -> Any:
    # sigma(x) * sigma(-x): the form s * (1 - s) would cancel even at 50 digits for x > 115
    return _sigmoid(mp, x) * _sigmoid(mp, -x)


def _second_derivative(mp: Any, x: Any) -> Any:
    # sigma'(x) (1 - 2 sigma(x)) with 1 - 2 sigma(x) = -tanh(x/2): no cancellation near 0
    return -_derivative(mp, x) * mp.tanh(x / 2)


def _log_sigmoid(mp: Any, x: Any) -> Any:
    return -mp.log1p(mp.exp(-x))


def _logit(mp: Any, p: Any) -> Any:
    if mp.isnan(p) or p < 0 or p > 1:
        return mp.nan  # as sigmoidlab.logit: NaN outside [0, 1] (not a complex logarithm)
    if p == 0:
        return mp.ninf
    if p == 1:
        return mp.inf
    return mp.log(p / (1 - p))


#: Exact definitions, evaluated by mpmath at high precision.
REFERENCES: dict[str, Callable[[Any, Any], Any]] = {
    "sigmoid": _sigmoid,
    "sigmoid_derivative": _derivative,
    "sigmoid_second_derivative": _second_derivative,
    "log_sigmoid": _log_sigmoid,
    "logit": _logit,
}


def _to_mpf(mp: Any, v: np.floating[Any]) -> Any:
    """The float ``v`` as an mpmath number, exactly (longdouble included)."""
    if not np.isfinite(v) or v.dtype.itemsize <= 8:
        return mp.mpf(float(v))  # float16/32/64, inf and NaN convert exactly
    m, e = np.frexp(v)  # v = m * 2**e with 0.5 <= |m| < 1 and at most 64 significant bits
    return mp.ldexp(mp.mpf(int(np.ldexp(m, 64))), int(e) - 64)


def _exact_to_mpf(mp: Any, y: Any) -> Any:
    if isinstance(y, np.floating):
        return _to_mpf(mp, y)
    if isinstance(y, (np.integer, np.bool_)):
        return mp.mpf(int(y))
    if isinstance(y, (str, bytes, complex)) or y is None:
        raise TypeError("not a real number")
    return mp.mpf(y)  # mpf, Python int or float; mpc and other objects raise TypeError


def reference(name: str, x: npt.ArrayLike, dps: int = 50) -> list[Any]:
    """Evaluate the exact function ``name`` at each (exactly represented) float in ``x``.

    The floats are converted to mpmath numbers without rounding, and the function is
    evaluated with ``dps`` decimal digits, far more than any float format holds.

    Parameters
    ----------
    name : str
        One of the keys of ``REFERENCES``.
    x : array_like
        Real input, as for :func:`.sigmoid`.
    dps : int, optional
        Decimal digits of working precision, from 15 to 10,000.

    Returns
    -------
    list of mpmath.mpf
        One exact value per element of ``x`` (flattened, C order).
    """
    if not isinstance(name, str) or name not in REFERENCES:
        raise ValueError(
            f"reference() argument name: got {name!r:.60}; it must be one of "
            f"{', '.join(sorted(REFERENCES))}."
        )
    if isinstance(dps, (bool, np.bool_)) or not isinstance(dps, (int, np.integer)):
        raise TypeError(f"reference() argument dps: got {type(dps).__name__}; it must be an int.")
    if not 15 <= dps <= MAX_DPS:
        raise ValueError(f"reference() argument dps: got {dps}; it must be from 15 to {MAX_DPS}.")
    arr, _ = as_real_array(x, "reference")
    mp = _mp()
    f = REFERENCES[name]
    with mp.workdps(int(dps)):
        return [f(mp, _to_mpf(mp, v)) for v in arr.ravel()]


def ulp_error(computed: npt.ArrayLike, exact: Iterable[Any], dtype: npt.DTypeLike) -> np.ndarray:
    """Error of ``computed`` in ULPs of ``dtype``, measured at the exact values ``exact``.

    Both infinite with the same sign, or both NaN, counts as error 0; a NaN or infinity on
    one side only counts as ``inf``.

    Parameters
    ----------
    computed : array_like
        Computed real values, as for :func:`.sigmoid`.
    exact : iterable of mpmath numbers (or floats)
        The exact values, one per element of ``computed`` (flattened, C order).
    dtype : numpy floating dtype
        The format whose ULP is the unit: float16, float32, float64 or longdouble.

    Returns
    -------
    numpy.ndarray
        float64 errors, one per element, flattened.
    """
    bad_dtype = TypeError(
        f"ulp_error() argument dtype: got {dtype!r:.60}; it must be a real floating dtype "
        f"(float16, float32, float64 or longdouble)."
    )
    try:
        real = dtype is not None and np.dtype(dtype).kind == "f"
    except TypeError as exc:
        raise bad_dtype from exc
    if not real:  # np.dtype(None) is float64 and finfo(complex) describes its real part
        raise bad_dtype
    info = np.finfo(dtype)
    comp, _ = as_real_array(computed, "ulp_error", argname="computed")
    comp = comp.ravel()
    if isinstance(exact, (str, bytes)) or exact is None:
        raise TypeError(
            f"ulp_error() argument exact: got {type(exact).__name__}; it must be an iterable "
            f"of numbers, one per computed value."
        )
    mp = _mp()
    p = info.nmant + 1
    emin = int(info.minexp)
    try:
        values = list(itertools.islice(exact, comp.size + 1))  # endless iterators cannot hang
    except TypeError as exc:
        raise TypeError(
            f"ulp_error() argument exact: got {type(exact).__name__}, which is not iterable."
        ) from exc
    if len(values) != comp.size:
        raise ValueError(
            f"ulp_error() argument exact: got {len(values)} values for {comp.size} computed ones."
        )
    errors = np.empty(comp.size)
    with mp.workdps(60):
        for i, (c, y) in enumerate(zip(comp, values, strict=True)):
            c = _to_mpf(mp, c)
            try:
                y = _exact_to_mpf(mp, y)
            except (TypeError, ValueError) as exc:
                raise TypeError(
                    f"ulp_error() argument exact: element {i} is {type(y).__name__} "
                    f"{y!r:.40}, not a real number."
                ) from exc
            if mp.isnan(y) or mp.isnan(c):
                errors[i] = 0.0 if (mp.isnan(y) and mp.isnan(c)) else np.inf
            elif mp.isinf(y) or mp.isinf(c):
                errors[i] = 0.0 if c == y else np.inf
            else:
                e = emin if y == 0 else max(int(mp.floor(mp.log(abs(y), 2))), emin)
                errors[i] = float(abs(c - y) / mp.ldexp(1, e - p + 1))
    return errors
