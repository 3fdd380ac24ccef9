package org.recurrent.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * This host's float FMA peak, measured rather than assumed: the denominator of {@code recurrent bench}'s peak%.
 *
 * <p>Each thread runs a loop of {@link #ACCUMULATORS} independent fused multiply-adds {@code acc = a * b + acc} on
 * vectors of the preferred species (8 lanes with AVX2, 16 with AVX-512), so the FMA units never wait on one
 * result (latency 4 cycles x 2 ports needs at least 8 chains in flight; 12 leave room and still fit AVX2's 16
 * registers with {@code a} and {@code b}). The chains run through the addend, as a GEMM's accumulators do: on an
 * AMD EPYC (Zen 3) the form {@code acc = acc * a + b}, the chain through a multiplicand, ran at 78-80 GFLOP/s on one
 * thread against 97-98 for this one (a stand-alone copy of both loops, five alternations), so the peak it gave was
 * below what the GEMM's per-step product reached (89 GFLOP/s) and every peak% above it was 1.2x too high. One
 * thread per core is started at once; the rate is {@code threads * flops(iterations) / wall time}, the best of a
 * few trials, so a neighbour's burst lowers at most one trial. FLOPs count 2 per lane per FMA, as the GEMM FLOPs of the bench do.
 *
 * <p>This lives in the command line, not in core's kernels: it measures the machine and computes nothing for a
 * model. It needs {@code jdk.incubator.vector} in the boot layer (the launcher adds it); check
 * {@link #available()} before touching anything else here.
 */
final class PeakFlops {
  /** Independent FMA chains per thread. */
  static final int ACCUMULATORS = 12;
  private static final int TRIALS = 5;
  /** Wall time one trial aims at. */
  private static final double TRIAL_SECONDS = 0.05;
  /** Calls of a short loop before timing anything: past C2's compile threshold (10,000 invocations). */
  private static final int WARMUP_CALLS = 20_000;

  /** The rate measured with {@code threads} threads at once. */
  record Rate(int threads, double gflops) {}

  private PeakFlops() {}

  /** True when the Vector API module is present, so this class's loops can run. */
  static boolean available() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  /** Float lanes of the preferred species. */
  static int lanes() {
    return Loop.S.length();
  }

  /** FLOPs of {@link #run} with {@code iterations} on one thread: ACCUMULATORS FMAs of {@code lanes} lanes, 2 each. */
  static double flops(long iterations, int lanes) {
    return 2.0 * iterations * ACCUMULATORS * lanes;
  }

  /**
   * The FMA loop: {@code iterations} rounds of {@code acc_k = a * b + acc_k} for each of the ACCUMULATORS
   * accumulators (all lanes starting at 0); returns the sum over every lane of every accumulator, which keeps
   * the loop from being optimised away and, with {@code a = b = 1}, equals the FMA count per lane times the lanes
   * ({@code flops / 2}), exact while it stays below 2^24.
   */
  static float run(int iterations, float a, float b) {
    return Loop.run(iterations, a, b);
  }

  /** Rates for 1, 2, ..., {@code maxThreads} threads. */
  static List<Rate> measure(int maxThreads) throws InterruptedException {
    int iterations = calibrate();
    List<Rate> rates = new ArrayList<>();
    for (int t = 1; t <= maxThreads; t++) rates.add(measure(t, iterations));
    return rates;
  }

  /**
   * Iterations that take about TRIAL_SECONDS on one thread. The loop is first called often enough for the JIT
   * to compile it with the vector intrinsics (interpreted, the Vector API is a thousand times slower), then timed
   * at doubling lengths until one call takes a quarter of a trial.
   */
  private static int calibrate() {
    for (int k = 0; k < WARMUP_CALLS; k++) sink += run(1000, A, B);
    int iterations = 1 << 12;
    while (true) {
      long t0 = System.nanoTime();
      sink += run(iterations, A, B);
      double s = (System.nanoTime() - t0) / 1e9;
      if (s > TRIAL_SECONDS / 4 || iterations > Integer.MAX_VALUE / 4) {
        return (int) Math.min(Integer.MAX_VALUE / 2, Math.max(1, iterations * TRIAL_SECONDS / s));
      }
      iterations *= 2;
    }
  }

  private static Rate measure(int threads, int iterations) throws InterruptedException {
    double best = Double.MAX_VALUE;
    for (int trial = 0; trial < TRIALS; trial++) {
      CyclicBarrier start = new CyclicBarrier(threads + 1);
      List<Thread> workers = new ArrayList<>();
      for (int k = 0; k < threads; k++) {
        Thread w = new Thread(() -> {
          await(start);
          float r = run(iterations, A, B);
          synchronized (PeakFlops.class) {
            sink += r;
          }
        }, "peak-fma-" + k);
        w.setDaemon(true);
        w.start();
        workers.add(w);
      }
      long t0 = System.nanoTime();   // before the release: a worker may finish before await() returns here
      await(start);
      for (Thread w : workers) w.join();
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    return new Rate(threads, threads * flops(iterations, lanes()) / best / 1e9);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException("peak measurement interrupted", e);
    }
  }

  /** Read from fields, so the JIT cannot fold the multiply-add into a constant. */
  private static volatile float A = 1f, B = 1f;
  private static volatile float sink;

  /** The only code touching the Vector API; a nested class so {@link #available()} loads none of it. */
  private static final class Loop {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    static float run(int iterations, float a, float b) {
      FloatVector va = FloatVector.broadcast(S, a), vb = FloatVector.broadcast(S, b);
      FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0,
          c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
      for (int n = 0; n < iterations; n++) {
        c0 = va.fma(vb, c0);    // c = a * b + c, the GEMM's form
        c1 = va.fma(vb, c1);
        c2 = va.fma(vb, c2);
        c3 = va.fma(vb, c3);
        c4 = va.fma(vb, c4);
        c5 = va.fma(vb, c5);
        c6 = va.fma(vb, c6);
        c7 = va.fma(vb, c7);
        c8 = va.fma(vb, c8);
        c9 = va.fma(vb, c9);
        c10 = va.fma(vb, c10);
        c11 = va.fma(vb, c11);
      }
      FloatVector sum = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11);
      return sum.reduceLanes(VectorOperators.ADD);
    }
  }
}
