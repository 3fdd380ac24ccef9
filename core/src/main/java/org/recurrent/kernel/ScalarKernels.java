package org.recurrent.kernel;

/**
 * The reference implementation of {@link Kernels}: plain loops, one thread, written to be read. It is the
 * fallback when the Vector API is unavailable and the yardstick the vector kernels are tested against.
 */
public final class ScalarKernels implements Kernels {

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                   float beta, float[] c, int cOff, int ldc) {
    scaleC(m, n, beta, c, cOff, ldc);
    if (alpha == 0f || k == 0) return;
    // Loop orders chosen so the innermost loop walks memory contiguously (the JIT vectorises those).
    if (transB) {
      // c[i][j] += alpha * dot(op(A) row i, B row j): B (N, K) rows are contiguous along K.
      float[] aRow = new float[k];
      for (int i = 0; i < m; i++) {
        for (int p = 0; p < k; p++) aRow[p] = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
        int cRow = cOff + i * ldc;
        for (int j = 0; j < n; j++) {
          int bRow = bOff + j * ldb;
          float s = 0f;
          for (int p = 0; p < k; p++) s += aRow[p] * b[bRow + p];
          c[cRow + j] += alpha * s;
        }
      }
    } else if (transA) {
      // A stored (K, M): accumulate outer products row p of A times row p of B.
      for (int p = 0; p < k; p++) {
        int aRow = aOff + p * lda, bRow = bOff + p * ldb;
        for (int i = 0; i < m; i++) {
          float aip = alpha * a[aRow + i];
          if (aip == 0f) continue;
          int cRow = cOff + i * ldc;
          for (int j = 0; j < n; j++) c[cRow + j] += aip * b[bRow + j];
        }
      }
    } else {
      for (int i = 0; i < m; i++) {
        int cRow = cOff + i * ldc;
        for (int p = 0; p < k; p++) {
          float aip = alpha * a[aOff + i * lda + p];
          if (aip == 0f) continue;
          int bRow = bOff + p * ldb;
          for (int j = 0; j < n; j++) c[cRow + j] += aip * b[bRow + j];
        }
      }
    }
  }

  static void scaleC(int m, int n, float beta, float[] c, int cOff, int ldc) {
    if (beta == 1f) return;
    for (int i = 0; i < m; i++) {
      int row = cOff + i * ldc;
      if (beta == 0f) {
        java.util.Arrays.fill(c, row, row + n, 0f);
      } else {
        for (int j = 0; j < n; j++) c[row + j] *= beta;
      }
    }
  }

  /** op(B) copied into a dense (K, N) row-major array. */
  private record DenseB(int k, int n, float[] data) implements PackedMatrix {}

  @Override
  public PackedMatrix packB(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
    return packB(transB, k, n, b, bOff, ldb, new float[packedFloats(k, n)]);
  }

  @Override
  public int packedFloats(int k, int n) {
    return Math.multiplyExact(k, n);
  }

  @Override
  public PackedMatrix packB(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] into) {
    if (into.length < packedFloats(k, n)) {
      throw new IllegalArgumentException("packB: buffer of " + into.length + " floats, needs " + packedFloats(k, n));
    }
    float[] dense = into;
    for (int p = 0; p < k; p++) {
      for (int j = 0; j < n; j++) {
        dense[p * n + j] = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
      }
    }
    return new DenseB(k, n, dense);
  }

  @Override
  public void gemmPacked(int m, float alpha, float[] a, int aOff, int lda, PackedMatrix b,
                         float beta, float[] c, int cOff, int ldc) {
    if (!(b instanceof DenseB dense)) {
      throw new IllegalArgumentException("matrix was packed by other kernels: " + b.getClass().getName());
    }
    gemm(false, false, m, dense.n(), dense.k(), alpha, a, aOff, lda, dense.data(), 0, dense.n(), beta, c, cOff, ldc);
  }

  // ---- element-wise ---------------------------------------------------------------------------------

  static float sigmoid(float x) {
    return (float) (1.0 / (1.0 + Math.exp(-x)));
  }

  static float tanh(float x) {
    return (float) Math.tanh(x);
  }

  @Override
  public void tanh(int n, float[] x, int xOff, float[] y, int yOff) {
    for (int i = 0; i < n; i++) y[yOff + i] = tanh(x[xOff + i]);
  }

  @Override
  public void sigmoid(int n, float[] x, int xOff, float[] y, int yOff) {
    for (int i = 0; i < n; i++) y[yOff + i] = sigmoid(x[xOff + i]);
  }

  @Override
  public void exp(int n, float[] x, int xOff, float[] y, int yOff) {
    for (int i = 0; i < n; i++) y[yOff + i] = (float) Math.exp(x[xOff + i]);
  }

  @Override
  public void addRowVector(int rows, int width, float[] m, int off, float[] v, int vOff) {
    for (int r = 0; r < rows; r++) {
      int base = off + r * width;
      for (int j = 0; j < width; j++) m[base + j] += v[vOff + j];
    }
  }

  @Override
  public void addColumnSums(int rows, int width, float[] m, int off, int ld, float[] out, int outOff) {
    for (int r = 0; r < rows; r++) {
      int base = off + r * ld;
      for (int j = 0; j < width; j++) out[outOff + j] += m[base + j];
    }
  }

  // ---- fused recurrent cell steps ----------------------------------------------------------------------

  @Override
  public void lstmForward(int rows, int hidden, float[] gates, int gatesOff, float[] cPrev, int cPrevOff,
                          float[] c, int cOff, float[] tanhC, int tanhCOff, float[] h, int hOff) {
    int H = hidden;
    for (int r = 0; r < rows; r++) {
      int g0 = gatesOff + r * 4 * H;
      int s0 = r * H;
      for (int j = 0; j < H; j++) {
        float i = sigmoid(gates[g0 + j]);
        float f = sigmoid(gates[g0 + H + j]);
        float g = tanh(gates[g0 + 2 * H + j]);
        float o = sigmoid(gates[g0 + 3 * H + j]);
        gates[g0 + j] = i;
        gates[g0 + H + j] = f;
        gates[g0 + 2 * H + j] = g;
        gates[g0 + 3 * H + j] = o;
        float ct = f * cPrev[cPrevOff + s0 + j] + i * g; // c = f*cPrev + i*g
        float tc = tanh(ct);
        c[cOff + s0 + j] = ct;
        tanhC[tanhCOff + s0 + j] = tc;
        h[hOff + s0 + j] = o * tc; // h = o*tanh(c)
      }
    }
  }

  @Override
  public void lstmBackward(int rows, int hidden, float[] act, int actOff, float[] cPrev, int cPrevOff,
                           float[] tanhC, int tanhCOff, float[] dh, int dhOff, float[] dc, int dcOff,
                           float[] dGates, int dGatesOff) {
    for (int r = 0; r < rows; r++) {
      lstmBackwardRow(0, hidden, act, actOff + r * 4 * hidden, cPrev, cPrevOff + r * hidden,
          tanhC, tanhCOff + r * hidden, dh, dhOff + r * hidden, dc, dcOff + r * hidden,
          dGates, dGatesOff + r * 4 * hidden);
    }
  }

  /**
   * {@link #lstmBackward} for the hidden units [from, H) of one row (offsets point at the row's start); also the
   * scalar tail of the vector kernels.
   */
  static void lstmBackwardRow(int from, int H, float[] act, int g0, float[] cPrev, int p0, float[] tanhC, int t0,
                              float[] dh, int h0, float[] dc, int c0, float[] dGates, int d0) {
    for (int j = from; j < H; j++) {
      float i = act[g0 + j], f = act[g0 + H + j], g = act[g0 + 2 * H + j], o = act[g0 + 3 * H + j];
      float tc = tanhC[t0 + j];
      float dht = dh[h0 + j];
      float dct = dc[c0 + j] + dht * o * (1f - tc * tc); // through h = o*tanh(c)
      dGates[d0 + j] = dct * g * i * (1f - i);
      dGates[d0 + H + j] = dct * cPrev[p0 + j] * f * (1f - f);
      dGates[d0 + 2 * H + j] = dct * i * (1f - g * g);
      dGates[d0 + 3 * H + j] = dht * tc * o * (1f - o);
      dc[c0 + j] = dct * f; // dcPrev
    }
  }

  @Override
  public void gruForward(int rows, int hidden, float[] gx, int gxOff, float[] gh, int ghOff,
                         float[] hPrev, int hPrevOff, float[] h, int hOff) {
    int H = hidden;
    for (int row = 0; row < rows; row++) {
      int x0 = gxOff + row * 3 * H;
      int r0 = ghOff + row * 3 * H;
      int s0 = row * H;
      for (int j = 0; j < H; j++) {
        float r = sigmoid(gx[x0 + j] + gh[r0 + j]);
        float z = sigmoid(gx[x0 + H + j] + gh[r0 + H + j]);
        float n = tanh(gx[x0 + 2 * H + j] + r * gh[r0 + 2 * H + j]); // reset applied after W_hn h
        gx[x0 + j] = r;
        gx[x0 + H + j] = z;
        gx[x0 + 2 * H + j] = n;
        h[hOff + s0 + j] = (1f - z) * n + z * hPrev[hPrevOff + s0 + j];
      }
    }
  }

  @Override
  public void gruBackward(int rows, int hidden, float[] act, int actOff, float[] gh, int ghOff,
                          float[] hPrev, int hPrevOff, float[] dh, int dhOff,
                          float[] dGx, int dGxOff, float[] dGh, int dGhOff) {
    int G = 3 * hidden;
    for (int row = 0; row < rows; row++) {
      gruBackwardRow(0, hidden, act, actOff + row * G, gh, ghOff + row * G, hPrev, hPrevOff + row * hidden,
          dh, dhOff + row * hidden, dGx, dGxOff + row * G, dGh, dGhOff + row * G);
    }
  }

  /**
   * {@link #gruBackward} for the hidden units [from, H) of one row (offsets point at the row's start); also the
   * scalar tail of the vector kernels.
   */
  static void gruBackwardRow(int from, int H, float[] act, int a0, float[] gh, int g0, float[] hPrev, int p0,
                             float[] dh, int h0, float[] dGx, int x0, float[] dGh, int r0) {
    for (int j = from; j < H; j++) {
      float r = act[a0 + j], z = act[a0 + H + j], n = act[a0 + 2 * H + j];
      float dht = dh[h0 + j];
      float dnPre = dht * (1f - z) * (1f - n * n);
      float dzPre = dht * (hPrev[p0 + j] - n) * z * (1f - z);
      float drPre = dnPre * gh[g0 + 2 * H + j] * r * (1f - r);
      dGx[x0 + j] = drPre;
      dGx[x0 + H + j] = dzPre;
      dGx[x0 + 2 * H + j] = dnPre;
      dGh[r0 + j] = drPre;
      dGh[r0 + H + j] = dzPre;
      dGh[r0 + 2 * H + j] = dnPre * r;
      dh[h0 + j] = dht * z;
    }
  }
}
