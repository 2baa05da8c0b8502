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

from .logistic import sigmoid

__all__ = ["LSTMCell"]


@dataclass
class LSTMCell:
    """Weights ``W[g]`` (hidden x (hidden + input)) and biases ``b[g]`` for g in f, i, o, c."""

    W: dict[str, np.ndarray]
    b: dict[str, np.ndarray]

    @classmethod
    def random(cls, inputs: int, hidden: int, seed: int = 0) -> LSTMCell:
        rng = np.random.default_rng(seed)
        scale = 1 / np.sqrt(inputs + hidden)
        W = {g: rng.normal(0, scale, (hidden, hidden + inputs)) for g in "fioc"}
        return cls(W, {g: np.zeros(hidden) for g in "fioc"})

    def step(
        self, x: npt.ArrayLike, h: npt.ArrayLike, c: npt.ArrayLike
    ) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
        """New hidden state, new cell state, and the gate values used."""
        hx = np.concatenate([np.asarray(h, dtype=float), np.asarray(x, dtype=float)])
        gates = {g: sigmoid(self.W[g] @ hx + self.b[g]) for g in "fio"}
        candidate = np.tanh(self.W["c"] @ hx + self.b["c"])
        c_new = gates["f"] * np.asarray(c, dtype=float) + gates["i"] * candidate
        h_new = gates["o"] * np.tanh(c_new)
        return h_new, c_new, gates
