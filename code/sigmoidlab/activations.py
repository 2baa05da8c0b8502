r"""The sigmoid inside modern activations and output layers (chapter 6).

* SiLU / Swish: :math:`\operatorname{silu}(x) = x\,\sigma(x)`.
* GELU: :math:`x\,\Phi(x)` with :math:`\Phi` the standard normal CDF, and its two common
  approximations :math:`x\,\sigma(1.702x)` and
  :math:`\tfrac12 x\bigl(1 + \tanh(\sqrt{2/\pi}\,(x + 0.044715x^3))\bigr)`.
* Hard swish: :math:`x \cdot \operatorname{hard\_sigmoid}(x)` (MobileNetV3).
* Softmax, whose two-class case is the sigmoid: :math:`\operatorname{softmax}(z, 0)_1 = \sigma(z)`.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.special import ndtr

from .family import hard_sigmoid
from .logistic import sigmoid

__all__ = ["gelu", "gelu_sigmoid", "gelu_tanh", "hard_swish", "silu", "softmax"]


def silu(x: npt.ArrayLike) -> np.ndarray:
    r"""SiLU (Swish-1): :math:`x\,\sigma(x)`."""
    x = np.asarray(x, dtype=np.float64)
    return x * sigmoid(x)


def gelu(x: npt.ArrayLike) -> np.ndarray:
    r"""Exact GELU: :math:`x\,\Phi(x)`, :math:`\Phi` the standard normal CDF."""
    x = np.asarray(x, dtype=np.float64)
    return x * ndtr(x)


def gelu_sigmoid(x: npt.ArrayLike) -> np.ndarray:
    r"""The sigmoid approximation of GELU, :math:`x\,\sigma(1.702x)`."""
    x = np.asarray(x, dtype=np.float64)
    return x * sigmoid(1.702 * x)


def gelu_tanh(x: npt.ArrayLike) -> np.ndarray:
    r"""The tanh approximation of GELU used in BERT and GPT-2."""
    x = np.asarray(x, dtype=np.float64)
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))


def hard_swish(x: npt.ArrayLike) -> np.ndarray:
    r"""Hard swish :math:`x \cdot \min(1, \max(0, x/6 + 1/2))` (MobileNetV3)."""
    x = np.asarray(x, dtype=np.float64)
    return x * hard_sigmoid(x)


def softmax(z: npt.ArrayLike, axis: int = -1) -> np.ndarray:
    r""":math:`e^{z_i} / \sum_j e^{z_j}` along ``axis``, shifted by the maximum (no overflow)."""
    z = np.asarray(z, dtype=np.float64)
    shifted = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)
