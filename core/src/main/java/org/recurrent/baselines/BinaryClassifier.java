package org.recurrent.baselines;

import java.util.Map;

/**
 * A binary classifier on fixed-length feature vectors: {@link #fit} on training rows, then {@link #score} any rows
 * with the same columns. A score is a real number, higher meaning "more likely positive", so it can be ranked for
 * ROC-AUC; where the model has a probability (logistic regression, the MLP, k-NN) the score is that probability.
 *
 * <p>Implementations are deterministic: the same hyper-parameters (including any seed) and the same data give the
 * same scores, bit for bit. {@link #fit} rejects inputs that cannot be fitted ({@link IllegalArgumentException}
 * naming what was expected); {@link #score} before {@link #fit} throws {@link IllegalStateException}.
 */
public interface BinaryClassifier {
  /** A short name for reports, e.g. {@code logistic_regression}. */
  String name();

  /**
   * The hyper-parameters it is (or will be) fitted with, by name, in a stable order, for reports; each
   * implementation also has a typed {@code Options} record.
   */
  Map<String, Double> hyperParameters();

  /** Fits on (n, d) features and n labels in {0, 1} holding both classes; returns this classifier. */
  BinaryClassifier fit(FeatureMatrix x, int[] y);

  /** One score per row of {@code x}, which must have the training's d columns. */
  double[] score(FeatureMatrix x);

  /** Whether {@link #score} returns probabilities in [0, 1] (false for a margin such as the SVM's). */
  boolean scoresAreProbabilities();

  /** {@link #fit} on a {@link BinaryData}. */
  default BinaryClassifier fit(BinaryData data) {
    return fit(data.x(), data.y());
  }
}
