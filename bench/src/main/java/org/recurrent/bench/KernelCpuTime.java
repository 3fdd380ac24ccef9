package org.recurrent.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import org.recurrent.kernel.KernelProvider;
import org.recurrent.kernel.Kernels;
import org.recurrent.kernel.PackedMatrix;

/**
 * Kernel timings that hold on a shared machine: the minimum over repetitions of the calling thread's CPU time
 * ({@link ThreadMXBean#getCurrentThreadCpuTime}), so time the scheduler gave to other processes is not counted,
 * beside the minimum wall time. Meant for one thread ({@code -Drecurrent.threads=1}, the default here); with two,
 * only the wall column means anything. JMH ({@link GemmBenchmark}) reports wall-clock means, which a neighbour's
 * burst moves by 2x on a 2-core machine.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar org.recurrent.bench.KernelCpuTime \
 *     [--reps N] CASE...
 * CASE  MxNxKxFLAGS   gemm, FLAGS the transposes of op(A), op(B) (N as stored, T transposed), e.g. 1024x256x6400xTN;
 *                     FLAGS PP: gemmPacked with B (N, K) packed once, the per-step product (64x1024x256xPP)
 *       lstm:RxH       one fused LSTM gate step (lstmForward) over R rows of H units, e.g. lstm:64x256
 *       gru:RxH        one fused GRU gate step (gruForward)
 * }</pre>
 * Each case runs {@code reps} times (default 40) after up to 2000 untimed warm-up calls (at most 2 s) of its own;
 * the whole list runs twice and only the second pass is printed.
 */
public final class KernelCpuTime {
  private KernelCpuTime() {}

  public static void main(String[] args) {
    if (System.getProperty("recurrent.threads") == null) System.setProperty("recurrent.threads", "1");
    int reps = 40;
    int first = 0;
    if (args.length >= 2 && args[0].equals("--reps")) {
      reps = Integer.parseInt(args[1]);
      first = 2;
    }
    if (args.length <= first) {
      System.err.println("usage: KernelCpuTime [--reps N] CASE...   (see the class comment)");
      System.exit(2);
    }
    Kernels k = KernelProvider.get();
    System.out.println("kernels: " + KernelProvider.description());
    for (int pass = 0; pass < 2; pass++) {
      for (int i = first; i < args.length; i++) {
        String line = run(k, args[i], reps);
        if (pass == 1) System.out.println(line);
      }
    }
  }

  private static String run(Kernels k, String spec, int reps) {
    SplittableRandom rnd = new SplittableRandom(1);
    Runnable body;
    double flops;
    if (spec.startsWith("lstm:") || spec.startsWith("gru:")) {
      boolean lstm = spec.startsWith("lstm:");
      String[] f = spec.substring(spec.indexOf(':') + 1).split("x");
      int rows = Integer.parseInt(f[0]), h = Integer.parseInt(f[1]), g = (lstm ? 4 : 3) * h;
      float[] source = fill(rnd, rows * g), gates = new float[rows * g], other = fill(rnd, rows * g);
      float[] prev = fill(rnd, rows * h), c = new float[rows * h], tanhC = new float[rows * h];
      float[] out = new float[rows * h];
      body = lstm
          ? () -> {
            System.arraycopy(source, 0, gates, 0, gates.length);
            k.lstmForward(rows, h, gates, 0, prev, 0, c, 0, tanhC, 0, out, 0);
          }
          : () -> {
            System.arraycopy(source, 0, gates, 0, gates.length);
            k.gruForward(rows, h, gates, 0, other, 0, prev, 0, out, 0);
          };
      flops = 0; // element-wise: no GFLOP/s column
    } else {
      String[] f = spec.split("x");
      if (f.length != 4) {
        throw new IllegalArgumentException("case '" + spec + "': expected MxNxKxFLAGS, lstm:RxH or gru:RxH");
      }
      int m = Integer.parseInt(f[0]), n = Integer.parseInt(f[1]), kk = Integer.parseInt(f[2]);
      float[] a = fill(rnd, m * kk), b = fill(rnd, kk * n), c = new float[m * n];
      if (f[3].equals("PP")) {
        PackedMatrix packed = k.packB(true, kk, n, b, 0, kk);
        body = () -> k.gemmPacked(m, 1f, a, 0, kk, packed, 0f, c, 0, n);
      } else {
        boolean tA = f[3].charAt(0) == 'T', tB = f[3].charAt(1) == 'T';
        body = () -> k.gemm(tA, tB, m, n, kk, 1f, a, 0, tA ? m : kk, b, 0, tB ? kk : n, 0f, c, 0, n);
      }
      flops = 2.0 * m * n * kk;
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // warm up: C2 compiles the kernels' loops only after thousands of calls (a gate step timed after 100 calls ran
    // 2-4x slower than after 2000)
    long warmEnd = System.nanoTime() + 2_000_000_000L;
    for (int i = 0; i < 2000 && System.nanoTime() < warmEnd; i++) body.run();
    long cpu = Long.MAX_VALUE, wall = Long.MAX_VALUE;
    for (int i = 0; i < reps; i++) {
      long c0 = threads.getCurrentThreadCpuTime(), w0 = System.nanoTime();
      body.run();
      long c1 = threads.getCurrentThreadCpuTime(), w1 = System.nanoTime();
      cpu = Math.min(cpu, c1 - c0);
      wall = Math.min(wall, w1 - w0);
    }
    String rate = flops > 0 ? String.format("  %6.1f GFLOP/s (cpu)", flops / cpu) : "";
    return String.format("%-20s cpu-min %9.1f us  wall-min %9.1f us%s", spec, cpu / 1e3, wall / 1e3, rate);
  }

  private static float[] fill(SplittableRandom rnd, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) rnd.nextDouble(-1, 1);
    return x;
  }
}
