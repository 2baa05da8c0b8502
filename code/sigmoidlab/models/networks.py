r"""A small, readable multilayer network in NumPy, for measuring saturation (chapter 6).

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

from collections.abc import Callable, Iterable, Sequence
from typing import cast

import numpy as np
import numpy.typing as npt

from sigmoidlab._checks import finite_array, positive_int, positive_real
from sigmoidlab.kernels.logistic import sigmoid, sigmoid_derivative
from sigmoidlab.models.losses import bce_from_logits
from sigmoidlab.models.training import TrainingHistory

__all__ = ["ACTIVATIONS", "Network", "gradient_check"]

Array = np.ndarray
_Act = Callable[[Array], Array]


def _tanh_prime(z: Array) -> Array:
    return np.asarray(1.0 - np.tanh(z) ** 2)


def _relu(z: Array) -> Array:
    return np.asarray(np.maximum(z, 0.0))


def _relu_prime(z: Array) -> Array:
    return (z > 0).astype(z.dtype)


#: name -> (activation, derivative)
ACTIVATIONS: dict[str, tuple[Callable[[Array], Array], Callable[[Array], Array]]] = {
    # given a matrix, sigmoid and its derivative return a matrix (a scalar only for a scalar)
    "sigmoid": (cast(_Act, sigmoid), cast(_Act, sigmoid_derivative)),
    "tanh": (cast(_Act, np.tanh), _tanh_prime),
    "relu": (_relu, _relu_prime),
}
INITS = ("standard", "scaled", "glorot", "uniform", "lecun", "glorot_sigmoid", "he")
LOSSES = ("cross_entropy", "mse")


class Network:
    r"""A fully connected network with a sigmoid output layer.

    Parameters
    ----------
    sizes : sequence of int
        Neurons per layer, input first, e.g. ``[64, 30, 30, 10]``.
    activation : {"sigmoid", "tanh", "relu"}
        Activation of the hidden layers.
    loss : {"cross_entropy", "mse"}
        Cost, averaged over examples; cross-entropy is summed over output neurons, the
        quadratic cost is :math:`\tfrac12\|a - y\|^2`.
    init : {"standard", "scaled", "glorot", "uniform", "lecun", "glorot_sigmoid", "he"}
        "standard": weights and biases :math:`\mathcal N(0, 1)`; "scaled": weights
        :math:`\mathcal N(0, 1/n_{in})`, biases :math:`\mathcal N(0, 1)`; "glorot":
        weights uniform on :math:`\pm\sqrt{6/(n_{in} + n_{out})}`, biases 0
        (Glorot and Bengio, 2010); "uniform": weights uniform on :math:`\pm 1/\sqrt{n_{in}}`,
        biases 0, the earlier heuristic that Glorot and Bengio call standard. Added in
        chapter 7, all with biases 0: "lecun": weights :math:`\mathcal N(0, 1/n_{in})`
        (LeCun et al., 1998); "glorot_sigmoid": Glorot's uniform weights times 4,
        on :math:`\pm 4\sqrt{6/(n_{in} + n_{out})}`, because :math:`\sigma'(0) = 1/4`;
        "he": weights :math:`\mathcal N(0, 2/n_{in})` for ReLU (He et al., 2015).
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
        if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence | np.ndarray):
            raise TypeError(f"sizes must be a list of layer sizes, got {type(sizes).__name__}")
        if len(sizes) < 2:
            raise ValueError(f"sizes must list at least two positive layer sizes, got {sizes}")
        sizes = [positive_int(n, f"sizes[{i}]") for i, n in enumerate(sizes)]
        for what, value in (("activation", activation), ("loss", loss), ("init", init)):
            if not isinstance(value, str):
                raise TypeError(f"{what} must be a string, got {type(value).__name__}")
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
            if init in ("glorot", "uniform", "glorot_sigmoid"):
                if init == "glorot":
                    limit = np.sqrt(6.0 / (n_in + n_out))
                elif init == "glorot_sigmoid":  # sigma'(0) = 1/4: four times the gain
                    limit = 4.0 * np.sqrt(6.0 / (n_in + n_out))
                else:  # what Glorot & Bengio (2010) call the standard initialisation
                    limit = 1.0 / np.sqrt(n_in)
                self.weights.append(self.rng.uniform(-limit, limit, (n_out, n_in)))
                self.biases.append(np.zeros(n_out))
            elif init in ("lecun", "he"):  # zero-mean Gaussian, variance gain / n_in
                gain = 1.0 if init == "lecun" else 2.0
                self.weights.append(self.rng.normal(0.0, np.sqrt(gain / n_in), (n_out, n_in)))
                self.biases.append(np.zeros(n_out))
            else:
                scale = 1.0 if init == "standard" else 1.0 / np.sqrt(n_in)
                self.weights.append(self.rng.normal(0.0, scale, (n_out, n_in)))
                self.biases.append(self.rng.normal(0.0, 1.0, n_out))

    # -- argument checks -------------------------------------------------------------
    def _inputs(self, X: npt.ArrayLike, name: str = "X", *, batch: bool = False) -> Array:
        """``X`` as float64: (examples, inputs), or one example (inputs,) unless ``batch``."""
        arr = finite_array(X, name, ndim=2 if batch else (1, 2))
        if arr.shape[-1] != self.sizes[0]:
            raise ValueError(
                f"{name} has {arr.shape[-1]} input(s) per example (shape {arr.shape}); "
                f"the network's input layer has {self.sizes[0]}"
            )
        return arr

    def _targets(self, Y: npt.ArrayLike, n: int, name: str = "Y") -> Array:
        """``Y`` as float64: one row of targets in [0, 1] per example, one per output."""
        arr = finite_array(Y, name, ndim=2)
        if arr.shape != (n, self.sizes[-1]):
            raise ValueError(
                f"{name} has shape {arr.shape}; it needs one row per example and one column "
                f"per output neuron, ({n}, {self.sizes[-1]}) (one_hot makes it from labels)"
            )
        if not np.all((arr >= 0) & (arr <= 1)):  # a sigmoid output can only reach [0, 1]
            raise ValueError(f"{name} must hold targets in [0, 1] for the sigmoid outputs")
        return arr

    def _labels(self, labels: npt.ArrayLike, n: int, name: str = "labels") -> Array:
        arr = finite_array(labels, name, ndim=1)
        if arr.size != n:
            raise ValueError(f"{name} has {arr.size} labels for {n} examples; they must be equal")
        if not np.all((arr == np.round(arr)) & (arr >= 0) & (arr < self.sizes[-1])):
            raise ValueError(f"{name} must be whole numbers from 0 to {self.sizes[-1] - 1}")
        return arr

    # -- forward and backward -------------------------------------------------------
    def forward(self, X: npt.ArrayLike) -> tuple[list[Array], list[Array]]:
        """Weighted inputs ``zs`` and activations ``activations`` of every layer (batch rows);
        ``activations[0]`` is the input itself."""
        f = ACTIVATIONS[self.activation][0]
        a = self._inputs(X)
        zs, activations = [], [a]
        for i, (W, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            z = a @ W.T + b
            a = cast(Array, sigmoid(z)) if i == len(self.weights) - 1 else f(z)
            zs.append(z)
            activations.append(a)
        return zs, activations

    def predict(self, X: npt.ArrayLike) -> Array:
        """Output-layer activations."""
        return self.forward(X)[1][-1]

    def cost(self, X: npt.ArrayLike, Y: npt.ArrayLike) -> float:
        """Mean cost over the examples (cross-entropy computed from the logits: stable)."""
        X = self._inputs(X, batch=True)
        Y = self._targets(Y, X.shape[0])
        zs, activations = self.forward(X)
        if self.loss_name == "mse":
            return float(0.5 * np.mean(np.sum((activations[-1] - Y) ** 2, axis=1)))
        return float(np.mean(np.sum(bce_from_logits(zs[-1], Y), axis=1)))

    def backprop(self, X: npt.ArrayLike, Y: npt.ArrayLike) -> tuple[list[Array], list[Array]]:
        """Gradients of the mean cost with respect to every weight matrix and bias vector."""
        X = self._inputs(X, batch=True)
        Y = self._targets(Y, X.shape[0])
        zs, activations = self.forward(X)
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

    def errors(self, X: npt.ArrayLike, Y: npt.ArrayLike) -> list[Array]:
        r"""The error :math:`\delta^l = \partial C_x/\partial z^l` of every layer, for every
        example (introduced in chapter 5).

        :math:`C_x` is the cost of one example :math:`x` (not averaged). The output error is

        .. math::

            \delta^L = \begin{cases} a^L - y & \text{cross-entropy} \\
                                    (a^L - y) \odot \sigma'(z^L) & \text{quadratic}
                       \end{cases}

        and each hidden layer's follows from the layer above by the recursion
        :math:`\delta^l = \bigl((W^{l+1})^\top \delta^{l+1}\bigr) \odot f'(z^l)`. These are
        the numbers :meth:`backprop` averages: with ``d = errors(X, Y)[i]``,
        ``d.mean(axis=0)`` is its bias gradient ``backprop(X, Y)[1][i]`` and ``d.T @ a / n``,
        with ``a = forward(X)[1][i]`` the layer's input, its weight gradient
        ``backprop(X, Y)[0][i]`` (index ``i`` is layer :math:`l = i + 1`).

        Parameters
        ----------
        X, Y : array_like
            Inputs (n, sizes[0]) and targets (n, sizes[-1]) in [0, 1], finite, as for
            :meth:`backprop`.

        Returns
        -------
        list of numpy.ndarray
            One array per layer after the input, first hidden layer first and the output
            layer last; entry ``l`` has shape (n, sizes[l + 1]), one row per example.
        """
        X = self._inputs(X, batch=True)
        Y = self._targets(Y, X.shape[0])
        zs, activations = self.forward(X)
        fprime = ACTIVATIONS[self.activation][1]
        delta = activations[-1] - Y  # cross-entropy with sigmoid output: sigma' cancels
        if self.loss_name == "mse":
            delta = delta * sigmoid_derivative(zs[-1])
        deltas = [delta]
        for layer in range(len(self.weights) - 1, 0, -1):
            delta = (delta @ self.weights[layer]) * fprime(zs[layer - 1])
            deltas.append(delta)
        return deltas[::-1]

    def speeds(self, X: npt.ArrayLike, Y: npt.ArrayLike) -> Array:
        r"""Learning speed of each hidden layer: :math:`\|\partial C/\partial b^l\|`
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
    ) -> TrainingHistory:
        """Mini-batch stochastic gradient descent, one seeded shuffle per epoch.

        After each epoch it records the training cost, the accuracy on ``X_eval`` (if
        given) and the per-layer :meth:`speeds` on the probe batch (if given).

        Parameters
        ----------
        X, Y : array_like
            Training inputs (n, sizes[0]) and targets (n, sizes[-1]) in [0, 1], finite.
        epochs, batch_size : int
            Passes over the data and examples per step, each at least 1 (a batch larger
            than the data set is the whole set).
        eta : float
            Learning rate, positive and finite.
        X_eval, labels_eval : array_like, optional
            Evaluation inputs and their integer labels, given together.
        X_probe, Y_probe : array_like, optional
            Batch on which to measure :meth:`speeds`, given together.
        """
        X = self._inputs(X, batch=True)
        Y = self._targets(Y, X.shape[0])
        epochs = positive_int(epochs, "epochs")
        batch_size = positive_int(batch_size, "batch_size")
        eta = positive_real(eta, "eta")
        # check the optional sets now, not after the first epoch's work
        if (X_eval is None) != (labels_eval is None):
            raise ValueError("X_eval and labels_eval must be given together")
        if (X_probe is None) != (Y_probe is None):
            raise ValueError("X_probe and Y_probe must be given together")
        if X_eval is not None and labels_eval is not None:
            X_eval = self._inputs(X_eval, "X_eval", batch=True)
            labels_eval = self._labels(labels_eval, X_eval.shape[0], "labels_eval")
        if X_probe is not None and Y_probe is not None:
            X_probe = self._inputs(X_probe, "X_probe", batch=True)
            Y_probe = self._targets(Y_probe, X_probe.shape[0], "Y_probe")
        history = TrainingHistory()
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
        X = self._inputs(X, batch=True)
        labels = self._labels(labels, X.shape[0])
        return float(np.mean(np.argmax(self.predict(X), axis=1) == labels))


def gradient_check(net: Network, X: npt.ArrayLike, Y: npt.ArrayLike, h: float = 1e-5) -> float:
    r"""Largest relative difference between :meth:`Network.backprop` and central finite
    differences of :meth:`Network.cost`, over every weight and bias.

    Relative difference :math:`|g - \hat g| / \max(|g| + |\hat g|, 10^{-8})`; below about
    :math:`10^{-6}` means backpropagation is right. ``h`` must be positive and finite.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a Network, got {type(net).__name__}")
    h = positive_real(h, "h")
    grads_w, grads_b = net.backprop(X, Y)
    pairs = zip(net.weights + net.biases, grads_w + grads_b, strict=True)
    return _worst_relative_error(pairs, lambda: net.cost(X, Y), h)


def _worst_relative_error(
    pairs: Iterable[tuple[Array, Array]], cost: Callable[[], float], h: float
) -> float:
    r"""The largest relative difference between analytic and central-difference gradients.

    For each (parameter array, its analytic gradient) pair, every entry is moved by
    :math:`\pm h` in place (and put back) and ``cost()`` re-evaluated; the difference
    :math:`|g - \hat g| / \max(|g| + |\hat g|, 10^{-8})` is taken over all entries. Shared by
    :func:`gradient_check` and :func:`sigmoidlab.models.deep_networks.deep_gradient_check`.
    """
    worst = 0.0
    for p, g in pairs:
        flat, gflat = p.reshape(-1), g.reshape(-1)
        for i in range(flat.size):
            old = flat[i]
            flat[i] = old + h
            up = cost()
            flat[i] = old - h
            down = cost()
            flat[i] = old
            numeric = (up - down) / (2 * h)
            scale = max(abs(numeric) + abs(gflat[i]), 1e-8)
            worst = max(worst, abs(numeric - gflat[i]) / scale)
    return worst
