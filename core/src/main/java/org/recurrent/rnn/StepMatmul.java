package org.recurrent.rnn;

import java.util.Arrays;
import org.recurrent.kernel.Kernels;
import org.recurrent.kernel.PackedMatrix;

/**
 * The per-time-step product {@code C = A op(W) + beta C} with one weight matrix for every step. Over many
 * steps the weights are packed once for the GEMM micro-kernel; for a single step (a cell called step by step)
 * packing would cost as much as the product, so the plain GEMM is used.
 *
 * <p>A training pass's packing lives in a {@link Workspace} buffer: the weights change with every optimizer step,
 * so each pass packs afresh (twice: W_hh^T forward, W_hh backward, 1 MB each for an LSTM with H = 256), and the
 * pass {@link #release releases} it when its loop is done. An inference pass's packing comes from
 * {@link PackedWeights} and is never released here.
 */
final class StepMatmul {
  private final Kernels kernels;
  private final boolean transW;
  private final int kDim;
  private final int nDim;
  private final float[] w;
  private final int wOff;
  private final int ldw;
  private PackedMatrix packed;
  private float[] pooled;         // the Workspace buffer packed holds, until released
  private boolean released;

  private StepMatmul(Kernels kernels, boolean transW, int kDim, int nDim, float[] w, int wOff, int ldw, int steps) {
    this(kernels, transW, kDim, nDim, w, wOff, ldw, (PackedMatrix) null);
    if (steps > 1) {
      pooled = Workspace.take(kernels.packedFloats(kDim, nDim), false);
      packed = kernels.packB(transW, kDim, nDim, w, wOff, ldw, pooled);
    }
  }

  private StepMatmul(Kernels kernels, boolean transW, int kDim, int nDim, float[] w, int wOff, int ldw,
                     PackedMatrix packed) {
    this.kernels = kernels;
    this.transW = transW;
    this.kDim = kDim;
    this.nDim = nDim;
    this.w = w;
    this.wOff = wOff;
    this.ldw = ldw;
    this.packed = packed;
  }

  /**
   * The whole matrix W (N, K) used as W^T by an inference pass, the packing (when {@code packed}) taken from
   * {@link PackedWeights}, which reuses it while W is unchanged. Pass {@code packed} exactly when the pass this one
   * must agree with bit for bit packs: the same weights packed or not round the same only from
   * {@link Kernels#GEMM_PACKS_FROM_ROWS} rows up.
   */
  static StepMatmul inferenceTransposed(Kernels k, float[] w, int n, int kDim, boolean packed) {
    return new StepMatmul(k, true, kDim, n, w, 0, kDim, packed ? PackedWeights.transposed(k, w, n, kDim) : null);
  }

  /**
   * Right operand {@code W^T} where W is the stored (N, K) block of a weight matrix starting at row
   * {@code firstRow} (PyTorch layout: one row per output unit). A (rows, K) x W^T -> (rows, N).
   */
  static StepMatmul transposed(Kernels k, float[] w, int firstRow, int n, int kDim, int ldw, int steps) {
    return new StepMatmul(k, true, kDim, n, w, firstRow * ldw, ldw, steps);
  }

  /** Right operand W itself, the stored (K, N) block starting at row {@code firstRow}: A (rows, K) x W. */
  static StepMatmul plain(Kernels k, float[] w, int firstRow, int kDim, int n, int ldw, int steps) {
    return new StepMatmul(k, false, kDim, n, w, firstRow * ldw, ldw, steps);
  }

  /** Whole-matrix shorthand: W (N, K) used as W^T. */
  static StepMatmul transposed(Kernels k, float[] w, int n, int kDim, int steps) {
    return transposed(k, w, 0, n, kDim, kDim, steps);
  }

  /** Whole-matrix shorthand: W (K, N) used as is. */
  static StepMatmul plain(Kernels k, float[] w, int kDim, int n, int steps) {
    return plain(k, w, 0, kDim, n, n, steps);
  }

  /**
   * The same product on {@code other} kernels (a row share's one-thread kernels, {@link Kernels#runRowShares}),
   * sharing this one's packing, which stays this one's to release: release this one only after the shares are done.
   */
  StepMatmul on(Kernels other) {
    checkNotReleased();
    return new StepMatmul(other, transW, kDim, nDim, w, wOff, ldw, packed);
  }

  /**
   * Gives a training pass's packing back to the thread's {@link Workspace}; call it once the loop that multiplies
   * is done. A product after it is refused: the buffer may already hold another pass's packing.
   */
  void release() {
    if (pooled != null) Workspace.give(pooled);
    pooled = null;
    packed = null;
    released = true;
  }

  /** C (rows, N) = A (rows, K) op(W) + beta C. */
  void apply(int rows, float[] a, int aOff, int lda, float beta, float[] c, int cOff, int ldc) {
    checkNotReleased();
    if (rows == 0) return;
    if (packed != null) {
      kernels.gemmPacked(rows, 1f, a, aOff, lda, packed, beta, c, cOff, ldc);
    } else {
      kernels.gemm(false, transW, rows, nDim, kDim, 1f, a, aOff, lda, w, wOff, ldw, beta, c, cOff, ldc);
    }
  }

  void multiplyAdd(int rows, float[] a, int aOff, int lda, float[] c, int cOff, int ldc) {
    apply(rows, a, aOff, lda, 1f, c, cOff, ldc);
  }

  void multiply(int rows, float[] a, int aOff, int lda, float[] c, int cOff, int ldc) {
    apply(rows, a, aOff, lda, 0f, c, cOff, ldc);
  }

  /**
   * The input projection of a chunk of steps: {@code steps} blocks, block s the rows [0, rows) from row s * stride of
   * A and of C, and there C = A op(W) + bias ({@code null}: none), C's rows N wide. {@link Kernels#stepInputs} when
   * packed; the product and {@link Kernels#addRowVector} otherwise, block by block unless the blocks are contiguous,
   * which is what it computes.
   */
  void stepInputs(int steps, int rows, int stride, float[] a, int aOff, int lda, float[] bias, float[] c, int cOff) {
    checkNotReleased();
    if (steps == 0 || rows == 0) return;
    if (packed != null) {
      kernels.stepInputs(steps, rows, stride, a, aOff, lda, packed, bias, c, cOff);
      return;
    }
    int blocks = rows == stride ? 1 : steps, blockRows = rows == stride ? steps * rows : rows;
    for (int s = 0; s < blocks; s++) {
      multiply(blockRows, a, aOff + s * stride * lda, lda, c, cOff + s * stride * nDim, nDim);
      if (bias != null) kernels.addRowVector(blockRows, nDim, c, cOff + s * stride * nDim, bias, 0);
    }
  }

  /**
   * A whole LSTM step with this matmul as W_hh^T (N = 4H, K = H): gates += h W_hh^T, then the cell
   * ({@link Kernels#lstmStep} when packed; the product and {@link Kernels#lstmForward} otherwise,
   * which is what lstmStep computes).
   */
  void lstmStep(int rows, float[] h, int hOff, float[] gates, int gatesOff, float[] cPrev, int cPrevOff, float[] c,
                int cOff, float[] tanhC, int tanhCOff, float[] hNext, int hNextOff) {
    checkNotReleased();
    checkRecurrent(4);
    if (rows == 0) return;
    if (packed != null) {
      kernels.lstmStep(rows, kDim, h, hOff, packed, gates, gatesOff, cPrev, cPrevOff, c, cOff, tanhC, tanhCOff, hNext,
          hNextOff);
    } else {
      multiplyAdd(rows, h, hOff, kDim, gates, gatesOff, nDim);
      kernels.lstmForward(rows, kDim, gates, gatesOff, cPrev, cPrevOff, c, cOff, tanhC, tanhCOff, hNext, hNextOff);
    }
  }

  /**
   * A whole GRU step with this matmul as W_hh^T (N = 3H, K = H): gh = (0 + b_hh) + h W_hh^T (without a bias,
   * h W_hh^T) over gh's rows [0, rows), then the cell ({@link Kernels#gruStep} when packed; the same calls one
   * after another otherwise).
   */
  void gruStep(int rows, float[] h, int hOff, float[] bHh, float[] gx, int gxOff, float[] gh, int ghOff,
               float[] hNext, int hNextOff) {
    checkNotReleased();
    checkRecurrent(3);
    if (rows == 0) return;
    if (packed != null) {
      kernels.gruStep(rows, kDim, h, hOff, packed, bHh, gx, gxOff, gh, ghOff, hNext, hNextOff);
      return;
    }
    if (bHh != null) {
      Arrays.fill(gh, ghOff, ghOff + rows * nDim, 0f);
      kernels.addRowVector(rows, nDim, gh, ghOff, bHh, 0);
    }
    apply(rows, h, hOff, kDim, bHh != null ? 1f : 0f, gh, ghOff, nDim);
    kernels.gruForward(rows, kDim, gx, gxOff, gh, ghOff, h, hOff, hNext, hNextOff);
  }

  /** A cell step needs this matmul to be the whole W_hh^T of a cell with {@code gates} gate blocks. */
  private void checkRecurrent(int gates) {
    if (!transW || wOff != 0 || nDim != gates * kDim) {
      throw new IllegalStateException("a cell step needs W_hh (" + gates + "H, H) used as W_hh^T, got N = " + nDim
          + ", K = " + kDim + (transW ? "" : ", not transposed"));
    }
  }

  private void checkNotReleased() {
    if (released) throw new IllegalStateException("StepMatmul used after release(): its packing went back to the pool");
  }
}
