package org.recurrent.metrics;

/**
 * The ROC curve of binary scores: the points (false-positive rate, true-positive rate) of every threshold, from
 * (0, 0) (nothing predicted positive) to (1, 1), one point per distinct score taken from the highest down, so tied
 * scores make one diagonal step (the convention under which the trapezoid area equals {@link BinaryMetrics#rocAuc}).
 * <pre>{@code
 * for threshold s over the distinct scores, descending:  tpr = #{positive, score >= s} / P,  fpr = #{negative, ...} / N
 * }</pre>
 */
public record RocCurve(double[] fpr, double[] tpr) {

  public static RocCurve of(int[] truth, double[] scores) {
    BinaryMetrics.rocAuc(truth, scores); // the same input checks (0/1 labels, both classes, no NaN)
    TieGroups g = TieGroups.of(truth, scores);
    int groups = g.size();
    long P = 0, N = 0;
    for (int i = 0; i < groups; i++) {
      P += g.positives()[i];
      N += g.negatives()[i];
    }
    double[] fpr = new double[groups + 1], tpr = new double[groups + 1];
    long tp = 0, fp = 0;
    for (int k = 1; k <= groups; k++) {
      int i = groups - k;  // groups are lowest score first
      tp += g.positives()[i];
      fp += g.negatives()[i];
      tpr[k] = (double) tp / P;
      fpr[k] = (double) fp / N;
    }
    return new RocCurve(fpr, tpr);
  }

  /** The trapezoid area under the points. */
  public double area() {
    double a = 0;
    for (int k = 1; k < fpr.length; k++) a += (fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1]) / 2;
    return a;
  }
}
