package org.recurrent.rnn;

import org.recurrent.kernel.Kernels;
import org.recurrent.tensor.Tensor;

/**
 * The forward pass of {@link GruSequence} when nothing needs a gradient: the same equations, kernels and order of
 * operations, hence the same bits, without what only back-propagation reads.
 *
 * <pre>{@code
 * gx_t = x_t W_ih^T + b_ih,   gh_t = (0 + b_hh) + h_{t-1} W_hh^T          then [r z n] and h_t as in GruSequence
 * }</pre>
 *
 * <p>The training forward keeps every step's gx and gh (two buffers of T·B·3H floats, 20 MB each at
 * (B, T, H) = (64, 100, 256)) for the backward pass. Here gx is projected a chunk of steps at a time, just before
 * they run, and gh is one step's buffer, both reused: what a step reads is still in L2, and neither 20 MB buffer
 * nor the bias pass over one exists; with no sequence shorter than the rest, h_t goes straight into y
 * ({@link HiddenStates}). The chunk is {@link LstmInference#CHUNK_ROWS} rows, as for the LSTM. A step's
 * gh starts from zeros plus b_hh, as in the training forward (the same bits even for a bias of -0.0).
 * {@code GruInferenceTest} checks the result bit for bit against the training forward. On more than one thread
 * the pass is split by rows of the batch for all its steps, as the LSTM's is ({@link LstmInference}).
 */
final class GruInference {
  private GruInference() {}

  static Tensor[] forward(Kernels k, Tensor x, SequencePlan plan, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                          Tensor h0) {
    final int T = plan.steps(), B = plan.batch(), I = x.size(2), H = wHh.size(1), G = 3 * H;
    final int chunk = LstmInference.chunkSteps(T, B);
    float[] xs = plan.sortTimeMajor(x.data(), I);
    // scratch from the thread's Workspace, back there at the end; every element is written before it is read
    float[] gx = Workspace.take(chunk * B * G, false);            // (chunk, B, 3H) of the steps being run
    float[] gh = Workspace.take(B * G, false);                    // (B, 3H) of the step being run
    HiddenStates hs = new HiddenStates(plan, H, h0);
    // packed exactly where the training forward packs (its one projection over T·B rows, its steps when T > 1),
    // from the cache of unchanged weights
    StepMatmul projection =
        StepMatmul.inferenceTransposed(k, wIh.data(), G, I, T * B >= Kernels.GEMM_PACKS_FROM_ROWS);
    StepMatmul recurrent = StepMatmul.inferenceTransposed(k, wHh.data(), G, H, T > 1);
    // split by rows of the batch as the LSTM's pass is (LstmInference): each thread its rows through every step
    Pass pass = new Pass(plan, chunk, xs, I, H, bIh == null ? null : bIh.data(), bHh == null ? null : bHh.data(), gx,
        gh, hs);
    RowShares.run(k, plan, (r0, r1, one) -> pass.rows(r0, r1, projection.on(one), recurrent.on(one)));
    Tensor[] outputs = {hs.outputs(), hs.finalStates()};
    hs.release();
    Workspace.give(gx, gh);
    return outputs;
  }

  /** The steps of a pass for rows [r0, r1) of the sorted batch: all of them, or one thread's share. */
  private record Pass(SequencePlan plan, int chunk, float[] xs, int inputs, int hidden, float[] bIh, float[] bHh,
                      float[] gx, float[] gh, HiddenStates hs) {
    void rows(int r0, int r1, StepMatmul projection, StepMatmul recurrent) {
      final int T = plan.steps(), B = plan.batch(), I = inputs, G = 3 * hidden, n = r1 - r0;
      for (int t0 = 0; t0 < T; t0 += chunk) {
        int steps = Math.min(chunk, T - t0);
        projection.stepInputs(steps, n, B, xs, (t0 * B + r0) * I, I, bIh, gx, r0 * G);
        for (int t = t0; t < t0 + steps; t++) {
          int live = RowShares.running(plan, t, r0, r1);
          int g0 = ((t - t0) * B + r0) * G, s0 = r0 * hidden;
          // gh = (0 + b_hh) + h_{t-1} W_hh^T, then the cell (Kernels.gruStep)
          recurrent.gruStep(live, hs.previous(t), hs.previousOffset(t) + s0, bHh, gx, g0, gh, r0 * G, hs.next(),
              hs.nextOffset(t) + s0);
        }
      }
    }
  }
}
