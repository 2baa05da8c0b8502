"""Input handling shared by every elementwise function in ``sigmoidlab``.

Two jobs live here, so that each public function can stay a few lines of maths:

* :func:`as_real_array` turns what a reader passes (a Python number, a list, a NumPy
  array or scalar) into a floating-point array, or refuses it with a ``TypeError`` (or, for
  an integer too large for any float, a ``ValueError``) that names the function and the
  argument, says what was given and what is accepted.
* :func:`blockwise` runs a kernel over an array in cache-sized blocks. The stable formulas
  need several passes (``exp``, ``add``, ``divide``, ...); doing them block by block keeps
  the data in the CPU cache between passes and keeps temporary memory small, which is what
  lets a pure-NumPy sigmoid keep up with SciPy's compiled ``expit``. It follows NumPy's ufunc
  rules for ``out=``: an ``out`` that overlaps the input (other than exactly, in place) is
  handled by copying the input first, and ``out`` only ever receives final values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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

# A block is 128 KiB of the work dtype: 2**14 float64 or 2**15 float32 values. A kernel's
# scratch (two or three such buffers and a mask) then stays in a 1 MiB L2 cache between
# passes. Smaller blocks pay NumPy's fixed cost per call (about half a microsecond) more
# often: at 2**12 float64 values that overhead alone is about 0.1 ns per element per pass.
# Chapter 8 measures this.
BLOCK_BYTES = 1 << 17
#: Elements per block for float64 work (the longest block any float64 kernel sees).
BLOCK = BLOCK_BYTES // 8


def block_length(work_dtype: npt.DTypeLike) -> int:
    """Elements per block for a kernel working in ``work_dtype``: 128 KiB of it."""
    return max(1, BLOCK_BYTES // np.dtype(work_dtype).itemsize)


#: ``kernel(x_block, out_block, scratch, mask)``: reads ``x_block``, may use the private
#: ``scratch`` arrays (work dtype) and ``mask`` (bool) freely, and writes ``out_block``
#: exactly once, with its last operation, after its last read of ``x_block``.
Kernel = Callable[[np.ndarray, np.ndarray, Sequence[np.ndarray], np.ndarray], None]

_NOT_REAL = {"c": "complex numbers", "U": "strings", "S": "bytes", "M": "dates", "m": "times"}


def as_real_array(x: ArrayLike, func: str, *, argname: str = "x") -> tuple[np.ndarray, bool]:
    r"""Convert ``x`` to a floating-point array; say whether it was a scalar.

    Integers and booleans become float64 (as in NumPy's own ``np.exp``), Python integers
    too large for int64 included; float16, float32, float64 and longdouble keep their dtype.
    Anything else (strings, bytes, ``None``, dicts, complex numbers, object arrays, dates,
    masked arrays) raises ``TypeError``; an integer beyond float64's range (about
    :math:`1.8 \times 10^{308}`) raises ``ValueError``. Messages start with
    ``"{func}() argument {argname}"``.
    """
    where = f"{func}() argument {argname}"
    if isinstance(x, np.ma.MaskedArray):
        # np.asarray would drop the mask and compute on whatever lies under it.
        raise TypeError(
            f"{where}: got a masked array (numpy.ma), whose mask would be lost; pass "
            f"x.filled(np.nan) to get NaN where masked, or x.compressed() for the unmasked "
            f"values. It accepts {ACCEPTED}."
        )
    if x is None or isinstance(x, (str, bytes, bytearray, dict, set, frozenset)):
        raise TypeError(f"{where}: got {type(x).__name__} {x!r:.60}; it accepts {ACCEPTED}.")
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as exc:  # ragged lists and the like
        raise TypeError(
            f"{where}: could not read {type(x).__name__} as an array ({exc}); "
            f"it accepts {ACCEPTED}."
        ) from exc
    kind = arr.dtype.kind
    if kind == "O" and not isinstance(x, np.ndarray):
        # Python ints beyond int64 make NumPy fall back to an object array.
        arr = _python_numbers_to_float(arr, x, where)
        kind = arr.dtype.kind
    if kind in "biu":
        arr = arr.astype(np.float64)
    elif kind != "f":
        what = _NOT_REAL.get(kind, f"dtype {arr.dtype}")
        if kind == "O":
            kinds = sorted({type(v).__name__ for v in arr.flat})[:4]
            what = f"dtype object (holding {', '.join(kinds) or 'nothing'})"
        raise TypeError(
            f"{where}: got {type(x).__name__} of {what} (dtype {arr.dtype}); it accepts {ACCEPTED}."
        )
    return arr, arr.ndim == 0


def _python_numbers_to_float(arr: np.ndarray, x: object, where: str) -> np.ndarray:
    """Convert an object array of Python ints and floats to float64; leave others alone."""
    numbers = (int, float, np.integer, np.floating)
    if arr.size == 0 or not all(isinstance(v, numbers) for v in arr.flat):
        return arr  # refused by the caller, with the element types named
    try:
        return arr.astype(np.float64)
    except OverflowError as exc:
        raise ValueError(
            f"{where}: got {type(x).__name__} holding an integer too large for float64 "
            f"(magnitude 2**1024 or more); pass a float (for example float('inf')) instead."
        ) from exc


def prepare_out(out: np.ndarray | None, x: np.ndarray, func: str) -> np.ndarray:
    """Check a caller's ``out=`` array, or allocate a fresh one like ``x``."""
    if out is None:
        return np.empty_like(x, order="C")
    if not isinstance(out, np.ndarray) or isinstance(out, np.ma.MaskedArray):
        raise TypeError(
            f"{func}() argument out= must be a NumPy array (not masked), got {type(out).__name__}."
        )
    if out.shape != x.shape:
        raise ValueError(f"{func}() argument out= has shape {out.shape}, the input has {x.shape}.")
    if out.dtype != x.dtype:
        raise ValueError(
            f"{func}() argument out= has dtype {out.dtype}, the result has dtype {x.dtype}."
        )
    if not out.flags.writeable:
        raise ValueError(f"{func}() argument out= is read-only.")
    return out


def overlaps(x: np.ndarray, out: np.ndarray) -> bool:
    """True if writing ``out`` could change ``x`` before it is read (ufunc semantics).

    Exactly the same memory (in-place use, same start, strides and dtype) is safe for an
    elementwise kernel and counts as no overlap.
    """
    if not np.may_share_memory(x, out):
        return False
    same = (
        x.__array_interface__["data"][0] == out.__array_interface__["data"][0]
        and x.strides == out.strides
        and x.shape == out.shape
        and x.dtype == out.dtype
    )
    if same:
        return False
    try:
        # NumPy's stubs allow only -1 and 0 here; the function takes any bound on its work.
        return bool(np.shares_memory(x, out, max_work=10_000))  # type: ignore[arg-type]
    except np.exceptions.TooHardError:  # pragma: no cover - exotic stride patterns
        return True


def blockwise(
    kernel: Kernel, x: np.ndarray, out: np.ndarray, work_dtype: npt.DTypeLike, n_scratch: int = 2
) -> None:
    """Apply ``kernel`` block by block, writing final values into ``out``.

    The kernel gets ``n_scratch`` private arrays of ``work_dtype`` (one block each) for its
    intermediate results, so ``out`` is written once per element, with the final value:
    another thread reading ``out`` never sees a half-finished result. If ``out`` overlaps
    ``x`` other than exactly, ``x`` is copied first (as NumPy's ufuncs do); exact in-place
    use needs no copy, because each block reads its input before it writes its output.
    """
    if out.size == 0:
        return
    if overlaps(x, out):
        x = x.copy()
    step = block_length(work_dtype)
    size = min(out.size, step)
    scratch = [np.empty(size, dtype=work_dtype) for _ in range(n_scratch)]
    mask = np.empty(size, dtype=bool)
    # A narrower input (float16, float32) is converted once per block, so that the kernel's
    # operations run on work-dtype arrays, not on NumPy's slow float16 loops or mixed types.
    wide = np.empty(size, dtype=work_dtype) if x.dtype != np.dtype(work_dtype) else None

    # For float16 results the kernel writes into a private work-dtype block, which is then
    # rounded to float16 in two steps (see _round_half_subnormals) and copied into out.
    half = out.dtype == np.float16 and np.dtype(work_dtype) != out.dtype
    final = [np.empty(size, dtype=work_dtype) for _ in range(2)] if half else []

    def run(xb: np.ndarray, ob: np.ndarray) -> None:
        m = xb.size
        part = scratch if m == size else [s[:m] for s in scratch]
        if wide is not None:
            np.copyto(wide[:m], xb)
            xb = wide[:m]
        if not half:
            kernel(xb, ob, part, mask[:m])
            return
        y, t = final[0][:m], final[1][:m]
        kernel(xb, y, part, mask[:m])
        _round_half_subnormals(y, t, mask[:m])
        np.copyto(ob, y)

    if x.flags.c_contiguous and out.flags.c_contiguous:
        flat_x, flat_out = x.reshape(-1), out.reshape(-1)  # views, no copies
        n = flat_x.size
        if wide is None and not half:  # the common case, kept free of per-block overhead
            for start in range(0, n - size + 1, size):
                kernel(flat_x[start : start + size], flat_out[start : start + size], scratch, mask)
            tail = n % size
            if tail:
                part = [s[:tail] for s in scratch]
                kernel(flat_x[n - tail :], flat_out[n - tail :], part, mask[:tail])
            return
        for start in range(0, n, step):
            stop = min(start + step, n)
            run(flat_x[start:stop], flat_out[start:stop])
        return
    # Any other layout: nditer hands out blocks of at most `step` elements, buffering (and
    # writing back) only the operands that need it, so no full-size temporary is made.
    it = np.nditer(
        [x, out],
        flags=["external_loop", "buffered", "zerosize_ok"],
        op_flags=[["readonly"], ["writeonly"]],
        buffersize=step,
        order="K",
    )
    with it:
        for xb, ob in it:
            run(xb, ob)


# Rounding a double to a float16 subnormal is exact on the grid 2**-24 * k; adding and
# subtracting 1.5 * 2**28 (whose ULP in float64 is 2**-24) rounds to that grid, ties to even.
_HALF_TINY = 2.0**-14  # smallest normal float16
_HALF_MAGIC = 1.5 * 2.0**28


def _round_half_subnormals(y: np.ndarray, t: np.ndarray, mask: np.ndarray) -> None:
    """Round the entries of ``y`` (float32/64) that are float16 subnormals to float16's grid.

    NumPy's cast to float16 is correctly rounded, but for each inexact subnormal result it
    raises the underflow flag through a slow path (about 60 ns per element, 40 times the
    cast itself). Values already on the grid convert exactly and quickly. Normal values are
    left alone, so the cast rounds them once, correctly.
    """
    np.abs(y, out=t)
    np.less(t, _HALF_TINY, out=mask)  # NaN compares False and is left alone
    np.add(y, _HALF_MAGIC, out=t)
    np.subtract(t, _HALF_MAGIC, out=t)
    np.copysign(t, y, out=y, where=mask)  # copysign keeps -0 for results that round to -0


def finish(out: np.ndarray, scalar: bool, given: bool = False) -> FloatOrArray:
    """Return what a ufunc would: ``out`` itself if the caller passed it, else a NumPy
    scalar for scalar input and the array otherwise."""
    if given:
        return out
    return out[()] if scalar else out
