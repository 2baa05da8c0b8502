r"""One hidden layer of sigmoids as a universal approximator, built by hand (chapter 4).

A network with one hidden layer of :math:`N` sigmoid units and a linear output computes

.. math::

    F(x) = W^2 \sigma(W^1 x + b^1) + b^2
         = \sum_{j=1}^{N} W^2_{1j}\, \sigma\bigl(W^1_j \cdot x + b^1_j\bigr) + b^2 ,

with :math:`W^1 \in \mathbb{R}^{N \times n}`, :math:`b^1 \in \mathbb{R}^N`,
:math:`W^2 \in \mathbb{R}^{1 \times N}` and :math:`b^2 \in \mathbb{R}`. The universal
approximation theorem (Cybenko 1989, Hornik 1991) says such networks come arbitrarily close
to any continuous function on a compact set, in the sup norm. This module builds one
explicitly on an interval: two steep sigmoids make a *bump*,
:math:`\sigma(c(x - l)) - \sigma(c(x - r))`, and :math:`K` bumps, one per cell of width
:math:`h = (b - a)/K`, with heights :math:`f` at the cells' centres, make a staircase close to
:math:`f`. It also measures the sup error on a grid and evaluates the chapter's bound on it,

.. math::

    \sup_{[a, b]} |F - f| \le \omega_f(h) + 2(R + M)\,\sigma(-ch/2),

where :math:`\omega_f` is the modulus of continuity, :math:`R = \max f - \min f` and
:math:`M = \max |f|`. Introduced in chapter 4.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from sigmoidlab._checks import finite_array, positive_int, positive_real, real_number
from sigmoidlab.kernels._arrays import FloatOrArray, as_real_array, finish
from sigmoidlab.kernels.logistic import sigmoid

__all__ = [
    "ShallowNetwork",
    "bump",
    "bump_error_bound",
    "bump_network",
    "modulus_of_continuity",
    "sup_error",
]

#: A target function: takes a 1-D float64 array of points, returns their values.
Target = Callable[[np.ndarray], Any]

# Rows of x evaluated at once, so that the (rows, N) hidden activations stay near 32 MiB.
_CHUNK_ELEMENTS = 1 << 22


def _interval(a: Any, b: Any) -> tuple[float, float]:
    """``(a, b)`` as floats; finite, with ``a < b``."""
    lo, hi = real_number(a, "a"), real_number(b, "b")
    if not lo < hi:
        raise ValueError(f"the interval needs a < b, got a={a!r}, b={b!r}")
    return lo, hi


def _values(f: Target, x: np.ndarray, name: str = "f") -> np.ndarray:
    """``f(x)`` as a finite float64 array of ``x``'s shape; clear errors otherwise."""
    if not callable(f):
        raise TypeError(f"{name} must be a function of an array of points, got {type(f).__name__}")
    y = finite_array(f(x), f"{name}(x)", allow_empty=True)
    if y.shape != x.shape:
        raise ValueError(
            f"{name} must return one value per point: got shape {y.shape} for {x.shape} points"
        )
    return y


def bump(x: npt.ArrayLike, left: float, right: float, steepness: float) -> FloatOrArray:
    r"""A bump from two sigmoid units: :math:`\sigma(c(x - l)) - \sigma(c(x - r))`.

    The first sigmoid switches on at :math:`l`, the second at :math:`r`; their difference is
    close to 1 on :math:`(l, r)` and close to 0 outside. As :math:`c \to \infty` it tends to the
    indicator of :math:`(l, r)` (and to ½ at :math:`l` and :math:`r`): for a point at distance
    :math:`d` outside the interval it is below :math:`\sigma(-cd) < e^{-cd}`, and at the centre
    it equals :math:`2\sigma(c(r - l)/2) - 1 = \tanh(c(r - l)/4)`. Introduced in chapter 4.

    Parameters
    ----------
    x : array_like
        Real input, as for :func:`sigmoidlab.kernels.logistic.sigmoid`; the result has its shape.
    left, right : float
        The edges :math:`l < r`, finite.
    steepness : float
        :math:`c > 0`, finite: the slope of each sigmoid at its edge is :math:`c/4`.

    Raises
    ------
    TypeError
        For non-real ``x`` or edges or steepness that are not real numbers.
    ValueError
        For ``left >= right``, a steepness that is not positive, or non-finite edges.
    """
    arr, scalar = as_real_array(x, "bump")
    lo, hi = real_number(left, "left"), real_number(right, "right")
    if not lo < hi:
        raise ValueError(f"bump needs left < right, got left={left!r}, right={right!r}")
    c = positive_real(steepness, "steepness")
    out = np.asarray(sigmoid(c * (arr - lo))) - np.asarray(sigmoid(c * (arr - hi)))
    return finish(np.asarray(out, dtype=arr.dtype), scalar)


@dataclass(frozen=True)
class ShallowNetwork:
    r"""A network with one hidden layer of sigmoid units and one linear output unit.

    Layer 1 (hidden, :math:`N` units) computes :math:`a^1 = \sigma(W^1 x + b^1)`; layer 2
    (output) computes :math:`F(x) = W^2 a^1 + b^2`, with no activation. All entries must be
    finite real numbers (else ``TypeError`` or ``ValueError``), and a wrong shape is a
    ``ValueError``. Introduced in chapter 4.

    Parameters
    ----------
    W1 : array_like
        Hidden weights, shape :math:`(N, n)`: row :math:`j` holds the weights of hidden
        unit :math:`j`.
    b1 : array_like
        Hidden biases, shape :math:`(N,)`.
    W2 : array_like
        Output weights, shape :math:`(1, N)`.
    b2 : array_like
        Output bias, shape :math:`(1,)`.
    """

    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray

    def __post_init__(self) -> None:
        W1 = finite_array(self.W1, "W1", ndim=2).copy()
        b1 = finite_array(self.b1, "b1", ndim=1).copy()
        W2 = finite_array(self.W2, "W2", ndim=2).copy()
        b2 = finite_array(self.b2, "b2", ndim=1).copy()
        N = W1.shape[0]
        if b1.shape != (N,) or W2.shape != (1, N) or b2.shape != (1,):
            raise ValueError(
                f"shapes do not fit one hidden layer of {N} units: W1 {W1.shape}, "
                f"b1 {b1.shape}, W2 {W2.shape}, b2 {b2.shape}; want (N, n), (N,), (1, N), (1,)"
            )
        for name, value in (("W1", W1), ("b1", b1), ("W2", W2), ("b2", b2)):
            value.setflags(write=False)
            object.__setattr__(self, name, value)

    @property
    def hidden_units(self) -> int:
        """:math:`N`, the number of hidden units."""
        return int(self.W1.shape[0])

    @property
    def inputs(self) -> int:
        """:math:`n`, the number of inputs."""
        return int(self.W1.shape[1])

    def hidden(self, x: npt.ArrayLike) -> np.ndarray:
        r"""The hidden activations :math:`a^1 = \sigma(W^1 x + b^1)`, one row per point."""
        X = self._points(x)
        return np.asarray(sigmoid(X @ self.W1.T + self.b1))

    def output(self, x: npt.ArrayLike) -> np.ndarray:
        r""":math:`F(x) = W^2 \sigma(W^1 x + b^1) + b^2` at each point.

        ``x`` is a 1-D array of points when the network has one input (``n = 1``), or an
        array of shape (points, n). Returns a 1-D array, one value per point. Large inputs
        are evaluated in chunks, so memory stays bounded for any number of points.
        """
        X = self._points(x)
        rows = max(1, _CHUNK_ELEMENTS // max(1, self.hidden_units))
        out = np.empty(X.shape[0])
        w2, b2 = self.W2[0], float(self.b2[0])
        for start in range(0, X.shape[0], rows):
            block = X[start : start + rows]
            out[start : start + rows] = np.asarray(sigmoid(block @ self.W1.T + self.b1)) @ w2
        return out + b2

    def _points(self, x: npt.ArrayLike) -> np.ndarray:
        X = finite_array(x, "x", ndim=(0, 1, 2), allow_empty=True)
        if X.ndim < 2:
            if self.inputs != 1:
                raise ValueError(
                    f"the network has {self.inputs} inputs: pass x with shape (points, "
                    f"{self.inputs}), got shape {X.shape}"
                )
            X = X.reshape(-1, 1)
        elif X.shape[1] != self.inputs:
            raise ValueError(
                f"x has {X.shape[1]} input(s) per point (shape {X.shape}); the network has "
                f"{self.inputs}"
            )
        return X


def bump_network(f: Target, a: float, b: float, bumps: int, steepness: float) -> ShallowNetwork:
    r"""The network of ``bumps`` sigmoid bumps that approximates ``f`` on :math:`[a, b]`.

    Cut :math:`[a, b]` into :math:`K` cells of width :math:`h = (b - a)/K` with centres
    :math:`m_k = a + (k - \tfrac12)h`. Bump :math:`k` runs from edge :math:`e_{k-1}` to
    :math:`e_k`, where :math:`e_k = a + kh` except for the two outer edges, which lie one cell
    beyond the interval (:math:`e_0 = a - h`, :math:`e_K = b + h`) so that no edge sits at an
    end of the interval. The network is

    .. math::

        F(x) = \sum_{k=1}^{K} f(m_k)\,\bigl[\sigma(c(x - e_{k-1})) - \sigma(c(x - e_k))\bigr],

    one hidden layer of :math:`N = 2K` units: unit :math:`2k-1` has weight :math:`c` and
    bias :math:`-c\,e_{k-1}` and output weight :math:`f(m_k)`; unit :math:`2k` has weight
    :math:`c`, bias :math:`-c\,e_k` and output weight :math:`-f(m_k)`; the output bias is 0.
    Introduced in chapter 4.

    Parameters
    ----------
    f : callable
        The target: given a 1-D float64 array of points, returns their (finite, real) values.
    a, b : float
        The interval, :math:`a < b`, finite.
    bumps : int
        :math:`K \ge 1`, the number of bumps.
    steepness : float
        :math:`c > 0`: every hidden unit has weight :math:`c`.
    """
    lo, hi = _interval(a, b)
    K = positive_int(bumps, "bumps")
    c = positive_real(steepness, "steepness")
    h = (hi - lo) / K
    centres = lo + (np.arange(1, K + 1) - 0.5) * h
    heights = _values(f, centres)
    edges = lo + np.arange(K + 1) * h
    edges[0], edges[-1] = lo - h, hi + h
    # unit 2k-1 switches on at e_{k-1}, unit 2k at e_k (k = 1..K)
    switch_at = np.column_stack([edges[:-1], edges[1:]]).ravel()
    W1 = np.full((2 * K, 1), c)
    b1 = -c * switch_at
    W2 = np.column_stack([heights, -heights]).reshape(1, 2 * K)
    return ShallowNetwork(W1, b1, W2, np.zeros(1))


def _grid(a: float, b: float, points: int) -> np.ndarray:
    lo, hi = _interval(a, b)
    return np.linspace(lo, hi, positive_int(points, "points", minimum=2))


def sup_error(
    f: Target, network: ShallowNetwork, a: float, b: float, points: int = 20_001
) -> float:
    r"""The sup error :math:`\max_i |F(x_i) - f(x_i)|` on ``points`` equally spaced points.

    The grid includes :math:`a` and :math:`b`. It estimates :math:`\sup_{[a, b]} |F - f|`
    from below: the true supremum can lie between grid points. Introduced in chapter 4.
    """
    if not isinstance(network, ShallowNetwork):
        raise TypeError(f"network must be a ShallowNetwork, got {type(network).__name__}")
    x = _grid(a, b, points)
    return float(np.max(np.abs(network.output(x) - _values(f, x))))


def modulus_of_continuity(
    f: Target, a: float, b: float, delta: float, points: int = 20_001
) -> float:
    r"""The modulus of continuity :math:`\omega_f(\delta) = \sup\{|f(x) - f(y)| :
    x, y \in [a, b],\ |x - y| \le \delta\}`, on a grid.

    On ``points`` equally spaced points with spacing :math:`\Delta`, it is the largest range
    :math:`\max f - \min f` over any run of grid points spanning at most :math:`\delta`
    (a lower estimate of the true value; for a smooth :math:`f` the two differ by at most
    :math:`\max|f'|\,\Delta`). For an :math:`L`-Lipschitz :math:`f`,
    :math:`\omega_f(\delta) \le L\delta`. Introduced in chapter 4.
    """
    x = _grid(a, b, points)
    d = positive_real(delta, "delta")
    y = _values(f, x)
    span = min(int(np.floor(d / (x[1] - x[0]) * (1 + 1e-12))), x.size - 1)
    if span == 0:
        return 0.0
    # running max and min over windows of span + 1 points (van Herk/Gil-Werman, O(points))
    from scipy.ndimage import maximum_filter1d, minimum_filter1d

    width = span + 1
    highs = maximum_filter1d(y, size=width, origin=-(width // 2))[: x.size - span]
    lows = minimum_filter1d(y, size=width, origin=-(width // 2))[: x.size - span]
    return float(np.max(highs - lows))


def bump_error_bound(
    f: Target, a: float, b: float, bumps: int, steepness: float, points: int = 20_001
) -> float:
    r"""The chapter's bound on the sup error of :func:`bump_network`:

    .. math::

        \sup_{[a, b]} |F - f| \le \omega_f(h) + 2(R + M)\,\sigma(-ch/2),
        \qquad h = \frac{b - a}{K},

    with :math:`R = \max f - \min f` and :math:`M = \max|f|` on :math:`[a, b]`. The first
    term is the staircase's error (each point is within :math:`h` of the centres of the
    cells that carry its weight); the second bounds the sigmoids' tails, which leak the
    other bumps' heights in and let the bumps' sum fall short of 1. All three quantities of
    :math:`f` are taken on a grid of ``points`` points. Introduced in chapter 4.
    """
    lo, hi = _interval(a, b)
    K = positive_int(bumps, "bumps")
    c = positive_real(steepness, "steepness")
    h = (hi - lo) / K
    y = _values(f, _grid(lo, hi, points))
    spread, size = float(y.max() - y.min()), float(np.max(np.abs(y)))
    tail = 2 * (spread + size) * float(sigmoid(-c * h / 2))
    return modulus_of_continuity(f, lo, hi, h, points) + tail
