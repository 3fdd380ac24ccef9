package org.recurrent.kernel;

import static org.recurrent.kernel.GemmPacking.MR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision GEMM on the Vector API, in the Goto/BLIS scheme: op(B) packed into panels of {@code NR}
 * columns (two vectors wide), op(A) packed per (MC, KC) block into strips of {@link GemmPacking#MR} rows, and a
 * register-blocked MR x NR micro-kernel holding eight accumulators. A 4 x 16 tile (on 8 lanes) keeps the eight
 * accumulators, two B vectors and one broadcast in the sixteen AVX2 registers; a 6 x 16 tile spilled on JDK 25.
 *
 * <pre>{@code
 * for pc over K step KC:                 B micro-panel (KC, NR) stays in L1
 *   for ic over M step MC: pack A block  A block (MC, KC) stays in L2
 *     for each B panel q: for each A strip: C(MR, NR) += alpha * Astrip * Bpanel
 * }</pre>
 * Work is split between threads over B panels (wide outputs) or A strips (tall outputs), equal shares each.
 * Fewer than MR rows take a row-times-panels path instead (matrix-vector, batch-1 inference).
 */
final class VectorGemm {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Columns per B panel: two vectors. */
  static final int NR = 2 * L;
  private static final int KC = 256;
  private static final int MC = 128;
  private static final ThreadLocal<float[]> A_BLOCK = ThreadLocal.withInitial(() -> new float[MC * KC]);

  /** op(B) in panels of {@link #NR} columns (layout in {@link GemmPacking}). */
  record PackedPanels(int k, int n, float[] data) implements PackedMatrix {}

  private final WorkerPool pool;
  private final long minParallelFlops;

  VectorGemm(WorkerPool pool, long minParallelFlops) {
    this.pool = pool;
    this.minParallelFlops = minParallelFlops;
  }

  int threads() {
    return pool.threads();
  }

  private int partsFor(long flops) {
    return flops >= minParallelFlops ? pool.threads() : 1;
  }

  void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float beta, float[] c, int cOff, int ldc) {
    if (m == 0 || n == 0) return;
    if (k == 0 || alpha == 0f) {
      ScalarKernels.scaleC(m, n, beta, c, cOff, ldc);
      return;
    }
    if (m < MR) {
      // packing B would cost as much as the product itself
      int parts = partsFor(2L * m * n * k);
      pool.run(parts, part -> smallM(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
          split(n, part, parts), split(n, part + 1, parts)));
      return;
    }
    PackedPanels packed = packB(transB, k, n, b, bOff, ldb, partsFor(2L * m * n * k));
    multiply(transA, m, alpha, a, aOff, lda, packed, beta, c, cOff, ldc);
  }

  /** Weights are packed once per parameter update, so one thread suffices. */
  PackedPanels packB(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
    return packB(transB, k, n, b, bOff, ldb, 1);
  }

  private PackedPanels packB(boolean transB, int k, int n, float[] b, int bOff, int ldb, int parts) {
    float[] dst = new float[GemmPacking.packedBSize(k, n, NR)];
    int panels = GemmPacking.panels(n, NR);
    pool.run(parts, part -> GemmPacking.packB(transB, k, n, NR, b, bOff, ldb,
        split(panels, part, parts), split(panels, part + 1, parts), dst));
    return new PackedPanels(k, n, dst);
  }

  void gemmPacked(int m, float alpha, float[] a, int aOff, int lda, PackedPanels b,
                  float beta, float[] c, int cOff, int ldc) {
    int n = b.n(), k = b.k();
    if (m == 0 || n == 0) return;
    if (k == 0 || alpha == 0f) {
      ScalarKernels.scaleC(m, n, beta, c, cOff, ldc);
      return;
    }
    if (m < MR) {
      int panels = GemmPacking.panels(n, NR);
      int parts = partsFor(2L * m * n * k);
      pool.run(parts, part -> {
        int q0 = split(panels, part, parts), q1 = split(panels, part + 1, parts);
        for (int i = 0; i < m; i++) rowTimesPanels(k, n, alpha, a, aOff + i * lda, b.data(), q0, q1, beta, c, cOff + i * ldc);
      });
      return;
    }
    multiply(false, m, alpha, a, aOff, lda, b, beta, c, cOff, ldc);
  }

  /** First unit of share {@code part} when {@code units} are dealt into {@code parts} near-equal shares. */
  private static int split(int units, int part, int parts) {
    return (int) ((long) units * part / parts);
  }

  private void multiply(boolean transA, int m, float alpha, float[] a, int aOff, int lda, PackedPanels b,
                        float beta, float[] c, int cOff, int ldc) {
    int n = b.n(), k = b.k();
    int panels = GemmPacking.panels(n, NR);
    int strips = (m + MR - 1) / MR;
    int parts = partsFor(2L * m * n * k);
    boolean byPanels = panels >= strips;
    pool.run(parts, part -> {
      if (byPanels) {
        block(transA, 0, m, split(panels, part, parts), split(panels, part + 1, parts), n, k, alpha,
            a, aOff, lda, b.data(), beta, c, cOff, ldc);
      } else {
        int s0 = split(strips, part, parts), s1 = split(strips, part + 1, parts);
        block(transA, s0 * MR, Math.min(m, s1 * MR), 0, panels, n, k, alpha, a, aOff, lda, b.data(), beta,
            c, cOff, ldc);
      }
    });
  }

  /** C rows [m0, m1) x panels [q0, q1) = alpha * op(A) * B + beta * C; beta applies with the first K block. */
  private static void block(boolean transA, int m0, int m1, int q0, int q1, int n, int k, float alpha,
                            float[] a, int aOff, int lda, float[] bp, float beta, float[] c, int cOff, int ldc) {
    if (m0 >= m1 || q0 >= q1) return;
    float[] aBlock = A_BLOCK.get();
    float[] edge = new float[MR * NR];
    for (int pc = 0; pc < k; pc += KC) {
      int kc = Math.min(KC, k - pc);
      float betaNow = pc == 0 ? beta : 1f;
      for (int ic = m0; ic < m1; ic += MC) {
        int mc = Math.min(MC, m1 - ic);
        GemmPacking.packA(transA, a, aOff, lda, ic, mc, pc, kc, aBlock);
        for (int q = q0; q < q1; q++) {
          int j0 = q * NR;
          int nr = Math.min(NR, n - j0);
          int bBase = q * k * NR + pc * NR;
          for (int ir = 0; ir < mc; ir += MR) {
            microKernel(kc, aBlock, ir * kc, bp, bBase, alpha, betaNow, c, cOff + (ic + ir) * ldc + j0, ldc,
                Math.min(MR, mc - ir), nr, edge);
          }
        }
      }
    }
  }

  /**
   * C(mr, nr) = alpha * Astrip(kc, MR) * Bpanel(kc, NR) + beta * C. Lanes run across the zero-padded panel, so the k loop
   * needs no tail; a partial tile (mr < MR or nr < NR) goes through {@code edge} and a scalar copy.
   */
  private static void microKernel(int kc, float[] ap, int aBase, float[] bp, int bBase, float alpha, float beta,
                                  float[] c, int cBase, int ldc, int mr, int nr, float[] edge) {
    FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
    FloatVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
    int bi = bBase, ai = aBase;
    for (int p = 0; p < kc; p++, bi += NR, ai += MR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
      FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
    }
    if (mr == MR && nr == NR) {
      store(c00, c01, alpha, beta, c, cBase);
      store(c10, c11, alpha, beta, c, cBase + ldc);
      store(c20, c21, alpha, beta, c, cBase + 2 * ldc);
      store(c30, c31, alpha, beta, c, cBase + 3 * ldc);
      return;
    }
    c00.mul(alpha).intoArray(edge, 0);
    c01.mul(alpha).intoArray(edge, L);
    c10.mul(alpha).intoArray(edge, NR);
    c11.mul(alpha).intoArray(edge, NR + L);
    c20.mul(alpha).intoArray(edge, 2 * NR);
    c21.mul(alpha).intoArray(edge, 2 * NR + L);
    c30.mul(alpha).intoArray(edge, 3 * NR);
    c31.mul(alpha).intoArray(edge, 3 * NR + L);
    for (int r = 0; r < mr; r++) storeScalar(nr, edge, r * NR, beta, c, cBase + r * ldc);
  }

  /** c[off, off + NR) = alpha * [v0 v1] + beta * c; beta == 0 does not read C, so NaN there does not survive. */
  private static void store(FloatVector v0, FloatVector v1, float alpha, float beta, float[] c, int off) {
    FloatVector va = FloatVector.broadcast(S, alpha);
    if (beta == 0f) {
      v0.mul(va).intoArray(c, off);
      v1.mul(va).intoArray(c, off + L);
    } else if (beta == 1f) {
      v0.fma(va, FloatVector.fromArray(S, c, off)).intoArray(c, off);
      v1.fma(va, FloatVector.fromArray(S, c, off + L)).intoArray(c, off + L);
    } else {
      FloatVector vb = FloatVector.broadcast(S, beta);
      v0.fma(va, FloatVector.fromArray(S, c, off).mul(vb)).intoArray(c, off);
      v1.fma(va, FloatVector.fromArray(S, c, off + L).mul(vb)).intoArray(c, off + L);
    }
  }

  /** c[off, off + n) = product[from, from + n) + beta * c, the product already scaled by alpha. */
  private static void storeScalar(int n, float[] product, int from, float beta, float[] c, int off) {
    for (int j = 0; j < n; j++) {
      c[off + j] = beta == 0f ? product[from + j] : product[from + j] + beta * c[off + j];
    }
  }

  /**
   * One output row against panels [q0, q1): c(1, n) += alpha * a(1, k) * B. Four panels at a time give eight
   * independent accumulators, enough to hide the FMA latency on a single row.
   */
  private static void rowTimesPanels(int k, int n, float alpha, float[] a, int aRow, float[] bp, int q0, int q1,
                                     float beta, float[] c, int cRow) {
    int q = q0;
    for (; q + 4 <= q1; q += 4) {
      int b0 = q * k * NR, b1 = b0 + k * NR, b2 = b1 + k * NR, b3 = b2 + k * NR;
      FloatVector s00 = FloatVector.zero(S), s01 = s00, s10 = s00, s11 = s00;
      FloatVector s20 = s00, s21 = s00, s30 = s00, s31 = s00;
      for (int p = 0; p < k; p++) {
        FloatVector x = FloatVector.broadcast(S, a[aRow + p]);
        int o = p * NR;
        s00 = x.fma(FloatVector.fromArray(S, bp, b0 + o), s00);
        s01 = x.fma(FloatVector.fromArray(S, bp, b0 + o + L), s01);
        s10 = x.fma(FloatVector.fromArray(S, bp, b1 + o), s10);
        s11 = x.fma(FloatVector.fromArray(S, bp, b1 + o + L), s11);
        s20 = x.fma(FloatVector.fromArray(S, bp, b2 + o), s20);
        s21 = x.fma(FloatVector.fromArray(S, bp, b2 + o + L), s21);
        s30 = x.fma(FloatVector.fromArray(S, bp, b3 + o), s30);
        s31 = x.fma(FloatVector.fromArray(S, bp, b3 + o + L), s31);
      }
      storeRow(s00, s01, alpha, n, q, beta, c, cRow);
      storeRow(s10, s11, alpha, n, q + 1, beta, c, cRow);
      storeRow(s20, s21, alpha, n, q + 2, beta, c, cRow);
      storeRow(s30, s31, alpha, n, q + 3, beta, c, cRow);
    }
    for (; q < q1; q++) {
      int b0 = q * k * NR;
      FloatVector s0 = FloatVector.zero(S), s1 = s0;
      for (int p = 0; p < k; p++) {
        FloatVector x = FloatVector.broadcast(S, a[aRow + p]);
        s0 = x.fma(FloatVector.fromArray(S, bp, b0 + p * NR), s0);
        s1 = x.fma(FloatVector.fromArray(S, bp, b0 + p * NR + L), s1);
      }
      storeRow(s0, s1, alpha, n, q, beta, c, cRow);
    }
  }

  /** Stores alpha * [v0 v1] + beta * c into the columns of panel q that exist. */
  private static void storeRow(FloatVector v0, FloatVector v1, float alpha, int n, int q, float beta,
                               float[] c, int cRow) {
    int j0 = q * NR;
    if (j0 + NR <= n) {
      store(v0, v1, alpha, beta, c, cRow + j0);
      return;
    }
    float[] tmp = new float[NR];
    v0.mul(alpha).intoArray(tmp, 0);
    v1.mul(alpha).intoArray(tmp, L);
    storeScalar(n - j0, tmp, 0, beta, c, cRow + j0);
  }

  /** Fewer than MR rows, unpacked B, output columns [j0, j1). */
  private static void smallM(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc, int j0, int j1) {
    if (j0 >= j1) return;
    ScalarKernels.scaleC(m, j1 - j0, beta, c, cOff + j0, ldc);
    float[] x = new float[k];
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < k; p++) x[p] = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
      int cRow = cOff + i * ldc;
      if (transB) {
        for (int j = j0; j < j1; j++) c[cRow + j] += dot(k, x, b, bOff + j * ldb);
      } else {
        for (int p = 0; p < k; p++) axpy(j1 - j0, x[p], b, bOff + p * ldb + j0, c, cRow + j0);
      }
    }
  }

  private static float dot(int k, float[] x, float[] y, int yOff) {
    FloatVector acc = FloatVector.zero(S);
    int p = 0;
    for (int bound = S.loopBound(k); p < bound; p += L) {
      acc = FloatVector.fromArray(S, x, p).fma(FloatVector.fromArray(S, y, yOff + p), acc);
    }
    // lanes summed in index order: reduceLanes' order differs between compiled and interpreted code
    float sum = 0f;
    for (int lane = 0; lane < L; lane++) sum += acc.lane(lane);
    for (; p < k; p++) sum += x[p] * y[yOff + p];
    return sum;
  }

  /** y += s * x over n elements. */
  private static void axpy(int n, float s, float[] x, int xOff, float[] y, int yOff) {
    FloatVector vs = FloatVector.broadcast(S, s);
    int j = 0;
    for (int bound = S.loopBound(n); j < bound; j += L) {
      vs.fma(FloatVector.fromArray(S, x, xOff + j), FloatVector.fromArray(S, y, yOff + j)).intoArray(y, yOff + j);
    }
    for (; j < n; j++) y[yOff + j] += s * x[xOff + j];
  }
}
