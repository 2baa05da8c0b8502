"""The numerically careful functions, and the tools that measure them.

========================  ===============================================================
``logistic``              the stable sigmoid, its first and second derivatives,
                          log-sigmoid and logit (the top level re-exports these)
``variants``              the textbook formulas that overflow or lose digits, for contrast
``family``                the rest of the sigmoid family: tanh, arctan, erf, softsign,
                          hard sigmoid
``activations``           activations built on the sigmoid: SiLU, GELU, hard swish, softmax
``ulp``                   error in units in the last place against an mpmath reference
``finite_differences``    central differences, to check derivatives numerically
``timing``                best-of and interleaved timings, peak memory (chapter 8, benchmarks)
``_arrays``               input conversion, dtype rules and the cache-blocked evaluation
                          every elementwise function shares
========================  ===============================================================
"""
