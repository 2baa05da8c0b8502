"""Input handling shared by every elementwise function in :mod:`sigmoidlab`.

Two jobs live here, so that each public function can stay a few lines of maths:

* :func:`as_real_array` turns what a reader passes (a Python number, a list, a NumPy
  array or scalar) into a floating-point array, or refuses it with a ``TypeError`` that says
  what was given and what is accepted.
* :func:`blockwise` runs a kernel over an array in cache-sized blocks. The stable formulas
  need several passes (``exp``, ``add``, ``divide``, ...); doing them block by block keeps
  the data in the CPU cache between passes and keeps temporary memory small, which is what
  lets a pure-NumPy sigmoid keep up with SciPy's compiled ``expit``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

#: What the public functions accept: a real number, a nested sequence of them, or an array.
ArrayLike = npt.ArrayLike
#: What they return: a NumPy floating scalar for scalar input, an array otherwise.
FloatOrArray = np.floating[Any] | npt.NDArray[np.floating[Any]]

ACCEPTED = (
    "a real number (int or float), a list or tuple of them, or a NumPy array or scalar "
    "of integer, boolean or floating dtype"
)

# 2**14 elements: 128 KiB per float64 buffer, so a block and its temporary both sit in L2.
BLOCK = 1 << 14

Kernel = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray], None]


def as_real_array(x: ArrayLike, func: str) -> tuple[np.ndarray, bool]:
    """Convert ``x`` to a floating-point array; say whether it was a scalar.

    Integers and booleans become float64 (as in NumPy's own ``np.exp``); float16, float32,
    float64 and longdouble keep their dtype. Anything else (strings, ``None``, dicts,
    complex numbers, object arrays, dates) raises ``TypeError``.
    """
    if isinstance(x, (str, bytes, dict, set)) or x is None:
        raise TypeError(f"{func}() got {type(x).__name__} {x!r:.60}; it accepts {ACCEPTED}.")
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as exc:  # ragged lists and the like
        raise TypeError(
            f"{func}() could not read {type(x).__name__} as an array ({exc}); "
            f"it accepts {ACCEPTED}."
        ) from exc
    kind = arr.dtype.kind
    if kind in "biu":
        arr = arr.astype(np.float64)
    elif kind != "f":
        what = "complex numbers" if kind == "c" else f"dtype {arr.dtype}"
        raise TypeError(f"{func}() got {type(x).__name__} of {what}; it accepts {ACCEPTED}.")
    return arr, arr.ndim == 0


def prepare_out(out: np.ndarray | None, x: np.ndarray, func: str) -> np.ndarray:
    """Check a caller's ``out=`` array, or allocate a fresh one like ``x``."""
    if out is None:
        return np.empty_like(x, order="C")
    if not isinstance(out, np.ndarray):
        raise TypeError(f"{func}() needs out= to be a NumPy array, got {type(out).__name__}.")
    if out.shape != x.shape:
        raise ValueError(f"{func}() out= has shape {out.shape}, the input has {x.shape}.")
    if out.dtype != x.dtype:
        raise ValueError(f"{func}() out= has dtype {out.dtype}, the result has dtype {x.dtype}.")
    return out


def blockwise(kernel: Kernel, x: np.ndarray, out: np.ndarray, tmp_dtype: np.dtype) -> None:
    """Apply ``kernel(x_block, out_block, tmp, mask)`` block by block, writing into ``out``.

    ``x`` and ``out`` may be the same array (in-place use): kernels read everything they
    need from ``x_block`` before they first write to ``out_block``.
    """
    flat_x = x.reshape(-1)  # a view when x is contiguous, a copy otherwise
    direct = out.flags.c_contiguous
    flat_out = out.reshape(-1) if direct else np.empty(out.size, dtype=out.dtype)
    n = flat_x.size
    size = min(n, BLOCK)
    tmp = np.empty(size, dtype=tmp_dtype)
    mask = np.empty(size, dtype=bool)
    for start in range(0, n, BLOCK):
        stop = min(start + BLOCK, n)
        m = stop - start
        kernel(flat_x[start:stop], flat_out[start:stop], tmp[:m], mask[:m])
    if not direct:
        out[...] = flat_out.reshape(out.shape)


def finish(out: np.ndarray, scalar: bool) -> FloatOrArray:
    """Return a NumPy scalar for scalar input (as ufuncs do), the array otherwise."""
    return out[()] if scalar else out
