r"""Binary cross-entropy, from probabilities and from logits (chapter 5).

For a label :math:`y \in \{0, 1\}` and a prediction :math:`a = \sigma(z)`,

.. math::

    C = -\bigl[y \log a + (1 - y)\log(1 - a)\bigr]
      = -\bigl[y \log\sigma(z) + (1 - y)\log\sigma(-z)\bigr]
      = \operatorname{softplus}(z) - y z .

The first form needs :math:`a`, which has already been rounded: :math:`a = 1` exactly for
:math:`z > 37.4` (float64), and then :math:`\log(1 - a) = -\infty`. The last forms work
from the logit :math:`z` and stay finite and accurate. This is why deep-learning frameworks
offer "with logits" losses.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .logistic import log_sigmoid

__all__ = ["bce_from_logits", "bce_from_probabilities", "softplus"]


def softplus(x: npt.ArrayLike) -> np.ndarray:
    r"""The softplus :math:`\log(1 + e^{x}) = -\log\sigma(-x)`, without overflow."""
    return -log_sigmoid(-np.asarray(x, dtype=np.float64))


def bce_from_probabilities(a: npt.ArrayLike, y: npt.ArrayLike) -> np.ndarray:
    """Elementwise cross-entropy from probabilities ``a`` (the fragile form, for comparison).

    Returns ``inf`` where ``a`` is exactly 0 or 1 on the wrong side; no warning is raised.
    """
    a = np.asarray(a, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return -(np.where(y > 0, y * np.log(a), 0.0) + np.where(y < 1, (1 - y) * np.log1p(-a), 0.0))


def bce_from_logits(z: npt.ArrayLike, y: npt.ArrayLike) -> np.ndarray:
    r"""Elementwise cross-entropy from logits ``z``.

    :math:`-[y\log\sigma(z) + (1-y)\log\sigma(-z)]`, with the stable
    :func:`sigmoidlab.logistic.log_sigmoid`.
    """
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    return -(y * log_sigmoid(z) + (1 - y) * log_sigmoid(-z))
