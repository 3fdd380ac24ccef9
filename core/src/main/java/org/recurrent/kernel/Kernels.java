package org.recurrent.kernel;

import java.util.Arrays;

/**
 * The numerical primitives everything else is built from: GEMM (plain and with a pre-packed right operand),
 * element-wise transcendentals, and the fused per-step gate math of the recurrent cells.
 *
 * <p>All matrices are row-major with explicit offsets and leading dimensions (elements between the starts of
 * consecutive rows). Implementations trust their arguments: shapes are checked once at the public entry points
 * of tensors and layers, not here. {@link ScalarKernels} is the readable reference; {@link VectorKernels} is the
 * fast path on the incubating Vector API. {@link KernelProvider#get()} picks one at start-up.
 *
 * <p>Gate layouts follow PyTorch: LSTM rows hold {@code [i | f | g | o]}, GRU rows {@code [r | z | n]}, each
 * block {@code H} wide.
 */
public interface Kernels {

  /** Short name for logs and benchmark output, e.g. "vector(8 lanes, 2 threads)". */
  String name();

  /** Threads the GEMM uses (the caller's included). */
  default int threads() {
    return 1;
  }

  /**
   * {@code C = alpha * op(A) * op(B) + beta * C} where op(A) is (M, K) and op(B) is (K, N).
   * Not transposed, A is stored (M, K) with {@code lda >= K}; transposed, A is stored (K, M) with
   * {@code lda >= M}. Likewise B is stored (K, N) or, transposed, (N, K). With {@code beta == 0} C is
   * overwritten (NaN in C does not propagate).
   */
  void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float beta, float[] c, int cOff, int ldc);

  /**
   * From this many rows of op(A) up, {@link #gemm} with {@code beta == 0} gives the same bits as {@link #packB}
   * followed by {@link #gemmPacked} (the vector GEMM packs B itself from here on; below, it takes an unpacked
   * matrix-vector path that sums in another order; the scalar reference sums a transposed B's dot products apart
   * from C, which only beta == 0 makes the same). The inference passes rely on it to use a cached packing where the
   * training forward called the plain GEMM ({@code LstmInferenceTest}); {@code KernelsPackingContractTest} holds
   * every implementation to it.
   */
  int GEMM_PACKS_FROM_ROWS = 4;

  /** Packs op(B), (K, N), for repeated {@link #gemmPacked} calls. B is stored as in {@link #gemm}. */
  PackedMatrix packB(boolean transB, int k, int n, float[] b, int bOff, int ldb);

  /** Floats a packing of a (K, N) op(B) occupies: the least length of {@code into} for the packB below. */
  int packedFloats(int k, int n);

  /**
   * {@link #packB} into the caller's buffer {@code into} (at least {@link #packedFloats} long, any content; its first
   * packedFloats values are overwritten), for a caller that reuses one buffer from pass to pass. The packed matrix
   * reads {@code into}: the buffer must not be written again while the result is in use.
   */
  PackedMatrix packB(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] into);

  /** {@code C = alpha * A * B + beta * C} with A stored (M, K) untransposed and B packed. */
  void gemmPacked(int m, float alpha, float[] a, int aOff, int lda, PackedMatrix b,
                  float beta, float[] c, int cOff, int ldc);

  // ---- element-wise ---------------------------------------------------------------------------------

  /** {@code y[i] = tanh(x[i])}, i in [0, n). x and y may be the same array and offset. */
  void tanh(int n, float[] x, int xOff, float[] y, int yOff);

  /** {@code y[i] = 1 / (1 + exp(-x[i]))}. In place allowed. */
  void sigmoid(int n, float[] x, int xOff, float[] y, int yOff);

  /** {@code y[i] = exp(x[i])}. In place allowed. */
  void exp(int n, float[] x, int xOff, float[] y, int yOff);

  /**
   * {@code m[off + r*width + j] += v[vOff + j]} for r in [0, rows), j in [0, width): a bias added to every row.
   * One add per element, so every split of the work gives the same bits.
   */
  void addRowVector(int rows, int width, float[] m, int off, float[] v, int vOff);

  /**
   * {@code out[outOff + j] += m[off + r*ld + j]} for r = 0, 1, ..., rows - 1 in that order, j in [0, width): a bias
   * gradient, the column sums of a (rows, ld) matrix. Each column is summed row by row into {@code out}, so splitting
   * by columns gives the same bits as the scalar loop.
   */
  void addColumnSums(int rows, int width, float[] m, int off, int ld, float[] out, int outOff);

  /**
   * {@link #addColumnSums} into two outputs at once, {@code out1} and {@code out2} each receiving the row-by-row
   * sums of the same columns: the bits of two calls, one pass over m. An LSTM's or an RNN's b_ih and b_hh have one
   * gradient, the column sums of one gate-gradient buffer (26 MB at (64, 100, 256) for the LSTM), which this reads
   * once. This default makes the two calls.
   */
  default void addColumnSumsTwice(int rows, int width, float[] m, int off, int ld, float[] out1, int out1Off,
                                  float[] out2, int out2Off) {
    addColumnSums(rows, width, m, off, ld, out1, out1Off);
    addColumnSums(rows, width, m, off, ld, out2, out2Off);
  }

  // ---- a pass split by rows of the batch --------------------------------------------------------------

  /**
   * Rows a thread must get before a recurrent pass is split over threads by rows of the batch. A smaller
   * share makes each core stream all of W_hh for a few rows, where the product's split by column panels keeps half
   * of it in each core's L2. Measured for the fused step, LSTM inference at (B, T, I, H) = (4, 100, 128, 256), one
   * JVM alternating the two: 3.54 / 3.06 ms split by panels against 5.00 / 4.66 split by rows (two runs); B = 8
   * level (5.19 / 4.68 against 5.15 / 4.84), B = 16 ahead (8.00 / 9.47 against 7.85 / 9.01), and at (32, 50, 64,
   * 128) and (64, 100, 128, 256) the row split faster or level in every alternation (performance.md, 2026-12-03,
   * third session).
   */
  int MIN_ROWS_PER_SHARE = 8;

  /** Rows [r0, r1) of a batch, run by one thread on kernels of its own that hand no work to other threads. */
  @FunctionalInterface
  interface RowShareJob {
    void run(int r0, int r1, Kernels oneThread);
  }

  /**
   * Elements the element-wise kernels ({@link #tanh}, {@link #sigmoid}, ...) take at a time: a call over a part of a
   * range gives each element the bits the call over the whole range gives it when the part starts a whole number of
   * these from the range's start and ends so too or at the range's end. The vector kernels compute whole vectors and
   * a scalar tail, which rounds differently; a call on a single element of this default's kernels is the whole call.
   */
  default int elementwiseBlock() {
    return 1;
  }

  /**
   * Into how many row shares {@link #runRowShares} would split a pass over {@code rows} independent rows: every
   * thread once each gets {@link #MIN_ROWS_PER_SHARE} rows, else 1. This default has one thread.
   */
  default int rowShareCount(int rows) {
    return 1;
  }

  /**
   * Runs {@code job} on the shares [cuts[p], cuts[p + 1]), at most {@link #rowShareCount} of them, each on one
   * thread with kernels that use only that thread, and returns when all are done. Nothing is shared between the
   * shares but what the caller shares: a recurrent pass gives each thread its rows for all T steps, so the threads
   * meet once per pass instead of once per step. This default runs them one after another on this thread.
   */
  default void runRowShares(int[] cuts, RowShareJob job) {
    for (int p = 0; p + 1 < cuts.length; p++) job.run(cuts[p], cuts[p + 1], this);
  }

  // ---- fused recurrent cell steps (rows contiguous; row r of a (rows, W) block starts at off + r*W) -----

  /**
   * LSTM step forward for {@code rows} sequences.
   * <pre>{@code
   * gates (rows, 4H): pre-activations [i f g o]; overwritten with the activations
   *   i = sigmoid(i), f = sigmoid(f), g = tanh(g), o = sigmoid(o)
   * c     = f * cPrev + i * g          (rows, H)
   * tanhC = tanh(c)                    (rows, H)   kept for backward
   * h     = o * tanhC                  (rows, H)
   * }</pre>
   */
  void lstmForward(int rows, int hidden, float[] gates, int gatesOff, float[] cPrev, int cPrevOff,
                   float[] c, int cOff, float[] tanhC, int tanhCOff, float[] h, int hOff);

  /**
   * The input half of a chunk of recurrent steps: {@code steps} blocks, block s the rows [0, rows) from row
   * s * stride of A and of C, and there {@code C = A W + bias} with W packed (K, N), C's rows N wide, the product with
   * beta 0 and then the row vector {@code bias} added ({@code null}: none). The same bits as {@link #gemmPacked}
   * then {@link #addRowVector} on each block, which is what this default does. A pass split by rows
   * ({@link #runRowShares}) calls it on one thread's rows of every block, so the rows a step reads were written by
   * the core that reads them.
   */
  default void stepInputs(int steps, int rows, int stride, float[] a, int aOff, int lda, PackedMatrix w,
                          float[] bias, float[] c, int cOff) {
    int n = w.n();
    if (rows == stride) {                                    // contiguous blocks: one call (rows round alike)
      gemmPacked(steps * rows, 1f, a, aOff, lda, w, 0f, c, cOff, n);
      if (bias != null) addRowVector(steps * rows, n, c, cOff, bias, 0);
      return;
    }
    for (int s = 0; s < steps; s++) {
      gemmPacked(rows, 1f, a, aOff + s * stride * lda, lda, w, 0f, c, cOff + s * stride * n, n);
      if (bias != null) addRowVector(rows, n, c, cOff + s * stride * n, bias, 0);
    }
  }

  /**
   * One whole LSTM time step over a packed W_hh^T (H, 4H): {@code gates += hPrev W_hh^T} (hPrev (rows, H),
   * gates (rows, 4H) holding x W_ih^T + b), then {@link #lstmForward} on it. The same bits as {@link #gemmPacked}
   * with beta 1 followed by lstmForward, which is what this default does (a pass split by rows,
   * {@link #runRowShares}, runs it on each thread's rows with one-thread kernels).
   */
  default void lstmStep(int rows, int hidden, float[] hPrev, int hPrevOff, PackedMatrix wHhT, float[] gates,
                        int gatesOff, float[] cPrev, int cPrevOff, float[] c, int cOff, float[] tanhC, int tanhCOff,
                        float[] h, int hOff) {
    gemmPacked(rows, 1f, hPrev, hPrevOff, hidden, wHhT, 1f, gates, gatesOff, 4 * hidden);
    lstmForward(rows, hidden, gates, gatesOff, cPrev, cPrevOff, c, cOff, tanhC, tanhCOff, h, hOff);
  }

  /**
   * LSTM step backward. {@code act} holds the activations [i f g o] written by {@link #lstmForward}.
   * <pre>{@code
   * dcT    = dc + dh * o * (1 - tanhC^2)      total gradient wrt c_t
   * dGates = [dcT*g*i*(1-i) | dcT*cPrev*f*(1-f) | dcT*i*(1-g^2) | dh*tanhC*o*(1-o)]   (rows, 4H)
   * dc    <- dcT * f                          overwritten: gradient wrt c_{t-1}
   * }</pre>
   * {@code dh} is the total gradient wrt h_t (output gradient plus recurrent gradient); it is only read.
   * {@code dGates} may be {@code act} itself at the same offset: each element's four gates are read before their
   * gradients are written (the training pass keeps one buffer for both).
   */
  void lstmBackward(int rows, int hidden, float[] act, int actOff, float[] cPrev, int cPrevOff,
                    float[] tanhC, int tanhCOff, float[] dh, int dhOff, float[] dc, int dcOff,
                    float[] dGates, int dGatesOff);

  /**
   * GRU step forward, reset gate applied after the recurrent product (PyTorch, cuDNN).
   * <pre>{@code
   * gx (rows, 3H) = x W_ih^T + b_ih,  gh (rows, 3H) = hPrev W_hh^T + b_hh   (pre-activations [r z n])
   * r = sigmoid(gx_r + gh_r)
   * z = sigmoid(gx_z + gh_z)
   * n = tanh(gx_n + r * gh_n)
   * h = (1 - z) * n + z * hPrev
   * }</pre>
   * gx is overwritten with the activations [r z n]; gh is only read (its n block is needed by backward).
   */
  void gruForward(int rows, int hidden, float[] gx, int gxOff, float[] gh, int ghOff,
                  float[] hPrev, int hPrevOff, float[] h, int hOff);

  /**
   * One whole GRU time step over a packed W_hh^T (H, 3H):
   * {@code gh = (0 + b_hh) + hPrev W_hh^T} (the row vector b_hh added onto zeros, then the product with beta 1; with
   * no bias, {@code gh = hPrev W_hh^T}), then {@link #gruForward}. gh's rows [0, rows) are written whatever they
   * held. The same bits as those calls one after another, which is what this default does (a pass split by rows,
   * {@link #runRowShares}, runs it on each thread's rows with one-thread kernels).
   */
  default void gruStep(int rows, int hidden, float[] hPrev, int hPrevOff, PackedMatrix wHhT, float[] bHh,
                       float[] gx, int gxOff, float[] gh, int ghOff, float[] h, int hOff) {
    int width = 3 * hidden;
    if (bHh != null) {
      Arrays.fill(gh, ghOff, ghOff + rows * width, 0f);
      addRowVector(rows, width, gh, ghOff, bHh, 0);
    }
    gemmPacked(rows, 1f, hPrev, hPrevOff, hidden, wHhT, bHh != null ? 1f : 0f, gh, ghOff, width);
    gruForward(rows, hidden, gx, gxOff, gh, ghOff, hPrev, hPrevOff, h, hOff);
  }

  /**
   * GRU step backward (reset after). {@code act} holds [r z n] from {@link #gruForward}, {@code gh} the
   * recurrent pre-activations of the same step.
   * <pre>{@code
   * dnPre = dh * (1 - z) * (1 - n^2)
   * dzPre = dh * (hPrev - n) * z * (1 - z)
   * drPre = dnPre * gh_n * r * (1 - r)
   * dGx = [drPre | dzPre | dnPre]        dGh = [drPre | dzPre | dnPre * r]
   * dh <- dh * z                          overwritten: the direct part of the gradient wrt h_{t-1}
   * }</pre>
   * The caller adds {@code dGh W_hh} to complete the gradient wrt h_{t-1}. {@code dGx} may be {@code act} and
   * {@code dGh} may be {@code gh}, each at the same offset: an element's values are read before its gradients are
   * written (the training pass keeps no separate gradient buffers).
   */
  void gruBackward(int rows, int hidden, float[] act, int actOff, float[] gh, int ghOff,
                   float[] hPrev, int hPrevOff, float[] dh, int dhOff,
                   float[] dGx, int dGxOff, float[] dGh, int dGhOff);
}
