"""Hostile input to the models and helpers: every case gives the right value or a clear error.

One table of cases for every public function and class of neurons, networks, regression,
datasets, gates, finite_differences, timing and the explorers. Each case names its expected
outcome: ``"value"`` (a right result, checked where there is one to check),
``TypeError`` or ``ValueError`` (whose message must name the argument). Each case runs in a
daemon thread with a generous limit, so a case that hangs fails instead of stopping the run
(the limit is a guard, not a timing assertion).

Running this module prints a summary line at the end of pytest's report, for example::

    hostile models: 250 cases tried: 60 right value, 70 clear TypeError, 120 clear ValueError

The tests after the table pin the other fixes: read-only cached profiles, tracemalloc left as
the caller had it, and the bounded redraw loop of two_clusters.
"""

# ruff: noqa: E501  (the case table reads best one case per line)
from __future__ import annotations

import threading
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hostile import outcomes

from sigmoidlab.explorers.derivative import derivative_state
from sigmoidlab.explorers.neuron import neuron_state
from sigmoidlab.explorers.saturation import (
    _compute_profile,
    saturation_profile,
    saturation_state,
)
from sigmoidlab.explorers.spec import EXPLORERS
from sigmoidlab.explorers.static import static_explorer
from sigmoidlab.explorers.steepness import steepness_state
from sigmoidlab.explorers.widgets import Explorer, live_explorer
from sigmoidlab.kernels import timing
from sigmoidlab.kernels.finite_differences import central_difference, step_size_sweep
from sigmoidlab.kernels.logistic import sigmoid
from sigmoidlab.kernels.timing import best_time, ns_per_element, peak_memory
from sigmoidlab.models import datasets
from sigmoidlab.models.datasets import one_hot, standardize, two_clusters
from sigmoidlab.models.gates import LSTMCell
from sigmoidlab.models.logistic_regression import LogisticRegressionGD
from sigmoidlab.models.networks import Network, gradient_check
from sigmoidlab.models.neurons import Perceptron, SigmoidNeuron, feedforward

HANG_LIMIT = 60.0  # seconds; every case takes milliseconds, this only stops a hang
OUTCOMES = outcomes("models")  # printed at the end of the run (conftest.py)


# -- small valid data ----------------------------------------------------------------------------
X4 = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y_AND = np.array([0.0, 0.0, 0.0, 1.0])
NAN_X = X4.copy()
NAN_X[1, 0] = np.nan
INF_X = X4.copy()
INF_X[2, 1] = np.inf
NET_X = np.random.default_rng(0).standard_normal((6, 3))
NET_Y = one_hot([0, 1, 0, 1, 1, 0], 2)
NET_LABELS = np.array([0, 1, 0, 1, 1, 0])


def net() -> Network:
    return Network([3, 4, 2], seed=0)


def perceptron() -> Perceptron:
    return Perceptron([0.0, 0.0], 0.0)


def neuron() -> SigmoidNeuron:
    return SigmoidNeuron([0.0, 0.0], 0.0)


def train_net(**kw: Any) -> Any:
    args: dict[str, Any] = {"epochs": 1, "batch_size": 2, "eta": 0.1}
    args.update(kw)
    X, Y = args.pop("X", NET_X), args.pop("Y", NET_Y)
    return net().train(X, Y, **args)


def cell() -> LSTMCell:
    return LSTMCell.random(inputs=3, hidden=2, seed=0)


def fit(X: Any = X4, y: Any = Y_AND, **kw: Any) -> LogisticRegressionGD:
    kw.setdefault("epochs", 5)
    return LogisticRegressionGD(**kw).fit(X, y)


def fitted() -> LogisticRegressionGD:
    return fit()


def W_b(rows: int, cols: int) -> tuple[np.ndarray, np.ndarray]:
    return np.ones((rows, cols)), np.zeros(rows)


LSTM_W = {g: np.zeros((2, 5)) for g in "fioc"}
LSTM_B = {g: np.zeros(2) for g in "fioc"}

# (id, thunk, expected outcome, words the error message must contain or a check of the value)
Case = tuple[str, Callable[[], Any], Any, Any]
V, T, E = "value", TypeError, ValueError

# fmt: off
CASES: list[Case] = [
    # -- neurons: construction -----------------------------------------------------------------
    ("perceptron-valid", lambda: perceptron().w, V, lambda w: w.tolist() == [0.0, 0.0]),
    ("perceptron-w-str", lambda: Perceptron("ab", 0.0), T, "w"),
    ("perceptron-w-None", lambda: Perceptron(None, 0.0), T, "w"),
    ("perceptron-w-2d", lambda: Perceptron([[1.0]], 0.0), E, "w"),
    ("perceptron-w-empty", lambda: Perceptron([], 0.0), E, "w"),
    ("perceptron-w-nan", lambda: Perceptron([np.nan, 1.0], 0.0), E, "w"),
    ("perceptron-b-str", lambda: Perceptron([1.0], "0"), T, "b"),
    ("perceptron-b-None", lambda: Perceptron([1.0], None), T, "b"),
    ("perceptron-b-inf", lambda: Perceptron([1.0], np.inf), E, "b"),
    ("sigmoidneuron-w-complex", lambda: SigmoidNeuron([1j], 0.0), T, "w"),
    ("sigmoidneuron-b-nan", lambda: SigmoidNeuron([1.0], np.nan), E, "b"),
    ("neuron-scaled-valid", lambda: neuron().scaled(2.0).b, V, lambda b: b == 0.0),
    ("neuron-scaled-str", lambda: neuron().scaled("2"), T, "c"),
    ("neuron-scaled-nan", lambda: neuron().scaled(np.nan), E, "c"),
    # -- neurons: output ---------------------------------------------------------------------
    ("perceptron-output-one", lambda: perceptron().output([1.0, 1.0]), V, lambda v: v == 0.0),
    ("perceptron-output-batch", lambda: SigmoidNeuron([1.0, 1.0], -1.5).output(X4), V, lambda v: v.shape == (4,)),
    ("perceptron-output-empty-batch", lambda: perceptron().output(np.empty((0, 2))), V, lambda v: v.shape == (0,)),
    ("perceptron-output-wrong-length", lambda: perceptron().output([1.0, 2.0, 3.0]), E, "x"),
    ("perceptron-output-nan", lambda: perceptron().output([np.nan, 1.0]), E, "x"),
    ("perceptron-output-str", lambda: perceptron().output("ab"), T, "x"),
    ("perceptron-output-None", lambda: perceptron().output(None), T, "x"),
    ("perceptron-output-3d", lambda: perceptron().output(np.zeros((1, 1, 2))), E, "x"),
    ("sigmoid-output-gradient", lambda: neuron().output_gradient([1.0, 2.0])[0], V, lambda g: np.allclose(g, [0.25, 0.5])),
    ("sigmoid-output-gradient-wrong", lambda: neuron().output_gradient([1.0]), E, "x"),
    ("sigmoid-cross-entropy", lambda: neuron().cross_entropy(X4, Y_AND), V, lambda v: np.isclose(v, np.log(2))),
    ("sigmoid-cross-entropy-short-y", lambda: neuron().cross_entropy(X4, Y_AND[:1]), E, "y"),
    ("sigmoid-cross-entropy-y-2", lambda: neuron().cross_entropy(X4, [0, 1, 2, 0]), E, "y"),
    # -- neurons: training -------------------------------------------------------------------
    ("perceptron-train-and", lambda: perceptron().train(X4, Y_AND, epochs=20, eta=1.0).errors[-1], V, lambda e: e == 0),
    ("perceptron-train-pm1-labels", lambda: perceptron().train(X4, 2 * Y_AND - 1, epochs=5), E, "y"),
    ("perceptron-train-labels-2", lambda: perceptron().train(X4, [0, 1, 2, 1], epochs=5), E, "y"),
    ("perceptron-train-soft-labels", lambda: perceptron().train(X4, [0, 0.5, 0, 1], epochs=5), E, "y"),
    ("perceptron-train-short-y", lambda: perceptron().train(X4, Y_AND[:1], epochs=5), E, "y"),
    ("perceptron-train-long-y", lambda: perceptron().train(X4, np.append(Y_AND, 1), epochs=5), E, "y"),
    ("perceptron-train-y-2d", lambda: perceptron().train(X4, Y_AND[:, None], epochs=5), E, "y"),
    ("perceptron-train-X-1d", lambda: perceptron().train([0.0, 1.0], [0.0, 1.0], epochs=5), E, "X"),
    ("perceptron-train-X-cols", lambda: perceptron().train(np.ones((4, 3)), Y_AND, epochs=5), E, "X"),
    ("perceptron-train-X-nan", lambda: perceptron().train(NAN_X, Y_AND, epochs=5), E, "X"),
    ("perceptron-train-X-inf", lambda: perceptron().train(INF_X, Y_AND, epochs=5), E, "X"),
    ("perceptron-train-X-empty", lambda: perceptron().train(np.empty((0, 2)), [], epochs=5), E, "X"),
    ("perceptron-train-X-str", lambda: perceptron().train("abcd", Y_AND, epochs=5), T, "X"),
    ("perceptron-train-y-None", lambda: perceptron().train(X4, None, epochs=5), T, "y"),
    ("perceptron-train-epochs-0", lambda: perceptron().train(X4, Y_AND, epochs=0), E, "epochs"),
    ("perceptron-train-epochs-neg", lambda: perceptron().train(X4, Y_AND, epochs=-3), E, "epochs"),
    ("perceptron-train-epochs-float", lambda: perceptron().train(X4, Y_AND, epochs=2.5), T, "epochs"),
    ("perceptron-train-epochs-str", lambda: perceptron().train(X4, Y_AND, epochs="5"), T, "epochs"),
    ("perceptron-train-epochs-None", lambda: perceptron().train(X4, Y_AND, epochs=None), T, "epochs"),
    ("perceptron-train-epochs-bool", lambda: perceptron().train(X4, Y_AND, epochs=True), T, "epochs"),
    ("perceptron-train-eta-0", lambda: perceptron().train(X4, Y_AND, epochs=5, eta=0.0), E, "eta"),
    ("perceptron-train-eta-neg", lambda: perceptron().train(X4, Y_AND, epochs=5, eta=-1.0), E, "eta"),
    ("perceptron-train-eta-inf", lambda: perceptron().train(X4, Y_AND, epochs=5, eta=np.inf), E, "eta"),
    ("perceptron-train-eta-nan", lambda: perceptron().train(X4, Y_AND, epochs=5, eta=np.nan), E, "eta"),
    ("perceptron-train-eta-str", lambda: perceptron().train(X4, Y_AND, epochs=5, eta="1"), T, "eta"),
    ("sigmoid-train-and", lambda: neuron().train(X4, Y_AND, epochs=3, eta=0.5).loss, V, lambda loss: loss[-1] < loss[0]),
    ("sigmoid-train-soft-targets", lambda: neuron().train(X4, [0, 0.2, 0.2, 0.9], epochs=2).loss, V, lambda loss: len(loss) == 2),
    ("sigmoid-train-pm1-labels", lambda: neuron().train(X4, 2 * Y_AND - 1, epochs=2), E, "y"),
    ("sigmoid-train-short-y", lambda: neuron().train(X4, Y_AND[:1], epochs=2), E, "y"),
    ("sigmoid-train-y-nan", lambda: neuron().train(X4, [0, np.nan, 0, 1], epochs=2), E, "y"),
    ("sigmoid-train-X-nan", lambda: neuron().train(NAN_X, Y_AND, epochs=2), E, "X"),
    ("sigmoid-train-epochs-0", lambda: neuron().train(X4, Y_AND, epochs=0), E, "epochs"),
    ("sigmoid-train-eta-0", lambda: neuron().train(X4, Y_AND, epochs=2, eta=0), E, "eta"),
    ("sigmoid-train-eta-inf", lambda: neuron().train(X4, Y_AND, epochs=2, eta=float("inf")), E, "eta"),
    ("sigmoid-train-eta-None", lambda: neuron().train(X4, Y_AND, epochs=2, eta=None), T, "eta"),
    # -- neurons: feedforward ----------------------------------------------------------------
    ("feedforward-valid", lambda: feedforward([W_b(2, 2), W_b(1, 2)], [1.0, 0.0], sigmoid), V, lambda a: a.shape == (1,)),
    ("feedforward-activation-str", lambda: feedforward([W_b(2, 2)], [1.0, 0.0], "sigmoid"), T, "activation"),
    ("feedforward-empty-layers", lambda: feedforward([], [1.0, 0.0], sigmoid), E, "layers"),
    ("feedforward-layers-None", lambda: feedforward(None, [1.0, 0.0], sigmoid), E, "layers"),
    ("feedforward-layer-not-pair", lambda: feedforward([np.ones((2, 2))], [1.0, 0.0], sigmoid), E, "layers[0]"),
    ("feedforward-W-mismatch", lambda: feedforward([W_b(2, 3)], [1.0, 0.0], sigmoid), E, "layers[0]"),
    ("feedforward-b-mismatch", lambda: feedforward([(np.ones((2, 2)), np.zeros(3))], [1.0, 0.0], sigmoid), E, "layers[0]"),
    ("feedforward-x-nan", lambda: feedforward([W_b(2, 2)], [np.nan, 0.0], sigmoid), E, "x"),
    ("feedforward-x-str", lambda: feedforward([W_b(2, 2)], "ab", sigmoid), T, "x"),
    # -- networks: one_hot and standardize ---------------------------------------------------
    ("one-hot-valid", lambda: one_hot([0, 2, 1], 3), V, lambda m: m.tolist() == [[1, 0, 0], [0, 0, 1], [0, 1, 0]]),
    ("one-hot-float-whole", lambda: one_hot([0.0, 1.0], 2), V, lambda m: m.tolist() == [[1, 0], [0, 1]]),
    ("one-hot-empty", lambda: one_hot([], 3), V, lambda m: m.shape == (0, 3)),
    ("one-hot-fraction", lambda: one_hot([0.5], 2), E, "labels"),
    ("one-hot-negative", lambda: one_hot([-1], 2), E, "labels"),
    ("one-hot-too-big", lambda: one_hot([2], 2), E, "labels"),
    ("one-hot-nan", lambda: one_hot([np.nan], 2), E, "labels"),
    ("one-hot-2d", lambda: one_hot([[0, 1]], 2), E, "labels"),
    ("one-hot-str", lambda: one_hot("01", 2), T, "labels"),
    ("one-hot-classes-0", lambda: one_hot([0], 0), E, "classes"),
    ("one-hot-classes-float", lambda: one_hot([0], 2.0), T, "classes"),
    ("one-hot-classes-None", lambda: one_hot([0], None), T, "classes"),
    ("standardize-valid", lambda: standardize(NET_X)[0].mean(axis=0), V, lambda m: np.allclose(m, 0)),
    ("standardize-list", lambda: standardize([[1.0, 2.0], [3.0, 2.0]])[0].tolist(), V, lambda m: m == [[-1.0, 0.0], [1.0, 0.0]]),
    ("standardize-others-cols", lambda: standardize(NET_X, np.ones((2, 4))), E, "others[0]"),
    ("standardize-1d", lambda: standardize(np.ones(3)), E, "X_train"),
    ("standardize-empty", lambda: standardize(np.empty((0, 3))), E, "X_train"),
    ("standardize-nan", lambda: standardize(NAN_X), E, "X_train"),
    ("standardize-others-inf", lambda: standardize(X4, INF_X), E, "others[0]"),
    ("standardize-str", lambda: standardize("abc"), T, "X_train"),
    ("standardize-None", lambda: standardize(None), T, "X_train"),
    # -- networks: Network ------------------------------------------------------------------
    ("network-valid", lambda: net().sizes, V, lambda s: s == [3, 4, 2]),
    ("network-numpy-sizes", lambda: Network(np.array([3, 2])).sizes, V, lambda s: s == [3, 2]),
    ("network-sizes-one", lambda: Network([3]), E, "sizes"),
    ("network-sizes-zero", lambda: Network([3, 0, 2]), E, "sizes[1]"),
    ("network-sizes-negative", lambda: Network([3, -2]), E, "sizes[1]"),
    ("network-sizes-fraction", lambda: Network([3, 2.5]), T, "sizes[1]"),
    ("network-sizes-str", lambda: Network("32"), T, "sizes"),
    ("network-sizes-None", lambda: Network(None), T, "sizes"),
    ("network-sizes-item-str", lambda: Network([3, "2"]), T, "sizes[1]"),
    ("network-activation-bad", lambda: Network([3, 2], activation="softmax"), E, "activation"),
    ("network-activation-None", lambda: Network([3, 2], activation=None), T, "activation"),
    ("network-loss-bad", lambda: Network([3, 2], loss="hinge"), E, "loss"),
    ("network-init-list", lambda: Network([3, 2], init=["glorot"]), T, "init"),
    ("network-forward-one", lambda: net().predict(NET_X[0]), V, lambda a: a.shape == (2,)),
    ("network-predict-batch", lambda: net().predict(NET_X), V, lambda a: a.shape == (6, 2)),
    ("network-predict-wrong-width", lambda: net().predict(np.ones((2, 4))), E, "X"),
    ("network-predict-nan", lambda: net().predict(np.full((1, 3), np.nan)), E, "X"),
    ("network-predict-str", lambda: net().predict("abc"), T, "X"),
    ("network-cost-valid", lambda: net().cost(NET_X, NET_Y), V, lambda c: np.isfinite(c) and c > 0),
    ("network-cost-Y-rows", lambda: net().cost(NET_X, NET_Y[:1]), E, "Y"),
    ("network-cost-Y-cols", lambda: net().cost(NET_X, np.ones((6, 3))), E, "Y"),
    ("network-cost-Y-labels", lambda: net().cost(NET_X, NET_LABELS), E, "Y"),
    ("network-cost-Y-out-of-range", lambda: net().cost(NET_X, 2 * NET_Y), E, "Y"),
    ("network-cost-Y-inf", lambda: net().cost(NET_X, np.full((6, 2), np.inf)), E, "Y"),
    ("network-backprop-X-1d", lambda: net().backprop(NET_X[0], NET_Y[:1]), E, "X"),
    ("network-speeds-valid", lambda: net().speeds(NET_X, NET_Y), V, lambda s: s.shape == (1,)),
    ("network-speeds-Y-None", lambda: net().speeds(NET_X, None), T, "Y"),
    ("network-accuracy-valid", lambda: net().accuracy(NET_X, NET_LABELS), V, lambda a: 0 <= a <= 1),
    ("network-accuracy-short", lambda: net().accuracy(NET_X, NET_LABELS[:2]), E, "labels"),
    ("network-accuracy-label-range", lambda: net().accuracy(NET_X, NET_LABELS + 5), E, "labels"),
    ("network-accuracy-one-hot", lambda: net().accuracy(NET_X, NET_Y), E, "labels"),
    ("network-train-valid", lambda: train_net().loss, V, lambda loss: len(loss) == 1),
    ("network-train-big-batch", lambda: train_net(batch_size=100).loss, V, lambda loss: len(loss) == 1),
    ("network-train-eval-probe", lambda: train_net(X_eval=NET_X, labels_eval=NET_LABELS, X_probe=NET_X, Y_probe=NET_Y), V, lambda h: len(h.accuracy) == len(h.speeds) == 1),
    ("network-train-batch-neg", lambda: train_net(batch_size=-5), E, "batch_size"),
    ("network-train-batch-0", lambda: train_net(batch_size=0), E, "batch_size"),
    ("network-train-batch-float", lambda: train_net(batch_size=2.0), T, "batch_size"),
    ("network-train-batch-None", lambda: train_net(batch_size=None), T, "batch_size"),
    ("network-train-epochs-0", lambda: train_net(epochs=0), E, "epochs"),
    ("network-train-epochs-str", lambda: train_net(epochs="1"), T, "epochs"),
    ("network-train-eta-0", lambda: train_net(eta=0.0), E, "eta"),
    ("network-train-eta-neg", lambda: train_net(eta=-0.1), E, "eta"),
    ("network-train-eta-nan", lambda: train_net(eta=np.nan), E, "eta"),
    ("network-train-eta-inf", lambda: train_net(eta=np.inf), E, "eta"),
    ("network-train-Y-short", lambda: train_net(Y=NET_Y[:2]), E, "Y"),
    ("network-train-X-nan", lambda: train_net(X=np.full((6, 3), np.nan)), E, "X"),
    ("network-train-X-empty", lambda: train_net(X=np.empty((0, 3)), Y=np.empty((0, 2))), E, "X"),
    ("network-train-eval-alone", lambda: train_net(X_eval=NET_X), E, "labels_eval"),
    ("network-train-probe-alone", lambda: train_net(Y_probe=NET_Y), E, "X_probe"),
    ("network-train-eval-short", lambda: train_net(X_eval=NET_X, labels_eval=NET_LABELS[:3]), E, "labels_eval"),
    ("network-train-probe-width", lambda: train_net(X_probe=np.ones((6, 5)), Y_probe=NET_Y), E, "X_probe"),
    ("gradient-check-valid", lambda: gradient_check(net(), NET_X, NET_Y), V, lambda g: g < 1e-6),
    ("gradient-check-h-0", lambda: gradient_check(net(), NET_X, NET_Y, h=0.0), E, "h"),
    ("gradient-check-h-neg", lambda: gradient_check(net(), NET_X, NET_Y, h=-1e-5), E, "h"),
    ("gradient-check-h-nan", lambda: gradient_check(net(), NET_X, NET_Y, h=np.nan), E, "h"),
    ("gradient-check-h-str", lambda: gradient_check(net(), NET_X, NET_Y, h="1e-5"), T, "h"),
    ("gradient-check-net-None", lambda: gradient_check(None, NET_X, NET_Y), T, "net"),
    ("gradient-check-Y-short", lambda: gradient_check(net(), NET_X, NET_Y[:2]), E, "Y"),
    # -- regression ------------------------------------------------------------------------
    ("logreg-valid", lambda: fitted().predict(X4), V, lambda p: p.shape == (4,)),
    ("logreg-objective", lambda: fitted().objective(X4, Y_AND), V, lambda j: np.isfinite(j)),
    ("logreg-y-one-label", lambda: fit(X4, Y_AND[:1]), E, "y"),
    ("logreg-y-long", lambda: fit(X4, np.append(Y_AND, 0)), E, "y"),
    ("logreg-y-pm1", lambda: fit(X4, 2 * Y_AND - 1), E, "y"),
    ("logreg-y-2d", lambda: fit(X4, Y_AND[:, None]), E, "y"),
    ("logreg-y-None", lambda: fit(X4, None), T, "y"),
    ("logreg-X-1d", lambda: fit([0.0, 1.0], [0, 1]), E, "X"),
    ("logreg-X-nan", lambda: fit(NAN_X), E, "X"),
    ("logreg-X-inf", lambda: fit(INF_X), E, "X"),
    ("logreg-X-empty", lambda: fit(np.empty((0, 2)), []), E, "X"),
    ("logreg-X-str", lambda: fit("abcd"), T, "X"),
    ("logreg-C-0", lambda: LogisticRegressionGD(C=0.0), E, "C"),
    ("logreg-C-neg", lambda: LogisticRegressionGD(C=-1.0), E, "C"),
    ("logreg-C-nan", lambda: LogisticRegressionGD(C=np.nan), E, "C"),
    ("logreg-C-inf", lambda: LogisticRegressionGD(C=np.inf), E, "C"),
    ("logreg-C-str", lambda: LogisticRegressionGD(C="1"), T, "C"),
    ("logreg-C-set-later", lambda: (m := LogisticRegressionGD(epochs=2), setattr(m, "C", 0.0), m.fit(X4, Y_AND)), E, "C"),
    ("logreg-eta-0", lambda: LogisticRegressionGD(eta=0.0), E, "eta"),
    ("logreg-eta-inf", lambda: LogisticRegressionGD(eta=np.inf), E, "eta"),
    ("logreg-eta-None", lambda: LogisticRegressionGD(eta=None), T, "eta"),
    ("logreg-epochs-0", lambda: LogisticRegressionGD(epochs=0), E, "epochs"),
    ("logreg-epochs-float", lambda: LogisticRegressionGD(epochs=10.5), T, "epochs"),
    ("logreg-predict-unfitted", lambda: LogisticRegressionGD().predict(X4), E, "fit"),
    ("logreg-predict-width", lambda: fitted().predict(np.ones((2, 3))), E, "X"),
    ("logreg-predict-nan", lambda: fitted().predict_proba(NAN_X), E, "X"),
    ("logreg-objective-short-y", lambda: fitted().objective(X4, Y_AND[:2]), E, "y"),
    # -- datasets ---------------------------------------------------------------------------
    ("clusters-valid", lambda: two_clusters(5)[0].shape, V, lambda s: s == (10, 2)),
    ("clusters-margin-0", lambda: two_clusters(5, margin=0.0)[1].tolist(), V, lambda y: y == [0.0] * 5 + [1.0] * 5),
    ("clusters-not-separable-margin-ignored", lambda: two_clusters(5, separable=False, margin=5.0)[0].shape, V, lambda s: s == (10, 2)),
    ("clusters-margin-5", lambda: two_clusters(5, margin=5.0), E, "margin"),
    ("clusters-margin-nan", lambda: two_clusters(5, margin=np.nan), E, "margin"),
    ("clusters-margin-inf", lambda: two_clusters(5, margin=np.inf), E, "margin"),
    ("clusters-margin-neg", lambda: two_clusters(5, margin=-0.1), E, "margin"),
    ("clusters-margin-str", lambda: two_clusters(5, margin="0.3"), T, "margin"),
    ("clusters-spread-nan", lambda: two_clusters(5, spread=np.nan), E, "spread"),
    ("clusters-spread-0", lambda: two_clusters(5, spread=0.0), E, "spread"),
    ("clusters-spread-neg", lambda: two_clusters(5, spread=-1.0), E, "spread"),
    ("clusters-spread-inf", lambda: two_clusters(5, spread=np.inf), E, "spread"),
    ("clusters-tiny-spread-wide-margin", lambda: two_clusters(5, margin=1.6, spread=0.01), E, "margin"),
    ("clusters-n-0", lambda: two_clusters(0), E, "n_per_class"),
    ("clusters-n-neg", lambda: two_clusters(-5), E, "n_per_class"),
    ("clusters-n-float", lambda: two_clusters(5.0), T, "n_per_class"),
    ("clusters-n-None", lambda: two_clusters(None), T, "n_per_class"),
    ("clusters-separable-str", lambda: two_clusters(5, separable="no"), T, "separable"),
    # -- gates ------------------------------------------------------------------------------
    ("lstm-valid", lambda: cell().step([1.0, 0.0, -1.0], np.zeros(2), np.ones(2))[0].shape, V, lambda s: s == (2,)),
    ("lstm-explicit", lambda: LSTMCell(LSTM_W, LSTM_B).inputs, V, lambda n: n == 3),
    ("lstm-random-inputs-0", lambda: LSTMCell.random(0, 2), E, "inputs"),
    ("lstm-random-hidden-neg", lambda: LSTMCell.random(3, -2), E, "hidden"),
    ("lstm-random-hidden-float", lambda: LSTMCell.random(3, 2.5), T, "hidden"),
    ("lstm-random-inputs-str", lambda: LSTMCell.random("3", 2), T, "inputs"),
    ("lstm-W-missing-gate", lambda: LSTMCell({g: LSTM_W[g] for g in "fio"}, LSTM_B), E, "W"),
    ("lstm-W-None", lambda: LSTMCell(None, LSTM_B), T, "W"),
    ("lstm-W-shapes-differ", lambda: LSTMCell({**LSTM_W, "c": np.zeros((2, 4))}, LSTM_B), E, "'c'"),
    ("lstm-b-length", lambda: LSTMCell(LSTM_W, {**LSTM_B, "o": np.zeros(3)}), E, "'o'"),
    ("lstm-W-nan", lambda: LSTMCell({**LSTM_W, "f": np.full((2, 5), np.nan)}, LSTM_B), E, "W['f']"),
    ("lstm-W-no-inputs", lambda: LSTMCell({g: np.zeros((2, 2)) for g in "fioc"}, LSTM_B), E, "W['f']"),
    ("lstm-step-x-length", lambda: cell().step([1.0, 0.0], np.zeros(2), np.ones(2)), E, "x"),
    ("lstm-step-h-length", lambda: cell().step([1.0, 0.0, 0.0], np.zeros(3), np.ones(2)), E, "h"),
    ("lstm-step-c-length", lambda: cell().step([1.0, 0.0, 0.0], np.zeros(2), np.ones(5)), E, "c"),
    ("lstm-step-x-nan", lambda: cell().step([np.nan, 0.0, 0.0], np.zeros(2), np.ones(2)), E, "x"),
    ("lstm-step-c-inf", lambda: cell().step([1.0, 0.0, 0.0], np.zeros(2), [np.inf, 0.0]), E, "c"),
    ("lstm-step-x-str", lambda: cell().step("abc", np.zeros(2), np.ones(2)), T, "x"),
    ("lstm-step-h-None", lambda: cell().step([1.0, 0.0, 0.0], None, np.ones(2)), T, "h"),
    # -- finite differences-----------------------------------------------------------------------
    ("central-diff-valid", lambda: central_difference(np.sin, 0.0), V, lambda d: np.isclose(d, 1.0)),
    ("central-diff-array", lambda: central_difference(np.sin, [0.0, np.pi]), V, lambda d: np.allclose(d, [1.0, -1.0])),
    ("central-diff-nan-x", lambda: central_difference(np.sin, np.nan), V, lambda d: np.isnan(d)),
    ("central-diff-h-0", lambda: central_difference(np.sin, 0.0, h=0.0), E, "h"),
    ("central-diff-h-neg", lambda: central_difference(np.sin, 0.0, h=-1e-3), E, "h"),
    ("central-diff-h-nan", lambda: central_difference(np.sin, 0.0, h=np.nan), E, "h"),
    ("central-diff-h-inf", lambda: central_difference(np.sin, 0.0, h=np.inf), E, "h"),
    ("central-diff-h-str", lambda: central_difference(np.sin, 0.0, h="1e-3"), T, "h"),
    ("central-diff-f-None", lambda: central_difference(None, 0.0), T, "f"),
    ("central-diff-x-str", lambda: central_difference(np.sin, "0"), T, "x"),
    ("sweep-valid", lambda: step_size_sweep(np.sin, 1.0, 0.0, [1e-2, 1e-4]), V, lambda e: np.all(e < 1e-4)),
    ("sweep-zero-step", lambda: step_size_sweep(np.sin, 1.0, 0.0, [1e-2, 0.0]), E, "steps"),
    ("sweep-empty", lambda: step_size_sweep(np.sin, 1.0, 0.0, []), E, "steps"),
    ("sweep-nan-step", lambda: step_size_sweep(np.sin, 1.0, 0.0, [np.nan]), E, "steps"),
    ("sweep-2d", lambda: step_size_sweep(np.sin, 1.0, 0.0, [[1e-2]]), E, "steps"),
    ("sweep-x-nan", lambda: step_size_sweep(np.sin, 1.0, np.nan, [1e-2]), E, "x"),
    ("sweep-exact-str", lambda: step_size_sweep(np.sin, "1", 0.0, [1e-2]), T, "exact_derivative"),
    # -- timing -----------------------------------------------------------------------------
    ("best-time-valid", lambda: best_time(len, [1, 2], repeats=2), V, lambda t: t >= 0),
    ("best-time-repeats-0", lambda: best_time(len, [1], repeats=0), E, "repeats"),
    ("best-time-repeats-float", lambda: best_time(len, [1], repeats=2.5), T, "repeats"),
    ("best-time-func-None", lambda: best_time(None), T, "func"),
    ("ns-per-element-valid", lambda: ns_per_element(len, [1, 2, 3], repeats=1), V, lambda t: t >= 0),
    ("ns-per-element-empty", lambda: ns_per_element(len, []), E, "x"),
    ("ns-per-element-empty-array", lambda: ns_per_element(len, np.array([])), E, "x"),
    ("ns-per-element-scalar", lambda: ns_per_element(abs, 3.0), T, "x"),
    ("ns-per-element-repeats-neg", lambda: ns_per_element(len, [1], repeats=-1), E, "repeats"),
    ("peak-memory-valid", lambda: peak_memory(np.zeros, 1000), V, lambda b: b >= 8000),
    ("peak-memory-func-str", lambda: peak_memory("np.zeros", 1000), T, "func"),
    # -- explorers --------------------------------------------------------------------------
    ("neuron-state-valid", lambda: neuron_state(1.0, 1.0, 0.0, 1.0, -1.0), V, lambda s: s == {"z": 0.0, "sigma": 0.5, "perceptron": 0.0}),
    ("neuron-state-nan", lambda: neuron_state(np.nan, 1.0, 0.0, 1.0, -1.0), E, "w1"),
    ("neuron-state-inf", lambda: neuron_state(1.0, 1.0, np.inf, 1.0, -1.0), E, "b"),
    ("neuron-state-str", lambda: neuron_state(1.0, 1.0, 0.0, "1", -1.0), T, "x1"),
    ("neuron-state-None", lambda: neuron_state(1.0, 1.0, 0.0, 1.0, None), T, "x2"),
    ("steepness-state-valid", lambda: steepness_state(4.0)["slope_at_0"], V, lambda s: s == 1.0),
    ("steepness-state-0", lambda: steepness_state(0), E, "c"),
    ("steepness-state-neg", lambda: steepness_state(-2.0), E, "c"),
    ("steepness-state-nan", lambda: steepness_state(np.nan), E, "c"),
    ("steepness-state-inf", lambda: steepness_state(np.inf), E, "c"),
    ("steepness-state-str", lambda: steepness_state("2"), T, "c"),
    ("derivative-state-valid", lambda: derivative_state(0.0)["slope"], V, lambda s: s == 0.25),
    ("derivative-state-inf", lambda: derivative_state(np.inf), E, "z0"),
    ("derivative-state-nan", lambda: derivative_state(np.nan), E, "z0"),
    ("derivative-state-str", lambda: derivative_state("0"), T, "z0"),
    ("saturation-profile-valid", lambda: saturation_profile(2, 1.0).speeds.shape, V, lambda s: s == (2,)),
    ("saturation-profile-float-depth", lambda: saturation_profile(2.0, 1.0).speeds.shape, V, lambda s: s == (2,)),
    ("saturation-profile-depth-0", lambda: saturation_profile(0, 1.0), E, "depth"),
    ("saturation-profile-depth-frac", lambda: saturation_profile(2.5, 1.0), E, "depth"),
    ("saturation-profile-depth-nan", lambda: saturation_profile(np.nan, 1.0), E, "depth"),
    ("saturation-profile-depth-str", lambda: saturation_profile("2", 1.0), T, "depth"),
    ("saturation-profile-depth-list", lambda: saturation_profile([2], 1.0), T, "depth"),
    ("saturation-profile-depth-bool", lambda: saturation_profile(True, 1.0), T, "depth"),
    ("saturation-profile-scale-0", lambda: saturation_profile(2, 0.0), E, "scale"),
    ("saturation-profile-scale-inf", lambda: saturation_profile(2, np.inf), E, "scale"),
    ("saturation-profile-scale-str", lambda: saturation_profile(2, "1"), T, "scale"),
    ("saturation-profile-seed-neg", lambda: saturation_profile(2, 1.0, seed=-1), E, "seed"),
    ("saturation-profile-seed-float", lambda: saturation_profile(2, 1.0, seed=0.5), T, "seed"),
    ("saturation-state-valid", lambda: saturation_state(3, 1.0)["ratio"], V, lambda r: r > 1),
    ("saturation-state-depth-frac", lambda: saturation_state(3.7, 1.0), E, "depth"),
    ("saturation-state-scale-nan", lambda: saturation_state(3, np.nan), E, "scale"),
    ("saturation-state-scale-None", lambda: saturation_state(3, None), T, "scale"),
    # -- web_explorers and widgets -----------------------------------------------------------
    ("static-explorer-valid", lambda: static_explorer("derivative").name, V, lambda n: n == "derivative"),
    ("static-explorer-unknown", lambda: static_explorer("tanh"), E, "tanh"),
    ("static-explorer-None", lambda: static_explorer(None), T, "name"),
    ("static-explorer-list", lambda: static_explorer(["neuron"]), T, "name"),
    ("static-explorer-empty", lambda: static_explorer(""), E, "no explorer"),
    ("widget-derivative-valid", lambda: live_explorer("derivative", z0=2.0).state["z0"], V, lambda z: z == 2.0),
    ("widget-derivative-out-of-range", lambda: live_explorer("derivative", z0=60.0), E, "z0"),
    ("widget-derivative-nan", lambda: live_explorer("derivative", z0=np.nan), E, "z0"),
    ("widget-derivative-str", lambda: live_explorer("derivative", z0="1"), T, "z0"),
    ("widget-derivative-unknown", lambda: live_explorer("derivative", z=1.0), T, "z"),
    ("widget-steepness-c-0", lambda: live_explorer("steepness", c=0.0), E, "c"),
    ("widget-steepness-c-big", lambda: live_explorer("steepness", c=1e6), E, "c"),
    ("widget-neuron-None", lambda: live_explorer("neuron", w1=None), T, "w1"),
    ("widget-neuron-inf", lambda: live_explorer("neuron", b=np.inf), E, "b"),
    ("widget-saturation-depth-frac", lambda: live_explorer("saturation", depth=2.5), E, "depth"),
    ("widget-saturation-depth-0", lambda: live_explorer("saturation", depth=0), E, "depth"),
    ("widget-saturation-scale-neg", lambda: live_explorer("saturation", scale=-1.0), E, "scale"),
    ("widget-dpi-0", lambda: Explorer(EXPLORERS["derivative"], dpi=0), E, "dpi"),
    ("widget-spec-str", lambda: Explorer("derivative"), T, "spec"),
    ("widget-unknown-name", lambda: live_explorer("tanh"), E, "tanh"),
    ("widget-name-None", lambda: live_explorer(None), T, "name"),
]
# fmt: on


def run_guarded(thunk: Callable[[], Any]) -> tuple[str, Any]:
    """Run ``thunk`` in a daemon thread; fail the test if it has not finished in time."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = thunk()
        except BaseException as exc:  # reported to the test below
            box["error"] = exc

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(HANG_LIMIT)
    if worker.is_alive():
        pytest.fail(f"still running after {HANG_LIMIT:g} s: the call hangs")
    return ("error", box["error"]) if "error" in box else ("value", box.get("value"))


@pytest.mark.parametrize(
    ("thunk", "expected", "check"),
    [pytest.param(thunk, expected, check, id=name) for name, thunk, expected, check in CASES],
)
def test_hostile_case(thunk: Callable[[], Any], expected: Any, check: Any) -> None:
    kind, result = run_guarded(thunk)
    if expected == V:
        if kind == "error":
            raise result
        assert check(result), f"wrong value {result!r}"
        OUTCOMES["value"] += 1
        return
    assert kind == "error", f"expected {expected.__name__}, got the value {result!r:.200}"
    if not isinstance(result, expected):
        raise result
    assert check in str(result), f"the message does not name {check!r}: {result}"
    OUTCOMES[expected.__name__] += 1


def test_case_ids_are_unique() -> None:
    names = [name for name, *_ in CASES]
    assert len(names) == len(set(names))


# -- the other fixes ---------------------------------------------------------------------------
def test_cached_saturation_profile_cannot_be_corrupted() -> None:
    first = saturation_profile(3, 1.5)
    expected = first.speeds.copy()
    with pytest.raises(ValueError, match="read-only"):
        first.speeds[0] = 0.0
    with pytest.raises(ValueError, match="read-only"):
        first.saturated[:] = 1.0
    again = saturation_profile(3, 1.5)
    np.testing.assert_array_equal(again.speeds, expected)
    np.testing.assert_array_equal(again.speeds, _compute_profile(3, 1.5, 0).speeds)
    assert saturation_state(3, 1.5)["ratio"] == expected[-1] / expected[0]


def test_peak_memory_leaves_a_callers_tracing_on() -> None:
    assert not tracemalloc.is_tracing()
    tracemalloc.start()
    try:
        assert peak_memory(np.zeros, 10_000) >= 80_000
        assert tracemalloc.is_tracing(), "peak_memory stopped the caller's tracemalloc session"
    finally:
        tracemalloc.stop()


def test_peak_memory_stops_its_tracing_when_the_function_raises() -> None:
    def broken() -> None:
        raise RuntimeError("boom")

    assert not tracemalloc.is_tracing()
    with pytest.raises(RuntimeError, match="boom"):
        peak_memory(broken)
    assert not tracemalloc.is_tracing(), "tracing left on after the function raised"


def test_peak_memory_keeps_a_callers_tracing_on_when_the_function_raises() -> None:
    tracemalloc.start()
    try:
        with pytest.raises(ZeroDivisionError):
            peak_memory(lambda: 1 / 0)
        assert tracemalloc.is_tracing()
    finally:
        tracemalloc.stop()


def test_two_clusters_redraw_loop_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # Just inside the up-front limit a few rounds suffice; with the round limit set to 1 the
    # loop must stop with a clear error instead of drawing on.
    monkeypatch.setattr(datasets, "MAX_ROUNDS", 1)
    with pytest.raises(ValueError, match="margin"):
        two_clusters(200, margin=2.5, spread=0.6)


def test_two_clusters_near_its_limit_still_returns() -> None:
    X, y = two_clusters(3, margin=3.0, spread=0.6)  # 0.4% of draws qualify: about 250 rounds
    side = X.sum(axis=1) / np.sqrt(2) * np.where(y == 1, 1, -1)
    assert np.all(side > 3.0)


def test_valid_results_unchanged_by_the_checks() -> None:
    # Seeded results the book relies on: the checks do not touch valid input.
    X, y = two_clusters(separable=True, margin=0.1, n_per_class=50, seed=7)
    assert X.sum() == pytest.approx(-15.835435126303764, abs=1e-12)
    p = Perceptron([0.0, 0.0], 0.0)
    assert p.train(X, y, epochs=60, eta=0.5, seed=1).errors[-1] == 0
    out = Perceptron([1.0, 1.0], -1.5).output([1.0, 1.0])
    assert out == 1.0
    assert timing.ns_per_element(len, [1], repeats=1) >= 0


# --- plotting.grid: the one plotting helper that takes numbers -------------------------------
GRID_CASES = [
    ({}, "value"),
    ({"lo": 0, "hi": 1, "n": 2}, "value"),
    ({"lo": "a"}, TypeError),
    ({"hi": None}, TypeError),
    ({"n": 2.5}, TypeError),
    ({"n": True}, TypeError),
    ({"lo": float("nan")}, ValueError),
    ({"hi": float("inf")}, ValueError),
    ({"lo": 1, "hi": 1}, ValueError),
    ({"lo": 2, "hi": 1}, ValueError),
    ({"n": 1}, ValueError),
    ({"n": -5}, ValueError),
]


@pytest.mark.parametrize(("kwargs", "expected"), GRID_CASES, ids=[str(k) for k, _ in GRID_CASES])
def test_grid_hostile(kwargs: dict[str, Any], expected: Any) -> None:
    from sigmoidlab.plotting import grid

    if expected == "value":
        g = grid(**kwargs)
        assert g.dtype == np.float64 and np.all(np.diff(g) > 0)
        assert g.size == kwargs.get("n", 601)
    else:
        name = next(iter(kwargs)) if len(kwargs) == 1 else "lo"
        with pytest.raises(expected, match=name):
            grid(**kwargs)


@pytest.mark.parametrize("bad", [None, "ax", 3, np.zeros((2, 2))], ids=repr)
@pytest.mark.parametrize("func", ["zero_lines", "centred_axes"])
def test_plotting_helpers_need_an_axes(func: str, bad: Any) -> None:
    from sigmoidlab import plotting

    with pytest.raises(TypeError, match=f"{func}\\(\\) needs ax to be a matplotlib Axes"):
        getattr(plotting, func)(bad)


def test_plotting_helpers_return_the_axes_they_were_given() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from sigmoidlab.plotting import centred_axes, zero_lines

    fig, ax = plt.subplots()
    try:
        assert zero_lines(ax) is ax and centred_axes(ax, ylabel="$y$") is ax
        with pytest.raises(TypeError, match="xlabel"):
            centred_axes(ax, xlabel=None)
    finally:
        plt.close(fig)
