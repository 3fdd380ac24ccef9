package org.recurrent.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the incubating Vector API (JEP 508): the same results as {@link ScalarKernels} up to float
 * rounding, several times faster. GEMM lives in {@link VectorGemm}; the element-wise and fused cell kernels are
 * here.
 *
 * <p>exp is our own ({@link VectorMath}): Cody-Waite range reduction and Cephes' expf polynomial, built only from
 * add, multiply, fma and bit operations. {@code VectorOperators.EXP} would be faster (the JDK's SVML stub) but is
 * not reproducible: until C2 compiles a loop, the Vector API runs its Java fallback, which computes EXP with
 * {@code Math.exp} and rounds differently from the stub, so the bits of a training run depended on JIT timing
 * (three runs of one config gave three different models). Every operation used here is correctly rounded in both
 * the fallback and the compiled code, so results no longer depend on when compilation happens. For the same
 * reason no kernel uses {@code reduceLanes}, whose summation order differs between the two.
 * <pre>{@code
 * exp(x) = 2^n p(r),  n = round(x / ln 2),  r = x - n ln 2 (ln 2 split in two for exactness),  |r| <= ln2 / 2
 * p(r)   = 1 + r + r^2 (c0 + c1 r + ... + c5 r^5)     (Cephes expf, about 1 ulp)
 * x > 88.72 gives +inf, x < -87.33 gives 0 (no subnormals)
 * }</pre>
 * sigmoid and tanh are built on exp (tanh's own {@code VectorOperators.TANH} was slower). The fused cell kernels
 * below are a few short loops, one activation each, rather than one loop with five transcendentals, which would
 * push C2 past its inlining budget and box every vector.
 * <pre>{@code
 * sigmoid(x) = 1 / (1 + exp(-x))
 * tanh(x)    = x + x^3 Q(x^2)                       |x| < 0.625 (Cephes tanhf: no cancellation near 0)
 *            = sign(x) (1 - 2 / (exp(2|x|) + 1))    otherwise; exp overflowing to inf gives +-1, never NaN
 * }</pre>
 */
public final class VectorKernels implements Kernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /**
   * Below this many flops a GEMM runs on the calling thread. The batch-1 LSTM step (1, 1024, 256), 2^19 flops, is
   * split: its packed W_hh (1 MiB) does not fit one core's 1 MiB L2 beside everything else and streamed from L3
   * each step (12-13 us, 40 GFLOP/s), while each half fits its own core's L2 (6.6-6.8 us minimum on two threads,
   * AVX-512 EPYC). In whole batch-1 passes under a load average of 21 the split still won: LSTM inference 2.48 ->
   * 1.36 ms, training 5.73 -> 3.44 ms, GRU 1.55 -> 1.09 and 3.73 -> 2.71 ms (bench/ab-jars.sh, 3 rounds). It was
   * 2^20 until then, for fear of a worker preempted on a busy machine holding its half for a scheduler slice
   * (mean 94 us against 16 us, measured once); the caller takes any part a late worker has not claimed, so only a
   * part already begun can be held, and the measurement above was taken on a busy machine. Smaller products (RNN
   * at H = 256, 2^17 flops) stay single.
   */
  static final long DEFAULT_MIN_PARALLEL_FLOPS = 1L << 18;

  /**
   * Below this many hidden units (rows x H) a fused cell kernel or an activation runs on the calling thread. A
   * step of 64 rows x 256 LSTM units takes about 70 us on one core; handing half to the other thread costs a few.
   */
  static final int MIN_PARALLEL_UNITS = 4096;

  private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

  private final VectorGemm gemm;
  private final WorkerPool pool;
  private volatile Kernels[] oneThread;   // see oneThreadKernels

  /** Vector kernels that split large GEMMs over {@code threads} threads, the caller included. */
  VectorKernels(int threads) {
    this(new WorkerPool(threads, WorkerPool.DEFAULT_SPIN_NANOS), DEFAULT_MIN_PARALLEL_FLOPS);
  }

  VectorKernels(WorkerPool pool, long minParallelFlops) {
    this.gemm = new VectorGemm(pool, minParallelFlops);
    this.pool = pool;
  }

  /** Rows [from, to) of a row-wise kernel: rows never interact, so any split gives the same bits. */
  @FunctionalInterface
  private interface RowRange {
    void run(int from, int to);
  }

  /**
   * Runs {@code body} over rows [0, rows), split into near-equal shares over the pool's threads when the rows hold
   * at least {@link #MIN_PARALLEL_UNITS} units of {@code width} each. Without this, the element-wise half of each
   * time step ran on one thread while the other waited for the next GEMM.
   */
  private void forRows(int rows, int width, RowRange body) {
    int parts = rowParts(rows, width);
    if (parts == 1) {
      body.run(0, rows);
      return;
    }
    pool.run(parts, part -> body.run((int) ((long) rows * part / parts), (int) ((long) rows * (part + 1) / parts)));
  }

  /**
   * Shares {@link #forRows} splits {@code rows} into. Each kernel asks first and, at 1, calls its row loop directly:
   * the capturing lambda that forRows takes would otherwise be allocated on every call, also on the one-thread
   * path of every small step (streaming at batch 1 never splits).
   */
  private int rowParts(int rows, int width) {
    return rows > 1 && (long) rows * width >= MIN_PARALLEL_UNITS ? Math.min(pool.threads(), rows) : 1;
  }

  /** Float lanes of the preferred species on this machine. */
  static int lanes() {
    return L;
  }

  /** Width of the preferred vector in bits. */
  static int vectorBits() {
    return S.vectorBitSize();
  }

  @Override
  public int threads() {
    return gemm.threads();
  }

  @Override
  public String name() {
    return "vector(" + L + " lanes, " + gemm.threads() + " threads)";
  }

  @Override
  public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                   float beta, float[] c, int cOff, int ldc) {
    gemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
  }

  @Override
  public PackedMatrix packB(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
    return gemm.packB(transB, k, n, b, bOff, ldb);
  }

  @Override
  public int packedFloats(int k, int n) {
    return GemmPacking.packedBSize(k, n, VectorGemm.NR);
  }

  @Override
  public PackedMatrix packB(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] into) {
    if (into.length < packedFloats(k, n)) {
      throw new IllegalArgumentException("packB: buffer of " + into.length + " floats, needs " + packedFloats(k, n));
    }
    return gemm.packB(transB, k, n, b, bOff, ldb, into);
  }

  @Override
  public void gemmPacked(int m, float alpha, float[] a, int aOff, int lda, PackedMatrix b,
                         float beta, float[] c, int cOff, int ldc) {
    gemm.gemmPacked(m, alpha, a, aOff, lda, panels(b), beta, c, cOff, ldc);
  }

  private static VectorGemm.PackedPanels panels(PackedMatrix b) {
    if (!(b instanceof VectorGemm.PackedPanels panels)) {
      throw new IllegalArgumentException("gemmPacked: matrix was packed by other kernels ("
          + b.getClass().getName() + "); pack it with the same Kernels instance");
    }
    return panels;
  }

  // ---- element-wise: the transcendental loops are in VectorMath ------------------------------------------

  @Override
  public void tanh(int n, float[] x, int xOff, float[] y, int yOff) {
    int chunks = (n + L - 1) / L; // vector-wide chunks, so a split changes no element's code path
    if (rowParts(chunks, L) == 1) {
      VectorMath.tanhRange(0, n, x, xOff, y, yOff);
      return;
    }
    forRows(chunks, L, (c0, c1) -> VectorMath.tanhRange(Math.min(n, c0 * L), Math.min(n, c1 * L), x, xOff, y,
        yOff));
  }

  @Override
  public void sigmoid(int n, float[] x, int xOff, float[] y, int yOff) {
    int chunks = (n + L - 1) / L; // vector-wide chunks, so a split changes no element's code path
    if (rowParts(chunks, L) == 1) {
      VectorMath.sigmoidRange(0, n, x, xOff, y, yOff);
      return;
    }
    forRows(chunks, L, (c0, c1) -> VectorMath.sigmoidRange(Math.min(n, c0 * L), Math.min(n, c1 * L), x, xOff, y,
        yOff));
  }

  @Override
  public void exp(int count, float[] x, int xOff, float[] y, int yOff) {
    VectorMath.expRange(count, x, xOff, y, yOff);
  }

  // ---- fused recurrent cell steps: vectors across the hidden units of one row, scalar tail ------------------

  /**
   * Elements from which the bias kernels split over the threads. They are one add per element, bound by memory, so
   * a split pays only over passes of tens of microseconds (the 20-26 MB gate buffers of a whole sequence), not over
   * one step's rows (64 x 768 for a GRU step's b_hh), where it would add a hand-off to every step.
   */
  static final int MIN_PARALLEL_BIAS_ELEMENTS = 1 << 17;

  @Override
  public void addRowVector(int rows, int width, float[] m, int off, float[] v, int vOff) {
    if ((long) rows * width < MIN_PARALLEL_BIAS_ELEMENTS || rowParts(rows, width) == 1) {
      addRowVectorRows(0, rows, width, m, off, v, vOff);
      return;
    }
    forRows(rows, width, (from, to) -> addRowVectorRows(from, to, width, m, off, v, vOff));
  }

  private static void addRowVectorRows(int from, int to, int width, float[] m, int off, float[] v, int vOff) {
    for (int r = from; r < to; r++) {
      int base = off + r * width, j = 0;
      for (int bound = S.loopBound(width); j < bound; j += L) {
        FloatVector.fromArray(S, m, base + j).add(FloatVector.fromArray(S, v, vOff + j)).intoArray(m, base + j);
      }
      for (; j < width; j++) m[base + j] += v[vOff + j];
    }
  }

  /** Split by columns, in whole vectors: each thread sums its columns over every row, in row order. */
  @Override
  public void addColumnSums(int rows, int width, float[] m, int off, int ld, float[] out, int outOff) {
    int chunks = (width + L - 1) / L;
    if ((long) rows * width < MIN_PARALLEL_BIAS_ELEMENTS || rowParts(chunks, rows * L) == 1) {
      columnSums(0, width, rows, m, off, ld, out, outOff);
      return;
    }
    forRows(chunks, rows * L, (c0, c1) -> columnSums(c0 * L, Math.min(width, c1 * L), rows, m, off, ld, out,
        outOff));
  }

  @Override
  public void addColumnSumsTwice(int rows, int width, float[] m, int off, int ld, float[] out1, int out1Off,
                                 float[] out2, int out2Off) {
    int chunks = (width + L - 1) / L;
    if ((long) rows * width < MIN_PARALLEL_BIAS_ELEMENTS || rowParts(chunks, rows * L) == 1) {
      columnSumsTwice(0, width, rows, m, off, ld, out1, out1Off, out2, out2Off);
      return;
    }
    forRows(chunks, rows * L, (c0, c1) -> columnSumsTwice(c0 * L, Math.min(width, c1 * L), rows, m, off, ld, out1,
        out1Off, out2, out2Off));
  }

  /** {@link #columnSums} into two outputs: each row's vector is read once and added to both. */
  private static void columnSumsTwice(int j0, int j1, int rows, float[] m, int off, int ld, float[] out1, int o1,
                                      float[] out2, int o2) {
    for (int r = 0; r < rows; r++) {
      int base = off + r * ld, j = j0;
      for (int bound = j0 + S.loopBound(j1 - j0); j < bound; j += L) {
        FloatVector row = FloatVector.fromArray(S, m, base + j);
        FloatVector.fromArray(S, out1, o1 + j).add(row).intoArray(out1, o1 + j);
        FloatVector.fromArray(S, out2, o2 + j).add(row).intoArray(out2, o2 + j);
      }
      for (; j < j1; j++) {
        out1[o1 + j] += m[base + j];
        out2[o2 + j] += m[base + j];
      }
    }
  }

  private static void columnSums(int j0, int j1, int rows, float[] m, int off, int ld, float[] out, int outOff) {
    for (int r = 0; r < rows; r++) {
      int base = off + r * ld, j = j0;
      for (int bound = j0 + S.loopBound(j1 - j0); j < bound; j += L) {
        FloatVector.fromArray(S, out, outOff + j).add(FloatVector.fromArray(S, m, base + j))
            .intoArray(out, outOff + j);
      }
      for (; j < j1; j++) out[outOff + j] += m[base + j];
    }
  }

  @Override
  public void lstmForward(int rows, int hidden, float[] gates, int gatesOff, float[] cPrev, int cPrevOff,
                          float[] c, int cOff, float[] tanhC, int tanhCOff, float[] h, int hOff) {
    if (rowParts(rows, 4 * hidden) == 1) {
      lstmForwardRows(0, rows, hidden, gates, gatesOff, cPrev, cPrevOff, c, cOff, tanhC, tanhCOff, h, hOff);
      return;
    }
    forRows(rows, 4 * hidden, (from, to) -> lstmForwardRows(from, to,
        hidden, gates, gatesOff, cPrev, cPrevOff, c, cOff, tanhC, tanhCOff, h, hOff));
  }

  private static void lstmForwardRows(int rowFrom, int rowTo, int hidden, float[] gates, int gatesOff, float[] cPrev,
                                      int cPrevOff, float[] c, int cOff, float[] tanhC, int tanhCOff, float[] h,
                                      int hOff) {
    int H = hidden;
    for (int r = rowFrom; r < rowTo; r++) {
      int g0 = gatesOff + r * 4 * H;
      int s0 = r * H;
      VectorMath.sigmoidRange(0, 2 * H, gates, g0, gates, g0); // i, f
      VectorMath.tanhRange(0, H, gates, g0 + 2 * H, gates, g0 + 2 * H); // g
      VectorMath.sigmoidRange(0, H, gates, g0 + 3 * H, gates, g0 + 3 * H); // o
      cellUpdate(H, gates, g0, cPrev, cPrevOff + s0, c, cOff + s0);
      VectorMath.tanhRange(0, H, c, cOff + s0, tanhC, tanhCOff + s0);
      multiply(H, gates, g0 + 3 * H, tanhC, tanhCOff + s0, h, hOff + s0); // h = o*tanh(c)
    }
  }

  /** c = f*cPrev + i*g for one row; {@code act} holds [i f g o]. */
  private static void cellUpdate(int H, float[] act, int a0, float[] cPrev, int p0, float[] c, int c0) {
    int j = 0;
    for (int bound = S.loopBound(H); j < bound; j += L) {
      FloatVector i = FloatVector.fromArray(S, act, a0 + j);
      FloatVector f = FloatVector.fromArray(S, act, a0 + H + j);
      FloatVector g = FloatVector.fromArray(S, act, a0 + 2 * H + j);
      f.fma(FloatVector.fromArray(S, cPrev, p0 + j), i.mul(g)).intoArray(c, c0 + j);
    }
    for (; j < H; j++) c[c0 + j] = act[a0 + H + j] * cPrev[p0 + j] + act[a0 + j] * act[a0 + 2 * H + j];
  }

  /** z = x * y element-wise. */
  private static void multiply(int n, float[] x, int xOff, float[] y, int yOff, float[] z, int zOff) {
    int j = 0;
    for (int bound = S.loopBound(n); j < bound; j += L) {
      FloatVector.fromArray(S, x, xOff + j).mul(FloatVector.fromArray(S, y, yOff + j)).intoArray(z, zOff + j);
    }
    for (; j < n; j++) z[zOff + j] = x[xOff + j] * y[yOff + j];
  }

  /** One vector: {@link VectorMath}'s loops run whole vectors from the start of their range, then a scalar tail. */
  @Override
  public int elementwiseBlock() {
    return L;
  }

  @Override
  public int rowShareCount(int rows) {
    int threads = pool.threads();
    return threads > 1 && rows >= MIN_ROWS_PER_SHARE * threads ? threads : 1;
  }

  /**
   * Each share on a pool thread with one-thread vector kernels of its own ({@link #oneThreadKernels}): the same
   * GEMM and row kernels, so every row gets the bits it gets in a product over all rows.
   */
  @Override
  public void runRowShares(int[] cuts, RowShareJob job) {
    int parts = cuts.length - 1;
    if (parts > Math.max(1, rowShareCount(cuts[parts] - cuts[0]))) {
      throw new IllegalArgumentException(parts + " row shares of " + (cuts[parts] - cuts[0]) + " rows on "
          + pool.threads() + " threads (at most " + rowShareCount(cuts[parts] - cuts[0]) + ")");
    }
    if (parts == 1) {
      job.run(cuts[0], cuts[1], this);
      return;
    }
    Kernels[] single = oneThreadKernels();
    pool.run(parts, part -> job.run(cuts[part], cuts[part + 1], single[part]));
  }

  /** One-thread kernels, one per pool thread, made on first use (a pool of one has no threads to start). */
  private Kernels[] oneThreadKernels() {
    Kernels[] single = oneThread;
    if (single == null) {
      single = new Kernels[pool.threads()];
      for (int i = 0; i < single.length; i++) {
        single[i] = new VectorKernels(new WorkerPool(1, 0), DEFAULT_MIN_PARALLEL_FLOPS);
      }
      oneThread = single;
    }
    return single;
  }

  @Override
  public void lstmBackward(int rows, int hidden, float[] act, int actOff, float[] cPrev, int cPrevOff,
                           float[] tanhC, int tanhCOff, float[] dh, int dhOff, float[] dc, int dcOff,
                           float[] dGates, int dGatesOff) {
    if (rowParts(rows, 4 * hidden) == 1) {
      lstmBackwardRows(0, rows, hidden, act, actOff, cPrev, cPrevOff, tanhC, tanhCOff, dh, dhOff, dc, dcOff, dGates,
          dGatesOff);
      return;
    }
    forRows(rows, 4 * hidden, (from, to) -> lstmBackwardRows(from, to,
        hidden, act, actOff, cPrev, cPrevOff, tanhC, tanhCOff, dh, dhOff, dc, dcOff, dGates, dGatesOff));
  }

  private static void lstmBackwardRows(int rowFrom, int rowTo, int hidden, float[] act, int actOff, float[] cPrev,
                                       int cPrevOff, float[] tanhC, int tanhCOff, float[] dh, int dhOff, float[] dc,
                                       int dcOff, float[] dGates, int dGatesOff) {
    int H = hidden;
    int bound = S.loopBound(H);
    for (int r = rowFrom; r < rowTo; r++) {
      int g0 = actOff + r * 4 * H;
      int d0 = dGatesOff + r * 4 * H;
      int s0 = r * H;
      int j = 0;
      for (; j < bound; j += L) {
        FloatVector i = FloatVector.fromArray(S, act, g0 + j);
        FloatVector f = FloatVector.fromArray(S, act, g0 + H + j);
        FloatVector g = FloatVector.fromArray(S, act, g0 + 2 * H + j);
        FloatVector o = FloatVector.fromArray(S, act, g0 + 3 * H + j);
        FloatVector tc = FloatVector.fromArray(S, tanhC, tanhCOff + s0 + j);
        FloatVector dht = FloatVector.fromArray(S, dh, dhOff + s0 + j);
        FloatVector dct = dht.mul(o).mul(tc.neg().fma(tc, ONE))
            .add(FloatVector.fromArray(S, dc, dcOff + s0 + j)); // dc + dh*o*(1 - tanhC^2)
        dct.mul(g).mul(i).mul(i.neg().add(ONE)).intoArray(dGates, d0 + j);
        dct.mul(FloatVector.fromArray(S, cPrev, cPrevOff + s0 + j)).mul(f).mul(f.neg().add(ONE))
            .intoArray(dGates, d0 + H + j);
        dct.mul(i).mul(g.neg().fma(g, ONE)).intoArray(dGates, d0 + 2 * H + j);
        dht.mul(tc).mul(o).mul(o.neg().add(ONE)).intoArray(dGates, d0 + 3 * H + j);
        dct.mul(f).intoArray(dc, dcOff + s0 + j); // dcPrev
      }
      ScalarKernels.lstmBackwardRow(j, H, act, g0, cPrev, cPrevOff + s0, tanhC, tanhCOff + s0,
          dh, dhOff + s0, dc, dcOff + s0, dGates, d0);
    }
  }

  @Override
  public void gruForward(int rows, int hidden, float[] gx, int gxOff, float[] gh, int ghOff,
                         float[] hPrev, int hPrevOff, float[] h, int hOff) {
    if (rowParts(rows, 3 * hidden) == 1) {
      gruForwardRows(0, rows, hidden, gx, gxOff, gh, ghOff, hPrev, hPrevOff, h, hOff);
      return;
    }
    forRows(rows, 3 * hidden, (from, to) -> gruForwardRows(from, to,
        hidden, gx, gxOff, gh, ghOff, hPrev, hPrevOff, h, hOff));
  }

  private static void gruForwardRows(int rowFrom, int rowTo, int hidden, float[] gx, int gxOff, float[] gh, int ghOff,
                                     float[] hPrev, int hPrevOff, float[] h, int hOff) {
    int H = hidden;
    for (int row = rowFrom; row < rowTo; row++) {
      int x0 = gxOff + row * 3 * H;
      int r0 = ghOff + row * 3 * H;
      int s0 = row * H;
      add(2 * H, gh, r0, gx, x0); // [r z] pre-activations
      VectorMath.sigmoidRange(0, 2 * H, gx, x0, gx, x0); // r, z
      multiplyAdd(H, gx, x0, gh, r0 + 2 * H, gx, x0 + 2 * H); // gx_n + r * gh_n: reset applied after W_hn h
      VectorMath.tanhRange(0, H, gx, x0 + 2 * H, gx, x0 + 2 * H); // n
      gruOutput(H, gx, x0, hPrev, hPrevOff + s0, h, hOff + s0);
    }
  }

  /** y += x element-wise. */
  private static void add(int n, float[] x, int xOff, float[] y, int yOff) {
    int j = 0;
    for (int bound = S.loopBound(n); j < bound; j += L) {
      FloatVector.fromArray(S, x, xOff + j).add(FloatVector.fromArray(S, y, yOff + j)).intoArray(y, yOff + j);
    }
    for (; j < n; j++) y[yOff + j] += x[xOff + j];
  }

  /** z += x * y element-wise. */
  private static void multiplyAdd(int n, float[] x, int xOff, float[] y, int yOff, float[] z, int zOff) {
    int j = 0;
    for (int bound = S.loopBound(n); j < bound; j += L) {
      FloatVector.fromArray(S, x, xOff + j).fma(FloatVector.fromArray(S, y, yOff + j),
          FloatVector.fromArray(S, z, zOff + j)).intoArray(z, zOff + j);
    }
    for (; j < n; j++) z[zOff + j] += x[xOff + j] * y[yOff + j];
  }

  /** h = (1 - z) * n + z * hPrev for one row; {@code act} holds [r z n]. */
  private static void gruOutput(int H, float[] act, int a0, float[] hPrev, int p0, float[] h, int h0) {
    int j = 0;
    for (int bound = S.loopBound(H); j < bound; j += L) {
      FloatVector z = FloatVector.fromArray(S, act, a0 + H + j);
      FloatVector n = FloatVector.fromArray(S, act, a0 + 2 * H + j);
      z.fma(FloatVector.fromArray(S, hPrev, p0 + j).sub(n), n).intoArray(h, h0 + j); // n + z*(hPrev - n)
    }
    for (; j < H; j++) {
      float z = act[a0 + H + j], n = act[a0 + 2 * H + j];
      h[h0 + j] = (1f - z) * n + z * hPrev[p0 + j];
    }
  }

  @Override
  public void gruBackward(int rows, int hidden, float[] act, int actOff, float[] gh, int ghOff,
                          float[] hPrev, int hPrevOff, float[] dh, int dhOff,
                          float[] dGx, int dGxOff, float[] dGh, int dGhOff) {
    if (rowParts(rows, 3 * hidden) == 1) {
      gruBackwardRows(0, rows, hidden, act, actOff, gh, ghOff, hPrev, hPrevOff, dh, dhOff, dGx, dGxOff, dGh, dGhOff);
      return;
    }
    forRows(rows, 3 * hidden, (from, to) -> gruBackwardRows(from, to,
        hidden, act, actOff, gh, ghOff, hPrev, hPrevOff, dh, dhOff, dGx, dGxOff, dGh, dGhOff));
  }

  private static void gruBackwardRows(int rowFrom, int rowTo, int hidden, float[] act, int actOff, float[] gh,
                                      int ghOff, float[] hPrev, int hPrevOff, float[] dh, int dhOff, float[] dGx,
                                      int dGxOff, float[] dGh, int dGhOff) {
    int H = hidden;
    int bound = S.loopBound(H);
    for (int row = rowFrom; row < rowTo; row++) {
      int a0 = actOff + row * 3 * H;
      int h0 = ghOff + row * 3 * H;
      int d0 = row * 3 * H;
      int s0 = row * H;
      int j = 0;
      for (; j < bound; j += L) {
        FloatVector r = FloatVector.fromArray(S, act, a0 + j);
        FloatVector z = FloatVector.fromArray(S, act, a0 + H + j);
        FloatVector n = FloatVector.fromArray(S, act, a0 + 2 * H + j);
        FloatVector dht = FloatVector.fromArray(S, dh, dhOff + s0 + j);
        FloatVector oneMinusZ = z.neg().add(ONE);
        FloatVector dnPre = dht.mul(oneMinusZ).mul(n.neg().fma(n, ONE)); // dh*(1-z)*(1-n^2)
        FloatVector dzPre = dht.mul(FloatVector.fromArray(S, hPrev, hPrevOff + s0 + j).sub(n)).mul(z).mul(oneMinusZ);
        FloatVector drPre = dnPre.mul(FloatVector.fromArray(S, gh, h0 + 2 * H + j)).mul(r).mul(r.neg().add(ONE));
        drPre.intoArray(dGx, dGxOff + d0 + j);
        dzPre.intoArray(dGx, dGxOff + d0 + H + j);
        dnPre.intoArray(dGx, dGxOff + d0 + 2 * H + j);
        drPre.intoArray(dGh, dGhOff + d0 + j);
        dzPre.intoArray(dGh, dGhOff + d0 + H + j);
        dnPre.mul(r).intoArray(dGh, dGhOff + d0 + 2 * H + j);
        dht.mul(z).intoArray(dh, dhOff + s0 + j);
      }
      ScalarKernels.gruBackwardRow(j, H, act, a0, gh, h0, hPrev, hPrevOff + s0, dh, dhOff + s0,
          dGx, dGxOff + d0, dGh, dGhOff + d0);
    }
  }
}
