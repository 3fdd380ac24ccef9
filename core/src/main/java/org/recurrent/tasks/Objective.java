package org.recurrent.tasks;

import org.recurrent.data.Batch;
import org.recurrent.loss.BCEWithLogitsLoss;
import org.recurrent.loss.CrossEntropyLoss;
import org.recurrent.loss.MSELoss;
import org.recurrent.ops.Ops;
import org.recurrent.tensor.Tensor;

/**
 * The loss of a task on one batch, averaged over the batch's real targets.
 * <pre>{@code
 * sequence output  logits (B, K):     classification  CE(logits, y)          multilabel  BCE(logits, y)
 *                                     regression      MSE(logits, y)
 * per-step output  logits (T, B, K) -> (T*B, K), rows masked by m[t, b] = [t < len_b]:
 *                  tagging / language model  CE;  regression  MSE
 * }</pre>
 */
public final class Objective {
  private final Task task;
  private final CrossEntropyLoss crossEntropy = new CrossEntropyLoss();
  private final BCEWithLogitsLoss binaryCrossEntropy = new BCEWithLogitsLoss();
  private final MSELoss squaredError = new MSELoss();

  public Objective(Task task) {
    this.task = task;
  }

  /**
   * @param mask per-step row mask (T*B) for per-step batches (null: from the batch's lengths); ignored for
   *             sequence batches
   */
  public Tensor loss(Tensor logits, Batch batch, float[] mask) {
    int K = logits.size(logits.dim() - 1);
    Tensor flat = batch.perStep() ? Ops.reshape(logits, batch.steps() * batch.size(), K) : logits;  // (N, K)
    int rows = flat.size(0);
    float[] rowMask = batch.perStep() ? (mask != null ? mask : batch.stepMask()) : null;
    float[] y = batch.targets();
    if (task.categorical()) {
      int[] classes = new int[rows];
      for (int n = 0; n < rows; n++) classes[n] = (int) y[n];
      return crossEntropy.forward(flat, classes, rowMask);
    }
    Tensor target = Tensor.of(y, rows, y.length / rows);
    if (target.size(1) != K) {
      throw new IllegalArgumentException("the data have " + target.size(1) + " target values per "
          + (batch.perStep() ? "step" : "record") + " but the model outputs " + K);
    }
    return task == Task.MULTILABEL
        ? binaryCrossEntropy.forward(flat, target, rowMask)
        : squaredError.forward(flat, target, rowMask);
  }

  /** Number of targets the loss averaged over (its weight when averaging losses of several batches). */
  public static double weight(Batch batch, float[] mask) {
    if (!batch.perStep()) return batch.size();
    float[] m = mask != null ? mask : batch.stepMask();
    double s = 0;
    for (float v : m) s += v;
    return s;
  }
}
