/**
 * Count-based n-gram language models over token ids: {@link org.recurrent.baselines.ngram.KneserNey}, interpolated
 * modified Kneser-Ney smoothing of orders 1 to n, the classical baseline a recurrent language model has to beat
 * ("RNN vs Markov"). Fitted on a training text only and scored in nats on held-out text; uses only the JDK.
 */
package org.recurrent.baselines.ngram;
