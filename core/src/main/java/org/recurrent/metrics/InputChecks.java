package org.recurrent.metrics;

/**
 * Argument checks shared by the metrics, so every metric words the same mistake the same way. Each message
 * starts with the metric's name as the user knows it ({@code ROC-AUC}, {@code recall@k}, ...).
 */
final class InputChecks {
  private InputChecks() {}

  static void requireSameLength(String metric, String aName, int aLength, String bName, int bLength) {
    if (aLength != bLength) {
      throw new IllegalArgumentException(metric + ": " + aName + " and " + bName
          + " must have the same length, got " + aLength + " and " + bLength);
    }
  }

  static void requireNonEmpty(String metric, int length) {
    if (length == 0) throw new IllegalArgumentException(metric + ": no examples; the inputs are empty");
  }

  /** Checks that every label is 0 or 1 and returns how many are 1. */
  static int countPositives(String metric, int[] truth) {
    int positives = 0;
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] != 0 && truth[i] != 1) {
        throw new IllegalArgumentException(metric + ": truth[" + i + "] = " + truth[i]
            + ", expected 0 (negative) or 1 (positive)");
      }
      positives += truth[i];
    }
    return positives;
  }

  static void requireBothClasses(String metric, int positives, int negatives) {
    if (positives == 0 || negatives == 0) {
      throw new IllegalArgumentException(metric + " is undefined when truth has only one class (" + positives
          + " positives, " + negatives + " negatives); it needs at least one of each");
    }
  }

  static void requireNoNaN(String metric, String name, double[] values) {
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        throw new IllegalArgumentException(metric + ": " + name + "[" + i + "] is NaN; scores must be numbers");
      }
    }
  }

  static void requireNoNaN(String metric, String name, float[] values) {
    for (int i = 0; i < values.length; i++) {
      if (Float.isNaN(values[i])) {
        throw new IllegalArgumentException(metric + ": " + name + "[" + i + "] is NaN; scores must be numbers");
      }
    }
  }

  static void requireClassIndex(String metric, String name, int index, int label, int numClasses) {
    if (label < 0 || label >= numClasses) {
      throw new IllegalArgumentException(metric + ": " + name + "[" + index + "] = " + label
          + " is outside [0, " + numClasses + "); labels must be class indices");
    }
  }

  static void requireK(String metric, int k) {
    if (k < 1) throw new IllegalArgumentException(metric + ": k must be >= 1, got " + k);
  }
}
