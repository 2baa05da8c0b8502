r"""One step of an LSTM cell: three sigmoid gates decide what to forget, write and show.

.. math::

    f = \sigma(W_f [h, x] + b_f),\quad i = \sigma(W_i [h, x] + b_i),\quad
    o = \sigma(W_o [h, x] + b_o),\quad \tilde c = \tanh(W_c [h, x] + b_c),

    c' = f \odot c + i \odot \tilde c, \qquad h' = o \odot \tanh(c').

Each gate is a vector of numbers in (0, 1) that multiplies a signal elementwise: a soft,
differentiable switch (Hochreiter and Schmidhuber, 1997; the forget gate is Gers et al.'s).

The same switch appears in the gated recurrent unit (:class:`GRUCell`, Cho et al., 2014) and
in the gated linear units of feed-forward layers (:func:`glu`, Dauphin et al., 2017;
:func:`swiglu`, Shazeer, 2020), introduced in chapter 9.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, TypeVar

import numpy as np
import numpy.typing as npt

from sigmoidlab._checks import finite_array, positive_int
from sigmoidlab.kernels.activations import silu
from sigmoidlab.kernels.logistic import sigmoid

__all__ = ["GRUCell", "LSTMCell", "glu", "swiglu"]


GATES = "fioc"  # forget, input, output, candidate


Params = dict[str, np.ndarray]


def _checked_params(W: Params, b: Params, keys: str) -> tuple[Params, Params]:
    """A recurrent cell's weights and biases, checked: one (hidden, hidden + inputs) matrix
    and one length-hidden vector per key (a letter of ``keys``), finite, all of the same shape."""
    for name, params in (("W", W), ("b", b)):
        if not isinstance(params, dict):
            raise TypeError(f"{name} must be a dict with keys {list(keys)}")
        if set(params) != set(keys):
            raise ValueError(f"{name} must have exactly the keys {list(keys)}")
    W = {g: finite_array(W[g], f"W[{g!r}]", ndim=2) for g in keys}
    b = {g: finite_array(b[g], f"b[{g!r}]", ndim=1) for g in keys}
    first = keys[0]
    shape = W[first].shape
    if shape[1] <= shape[0]:
        raise ValueError(f"W[{first!r}] has shape {shape}: need (hidden, hidden + inputs)")
    for g in keys:
        if W[g].shape != shape or b[g].shape != (shape[0],):
            raise ValueError(
                f"{g!r}: W has shape {W[g].shape} and b {b[g].shape}; "
                f"each of {list(keys)} needs W {shape} and b ({shape[0]},)"
            )
    return W, b


def _random_params(keys: str, inputs: int, hidden: int, seed: int) -> tuple[Params, Params]:
    r"""Weights :math:`\mathcal N(0, 1/(inputs + hidden))` and zero biases, one per key."""
    inputs, hidden = positive_int(inputs, "inputs"), positive_int(hidden, "hidden")
    rng = np.random.default_rng(seed)
    scale = 1 / np.sqrt(inputs + hidden)
    W = {g: rng.normal(0, scale, (hidden, hidden + inputs)) for g in keys}
    return W, {g: np.zeros(hidden) for g in keys}


_Cell = TypeVar("_Cell", bound="_RecurrentCell")


@dataclass
class _RecurrentCell:
    """What the LSTM and GRU cells share: one weight matrix and one bias vector per letter of
    ``KEYS``, checked when the cell is made."""

    KEYS: ClassVar[str]
    W: dict[str, np.ndarray]
    b: dict[str, np.ndarray]

    def __post_init__(self) -> None:
        self.W, self.b = _checked_params(self.W, self.b, self.KEYS)

    @property
    def hidden(self) -> int:
        """Size of the hidden state (and of an LSTM's cell state)."""
        return int(self.W[self.KEYS[0]].shape[0])

    @property
    def inputs(self) -> int:
        """Size of the input vector."""
        return int(self.W[self.KEYS[0]].shape[1]) - self.hidden

    @classmethod
    def random(cls: type[_Cell], inputs: int, hidden: int, seed: int = 0) -> _Cell:
        r"""A cell with weights :math:`\mathcal N(0, 1/(inputs + hidden))` and zero biases."""
        return cls(*_random_params(cls.KEYS, inputs, hidden, seed))


@dataclass
class LSTMCell(_RecurrentCell):
    """Weights ``W[g]`` (hidden x (hidden + input)) and biases ``b[g]`` for g in f, i, o, c.

    Parameters
    ----------
    W : dict of str to array
        For each gate "f", "i", "o" and "c", a finite matrix of shape
        (hidden, hidden + inputs); the same shape for all four.
    b : dict of str to array
        For each gate, a finite vector of length hidden.
    """

    KEYS: ClassVar[str] = GATES

    def step(
        self, x: npt.ArrayLike, h: npt.ArrayLike, c: npt.ArrayLike
    ) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
        """New hidden state, new cell state, and the gate values used.

        ``x`` has :attr:`inputs` entries, ``h`` and ``c`` have :attr:`hidden`; all finite.
        """
        x_arr = finite_array(x, "x", ndim=1)
        h_arr = finite_array(h, "h", ndim=1)
        c_arr = finite_array(c, "c", ndim=1)
        for name, arr, size in (("x", x_arr, self.inputs), ("h", h_arr, self.hidden)):
            if arr.size != size:
                raise ValueError(f"{name} has {arr.size} entries; the cell needs {size}")
        if c_arr.size != self.hidden:
            raise ValueError(f"c has {c_arr.size} entries; the cell needs {self.hidden}")
        hx = np.concatenate([h_arr, x_arr])
        gates = {g: np.asarray(sigmoid(self.W[g] @ hx + self.b[g])) for g in "fio"}
        candidate = np.tanh(self.W["c"] @ hx + self.b["c"])
        c_new = gates["f"] * c_arr + gates["i"] * candidate
        h_new = gates["o"] * np.tanh(c_new)
        return h_new, c_new, gates


GRU_WEIGHTS = "zrh"  # update gate, reset gate, candidate


@dataclass
class GRUCell(_RecurrentCell):
    r"""A gated recurrent unit (Cho et al., 2014): two sigmoid gates, no separate memory.

    Introduced in chapter 9. With :math:`[h, x]` the concatenation of the state and the
    input,

    .. math::

        z = \sigma(W_z [h, x] + b_z), \qquad r = \sigma(W_r [h, x] + b_r),

        \tilde h = \tanh\bigl(W_h [r \odot h, x] + b_h\bigr), \qquad
        h' = z \odot h + (1 - z) \odot \tilde h .

    The update gate :math:`z` decides how much of the old state to keep (Cho et al.'s
    convention; some libraries swap :math:`z` and :math:`1 - z`), the reset gate :math:`r`
    how much of it the candidate :math:`\tilde h` may read. Each new state entry is a
    convex combination of the old entry and a number in :math:`(-1, 1)`.

    Parameters
    ----------
    W : dict of str to array
        For each of "z", "r" and "h", a finite matrix of shape (hidden, hidden + inputs).
    b : dict of str to array
        For each of "z", "r" and "h", a finite vector of length hidden.
    """

    KEYS: ClassVar[str] = GRU_WEIGHTS

    def step(self, x: npt.ArrayLike, h: npt.ArrayLike) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """New hidden state and the gate values ``{"z": ..., "r": ...}`` used.

        ``x`` has :attr:`inputs` entries and ``h`` has :attr:`hidden`; all finite.
        """
        x_arr = finite_array(x, "x", ndim=1)
        h_arr = finite_array(h, "h", ndim=1)
        for name, arr, size in (("x", x_arr, self.inputs), ("h", h_arr, self.hidden)):
            if arr.size != size:
                raise ValueError(f"{name} has {arr.size} entries; the cell needs {size}")
        hx = np.concatenate([h_arr, x_arr])
        gates = {g: np.asarray(sigmoid(self.W[g] @ hx + self.b[g])) for g in "zr"}
        reset = np.concatenate([gates["r"] * h_arr, x_arr])
        candidate = np.tanh(self.W["h"] @ reset + self.b["h"])
        h_new = gates["z"] * h_arr + (1 - gates["z"]) * candidate
        return h_new, gates


def _projections(
    x: npt.ArrayLike,
    W: npt.ArrayLike,
    V: npt.ArrayLike,
    b: npt.ArrayLike | None,
    c: npt.ArrayLike | None,
) -> tuple[np.ndarray, np.ndarray]:
    """``x W + b`` and ``x V + c``, after checking every shape."""
    x_arr = finite_array(x, "x", ndim=(1, 2))
    W_arr = finite_array(W, "W", ndim=2)
    V_arr = finite_array(V, "V", ndim=2)
    if W_arr.shape != V_arr.shape:
        raise ValueError(f"W {W_arr.shape} and V {V_arr.shape} must have the same shape")
    d, m = W_arr.shape
    if x_arr.shape[-1] != d:
        raise ValueError(f"x has {x_arr.shape[-1]} features; W and V expect {d}")
    out = []
    for name, M, bias in (("b", W_arr, b), ("c", V_arr, c)):
        vec = np.zeros(m) if bias is None else finite_array(bias, name, ndim=1)
        if vec.shape != (m,):
            raise ValueError(f"{name} has shape {vec.shape}; need ({m},)")
        out.append(x_arr @ M + vec)
    return out[0], out[1]


def glu(
    x: npt.ArrayLike,
    W: npt.ArrayLike,
    V: npt.ArrayLike,
    b: npt.ArrayLike | None = None,
    c: npt.ArrayLike | None = None,
) -> np.ndarray:
    r"""Gated linear unit :math:`(xW + b) \odot \sigma(xV + c)` (Dauphin et al., 2017).

    Introduced in chapter 9. A linear projection of ``x`` multiplied elementwise by a
    sigmoid gate computed from ``x``. The derivative with respect to the linear part
    :math:`a = xW + b` is the gate :math:`\sigma(xV + c)` itself, with no :math:`\sigma'`
    factor: Dauphin et al.'s "linear path" for gradients.

    Parameters
    ----------
    x : array_like
        Finite inputs: one vector of d features, or n of them as the rows of an n x d array.
    W, V : array_like
        Finite d x m weights of the linear part and of the gate.
    b, c : array_like, optional
        Biases, m entries each (zero if omitted).

    Returns
    -------
    numpy.ndarray
        m outputs, or an n x m array for n inputs.

    Raises
    ------
    TypeError
        For arguments that are not real numbers.
    ValueError
        For NaN or infinite entries, or shapes that do not fit together.
    """
    linear, gate = _projections(x, W, V, b, c)
    return np.asarray(linear * sigmoid(gate))


def swiglu(
    x: npt.ArrayLike,
    W: npt.ArrayLike,
    V: npt.ArrayLike,
    b: npt.ArrayLike | None = None,
    c: npt.ArrayLike | None = None,
) -> np.ndarray:
    r"""SwiGLU :math:`(xW + b) \odot \operatorname{SiLU}(xV + c)` (Shazeer, 2020).

    Introduced in chapter 9. :func:`glu` with the gate :math:`\sigma(g)` replaced by
    :math:`\operatorname{SiLU}(g) = g\,\sigma(g)`; Shazeer writes the activated projection
    first, which only renames :math:`W` and :math:`V`. Arguments, shapes and errors as
    :func:`glu`.
    """
    linear, gate = _projections(x, W, V, b, c)
    return np.asarray(linear * silu(gate))
