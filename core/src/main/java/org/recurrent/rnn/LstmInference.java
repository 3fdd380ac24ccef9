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
    for (int t0 = 0; t0 < T; t0 += chunk) {
      int steps = Math.min(chunk, T - t0);
      projection.stepInputs(steps, B, xs, t0 * B * I, I, bias, gates, 0);
      for (int t = t0; t < t0 + steps; t++) {
        int rows = plan.batchSize(t);
        int g0 = (t - t0) * B * G;
        // gates += h_{t-1} W_hh^T, then the cell: one parallel job by rows (Kernels.lstmStep)
        recurrent.lstmStep(rows, hs.previous(t), hs.previousOffset(t), gates, g0, cPrev, 0, cNext, 0, tanhC, 0,
            hs.next(), hs.nextOffset(t));
        // a finished row keeps its last state: carry its c (its h is read from the step it ended at)
        if (rows < B) System.arraycopy(cPrev, rows * H, cNext, rows * H, (B - rows) * H);
        float[] swap = cPrev;
        cPrev = cNext;
        cNext = swap;
      }
    }
    float[] cT = new float[B * H];
    for (int s = 0; s < B; s++) System.arraycopy(cPrev, s * H, cT, plan.original(s) * H, H);
    Tensor[] outputs = {hs.outputs(), hs.finalStates(), Tensor.of(cT, B, H)};
    hs.release();
    Workspace.give(gates, cPrev, cNext, tanhC);
    return outputs;
  }
}
