package org.recurrent.train;

import java.util.ArrayList;
import java.util.List;
import org.recurrent.data.Batch;
import java.util.LinkedHashMap;
import java.util.Map;
import org.recurrent.data.BatchInput;

/**
 * A time slice of a per-step batch for truncated BPTT, with the loss mask of its real steps.
 * <pre>{@code
 * chunk c covers steps [s, s + k), s = c*k:  len_b' = clamp(len_b - s, 1, k)   mask[t, b] = [s + t < len_b]
 * }</pre>
 * Every input is cut the same way (dense, token and bag inputs alike). A sequence that has already ended runs one padding step (lengths must be >= 1) whose output is masked out;
 * its state is never read again.
 */
public record Chunk(Batch batch, float[] mask) {

  static List<Chunk> split(Batch batch, int k) {
    if (k <= 0 || !batch.perStep() || batch.steps() <= k) return List.of(new Chunk(batch, null));
    int T = batch.steps(), B = batch.size(), K = batch.targetWidth();
    for (var in : batch.inputs().entrySet()) {
      if (in.getValue().steps() != T) {
        throw new IllegalArgumentException("truncated BPTT cuts every input at the same steps, but input '"
            + in.getKey() + "' has " + in.getValue().steps() + " steps where the targets have " + T);
      }
    }
    List<Chunk> chunks = new ArrayList<>();
    for (int s = 0; s < T; s += k) {
      int steps = Math.min(k, T - s);
      int[] lengths = new int[B];
      float[] mask = new float[steps * B];
      for (int b = 0; b < B; b++) {
        lengths[b] = Math.max(1, Math.min(batch.lengths()[b] - s, steps));
        for (int t = 0; t < steps; t++) mask[t * B + b] = s + t < batch.lengths()[b] ? 1f : 0f;
      }
      Map<String, BatchInput> inputs = new LinkedHashMap<>();
      for (var in : batch.inputs().entrySet()) inputs.put(in.getKey(), in.getValue().slice(s, steps));
      float[] targets = new float[batch.labelled() ? steps * B * K : 0];
      if (batch.labelled()) System.arraycopy(batch.targets(), s * B * K, targets, 0, targets.length);
      Batch part = new Batch(batch.indices(), steps, inputs, lengths, targets, K, true, s > 0);
      chunks.add(new Chunk(part, mask));
    }
    return chunks;
  }
}
