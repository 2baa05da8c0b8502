"""sigmoidlab: the package behind *The Sigmoid Course*.

The top level holds the numerically careful logistic functions; the submodules hold what
the chapters build on them.
"""

from sigmoidlab.kernels.logistic import (
    log_sigmoid,
    logit,
    sigmoid,
    sigmoid_derivative,
    sigmoid_second_derivative,
)

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "log_sigmoid",
    "logit",
    "sigmoid",
    "sigmoid_derivative",
    "sigmoid_second_derivative",
]
