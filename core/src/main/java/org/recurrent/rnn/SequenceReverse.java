package org.recurrent.rnn;

import org.recurrent.autograd.Autograd;
import org.recurrent.tensor.Tensor;

/**
 * Reverses each sequence of a padded batch within its own length: {@code y[t, b] = x[len_b - 1 - t, b]} for
 * {@code t < len_b}, zero after. The backward direction of a bidirectional layer is the forward recurrence run
 * on this reversal (and its outputs reversed back), which is exactly how PyTorch treats packed sequences: the
 * reverse direction of a short sequence starts at its own last step, not at the padding.
 * The map is its own inverse on valid positions, so the backward pass is the same gather.
 */
public final class SequenceReverse {
  private SequenceReverse() {}

  /** x (T, B, F) -> (T, B, F). */
  public static Tensor apply(Tensor x, SequencePlan plan) {
    final int T = plan.steps(), B = plan.batch(), F = x.size(2);
    RowMath.checkShape("sequence to reverse", x, T, B, F);
    Tensor y = Tensor.zeros(T, B, F);
    reverseInto(x.data(), y.data(), plan, F);
    return Autograd.record("SequenceReverse", y, () -> {
      float[] dx = x.gradForAccumulation();
      if (dx == null) return;
      float[] dy = y.gradData();
      for (int b = 0; b < B; b++) {
        int len = plan.length(b);
        for (int t = 0; t < len; t++) {
          int from = ((len - 1 - t) * B + b) * F, to = (t * B + b) * F;
          for (int j = 0; j < F; j++) dx[from + j] += dy[to + j];
        }
      }
    }, x);
  }

  private static void reverseInto(float[] src, float[] dst, SequencePlan plan, int F) {
    int B = plan.batch();
    for (int b = 0; b < B; b++) {
      int len = plan.length(b);
      for (int t = 0; t < len; t++) {
        System.arraycopy(src, ((len - 1 - t) * B + b) * F, dst, (t * B + b) * F, F);
      }
    }
  }
}
