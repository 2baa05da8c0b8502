"""Small synthetic data sets, seeded so every figure and number in the book is repeatable."""

from __future__ import annotations

import numpy as np

__all__ = ["two_clusters"]


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
    """
    rng = np.random.default_rng(seed)
    points, labels = [], []
    for label, centre in ((0.0, -1.0), (1.0, 1.0)):
        kept = np.empty((0, 2))
        while len(kept) < n_per_class:
            s = spread if separable else 2.2 * spread
            cand = rng.normal(centre, s, size=(n_per_class, 2))
            if separable:
                side = (cand.sum(axis=1) / np.sqrt(2)) * np.sign(centre)
                cand = cand[side > margin]
            kept = np.vstack([kept, cand])
        points.append(kept[:n_per_class])
        labels.append(np.full(n_per_class, label))
    return np.vstack(points), np.concatenate(labels)
