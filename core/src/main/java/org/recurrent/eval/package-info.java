/**
 * Scoring trained models: the one evaluation path ({@link org.recurrent.eval.Evaluator#evaluate}), shared by
 * validation during training, a run's final metrics and {@code recurrent eval}; writing predictions for
 * {@code recurrent predict}; and sampling from a per-step token model (generation).
 */
package org.recurrent.eval;
