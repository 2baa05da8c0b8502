r"""What every trainer in the package shares: one history type, and one logistic trainer.

:class:`TrainingHistory` records one entry per epoch; each trainer fills the fields it
measures (a perceptron has no loss, a network has no single weight vector).

:func:`logistic_gradient_descent` is the one place where a single sigmoid unit learns. It
minimises the mean cross-entropy with an optional L2 penalty (scikit-learn's
``LogisticRegression(C=C)`` objective, scaled by :math:`1/n`; :math:`C = \infty` is no
penalty),

.. math::

    J(w, b) = \frac1n \sum_{i=1}^n \bigl[\operatorname{softplus}(z_i) - y_i z_i\bigr]
            + \frac{\|w\|^2}{2Cn}, \qquad z_i = w \cdot x_i + b,

by full-batch gradient descent. The gradient is
:math:`\nabla_w J = \frac1n X^\top(\sigma(z) - y) + w/(Cn)` and
:math:`\partial J/\partial b = \frac1n \sum_i (\sigma(z_i) - y_i)`: the :math:`\sigma'` of the
chain rule cancels against the cross-entropy (chapter 5). The cost is computed from the logits,
so it never takes :math:`\log 0`. :class:`~sigmoidlab.models.neurons.SigmoidNeuron` (chapter 3)
and :class:`~sigmoidlab.models.logistic_regression.LogisticRegressionGD` (chapter 9) both train
with it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from sigmoidlab.kernels.logistic import sigmoid
from sigmoidlab.models.losses import bce_from_logits

__all__ = ["TrainingHistory", "logistic_gradient_descent"]


@dataclass
class TrainingHistory:
    """What happened during training, one entry per epoch in each field a trainer fills."""

    loss: list[float] = field(default_factory=list)  # the trainer's objective
    errors: list[int] = field(default_factory=list)  # misclassified training examples
    accuracy: list[float] = field(default_factory=list)  # on an evaluation set (networks)
    weights: list[np.ndarray] = field(default_factory=list)  # (w..., b) of a single unit
    speeds: list[np.ndarray] = field(default_factory=list)  # per hidden layer (networks)


def logistic_objective(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, C: float = math.inf
) -> float:
    """:math:`J(w, b)` above, for checked float64 ``X`` (n, d), ``y`` (n,) in [0, 1]."""
    data = np.mean(bce_from_logits(X @ w + b, y))
    return float(data + w @ w / (2 * C * len(y)))


def logistic_gradient_descent(
    X: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    b: float,
    *,
    eta: float,
    epochs: int,
    C: float = math.inf,
) -> tuple[np.ndarray, float, TrainingHistory]:
    r"""``epochs`` full-batch gradient steps on :math:`J` from ``(w, b)``.

    The arguments are already checked by the caller: ``X`` (n, d) and ``y`` (n,) finite
    float64 with targets in [0, 1], ``w`` (d,), ``eta`` and ``C`` positive. ``w`` is not
    changed; the new weights are returned with the bias and a history of the objective, the
    training errors (prediction :math:`\sigma(z) > 1/2` against target :math:`> 1/2`) and
    :math:`(w, b)` after each step.
    """
    n = len(y)
    w = w.copy()
    history = TrainingHistory()
    for _ in range(epochs):
        residual = sigmoid(X @ w + b) - y
        w -= eta * (X.T @ residual / n + w / (C * n))
        b -= eta * float(np.mean(residual))
        history.loss.append(logistic_objective(X, y, w, b, C))
        history.errors.append(int(np.sum((sigmoid(X @ w + b) > 0.5) != (y > 0.5))))
        history.weights.append(np.append(w, b))
    return w, b, history
