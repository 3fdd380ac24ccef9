package org.recurrent.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.recurrent.kernel.KernelProvider;
import org.recurrent.kernel.Kernels;
import org.recurrent.kernel.PackedMatrix;

/**
 * Time per GEMM at the shapes a recurrent layer produces (float32). GFLOP/s = 2 M N K / time.
 * <pre>{@code
 * shape "MxNxKxmode" (x, not commas: JMH splits -p values at commas); mode P = gemmPacked with weights stored (N, K) (transB), the per-step product;
 *                     otherwise the transpose flags of op(A), op(B): N = as stored, T = transposed
 * 64x1024x256xP    per step, B=64, H=256 LSTM: h W_hh^T          64x512x128xP  per step, H=128 LSTM
 * 1x1024x256xP     per step, batch-1 inference
 * 6400x1024x128xNT input projection of all T*B = 6400 rows: X W_ih^T
 * 1024x256x6400xTN weight gradient dW = dGates^T H over all steps
 * 6400x128x1024xNN input gradient dX = dGates W_ih
 * }</pre>
 * Each parameter combination runs in its own fork, so {@code threads} reaches {@link KernelProvider} through the
 * {@code recurrent.threads} property before the kernels are first chosen.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {

  @Param({"64x1024x256xP", "64x512x128xP", "1x1024x256xP", "6400x1024x128xNT", "1024x256x6400xTN",
      "6400x128x1024xNN"})
  public String shape;

  @Param({"1", "2"})
  public int threads;

  @Param({"vector"})
  public String kernels;

  private Kernels k;
  private int m, n, kk, lda, ldb;
  private boolean packed, transA, transB;
  private float[] a, b, c;
  private PackedMatrix packedB;

  @Setup
  public void setUp() {
    System.setProperty("recurrent.threads", Integer.toString(threads));
    System.setProperty("recurrent.kernels", kernels);
    k = KernelProvider.get();
    System.err.println("kernels: " + KernelProvider.description());
    String[] f = shape.split("x");
    m = Integer.parseInt(f[0]);
    n = Integer.parseInt(f[1]);
    kk = Integer.parseInt(f[2]);
    packed = f[3].equals("P");
    transA = !packed && f[3].charAt(0) == 'T';
    transB = packed || f[3].charAt(1) == 'T';
    lda = transA ? m : kk;
    ldb = transB ? kk : n;
    SplittableRandom rnd = new SplittableRandom(42);
    a = fill(rnd, m * kk);
    b = fill(rnd, kk * n);
    c = new float[m * n];
    if (packed) packedB = k.packB(true, kk, n, b, 0, kk);
  }

  private static float[] fill(SplittableRandom rnd, int size) {
    float[] x = new float[size];
    for (int i = 0; i < size; i++) x[i] = (float) rnd.nextDouble(-1, 1);
    return x;
  }

  @Benchmark
  public float[] gemm() {
    if (packed) {
      k.gemmPacked(m, 1f, a, 0, kk, packedB, 0f, c, 0, n);
    } else {
      k.gemm(transA, transB, m, n, kk, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
    }
    return c;
  }
}
