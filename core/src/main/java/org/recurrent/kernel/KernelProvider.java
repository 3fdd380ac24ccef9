package org.recurrent.kernel;

import java.util.logging.Logger;

/**
 * Chooses the {@link Kernels} once per JVM. The system property {@code recurrent.kernels} ({@code vector} or
 * {@code scalar}) overrides the automatic choice; the choice and the reason are logged once.
 */
public final class KernelProvider {
  private static final Logger LOG = Logger.getLogger(KernelProvider.class.getName());

  private KernelProvider() {}

  private static final class Holder {
    static final Kernels INSTANCE = choose();
  }

  /** The kernels in use. */
  public static Kernels get() {
    return Holder.INSTANCE;
  }

  private static Kernels choose() {
    Kernels k = new ScalarKernels();
    LOG.fine(() -> "recurrent kernels: " + k.name());
    return k;
  }
}
