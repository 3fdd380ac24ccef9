package org.recurrent.rnn;

import org.recurrent.kernel.Kernels;
import org.recurrent.tensor.Tensor;

/**
 * The forward pass of {@link LstmSequence} when nothing needs a gradient: the same equations, kernels and
 * order of operations, hence the same bits, but without what only back-propagation reads.
 *
 * <pre>{@code
 * gates_t = (x_t W_ih^T + (b_ih + b_hh)) + h_{t-1} W_hh^T      then [i f g o] activated in place
 * c_t = f * c_{t-1} + i * g,   h_t = o * tanh(c_t)
 * }</pre>
 *
 * <p>Why a path of its own: the training forward keeps every step's gates (T·B·4H floats, 26 MB at
 * (B, T, H) = (64, 100, 256)), cell states and tanh(c_t) for the backward pass. Here the input projection is
 * computed a chunk of steps at a time, just before those steps run, into one reused chunk buffer: the slice
 * that each step's recurrent product adds to is still in L2 when it is used, and neither the 26 MB buffer nor
 * the pass that adds the bias over it exists. With no sequence shorter than the rest, h_t goes straight into y
 * ({@link HiddenStates}). A chunk is {@code ceil(CHUNK_ROWS / B)} steps, so even a batch of
 * one projects up to 256 rows per GEMM call (a one-row projection per step would run the GEMM at its worst shape).
 * Each output element is the same dot product over the same K in the same order as in the whole-sequence
 * GEMM, which {@code LstmInferenceTest} checks bit for bit against the training forward.
 *
 * <p>On more than one thread, once each gets {@link Kernels#MIN_ROWS_PER_SHARE} rows, the pass is split by rows
 * of the batch ({@link Kernels#runRowShares}, cut by {@link RowShares}): row r of h_t depends only on row r of
 * h_{t-1}, so each thread runs its rows through every chunk's projection, every step's product and cell on
 * one-thread kernels, reading all of W_hh each step, and the threads meet once per pass instead of once per step.
 * Inside one JVM, alternating with the per-step split (2026-12-03, fourth session, performance.md): faster in 17
 * of 18 medians, by 1-22%. The per-step job meets the other thread every step, and a stall on either core stalls
 * both; split for the pass, a stall delays only its own rows.
 */
final class LstmInference {
  /**
   * Rows of the input projection per GEMM call. 256 rows x 4H columns of 256 units is 1 MB, about one L2 of this
   * host. Chosen from runs of 64, 128, 256, 512 and the whole sequence on a loaded machine (performance.md): 256 was
   * best or near it on the three bench shapes, and the differences between 128, 256 and 512 were within noise.
   */
  static final int CHUNK_ROWS = Integer.getInteger("recurrent.lstm.chunkRows", 256);

  private LstmInference() {}

  /** Steps per projection chunk: {@link #CHUNK_ROWS} rows, at least one step, at most all. */
  static int chunkSteps(int steps, int batch) {
    return Math.min(steps, Math.max(1, (CHUNK_ROWS + batch - 1) / batch));
  }

  static Tensor[] forward(Kernels k, Tensor x, SequencePlan plan, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                          Tensor h0, Tensor c0) {
    final int T = plan.steps(), B = plan.batch(), I = x.size(2), H = wHh.size(1), G = 4 * H;
    final int chunk = chunkSteps(T, B);
    float[] xs = plan.sortTimeMajor(x.data(), I);
    float[] bias = RowMath.biasSum(bIh, bHh, G);
    // scratch from the thread's Workspace, back there at the end: every element is written before it is read,
    // except c_{t-1}, zeroed when there is no c0
    float[] gates = Workspace.take(chunk * B * G, false);         // (chunk, B, 4H) of the steps being run
    HiddenStates hs = new HiddenStates(plan, H, h0);
    float[] cPrev = Workspace.take(B * H, c0 == null);            // c_{t-1}, c_t; rows that ended are carried
    float[] cNext = Workspace.take(B * H, false);
    float[] tanhC = Workspace.take(B * H, false);                 // written by the kernel, read by no one here
    if (c0 != null) plan.sortRows(c0.data(), 0, cPrev, 0, H);
    // packed exactly where the training forward packs (its one projection over T·B rows, its steps when T > 1),
    // from the cache of unchanged weights
    StepMatmul projection =
        StepMatmul.inferenceTransposed(k, wIh.data(), G, I, T * B >= Kernels.GEMM_PACKS_FROM_ROWS);
    StepMatmul recurrent = StepMatmul.inferenceTransposed(k, wHh.data(), G, H, T > 1);
    // with each thread getting 8 rows, a pass of T > 1 steps is split by rows of the batch: each thread runs its
    // rows through every step (projection, product and cell), and the threads meet once per pass
    Pass pass = new Pass(plan, chunk, xs, I, H, bias, gates, hs, tanhC, cPrev, cNext);
    RowShares.run(k, plan, (r0, r1, one) -> pass.rows(r0, r1, projection.on(one), recurrent.on(one)));
    // every row swapped its c buffers once a step: c_T is in cPrev after an even number of steps
    if (T % 2 == 1) cPrev = cNext;
    float[] cT = new float[B * H];
    for (int s = 0; s < B; s++) System.arraycopy(cPrev, s * H, cT, plan.original(s) * H, H);
    Tensor[] outputs = {hs.outputs(), hs.finalStates(), Tensor.of(cT, B, H)};
    hs.release();
    Workspace.give(gates, pass.cPrev(), pass.cNext(), tanhC);
    return outputs;
  }

  /** The steps of a pass for rows [r0, r1) of the sorted batch: all of them, or one thread's share. */
  private record Pass(SequencePlan plan, int chunk, float[] xs, int inputs, int hidden, float[] bias,
                        float[] gates, HiddenStates hs, float[] tanhC, float[] cPrev, float[] cNext) {
    void rows(int r0, int r1, StepMatmul projection, StepMatmul recurrent) {
      final int T = plan.steps(), B = plan.batch(), I = inputs, H = hidden, G = 4 * H, n = r1 - r0;
      float[] cp = cPrev, cn = cNext;                             // c_{t-1}, c_t of these rows
      for (int t0 = 0; t0 < T; t0 += chunk) {
        int steps = Math.min(chunk, T - t0);
        projection.stepInputs(steps, n, B, xs, (t0 * B + r0) * I, I, bias, gates, r0 * G);
        for (int t = t0; t < t0 + steps; t++) {
          int live = RowShares.running(plan, t, r0, r1);
          int g0 = ((t - t0) * B + r0) * G, s0 = r0 * H;
          // gates += h_{t-1} W_hh^T, then the cell (Kernels.lstmStep)
          recurrent.lstmStep(live, hs.previous(t), hs.previousOffset(t) + s0, gates, g0, cp, s0, cn, s0, tanhC, s0,
              hs.next(), hs.nextOffset(t) + s0);
          // a finished row keeps its last state: carry its c (its h is read from the step it ended at)
          if (live < n) System.arraycopy(cp, s0 + live * H, cn, s0 + live * H, (n - live) * H);
          float[] swap = cp;
          cp = cn;
          cn = swap;
        }
      }
    }
  }
}
