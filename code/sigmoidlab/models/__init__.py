"""The models the chapters build from the sigmoid, each small enough to read in one sitting.

========================  ===============================================================
``neurons``               the perceptron and the sigmoid neuron (chapter 3)
``training``              the one training history, and gradient descent on the
                          cross-entropy of a single sigmoid unit
``logistic_regression``   logistic regression with an L2 penalty (chapter 9)
``networks``              a multilayer network with backpropagation (chapters 5 and 6)
``deep_networks``         deep sigmoid networks with batch normalisation and residual
                          connections (chapter 7)
``approximation``         one hidden layer as a universal approximator (chapter 4)
``losses``                softplus and binary cross-entropy, from probabilities or logits
``gates``                 LSTM and GRU cells, GLU and SwiGLU (chapter 9)
``calibration``           reliability bins, ECE, Platt and temperature scaling (chapter 9)
``datasets``              seeded synthetic data, one-hot labels and standardisation
========================  ===============================================================
"""
