r"""Measuring accuracy in ULPs against a high-precision reference (mpmath).

An ULP (unit in the last place) of a real number :math:`y` in a binary format with
:math:`p` significand bits is the gap between consecutive floats around :math:`y`:

.. math::

    \operatorname{ulp}(y) = 2^{\max(\lfloor \log_2 |y| \rfloor,\ e_{\min}) - p + 1},

where :math:`e_{\min}` is the smallest normal exponent (below it the gap stays at the
subnormal spacing). The error of a computed value :math:`c` is :math:`|c - y| /
\operatorname{ulp}(y)` with :math:`y` the exact value; a correctly rounded result has error
at most 0.5. Used by the accuracy tests and in chapter 5. Needs ``mpmath``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["REFERENCES", "reference", "ulp_error"]


def _mp() -> Any:
    try:
        import mpmath
    except ImportError as exc:  # pragma: no cover - mpmath is in requirements.txt
        raise ImportError("sigmoidlab.accuracy needs mpmath: pip install mpmath") from exc
    return mpmath


def _sigmoid(mp: Any, x: Any) -> Any:
    return 1 / (1 + mp.exp(-x))


def _derivative(mp: Any, x: Any) -> Any:
    # sigma(x) * sigma(-x): the form s * (1 - s) would cancel even at 50 digits for x > 115
    return _sigmoid(mp, x) * _sigmoid(mp, -x)


def _log_sigmoid(mp: Any, x: Any) -> Any:
    return -mp.log1p(mp.exp(-x))


def _logit(mp: Any, p: Any) -> Any:
    if p == 0:
        return mp.ninf
    if p == 1:
        return mp.inf
    return mp.log(p / (1 - p))


#: Exact definitions, evaluated by mpmath at high precision.
REFERENCES: dict[str, Callable[[Any, Any], Any]] = {
    "sigmoid": _sigmoid,
    "sigmoid_derivative": _derivative,
    "log_sigmoid": _log_sigmoid,
    "logit": _logit,
}


def reference(name: str, x: Iterable[float], dps: int = 50) -> list[Any]:
    """Evaluate the exact function ``name`` at each (exactly represented) float in ``x``.

    The floats are converted to mpmath numbers without rounding, and the function is
    evaluated with ``dps`` decimal digits, far more than any float format holds.
    """
    mp = _mp()
    f = REFERENCES[name]
    with mp.workdps(dps):
        return [
            f(mp, mp.mpf(float(v)) if not isinstance(v, np.longdouble) else mp.mpf(str(v)))
            for v in np.asarray(x).ravel()
        ]


def ulp_error(computed: npt.ArrayLike, exact: Iterable[Any], dtype: npt.DTypeLike) -> np.ndarray:
    """Error of ``computed`` in ULPs of ``dtype``, measured at the exact values ``exact``.

    Both infinite with the same sign, or both NaN, counts as error 0; a NaN or infinity on
    one side only counts as ``inf``.
    """
    mp = _mp()
    info = np.finfo(dtype)
    p = info.nmant + 1
    emin = int(info.minexp)
    comp = np.asarray(computed).ravel()
    errors = np.empty(comp.size)
    with mp.workdps(60):
        for i, (c, y) in enumerate(zip(comp, exact, strict=True)):
            c = mp.mpf(float(c)) if not isinstance(c, np.longdouble) else mp.mpf(str(c))
            if mp.isnan(y) or mp.isnan(c):
                errors[i] = 0.0 if (mp.isnan(y) and mp.isnan(c)) else np.inf
            elif mp.isinf(y) or mp.isinf(c):
                errors[i] = 0.0 if c == y else np.inf
            else:
                e = emin if y == 0 else max(int(mp.floor(mp.log(abs(y), 2))), emin)
                errors[i] = float(abs(c - y) / mp.ldexp(1, e - p + 1))
    return errors
