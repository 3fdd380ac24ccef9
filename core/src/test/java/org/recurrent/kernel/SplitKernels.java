package org.recurrent.kernel;

/**
 * Vector kernels on a given number of threads that split every product and row loop however small, for tests
 * outside this package that hold a split pass to the bits of the unsplit one (the pools are daemon threads that
 * live as long as the test JVM).
 */
public final class SplitKernels {
  private static final Kernels[] BY_THREADS = new Kernels[5];

  private SplitKernels() {}

  /**
   * Kernels on {@code threads} threads (1 to 4), the same instance on every call; on one thread, the reference a
   * split is held to (whatever kernels {@code KernelProvider} picked for the test JVM).
   */
  public static synchronized Kernels vector(int threads) {
    if (threads < 1 || threads >= BY_THREADS.length) throw new IllegalArgumentException("threads " + threads);
    if (BY_THREADS[threads] == null) {
      BY_THREADS[threads] = new VectorKernels(new WorkerPool(threads, WorkerPool.DEFAULT_SPIN_NANOS),
          threads == 1 ? Long.MAX_VALUE : 0);
    }
    return BY_THREADS[threads];
  }
}
