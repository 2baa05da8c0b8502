r"""Calibration of predicted probabilities: measuring it and repairing it (chapter 9).

Introduced in chapter 9. A classifier is *calibrated* when, among the cases to which it
gives probability :math:`p`, a fraction :math:`p` is positive.

Measuring. Split :math:`[0, 1]` into :math:`M` bins of equal width, right-closed
(:math:`[0, \tfrac1M], (\tfrac1M, \tfrac2M], \dots`; edges ``np.linspace(0, 1, M + 1)``,
as scikit-learn's ``calibration_curve``). For the cases :math:`B_m` in bin :math:`m`
compare the mean prediction :math:`\bar p_m` with the fraction positive :math:`\bar y_m`.
The expected calibration error (Naeini, Cooper and Hauskrecht, 2015; Guo et al., 2017) is
their gap weighted by the share of cases in the bin,

.. math::

    \operatorname{ECE} = \sum_{m=1}^{M} \frac{|B_m|}{n}\,\bigl|\bar y_m - \bar p_m\bigr| .

Repairing, from logits :math:`s` on held-out data:

- Platt scaling (Platt, 1999) fits a sigmoid to the scores,
  :math:`\hat p = \sigma(A s + B)`: logistic regression with the single feature :math:`s`.
- Temperature scaling (Guo et al., 2017) divides the logits by one number :math:`T > 0`,
  :math:`\hat p = \sigma(s / T)` (or :math:`\operatorname{softmax}(z / T)` for several
  classes). For :math:`T > 0` the predicted class never changes, so neither does accuracy.

Both minimise the negative log-likelihood on the held-out set; both problems are convex in
their parameters (:math:`(A, B)`, and :math:`\beta = 1/T`), and are solved here by
safeguarded Newton steps, without randomness: the same data give the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sigmoidlab._checks import finite_array, labels_01, positive_int
from sigmoidlab.kernels.activations import softmax
from sigmoidlab.kernels.logistic import sigmoid
from sigmoidlab.models.losses import softplus

__all__ = [
    "PlattScaling",
    "ReliabilityBins",
    "expected_calibration_error",
    "fit_platt",
    "fit_temperature",
    "reliability_bins",
]


@dataclass(frozen=True)
class ReliabilityBins:
    r"""Per-bin summary of a reliability diagram; empty bins hold NaN means.

    Attributes
    ----------
    edges : numpy.ndarray
        The M + 1 bin edges, ``np.linspace(0, 1, M + 1)``.
    counts : numpy.ndarray
        Number of cases in each of the M bins (integers).
    mean_predicted : numpy.ndarray
        Mean predicted probability :math:`\bar p_m` per bin (NaN if empty).
    fraction_positive : numpy.ndarray
        Fraction of positive labels :math:`\bar y_m` per bin (NaN if empty).
    """

    edges: np.ndarray
    counts: np.ndarray
    mean_predicted: np.ndarray
    fraction_positive: np.ndarray

    @property
    def gaps(self) -> np.ndarray:
        r""":math:`|\bar y_m - \bar p_m|` per bin (NaN for empty bins)."""
        gaps: np.ndarray = np.abs(self.fraction_positive - self.mean_predicted)
        return gaps

    @property
    def ece(self) -> float:
        """The expected calibration error of these bins."""
        full = self.counts > 0
        weights = self.counts[full] / self.counts.sum()
        return float(np.sum(weights * self.gaps[full]))


def _probabilities(p: npt.ArrayLike, y: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Binary probabilities in [0, 1] and labels 0/1 of the same length."""
    p_arr = finite_array(p, "p", ndim=1)
    if np.any((p_arr < 0) | (p_arr > 1)):
        raise ValueError("p must hold probabilities in [0, 1]")
    return p_arr, labels_01(y, "y", p_arr.size)


def reliability_bins(p: npt.ArrayLike, y: npt.ArrayLike, n_bins: int = 10) -> ReliabilityBins:
    r"""Bin predicted probabilities of class 1 and compare each bin's mean with its labels.

    Parameters
    ----------
    p : array_like
        Predicted probabilities of class 1, in :math:`[0, 1]` (one dimension).
    y : array_like
        Labels, each 0 or 1, as many as ``p``.
    n_bins : int
        Number :math:`M` of equal-width, right-closed bins (at least 1).

    Returns
    -------
    ReliabilityBins
        Counts, :math:`\bar p_m` and :math:`\bar y_m` per bin. The non-empty bins are the
        points of scikit-learn's ``calibration_curve(y, p, n_bins=M)``.

    Raises
    ------
    TypeError
        For arguments that are not real numbers, or a non-integer ``n_bins``.
    ValueError
        For probabilities outside :math:`[0, 1]`, NaN, labels other than 0 or 1,
        mismatched lengths, or ``n_bins < 1``.
    """
    p_arr, y_arr = _probabilities(p, y)
    m = positive_int(n_bins, "n_bins")
    edges = np.linspace(0.0, 1.0, m + 1)
    index = np.searchsorted(edges[1:-1], p_arr, side="left")  # right-closed bins
    counts = np.bincount(index, minlength=m)
    sum_p = np.bincount(index, weights=p_arr, minlength=m)
    sum_y = np.bincount(index, weights=y_arr, minlength=m)
    with np.errstate(invalid="ignore", divide="ignore"):  # 0/0 = NaN marks an empty bin
        mean_p = np.where(counts > 0, sum_p / counts, np.nan)
        frac_y = np.where(counts > 0, sum_y / counts, np.nan)
    return ReliabilityBins(edges, counts, mean_p, frac_y)


def expected_calibration_error(p: npt.ArrayLike, y: npt.ArrayLike, n_bins: int = 10) -> float:
    r"""Expected calibration error :math:`\sum_m \frac{|B_m|}{n}|\bar y_m - \bar p_m|`.

    Binary form (Naeini et al., 2015): ``p`` is the probability of class 1 and the bins
    are on ``p``. Between 0 (every bin's mean matches its labels) and 1.

    Parameters
    ----------
    p : array_like
        Predicted probabilities of class 1, in :math:`[0, 1]` (one dimension).
    y : array_like
        Labels, each 0 or 1, as many as ``p``.
    n_bins : int
        Number of equal-width bins, at least 1 (10 by default).

    Returns
    -------
    float
        The ECE. With ``n_bins=1`` it is :math:`|\bar y - \bar p|`, the gap of the overall
        means.

    Raises
    ------
    TypeError, ValueError
        As :func:`reliability_bins`.
    """
    return reliability_bins(p, y, n_bins).ece


@dataclass(frozen=True)
class PlattScaling:
    r"""A fitted Platt map :math:`s \mapsto \sigma(A s + B)`.

    Attributes
    ----------
    A, B : float
        Slope and offset. (Platt's paper writes :math:`1/(1 + e^{A s + B})`, the same map
        with the signs of both parameters flipped.)
    """

    A: float
    B: float

    def logits(self, s: npt.ArrayLike) -> np.ndarray:
        """Recalibrated logits :math:`A s + B` for finite scores ``s``."""
        return self.A * finite_array(s, "s", ndim=(0, 1)) + self.B

    def predict_proba(self, s: npt.ArrayLike) -> np.ndarray:
        r"""Recalibrated probabilities :math:`\sigma(A s + B)`."""
        return np.asarray(sigmoid(self.logits(s)))


def _newton_2d(s: np.ndarray, t: np.ndarray, max_iter: int) -> tuple[float, float]:
    """Minimise mean[softplus(A s + B) - t (A s + B)] by Newton with backtracking."""
    theta = np.array([0.0, float(np.log((t.mean() + 1e-12) / (1 - t.mean() + 1e-12)))])

    def loss(th: np.ndarray) -> float:
        z = th[0] * s + th[1]
        return float(np.mean(softplus(z) - t * z))

    current = loss(theta)
    for _ in range(max_iter):
        q = np.asarray(sigmoid(theta[0] * s + theta[1]))
        r = q - t
        grad = np.array([np.mean(r * s), np.mean(r)])
        w = q * (1 - q)
        hess = np.array([[np.mean(w * s * s), np.mean(w * s)], [np.mean(w * s), np.mean(w)]])
        if np.max(np.abs(grad)) < 1e-12:
            return float(theta[0]), float(theta[1])
        hess += 1e-12 * np.eye(2)
        step = np.linalg.solve(hess, grad)
        size = 1.0
        while size > 1e-10:
            trial = theta - size * step
            value = loss(trial)
            if value <= current + 1e-4 * size * float(grad @ -step):
                break
            size /= 2
        else:
            break  # no decrease possible any more: at the optimum to rounding
        theta, current = trial, value
    return float(theta[0]), float(theta[1])


def _separated(s: np.ndarray, y: np.ndarray) -> bool:
    """True if a threshold on ``s`` puts every 1 on one side and every 0 on the other
    (ties allowed): then the likelihood has no maximum at finite parameters."""
    pos, neg = s[y == 1], s[y == 0]
    if pos.size == 0 or neg.size == 0:
        return True
    return bool(pos.min() >= neg.max() or pos.max() <= neg.min())


def fit_platt(
    s: npt.ArrayLike, y: npt.ArrayLike, *, smoothed_targets: bool = True, max_iter: int = 100
) -> PlattScaling:
    r"""Fit :math:`\hat p = \sigma(A s + B)` to held-out scores ``s`` and labels ``y``.

    Minimises the cross-entropy :math:`\frac1n\sum_i[\operatorname{softplus}(A s_i + B)
    - t_i (A s_i + B)]`: logistic regression on the one feature :math:`s`. Platt (1999)
    replaces the targets 1 and 0 by

    .. math::

        t_+ = \frac{N_+ + 1}{N_+ + 2}, \qquad t_- = \frac{1}{N_- + 2}

    (:math:`N_\pm` the numbers of positive and negative cases), which keeps :math:`A`
    finite when the scores separate the classes; ``smoothed_targets=False`` uses 0 and 1.

    Parameters
    ----------
    s : array_like
        Finite scores (one dimension), e.g. a model's logits, on data the model was not
        fitted to.
    y : array_like
        Labels, each 0 or 1, as many as ``s``.
    smoothed_targets : bool
        Use Platt's targets (default) or the labels themselves.
    max_iter : int
        Most Newton steps (at least 1).

    Returns
    -------
    PlattScaling

    Raises
    ------
    TypeError
        For arguments that are not real numbers, or a non-bool ``smoothed_targets``.
    ValueError
        For NaN or infinite scores, labels other than 0 or 1, mismatched lengths, fewer
        than two cases, or (hard targets only) scores that separate the labels.
    """
    s_arr = finite_array(s, "s", ndim=1)
    y_arr = labels_01(y, "y", s_arr.size)
    if not isinstance(smoothed_targets, (bool, np.bool_)):
        raise TypeError(f"smoothed_targets must be True or False, got {smoothed_targets!r}")
    steps = positive_int(max_iter, "max_iter")
    if s_arr.size < 2:
        raise ValueError("fit_platt needs at least two cases")
    t = y_arr
    if not smoothed_targets and _separated(s_arr, y_arr):
        raise ValueError(
            "the scores separate the labels, so with hard targets the best A is infinite; "
            "use smoothed_targets=True"
        )
    if smoothed_targets:
        n_pos = float(y_arr.sum())
        n_neg = y_arr.size - n_pos
        t = np.where(y_arr == 1, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    A, B = _newton_2d(s_arr, t, steps)
    return PlattScaling(A, B)


def _logits_and_classes(z: npt.ArrayLike, y: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """(n, K) logits and integer classes; 1-D logits are the binary case (0, s)."""
    z_arr = finite_array(z, "z", ndim=(1, 2))
    if z_arr.ndim == 1:
        y_arr = labels_01(y, "y", z_arr.size)
        return np.stack([np.zeros_like(z_arr), z_arr], axis=1), y_arr.astype(np.intp)
    y_arr = finite_array(y, "y", ndim=1)
    n, k = z_arr.shape
    if y_arr.size != n:
        raise ValueError(f"y has {y_arr.size} labels for {n} rows of logits")
    if k < 2 or np.any((y_arr != np.round(y_arr)) | (y_arr < 0) | (y_arr >= k)):
        raise ValueError(f"y must hold class indices 0, ..., {k - 1} (and K >= 2)")
    return z_arr, y_arr.astype(np.intp)


def _nll_derivatives(beta: float, z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """First and second derivative in beta of mean[-log softmax(beta z)_y]."""
    q = np.asarray(softmax(beta * z, axis=1))
    mean_z = np.sum(q * z, axis=1)
    first = float(np.mean(mean_z - z[np.arange(len(y)), y]))
    second = float(np.mean(np.sum(q * z * z, axis=1) - mean_z**2))
    return first, second


def fit_temperature(z: npt.ArrayLike, y: npt.ArrayLike, *, max_iter: int = 200) -> float:
    r"""The temperature :math:`T > 0` that minimises the held-out negative log-likelihood.

    For logits :math:`z_i \in \mathbb R^K` and classes :math:`y_i`, minimises
    :math:`\frac1n\sum_i -\log\operatorname{softmax}(z_i / T)_{y_i}` (Guo et al., 2017). A
    1-D ``z`` holds binary logits :math:`s_i` with labels 0/1, and the model is
    :math:`\sigma(s_i / T)`. In :math:`\beta = 1/T` the objective is convex, with derivative

    .. math::

        \frac{1}{n}\sum_i \bigl(\mathbb E_{q_i}[z_i] - z_{i, y_i}\bigr),
        \qquad q_i = \operatorname{softmax}(\beta z_i),

    which is increasing; its root is found by Newton steps kept inside a bracket.

    Parameters
    ----------
    z : array_like
        Finite logits on held-out data: n binary logits, or an n x K array.
    y : array_like
        n labels: 0/1 (1-D ``z``) or class indices :math:`0, \dots, K-1`.
    max_iter : int
        Most iterations (at least 1).

    Returns
    -------
    float
        :math:`T`. :math:`T > 1` softens over-confident logits, :math:`T < 1` sharpens.

    Raises
    ------
    TypeError
        For arguments that are not real numbers.
    ValueError
        For NaN or infinite logits, invalid labels, mismatched lengths; if the logits
        rank the labels no better than chance (the best :math:`T` is infinite), or if
        they separate them perfectly (the best :math:`T` is 0).
    """
    z2, classes = _logits_and_classes(z, y)
    steps = positive_int(max_iter, "max_iter")
    true = z2[np.arange(len(classes)), classes]
    others = np.where(np.arange(z2.shape[1]) == classes[:, None], -np.inf, z2)
    if np.all(true >= others.max(axis=1)):
        raise ValueError("the logits separate the labels: the best T is 0")
    g0, _ = _nll_derivatives(0.0, z2, classes)
    if g0 >= 0:
        raise ValueError("the logits rank the labels no better than chance: T = infinity")
    low, high = 0.0, 1.0
    while _nll_derivatives(high, z2, classes)[0] < 0:
        low, high = high, 2 * high
        if high > 1e12:
            raise ValueError("the logits separate the labels: the best T is 0")
    beta = high
    for _ in range(steps):
        g, h = _nll_derivatives(beta, z2, classes)
        if g < 0:
            low = beta
        else:
            high = beta
        if abs(g) < 1e-13 or high - low < 1e-15 * high:
            break
        newton = beta - g / h if h > 0 else -1.0
        beta = newton if low < newton < high else 0.5 * (low + high)
    return 1.0 / beta
