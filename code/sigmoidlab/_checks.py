"""Argument checks shared by the models and helpers (neurons, networks, regression, ...).

Each check either returns the argument in the form the caller computes with, or raises a
``TypeError`` (wrong kind of thing: a string, ``None``, a complex array) or a ``ValueError``
(right kind, wrong value: a negative step size, a NaN in the data, a mismatched length) whose
message names the argument. They never change a valid argument's values, so results for valid
input are the same with and without them.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "finite_array",
    "labels_01",
    "positive_int",
    "positive_real",
    "real_number",
]


def real_number(value: Any, name: str, *, finite: bool = True) -> float:
    """``value`` as a float; TypeError unless it is a real number (not a bool)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r:.60}")
    out = float(value)
    if finite and not np.isfinite(out):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return out


def positive_real(value: Any, name: str) -> float:
    """``value`` as a float; it must be a finite real number above 0."""
    out = real_number(value, name, finite=False)
    if not (np.isfinite(out) and out > 0):  # NaN fails both comparisons
        raise ValueError(f"{name} must be positive and finite, got {value!r}")
    return out


def positive_int(value: Any, name: str, *, minimum: int = 1) -> int:
    """``value`` as an int; it must be an integer (Python or NumPy, not bool) >= ``minimum``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r:.60}")
    out = int(value)
    if out < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {out}")
    return out


def finite_array(
    value: npt.ArrayLike,
    name: str,
    *,
    ndim: int | tuple[int, ...] | None = None,
    allow_empty: bool = False,
    finite: bool = True,
) -> np.ndarray:
    """``value`` as a float64 array of real (and, if ``finite``, finite) numbers with
    ``ndim`` dimensions."""
    if value is None or isinstance(value, (str, bytes, dict, set)):
        raise TypeError(f"{name} must be an array of real numbers, got {type(value).__name__}")
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError) as exc:  # ragged nested lists
        raise TypeError(f"{name} could not be read as an array of numbers ({exc})") from exc
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold real numbers, got an array of dtype {arr.dtype}")
    arr = arr.astype(np.float64, copy=False)
    dims = (ndim,) if isinstance(ndim, int) else ndim
    if dims is not None and arr.ndim not in dims:
        want = " or ".join(str(d) for d in dims)
        raise ValueError(f"{name} must have {want} dimension(s), got shape {arr.shape}")
    if not allow_empty and arr.size == 0:
        raise ValueError(f"{name} is empty (shape {arr.shape})")
    if finite and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr


def labels_01(value: npt.ArrayLike, name: str, n: int, *, soft: bool = False) -> np.ndarray:
    """Labels for ``n`` examples as a 1-D float64 array; each 0 or 1 (in [0, 1] if ``soft``)."""
    y = finite_array(value, name, ndim=1)
    if y.size != n:
        raise ValueError(f"{name} has {y.size} labels for {n} examples; they must be equal")
    ok = (y >= 0) & (y <= 1) if soft else (y == 0) | (y == 1)
    if not np.all(ok):
        bad = np.unique(y[~ok])[:5]
        want = "in [0, 1]" if soft else "0 or 1"
        raise ValueError(f"{name} must be {want}; got values such as {bad.tolist()}")
    return y
