r"""A small, readable multilayer network in NumPy, for measuring saturation (chapter 4).

Notation as in the rest of the book (Nielsen's, for layer :math:`l`):
:math:`z^l = W^l a^{l-1} + b^l`, :math:`a^l = f(z^l)`, with a sigmoid output layer.
Backpropagation computes the error :math:`\delta^l = \partial C / \partial z^l` from the top:

.. math::

    \delta^L = \begin{cases} a^L - y & \text{cross-entropy} \\
                            (a^L - y)\,\sigma'(z^L) & \text{quadratic (MSE)} \end{cases},
    \qquad
    \delta^{l} = \bigl((W^{l+1})^\top \delta^{l+1}\bigr) \odot f'(z^{l}),

and then :math:`\partial C/\partial b^l = \delta^l`, :math:`\partial C/\partial W^l = \delta^l
(a^{l-1})^\top`, averaged over the mini-batch. Rows of ``X`` are examples.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from .logistic import sigmoid, sigmoid_derivative
from .losses import bce_from_logits

__all__ = ["ACTIVATIONS", "History", "Network", "gradient_check", "one_hot", "standardize"]

Array = np.ndarray


def _tanh_prime(z: Array) -> Array:
    return 1.0 - np.tanh(z) ** 2


def _relu(z: Array) -> Array:
    return np.maximum(z, 0.0)


def _relu_prime(z: Array) -> Array:
    return (z > 0).astype(z.dtype)


#: name -> (activation, derivative)
ACTIVATIONS: dict[str, tuple[Callable[[Array], Array], Callable[[Array], Array]]] = {
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (np.tanh, _tanh_prime),
    "relu": (_relu, _relu_prime),
}
INITS = ("standard", "scaled", "glorot", "uniform")
LOSSES = ("cross_entropy", "mse")


def one_hot(labels: npt.ArrayLike, classes: int) -> Array:
    """Labels 0..classes-1 as rows of a one-hot matrix."""
    labels = np.asarray(labels, dtype=int)
    out = np.zeros((labels.size, classes))
    out[np.arange(labels.size), labels] = 1.0
    return out


def standardize(X_train: Array, *others: Array) -> tuple[Array, ...]:
    """Shift and scale each feature to mean 0 and variance 1 on the training set (constant
    features are only shifted), and apply the same transform to ``others``."""
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    std[std == 0] = 1.0
    return tuple((X - mean) / std for X in (X_train, *others))


@dataclass
class History:
    """Per-epoch record of :meth:`Network.train`."""

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)  # on the evaluation set
    speeds: list[Array] = field(default_factory=list)  # per hidden layer, see Network.speeds


class Network:
    """A fully connected network with a sigmoid output layer.

    Parameters
    ----------
    sizes : sequence of int
        Neurons per layer, input first, e.g. ``[64, 30, 30, 10]``.
    activation : {"sigmoid", "tanh", "relu"}
        Activation of the hidden layers.
    loss : {"cross_entropy", "mse"}
        Cost, averaged over examples; cross-entropy is summed over output neurons, the
        quadratic cost is :math:`\\tfrac12\\|a - y\\|^2`.
    init : {"standard", "scaled", "glorot", "uniform"}
        "standard": weights and biases :math:`\\mathcal N(0, 1)`; "scaled": weights
        :math:`\\mathcal N(0, 1/n_{in})`, biases :math:`\\mathcal N(0, 1)`; "glorot":
        weights uniform on :math:`\\pm\\sqrt{6/(n_{in} + n_{out})}`, biases 0
        (Glorot and Bengio, 2010); "uniform": weights uniform on :math:`\\pm 1/\\sqrt{n_{in}}`,
        biases 0, the earlier heuristic that Glorot and Bengio call standard.
    seed : int
        Seed of the initialisation (and of :meth:`train`'s shuffling).
    """

    def __init__(
        self,
        sizes: list[int],
        activation: str = "sigmoid",
        loss: str = "cross_entropy",
        init: str = "standard",
        seed: int = 0,
    ) -> None:
        if len(sizes) < 2 or any(int(n) < 1 for n in sizes):
            raise ValueError(f"sizes must list at least two positive layer sizes, got {sizes}")
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}")
        if loss not in LOSSES:
            raise ValueError(f"loss must be one of {LOSSES}, got {loss!r}")
        if init not in INITS:
            raise ValueError(f"init must be one of {INITS}, got {init!r}")
        self.sizes = [int(n) for n in sizes]
        self.activation, self.loss_name, self.init = activation, loss, init
        self.rng = np.random.default_rng(seed)
        self.weights: list[Array] = []
        self.biases: list[Array] = []
        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:], strict=True):
            if init in ("glorot", "uniform"):
                if init == "glorot":
                    limit = np.sqrt(6.0 / (n_in + n_out))
                else:  # what Glorot & Bengio (2010) call the standard initialisation
                    limit = 1.0 / np.sqrt(n_in)
                self.weights.append(self.rng.uniform(-limit, limit, (n_out, n_in)))
                self.biases.append(np.zeros(n_out))
            else:
                scale = 1.0 if init == "standard" else 1.0 / np.sqrt(n_in)
                self.weights.append(self.rng.normal(0.0, scale, (n_out, n_in)))
                self.biases.append(self.rng.normal(0.0, 1.0, n_out))

    # -- forward and backward -------------------------------------------------------
    def forward(self, X: npt.ArrayLike) -> tuple[list[Array], list[Array]]:
        """Weighted inputs ``zs`` and activations ``activations`` of every layer (batch rows);
        ``activations[0]`` is the input itself."""
        f = ACTIVATIONS[self.activation][0]
        a = np.asarray(X, dtype=np.float64)
        zs, activations = [], [a]
        for i, (W, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            z = a @ W.T + b
            a = sigmoid(z) if i == len(self.weights) - 1 else f(z)
            zs.append(z)
            activations.append(a)
        return zs, activations

    def predict(self, X: npt.ArrayLike) -> Array:
        """Output-layer activations."""
        return self.forward(X)[1][-1]

    def cost(self, X: npt.ArrayLike, Y: npt.ArrayLike) -> float:
        """Mean cost over the examples (cross-entropy computed from the logits: stable)."""
        zs, activations = self.forward(X)
        Y = np.asarray(Y, dtype=np.float64)
        if self.loss_name == "mse":
            return float(0.5 * np.mean(np.sum((activations[-1] - Y) ** 2, axis=1)))
        return float(np.mean(np.sum(bce_from_logits(zs[-1], Y), axis=1)))

    def backprop(self, X: npt.ArrayLike, Y: npt.ArrayLike) -> tuple[list[Array], list[Array]]:
        """Gradients of the mean cost with respect to every weight matrix and bias vector."""
        zs, activations = self.forward(X)
        Y = np.asarray(Y, dtype=np.float64)
        n = Y.shape[0]
        fprime = ACTIVATIONS[self.activation][1]
        delta = activations[-1] - Y  # cross-entropy with sigmoid output: sigma' cancels
        if self.loss_name == "mse":
            delta = delta * sigmoid_derivative(zs[-1])
        grads_w: list[Array] = [np.empty(0)] * len(self.weights)
        grads_b: list[Array] = [np.empty(0)] * len(self.weights)
        for layer in range(len(self.weights) - 1, -1, -1):
            grads_w[layer] = delta.T @ activations[layer] / n
            grads_b[layer] = delta.mean(axis=0)
            if layer > 0:
                delta = (delta @ self.weights[layer]) * fprime(zs[layer - 1])
        return grads_w, grads_b

    def speeds(self, X: npt.ArrayLike, Y: npt.ArrayLike) -> Array:
        """Learning speed of each hidden layer: :math:`\\|\\partial C/\\partial b^l\\|`
        for the cost averaged over the batch (Nielsen, chapter 5)."""
        grads_b = self.backprop(X, Y)[1]
        return np.array([np.linalg.norm(g) for g in grads_b[:-1]])

    # -- training ---------------------------------------------------------------------
    def train(
        self,
        X: npt.ArrayLike,
        Y: npt.ArrayLike,
        *,
        epochs: int,
        batch_size: int,
        eta: float,
        X_eval: npt.ArrayLike | None = None,
        labels_eval: npt.ArrayLike | None = None,
        X_probe: npt.ArrayLike | None = None,
        Y_probe: npt.ArrayLike | None = None,
    ) -> History:
        """Mini-batch stochastic gradient descent, one seeded shuffle per epoch.

        After each epoch it records the training cost, the accuracy on ``X_eval`` (if
        given) and the per-layer :meth:`speeds` on the probe batch (if given).
        """
        X = np.asarray(X, dtype=np.float64)
        Y = np.asarray(Y, dtype=np.float64)
        history = History()
        for _ in range(epochs):
            order = self.rng.permutation(len(X))
            for start in range(0, len(X), batch_size):
                idx = order[start : start + batch_size]
                grads_w, grads_b = self.backprop(X[idx], Y[idx])
                for layer, (gw, gb) in enumerate(zip(grads_w, grads_b, strict=True)):
                    self.weights[layer] -= eta * gw
                    self.biases[layer] -= eta * gb
            history.loss.append(self.cost(X, Y))
            if X_eval is not None and labels_eval is not None:
                history.accuracy.append(self.accuracy(X_eval, labels_eval))
            if X_probe is not None and Y_probe is not None:
                history.speeds.append(self.speeds(X_probe, Y_probe))
        return history

    def accuracy(self, X: npt.ArrayLike, labels: npt.ArrayLike) -> float:
        """Fraction of examples whose most active output neuron is the label."""
        return float(np.mean(np.argmax(self.predict(X), axis=1) == np.asarray(labels)))


def gradient_check(net: Network, X: npt.ArrayLike, Y: npt.ArrayLike, h: float = 1e-5) -> float:
    """Largest relative difference between :meth:`Network.backprop` and central finite
    differences of :meth:`Network.cost`, over every weight and bias.

    Relative difference :math:`|g - \\hat g| / \\max(|g| + |\\hat g|, 10^{-8})`; below about
    :math:`10^{-6}` means backpropagation is right.
    """
    grads_w, grads_b = net.backprop(X, Y)
    worst = 0.0
    for params, grads in ((net.weights, grads_w), (net.biases, grads_b)):
        for p, g in zip(params, grads, strict=True):
            flat, gflat = p.reshape(-1), g.reshape(-1)
            for i in range(flat.size):
                old = flat[i]
                flat[i] = old + h
                up = net.cost(X, Y)
                flat[i] = old - h
                down = net.cost(X, Y)
                flat[i] = old
                numeric = (up - down) / (2 * h)
                scale = max(abs(numeric) + abs(gflat[i]), 1e-8)
                worst = max(worst, abs(numeric - gflat[i]) / scale)
    return worst
