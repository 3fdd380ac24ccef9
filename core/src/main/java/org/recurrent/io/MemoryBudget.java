package org.recurrent.io;

import java.util.Locale;

/**
 * What a job may allocate, checked before it allocates: sizes read from configs, model files and command-line
 * flags are untrusted, and {@code num_layers: 1000000} must be a one-line error with the numbers, not an
 * {@link OutOfMemoryError} minutes later. Estimates are in bytes of float32 values against
 * {@link Runtime#maxMemory()}, leaving room ({@link #USABLE_FRACTION}) for everything the estimate leaves out.
 */
public final class MemoryBudget {

  /** The share of the heap an estimate may claim; the rest is for batches, the data and the JVM itself. */
  public static final double USABLE_FRACTION = 0.75;

  /** How a user raises the heap, for the messages. */
  public static final String RAISE_HEAP = "raise the heap (./recurrent: RECURRENT_HEAP=8g; plain java: -Xmx8g)";

  private MemoryBudget() {}

  /** The heap this JVM may grow to, in bytes. */
  public static long heap() {
    return Runtime.getRuntime().maxMemory();
  }

  /** The bytes an estimate may claim. */
  public static long usable() {
    return (long) (heap() * USABLE_FRACTION);
  }

  /**
   * Refuses an allocation of {@code floats} float32 values (given as a double, so that products of sizes never
   * overflow) when it exceeds {@link #usable()}.
   *
   * @param what  what needs the memory, e.g. "the model needs ~{size} of parameters+gradients+optimizer state"
   *              with {@code {size}} where the estimate goes
   * @param lower which setting to lower, e.g. "hidden_size, num_layers or embedding_dim"
   */
  public static void requireFloats(double floats, String what, String lower) {
    double bytes = floats * Float.BYTES;
    if (!(bytes <= usable())) {
      throw new IllegalArgumentException(what.replace("{size}", "~" + size(bytes)) + "; the heap holds " + size(heap())
          + ". HINT: lower " + lower + ", or " + RAISE_HEAP);
    }
  }

  /**
   * Bytes in the binary units {@code -Xmx} and {@code RECURRENT_HEAP} use, so that every message about memory
   * speaks one unit: GiB with two decimals from 1 GiB, else MiB: "3.20 GiB", "989 MiB". (A heap set to 1g shows
   * a little under "1.00 GiB" usable: the JVM keeps a survivor space out of {@link Runtime#maxMemory()}.)
   */
  public static String size(double bytes) {
    double gib = bytes / (1L << 30);
    if (gib >= 1e6) return String.format(Locale.ROOT, "%.3g GiB", gib);
    if (gib >= 1) return String.format(Locale.ROOT, "%.2f GiB", gib);
    return String.format(Locale.ROOT, "%.0f MiB", bytes / (1 << 20));
  }
}
