package org.recurrent.kernel;

import static org.recurrent.kernel.GemmPacking.MR;
import static org.recurrent.kernel.VectorGemm.NR;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked tiles of {@link VectorGemm}: C(rows, NR) = alpha * Astrip(kc, rows) * Bpanel(kc, NR) + beta * C
 * with the accumulators in vector registers for the whole k loop,
 * <pre>{@code
 * for p in [0, kc):  b = Bpanel[p, 0..NR)            two vector loads
 *                    for r in rows: acc[r] += A[r, p] * b      one broadcast, two FMAs
 * }</pre>
 * four rows ({@link #fourRows}, eight accumulators), six ({@link #sixRows}, twelve: what the sixteen AVX2 registers
 * hold beside b and a broadcast) or eight ({@link #eightRows}, sixteen accumulators, on AVX-512's thirty-two).
 * Each height is written out in full, the same k step repeated row by row: C2 keeps vectors in registers only as
 * named locals, and a loop over an array of accumulators would box every one of them.
 */
final class MicroKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /**
   * Whether {@link #eightRows} is used: on 16 lanes, i.e. AVX-512, whose 32 vector registers hold its 16 accumulators.
   * On AVX2's 16 registers the tile would spill.
   */
  static final boolean TALL = L >= 16;
  /**
   * Whether {@link #sixRows} is used: on 8 lanes, i.e. AVX2, where its 12 accumulators, two B vectors and a
   * broadcast take 15 of the 16 vector registers.
   */
  static final boolean SIX = L == 8;
  /** The rows of a {@link #sixRows} tile. */
  static final int SIX_ROWS = 6;

  private MicroKernels() {}

  /**
   * C(mr, nr) = alpha * Astrip(kc, MR) * Bpanel(kc, NR) + beta * C, the strip's element (r, p) at
   * {@code ap[aBase + r * rowStride + p * colStride]} (packed: 1, MR). Lanes run across the zero-padded panel, so the
   * k loop needs no tail; the tile goes through {@code tile} (a partial one, mr < MR or nr < NR, by a scalar copy).
   */
  static void fourRows(int kc, float[] ap, int aBase, int rowStride, int colStride, float[] bp, int bBase,
                       float alpha, float beta, float[] c, int cBase, int ldc, int mr, int nr, float[] tile) {
    FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
    FloatVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
    int bi = bBase, ai = aBase, r1 = rowStride, r2 = 2 * rowStride, r3 = 3 * rowStride;
    for (int p = 0; p < kc; p++, bi += NR, ai += colStride) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
      FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      FloatVector a1 = FloatVector.broadcast(S, ap[ai + r1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      FloatVector a2 = FloatVector.broadcast(S, ap[ai + r2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      FloatVector a3 = FloatVector.broadcast(S, ap[ai + r3]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
    }
    // The accumulators leave through the tile buffer: a call that passes vectors (a store helper C2 happens not
    // to inline) boxes them, and whether C2 inlined it depended on which method its profile reached first, so
    // one JVM in two ran this kernel 4x slower (1.2 ms against 0.3 ms at 64x1024x256, one thread).
    c00.intoArray(tile, 0);
    c01.intoArray(tile, L);
    c10.intoArray(tile, NR);
    c11.intoArray(tile, NR + L);
    c20.intoArray(tile, 2 * NR);
    c21.intoArray(tile, 2 * NR + L);
    c30.intoArray(tile, 3 * NR);
    c31.intoArray(tile, 3 * NR + L);
    storeTile(tile, 0, mr, nr, alpha, beta, c, cBase, ldc);
  }

  /**
   * {@link #fourRows} for two adjacent full strips at once, C(2 MR, nr): sixteen accumulators, two B vectors and one
   * broadcast, 19 of the 32 vector registers AVX-512 has (so only where {@link #TALL} holds). Each k step then
   * loads B once for sixteen FMAs instead of eight, 10 loads per 16 FMAs against 6 per 8. On a 2-core Intel Xeon
   * with two 512-bit FMA ports per core (steady FMA peak 130 GFLOP/s per core) the per-step product 64x1024x256 went
   * from 105 to 120 GFLOP/s while the host was quiet and from 69 to 87 while a neighbour loaded it (a stand-alone
   * copy of both kernels, alternated in one JVM); the tile's bits are the ones two {@link #fourRows} calls give,
   * since each element is the same chain of FMAs over k.
   */
  static void eightRows(int kc, float[] ap, int aBase, int rowStride, int colStride, float[] bp, int bBase,
                        float alpha, float beta, float[] c, int cBase, int ldc, int nr, float[] tile) {
    FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
    FloatVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
    FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    FloatVector c60 = c00, c61 = c00, c70 = c00, c71 = c00;
    int bi = bBase, ai = aBase, r1 = rowStride, r2 = 2 * rowStride, r3 = 3 * rowStride;
    int r4 = 4 * rowStride, r5 = 5 * rowStride, r6 = 6 * rowStride, r7 = 7 * rowStride;
    for (int p = 0; p < kc; p++, bi += NR, ai += colStride) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
      FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      FloatVector a1 = FloatVector.broadcast(S, ap[ai + r1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      FloatVector a2 = FloatVector.broadcast(S, ap[ai + r2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      FloatVector a3 = FloatVector.broadcast(S, ap[ai + r3]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      FloatVector a4 = FloatVector.broadcast(S, ap[ai + r4]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      FloatVector a5 = FloatVector.broadcast(S, ap[ai + r5]);
      c50 = a5.fma(b0, c50);
      c51 = a5.fma(b1, c51);
      FloatVector a6 = FloatVector.broadcast(S, ap[ai + r6]);
      c60 = a6.fma(b0, c60);
      c61 = a6.fma(b1, c61);
      FloatVector a7 = FloatVector.broadcast(S, ap[ai + r7]);
      c70 = a7.fma(b0, c70);
      c71 = a7.fma(b1, c71);
    }
    c00.intoArray(tile, 0);
    c01.intoArray(tile, L);
    c10.intoArray(tile, NR);
    c11.intoArray(tile, NR + L);
    c20.intoArray(tile, 2 * NR);
    c21.intoArray(tile, 2 * NR + L);
    c30.intoArray(tile, 3 * NR);
    c31.intoArray(tile, 3 * NR + L);
    c40.intoArray(tile, 4 * NR);
    c41.intoArray(tile, 4 * NR + L);
    c50.intoArray(tile, 5 * NR);
    c51.intoArray(tile, 5 * NR + L);
    c60.intoArray(tile, 6 * NR);
    c61.intoArray(tile, 6 * NR + L);
    c70.intoArray(tile, 7 * NR);
    c71.intoArray(tile, 7 * NR + L);
    storeTile(tile, 0, 2 * MR, nr, alpha, beta, c, cBase, ldc);
  }

  /**
   * {@link #fourRows} for six rows, C(mr, nr) with mr <= 6 (the rows past mr are a packed strip's zero padding,
   * computed and not stored): twelve accumulators, two B vectors and one broadcast, 15
   * of the 16 vector registers AVX2 has (the 6 x 16 tile of BLIS's Haswell kernel), so each k step loads B once for
   * twelve FMAs instead of eight. Only where {@link #SIX} holds; the bits are those of {@link #fourRows}, since each
   * element is the same chain of FMAs over k.
   */
  static void sixRows(int kc, float[] ap, int aBase, int rowStride, int colStride, float[] bp, int bBase,
                      float alpha, float beta, float[] c, int cBase, int ldc, int mr, int nr, float[] tile) {
    FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
    FloatVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
    FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00;
    int bi = bBase, ai = aBase, r1 = rowStride, r2 = 2 * rowStride, r3 = 3 * rowStride;
    int r4 = 4 * rowStride, r5 = 5 * rowStride;
    for (int p = 0; p < kc; p++, bi += NR, ai += colStride) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
      FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      FloatVector a1 = FloatVector.broadcast(S, ap[ai + r1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      FloatVector a2 = FloatVector.broadcast(S, ap[ai + r2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      FloatVector a3 = FloatVector.broadcast(S, ap[ai + r3]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      FloatVector a4 = FloatVector.broadcast(S, ap[ai + r4]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      FloatVector a5 = FloatVector.broadcast(S, ap[ai + r5]);
      c50 = a5.fma(b0, c50);
      c51 = a5.fma(b1, c51);
    }
    c00.intoArray(tile, 0);
    c01.intoArray(tile, L);
    c10.intoArray(tile, NR);
    c11.intoArray(tile, NR + L);
    c20.intoArray(tile, 2 * NR);
    c21.intoArray(tile, 2 * NR + L);
    c30.intoArray(tile, 3 * NR);
    c31.intoArray(tile, 3 * NR + L);
    c40.intoArray(tile, 4 * NR);
    c41.intoArray(tile, 4 * NR + L);
    c50.intoArray(tile, 5 * NR);
    c51.intoArray(tile, 5 * NR + L);
    storeTile(tile, 0, mr, nr, alpha, beta, c, cBase, ldc);
  }

  /**
   * C rows [0, mr) x cols [0, nr) at {@code cBase} = alpha * tile + beta * C, the tile's row r at
   * {@code t0 + r * NR}; beta == 0 does not read C, so NaN there does not survive.
   */
  static void storeTile(float[] tile, int t0, int mr, int nr, float alpha, float beta, float[] c, int cBase,
                                int ldc) {
    if (nr == NR) {
      FloatVector va = FloatVector.broadcast(S, alpha), vb = FloatVector.broadcast(S, beta);
      for (int r = 0; r < mr; r++) {
        for (int v = 0; v < NR; v += L) {
          FloatVector acc = FloatVector.fromArray(S, tile, t0 + r * NR + v);
          int off = cBase + r * ldc + v;
          if (beta == 0f) {
            acc.mul(va).intoArray(c, off);
          } else if (beta == 1f) {
            acc.fma(va, FloatVector.fromArray(S, c, off)).intoArray(c, off);
          } else {
            acc.fma(va, FloatVector.fromArray(S, c, off).mul(vb)).intoArray(c, off);
          }
        }
      }
      return;
    }
    for (int r = 0; r < mr; r++) {
      for (int j = 0; j < nr; j++) tile[t0 + r * NR + j] *= alpha;
      storeScalar(nr, tile, t0 + r * NR, beta, c, cBase + r * ldc);
    }
  }

  /** c[off, off + n) = product[from, from + n) + beta * c, the product already scaled by alpha. */
  private static void storeScalar(int n, float[] product, int from, float beta, float[] c, int off) {
    for (int j = 0; j < n; j++) {
      c[off + j] = beta == 0f ? product[from + j] : product[from + j] + beta * c[off + j];
    }
  }
}
