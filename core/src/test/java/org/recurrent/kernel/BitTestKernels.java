package org.recurrent.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

/**
 * What the kernel tests that compare bits share: the vector kernels on one thread and with every product split over
 * two (their pools are daemon threads that live as long as the test JVM), random inputs, and a bit-for-bit check
 * that names the first differing element.
 */
final class BitTestKernels {
  private static final WorkerPool ONE = new WorkerPool(1, WorkerPool.DEFAULT_SPIN_NANOS);
  private static final WorkerPool TWO = new WorkerPool(2, WorkerPool.DEFAULT_SPIN_NANOS);

  /** Vector kernels on one thread. */
  static final Kernels VECTOR_ONE_THREAD = new VectorKernels(ONE, Long.MAX_VALUE);
  /** Vector kernels splitting every product and row loop over two threads, however small. */
  static final Kernels VECTOR_TWO_THREADS = new VectorKernels(TWO, 0);
  static final Kernels SCALAR = new ScalarKernels();
  /** The three above, for a test that holds every implementation and split to the same bits. */
  static final Kernels[] ALL = {SCALAR, VECTOR_ONE_THREAD, VECTOR_TWO_THREADS};

  private BitTestKernels() {}

  static float[] fill(SplittableRandom rnd, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) x[i] = (float) rnd.nextDouble(-1, 1);
    return x;
  }

  static void assertBits(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int j = 0; j < expected.length; j++) {
      if (Float.floatToRawIntBits(expected[j]) != Float.floatToRawIntBits(actual[j])) {
        fail(what + ": first difference at " + j + ": expected " + expected[j] + ", got " + actual[j]);
      }
    }
  }
}
