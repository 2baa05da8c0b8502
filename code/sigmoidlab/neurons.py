r"""Single neurons: the perceptron and the sigmoid neuron, side by side (chapter 3).

Both compute a weighted input :math:`z = w \cdot x + b`. The perceptron outputs
:math:`\operatorname{step}(z)` (1 if :math:`z > 0`, else 0); the sigmoid neuron outputs
:math:`\sigma(z)`. The perceptron learns with Rosenblatt's rule, which changes the weights only
on mistakes; the sigmoid neuron learns by gradient descent on the cross-entropy, whose
gradient is :math:`(\sigma(z) - y)\,x`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from .logistic import sigmoid, sigmoid_derivative
from .losses import bce_from_logits

__all__ = ["Perceptron", "SigmoidNeuron", "TrainingHistory", "feedforward", "step"]


def step(z: npt.ArrayLike) -> np.ndarray:
    """Heaviside step as a perceptron uses it: 1.0 where ``z > 0``, else 0.0."""
    return (np.asarray(z) > 0).astype(np.float64)


@dataclass
class TrainingHistory:
    """What happened during training, one entry per epoch."""

    errors: list[int] = field(default_factory=list)  # misclassified training points
    loss: list[float] = field(default_factory=list)  # mean cross-entropy (sigmoid only)
    weights: list[np.ndarray] = field(default_factory=list)  # (w..., b) after the epoch


@dataclass
class _Neuron:
    w: np.ndarray
    b: float

    def __post_init__(self) -> None:
        self.w = np.asarray(self.w, dtype=np.float64).copy()
        self.b = float(self.b)

    def weighted_input(self, x: npt.ArrayLike) -> np.ndarray:
        """:math:`z = w \\cdot x + b`, for one input vector or a batch (one per row)."""
        return np.asarray(x, dtype=np.float64) @ self.w + self.b

    def scaled(self, c: float) -> _Neuron:
        """The same neuron with weights and bias multiplied by ``c``."""
        return type(self)(c * self.w, c * self.b)


@dataclass
class Perceptron(_Neuron):
    """A perceptron: output :math:`\\operatorname{step}(w \\cdot x + b)`."""

    def output(self, x: npt.ArrayLike) -> np.ndarray:
        return step(self.weighted_input(x))

    def train(
        self, X: npt.ArrayLike, y: npt.ArrayLike, epochs: int, eta: float = 1.0, seed: int = 0
    ) -> TrainingHistory:
        """Rosenblatt's rule, one shuffled pass per epoch.

        On a mistake, :math:`w \\leftarrow w + \\eta (y - \\hat y) x` and
        :math:`b \\leftarrow b + \\eta (y - \\hat y)`; correct points change nothing.
        """
        X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
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
    """A sigmoid neuron: output :math:`\\sigma(w \\cdot x + b)`."""

    def output(self, x: npt.ArrayLike) -> np.ndarray:
        return sigmoid(self.weighted_input(x))

    def output_gradient(self, x: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """The output's gradient (chain rule).

        :math:`\\partial a/\\partial w = \\sigma'(z)\\,x` and
        :math:`\\partial a/\\partial b = \\sigma'(z)`.
        """
        x = np.asarray(x, dtype=np.float64)
        local = sigmoid_derivative(self.weighted_input(x))
        return np.asarray(local)[..., np.newaxis] * x, local

    def cross_entropy(self, X: npt.ArrayLike, y: npt.ArrayLike) -> float:
        """Mean :math:`-[y \\log a + (1-y) \\log(1-a)]`, computed from z (stable)."""
        return float(np.mean(bce_from_logits(self.weighted_input(X), y)))

    def train(
        self, X: npt.ArrayLike, y: npt.ArrayLike, epochs: int, eta: float = 0.5
    ) -> TrainingHistory:
        """Full-batch gradient descent on the mean cross-entropy; gradient
        :math:`\\frac1n \\sum (\\sigma(z_i) - y_i)\\,x_i` (the :math:`\\sigma'` factor cancels).
        """
        X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
        history = TrainingHistory()
        for _ in range(epochs):
            residual = self.output(X) - y
            self.w -= eta * (residual @ X) / len(y)
            self.b -= eta * float(np.mean(residual))
            history.errors.append(int(np.sum((self.output(X) > 0.5) != (y > 0.5))))
            history.loss.append(self.cross_entropy(X, y))
            history.weights.append(np.append(self.w, self.b))
        return history


def feedforward(
    layers: list[tuple[npt.ArrayLike, npt.ArrayLike]], x: npt.ArrayLike, activation
) -> np.ndarray:
    """Run ``x`` through ``layers`` = [(W, b), ...], each computing ``activation(W @ a + b)``."""
    a = np.asarray(x, dtype=np.float64)
    for W, b in layers:
        a = activation(np.asarray(W, dtype=np.float64) @ a + np.asarray(b, dtype=np.float64))
    return a
