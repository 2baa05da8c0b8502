r"""One step of an LSTM cell: three sigmoid gates decide what to forget, write and show.

.. math::

    f = \sigma(W_f [h, x] + b_f),\quad i = \sigma(W_i [h, x] + b_i),\quad
    o = \sigma(W_o [h, x] + b_o),\quad \tilde c = \tanh(W_c [h, x] + b_c),

    c' = f \odot c + i \odot \tilde c, \qquad h' = o \odot \tanh(c').

Each gate is a vector of numbers in (0, 1) that multiplies a signal elementwise: a soft,
differentiable switch (Hochreiter and Schmidhuber, 1997; the forget gate is Gers et al.'s).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ._checks import finite_array, positive_int
from .logistic import sigmoid

__all__ = ["LSTMCell"]


GATES = "fioc"  # forget, input, output, candidate


@dataclass
class LSTMCell:
    """Weights ``W[g]`` (hidden x (hidden + input)) and biases ``b[g]`` for g in f, i, o, c.

    Parameters
    ----------
    W : dict of str to array
        For each gate "f", "i", "o" and "c", a finite matrix of shape
        (hidden, hidden + inputs); the same shape for all four.
    b : dict of str to array
        For each gate, a finite vector of length hidden.
    """

    W: dict[str, np.ndarray]
    b: dict[str, np.ndarray]

    def __post_init__(self) -> None:
        for name, params in (("W", self.W), ("b", self.b)):
            if not isinstance(params, dict):
                raise TypeError(f"{name} must be a dict with keys {list(GATES)}")
            if set(params) != set(GATES):
                raise ValueError(f"{name} must have exactly the keys {list(GATES)}")
        self.W = {g: finite_array(self.W[g], f"W[{g!r}]", ndim=2) for g in GATES}
        self.b = {g: finite_array(self.b[g], f"b[{g!r}]", ndim=1) for g in GATES}
        shape = self.W["f"].shape
        if shape[1] <= shape[0]:
            raise ValueError(f"W['f'] has shape {shape}: need (hidden, hidden + inputs)")
        for g in GATES:
            if self.W[g].shape != shape or self.b[g].shape != (shape[0],):
                raise ValueError(
                    f"gate {g!r}: W has shape {self.W[g].shape} and b {self.b[g].shape}; "
                    f"every gate needs W {shape} and b ({shape[0]},)"
                )

    @property
    def hidden(self) -> int:
        """Size of the hidden and cell states."""
        return int(self.W["f"].shape[0])

    @property
    def inputs(self) -> int:
        """Size of the input vector."""
        return int(self.W["f"].shape[1]) - self.hidden

    @classmethod
    def random(cls, inputs: int, hidden: int, seed: int = 0) -> LSTMCell:
        """A cell with weights :math:`\\mathcal N(0, 1/(inputs + hidden))` and zero biases."""
        inputs, hidden = positive_int(inputs, "inputs"), positive_int(hidden, "hidden")
        rng = np.random.default_rng(seed)
        scale = 1 / np.sqrt(inputs + hidden)
        W = {g: rng.normal(0, scale, (hidden, hidden + inputs)) for g in GATES}
        return cls(W, {g: np.zeros(hidden) for g in GATES})

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
