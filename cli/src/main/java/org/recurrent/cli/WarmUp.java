package org.recurrent.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * The benchmark's warm-up: untimed runs of a case until the JIT has settled, so the timed runs measure compiled code.
 *
 * <p>Runs continue until all of: {@code minIterations} runs, {@link #MIN_NANOS} elapsed, and no JIT compilation
 * finished for {@link #SETTLED_NANOS} (the JVM's total compilation time unchanged); at most {@link #MAX_NANOS}. Why
 * not a fixed second: on two threads, the kernels' worker spins between jobs and takes the core the C2 compiler
 * threads need, so compilation ran on past the second, and the same batch-1 LSTM inference case timed 2.6 to 5.2 ms
 * in four JVMs after a one-second warm-up and 40 timed runs, against 1.7 to 2.1 ms over 200 runs (2026-12-02).
 */
final class WarmUp {
  static final long MIN_NANOS = 1_000_000_000L;
  static final long SETTLED_NANOS = 300_000_000L;
  static final long MAX_NANOS = 20_000_000_000L;

  private final LongSupplier clock;          // nanoseconds
  private final LongSupplier compileMillis;  // total JIT compilation time so far, or -1 where not measured

  WarmUp(LongSupplier clock, LongSupplier compileMillis) {
    this.clock = clock;
    this.compileMillis = compileMillis;
  }

  /** The running JVM's clock and compilation time. */
  static WarmUp ofThisJvm() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean measured = jit != null && jit.isCompilationTimeMonitoringSupported();
    return new WarmUp(System::nanoTime, measured ? jit::getTotalCompilationTime : () -> -1L);
  }

  /** Runs {@code step} as the class comment says; returns how many times. {@code minIterations} 0: not at all. */
  int run(Runnable step, int minIterations) {
    if (minIterations <= 0) return 0;
    long start = clock.getAsLong(), lastChange = start, compiled = compileMillis.getAsLong();
    int runs = 0;
    while (true) {
      step.run();
      runs++;
      long now = clock.getAsLong(), c = compileMillis.getAsLong();
      if (c != compiled) {
        compiled = c;
        lastChange = now;
      }
      if (now - start >= MAX_NANOS) return runs;
      if (runs >= minIterations && now - start >= MIN_NANOS && now - lastChange >= SETTLED_NANOS) return runs;
    }
  }
}
