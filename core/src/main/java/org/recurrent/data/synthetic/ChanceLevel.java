package org.recurrent.data.synthetic;

/**
 * What the best predictor that ignores the inputs scores on a task, computed exactly from the task's definition
 * (not estimated from samples): the level a model must beat to have used its memory at all.
 *
 * @param metric      the task's headline metric: {@code mse} (regression) or {@code accuracy} (classes)
 * @param value       that metric's chance value
 * @param crossEntropy classes: the mean cross-entropy (nats) of the chance predictor; NaN for regression
 * @param predictor   how the chance predictor answers, in words
 */
public record ChanceLevel(String metric, double value, double crossEntropy, String predictor) {}
