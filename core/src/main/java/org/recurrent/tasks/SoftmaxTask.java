package org.recurrent.tasks;

import org.recurrent.data.Batch;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * A task whose model answers with logits over K classes for each row, a sequence (B, K) or a step (T, B, K): the
 * loss is the cross-entropy of the true class over the real rows ({@link TargetLoss#crossEntropy}), the read-out
 * the softmax over the last dimension.
 * <pre>{@code
 * loss     mean over real rows n of  -log softmax(z_n)[y_n]
 * readout  p_nk = exp(z_nk) / sum_j exp(z_nj)
 * }</pre>
 * One answer for every task that predicts classes (classification, tagging, hf-onset, seq2seq, language_model),
 * so that their training loss and their probabilities cannot drift apart.
 */
interface SoftmaxTask extends Task {
  @Override
  default Tensor loss(Tensor logits, Batch batch, float[] mask) {
    return TargetLoss.crossEntropy(logits, batch, mask);
  }

  @Override
  default Tensor readout(Tensor logits) {
    return Ops.softmax(logits);
  }
}
