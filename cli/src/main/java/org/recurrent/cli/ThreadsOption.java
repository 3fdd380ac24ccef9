package org.recurrent.cli;

import org.recurrent.kernel.KernelProvider;
import picocli.CommandLine.Option;

/**
 * {@code --threads N}, which train, eval, predict and bench take: how many cores the matrix kernels use, the
 * command's own thread included (the same as {@code -Drecurrent.threads=N}; see {@link KernelProvider}).
 */
final class ThreadsOption {
  @Option(names = "--threads", paramLabel = "N",
      description = "Cores the matrix kernels use (default: all available, or -Drecurrent.threads). "
      + "The scalar kernels (no Vector API) use one.")
  Integer threads;

  /** Hands --threads, if given, to the kernel provider; call before any work. */
  void apply() {
    if (threads == null) return;
    if (threads < 1) throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
    KernelProvider.useThreads(threads);
  }
}
