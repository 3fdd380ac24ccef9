package org.recurrent.kernel;

import static org.recurrent.kernel.GemmPacking.MR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision GEMM on the Vector API, in the Goto/BLIS scheme: op(B) packed into panels of {@code NR}
 * columns (two vectors wide), op(A) read in place in strips of {@link GemmPacking#MR} rows, and register-blocked
 * tiles of MR x NR, on AVX2 6 x NR and on AVX-512 2 MR x NR ({@link MicroKernels}). The 6 x 16 tile of AVX2 keeps
 * twelve accumulators, two B vectors and one broadcast in its sixteen registers: on an AVX2-only AMD EPYC (Zen 3)
 * it took the per-step product 64x1024x256 from 437-442 to 376-380 us and the input gradient 6400x128x1024 from
 * 24.4 to 20.2-21.9 ms against the 4 x 16 tile (one thread, KernelCpuTime's CPU-time minimum, two runs each).
 *
 * <pre>{@code
 * for pc over K step KC:                 B micro-panel (KC, NR) stays in L1/L2
 *   for ic over M step MC:               A block (MC, KC) stays in L2
 *     for each B panel q: for each tile of 4, 6 or 8 rows: C(rows, NR) += alpha * Arows * Bpanel
 * }</pre>
 * Work is split between threads over B panels (wide outputs) or A strips (tall outputs), equal shares each.
 * Fewer than MR rows take a row-times-panels path instead (matrix-vector, batch-1 inference).
 */
final class VectorGemm {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Columns per B panel: two vectors. */
  static final int NR = 2 * L;
  /**
   * K and M blocking by A's layout, measured on one thread of an AVX-512 AMD EPYC (GFLOP/s, peak 115): A stored
   * (M, K) is read as MR unit-stride streams, and a deeper K block halves the passes over C (dX = dG W_ih at
   * 6400x128x1024: 84 at 256/128, 96 at 512/64; the per-step 64x1024x256 product 112 either way); A stored (K, M)
   * is read one cache line per k, and the deeper block was slower (dW = dG^T H at 1024x256x6400: 92 against 79).
   */
  private static final int KC = 512;
  private static final int MC = 64;
  private static final int KC_TRANS_A = 256;
  private static final int MC_TRANS_A = 128;
  /**
   * Whether A stored (K, M) is read in place too. On 16 lanes (AVX-512) yes: dW = dG^T H at 1024x256x6400 went
   * from 47 to 36 ms on one thread. On 8 lanes (the same host with -XX:UseAVX=2) packing stayed faster, 45-46
   * against 59-64 ms: each k's cache line of A then feeds only half as many multiply-adds.
   */
  private static final boolean TRANS_A_IN_PLACE = L >= 16;
  /** A packed block: the one partial strip, or every strip of A stored (K, M) when that is not read in place. */
  private static final ThreadLocal<float[]> A_BLOCK =
      ThreadLocal.withInitial(() -> new float[Math.max(GemmPacking.MR * KC,
          (MC_TRANS_A + MicroKernels.SIX_ROWS) * KC_TRANS_A)]);
  /** One micro-tile of results (up to 2 MR rows of NR), or one row against four panels: no allocation per call. */
  private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[2 * MR * NR]);
  /** One scaled row of A for {@link #smallM}, grown to the deepest K seen: a step at batch 1 allocates nothing. */
  private static final ThreadLocal<float[]> SMALL_M_ROW = ThreadLocal.withInitial(() -> new float[0]);
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

  /** Threads a product of {@code flops} is split over: all of them from the parallel threshold up, else 1. */
  int partsFor(long flops) {
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
      if (parts == 1) { // no capturing lambda on the one-thread path (a streaming step at batch 1)
        smallM(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, 0, n);
        return;
      }
      pool.run(parts, part -> smallM(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
          split(n, part, parts), split(n, part + 1, parts)));
      return;
    }
    PackedPanels packed = packB(transB, k, n, b, bOff, ldb, partsFor(2L * m * n * k),
        GemmPacking.callBuffer(GemmPacking.packedBSize(k, n, NR)));
    multiply(transA, m, alpha, a, aOff, lda, packed, beta, c, cOff, ldc);
  }

  /**
   * Weights packed for the steps of a pass. Split over the threads from 2^16 values up: a training step packs W_hh
   * twice (forward and backward) while the other thread would wait.
   */
  PackedPanels packB(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
    return packB(transB, k, n, b, bOff, ldb, new float[GemmPacking.packedBSize(k, n, NR)]);
  }

  /** {@link #packB(boolean, int, int, float[], int, int)} into {@code dst}, at least the packed size long. */
  PackedPanels packB(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] dst) {
    return packB(transB, k, n, b, bOff, ldb, (long) k * n >= 1 << 16 ? pool.threads() : 1, dst);
  }

  private PackedPanels packB(boolean transB, int k, int n, float[] b, int bOff, int ldb, int parts, float[] dst) {
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
      if (parts == 1) {
        float[] tile = TILE.get();
        for (int i = 0; i < m; i++) {
          rowTimesPanels(k, n, alpha, a, aOff + i * lda, b.data(), 0, panels, beta, c, cOff + i * ldc, tile);
        }
        return;
      }
      pool.run(parts, part -> {
        int q0 = split(panels, part, parts), q1 = split(panels, part + 1, parts);
        float[] tile = TILE.get();
        for (int i = 0; i < m; i++) {
          rowTimesPanels(k, n, alpha, a, aOff + i * lda, b.data(), q0, q1, beta, c, cOff + i * ldc, tile);
        }
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
    if (parts == 1) {
      block(transA, 0, m, 0, panels, n, k, alpha, a, aOff, lda, b.data(), beta, c, cOff, ldc);
      return;
    }
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
    float[] tile = TILE.get();
    int rowStride = transA ? 1 : lda, colStride = transA ? lda : 1;
    int kcMax = transA ? KC_TRANS_A : KC, mcMax = transA ? MC_TRANS_A : MC;
    for (int pc = 0; pc < k; pc += kcMax) {
      int kc = Math.min(kcMax, k - pc);
      float betaNow = pc == 0 ? beta : 1f;
      for (int ic = m0; ic < m1; ic += mcMax) {
        int mc = Math.min(mcMax, m1 - ic);
        // Full MR-row strips of op(A) are read in place, element (i, p) at a[aOff + i * rowStride + p * colStride]:
        // one cache line per p when A is stored (K, M), MR unit-stride streams when stored (M, K). Only a partial
        // last strip is packed (its rows past M read as zeros). Packing every strip cost about 40% of the
        // weight-gradient GEMM dW = dG^T X, whose A (T*B x 4H) meets only I or H output columns.
        int packedFrom = transA && !TRANS_A_IN_PLACE ? 0 : mc - mc % MR;
        // On AVX2 a packed A stored (K, M) is cut into strips of six for the six-row tile: the weight gradients
        // dW = dG^T X were 30% of a one-thread LSTM training step there, all in the four-row tile.
        boolean sixPacked = transA && !TRANS_A_IN_PLACE && MicroKernels.SIX;
        if (packedFrom < mc) {
          GemmPacking.packA(transA, a, aOff, lda, ic + packedFrom, mc - packedFrom, pc, kc, aBlock,
              sixPacked ? MicroKernels.SIX_ROWS : MR);
        }
        for (int q = q0; q < q1; q++) {
          int j0 = q * NR;
          int nr = Math.min(NR, n - j0);
          int bBase = q * k * NR + pc * NR;
          for (int ir = 0; ir < mc; ir += MR) {
            int cBase = cOff + (ic + ir) * ldc + j0, mr = Math.min(MR, mc - ir);
            if (ir < packedFrom) {
              int row = ic + ir;
              int aBase = transA ? aOff + pc * lda + row : aOff + row * lda + pc;
              int inPlace = packedFrom - ir;
              if (MicroKernels.TALL && inPlace >= 2 * MR) {
                MicroKernels.eightRows(kc, a, aBase, rowStride, colStride, bp, bBase, alpha, betaNow, c, cBase, ldc,
                    nr, tile);
                ir += MR;
              } else if (MicroKernels.SIX && inPlace >= (inPlace % MR == 0 ? 12 : 6)) {
                // Six-row tiles go in pairs from a strip boundary (12 rows = 3 strips), so the rows read in place
                // still end at packedFrom, where the packed strips begin: 64 rows are ten tiles of six and one of four.
                MicroKernels.sixRows(kc, a, aBase, rowStride, colStride, bp, bBase, alpha, betaNow, c, cBase, ldc,
                    MicroKernels.SIX_ROWS, nr, tile);
                ir += MicroKernels.SIX_ROWS - MR;
              } else {
                MicroKernels.fourRows(kc, a, aBase, rowStride, colStride, bp, bBase, alpha, betaNow, c, cBase, ldc,
                    mr, nr, tile);
              }
            } else if (sixPacked) {                          // packedFrom is 0: strip ir / 6 starts at ir * kc
              MicroKernels.sixRows(kc, aBlock, ir * kc, 1, MicroKernels.SIX_ROWS, bp, bBase, alpha, betaNow, c,
                  cBase, ldc, Math.min(MicroKernels.SIX_ROWS, mc - ir), nr, tile);
              ir += MicroKernels.SIX_ROWS - MR;
            } else {
              MicroKernels.fourRows(kc, aBlock, (ir - packedFrom) * kc, 1, MR, bp, bBase, alpha, betaNow, c, cBase,
                  ldc, mr, nr, tile);
            }
          }
        }
      }
    }
  }

  /**
   * One output row against panels [q0, q1): c(1, n) = alpha * a(1, k) * B + beta * c. Four panels at a time give
   * eight independent accumulators, enough to hide the FMA latency on a single row. K is cut into the same
   * {@link #KC} blocks as {@link #block}'s, each stored before the next (beta with the first), so a row computed here
   * has the bits it has inside a many-row product: an inference pass's last projection chunk can be under MR rows
   * (batch 1, T = 257: 256 steps a chunk) where the training forward projects all rows at once.
   */
  private static void rowTimesPanels(int k, int n, float alpha, float[] a, int aRow, float[] bp, int q0, int q1,
                                     float beta, float[] c, int cRow, float[] tile) {
    for (int pc = 0; pc < k; pc += KC) {
      rowTimesPanelsBlock(k, pc, Math.min(k, pc + KC), n, alpha, a, aRow, bp, q0, q1, pc == 0 ? beta : 1f, c, cRow,
          tile);
    }
  }

  /** {@link #rowTimesPanels} over the K block [p0, p1). */
  private static void rowTimesPanelsBlock(int k, int p0, int p1, int n, float alpha, float[] a, int aRow, float[] bp,
                                          int q0, int q1, float beta, float[] c, int cRow, float[] tile) {
    int q = q0;
    for (; q + 4 <= q1; q += 4) {
      int b0 = q * k * NR, b1 = b0 + k * NR, b2 = b1 + k * NR, b3 = b2 + k * NR;
      FloatVector s00 = FloatVector.zero(S), s01 = s00, s10 = s00, s11 = s00;
      FloatVector s20 = s00, s21 = s00, s30 = s00, s31 = s00;
      for (int p = p0; p < p1; p++) {
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
      s00.intoArray(tile, 0);
      s01.intoArray(tile, L);
      s10.intoArray(tile, NR);
      s11.intoArray(tile, NR + L);
      s20.intoArray(tile, 2 * NR);
      s21.intoArray(tile, 2 * NR + L);
      s30.intoArray(tile, 3 * NR);
      s31.intoArray(tile, 3 * NR + L);
      for (int i = 0; i < 4; i++) storePanelRow(tile, i * NR, n, q + i, alpha, beta, c, cRow);
    }
    for (; q < q1; q++) {
      int b0 = q * k * NR;
      FloatVector s0 = FloatVector.zero(S), s1 = s0;
      for (int p = p0; p < p1; p++) {
        FloatVector x = FloatVector.broadcast(S, a[aRow + p]);
        s0 = x.fma(FloatVector.fromArray(S, bp, b0 + p * NR), s0);
        s1 = x.fma(FloatVector.fromArray(S, bp, b0 + p * NR + L), s1);
      }
      s0.intoArray(tile, 0);
      s1.intoArray(tile, L);
      storePanelRow(tile, 0, n, q, alpha, beta, c, cRow);
    }
  }

  /** Stores alpha * tile[t0, t0 + NR) + beta * c into the columns of panel q that exist. */
  private static void storePanelRow(float[] tile, int t0, int n, int q, float alpha, float beta, float[] c,
                                    int cRow) {
    int j0 = q * NR;
    MicroKernels.storeTile(tile, t0, 1, Math.min(NR, n - j0), alpha, beta, c, cRow + j0, 0);
  }

  /** Fewer than MR rows, unpacked B, output columns [j0, j1). */
  private static void smallM(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc, int j0, int j1) {
    if (j0 >= j1) return;
    ScalarKernels.scaleC(m, j1 - j0, beta, c, cOff + j0, ldc);
    float[] x = SMALL_M_ROW.get();
    if (x.length < k) SMALL_M_ROW.set(x = new float[k]);
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < k; p++) x[p] = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
      int cRow = cOff + i * ldc;
      if (transB) {
        float[] sums = TILE.get();
        int j = j0;
        for (; j + 4 <= j1; j += 4) {
          dot4(k, x, b, bOff + j * ldb, ldb, sums);
          for (int q = 0; q < 4; q++) c[cRow + j + q] += sums[q];
        }
        for (; j < j1; j++) c[cRow + j] += dot(k, x, b, bOff + j * ldb);
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

  /**
   * The dot products of x with four rows of B (stored ldb apart) into {@code out[0..4)}, each summed exactly as
   * {@link #dot} sums it, so the bits are the same. Four at once because each dot is two dependent chains, the
   * vector FMAs over K and the lane sum in index order: one at a time left the FMA units idle most of the time (a
   * streaming LSTM step at batch 1, whose two products take this path, ran 51 us against ONNX Runtime's 43).
   */
  private static void dot4(int k, float[] x, float[] b, int b0, int ldb, float[] out) {
    FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
    int b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
    int p = 0;
    for (int bound = S.loopBound(k); p < bound; p += L) {
      FloatVector xv = FloatVector.fromArray(S, x, p);
      a0 = xv.fma(FloatVector.fromArray(S, b, b0 + p), a0);
      a1 = xv.fma(FloatVector.fromArray(S, b, b1 + p), a1);
      a2 = xv.fma(FloatVector.fromArray(S, b, b2 + p), a2);
      a3 = xv.fma(FloatVector.fromArray(S, b, b3 + p), a3);
    }
    // through the tile, as the micro-kernel's accumulators leave: a vector passed to a helper would be boxed
    a0.intoArray(out, 4);
    a1.intoArray(out, 4 + L);
    a2.intoArray(out, 4 + 2 * L);
    a3.intoArray(out, 4 + 3 * L);
    float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
    for (int lane = 0; lane < L; lane++) {
      s0 += out[4 + lane];
      s1 += out[4 + L + lane];
      s2 += out[4 + 2 * L + lane];
      s3 += out[4 + 3 * L + lane];
    }
    for (int q = p; q < k; q++) {
      s0 += x[q] * b[b0 + q];
      s1 += x[q] * b[b1 + q];
      s2 += x[q] * b[b2 + q];
      s3 += x[q] * b[b3 + q];
    }
    out[0] = s0;
    out[1] = s1;
    out[2] = s2;
    out[3] = s3;
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
