package org.recurrent.tasks;

import org.recurrent.data.Batch;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * A task whose model answers with K independent yes/no logits for each row (a sequence or a step): the loss is
 * the binary cross-entropy of every label over the real rows ({@link TargetLoss#binary}), the read-out the sigmoid
 * of each logit.
 * <pre>{@code
 * loss     mean over real rows n and labels k of  -[y_nk log s(z_nk) + (1 - y_nk) log(1 - s(z_nk))]
 * readout  p_nk = s(z_nk) = 1 / (1 + exp(-z_nk))
 * }</pre>
 * The multi-label counterpart of {@link SoftmaxTask}, shared by multilabel and medication so that their training
 * loss and their probabilities cannot drift apart.
 */
interface SigmoidTask extends Task {
  @Override
  default Tensor loss(Tensor logits, Batch batch, float[] mask) {
    return TargetLoss.binary(logits, batch, mask);
  }

  @Override
  default Tensor readout(Tensor logits) {
    return Ops.sigmoid(logits);
  }
}
