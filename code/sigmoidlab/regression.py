r"""Logistic regression as a single sigmoid neuron (chapter 6).

Minimises the same objective as scikit-learn's ``LogisticRegression(C=C)`` (L2 penalty,
unpenalised intercept), scaled by :math:`1/n`:

.. math::

    J(w, b) = \frac1n \sum_{i=1}^n \bigl[\operatorname{softplus}(z_i) - y_i z_i\bigr]
            + \frac{1}{2Cn}\|w\|^2, \qquad z_i = w \cdot x_i + b,

by full-batch gradient descent, :math:`\nabla_w J = \frac1n X^\top(\sigma(z) - y) + w/(Cn)`.
The cross-entropy is computed from the logits, so it never takes :math:`\log 0`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from .logistic import sigmoid
from .losses import bce_from_logits

__all__ = ["LogisticRegressionGD"]


@dataclass
class LogisticRegressionGD:
    """Binary logistic regression trained by gradient descent; labels in {0, 1}."""

    C: float = 1.0
    eta: float = 0.5
    epochs: int = 5000
    coef_: np.ndarray = field(default_factory=lambda: np.zeros(0))
    intercept_: float = 0.0
    loss_history: list[float] = field(default_factory=list)

    def objective(self, X: npt.ArrayLike, y: npt.ArrayLike) -> float:
        X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
        data = np.mean(bce_from_logits(X @ self.coef_ + self.intercept_, y))
        return float(data + self.coef_ @ self.coef_ / (2 * self.C * len(y)))

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> LogisticRegressionGD:
        X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
        if not np.all((y == 0) | (y == 1)):
            raise ValueError("labels must be 0 or 1")
        n, d = X.shape
        self.coef_, self.intercept_, self.loss_history = np.zeros(d), 0.0, []
        for _ in range(self.epochs):
            residual = sigmoid(X @ self.coef_ + self.intercept_) - y
            self.coef_ -= self.eta * (X.T @ residual / n + self.coef_ / (self.C * n))
            self.intercept_ -= self.eta * float(np.mean(residual))
            self.loss_history.append(self.objective(X, y))
        return self

    def predict_proba(self, X: npt.ArrayLike) -> np.ndarray:
        """Probability of class 1 for each row."""
        return sigmoid(np.asarray(X, dtype=np.float64) @ self.coef_ + self.intercept_)

    def predict(self, X: npt.ArrayLike) -> np.ndarray:
        return (self.predict_proba(X) > 0.5).astype(int)
