package org.recurrent.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The benchmark's warm-up: untimed runs of a case until the JIT has settled, so the timed runs measure compiled code.
 *
 * <p>Runs continue until all of: {@code minIterations} runs, {@link #MIN_NANOS} elapsed, no JIT compilation
 * finished for {@link #SETTLED_NANOS} (the JVM's total compilation time unchanged), and none queued or running (the
 * {@code Compiler.queue} diagnostic command, what {@code jcmd PID Compiler.queue} prints); at most {@link #MAX_NANOS}.
 * Why not a fixed second: on two threads, the kernels' worker spins between jobs and takes the core the C2 compiler
 * threads need, so compilation ran on past the second, and the same batch-1 LSTM inference case timed 2.6 to 5.2 ms
 * in four JVMs after a one-second warm-up and 40 timed runs, against 1.7 to 2.1 ms over 200 runs (2026-12-02). Why
 * the queue as well: the total time moves only when a compilation ends, and one C2 compilation starved of its core
 * outlasts the 0.3 s. On a 2-core AMD EPYC (2026-12-03) that batch-1 case, six times in one JVM, four JVMs, timed
 * 1.1-1.3 ms in most cases and 3.7-5.3 ms in seven of 24 while C2 still compiled (jcmd showed
 * {@code LstmInference::forward} being compiled during the third case); without background compilation
 * ({@code -XX:-BackgroundCompilation}) all 24 timed 1.1-1.7 ms.
 */
final class WarmUp {
  static final long MIN_NANOS = 1_000_000_000L;
  static final long SETTLED_NANOS = 300_000_000L;
  static final long MAX_NANOS = 20_000_000_000L;

  /** The JIT's queue is asked at most this often: the diagnostic command costs more than a small case's run. */
  static final long QUEUE_POLL_NANOS = 20_000_000L;

  private final LongSupplier clock;          // nanoseconds
  private final LongSupplier compileMillis;  // total JIT compilation time so far, or -1 where not measured
  private final BooleanSupplier compiling;   // a compilation queued or running; false where it cannot be asked

  WarmUp(LongSupplier clock, LongSupplier compileMillis, BooleanSupplier compiling) {
    this.clock = clock;
    this.compileMillis = compileMillis;
    this.compiling = compiling;
  }

  /** The running JVM's clock, compilation time and compile queue. */
  static WarmUp ofThisJvm() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean measured = jit != null && jit.isCompilationTimeMonitoringSupported();
    return new WarmUp(System::nanoTime, measured ? jit::getTotalCompilationTime : () -> -1L, compileQueue());
  }

  /**
   * Whether HotSpot is compiling or has compilations queued, from its {@code Compiler.queue} diagnostic command;
   * on a JVM without that command, always false (the other conditions still hold).
   */
  private static BooleanSupplier compileQueue() {
    if (compilerQueueText() == null) return () -> false;
    return () -> {
      String queue = compilerQueueText();
      return queue != null && compiling(queue);
    };
  }

  /** What {@code jcmd PID Compiler.queue} prints for this JVM, or null where the command cannot be run. */
  static String compilerQueueText() {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName command = new ObjectName("com.sun.management:type=DiagnosticCommand");
      Object[] noArguments = {new String[0]};
      String[] signature = {String[].class.getName()};
      return (String) server.invoke(command, "compilerQueue", noArguments, signature);
    } catch (JMException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Whether the text of {@code Compiler.queue} lists any compilation: its sections ("Current compiles:", "C1
   * compile queue:", "C2 compile queue:") hold one line per compilation, or "Empty".
   */
  static boolean compiling(String queue) {
    for (String line : queue.split("\\R")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.endsWith(":") && !t.equals("Empty")) return true;
    }
    return false;
  }

  /** Runs {@code step} as the class comment says; returns how many times. {@code minIterations} 0: not at all. */
  int run(Runnable step, int minIterations) {
    if (minIterations <= 0) return 0;
    long start = clock.getAsLong(), lastChange = start, compiled = compileMillis.getAsLong();
    long lastPoll = Long.MIN_VALUE;
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
      if (runs >= minIterations && now - start >= MIN_NANOS && now - lastChange >= SETTLED_NANOS
          && (lastPoll == Long.MIN_VALUE || now - lastPoll >= QUEUE_POLL_NANOS)) {
        lastPoll = now;
        if (!compiling.getAsBoolean()) return runs;
      }
    }
  }
}
