package org.recurrent.rnn;

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
    if (released) throw new IllegalStateException("StepMatmul used after release(): its packing went back to the pool");
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
}
