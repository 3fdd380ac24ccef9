package org.recurrent.metrics;

/**
 * How per-class precision, recall or F1 combine into one number, as scikit-learn's {@code average=} argument.
 * With per-class counts {@code tp_c, fp_c, fn_c} and support {@code n_c = tp_c + fn_c} over K classes:
 *
 * <pre>{@code
 * MACRO     (1/K) sum_c m_c                      every class counts the same, including absent ones (m_c = 0)
 * WEIGHTED  sum_c n_c m_c / sum_c n_c            classes weighted by their number of true examples
 * MICRO     m computed from sum_c tp_c, sum_c fp_c, sum_c fn_c
 * }</pre>
 *
 * <p>For single-label multi-class data every wrong prediction is one false positive and one false negative, so
 * micro precision = micro recall = micro F1 = accuracy.
 */
public enum Average {
  MACRO,
  MICRO,
  WEIGHTED
}
