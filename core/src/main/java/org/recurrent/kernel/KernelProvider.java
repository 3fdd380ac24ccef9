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
    String forced = System.getProperty("recurrent.kernels", "").trim();
    boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    Kernels k;
    String why;
    if (forced.equals("scalar")) {
      k = new ScalarKernels();
      why = "forced by -Drecurrent.kernels=scalar";
    } else if (!vectorModule) {
      if (forced.equals("vector")) {
        throw new IllegalStateException("-Drecurrent.kernels=vector but the JVM lacks jdk.incubator.vector; "
            + "start java with --add-modules jdk.incubator.vector");
      }
      k = new ScalarKernels();
      why = "jdk.incubator.vector not loaded (start java with --add-modules jdk.incubator.vector)";
    } else {
      k = new VectorKernels();
      why = forced.equals("vector") ? "forced by -Drecurrent.kernels=vector" : "jdk.incubator.vector available";
    }
    description = k.name() + ": " + why;
    LOG.fine(() -> "recurrent kernels: " + description);
    return k;
  }

  private static volatile String description;

  /** Which kernels are in use and why, e.g. for the CLI's version and bench output. */
  public static String description() {
    get();
    return description;
  }
}
