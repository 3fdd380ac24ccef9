package org.recurrent.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the incubating Vector API: the only class that imports {@code jdk.incubator.vector}.
 *
 * <p>This first version vectorises the innermost loop of each GEMM loop order (an axpy over a contiguous row of
 * B and C, or a dot product over contiguous rows) and the element-wise transcendentals; the fused gate kernels
 * are inherited from the scalar reference. Packed panels with a register-blocked micro-kernel and
 * multi-threading are the next step (see docs/benchmarks.md for where this stands).
 */
public final class VectorKernels extends ScalarKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  @Override
  public String name() {
    return "vector(" + S.vectorBitSize() + "-bit, " + S.length() + " lanes, 1 thread)";
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                   float beta, float[] c, int cOff, int ldc) {
    scaleC(m, n, beta, c, cOff, ldc);
    if (alpha == 0f || k == 0) return;
    if (transB) {
      float[] aRow = new float[k];
      for (int i = 0; i < m; i++) {
        for (int p = 0; p < k; p++) aRow[p] = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
        int cRow = cOff + i * ldc;
        for (int j = 0; j < n; j++) c[cRow + j] += alpha * dot(aRow, b, bOff + j * ldb, k);
      }
    } else if (transA) {
      for (int p = 0; p < k; p++) {
        int aRow = aOff + p * lda, bRow = bOff + p * ldb;
        for (int i = 0; i < m; i++) {
          float aip = alpha * a[aRow + i];
          if (aip != 0f) axpy(n, aip, b, bRow, c, cOff + i * ldc);
        }
      }
    } else {
      for (int i = 0; i < m; i++) {
        int cRow = cOff + i * ldc;
        for (int p = 0; p < k; p++) {
          float aip = alpha * a[aOff + i * lda + p];
          if (aip != 0f) axpy(n, aip, b, bOff + p * ldb, c, cRow);
        }
      }
    }
  }

  /** y[yOff..yOff+n) += s * x[xOff..xOff+n). */
  private static void axpy(int n, float s, float[] x, int xOff, float[] y, int yOff) {
    FloatVector sv = FloatVector.broadcast(S, s);
    int j = 0;
    for (int bound = S.loopBound(n); j < bound; j += S.length()) {
      FloatVector xv = FloatVector.fromArray(S, x, xOff + j);
      FloatVector yv = FloatVector.fromArray(S, y, yOff + j);
      xv.fma(sv, yv).intoArray(y, yOff + j);
    }
    for (; j < n; j++) y[yOff + j] += s * x[xOff + j];
  }

  /** sum_p a[p] * b[bOff + p], p in [0, k). */
  private static float dot(float[] a, float[] b, int bOff, int k) {
    FloatVector acc = FloatVector.zero(S);
    int p = 0;
    for (int bound = S.loopBound(k); p < bound; p += S.length()) {
      acc = FloatVector.fromArray(S, a, p).fma(FloatVector.fromArray(S, b, bOff + p), acc);
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (; p < k; p++) s += a[p] * b[bOff + p];
    return s;
  }

  @Override
  public void tanh(int n, float[] x, int xOff, float[] y, int yOff) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.TANH).intoArray(y, yOff + i);
    }
    for (; i < n; i++) y[yOff + i] = (float) Math.tanh(x[xOff + i]);
  }

  @Override
  public void sigmoid(int n, float[] x, int xOff, float[] y, int yOff) {
    int i = 0;
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector e = FloatVector.fromArray(S, x, xOff + i).neg().lanewise(VectorOperators.EXP);
      one.div(one.add(e)).intoArray(y, yOff + i);                     // 1 / (1 + exp(-x))
    }
    for (; i < n; i++) y[yOff + i] = (float) (1.0 / (1.0 + Math.exp(-x[xOff + i])));
  }

  @Override
  public void exp(int n, float[] x, int xOff, float[] y, int yOff) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.EXP).intoArray(y, yOff + i);
    }
    for (; i < n; i++) y[yOff + i] = (float) Math.exp(x[xOff + i]);
  }
}
