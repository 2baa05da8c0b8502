r"""Deep sigmoid networks with batch normalisation and residual connections (chapter 7).

Hidden layer :math:`l` of :class:`DeepSigmoidNetwork` computes, for a mini-batch of rows,

.. math::

    z^l = a^{l-1} (W^l)^\top + b^l, \qquad
    u^l = \begin{cases}
        \gamma^l \odot \hat z^l + \beta^l,\quad
        \hat z^l = (z^l - \mu_B) / \sqrt{\sigma_B^2 + \epsilon} & \text{batch norm} \\
        z^l & \text{otherwise}
    \end{cases},

    a^l = \sigma(u^l) + \begin{cases} a^{l-1} & \text{residual, equal widths} \\
                                    0 & \text{otherwise} \end{cases},

with :math:`\mu_B, \sigma_B^2` the mean and variance of each unit over the batch (Ioffe and
Szegedy, 2015) and the skip :math:`a^{l-1}` the identity shortcut of He et al. (2016). With
batch normalisation the shift :math:`\beta^l` replaces the bias (the normalisation subtracts
any bias), so :math:`b^l` stays 0. The output layer is a plain sigmoid layer, and the costs
are those of :class:`sigmoidlab.models.networks.Network`. Backpropagation, for the cost averaged
over the batch, through the normalisation with :math:`g = \partial C/\partial \hat z`
(rows :math:`k = 1..m`):

.. math::

    \frac{\partial C}{\partial z_k} = \frac{1}{\sqrt{\sigma_B^2 + \epsilon}}
    \Bigl(g_k - \tfrac1m \textstyle\sum_j g_j
          - \hat z_k\, \tfrac1m \sum_j g_j \hat z_j\Bigr),

and through the skip the gradient of :math:`a^{l}` is added unchanged to that of
:math:`a^{l-1}`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from sigmoidlab._checks import finite_array, positive_int, positive_real
from sigmoidlab.kernels.logistic import sigmoid, sigmoid_derivative
from sigmoidlab.models.losses import bce_from_logits
from sigmoidlab.models.networks import INITS, LOSSES, Network, _worst_relative_error

__all__ = ["DeepSigmoidNetwork", "deep_gradient_check"]

Array = np.ndarray
EPSILON = 1e-5  # added to the batch variance, as in Ioffe and Szegedy's algorithm 1


class DeepSigmoidNetwork:
    r"""A sigmoid network whose hidden layers may be batch-normalised and/or residual.

    Introduced in chapter 7. With ``batch_norm=False`` and ``residual=False`` it computes
    exactly what :class:`sigmoidlab.models.networks.Network` computes with sigmoid hidden units
    (same weights for the same ``init`` and ``seed``).

    Parameters
    ----------
    sizes : sequence of int
        Neurons per layer, input first, e.g. ``[64, 30, 30, 30, 30, 10]``.
    batch_norm : bool
        Normalise each hidden unit's weighted input over the mini-batch, then scale by
        :math:`\gamma` (starts at 1) and shift by :math:`\beta` (starts at 0).
    residual : bool
        Add each hidden layer's input to its output where the two widths are equal.
    loss : {"cross_entropy", "mse"}
        As in :class:`sigmoidlab.models.networks.Network`.
    init : str
        Any initialisation of :class:`sigmoidlab.models.networks.Network` (one of its ``INITS``).
    seed : int
        Seed of the initialisation.

    Notes
    -----
    :meth:`cost`, :meth:`backprop` and :meth:`speeds` use the statistics of the batch they
    are given (training mode). :meth:`train` ends by storing each layer's mean and variance
    over the whole training set; :meth:`predict` and :meth:`accuracy` use those (inference
    mode), or the given batch's before any training.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        *,
        batch_norm: bool = False,
        residual: bool = False,
        loss: str = "cross_entropy",
        init: str = "scaled",
        seed: int = 0,
    ) -> None:
        for name, flag in (("batch_norm", batch_norm), ("residual", residual)):
            if not isinstance(flag, bool):
                raise TypeError(f"{name} must be True or False, got {type(flag).__name__}")
        if not isinstance(loss, str) or not isinstance(init, str):
            raise TypeError("loss and init must be strings")
        if loss not in LOSSES:
            raise ValueError(f"loss must be one of {LOSSES}, got {loss!r}")
        if init not in INITS:
            raise ValueError(f"init must be one of {INITS}, got {init!r}")
        base = Network(list(sizes), "sigmoid", loss, init, seed)  # checks sizes and seed
        self.sizes = base.sizes
        self.batch_norm, self.residual = batch_norm, residual
        self.loss_name, self.init = loss, init
        self.rng = base.rng
        self.weights: list[Array] = base.weights
        self.biases: list[Array] = base.biases
        hidden = self.sizes[1:-1]
        if batch_norm:  # beta takes the bias's role
            self.biases[:-1] = [np.zeros(n) for n in hidden]
        self.gammas: list[Array] = [np.ones(n) for n in hidden]
        self.betas: list[Array] = [np.zeros(n) for n in hidden]
        self.population: list[tuple[Array, Array]] | None = None

    def _skips(self, layer: int) -> bool:
        """Whether hidden layer ``layer`` (0-based) adds its input to its output."""
        return self.residual and self.sizes[layer] == self.sizes[layer + 1]

    def _inputs(self, X: npt.ArrayLike) -> Array:
        arr = finite_array(X, "X", ndim=2)
        if arr.shape[1] != self.sizes[0]:
            raise ValueError(
                f"X has {arr.shape[1]} input(s) per example; the network needs {self.sizes[0]}"
            )
        return arr

    def _targets(self, Y: npt.ArrayLike, n: int) -> Array:
        arr = finite_array(Y, "Y", ndim=2)
        if arr.shape != (n, self.sizes[-1]):
            raise ValueError(f"Y has shape {arr.shape}; need ({n}, {self.sizes[-1]})")
        if not np.all((arr >= 0) & (arr <= 1)):
            raise ValueError("Y must hold targets in [0, 1] for the sigmoid outputs")
        return arr

    def forward(self, X: npt.ArrayLike, *, inference: bool = False) -> dict[str, list[Array]]:
        """Every intermediate of the forward pass, as lists over layers: ``"a"`` (activations,
        input first), ``"z"``, ``"zhat"``, ``"std"`` (batch norm only) and ``"u"``.

        With ``inference=True`` and stored population statistics, batch norm uses those."""
        a = self._inputs(X)
        cache: dict[str, list[Array]] = {"a": [a], "z": [], "zhat": [], "std": [], "u": []}
        last = len(self.weights) - 1
        for layer, (W, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            z = a @ W.T + b
            cache["z"].append(z)
            if layer == last:
                a = np.asarray(sigmoid(z))
                cache["u"].append(z)
            else:
                u = z
                if self.batch_norm:
                    if inference and self.population is not None:
                        mean, var = self.population[layer]
                    else:
                        mean, var = z.mean(axis=0), z.var(axis=0)
                    std = np.sqrt(var + EPSILON)
                    zhat = (z - mean) / std
                    u = self.gammas[layer] * zhat + self.betas[layer]
                    cache["zhat"].append(zhat)
                    cache["std"].append(np.broadcast_to(std, z.shape[1:]).copy())
                cache["u"].append(u)
                h = np.asarray(sigmoid(u))
                a = a + h if self._skips(layer) else h
            cache["a"].append(a)
        return cache

    def predict(self, X: npt.ArrayLike) -> Array:
        """Output-layer activations (inference mode, see the class notes)."""
        return self.forward(X, inference=True)["a"][-1]

    def accuracy(self, X: npt.ArrayLike, labels: npt.ArrayLike) -> float:
        """Fraction of examples whose most active output neuron is the label."""
        out = self.predict(X)
        lab = finite_array(labels, "labels", ndim=1)
        if lab.size != out.shape[0]:
            raise ValueError(f"labels has {lab.size} entries for {out.shape[0]} examples")
        return float(np.mean(np.argmax(out, axis=1) == lab))

    def cost(self, X: npt.ArrayLike, Y: npt.ArrayLike) -> float:
        """Mean cost over the batch, with the batch's own statistics."""
        cache = self.forward(X)
        Y = self._targets(Y, cache["a"][0].shape[0])
        if self.loss_name == "mse":
            return float(0.5 * np.mean(np.sum((cache["a"][-1] - Y) ** 2, axis=1)))
        return float(np.mean(np.sum(bce_from_logits(cache["z"][-1], Y), axis=1)))

    def backprop(self, X: npt.ArrayLike, Y: npt.ArrayLike) -> dict[str, list[Array]]:
        """Gradients of the mean cost: keys ``"W"``, ``"b"`` (every layer) and ``"gamma"``,
        ``"beta"`` (hidden layers; used only with batch norm)."""
        cache = self.forward(X)
        n = cache["a"][0].shape[0]
        Y = self._targets(Y, n)
        delta = cache["a"][-1] - Y  # dC/dz at the output, per example
        if self.loss_name == "mse":
            delta = delta * sigmoid_derivative(cache["z"][-1])
        delta = delta / n  # gradient of the mean: sums over rows below
        layers = len(self.weights)
        grads: dict[str, list[Array]] = {
            "W": [np.empty(0)] * layers,
            "b": [np.empty(0)] * layers,
            "gamma": [np.zeros_like(g) for g in self.gammas],
            "beta": [np.zeros_like(g) for g in self.betas],
        }
        grads["W"][-1] = delta.T @ cache["a"][-2]
        grads["b"][-1] = delta.sum(axis=0)
        grad_a = delta @ self.weights[-1]  # dC/da of the top hidden layer
        for layer in range(layers - 2, -1, -1):
            du = grad_a * sigmoid_derivative(cache["u"][layer])
            if self.batch_norm:
                zhat, std = cache["zhat"][layer], cache["std"][layer]
                grads["beta"][layer] = du.sum(axis=0)
                grads["gamma"][layer] = (du * zhat).sum(axis=0)
                g = du * self.gammas[layer]
                dz = (g - g.mean(axis=0) - zhat * (g * zhat).mean(axis=0)) / std
                grads["b"][layer] = np.zeros_like(self.biases[layer])
            else:
                dz = du
                grads["b"][layer] = dz.sum(axis=0)
            grads["W"][layer] = dz.T @ cache["a"][layer]
            below = dz @ self.weights[layer]
            grad_a = below + grad_a if self._skips(layer) else below
        return grads

    def speeds(self, X: npt.ArrayLike, Y: npt.ArrayLike) -> Array:
        r"""Learning speed of each hidden layer: the norm of the gradient of its shift, the
        bias :math:`b^l` (or :math:`\beta^l` with batch norm), as in
        :meth:`sigmoidlab.models.networks.Network.speeds`."""
        grads = self.backprop(X, Y)
        key = "beta" if self.batch_norm else "b"
        return np.array([np.linalg.norm(g) for g in grads[key][: len(self.gammas)]])

    def train(
        self, X: npt.ArrayLike, Y: npt.ArrayLike, *, epochs: int, batch_size: int, eta: float
    ) -> list[float]:
        """Mini-batch gradient descent, one seeded shuffle per epoch; returns the training
        cost after each epoch, then stores the population statistics for inference."""
        X = self._inputs(X)
        Y = self._targets(Y, X.shape[0])
        epochs = positive_int(epochs, "epochs")
        batch_size = positive_int(batch_size, "batch_size")
        eta = positive_real(eta, "eta")
        costs = []
        for _ in range(epochs):
            order = self.rng.permutation(len(X))
            for start in range(0, len(X), batch_size):
                idx = order[start : start + batch_size]
                grads = self.backprop(X[idx], Y[idx])
                for name, params in self._parameters().items():
                    for p, g in zip(params, grads[name][-len(params) :], strict=True):
                        p -= eta * g
            costs.append(self.cost(X, Y))
        if self.batch_norm:
            cache = self.forward(X)
            self.population = [
                (z.mean(axis=0), z.var(axis=0)) for z in cache["z"][: len(self.gammas)]
            ]
        return costs

    def _parameters(self) -> dict[str, list[Array]]:
        """The trained parameters by name; with batch norm the hidden biases are not (beta
        replaces them), so ``"b"`` holds only the output layer's."""
        if self.batch_norm:
            return {
                "W": self.weights,
                "b": self.biases[-1:],
                "gamma": self.gammas,
                "beta": self.betas,
            }
        return {"W": self.weights, "b": self.biases}


def deep_gradient_check(
    net: DeepSigmoidNetwork, X: npt.ArrayLike, Y: npt.ArrayLike, h: float = 1e-5
) -> float:
    r"""Largest relative difference between :meth:`DeepSigmoidNetwork.backprop` and central
    finite differences of :meth:`DeepSigmoidNetwork.cost`, over every parameter.

    Relative difference :math:`|g - \hat g| / \max(|g| + |\hat g|, 10^{-8})`, as in
    :func:`sigmoidlab.models.networks.gradient_check`. Introduced in chapter 7.
    """
    if not isinstance(net, DeepSigmoidNetwork):
        raise TypeError(f"net must be a DeepSigmoidNetwork, got {type(net).__name__}")
    h = positive_real(h, "h")
    grads = net.backprop(X, Y)
    pairs = [
        pair
        for name, params in net._parameters().items()
        for pair in zip(params, grads[name][-len(params) :], strict=True)
    ]
    return _worst_relative_error(pairs, lambda: net.cost(X, Y), h)
