package org.recurrent.metrics;

import java.util.Arrays;

/**
 * Binary examples grouped by equal score, lowest score first: group g holds {@code positives[g]} positive and
 * {@code negatives[g]} negative examples that share one score. Rank metrics walk these groups, so ties are handled
 * once, in one place. Built in O(n log n) by sorting each class's scores and merging.
 *
 * <p>{@code -0.0} and {@code 0.0} are the same score. Inputs are checked by the caller (0/1 labels, no NaN).
 */
record TieGroups(int[] positives, int[] negatives) {

  static TieGroups of(int[] truth, double[] scores) {
    int numPositive = 0;
    for (int t : truth) numPositive += t;
    double[] positive = new double[numPositive];
    double[] negative = new double[truth.length - numPositive];
    int p = 0;
    int q = 0;
    for (int i = 0; i < truth.length; i++) {
      double score = scores[i] + 0.0; // folds -0.0 into 0.0, which sorting would otherwise order apart
      if (truth[i] == 1) positive[p++] = score;
      else negative[q++] = score;
    }
    Arrays.sort(positive);
    Arrays.sort(negative);

    int[] groupPositives = new int[truth.length];
    int[] groupNegatives = new int[truth.length];
    int groups = 0;
    p = 0;
    q = 0;
    while (p < positive.length || q < negative.length) {
      double score = p == positive.length ? negative[q]
          : q == negative.length ? positive[p]
          : Math.min(positive[p], negative[q]);
      int p0 = p;
      int q0 = q;
      while (p < positive.length && positive[p] == score) p++;
      while (q < negative.length && negative[q] == score) q++;
      groupPositives[groups] = p - p0;
      groupNegatives[groups] = q - q0;
      groups++;
    }
    return new TieGroups(Arrays.copyOf(groupPositives, groups), Arrays.copyOf(groupNegatives, groups));
  }

  int size() {
    return positives.length;
  }
}
