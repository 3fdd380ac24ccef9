package org.recurrent.kernel;

import java.util.Locale;
import java.util.logging.Logger;

/**
 * Chooses the {@link Kernels} once per JVM, Lucene-style: {@link VectorKernels} when the incubating
 * {@code jdk.incubator.vector} module is in the boot layer (run with {@code --add-modules jdk.incubator.vector})
 * and the preferred float species has at least {@link #MIN_LANES} lanes, otherwise {@link ScalarKernels}.
 *
 * <p>Four lanes (128-bit SSE or NEON) are enough: the blocked, register-tiled vector GEMM beats the plain scalar
 * loops by far more than the lane count even there, and all vector kernels are written for any lane count. Only
 * the 64-bit species (two float lanes) would not pay for itself.
 *
 * <p>System properties: {@code recurrent.kernels=vector|scalar} forces a choice (forcing {@code vector} without
 * the module fails with a hint); {@code recurrent.threads} sets the GEMM threads, caller included (default: the
 * available processors). The choice and its reason are logged once at FINE and returned by {@link #description()}.
 * {@link #useThreads(int)} changes the thread count later (the command line's {@code --threads}).
 */
public final class KernelProvider {
  private static final Logger LOG = Logger.getLogger(KernelProvider.class.getName());
  /** Fewest float lanes for which the vector kernels are chosen automatically. */
  public static final int MIN_LANES = 4;
  private static final String VECTOR_MODULE = "jdk.incubator.vector";

  private KernelProvider() {}

  /** The kernels, why they were chosen, and the thread count asked for (the scalar kernels use one whatever it is). */
  record Choice(Kernels kernels, String description, int threads) {
    Choice(Kernels kernels, String description) {
      this(kernels, description, kernels.threads());
    }
  }

  /** Chosen on first use; replaced only by {@link #useThreads(int)}. */
  private static volatile Choice choice;

  private static Choice choice() {
    Choice c = choice;
    if (c == null) {
      synchronized (KernelProvider.class) {
        c = choice;
        if (c == null) choice = c = choose();
      }
    }
    return c;
  }

  /** The kernels in use. */
  public static Kernels get() {
    return choice().kernels();
  }

  /**
   * Use {@code threads} threads (the caller's included) for the GEMM from now on, as {@code -Drecurrent.threads}
   * would at start-up; the same kind of kernels is chosen again. Call it before work starts, not during: kernels
   * already handed out keep their threads. The scalar kernels are single-threaded whatever is asked.
   */
  public static synchronized void useThreads(int threads) {
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    Choice c = choice;
    if (c != null && c.threads() == threads) return;
    Choice next = choose(System.getProperty("recurrent.kernels", ""), threads);
    LOG.fine(() -> "recurrent kernels: " + next.description());
    choice = next;
  }

  /**
   * Which kernels are in use and why, for verbose and benchmark output, e.g.
   * {@code "vector (256-bit, 8 lanes, 2 threads): jdk.incubator.vector available"}.
   */
  public static String description() {
    return choice().description();
  }

  private static Choice choose() {
    int threads = threads();
    Choice c = choose(System.getProperty("recurrent.kernels", ""), threads);
    LOG.fine(() -> "recurrent kernels: " + c.description());
    return c;
  }

  static Choice choose(String forced, int threads) {
    boolean modulePresent = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    switch (forced.toLowerCase(Locale.ROOT)) {
      case "scalar" -> {
        return new Choice(new ScalarKernels(), "scalar: forced by -Drecurrent.kernels=scalar");
      }
      case "vector" -> {
        if (!modulePresent) {
          throw new IllegalStateException("-Drecurrent.kernels=vector but the " + VECTOR_MODULE
              + " module is not loaded. HINT: run java with --add-modules " + VECTOR_MODULE);
        }
        return vector(threads, "forced by -Drecurrent.kernels=vector");
      }
      case "" -> { }
      default -> throw new IllegalArgumentException(
          "recurrent.kernels must be 'vector' or 'scalar', got '" + forced + "'");
    }
    if (!modulePresent) {
      return new Choice(new ScalarKernels(), "scalar: " + VECTOR_MODULE
          + " not available (run java with --add-modules " + VECTOR_MODULE + " for the fast kernels)");
    }
    try {
      int lanes = VectorKernels.lanes();
      if (lanes < MIN_LANES) {
        return new Choice(new ScalarKernels(), "scalar: preferred vector species has only " + lanes
            + " float lanes (need " + MIN_LANES + ")");
      }
      return vector(threads, VECTOR_MODULE + " available");
    } catch (LinkageError e) {
      return new Choice(new ScalarKernels(), "scalar: " + VECTOR_MODULE + " failed to load (" + e + ")");
    }
  }

  private static Choice vector(int threads, String reason) {
    VectorKernels kernels = new VectorKernels(threads);
    return new Choice(kernels, "vector (" + VectorKernels.vectorBits() + "-bit, " + VectorKernels.lanes()
        + " lanes, " + threads + (threads == 1 ? " thread" : " threads") + "): " + reason);
  }

  private static int threads() {
    String value = System.getProperty("recurrent.threads");
    if (value == null || value.isBlank()) return Runtime.getRuntime().availableProcessors();
    int threads;
    try {
      threads = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("recurrent.threads must be a positive integer, got '" + value + "'", e);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("recurrent.threads must be a positive integer, got '" + value + "'");
    }
    return threads;
  }
}
