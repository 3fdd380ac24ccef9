package org.recurrent.metrics;

/**
 * The precision-recall curve of binary scores: one point per distinct score taken from the highest down (tied
 * scores enter together), preceded by scikit-learn's starting point (recall 0, precision 1). At the n-th threshold
 * <pre>{@code
 * P_n = TP_n / (TP_n + FP_n)      R_n = TP_n / P
 * }</pre>
 * so that the step area {@code sum_n (R_n - R_{n-1}) P_n} is {@link BinaryMetrics#averagePrecision}. The chance
 * level of a PR curve is the positive share P / n (a horizontal line), not a diagonal.
 */
public record PrecisionRecallCurve(double[] recall, double[] precision, double positiveShare) {

  public static PrecisionRecallCurve of(int[] truth, double[] scores) {
    BinaryMetrics.averagePrecision(truth, scores); // the same input checks (0/1 labels, both classes, no NaN)
    TieGroups g = TieGroups.of(truth, scores);
    int groups = g.size();
    long P = 0;
    for (int i = 0; i < groups; i++) P += g.positives()[i];
    double[] recall = new double[groups + 1], precision = new double[groups + 1];
    precision[0] = 1;
    long tp = 0, fp = 0;
    for (int k = 1; k <= groups; k++) {
      int i = groups - k;  // groups are lowest score first
      tp += g.positives()[i];
      fp += g.negatives()[i];
      recall[k] = (double) tp / P;
      precision[k] = (double) tp / (tp + fp);
    }
    return new PrecisionRecallCurve(recall, precision, (double) P / truth.length);
  }

  /** The step area {@code sum_n (R_n - R_{n-1}) P_n}: average precision. */
  public double area() {
    double a = 0;
    for (int k = 1; k < recall.length; k++) a += (recall[k] - recall[k - 1]) * precision[k];
    return a;
  }
}
