"""Data for the chapters: small synthetic sets, seeded so every figure and number in the book
is repeatable, and the two helpers that prepare real data (one-hot labels, standardised
features)."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from sigmoidlab._checks import finite_array, positive_int, positive_real, real_number

__all__ = ["one_hot", "standardize", "two_clusters"]

Array = np.ndarray

#: Refuse a separable request when fewer draws than this qualify (margin far beyond the spread).
MIN_ACCEPTANCE = 1e-3
#: Hard bound on the redraw rounds, so no argument can make the loop run for ever.
MAX_ROUNDS = 100_000


def two_clusters(
    n_per_class: int = 50,
    *,
    separable: bool = True,
    margin: float = 0.3,
    spread: float = 0.6,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Two Gaussian clusters in the plane, around (-1, -1) (label 0) and (1, 1) (label 1).

    With ``separable=True`` points closer than ``margin`` to the line x1 + x2 = 0 are
    redrawn and each point lies on its own class's side, so a line separates the classes
    exactly. With ``separable=False`` the clusters are wider and overlap: no line can
    classify every point. Returns ``X`` (n, 2) and ``y`` (n,) in {0., 1.}.

    Parameters
    ----------
    n_per_class : int
        Points per class, at least 1.
    separable : bool
        Whether to keep the classes apart (see above).
    margin : float
        Distance from the line that every point keeps (``separable=True`` only), finite and
        at least 0. A margin far beyond the clusters (the centres are about 1.41 from the
        line) is refused with ``ValueError``: almost no draw would qualify.
    spread : float
        Standard deviation of each coordinate, positive and finite.
    seed : int
        Seed of the random draws.

    Raises
    ------
    ValueError
        For an argument out of range, or a margin that too few draws meet.
    """
    n_per_class = positive_int(n_per_class, "n_per_class")
    if not isinstance(separable, (bool, np.bool_)):
        raise TypeError(f"separable must be True or False, got {type(separable).__name__}")
    margin = real_number(margin, "margin")
    if margin < 0:
        raise ValueError(f"margin must be at least 0, got {margin!r}")
    spread = positive_real(spread, "spread")
    if separable:
        # A draw's signed distance from the line is Normal(sqrt(2), spread): this fraction
        # of draws lies beyond the margin. Refuse up front what would take too many rounds.
        accept = 0.5 * math.erfc((margin - math.sqrt(2.0)) / (spread * math.sqrt(2.0)))
        if accept < MIN_ACCEPTANCE:
            raise ValueError(
                f"margin={margin!r} is too wide for spread={spread!r}: only a fraction "
                f"{accept:.2g} of the points drawn lie that far from the line (need at least "
                f"{MIN_ACCEPTANCE:g}); use a smaller margin or a larger spread"
            )
    rng = np.random.default_rng(seed)
    points, labels = [], []
    for label, centre in ((0.0, -1.0), (1.0, 1.0)):
        kept = np.empty((0, 2))
        rounds = 0
        while len(kept) < n_per_class:
            rounds += 1
            if rounds > MAX_ROUNDS:  # unreachable when accept >= MIN_ACCEPTANCE, but a bound
                raise ValueError(
                    f"could not draw {n_per_class} points beyond margin={margin!r} in "
                    f"{MAX_ROUNDS} rounds; use a smaller margin or a larger spread"
                )
            s = spread if separable else 2.2 * spread
            cand = rng.normal(centre, s, size=(n_per_class, 2))
            if separable:
                side = (cand.sum(axis=1) / np.sqrt(2)) * np.sign(centre)
                cand = cand[side > margin]
            kept = np.vstack([kept, cand])
        points.append(kept[:n_per_class])
        labels.append(np.full(n_per_class, label))
    return np.vstack(points), np.concatenate(labels)


def one_hot(labels: npt.ArrayLike, classes: int) -> Array:
    """Labels 0..classes-1 as rows of a one-hot matrix.

    Parameters
    ----------
    labels : array_like of int, shape (n,)
        Class labels, whole numbers from 0 to ``classes - 1`` (1.0 is accepted, 1.5 is not).
    classes : int
        Number of classes, at least 1.
    """
    classes = positive_int(classes, "classes")
    values = finite_array(labels, "labels", ndim=1, allow_empty=True)
    # int() would turn 1.5 into 1 and -1 would index the last column: refuse both
    if not np.all((values == np.round(values)) & (values >= 0) & (values < classes)):
        raise ValueError(f"labels must be whole numbers from 0 to {classes - 1}")
    index = values.astype(int)
    out = np.zeros((index.size, classes))
    out[np.arange(index.size), index] = 1.0
    return out


def standardize(X_train: npt.ArrayLike, *others: npt.ArrayLike) -> tuple[Array, ...]:
    """Shift and scale each feature to mean 0 and variance 1 on the training set (constant
    features are only shifted), and apply the same transform to ``others``.

    Every array is (examples, features), finite, with the training set's number of features.
    """
    X_train = _matrix(X_train, "X_train")
    others = tuple(
        _matrix(X, f"others[{i}]", columns=X_train.shape[1]) for i, X in enumerate(others)
    )
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    std[std == 0] = 1.0
    return tuple((X - mean) / std for X in (X_train, *others))


def _matrix(X: npt.ArrayLike, name: str, columns: int | None = None) -> Array:
    """A finite (rows, columns) array of real numbers, as given (its dtype kept)."""
    finite_array(X, name, ndim=2)  # raises TypeError / ValueError naming the argument
    arr = np.asarray(X)
    if columns is not None and arr.shape[1] != columns:
        raise ValueError(f"{name} has {arr.shape[1]} column(s) (shape {arr.shape}); need {columns}")
    return arr
