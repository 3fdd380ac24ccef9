/**
 * Scoring trained models: one evaluation path, shared by validation during training and {@code recurrent eval},
 * and writing predictions for {@code recurrent predict}.
 */
package org.recurrent.eval;
