package org.recurrent.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Regression and forecast errors between true values A (actuals) and predictions F (forecasts), n pairs:
 *
 * <pre>{@code
 * RMSE  = sqrt((1/n) sum_i (F_i - A_i)^2)
 * MAE   = (1/n) sum_i |F_i - A_i|
 * MAPE  = (100/m) sum_{i: A_i != 0} |F_i - A_i| / |A_i|          m = #{i : A_i != 0}; percent
 * sMAPE = (100/n) sum_i 2 |F_i - A_i| / (|A_i| + |F_i|)          a term with A_i = F_i = 0 is 0; percent, in [0, 200]
 * R^2   = 1 - SS_res / SS_tot     SS_res = sum_i (A_i - F_i)^2,  SS_tot = sum_i (A_i - mean(A))^2
 * }</pre>
 *
 * <p>Edge cases, chosen so no metric divides by zero silently:
 * <ul>
 *   <li>MAPE skips the pairs whose true value is 0 (their percentage error is infinite) and averages over the rest;
 *       {@link #mapeSkippedCount} says how many were skipped. If every true value is 0 there is nothing to
 *       average and MAPE is NaN.
 *   <li>R² with constant truth (SS_tot = 0, including n = 1) is 1 for a perfect prediction and 0 otherwise, as
 *       scikit-learn's {@code r2_score(force_finite=True)}. R² is negative when F is worse than predicting mean(A).
 *   <li>NaN inputs are not rejected and make the result NaN.
 * </ul>
 */
public final class RegressionMetrics {
  private RegressionMetrics() {}

  public static double rmse(double[] truth, double[] predicted) {
    check("RMSE", truth, predicted);
    double sumSquares = 0;
    for (int i = 0; i < truth.length; i++) {
      double e = predicted[i] - truth[i];
      sumSquares += e * e;
    }
    return Math.sqrt(sumSquares / truth.length);
  }

  public static double mae(double[] truth, double[] predicted) {
    check("MAE", truth, predicted);
    double sum = 0;
    for (int i = 0; i < truth.length; i++) sum += Math.abs(predicted[i] - truth[i]);
    return sum / truth.length;
  }

  /** Mean absolute percentage error in percent, over the pairs with a non-zero true value; NaN if there are none. */
  public static double mape(double[] truth, double[] predicted) {
    check("MAPE", truth, predicted);
    double sum = 0;
    int counted = 0;
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] == 0) continue; // |F - A| / 0 is infinite: skipped, see mapeSkippedCount
      sum += Math.abs(predicted[i] - truth[i]) / Math.abs(truth[i]);
      counted++;
    }
    return counted == 0 ? Double.NaN : 100 * sum / counted;
  }

  /** How many pairs {@link #mape} skips: the true values equal to 0. */
  public static int mapeSkippedCount(double[] truth) {
    int zeros = 0;
    for (double a : truth) {
      if (a == 0) zeros++;
    }
    return zeros;
  }

  /** Symmetric MAPE in percent, {@code 100/n sum 2|F - A| / (|A| + |F|)}, with 0/0 taken as 0. */
  public static double smape(double[] truth, double[] predicted) {
    check("sMAPE", truth, predicted);
    double sum = 0;
    for (int i = 0; i < truth.length; i++) {
      double denominator = Math.abs(truth[i]) + Math.abs(predicted[i]);
      if (denominator != 0) sum += 2 * Math.abs(predicted[i] - truth[i]) / denominator; // else A = F = 0: term 0
    }
    return 100 * sum / truth.length;
  }

  /** Coefficient of determination; constant truth gives 1 (perfect) or 0, see the class comment. */
  public static double r2(double[] truth, double[] predicted) {
    check("R2", truth, predicted);
    double mean = 0;
    for (double a : truth) mean += a;
    mean /= truth.length;
    double ssRes = 0;
    double ssTot = 0;
    for (int i = 0; i < truth.length; i++) {
      ssRes += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
      ssTot += (truth[i] - mean) * (truth[i] - mean);
    }
    if (ssTot == 0) return ssRes == 0 ? 1 : 0; // scikit-learn's force_finite: no variance to explain
    return 1 - ssRes / ssTot;
  }

  /** The standard metrics of a regression or forecast, in this order: {@code rmse, mae, mape, smape, r2}. */
  public static Map<String, Double> summary(double[] truth, double[] predicted) {
    Map<String, Double> summary = new LinkedHashMap<>();
    summary.put("rmse", rmse(truth, predicted));
    summary.put("mae", mae(truth, predicted));
    summary.put("mape", mape(truth, predicted));
    summary.put("smape", smape(truth, predicted));
    summary.put("r2", r2(truth, predicted));
    return Collections.unmodifiableMap(summary);
  }

  private static void check(String metric, double[] truth, double[] predicted) {
    Objects.requireNonNull(truth, "truth");
    Objects.requireNonNull(predicted, "predicted");
    InputChecks.requireSameLength(metric, "truth", truth.length, "predicted", predicted.length);
    InputChecks.requireNonEmpty(metric, truth.length);
  }
}
