package org.recurrent.metrics;

import java.util.Arrays;

/**
 * The k highest-scoring labels of one example. Ties at the cut go to the lower label index, so the selection is
 * deterministic: with scores {@code [0.5, 0.9, 0.5, 0.5]} and k = 2 the top is labels {1, 0}. Scores are checked
 * by the caller (no NaN); {@code -0.0} and {@code 0.0} tie.
 */
final class TopK {
  private TopK() {}

  /** {@code selected[j]} is true when label j is among the top k; every label when k >= L. */
  static boolean[] select(float[] scores, int k) {
    int numLabels = scores.length;
    boolean[] selected = new boolean[numLabels];
    if (k >= numLabels) {
      Arrays.fill(selected, true);
      return selected;
    }
    float[] sorted = new float[numLabels];
    for (int j = 0; j < numLabels; j++) sorted[j] = scores[j] + 0.0f; // folds -0.0 into 0.0 so they tie
    Arrays.sort(sorted);
    float cut = sorted[numLabels - k]; // the k-th largest score
    int left = k;
    for (int j = 0; j < numLabels; j++) {
      if (scores[j] > cut) {
        selected[j] = true;
        left--;
      }
    }
    for (int j = 0; j < numLabels && left > 0; j++) { // fill the rest with tied scores, lowest index first
      if (scores[j] == cut) {
        selected[j] = true;
        left--;
      }
    }
    return selected;
  }
}
