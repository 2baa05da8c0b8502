r"""Single neurons: the perceptron and the sigmoid neuron, side by side (chapter 3).

Both compute a weighted input :math:`z = w \cdot x + b`. The perceptron outputs
:math:`\operatorname{step}(z)` (1 if :math:`z > 0`, else 0); the sigmoid neuron outputs
:math:`\sigma(z)`. The perceptron learns with Rosenblatt's rule, which changes the weights only
on mistakes; the sigmoid neuron learns by gradient descent on the cross-entropy, whose
gradient is :math:`(\sigma(z) - y)\,x`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sigmoidlab._checks import finite_array, labels_01, positive_int, positive_real, real_number
from sigmoidlab.kernels._arrays import ArrayLike, FloatOrArray, as_real_array, finish
from sigmoidlab.kernels.logistic import sigmoid, sigmoid_derivative
from sigmoidlab.models.losses import bce_from_logits
from sigmoidlab.models.training import TrainingHistory, logistic_gradient_descent

__all__ = ["Perceptron", "SigmoidNeuron", "feedforward", "step"]


def step(z: ArrayLike) -> FloatOrArray:
    r"""Heaviside step as a perceptron uses it: 1.0 where ``z > 0``, else 0.0.

    Real input as for :func:`.sigmoid` (same dtype rules: float16/32/64 and
    longdouble are kept, integers and booleans give float64; anything else is a
    ``TypeError`` naming ``step``). :math:`+\infty` gives 1, :math:`-\infty` and both zeros
    give 0, and NaN gives NaN (it is neither above nor below 0; a NaN reaching a perceptron
    means something upstream went wrong, so it is not turned into a plausible 0).
    """
    arr, scalar = as_real_array(z, "step", argname="z")
    return finish(np.heaviside(arr, arr.dtype.type(0)), scalar)


@dataclass
class _Neuron:
    w: np.ndarray
    b: float

    def __post_init__(self) -> None:
        self.w = finite_array(self.w, "w", ndim=1).copy()
        self.b = real_number(self.b, "b")

    def _inputs(self, x: npt.ArrayLike, name: str = "x") -> np.ndarray:
        """``x`` as float64: one input vector, or a batch with one vector per row."""
        arr = finite_array(x, name, ndim=(1, 2), allow_empty=True)
        if arr.shape[-1] != self.w.size:
            raise ValueError(
                f"{name} has {arr.shape[-1]} input(s) per example (shape {arr.shape}); "
                f"the neuron has {self.w.size} weight(s)"
            )
        return arr

    def weighted_input(self, x: npt.ArrayLike) -> FloatOrArray:
        r""":math:`z = w \cdot x + b`, for one input vector or a batch (one per row)."""
        z: FloatOrArray = self._inputs(x) @ self.w + self.b
        return z

    def scaled(self, c: float) -> _Neuron:
        """The same neuron with weights and bias multiplied by ``c``."""
        c = real_number(c, "c")
        return type(self)(c * self.w, c * self.b)

    def _training_data(
        self, X: npt.ArrayLike, y: npt.ArrayLike, *, soft: bool
    ) -> tuple[np.ndarray, np.ndarray]:
        X = finite_array(X, "X", ndim=2)
        if X.shape[1] != self.w.size:
            raise ValueError(
                f"X has {X.shape[1]} column(s) (shape {X.shape}); the neuron has "
                f"{self.w.size} weight(s)"
            )
        return X, labels_01(y, "y", X.shape[0], soft=soft)


@dataclass
class Perceptron(_Neuron):
    r"""A perceptron: output :math:`\operatorname{step}(w \cdot x + b)`."""

    def output(self, x: npt.ArrayLike) -> FloatOrArray:
        return step(self.weighted_input(x))

    def train(
        self, X: npt.ArrayLike, y: npt.ArrayLike, epochs: int, eta: float = 1.0, seed: int = 0
    ) -> TrainingHistory:
        r"""Rosenblatt's rule, one shuffled pass per epoch.

        On a mistake, :math:`w \leftarrow w + \eta (y - \hat y) x` and
        :math:`b \leftarrow b + \eta (y - \hat y)`; correct points change nothing.

        Parameters
        ----------
        X : array_like, shape (n, len(w))
            Training inputs, one per row; finite.
        y : array_like, shape (n,)
            Labels 0 or 1, the perceptron's outputs (labels -1/+1 are refused: the rule
            would never stop changing the weights on the -1 points).
        epochs : int
            Passes over the data, at least 1.
        eta : float
            Learning rate, positive and finite.
        seed : int
            Seed of the shuffling.
        """
        # y = -1 would make y - step(z) equal -1 or -2 and never 0: the rule would not converge.
        X, y = self._training_data(X, y, soft=False)
        epochs, eta = positive_int(epochs, "epochs"), positive_real(eta, "eta")
        rng = np.random.default_rng(seed)
        history = TrainingHistory()
        for _ in range(epochs):
            for i in rng.permutation(len(y)):
                delta = y[i] - self.output(X[i])
                self.w += eta * delta * X[i]
                self.b += eta * float(delta)
            history.errors.append(int(np.sum(self.output(X) != y)))
            history.weights.append(np.append(self.w, self.b))
        return history


@dataclass
class SigmoidNeuron(_Neuron):
    r"""A sigmoid neuron: output :math:`\sigma(w \cdot x + b)`."""

    def output(self, x: npt.ArrayLike) -> FloatOrArray:
        return sigmoid(self.weighted_input(x))

    def output_gradient(self, x: npt.ArrayLike) -> tuple[np.ndarray, FloatOrArray]:
        r"""The output's gradient (chain rule).

        :math:`\partial a/\partial w = \sigma'(z)\,x` and
        :math:`\partial a/\partial b = \sigma'(z)`.
        """
        x = self._inputs(x)
        local = sigmoid_derivative(self.weighted_input(x))
        return np.asarray(local)[..., np.newaxis] * x, local

    def cross_entropy(self, X: npt.ArrayLike, y: npt.ArrayLike) -> float:
        r"""Mean :math:`-[y \log a + (1-y) \log(1-a)]`, computed from z (stable).

        ``y`` holds one target in [0, 1] per row of ``X``.
        """
        X, y = self._training_data(X, y, soft=True)
        return float(np.mean(bce_from_logits(self.weighted_input(X), y)))

    def train(
        self, X: npt.ArrayLike, y: npt.ArrayLike, epochs: int, eta: float = 0.5
    ) -> TrainingHistory:
        r"""Full-batch gradient descent on the mean cross-entropy; gradient
        :math:`\frac1n \sum (\sigma(z_i) - y_i)\,x_i` (the :math:`\sigma'` factor cancels).
        The loop is :func:`~sigmoidlab.models.training.logistic_gradient_descent`, with no penalty.

        Parameters
        ----------
        X : array_like, shape (n, len(w))
            Training inputs, one per row; finite.
        y : array_like, shape (n,)
            Targets in [0, 1] (usually the labels 0 and 1).
        epochs : int
            Gradient steps, at least 1.
        eta : float
            Learning rate, positive and finite.
        """
        X, y = self._training_data(X, y, soft=True)
        epochs, eta = positive_int(epochs, "epochs"), positive_real(eta, "eta")
        self.w, self.b, history = logistic_gradient_descent(
            X, y, self.w, self.b, eta=eta, epochs=epochs
        )
        return history


def feedforward(
    layers: Sequence[tuple[npt.ArrayLike, npt.ArrayLike]],
    x: npt.ArrayLike,
    activation: Callable[[np.ndarray], npt.ArrayLike],
) -> np.ndarray:
    """Run ``x`` through ``layers`` = [(W, b), ...], each computing ``activation(W @ a + b)``.

    Each ``W`` is (outputs, inputs) and each ``b`` has one entry per output; the first
    layer's inputs are ``x``'s entries.
    """
    if not callable(activation):
        raise TypeError(f"activation must be callable, got {type(activation).__name__}")
    if isinstance(layers, (str, bytes)) or not isinstance(layers, Sequence) or not layers:
        raise ValueError("layers must be a non-empty list of (W, b) pairs")
    a = finite_array(x, "x", ndim=1)
    for i, layer in enumerate(layers):
        if not isinstance(layer, (tuple, list)) or len(layer) != 2:
            raise ValueError(f"layers[{i}] must be a pair (W, b)")
        W = finite_array(layer[0], f"layers[{i}] W", ndim=2)
        b = finite_array(layer[1], f"layers[{i}] b", ndim=1)
        if W.shape[1] != a.size or b.size != W.shape[0]:
            raise ValueError(
                f"layers[{i}]: W has shape {W.shape} and b {b.shape}, but the layer gets "
                f"{a.size} input(s); W must be ({b.size}, {a.size})"
            )
        a = np.asarray(activation(W @ a + b), dtype=np.float64)
    return a
