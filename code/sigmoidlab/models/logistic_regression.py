r"""Logistic regression as a single sigmoid neuron (chapter 9).

Minimises the same objective as scikit-learn's ``LogisticRegression(C=C)`` (L2 penalty,
unpenalised intercept), scaled by :math:`1/n`,

.. math::

    J(w, b) = \frac1n \sum_{i=1}^n \bigl[\operatorname{softplus}(z_i) - y_i z_i\bigr]
            + \frac{1}{2Cn}\|w\|^2, \qquad z_i = w \cdot x_i + b,

with the package's one logistic trainer,
:func:`~sigmoidlab.models.training.logistic_gradient_descent`, behind scikit-learn's
``fit`` / ``predict_proba`` / ``predict`` interface.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from sigmoidlab._checks import finite_array, labels_01, positive_int, positive_real
from sigmoidlab.kernels.logistic import sigmoid
from sigmoidlab.models.training import (
    TrainingHistory,
    logistic_gradient_descent,
    logistic_objective,
)

__all__ = ["LogisticRegressionGD"]


@dataclass
class LogisticRegressionGD:
    """Binary logistic regression trained by gradient descent; labels in {0, 1}.

    After :meth:`fit`, ``coef_`` and ``intercept_`` hold the weights and the bias, and
    ``history_`` (a :class:`~sigmoidlab.models.training.TrainingHistory`) the objective, the
    training errors and the weights after each step.

    Parameters
    ----------
    C : float
        Inverse strength of the L2 penalty, as scikit-learn's; positive and finite.
    eta : float
        Learning rate, positive and finite.
    epochs : int
        Gradient steps, at least 1.
    """

    C: float = 1.0
    eta: float = 0.5
    epochs: int = 5000
    coef_: np.ndarray = field(default_factory=lambda: np.zeros(0))
    intercept_: float = 0.0
    history_: TrainingHistory = field(default_factory=TrainingHistory)

    def __post_init__(self) -> None:
        self._check_settings()

    def _check_settings(self) -> None:
        # C = 0 divides by zero (NaN coefficients); eta <= 0 climbs or stands still
        positive_real(self.C, "C")
        positive_real(self.eta, "eta")
        positive_int(self.epochs, "epochs")

    def _data(self, X: npt.ArrayLike, y: npt.ArrayLike | None = None) -> tuple[np.ndarray, ...]:
        X = finite_array(X, "X", ndim=2)
        if self.coef_.size and X.shape[1] != self.coef_.size:
            raise ValueError(
                f"X has {X.shape[1]} feature(s) (shape {X.shape}); the model has "
                f"{self.coef_.size} coefficient(s)"
            )
        if y is None:
            return (X,)
        # one label for every row: y[:1] would otherwise broadcast over all of them
        return X, labels_01(y, "y", X.shape[0])

    def _fitted(self) -> None:
        if self.coef_.size == 0:
            raise ValueError("the model has no coefficients yet: call fit first")

    def objective(self, X: npt.ArrayLike, y: npt.ArrayLike) -> float:
        """:math:`J(w, b)` of the current coefficients on ``X`` (n, d) and labels ``y``."""
        self._fitted()
        positive_real(self.C, "C")
        X, y = self._data(X, y)
        return logistic_objective(X, y, self.coef_, self.intercept_, self.C)

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> LogisticRegressionGD:
        """Fit on ``X`` (n, d), finite, and labels ``y`` (n,), each 0 or 1."""
        self._check_settings()
        X = finite_array(X, "X", ndim=2)
        y = labels_01(y, "y", X.shape[0])
        self.coef_, self.intercept_, self.history_ = logistic_gradient_descent(
            X, y, np.zeros(X.shape[1]), 0.0, eta=self.eta, epochs=self.epochs, C=self.C
        )
        return self

    def predict_proba(self, X: npt.ArrayLike) -> np.ndarray:
        """Probability of class 1 for each row."""
        self._fitted()
        (X,) = self._data(X)
        return np.asarray(sigmoid(X @ self.coef_ + self.intercept_))

    def predict(self, X: npt.ArrayLike) -> np.ndarray:
        """Class 0 or 1 for each row (1 where the probability is above 0.5)."""
        return (self.predict_proba(X) > 0.5).astype(int)
