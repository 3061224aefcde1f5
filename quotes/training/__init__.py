"""PFSA-ID conversion, training, evaluation and the measures of the design."""
