package org.recurrent.tasks;

import org.recurrent.data.Batch;
import org.recurrent.loss.BCEWithLogitsLoss;
import org.recurrent.loss.CrossEntropyLoss;
import org.recurrent.loss.MSELoss;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * The three losses tasks share, over sequence logits (B, K) or per-step logits (T, B, K) flattened to (T*B, K)
 * with rows masked by {@code m[t, b] = [t < len_b]} (or a chunk's own mask):
 * <pre>{@code
 * crossEntropy  -log softmax(z_n)[y_n]     y_n a class index
 * binary        BCE(sigmoid(z_nk), y_nk)   y multi-hot
 * squared       (z_nk - y_nk)^2
 * }</pre>
 * each averaged over the real rows (and, for the last two, the K columns).
 */
final class TargetLoss {
  private static final CrossEntropyLoss CROSS_ENTROPY = new CrossEntropyLoss();
  private static final BCEWithLogitsLoss BINARY = new BCEWithLogitsLoss();
  private static final MSELoss SQUARED = new MSELoss();

  private TargetLoss() {}

  static Tensor crossEntropy(Tensor logits, Batch batch, float[] mask) {
    Tensor flat = flat(logits, batch);
    int rows = flat.size(0);
    float[] y = batch.targets();
    int[] classes = new int[rows];
    for (int n = 0; n < rows; n++) classes[n] = (int) y[n];
    return CROSS_ENTROPY.forward(flat, classes, rowMask(batch, mask));
  }

  static Tensor binary(Tensor logits, Batch batch, float[] mask) {
    Tensor flat = flat(logits, batch);
    return BINARY.forward(flat, targets(flat, batch), rowMask(batch, mask));
  }

  static Tensor squared(Tensor logits, Batch batch, float[] mask) {
    Tensor flat = flat(logits, batch);
    return SQUARED.forward(flat, targets(flat, batch), rowMask(batch, mask));
  }

  /** (B, K), or (T, B, K) -> (T*B, K). */
  private static Tensor flat(Tensor logits, Batch batch) {
    int K = logits.size(logits.dim() - 1);
    return batch.perStep() ? Ops.reshape(logits, batch.steps() * batch.size(), K) : logits;
  }

  private static float[] rowMask(Batch batch, float[] mask) {
    return batch.perStep() ? (mask != null ? mask : batch.stepMask()) : null;
  }

  private static Tensor targets(Tensor flat, Batch batch) {
    int rows = flat.size(0), K = flat.size(1);
    float[] y = batch.targets();
    if (y.length != rows * K) {
      throw new IllegalArgumentException("the data have " + y.length / rows + " target values per "
          + (batch.perStep() ? "step" : "record") + " but the model outputs " + K);
    }
    return Tensor.of(y, rows, K);
  }
}
