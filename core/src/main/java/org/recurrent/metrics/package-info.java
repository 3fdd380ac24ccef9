/**
 * Evaluation metrics on plain Java arrays, independent of tensors: classification (confusion matrix, accuracy,
 * precision/recall/F1 with macro, micro and support-weighted averages), binary ranking (exact ROC-AUC, average
 * precision, percentile bootstrap intervals), multi-label ranking (recall@k, precision@k), regression and
 * forecasting (RMSE, MAE, MAPE, sMAPE, R²) and language modelling (cross-entropy, perplexity, bits per
 * character).
 *
 * <p>Common contract:
 * <ul>
 *   <li>Labels are {@code int} class indices in [0, K); binary truth is 0 (negative) or 1 (positive).
 *   <li>A division by zero inside a metric counts as 0 (scikit-learn's {@code zero_division=0}), except where a
 *       class documents otherwise. A metric that is undefined for the whole input (ROC-AUC with one class, a
 *       mean over no examples) throws {@link java.lang.IllegalArgumentException} saying why.
 *   <li>Arrays that must pair up are checked for equal length, and inputs for being non-empty, with a message
 *       naming the metric: {@code ROC-AUC: truth and scores must have the same length, got 4 and 3}.
 *   <li>Each task has a {@code summary} returning a {@code Map<String, Double>} whose snake_case keys are stable
 *       (they are written to JSON result files) and whose iteration order is the documented one.
 *   <li>Values are accumulated in double. Nothing here is random except {@link org.recurrent.metrics.Bootstrap},
 *       which draws only from its explicit seed.
 * </ul>
 */
package org.recurrent.metrics;
